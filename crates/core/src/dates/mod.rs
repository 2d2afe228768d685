//! The date and time texts of the portal, written and read by hand.
//!
//! chrono's `format`, `parse_from_str`, `FromStr` and serde impls all go through its general
//! strftime engine, which costs the web app about 28 KB of download. The portal writes only a
//! handful of fixed forms, so this module writes and reads exactly those, character for
//! character as chrono did: files, messages and JSON stay unchanged (the tests compare every
//! form with chrono's output).
//!
//! - Writing: [`iso_date`], [`compact_date`], [`hour_minute`], [`iso_time`], [`rfc3339`],
//!   [`utc_stamp`]. Dates for people (messages, pages) have one form per language:
//!   [`crate::i18n::format_date`].
//! - Reading: [`parse_iso_date`], [`parse_iso_time`], [`parse_rfc3339`] accept exactly what
//!   the writers produce; [`parse_date_leniently`] and [`parse_hour_minute_leniently`] keep
//!   the leniency chrono had for the operator's configuration file.
//! - [`wire`]: serde modules for `#[serde(with = …)]`, so that the JSON of dates and times
//!   does not depend on chrono's serde impls.

mod parse;
pub mod wire;

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};

pub use parse::{
    parse_date_leniently, parse_hour_minute_leniently, parse_iso_date, parse_iso_time,
    parse_rfc3339,
};

/// Why a text is not a date or time of the expected form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateTextError {
    /// The text does not have the expected shape (digits, separators, length).
    #[error("the text is not in the expected date or time form")]
    Malformed,
    /// The shape is right but no such day, time or offset exists (`2027-02-30`, `24:00`).
    #[error("no such date, time or offset")]
    Impossible,
}

/// A year as chrono's `%Y` and ISO 8601 write it: four digits for 0–9999, otherwise with an
/// explicit sign and at least four digits (`+10000`, `-0001`).
pub(crate) struct Year(pub(crate) i32);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if (0..=9999).contains(&self.0) {
            write!(f, "{:04}", self.0)
        } else {
            write!(f, "{:+05}", self.0)
        }
    }
}

/// `2027-01-08`: the API's, the files' and the JSON's form of a day (chrono's `%Y-%m-%d`).
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::dates::iso_date;
/// assert_eq!(iso_date(NaiveDate::from_ymd_opt(2027, 1, 8).unwrap()), "2027-01-08");
/// ```
pub fn iso_date(date: NaiveDate) -> String {
    format!(
        "{}-{:02}-{:02}",
        Year(date.year()),
        date.month(),
        date.day()
    )
}

/// `20270108`: a day in iCalendar's `DATE` form and in UIDs (chrono's `%Y%m%d`).
pub fn compact_date(date: NaiveDate) -> String {
    format!("{}{:02}{:02}", Year(date.year()), date.month(), date.day())
}

/// `09:05`: a time of day without seconds, as the API and the CSV write it (chrono's `%H:%M`).
pub fn hour_minute(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// The seconds' fraction as chrono writes it: nothing for whole seconds, otherwise 3, 6 or
/// 9 digits, the fewest that are exact.
fn fraction(nanos: u32) -> String {
    if nanos == 0 {
        String::new()
    } else if nanos.is_multiple_of(1_000_000) {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos.is_multiple_of(1_000) {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    }
}

/// A second and its fraction, a leap second (chrono keeps it as 59 s plus more than a
/// second's nanoseconds) written as second 60.
fn second_and_nanos(time: NaiveTime) -> (u32, u32) {
    let nanos = time.nanosecond();
    if nanos >= 1_000_000_000 {
        (time.second() + 1, nanos - 1_000_000_000)
    } else {
        (time.second(), nanos)
    }
}

/// `09:00:00`, `09:00:00.250`: a time of day as chrono's serde and `Display` write it.
///
/// ```
/// use chrono::NaiveTime;
/// use fwportal_core::dates::iso_time;
/// assert_eq!(iso_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()), "09:00:00");
/// ```
pub fn iso_time(time: NaiveTime) -> String {
    let (second, nanos) = second_and_nanos(time);
    format!(
        "{:02}:{:02}:{second:02}{}",
        time.hour(),
        time.minute(),
        fraction(nanos)
    )
}

/// An offset from UTC as RFC 3339 writes it: `Z` for UTC, otherwise `+09:00`; seconds are
/// rounded to the nearest minute, as chrono does.
fn offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    if seconds == 0 {
        return "Z".to_owned();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = (seconds.unsigned_abs() + 30) / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `2027-01-08T10:00:00.123+09:00`: an instant with its offset, as chrono's serde writes a
/// `DateTime` (RFC 3339, `Z` for UTC, the fraction only when there is one).
///
/// ```
/// use chrono::DateTime;
/// use fwportal_core::dates::rfc3339;
/// let at = DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap();
/// assert_eq!(rfc3339(&at), "2027-01-08T10:00:00+09:00");
/// ```
pub fn rfc3339(at: &DateTime<FixedOffset>) -> String {
    let local = at.naive_local();
    format!(
        "{}T{}{}",
        iso_date(local.date()),
        iso_time(local.time()),
        offset(*at.offset())
    )
}

/// `20270108T010000Z`: an instant in iCalendar's UTC form, as in `DTSTAMP` (chrono's
/// `%Y%m%dT%H%M%SZ`; the fraction of a second is dropped).
pub fn utc_stamp(at: DateTime<Utc>) -> String {
    let at = at.naive_utc();
    let (second, _) = second_and_nanos(at.time());
    format!(
        "{}T{:02}{:02}{second:02}Z",
        compact_date(at.date()),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_form_of_one_day() {
        let day = d(2027, 1, 8);
        assert_eq!(iso_date(day), "2027-01-08");
        assert_eq!(compact_date(day), "20270108");
    }

    #[test]
    fn years_outside_four_digits_carry_a_sign() {
        assert_eq!(iso_date(d(0, 1, 1)), "0000-01-01");
        assert_eq!(iso_date(d(-1, 12, 31)), "-0001-12-31");
        assert_eq!(iso_date(d(10_000, 1, 1)), "+10000-01-01");
    }

    #[test]
    fn times_with_fractions_and_leap_seconds() {
        let t = |h, m, s, n| NaiveTime::from_hms_nano_opt(h, m, s, n).unwrap();
        assert_eq!(iso_time(t(9, 5, 0, 0)), "09:05:00");
        assert_eq!(iso_time(t(9, 5, 1, 250_000_000)), "09:05:01.250");
        assert_eq!(iso_time(t(9, 5, 1, 250_000)), "09:05:01.000250");
        assert_eq!(iso_time(t(9, 5, 1, 7)), "09:05:01.000000007");
        assert_eq!(iso_time(t(23, 59, 59, 1_000_000_000)), "23:59:60");
        assert_eq!(hour_minute(t(9, 5, 59, 999)), "09:05");
    }

    #[test]
    fn offsets_round_to_minutes_and_utc_is_z() {
        let east = |s| FixedOffset::east_opt(s).unwrap();
        assert_eq!(offset(east(0)), "Z");
        assert_eq!(offset(east(9 * 3600)), "+09:00");
        assert_eq!(offset(east(-(5 * 3600 + 1800))), "-05:30");
        assert_eq!(offset(east(29)), "+00:00");
        assert_eq!(offset(east(-90)), "-00:02");
    }
}
