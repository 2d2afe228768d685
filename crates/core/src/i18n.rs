//! The two languages of the portal and text that exists in both.
//!
//! Rule messages live next to the rule that produces them, so the server's `422` body and the
//! app's error summary show the same sentence for the same problem.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

use crate::dates::Year;

/// A language the portal speaks. Japanese is the primary language and the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `ja`, `en`, `en-US`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A date as people read it: `2027年1月8日(金)` in Japanese, `2027-01-08 (Fri)` in English.
///
/// The one date form for people, per language: every message (R4, R5, R7…), page and file
/// for people writes dates with this function, so a customer never meets two styles of the
/// same day. The Japanese form has no leading zeros and the weekday in parentheses, as
/// Japanese forms and letters write it; the English form stays ISO-like so that it cannot be
/// misread as month/day or day/month.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::i18n::{format_date, Lang};
///
/// let d = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
/// assert_eq!(format_date(d, Lang::Ja), "2027年1月8日(金)");
/// assert_eq!(format_date(d, Lang::En), "2027-01-08 (Fri)");
/// ```
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    // `Year` writes years outside 0–9999 with their sign, as chrono's `%Y` does.
    let year = Year(date.year());
    match lang {
        Lang::Ja => format!(
            "{year}年{}月{}日({})",
            date.month(),
            date.day(),
            weekday_ja(date.weekday())
        ),
        Lang::En => format!(
            "{year}-{:02}-{:02} ({})",
            date.month(),
            date.day(),
            weekday_en(date.weekday())
        ),
    }
}

/// A time of day as `9:00` (Japanese) or `09:00` (English); seconds are dropped.
///
/// ```
/// use chrono::NaiveTime;
/// use fwportal_core::i18n::{format_time, Lang};
///
/// let t = NaiveTime::from_hms_opt(8, 45, 0).unwrap();
/// assert_eq!(format_time(t, Lang::Ja), "8:45");
/// assert_eq!(format_time(t, Lang::En), "08:45");
/// ```
pub fn format_time(time: NaiveTime, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}:{:02}", time.hour(), time.minute()),
        Lang::En => format!("{:02}:{:02}", time.hour(), time.minute()),
    }
}

/// The same date in both languages.
pub fn format_date_both(date: NaiveDate) -> Bilingual {
    Bilingual::new(format_date(date, Lang::Ja), format_date(date, Lang::En))
}

fn weekday_ja(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_regional_variants_map_to_the_language() {
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ja_JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn dates_name_every_weekday_in_both_languages() {
        // 2027-03-01 is a Monday.
        let expected = [
            ("2027年3月1日(月)", "2027-03-01 (Mon)"),
            ("2027年3月2日(火)", "2027-03-02 (Tue)"),
            ("2027年3月3日(水)", "2027-03-03 (Wed)"),
            ("2027年3月4日(木)", "2027-03-04 (Thu)"),
            ("2027年3月5日(金)", "2027-03-05 (Fri)"),
            ("2027年3月6日(土)", "2027-03-06 (Sat)"),
            ("2027年3月7日(日)", "2027-03-07 (Sun)"),
        ];
        for (day, (ja, en)) in (1..).zip(expected) {
            let date = NaiveDate::from_ymd_opt(2027, 3, day).unwrap_or_default();
            assert_eq!(format_date(date, Lang::Ja), ja);
            assert_eq!(format_date(date, Lang::En), en);
        }
    }

    #[test]
    fn japanese_is_the_default() {
        assert_eq!(Lang::default(), Lang::Ja);
    }
}
