//! The operator's changes to the calendar (extra closure days, extra holidays, removed
//! holidays) and the text format of the operator's configuration file.
//!
//! The server reads the file; this module only parses text, so the app could parse it too.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{CalendarConfig, CalendarError, Holiday, NoticeSettings};
use super::{FIRST_DATE, LAST_DATE, MAX_NOTICE_BUSINESS_DAYS};
use crate::dates::{parse_date_leniently, parse_hour_minute_leniently};

/// A day the desk is closed although the law does not make it a holiday (R2), e.g. a summer
/// closure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    #[serde(with = "crate::dates::wire::date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A holiday the operator adds, e.g. one announced after this release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedHoliday {
    #[serde(with = "crate::dates::wire::date")]
    pub date: NaiveDate,
    pub name_ja: String,
    pub name_en: String,
}

/// The operator's corrections to the law's calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarOverrides {
    /// Extra non-business days that are not holidays.
    #[serde(default)]
    pub closures: Vec<Closure>,
    /// Extra holidays.
    #[serde(default)]
    pub added_holidays: Vec<AddedHoliday>,
    /// Law holidays that are not to be treated as holidays (e.g. if the law changes).
    #[serde(default, with = "crate::dates::wire::dates")]
    pub removed_holidays: Vec<NaiveDate>,
}

/// Why a set of overrides is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverrideError {
    #[error("{date} is outside the supported range 2000-01-01..=2099-12-31")]
    OutOfRange { date: NaiveDate },
    #[error("{date} is listed more than once")]
    Duplicate { date: NaiveDate },
    #[error("{date} cannot be both a closure day and an added holiday")]
    ClosureAndHoliday { date: NaiveDate },
    #[error("{date} cannot be removed: it is not a national holiday")]
    NotALawHoliday { date: NaiveDate },
    #[error("{date} is already a national holiday ({name}); remove it with `not-holiday` first to rename it")]
    AlreadyAHoliday { date: NaiveDate, name: String },
    #[error("the holiday on {date} needs a Japanese and an English name")]
    EmptyName { date: NaiveDate },
}

#[derive(Clone, Copy)]
enum Entry<'a> {
    Closure(NaiveDate),
    Added(&'a AddedHoliday),
    Removed(NaiveDate),
}

impl Entry<'_> {
    fn date(&self) -> NaiveDate {
        match self {
            Entry::Closure(d) | Entry::Removed(d) => *d,
            Entry::Added(h) => h.date,
        }
    }
}

/// Checks each entry against the others and the law; on failure returns the failing entry's
/// position (a line number for the parser) with the reason. Order-independent except that
/// the later of two clashing entries is the one blamed.
fn check_entries(
    entries: &[(usize, Entry<'_>)],
    law: &BTreeMap<NaiveDate, Holiday>,
) -> Result<(), (usize, OverrideError)> {
    let removed: Vec<NaiveDate> = entries
        .iter()
        .filter_map(|(_, e)| match e {
            Entry::Removed(d) => Some(*d),
            _ => None,
        })
        .collect();
    for (i, (pos, entry)) in entries.iter().enumerate() {
        let date = entry.date();
        let fail = |error| Err((*pos, error));
        if !(FIRST_DATE..=LAST_DATE).contains(&date) {
            return fail(OverrideError::OutOfRange { date });
        }
        for (_, earlier) in &entries[..i] {
            if earlier.date() != date {
                continue;
            }
            match (earlier, entry) {
                (Entry::Closure(_), Entry::Closure(_))
                | (Entry::Added(_), Entry::Added(_))
                | (Entry::Removed(_), Entry::Removed(_)) => {
                    return fail(OverrideError::Duplicate { date })
                }
                (Entry::Closure(_), Entry::Added(_)) | (Entry::Added(_), Entry::Closure(_)) => {
                    return fail(OverrideError::ClosureAndHoliday { date })
                }
                _ => {}
            }
        }
        match entry {
            Entry::Removed(_) if !law.contains_key(&date) => {
                return fail(OverrideError::NotALawHoliday { date })
            }
            Entry::Added(h) => {
                if h.name_ja.trim().is_empty() || h.name_en.trim().is_empty() {
                    return fail(OverrideError::EmptyName { date });
                }
                if let Some(existing) = law.get(&date) {
                    if !removed.contains(&date) {
                        return fail(OverrideError::AlreadyAHoliday {
                            date,
                            name: existing.name_ja.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

impl CalendarOverrides {
    fn entries(&self) -> Vec<Entry<'_>> {
        let mut entries: Vec<Entry<'_>> = Vec::new();
        entries.extend(self.removed_holidays.iter().copied().map(Entry::Removed));
        entries.extend(self.added_holidays.iter().map(Entry::Added));
        entries.extend(self.closures.iter().map(|c| Entry::Closure(c.date)));
        entries
    }

    pub(super) fn validate(&self, law: &BTreeMap<NaiveDate, Holiday>) -> Result<(), OverrideError> {
        let entries: Vec<(usize, Entry<'_>)> = self.entries().into_iter().enumerate().collect();
        check_entries(&entries, law).map_err(|(_, e)| e)
    }
}

/// A mistake in the operator's configuration file, with the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ConfigError {
    /// 1-based line number; 0 only if the whole file is at fault.
    pub line: usize,
    pub kind: ConfigErrorKind,
}

/// What is wrong on a line of the configuration file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigErrorKind {
    #[error("unknown directive `{0}` (expected closure, holiday, not-holiday, notice-days, cutoff, desk-hours, desk-phone or desk-mail)")]
    UnknownDirective(String),
    #[error("`{0}` needs a value")]
    MissingValue(&'static str),
    #[error("`{0}` is not a date in YYYY-MM-DD form")]
    BadDate(String),
    #[error("`{0}` is not a time in HH:MM form")]
    BadTime(String),
    #[error("`{0}` is not a whole number")]
    BadNumber(String),
    #[error("notice-days must be between 1 and {MAX_NOTICE_BUSINESS_DAYS}, not {0}")]
    NoticeDaysOutOfRange(u32),
    #[error("`{0}` is not desk hours in HH:MM-HH:MM form with opening before closing")]
    BadDeskHours(String),
    #[error("`{0}` is not a telephone number (digits, hyphens, spaces, parentheses, a leading +)")]
    BadDeskPhone(String),
    #[error("`{0}` is not an e-mail address")]
    BadDeskMail(String),
    #[error("unexpected text `{0}` at the end of the line")]
    TrailingText(String),
    #[error("a holiday needs `<date> <Japanese name> | <English name>`")]
    MissingHolidayNames,
    #[error("`{directive}` was already set on line {first_line}")]
    SettingRepeated {
        directive: &'static str,
        first_line: usize,
    },
    #[error(transparent)]
    Override(#[from] OverrideError),
    #[error(transparent)]
    Calendar(CalendarError),
}

impl CalendarConfig {
    /// Parses the operator's configuration file. One directive a line; blank lines and
    /// lines starting with `#` are ignored; every directive is optional:
    ///
    /// ```text
    /// # settings (R1, R5); these are the defaults
    /// notice-days 15
    /// cutoff 17:30
    /// desk-hours 08:45-17:30
    /// # how customers reach the desk (shown on the pages only when set)
    /// desk-phone 0120-000-000
    /// desk-mail asc@example.jp
    /// # an extra non-business day, with an optional reason
    /// closure 2027-08-13 夏季休業
    /// # an extra holiday: Japanese name | English name
    /// holiday 2027-05-06 臨時の祝日 | Extra holiday
    /// # a law holiday that is not to count as one
    /// not-holiday 2027-05-05
    /// ```
    ///
    /// Errors name the line and what is wrong.
    ///
    /// ```
    /// use fwportal_core::calendar::CalendarConfig;
    ///
    /// let config = CalendarConfig::parse("# summer\nclosure 2027-08-13 夏季休業\n").unwrap();
    /// assert_eq!(config.overrides.closures[0].reason.as_deref(), Some("夏季休業"));
    ///
    /// let err = CalendarConfig::parse("\nholiday 2027-02-30 x | y\n").unwrap_err();
    /// assert_eq!(err.to_string(), "line 2: `2027-02-30` is not a date in YYYY-MM-DD form");
    /// ```
    pub fn parse(text: &str) -> Result<CalendarConfig, ConfigError> {
        parse_config(text)
    }
}

enum Directive {
    Closure(Closure),
    Holiday(AddedHoliday),
    NotHoliday(NaiveDate),
}

pub(super) fn parse_config(text: &str) -> Result<CalendarConfig, ConfigError> {
    // Notepad on Windows may save UTF-8 with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut settings = NoticeSettings::default();
    let mut set_on: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut directives: Vec<(usize, Directive)> = Vec::new();

    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let at = |kind: ConfigErrorKind| ConfigError { line, kind };
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let (keyword, rest) = split_word(content);
        let mut remember = |directive: &'static str| match set_on.insert(directive, line) {
            Some(first_line) => Err(at(ConfigErrorKind::SettingRepeated {
                directive,
                first_line,
            })),
            None => Ok(()),
        };
        match keyword {
            "notice-days" => {
                remember("notice-days")?;
                let value = single_value("notice-days", rest).map_err(at)?;
                let days: u32 = value
                    .parse()
                    .map_err(|_| at(ConfigErrorKind::BadNumber(value.to_owned())))?;
                if !(1..=MAX_NOTICE_BUSINESS_DAYS).contains(&days) {
                    return Err(at(ConfigErrorKind::NoticeDaysOutOfRange(days)));
                }
                settings.notice_business_days = days;
            }
            "cutoff" => {
                remember("cutoff")?;
                let value = single_value("cutoff", rest).map_err(at)?;
                settings.cutoff = parse_time(value).map_err(at)?;
            }
            "desk-hours" => {
                remember("desk-hours")?;
                let value = single_value("desk-hours", rest).map_err(at)?;
                let bad = || at(ConfigErrorKind::BadDeskHours(value.to_owned()));
                let (open, close) = value.split_once('-').ok_or_else(bad)?;
                let open = parse_time(open.trim()).map_err(|_| bad())?;
                let close = parse_time(close.trim()).map_err(|_| bad())?;
                if open >= close {
                    return Err(bad());
                }
                settings.desk_open = open;
                settings.desk_close = close;
            }
            "desk-phone" => {
                remember("desk-phone")?;
                let value = rest.trim();
                let phone = crate::request::fields::PhoneNumber::parse(value)
                    .map_err(|_| at(ConfigErrorKind::BadDeskPhone(value.to_owned())))?;
                settings.desk_phone = Some(phone.as_str().to_owned());
            }
            "desk-mail" => {
                remember("desk-mail")?;
                let value = single_value("desk-mail", rest).map_err(at)?;
                let mail = crate::request::fields::EmailAddress::parse(value)
                    .map_err(|_| at(ConfigErrorKind::BadDeskMail(value.to_owned())))?;
                settings.desk_mail = Some(mail.as_str().to_owned());
            }
            "closure" => {
                let (date, reason) = split_word(rest);
                let date = parse_date("closure", date).map_err(at)?;
                let reason = (!reason.is_empty()).then(|| reason.to_owned());
                directives.push((line, Directive::Closure(Closure { date, reason })));
            }
            "holiday" => {
                let (date, names) = split_word(rest);
                let date = parse_date("holiday", date).map_err(at)?;
                let (ja, en) = names
                    .split_once('|')
                    .map(|(ja, en)| (ja.trim(), en.trim()))
                    .filter(|(ja, en)| !ja.is_empty() && !en.is_empty())
                    .ok_or_else(|| at(ConfigErrorKind::MissingHolidayNames))?;
                directives.push((
                    line,
                    Directive::Holiday(AddedHoliday {
                        date,
                        name_ja: ja.to_owned(),
                        name_en: en.to_owned(),
                    }),
                ));
            }
            "not-holiday" => {
                let value = single_value("not-holiday", rest).map_err(at)?;
                let date = parse_date("not-holiday", value).map_err(at)?;
                directives.push((line, Directive::NotHoliday(date)));
            }
            other => return Err(at(ConfigErrorKind::UnknownDirective(other.to_owned()))),
        }
    }

    let law = super::all_law_holidays();
    let entries: Vec<(usize, Entry<'_>)> = directives
        .iter()
        .map(|(line, d)| {
            let entry = match d {
                Directive::Closure(c) => Entry::Closure(c.date),
                Directive::Holiday(h) => Entry::Added(h),
                Directive::NotHoliday(date) => Entry::Removed(*date),
            };
            (*line, entry)
        })
        .collect();
    check_entries(&entries, &law).map_err(|(line, e)| ConfigError {
        line,
        kind: ConfigErrorKind::Override(e),
    })?;

    let mut overrides = CalendarOverrides::default();
    for (_, directive) in directives {
        match directive {
            Directive::Closure(c) => overrides.closures.push(c),
            Directive::Holiday(h) => overrides.added_holidays.push(h),
            Directive::NotHoliday(d) => overrides.removed_holidays.push(d),
        }
    }
    Ok(CalendarConfig {
        overrides,
        settings,
    })
}

/// Splits off the first whitespace-separated word; the rest is trimmed.
fn split_word(s: &str) -> (&str, &str) {
    match s.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (s, ""),
    }
}

fn single_value<'a>(directive: &'static str, rest: &'a str) -> Result<&'a str, ConfigErrorKind> {
    let (value, extra) = split_word(rest);
    if value.is_empty() {
        return Err(ConfigErrorKind::MissingValue(directive));
    }
    if !extra.is_empty() {
        return Err(ConfigErrorKind::TrailingText(extra.to_owned()));
    }
    Ok(value)
}

/// A date of the file. Read as leniently as the file has always been read (`2027-8-13` is
/// accepted, see [`parse_date_leniently`]), so that no existing file stops working.
fn parse_date(directive: &'static str, s: &str) -> Result<NaiveDate, ConfigErrorKind> {
    if s.is_empty() {
        return Err(ConfigErrorKind::MissingValue(directive));
    }
    parse_date_leniently(s).map_err(|_| ConfigErrorKind::BadDate(s.to_owned()))
}

/// A time of the file, `HH:MM` or `H:M` (see [`parse_hour_minute_leniently`]).
fn parse_time(s: &str) -> Result<NaiveTime, ConfigErrorKind> {
    parse_hour_minute_leniently(s).map_err(|_| ConfigErrorKind::BadTime(s.to_owned()))
}
