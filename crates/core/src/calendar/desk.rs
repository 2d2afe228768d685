//! Desk hours (R1): version-selection support is given 08:45–17:30 Japan time on business
//! days.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::{check_in_range, jst_local, BusinessCalendar, CalendarError, JST};

/// Whether the desk is open now, and when that changes (R1). Times are in Japan time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskStatus {
    pub open: bool,
    /// When the desk next opens; `None` while it is open.
    #[serde(default, with = "crate::dates::wire::option_datetime")]
    pub next_opens_at: Option<DateTime<FixedOffset>>,
    /// When the desk closes; `None` while it is closed.
    #[serde(default, with = "crate::dates::wire::option_datetime")]
    pub closes_at: Option<DateTime<FixedOffset>>,
}

fn jst_at(date: NaiveDate, time: NaiveTime) -> Result<DateTime<FixedOffset>, CalendarError> {
    // A fixed offset has exactly one reading of every local time; `single` only fails on
    // overflow at the ends of chrono's range, which the range check excludes.
    date.and_time(time)
        .and_local_timezone(JST)
        .single()
        .ok_or(CalendarError::OutOfRange { date })
}

impl BusinessCalendar {
    /// The desk's status at `now` (R1): open from `desk_open` (08:45) inclusive to
    /// `desk_close` (17:30) exclusive on business days.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    ///
    /// let open = cal.desk_status(&at("2026-06-05T09:00:00+09:00")).unwrap();
    /// assert!(open.open);
    /// assert_eq!(open.closes_at.unwrap().to_rfc3339(), "2026-06-05T17:30:00+09:00");
    ///
    /// // Friday evening: next opening is Monday morning.
    /// let closed = cal.desk_status(&at("2026-06-05T17:30:00+09:00")).unwrap();
    /// assert!(!closed.open);
    /// assert_eq!(closed.next_opens_at.unwrap().to_rfc3339(), "2026-06-08T08:45:00+09:00");
    /// ```
    pub fn desk_status<Tz: TimeZone>(
        &self,
        now: &DateTime<Tz>,
    ) -> Result<DeskStatus, CalendarError> {
        let local = jst_local(now)?;
        let day = check_in_range(local.date())?;
        let time = local.time();
        let (open, close) = (self.settings.desk_open, self.settings.desk_close);
        if self.is_business_day(day) {
            if time < open {
                return Ok(DeskStatus {
                    open: false,
                    next_opens_at: Some(jst_at(day, open)?),
                    closes_at: None,
                });
            }
            if time < close {
                return Ok(DeskStatus {
                    open: true,
                    next_opens_at: None,
                    closes_at: Some(jst_at(day, close)?),
                });
            }
        }
        let next = self.next_business_day(day)?;
        Ok(DeskStatus {
            open: false,
            next_opens_at: Some(jst_at(next, open)?),
            closes_at: None,
        })
    }
}
