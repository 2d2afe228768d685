//! One month of the calendar as the work-date picker shows it (issue 14, item 5): which days
//! are business days (R2), which cannot be the work date because the notice would be short
//! (R5) or the day lies outside the contract's periods (R7). The picker only renders this.
//!
//! Weeks start on Sunday, as Japanese wall calendars and the Digital Agency's calendar do.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::{check_in_range, BusinessCalendar, CalendarError};

/// Why a day is not a business day (R2). A holiday on a weekend is reported as the holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    Weekend,
    /// A national or operator-added holiday; its name comes from [`BusinessCalendar::holiday`].
    Holiday,
    /// December 30 – January 3.
    YearEnd,
    /// A day the operator closed the desk.
    Closure,
}

/// Why a day cannot be the work date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayBlock {
    /// Before the earliest work date a request sent now can ask for (R5).
    TooSoon,
    /// Before the start of the work window (both contract periods, R7).
    BeforePeriod,
    /// After the end of the work window (R7).
    AfterPeriod,
}

/// One day of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridDay {
    pub date: NaiveDate,
    /// `None` on business days.
    pub off: Option<DayOff>,
    /// `None` when the day may be the work date.
    pub block: Option<DayBlock>,
}

/// What limits the work date: the earliest day the notice allows (R5) and the days both
/// contract periods cover (R7), each when known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkLimits {
    pub earliest: Option<NaiveDate>,
    /// First and last day of the window, inclusive.
    pub window: Option<(NaiveDate, NaiveDate)>,
}

impl WorkLimits {
    /// Why `date` cannot be the work date, if it cannot. The notice is said first: it is the
    /// one the customer can do nothing about by renewing.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::{DayBlock, WorkLimits};
    ///
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let limits = WorkLimits { earliest: Some(d(12, 22)), window: Some((d(4, 1), d(12, 25))) };
    /// assert_eq!(limits.block(d(12, 21)), Some(DayBlock::TooSoon));
    /// assert_eq!(limits.block(d(12, 22)), None);
    /// assert_eq!(limits.block(d(12, 26)), Some(DayBlock::AfterPeriod));
    /// ```
    pub fn block(&self, date: NaiveDate) -> Option<DayBlock> {
        if self.earliest.is_some_and(|e| date < e) {
            return Some(DayBlock::TooSoon);
        }
        match self.window {
            Some((start, _)) if date < start => Some(DayBlock::BeforePeriod),
            Some((_, end)) if date > end => Some(DayBlock::AfterPeriod),
            _ => None,
        }
    }
}

impl BusinessCalendar {
    /// Why `date` is not a business day, or `None` when it is one (R2). Days outside
    /// 2000–2099 are reported as closures: nothing is known of them.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::{BusinessCalendar, DayOff};
    ///
    /// let cal = BusinessCalendar::default();
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert_eq!(cal.day_off(d(11, 3)), Some(DayOff::Holiday)); // 文化の日
    /// assert_eq!(cal.day_off(d(12, 30)), Some(DayOff::YearEnd));
    /// assert_eq!(cal.day_off(d(12, 26)), Some(DayOff::Weekend));
    /// assert_eq!(cal.day_off(d(12, 28)), None);
    /// ```
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        if self.is_business_day(date) {
            None
        } else if self.holiday(date).is_some() {
            Some(DayOff::Holiday)
        } else if matches!((date.month(), date.day()), (12, 30..=31) | (1, 1..=3)) {
            Some(DayOff::YearEnd)
        } else if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            Some(DayOff::Weekend)
        } else {
            Some(DayOff::Closure)
        }
    }

    /// The weeks of the month that holds `day`, Sunday first; days of the neighbouring months
    /// are `None`. Fails for months outside 2000-01 ..= 2099-12.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::{BusinessCalendar, DayOff, WorkLimits};
    ///
    /// let cal = BusinessCalendar::default();
    /// let dec = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    /// let weeks = cal.month_grid(dec, &WorkLimits::default()).unwrap();
    /// assert_eq!(weeks.len(), 5);
    /// // 2026-12-01 is a Tuesday: Sunday and Monday of the first week are November's.
    /// assert!(weeks[0][0].is_none() && weeks[0][1].is_none());
    /// assert_eq!(weeks[4][4].unwrap().off, Some(DayOff::YearEnd)); // Thursday 12/31
    /// ```
    pub fn month_grid(
        &self,
        day: NaiveDate,
        limits: &WorkLimits,
    ) -> Result<Vec<[Option<GridDay>; 7]>, CalendarError> {
        let first = check_in_range(day.with_day(1).unwrap_or(day))?;
        let mut weeks = Vec::with_capacity(6);
        let mut week = [None; 7];
        let mut date = first;
        while date.month() == first.month() {
            let column = date.weekday().num_days_from_sunday() as usize;
            week[column] = Some(GridDay {
                date,
                off: self.day_off(date),
                block: limits.block(date),
            });
            if column == 6 {
                weeks.push(std::mem::take(&mut week));
            }
            // 2099-12-31 has no successor in range; the month ends there anyway.
            match date.checked_add_days(Days::new(1)) {
                Some(next) => date = next,
                None => break,
            }
        }
        if week.iter().any(Option::is_some) {
            weeks.push(week);
        }
        Ok(weeks)
    }
}

/// The same day `months` months later (earlier when negative), on the month's last day when
/// the month is shorter, kept inside 2000-01-01 ..= 2099-12-31 (PageUp/PageDown in the picker).
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::calendar::add_months_clamped;
///
/// let jan31 = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
/// assert_eq!(add_months_clamped(jan31, 1).to_string(), "2027-02-28");
/// assert_eq!(add_months_clamped(jan31, -1).to_string(), "2026-12-31");
/// assert_eq!(add_months_clamped(jan31, 12 * 100).to_string(), "2099-12-31");
/// ```
pub fn add_months_clamped(date: NaiveDate, months: i32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12) as u32);
    // The last day of the target month, when `date`'s day is past it.
    let moved = (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(year, month0 + 1, date.day().saturating_sub(back)))
        .unwrap_or(date);
    moved.clamp(super::FIRST_DATE, super::LAST_DATE)
}
