//! Japanese national holidays (祝日), computed from the law's rules rather than from a table.
//!
//! Sources of the rules: 国民の祝日に関する法律 (1948, with its amendments of 1985, 1998, 2001,
//! 2005, 2014, 2018), the 2019 enthronement law (天皇の即位の日及び即位礼正殿の儀の行われる日を
//! 休日とする法律) and the Olympic special measures law (2020, 2021). The test suite checks every
//! year 2000–2050 against the Cabinet Office's list (as republished by holiday-jp).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{CalendarError, FIRST_YEAR, LAST_YEAR};
use crate::sort::stable_sort_by_key;

/// Why a day is a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A national holiday named in the law (国民の祝日), including days moved by special laws.
    National,
    /// 振替休日: replaces a national holiday that fell on a Sunday.
    Substitute,
    /// 国民の休日: an ordinary day sandwiched between two national holidays.
    Citizens,
    /// A one-off day made a holiday by a special law (2019 enthronement days, 休日（祝日扱い）).
    OneOff,
    /// Added by the operator's calendar overrides, not by law.
    Operator,
}

/// A day off, named in both languages.
///
/// `name_ja` is exactly the name the Cabinet Office uses (e.g. `こどもの日 振替休日`, `休日`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    #[serde(with = "crate::dates::wire::date")]
    pub date: NaiveDate,
    pub name_ja: String,
    pub name_en: String,
    pub kind: HolidayKind,
}

/// The law's holidays of `year`, sorted by date (R2). Operator overrides are not applied; use
/// [`BusinessCalendar::holidays_in_year`](super::BusinessCalendar::holidays_in_year) for those.
///
/// Only 2000–2099 are supported: before 2000 the Happy Monday rules did not exist yet and the
/// equinox approximation is only valid up to 2099.
///
/// ```
/// use fwportal_core::calendar::law_holidays;
///
/// let days = law_holidays(2026).unwrap();
/// let silver_week: Vec<_> = days
///     .iter()
///     .filter(|h| h.date.format("%m").to_string() == "09")
///     .map(|h| (h.date.to_string(), h.name_ja.as_str()))
///     .collect();
/// assert_eq!(
///     silver_week,
///     [
///         ("2026-09-21".to_string(), "敬老の日"),
///         ("2026-09-22".to_string(), "休日"),
///         ("2026-09-23".to_string(), "秋分の日"),
///     ]
/// );
/// assert!(law_holidays(1999).is_err());
/// ```
pub fn law_holidays(year: i32) -> Result<Vec<Holiday>, CalendarError> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(CalendarError::YearOutOfRange { year });
    }
    let national = national_days(year);
    let mut all: Vec<Holiday> = national.clone();
    let is_national = |d: NaiveDate| national.iter().any(|h| h.date == d);

    for h in &national {
        if h.date.weekday() != Weekday::Sun {
            continue;
        }
        if let Some(day) = substitute_for(h.date, year, &is_national) {
            // The Cabinet Office lists substitutes only as 休日; the names come from
            // holiday-jp, which names a substitute after the holiday on the day before it
            // (so a Golden Week substitute on 5/6 is always こどもの日's), except in 2020
            // where it names the Sunday holiday itself (憲法記念日). We follow the reference
            // names exactly, since both the app and the operators compare against them.
            let named_after = if year == 2020 {
                h
            } else {
                day.pred_opt()
                    .and_then(|before| national.iter().find(|x| x.date == before))
                    .unwrap_or(h)
            };
            all.push(Holiday {
                date: day,
                name_ja: format!("{} 振替休日", named_after.name_ja),
                name_en: format!("Substitute holiday for {}", named_after.name_en),
                kind: HolidayKind::Substitute,
            });
        }
    }

    // 国民の休日 is decided after the substitutes: a substitute day is already a holiday and
    // so cannot also be a citizens' holiday.
    let mut citizens = Vec::new();
    for h in &national {
        let Some(day) = h.date.succ_opt() else {
            continue;
        };
        let Some(after) = day.succ_opt() else {
            continue;
        };
        let already_off = all.iter().any(|x| x.date == day);
        // Until 2006 the law excluded Sundays explicitly; from 2007 the sandwiched day only has
        // to be an ordinary day (a Sunday cannot occur there with the current holiday dates).
        let sunday_excluded = year < 2007 && day.weekday() == Weekday::Sun;
        if !already_off && !sunday_excluded && is_national(after) {
            citizens.push(Holiday {
                date: day,
                name_ja: "休日".to_owned(),
                name_en: "Citizens' holiday".to_owned(),
                kind: HolidayKind::Citizens,
            });
        }
    }
    all.extend(citizens);
    stable_sort_by_key(&mut all, holiday_date);
    all.dedup_by_key(|h| h.date);
    Ok(all)
}

/// The day that replaces a national holiday falling on `sunday`, if any.
fn substitute_for(
    sunday: NaiveDate,
    year: i32,
    is_national: &impl Fn(NaiveDate) -> bool,
) -> Option<NaiveDate> {
    let monday = sunday.succ_opt()?;
    if year < 2007 {
        // 1973–2006: only the Monday, and only if the Monday is not itself a holiday.
        return (!is_national(monday)).then_some(monday);
    }
    // From 2007: the nearest following day that is not a national holiday. Golden Week is the
    // longest run of consecutive holidays (3 days), so a week bounds the search.
    (1..=7u64)
        .filter_map(|n| sunday.checked_add_days(Days::new(n)))
        .find(|d| !is_national(*d))
}

/// 国民の祝日 proper (and the 2019 one-offs, which the special law treats as such) for `year`.
fn national_days(year: i32) -> Vec<Holiday> {
    use HolidayKind::{National, OneOff};

    let mut days: Vec<(Option<NaiveDate>, &str, &str, HolidayKind)> = Vec::with_capacity(20);
    let mut push = |date: Option<NaiveDate>, ja: &'static str, en: &'static str| {
        days.push((date, ja, en, National));
    };
    let md = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let nth_monday = |m: u32, n: u8| NaiveDate::from_weekday_of_month_opt(year, m, Weekday::Mon, n);

    push(md(1, 1), "元日", "New Year's Day");
    // Happy Monday (2000): from 1/15 to the second Monday of January.
    push(nth_monday(1, 2), "成人の日", "Coming of Age Day");
    push(md(2, 11), "建国記念の日", "National Foundation Day");
    if year >= 2020 {
        push(md(2, 23), "天皇誕生日", "Emperor's Birthday");
    }
    push(
        md(3, vernal_equinox_day(year)),
        "春分の日",
        "Vernal Equinox Day",
    );
    if year >= 2007 {
        push(md(4, 29), "昭和の日", "Showa Day");
    } else {
        push(md(4, 29), "みどりの日", "Greenery Day");
    }
    push(md(5, 3), "憲法記念日", "Constitution Memorial Day");
    if year >= 2007 {
        push(md(5, 4), "みどりの日", "Greenery Day");
    }
    push(md(5, 5), "こどもの日", "Children's Day");
    let marine_day = match year {
        ..=2002 => md(7, 20),
        2020 => md(7, 23),
        2021 => md(7, 22),
        _ => nth_monday(7, 3),
    };
    push(marine_day, "海の日", "Marine Day");
    if year >= 2016 {
        let mountain_day = match year {
            2020 => md(8, 10),
            2021 => md(8, 8),
            _ => md(8, 11),
        };
        push(mountain_day, "山の日", "Mountain Day");
    }
    let aged_day = if year <= 2002 {
        md(9, 15)
    } else {
        nth_monday(9, 3)
    };
    push(aged_day, "敬老の日", "Respect for the Aged Day");
    push(
        md(9, autumnal_equinox_day(year)),
        "秋分の日",
        "Autumnal Equinox Day",
    );
    match year {
        ..=2018 => push(nth_monday(10, 2), "体育の日", "Health and Sports Day"),
        // The renaming was enacted in 2018 for 2020; the Cabinet Office lists 2019's day with
        // both names.
        2019 => push(
            nth_monday(10, 2),
            "体育の日（スポーツの日）",
            "Health and Sports Day",
        ),
        2020 => push(md(7, 24), "スポーツの日", "Sports Day"),
        2021 => push(md(7, 23), "スポーツの日", "Sports Day"),
        _ => push(nth_monday(10, 2), "スポーツの日", "Sports Day"),
    }
    push(md(11, 3), "文化の日", "Culture Day");
    push(md(11, 23), "勤労感謝の日", "Labour Thanksgiving Day");
    if year <= 2018 {
        push(md(12, 23), "天皇誕生日", "Emperor's Birthday");
    }
    if year == 2019 {
        days.push((md(5, 1), "休日（祝日扱い）", "Enthronement Day", OneOff));
        days.push((
            md(10, 22),
            "休日（祝日扱い）",
            "Enthronement Ceremony Day",
            OneOff,
        ));
    }

    let mut out: Vec<Holiday> = days
        .into_iter()
        .filter_map(|(date, ja, en, kind)| {
            date.map(|date| Holiday {
                date,
                name_ja: ja.to_owned(),
                name_en: en.to_owned(),
                kind,
            })
        })
        .collect();
    stable_sort_by_key(&mut out, holiday_date);
    out
}

/// The sort key of both sorts above; one function, so the sort is compiled once.
fn holiday_date(holiday: &Holiday) -> NaiveDate {
    holiday.date
}

/// 春分の日 (day of March) by the usual approximation, valid 1980–2099. Kept in integer
/// millionths so that no floating-point rounding can move a day.
fn vernal_equinox_day(year: i32) -> u32 {
    equinox(20_843_100, year)
}

/// 秋分の日 (day of September), same approximation as [`vernal_equinox_day`].
fn autumnal_equinox_day(year: i32) -> u32 {
    equinox(23_248_800, year)
}

fn equinox(base_micro_days: i64, year: i32) -> u32 {
    let y = i64::from(year) - 1980;
    let micro = base_micro_days + 242_194 * y - 1_000_000 * y.div_euclid(4);
    // For 1980–2099 the result is 19..=24; out-of-range input maps to 0, which no date accepts.
    u32::try_from(micro.div_euclid(1_000_000)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equinoxes_match_known_years() {
        assert_eq!(vernal_equinox_day(2000), 20);
        assert_eq!(vernal_equinox_day(2023), 21);
        assert_eq!(autumnal_equinox_day(2012), 22);
        assert_eq!(autumnal_equinox_day(2024), 22);
    }

    #[test]
    fn every_supported_year_has_at_least_fifteen_sorted_holidays() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = law_holidays(year).unwrap();
            assert!(days.len() >= 15, "{year}: {}", days.len());
            assert!(days.windows(2).all(|w| w[0].date < w[1].date));
            assert!(days.iter().all(|h| h.date.year() == year));
        }
    }
}
