//! serde modules for dates and times, for `#[serde(with = "crate::dates::wire::date")]`.
//!
//! They write exactly the JSON chrono's serde impls write (`"2027-01-08"`, `"09:00:00"`,
//! `"2027-01-08T10:00:00+09:00"`) and read it back strictly, without chrono's parser (see
//! the [module docs](super)). A field of type `Option<_>` that may be missing needs
//! `#[serde(default)]` besides `with`, as serde only fills in `None` by itself for fields
//! without `with`.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::ser::{Serialize, Serializer};

use super::DateTextError;
use super::{iso_date, iso_time, parse_iso_date, parse_iso_time, parse_rfc3339, rfc3339};

/// Reads a string with `parse`; `expecting` says what for error messages.
struct TextVisitor<T> {
    parse: fn(&str) -> Result<T, DateTextError>,
    expecting: &'static str,
}

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        (self.parse)(value).map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
    }
}

/// A day in the wire form, so that `Option` and `Vec` of days can use serde's own impls.
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&iso_date(self.0))
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TextVisitor {
                parse: parse_iso_date,
                expecting: "a date YYYY-MM-DD",
            })
            .map(Day)
    }
}

/// A time of day in the wire form.
struct Time(NaiveTime);

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&iso_time(self.0))
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TextVisitor {
                parse: parse_iso_time,
                expecting: "a time HH:MM:SS",
            })
            .map(Time)
    }
}

/// An instant with its offset in the wire form.
struct Instant(DateTime<FixedOffset>);

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&rfc3339(&self.0))
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TextVisitor {
                parse: parse_rfc3339,
                expecting: "an RFC 3339 date and time",
            })
            .map(Instant)
    }
}

/// `NaiveDate` as `"2027-01-08"`.
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        Day(*date).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        Day::deserialize(deserializer).map(|day| day.0)
    }
}

/// `Option<NaiveDate>` as `"2027-01-08"` or `null`.
pub mod option_date {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        date.map(Day).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Option::<Day>::deserialize(deserializer).map(|day| day.map(|day| day.0))
    }
}

/// `Vec<NaiveDate>` as `["2027-01-08", …]`.
pub mod dates {
    use super::*;

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(dates.iter().map(|date| Day(*date)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<NaiveDate>, D::Error> {
        Vec::<Day>::deserialize(deserializer).map(|days| days.into_iter().map(|d| d.0).collect())
    }
}

/// `NaiveTime` as `"09:00:00"`.
pub mod time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        Time(*time).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        Time::deserialize(deserializer).map(|time| time.0)
    }
}

/// `Option<NaiveTime>` as `"09:00:00"` or `null`.
pub mod option_time {
    use super::*;

    pub fn serialize<S: Serializer>(
        time: &Option<NaiveTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time.map(Time).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveTime>, D::Error> {
        Option::<Time>::deserialize(deserializer).map(|time| time.map(|time| time.0))
    }
}

/// `DateTime<FixedOffset>` as `"2027-01-08T10:00:00+09:00"`.
pub mod datetime {
    use super::*;

    pub fn serialize<S: Serializer>(
        at: &DateTime<FixedOffset>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&rfc3339(at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        Instant::deserialize(deserializer).map(|at| at.0)
    }
}

/// `Option<DateTime<FixedOffset>>` as `"2027-01-08T10:00:00+09:00"` or `null`.
pub mod option_datetime {
    use super::*;

    pub fn serialize<S: Serializer>(
        at: &Option<DateTime<FixedOffset>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        at.map(Instant).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<Instant>::deserialize(deserializer).map(|at| at.map(|at| at.0))
    }
}

/// `DateTime<Utc>` as `"2027-01-08T01:00:00Z"`; any offset is read and converted to UTC, as
/// chrono does. Core has no such field; it is here for the app's own timestamps.
pub mod utc_datetime {
    use super::*;

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&rfc3339(&at.fixed_offset()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        Instant::deserialize(deserializer).map(|at| at.0.to_utc())
    }
}
