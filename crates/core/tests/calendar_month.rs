//! The work-date picker's month grid (issue 14, item 5): which days it marks as days off (R2),
//! too soon for the notice (R5) or outside the contract's periods (R7). Table tests of known
//! months, and laws over random months, instants and limits.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, TimeDelta};
use fwportal_core::calendar::{
    add_months_clamped, BusinessCalendar, DayBlock, DayOff, GridDay, WorkLimits, JST,
};
use proptest::prelude::*;

static CAL: LazyLock<BusinessCalendar> = LazyLock::new(BusinessCalendar::default);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn days(weeks: &[[Option<GridDay>; 7]]) -> Vec<GridDay> {
    weeks.iter().flatten().flatten().copied().collect()
}

fn day_in(weeks: &[[Option<GridDay>; 7]], date: NaiveDate) -> GridDay {
    days(weeks)
        .into_iter()
        .find(|g| g.date == date)
        .unwrap_or_else(|| panic!("{date} not in the grid"))
}

#[test]
fn november_2026_marks_weekends_holidays_and_the_notice() {
    // Received Monday 2026-11-30 before 17:30: 15 business days' notice (R5).
    let received = d(2026, 11, 30);
    let earliest = CAL.earliest_work_date(received).unwrap();
    assert_eq!(earliest, d(2026, 12, 19));
    let limits = WorkLimits {
        earliest: Some(earliest),
        window: Some((d(2026, 4, 1), d(2027, 3, 31))),
    };
    let weeks = CAL.month_grid(d(2026, 12, 15), &limits).unwrap();
    assert_eq!(weeks.len(), 5);
    // Tuesday 2026-12-01 sits in the third column.
    assert_eq!(weeks[0][2].unwrap().date, d(2026, 12, 1));
    assert_eq!(days(&weeks).len(), 31);
    let at = |day| day_in(&weeks, d(2026, 12, day));
    assert_eq!(at(5).off, Some(DayOff::Weekend));
    assert_eq!(at(30).off, Some(DayOff::YearEnd));
    assert_eq!(at(31).off, Some(DayOff::YearEnd));
    assert_eq!(at(28).off, None);
    assert_eq!(at(18).block, Some(DayBlock::TooSoon));
    // R3: a weekend may be the work date; it is marked, not refused.
    assert_eq!(at(19).off, Some(DayOff::Weekend));
    assert_eq!(at(19).block, None);

    let nov = CAL.month_grid(d(2026, 11, 1), &limits).unwrap();
    let culture_day = day_in(&nov, d(2026, 11, 3));
    assert_eq!(culture_day.off, Some(DayOff::Holiday));
    assert_eq!(CAL.holiday(culture_day.date).unwrap().name_ja, "文化の日");
    // Labour Thanksgiving Day 2026 is a Monday holiday.
    assert_eq!(day_in(&nov, d(2026, 11, 23)).off, Some(DayOff::Holiday));
}

#[test]
fn the_period_end_r7_blocks_the_days_after_it() {
    let limits = WorkLimits {
        earliest: Some(d(2027, 1, 10)),
        window: Some((d(2027, 1, 15), d(2027, 2, 10))),
    };
    let feb = CAL.month_grid(d(2027, 2, 1), &limits).unwrap();
    assert_eq!(day_in(&feb, d(2027, 2, 10)).block, None);
    assert_eq!(
        day_in(&feb, d(2027, 2, 11)).block,
        Some(DayBlock::AfterPeriod)
    );
    let jan = CAL.month_grid(d(2027, 1, 1), &limits).unwrap();
    assert_eq!(day_in(&jan, d(2027, 1, 5)).block, Some(DayBlock::TooSoon));
    assert_eq!(
        day_in(&jan, d(2027, 1, 12)).block,
        Some(DayBlock::BeforePeriod)
    );
}

#[test]
fn operator_closures_are_days_off() {
    let cal = BusinessCalendar::from_config_text("closure 2027-08-13 夏季休業").unwrap();
    let aug = cal
        .month_grid(d(2027, 8, 1), &WorkLimits::default())
        .unwrap();
    assert_eq!(day_in(&aug, d(2027, 8, 13)).off, Some(DayOff::Closure));
    assert_eq!(day_in(&aug, d(2027, 8, 12)).off, None);
}

#[test]
fn months_outside_the_supported_range_are_refused() {
    assert!(CAL
        .month_grid(d(1999, 12, 1), &WorkLimits::default())
        .is_err());
    assert!(CAL
        .month_grid(d(2100, 1, 1), &WorkLimits::default())
        .is_err());
    // The last supported month still has all its days.
    let last = CAL
        .month_grid(d(2099, 12, 31), &WorkLimits::default())
        .unwrap();
    assert_eq!(days(&last).len(), 31);
}

#[test]
fn months_move_by_page_and_stay_in_range() {
    assert_eq!(add_months_clamped(d(2026, 3, 31), -1), d(2026, 2, 28));
    assert_eq!(add_months_clamped(d(2028, 1, 30), 1), d(2028, 2, 29));
    assert_eq!(add_months_clamped(d(2026, 12, 22), 1), d(2027, 1, 22));
    assert_eq!(add_months_clamped(d(2000, 1, 15), -1), d(2000, 1, 1));
}

fn month() -> impl Strategy<Value = NaiveDate> {
    (2000i32..=2099, 1u32..=12).prop_map(|(y, m)| d(y, m, 1))
}

/// Instants 2000-07 … 2099-06 in Japan time, so the notice's count always fits.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let first = d(2000, 7, 1);
    let span = (d(2099, 6, 30) - first).num_days() as u64;
    (0..=span, 0..86_400i64).prop_map(move |(n, secs)| {
        (first + Days::new(n))
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_local_timezone(JST)
            .unwrap()
            + TimeDelta::seconds(secs)
    })
}

proptest! {
    /// Every day of the month appears once, in its weekday's column, in date order.
    #[test]
    fn the_grid_holds_the_month_once_in_weekday_columns(first in month()) {
        let weeks = CAL.month_grid(first, &WorkLimits::default()).unwrap();
        prop_assert!((4..=6).contains(&weeks.len()));
        let all = days(&weeks);
        // The month's length from chrono's own calendar: the days 1..=31 that exist in it.
        // (Counting to the same day a month later fails for December 2099, which has no next
        // month in range: the picker's paging stops at 2099-12-31.)
        let length = (1..=31).filter(|d| first.with_day(*d).is_some()).count();
        prop_assert_eq!(all.len(), length);
        for (i, g) in all.iter().enumerate() {
            prop_assert_eq!(g.date, first + Days::new(i as u64));
        }
        for week in &weeks {
            for (column, cell) in week.iter().enumerate() {
                if let Some(g) = cell {
                    prop_assert_eq!(g.date.weekday().num_days_from_sunday() as usize, column);
                }
            }
        }
    }

    /// The marks are the calendar's own rules: a day is marked off exactly when it is not a
    /// business day (R2), and a day is selectable exactly when a request received now meets
    /// the notice for it (R5) and it lies inside the window (R7).
    #[test]
    fn selectable_days_meet_the_notice_and_the_window(
        now in instant(),
        offset in 0u64..120,
        window_days in 0u64..200,
        start_offset in 0u64..60,
    ) {
        let received = CAL.received_on(&now).unwrap();
        let earliest = CAL.earliest_work_date(received).unwrap();
        let start = received + Days::new(start_offset);
        let window = (start, start + Days::new(window_days));
        let limits = WorkLimits { earliest: Some(earliest), window: Some(window) };
        let shown = received + Days::new(offset);
        let weeks = CAL.month_grid(shown, &limits).unwrap();
        for g in days(&weeks) {
            prop_assert_eq!(g.off.is_none(), CAL.is_business_day(g.date));
            let notice_met = CAL.deadline(g.date).map(|dl| received <= dl).unwrap_or(false);
            let inside = window.0 <= g.date && g.date <= window.1;
            prop_assert_eq!(g.block.is_none(), notice_met && inside, "{}", g.date);
            if g.block.is_none() {
                prop_assert!(g.date >= earliest);
            }
        }
    }

    /// Moving by months keeps the day where the month allows and never leaves the range.
    #[test]
    fn months_move_back_and_forth(first in month(), day in 1u32..=28, by in -30i32..=30) {
        let date = first.with_day(day).unwrap();
        let moved = add_months_clamped(date, by);
        let target = date.year() * 12 + date.month0() as i32 + by;
        if (2000 * 12..=2099 * 12 + 11).contains(&target) {
            prop_assert_eq!(moved.day(), day);
            prop_assert_eq!(moved.year() * 12 + moved.month0() as i32, target);
            prop_assert_eq!(add_months_clamped(moved, -by), date);
        } else {
            prop_assert!(moved == d(2000, 1, 1) || moved == d(2099, 12, 31));
        }
    }
}

/// The picker's three fields (year, month, day) and the one value the draft stores.
mod three_fields {
    use super::*;
    use fwportal_core::dates::iso_date;
    use fwportal_core::request::fields::{join_date_fields, parse_date, split_date_fields};

    #[test]
    fn a_pasted_date_in_the_year_field_wins_over_earlier_parts() {
        let parts = [
            "２０２６年１２月２２日".to_owned(),
            "3".to_owned(),
            "4".to_owned(),
        ];
        let value = join_date_fields(&parts);
        assert_eq!(parse_date(&value), Ok(d(2026, 12, 22)));
        assert_eq!(split_date_fields(&value), ["2026", "12", "22"]);
        // A half-typed month keeps its place while the customer types.
        let half = join_date_fields(&["2026".into(), "1".into(), String::new()]);
        assert_eq!(half, "2026-1-");
        assert_eq!(split_date_fields(&half), ["2026", "1", ""]);
        assert!(parse_date(&half).is_err());
    }

    fn day() -> impl Strategy<Value = NaiveDate> {
        (0u64..36_524).prop_map(|n| d(2000, 1, 1) + Days::new(n))
    }

    proptest! {
        /// The fields a stored date shows make that date again, and typing its parts (with or
        /// without leading zeros, full-width or not) stores the same day.
        #[test]
        fn fields_and_value_agree(date in day(), pad in any::<bool>(), wide in any::<bool>()) {
            let iso = iso_date(date);
            prop_assert_eq!(join_date_fields(&split_date_fields(&iso)), iso.clone());
            let widen = |s: String| if wide {
                s.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap()).collect()
            } else { s };
            let (m, dd) = if pad {
                (format!("{:02}", date.month()), format!("{:02}", date.day()))
            } else {
                (date.month().to_string(), date.day().to_string())
            };
            let typed = [widen(date.year().to_string()), widen(m), widen(dd)];
            prop_assert_eq!(parse_date(&join_date_fields(&typed)), Ok(date));
        }
    }
}
