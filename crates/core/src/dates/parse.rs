//! Reading the forms of [`super`] back. Nothing here panics, whatever the text.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::DateTextError::{self, Impossible, Malformed};

/// The part of the text not read yet.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    /// Reads between `min` and `max` ASCII digits (as many as there are, up to `max`).
    fn digits(&mut self, min: usize, max: usize) -> Result<i64, DateTextError> {
        let count = self
            .0
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if count < min {
            return Err(Malformed);
        }
        // The digits are ASCII, so `count` is a character boundary.
        let (digits, rest) = self.0.split_at_checked(count).ok_or(Malformed)?;
        self.0 = rest;
        digits
            .bytes()
            .try_fold(0i64, |n, b| {
                n.checked_mul(10)?.checked_add(i64::from(b - b'0'))
            })
            .ok_or(Malformed)
    }

    /// Reads exactly `n` digits (n ≤ 9).
    fn fixed(&mut self, n: usize) -> Result<u32, DateTextError> {
        u32::try_from(self.digits(n, n)?).map_err(|_| Malformed)
    }

    /// Reads `c` if it comes next.
    fn eat(&mut self, c: char) -> bool {
        match self.0.strip_prefix(c) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    fn expect(&mut self, c: char) -> Result<(), DateTextError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    fn end(&self) -> Result<(), DateTextError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// A year as [`super::iso_date`] writes it: four digits, or a sign and four to six
    /// digits for a year outside 0–9999.
    fn iso_year(&mut self) -> Result<i32, DateTextError> {
        let negative = if self.eat('-') {
            true
        } else if self.eat('+') {
            false
        } else {
            return i32::try_from(self.digits(4, 4)?).map_err(|_| Malformed);
        };
        let magnitude = self.digits(4, 6)?;
        let year = if negative { -magnitude } else { magnitude };
        if (0..=9999).contains(&year) {
            return Err(Malformed);
        }
        i32::try_from(year).map_err(|_| Malformed)
    }

    fn iso_date(&mut self) -> Result<NaiveDate, DateTextError> {
        let year = self.iso_year()?;
        self.expect('-')?;
        let month = self.fixed(2)?;
        self.expect('-')?;
        let day = self.fixed(2)?;
        NaiveDate::from_ymd_opt(year, month, day).ok_or(Impossible)
    }

    /// `HH:MM:SS` with an optional fraction of 3, 6 or 9 digits, second 60 for a leap
    /// second, as [`super::iso_time`] writes it.
    fn iso_time(&mut self) -> Result<NaiveTime, DateTextError> {
        let hour = self.fixed(2)?;
        self.expect(':')?;
        let minute = self.fixed(2)?;
        self.expect(':')?;
        let second = self.fixed(2)?;
        let nanos = if self.eat('.') {
            let before = self.0.len();
            let value = self.digits(1, 9)?;
            let scale = match before - self.0.len() {
                3 => 1_000_000,
                6 => 1_000,
                9 => 1,
                _ => return Err(Malformed),
            };
            u32::try_from(value * scale).map_err(|_| Malformed)?
        } else {
            0
        };
        // chrono keeps a leap second as second 59 with more than a second's nanoseconds.
        let (second, nanos) = if second == 60 {
            (59, nanos + 1_000_000_000)
        } else {
            (second, nanos)
        };
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).ok_or(Impossible)
    }

    /// `Z` or `±HH:MM`, in seconds east of UTC.
    fn offset(&mut self) -> Result<FixedOffset, DateTextError> {
        if self.eat('Z') {
            return FixedOffset::east_opt(0).ok_or(Impossible);
        }
        let negative = if self.eat('-') {
            true
        } else if self.eat('+') {
            false
        } else {
            return Err(Malformed);
        };
        let hours = self.fixed(2)?;
        self.expect(':')?;
        let minutes = self.fixed(2)?;
        if minutes >= 60 {
            return Err(Impossible);
        }
        let seconds = i32::try_from((hours * 60 + minutes) * 60).map_err(|_| Impossible)?;
        FixedOffset::east_opt(if negative { -seconds } else { seconds }).ok_or(Impossible)
    }

    /// chrono's `parse_from_str` skips whitespace before every number.
    fn skip_space(&mut self) {
        self.0 = self.0.trim_start();
    }

    /// A number as chrono's `parse_from_str` reads it: whitespace, then one to `max` digits.
    fn loose_number(&mut self, max: usize) -> Result<u32, DateTextError> {
        self.skip_space();
        u32::try_from(self.digits(1, max)?).map_err(|_| Malformed)
    }
}

/// Reads a day written as [`super::iso_date`] writes it, and nothing else: `2027-01-08`
/// (or, outside 0–9999, a signed year).
///
/// ```
/// use fwportal_core::dates::{parse_iso_date, DateTextError};
/// assert!(parse_iso_date("2027-01-08").is_ok());
/// assert_eq!(parse_iso_date("2027-1-8"), Err(DateTextError::Malformed));
/// assert_eq!(parse_iso_date("2027-02-29"), Err(DateTextError::Impossible));
/// ```
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, DateTextError> {
    let mut cursor = Cursor(text);
    let date = cursor.iso_date()?;
    cursor.end()?;
    Ok(date)
}

/// Reads a time of day written as [`super::iso_time`] writes it: `09:00:00`, `09:00:00.250`.
pub fn parse_iso_time(text: &str) -> Result<NaiveTime, DateTextError> {
    let mut cursor = Cursor(text);
    let time = cursor.iso_time()?;
    cursor.end()?;
    Ok(time)
}

/// Reads an instant written as [`super::rfc3339`] writes it:
/// `2027-01-08T10:00:00.123+09:00`, `2027-01-08T01:00:00Z`.
pub fn parse_rfc3339(text: &str) -> Result<DateTime<FixedOffset>, DateTextError> {
    let mut cursor = Cursor(text);
    let date = cursor.iso_date()?;
    cursor.expect('T')?;
    let time = cursor.iso_time()?;
    let offset = cursor.offset()?;
    cursor.end()?;
    date.and_time(time)
        .and_local_timezone(offset)
        .single()
        .ok_or(Impossible)
}

/// Reads a day the way chrono's `NaiveDate::parse_from_str(text, "%Y-%m-%d")` does, which
/// the operator's configuration file has always accepted: whitespace before each number, a
/// year of one to four digits or with a sign and any number of digits, a month and a day of
/// one or two digits (`2027-8-13` is 13 August 2027).
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::dates::parse_date_leniently;
/// assert_eq!(parse_date_leniently("2027-8-13"), Ok(NaiveDate::from_ymd_opt(2027, 8, 13).unwrap()));
/// assert!(parse_date_leniently("2027-08-13 ").is_err());
/// ```
pub fn parse_date_leniently(text: &str) -> Result<NaiveDate, DateTextError> {
    let mut cursor = Cursor(text);
    cursor.skip_space();
    let year = if cursor.eat('-') {
        -cursor.digits(1, usize::MAX)?
    } else if cursor.eat('+') {
        cursor.digits(1, usize::MAX)?
    } else {
        cursor.digits(1, 4)?
    };
    let year = i32::try_from(year).map_err(|_| Impossible)?;
    cursor.expect('-')?;
    let month = cursor.loose_number(2)?;
    cursor.expect('-')?;
    let day = cursor.loose_number(2)?;
    cursor.end()?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Impossible)
}

/// Reads a time of day the way chrono's `NaiveTime::parse_from_str(text, "%H:%M")` does:
/// whitespace before each number, one or two digits each (`9:5` is 09:05).
///
/// ```
/// use chrono::NaiveTime;
/// use fwportal_core::dates::parse_hour_minute_leniently;
/// assert_eq!(parse_hour_minute_leniently("9:05"), Ok(NaiveTime::from_hms_opt(9, 5, 0).unwrap()));
/// assert!(parse_hour_minute_leniently("24:00").is_err());
/// ```
pub fn parse_hour_minute_leniently(text: &str) -> Result<NaiveTime, DateTextError> {
    let mut cursor = Cursor(text);
    let hour = cursor.loose_number(2)?;
    cursor.expect(':')?;
    let minute = cursor.loose_number(2)?;
    cursor.end()?;
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or(Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates_refuse_what_chrono_never_writes() {
        for bad in [
            "",
            "2027-1-08",
            "2027-01-8",
            "27-01-08",
            "+2027-01-08",
            "-0000-01-01",
            " 2027-01-08",
            "2027-01-08 ",
            "2027/01/08",
            "２０２７-01-08",
            "20270-01-08",
        ] {
            assert_eq!(parse_iso_date(bad), Err(Malformed), "{bad:?}");
        }
        assert_eq!(parse_iso_date("2027-13-01"), Err(Impossible));
        assert_eq!(
            parse_iso_date("-0001-12-31"),
            Ok(NaiveDate::from_ymd_opt(-1, 12, 31).unwrap_or_default())
        );
    }

    #[test]
    fn strict_times_refuse_what_chrono_never_writes() {
        for bad in [
            "09:00",
            "9:00:00",
            "09:00:00.",
            "09:00:00.5",
            "09:00:00.1234",
        ] {
            assert_eq!(parse_iso_time(bad), Err(Malformed), "{bad:?}");
        }
        assert_eq!(parse_iso_time("24:00:00"), Err(Impossible));
        assert!(parse_iso_time("23:59:60").is_ok());
    }

    #[test]
    fn instants_need_an_offset() {
        assert!(parse_rfc3339("2027-01-08T10:00:00").is_err());
        assert!(parse_rfc3339("2027-01-08 10:00:00Z").is_err());
        assert!(parse_rfc3339("2027-01-08T10:00:00+09:60").is_err());
        assert!(parse_rfc3339("2027-01-08T10:00:00+24:00").is_err());
        assert!(parse_rfc3339("2027-01-08T10:00:00-09:30").is_ok());
    }

    #[test]
    fn huge_numbers_are_refused_not_overflowed() {
        assert!(parse_date_leniently("-99999999999999999999-01-01").is_err());
        assert!(parse_date_leniently("+2147483648-01-01").is_err());
        assert!(parse_hour_minute_leniently("999:00").is_err());
    }
}
