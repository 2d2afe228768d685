//! Business days (R2): Monday–Friday, not a holiday, not December 30 – January 3, not an
//! operator closure day.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{check_in_range, BusinessCalendar, CalendarError, Closure, Holiday, FIRST_DATE};
use super::{FIRST_YEAR, LAST_DATE, LAST_YEAR};

/// December 30 – January 3, closed every year (R2).
fn is_year_end_closure(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 30..=31) | (1, 1..=3))
}

impl BusinessCalendar {
    /// The holiday on `date`, law or operator-added, unless the operator removed it.
    /// `None` for ordinary days and for dates outside 2000–2099.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let day = NaiveDate::from_ymd_opt(2025, 5, 6).unwrap();
    /// let h = cal.holiday(day).unwrap();
    /// assert_eq!(h.name_ja, "こどもの日 振替休日");
    /// assert_eq!(h.name_en, "Substitute holiday for Children's Day");
    /// ```
    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.get(&date)
    }

    /// The operator's closure on `date`, if any.
    ///
    /// ```
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::from_config_text("closure 2027-08-13 夏季休業").unwrap();
    /// let day = "2027-08-13".parse().unwrap();
    /// assert_eq!(cal.closure(day).unwrap().reason.as_deref(), Some("夏季休業"));
    /// ```
    pub fn closure(&self, date: NaiveDate) -> Option<&Closure> {
        if !self.closures.contains(&date) {
            return None;
        }
        self.overrides.closures.iter().find(|c| c.date == date)
    }

    /// Every holiday of `year`, sorted, with the operator's overrides applied (R2).
    /// Operator closure days are not holidays and are not listed.
    ///
    /// ```
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let days = cal.holidays_in_year(2019).unwrap();
    /// assert_eq!(days.len(), 22);
    /// assert_eq!(days[5].date.to_string(), "2019-04-30");
    /// assert_eq!(days[5].name_ja, "休日");
    /// assert!(cal.holidays_in_year(2100).is_err());
    /// ```
    pub fn holidays_in_year(&self, year: i32) -> Result<Vec<Holiday>, CalendarError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(CalendarError::YearOutOfRange { year });
        }
        Ok(self
            .holidays
            .values()
            .filter(|h| h.date.year() == year)
            .cloned()
            .collect())
    }

    /// Whether `date` is a business day (R2): Monday–Friday, not a holiday, not in the
    /// December 30 – January 3 closure, not an operator closure day.
    ///
    /// Days outside 2000–2099 are never business days, since their holidays are unknown.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert!(cal.is_business_day(d(1, 5)));   // Monday after the New Year closure
    /// assert!(!cal.is_business_day(d(1, 2)));  // Friday, but inside Dec 30 – Jan 3
    /// assert!(!cal.is_business_day(d(1, 12))); // 成人の日
    /// assert!(!cal.is_business_day(d(1, 10))); // Saturday
    /// ```
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        (FIRST_DATE..=LAST_DATE).contains(&date)
            && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !is_year_end_closure(date)
            && !self.holidays.contains_key(&date)
            && !self.closures.contains(&date)
    }

    /// The first business day strictly after `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let dec_29 = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap();
    /// assert_eq!(cal.next_business_day(dec_29).unwrap().to_string(), "2026-01-05");
    /// ```
    pub fn next_business_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_business_days(date, 1)
    }

    /// The `n`th business day strictly after `date`; `date` itself when `n` is 0.
    ///
    /// Fails with [`CalendarError::OutOfRange`] when the count runs past 2099-12-31 or when
    /// `date` is outside the supported range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// // Friday 2026-05-01 + 1 business day skips Golden Week (5/2–5/6) to Thursday 5/7.
    /// let fri = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    /// assert_eq!(cal.add_business_days(fri, 1).unwrap().to_string(), "2026-05-07");
    /// assert_eq!(cal.add_business_days(fri, 0).unwrap(), fri);
    /// ```
    pub fn add_business_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.step_business_days(date, n, Direction::Forward)
    }

    /// The `n`th business day strictly before `date`; `date` itself when `n` is 0.
    ///
    /// Fails with [`CalendarError::OutOfRange`] when the count runs before 2000-01-01 or when
    /// `date` is outside the supported range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// // Monday 2026-01-05 - 1 business day: back over the New Year closure to Mon 12/29.
    /// let mon = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// assert_eq!(cal.sub_business_days(mon, 1).unwrap().to_string(), "2025-12-29");
    /// ```
    pub fn sub_business_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.step_business_days(date, n, Direction::Backward)
    }

    fn step_business_days(
        &self,
        date: NaiveDate,
        n: u32,
        direction: Direction,
    ) -> Result<NaiveDate, CalendarError> {
        let mut day = check_in_range(date)?;
        let mut left = n;
        // Each step moves one calendar day inside the supported range, so the loop ends after
        // at most ~36,500 steps even if the operator closed every day.
        while left > 0 {
            let next = match direction {
                Direction::Forward => day.succ_opt(),
                Direction::Backward => day.pred_opt(),
            };
            day = match next {
                Some(d) if (FIRST_DATE..=LAST_DATE).contains(&d) => d,
                // Name the first day beyond the range that the count would have needed.
                _ => {
                    return Err(CalendarError::OutOfRange {
                        date: next.unwrap_or(day),
                    })
                }
            };
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        Ok(day)
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Backward,
}
