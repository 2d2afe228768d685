//! The notice rule (R5): a request must reach the support centre at least 15 business days
//! before the planned work date. Work itself may be on any day (R3).

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::{check_in_range, jst_local, BusinessCalendar, CalendarError};

/// The largest notice period the settings accept. Keeps every count short and refuses a
/// typo such as `notice-days 150`.
pub const MAX_NOTICE_BUSINESS_DAYS: u32 = 100;

/// How much notice is required and when the desk works (R1, R5). All times are Japan time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoticeSettings {
    /// Business days of notice before the work date (R5), 1..=100.
    pub notice_business_days: u32,
    /// Requests at or after this time count as received on the next business day (R5).
    #[serde(with = "crate::dates::wire::time")]
    pub cutoff: NaiveTime,
    /// The desk opens at this time on business days (R1).
    #[serde(with = "crate::dates::wire::time")]
    pub desk_open: NaiveTime,
    /// The desk closes at this time (exclusive) on business days (R1).
    #[serde(with = "crate::dates::wire::time")]
    pub desk_close: NaiveTime,
    /// The desk's telephone number for customers, as the operator set it (`desk-phone`);
    /// pages show it only when set, never a number written into the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_phone: Option<String>,
    /// The desk's e-mail address for customers (`desk-mail`), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_mail: Option<String>,
}

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

impl Default for NoticeSettings {
    /// 15 business days, cutoff 17:30, desk 08:45–17:30, as the contract says (R1, R5).
    fn default() -> Self {
        NoticeSettings {
            notice_business_days: 15,
            cutoff: hm(17, 30),
            desk_open: hm(8, 45),
            desk_close: hm(17, 30),
            desk_phone: None,
            desk_mail: None,
        }
    }
}

impl NoticeSettings {
    pub(super) fn validate(&self) -> Result<(), CalendarError> {
        if !(1..=MAX_NOTICE_BUSINESS_DAYS).contains(&self.notice_business_days) {
            return Err(CalendarError::Settings(
                "the notice must be between 1 and 100 business days",
            ));
        }
        if self.desk_open >= self.desk_close {
            return Err(CalendarError::Settings(
                "the desk must open before it closes",
            ));
        }
        Ok(())
    }
}

/// The notice check of one request, as the API and the CLI report it (R5).
///
/// Serialises as `{"received_on":"YYYY-MM-DD","deadline":"YYYY-MM-DD",
/// "earliest_work_date":"YYYY-MM-DD","notice_met":true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeReport {
    /// The business day the request counts as received on.
    #[serde(with = "crate::dates::wire::date")]
    pub received_on: NaiveDate,
    /// The last day a request for this work date may be received on.
    #[serde(with = "crate::dates::wire::date")]
    pub deadline: NaiveDate,
    /// The first work date that a request received on `received_on` may ask for.
    #[serde(with = "crate::dates::wire::date")]
    pub earliest_work_date: NaiveDate,
    /// Whether `received_on <= deadline`.
    pub notice_met: bool,
}

impl BusinessCalendar {
    /// The business day a request submitted at `submitted_at` counts as received on (R5):
    /// that day in Japan time if it is a business day and the time is before the cutoff
    /// (17:30), otherwise the next business day. Before 08:45 still counts as that day.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// // Friday 2026-06-05, 17:29 and 17:30 in Japan.
    /// assert_eq!(cal.received_on(&at("2026-06-05T17:29:59+09:00")).unwrap().to_string(), "2026-06-05");
    /// assert_eq!(cal.received_on(&at("2026-06-05T17:30:00+09:00")).unwrap().to_string(), "2026-06-08");
    /// // 08:00 UTC is 17:00 in Japan: still the same day.
    /// assert_eq!(cal.received_on(&at("2026-06-05T08:00:00Z")).unwrap().to_string(), "2026-06-05");
    /// ```
    pub fn received_on<Tz: TimeZone>(
        &self,
        submitted_at: &DateTime<Tz>,
    ) -> Result<NaiveDate, CalendarError> {
        let local = jst_local(submitted_at)?;
        let day = check_in_range(local.date())?;
        if self.is_business_day(day) && local.time() < self.settings.cutoff {
            Ok(day)
        } else {
            self.next_business_day(day)
        }
    }

    /// The last day a request for `work_date` may be received on (R5): the 15th business day
    /// counted back from the day before the work date; the work date itself never counts,
    /// even when it is a business day. If d1 < … < d15 < W are the 15 business days just
    /// before W, the deadline is d1.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// // Work on Monday 2026-06-29: the 15 business days before it are 6/8 … 6/26.
    /// let w = NaiveDate::from_ymd_opt(2026, 6, 29).unwrap();
    /// assert_eq!(cal.deadline(w).unwrap().to_string(), "2026-06-08");
    /// ```
    pub fn deadline(&self, work_date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.sub_business_days(work_date, self.settings.notice_business_days)
    }

    /// The first calendar day (any day: R3 allows weekend and holiday work) whose
    /// [`deadline`](Self::deadline) is on or after `received_on`.
    ///
    /// That is the day after the 15th business day counted from `received_on` inclusive
    /// (from the next business day if `received_on` is not one).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let r = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
    /// // 6/8 … 6/26 are 15 business days, so work may start on Saturday 6/27.
    /// let earliest = cal.earliest_work_date(r).unwrap();
    /// assert_eq!(earliest.to_string(), "2026-06-27");
    /// assert_eq!(cal.deadline(earliest).unwrap(), r);
    /// ```
    pub fn earliest_work_date(&self, received_on: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let first = if self.is_business_day(received_on) {
            received_on
        } else {
            self.next_business_day(received_on)?
        };
        let last_counted =
            self.add_business_days(first, self.settings.notice_business_days.saturating_sub(1))?;
        last_counted
            .checked_add_days(Days::new(1))
            .ok_or(CalendarError::OutOfRange { date: last_counted })
    }

    /// Whether a request submitted at `submitted_at` gives enough notice for `work_date`
    /// (R5): its received day is on or before the deadline.
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate};
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let w = NaiveDate::from_ymd_opt(2026, 6, 29).unwrap(); // deadline 6/8 (Monday)
    /// let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// assert!(cal.notice_met(w, &at("2026-06-08T17:29:00+09:00")).unwrap());
    /// assert!(!cal.notice_met(w, &at("2026-06-08T17:30:00+09:00")).unwrap());
    /// // Saturday 6/6 counts as received on Monday 6/8: still in time.
    /// assert!(cal.notice_met(w, &at("2026-06-06T12:00:00+09:00")).unwrap());
    /// ```
    pub fn notice_met<Tz: TimeZone>(
        &self,
        work_date: NaiveDate,
        submitted_at: &DateTime<Tz>,
    ) -> Result<bool, CalendarError> {
        Ok(self.received_on(submitted_at)? <= self.deadline(work_date)?)
    }

    /// The whole notice check for one request (R5), as the API and CLI report it.
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate};
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::default();
    /// let w = NaiveDate::from_ymd_opt(2026, 6, 29).unwrap();
    /// let at = DateTime::parse_from_rfc3339("2026-06-09T09:00:00+09:00").unwrap();
    /// let report = cal.notice_report(w, &at).unwrap();
    /// assert_eq!(
    ///     serde_json::to_string(&report).unwrap(),
    ///     r#"{"received_on":"2026-06-09","deadline":"2026-06-08","earliest_work_date":"2026-06-30","notice_met":false}"#
    /// );
    /// ```
    pub fn notice_report<Tz: TimeZone>(
        &self,
        work_date: NaiveDate,
        submitted_at: &DateTime<Tz>,
    ) -> Result<NoticeReport, CalendarError> {
        let received_on = self.received_on(submitted_at)?;
        let deadline = self.deadline(work_date)?;
        let earliest_work_date = self.earliest_work_date(received_on)?;
        Ok(NoticeReport {
            received_on,
            deadline,
            earliest_work_date,
            notice_met: received_on <= deadline,
        })
    }
}
