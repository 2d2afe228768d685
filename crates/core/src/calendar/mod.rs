//! The business calendar: Japanese holidays, business days (R2), desk hours (R1) and the
//! 15-business-day notice rule (R5).
//!
//! Everything is computed in Japan time (UTC+09:00, no daylight saving), whatever the zone of
//! the machine: callers pass instants as `DateTime<Tz>` for any zone and this module converts
//! them. Nothing here reads the clock or a file.
//!
//! One [`BusinessCalendar`] value combines the law's holidays, the operator's
//! [`CalendarOverrides`] and the [`NoticeSettings`]; the server builds it from the operator's
//! configuration file and hands the same value (as JSON) to the web app, so both compute with
//! the same days off.
//!
//! **Supported range.** The law's holidays are computed for 2000-01-01 ..= 2099-12-31 only.
//! Outside that range no day is a business day and every computation that would need one
//! returns [`CalendarError::OutOfRange`]; nothing panics and every loop is bounded by the range.

mod business;
mod desk;
mod holidays;
mod month;
mod notice;
mod overrides;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone};
use serde::{Deserialize, Serialize};

pub use desk::DeskStatus;
pub use holidays::{law_holidays, Holiday, HolidayKind};
pub use month::{add_months_clamped, DayBlock, DayOff, GridDay, WorkLimits};
pub use notice::{NoticeReport, NoticeSettings, MAX_NOTICE_BUSINESS_DAYS};
pub use overrides::{
    AddedHoliday, CalendarOverrides, Closure, ConfigError, ConfigErrorKind, OverrideError,
};

/// Japan Standard Time, UTC+09:00 all year round.
pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    // Evaluated at compile time: 9 hours is always a valid offset.
    None => panic!("UTC+09:00 is a valid offset"),
};

/// First year whose holidays are computed.
pub const FIRST_YEAR: i32 = 2000;
/// Last year whose holidays are computed (the equinox formula stops being valid after it).
pub const LAST_YEAR: i32 = 2099;

/// The first supported day, 2000-01-01.
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1) {
    Some(d) => d,
    None => panic!("2000-01-01 is a date"),
};
/// The last supported day, 2099-12-31.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31) {
    Some(d) => d,
    None => panic!("2099-12-31 is a date"),
};

/// Converts any instant to Japan time. (Reading the local date of an instant within a day of
/// chrono's limits panics inside chrono; the calendar's own methods check for that.)
///
/// ```
/// use chrono::{DateTime, Utc};
/// use fwportal_core::calendar::to_jst;
///
/// let utc: DateTime<Utc> = "2026-04-30T15:00:00Z".parse().unwrap();
/// assert_eq!(to_jst(&utc).to_rfc3339(), "2026-05-01T00:00:00+09:00");
/// ```
pub fn to_jst<Tz: TimeZone>(at: &DateTime<Tz>) -> DateTime<FixedOffset> {
    at.with_timezone(&JST)
}

/// The wall-clock time in Japan at `at`, refusing instants so near chrono's limits that the
/// local reading would overflow (chrono panics there instead).
fn jst_local<Tz: TimeZone>(at: &DateTime<Tz>) -> Result<NaiveDateTime, CalendarError> {
    let utc = at.naive_utc();
    utc.checked_add_signed(TimeDelta::seconds(i64::from(JST.local_minus_utc())))
        .ok_or(CalendarError::OutOfRange { date: utc.date() })
}

/// What went wrong computing with the calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The computation needs a day outside 2000-01-01 ..= 2099-12-31.
    #[error("{date} is outside the supported calendar range 2000-01-01..=2099-12-31")]
    OutOfRange { date: NaiveDate },
    /// Holidays are only computed for 2000–2099.
    #[error("year {year} is outside the supported range 2000..=2099")]
    YearOutOfRange { year: i32 },
    /// The overrides contradict themselves or the law's holidays.
    #[error(transparent)]
    Override(#[from] OverrideError),
    /// The notice settings are not usable.
    #[error("invalid notice settings: {0}")]
    Settings(&'static str),
}

/// The law's holidays, the operator's overrides and the notice settings, together.
///
/// All date computations of the portal are methods on this value, so the app and the server
/// cannot disagree about a day. It serialises as `{"overrides": …, "settings": …}` and
/// deserialising checks the overrides again.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::calendar::BusinessCalendar;
///
/// let cal = BusinessCalendar::default();
/// let golden_week = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
/// assert!(!cal.is_business_day(golden_week));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "CalendarConfig", try_from = "CalendarConfig")]
pub struct BusinessCalendar {
    overrides: CalendarOverrides,
    settings: NoticeSettings,
    /// Law holidays of every supported year with the overrides applied, for O(log n) lookups.
    holidays: BTreeMap<NaiveDate, Holiday>,
    closures: BTreeSet<NaiveDate>,
}

/// The serialised form of a [`BusinessCalendar`]: only what the operator configured; the
/// holidays are recomputed on the other side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarConfig {
    #[serde(default)]
    pub overrides: CalendarOverrides,
    #[serde(default)]
    pub settings: NoticeSettings,
}

impl From<BusinessCalendar> for CalendarConfig {
    fn from(cal: BusinessCalendar) -> Self {
        CalendarConfig {
            overrides: cal.overrides,
            settings: cal.settings,
        }
    }
}

impl TryFrom<CalendarConfig> for BusinessCalendar {
    type Error = CalendarError;

    fn try_from(config: CalendarConfig) -> Result<Self, Self::Error> {
        BusinessCalendar::new(config.overrides, config.settings)
    }
}

impl Default for BusinessCalendar {
    /// The law's holidays only, 15 business days' notice, cutoff 17:30, desk 08:45–17:30.
    fn default() -> Self {
        BusinessCalendar {
            overrides: CalendarOverrides::default(),
            settings: NoticeSettings::default(),
            holidays: all_law_holidays(),
            closures: BTreeSet::new(),
        }
    }
}

fn all_law_holidays() -> BTreeMap<NaiveDate, Holiday> {
    // Inserted one by one: `collect` into a map sorts its input with std's sort first, which
    // would add that sort to the app for nothing (the days come in order anyway).
    let mut holidays = BTreeMap::new();
    for holiday in (FIRST_YEAR..=LAST_YEAR)
        .filter_map(|year| law_holidays(year).ok())
        .flatten()
    {
        holidays.insert(holiday.date, holiday);
    }
    holidays
}

impl BusinessCalendar {
    /// Combines the law's holidays with `overrides` and `settings`, refusing overrides that
    /// contradict themselves or the law (see [`OverrideError`]) and unusable settings.
    ///
    /// Removing a law holiday does not recompute the substitute or citizens' holidays that it
    /// caused: the operator removes each day explicitly.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::calendar::{BusinessCalendar, CalendarOverrides, Closure, NoticeSettings};
    ///
    /// let obon = NaiveDate::from_ymd_opt(2027, 8, 13).unwrap();
    /// let overrides = CalendarOverrides {
    ///     closures: vec![Closure { date: obon, reason: Some("夏季休業".into()) }],
    ///     ..Default::default()
    /// };
    /// let cal = BusinessCalendar::new(overrides, NoticeSettings::default()).unwrap();
    /// assert!(!cal.is_business_day(obon));
    /// ```
    pub fn new(
        overrides: CalendarOverrides,
        settings: NoticeSettings,
    ) -> Result<Self, CalendarError> {
        settings.validate()?;
        let mut holidays = all_law_holidays();
        overrides.validate(&holidays)?;
        for date in &overrides.removed_holidays {
            holidays.remove(date);
        }
        for added in &overrides.added_holidays {
            holidays.insert(
                added.date,
                Holiday {
                    date: added.date,
                    name_ja: added.name_ja.clone(),
                    name_en: added.name_en.clone(),
                    kind: HolidayKind::Operator,
                },
            );
        }
        // Inserted one by one rather than collected, for the same reason as the holidays.
        let mut closures = BTreeSet::new();
        for closure in &overrides.closures {
            closures.insert(closure.date);
        }
        Ok(BusinessCalendar {
            overrides,
            settings,
            holidays,
            closures,
        })
    }

    /// Parses the operator's configuration file (see [`CalendarConfig::parse`] for the
    /// format) and builds the calendar from it.
    ///
    /// ```
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::from_config_text("notice-days 10\ncutoff 17:00\n").unwrap();
    /// assert_eq!(cal.settings().notice_business_days, 10);
    /// let err = BusinessCalendar::from_config_text("notice-days ten\n").unwrap_err();
    /// assert_eq!(err.line, 1);
    /// ```
    pub fn from_config_text(text: &str) -> Result<Self, ConfigError> {
        let config = overrides::parse_config(text)?;
        // The parser has already checked everything `new` checks, line by line; an error
        // here would be a bug, reported without a line rather than hidden.
        BusinessCalendar::new(config.overrides, config.settings).map_err(|e| ConfigError {
            line: 0,
            kind: ConfigErrorKind::Calendar(e),
        })
    }

    /// The operator's overrides this calendar was built with.
    ///
    /// ```
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let cal = BusinessCalendar::from_config_text("not-holiday 2027-05-05").unwrap();
    /// assert_eq!(cal.overrides().removed_holidays[0].to_string(), "2027-05-05");
    /// ```
    pub fn overrides(&self) -> &CalendarOverrides {
        &self.overrides
    }

    /// The notice and desk-hour settings (R1, R5).
    ///
    /// ```
    /// use fwportal_core::calendar::BusinessCalendar;
    ///
    /// let settings = BusinessCalendar::default().settings().clone();
    /// assert_eq!(settings.notice_business_days, 15);
    /// assert_eq!(settings.cutoff.to_string(), "17:30:00");
    /// assert_eq!(settings.desk_open.to_string(), "08:45:00");
    /// ```
    pub fn settings(&self) -> &NoticeSettings {
        &self.settings
    }
}

fn check_in_range(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(CalendarError::OutOfRange { date })
    }
}
