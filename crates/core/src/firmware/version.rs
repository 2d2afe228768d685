//! Comparing HPE's version texts.
//!
//! Each kind of component writes its version its own way. A text is read into one of the forms
//! below; two texts compare only when their forms can be compared, and otherwise the answer is
//! `None` ("unknown"): never guessed as older or newer.
//!
//! | form | examples (from the shared samples and HPE's catalogues) | compared by |
//! |---|---|---|
//! | [`VersionForm::Dotted`] | `1.0.8`, `52.16.3-3913`, `12.3.0 Build 18`, `007.1912.0000.0000`, `0.01-808`, `22.41.1000` | the numbers, left to right, a missing number counting as 0 |
//! | [`VersionForm::Dated`] | `2.55 Oct 01 2021` (iLO), `iLO 5 v1.15` | the numbers; the date or the product name is not part of the order |
//! | [`VersionForm::Rom`] | `U46 v1.56 (11/29/2021)`, `P89 v2.42 (04/25/2017)`, `1.56_11-29-2021` (a catalogue's System ROM) | the ROM family (`U46`) must agree where both give one; then the numbers |
//! | [`VersionForm::RomDate`] | `I36 02/17/2017` (the Onboard Administrator's System ROM) | the same family, then the date |
//! | [`VersionForm::Hex`] | `0x15`, `0x0E`, `Version 0x34` (iLO 4) | the value |
//! | [`VersionForm::Revision`] | `HPK3`, `HPDC` (drive firmware) | the same length and first three characters; then the last by `0-9` < `A-Z` |
//!
//! Anything else (`2.a.3`, `[Unknown]`, `4.18.0-372.9.1.el8.x86_64`) is
//! [`VersionForm::Unknown`]. Forms that do not compare: numbers against a hexadecimal value,
//! a drive revision against numbers, a dated ROM against numbers. The one exception: two texts
//! that are the same (ignoring case and surrounding space) are the same version, whatever
//! their form.
//!
//! ```
//! use std::cmp::Ordering;
//! use fwportal_core::firmware::version::compare;
//! assert_eq!(compare("2.55 Oct 01 2021", "2.72"), Some(Ordering::Less));
//! assert_eq!(compare("U46 v1.56 (11/29/2021)", "1.56_11-29-2021"), Some(Ordering::Equal));
//! assert_eq!(compare("U46 v1.56 (11/29/2021)", "U30 v2.60 (01/01/2022)"), None);
//! assert_eq!(compare("HPK3", "HPK5"), Some(Ordering::Less));
//! assert_eq!(compare("0x15", "21"), None);
//! ```

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// The longest version text read; longer is [`VersionForm::Unknown`].
pub const MAX_VERSION_CHARS: usize = 100;

/// The most numbers in a version (`6.1.4.47` has four); more is [`VersionForm::Unknown`].
const MAX_NUMBERS: usize = 8;

/// How a version text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionForm {
    Dotted,
    Dated,
    Rom,
    RomDate,
    Hex,
    Revision,
    Unknown,
}

/// A version text, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub form: VersionForm,
    /// The ROM family (`U46`, `I36`), upper case, for the two ROM forms.
    family: Option<String>,
    /// The numbers of the numeric forms; the date `[year, month, day]` of [`VersionForm::RomDate`];
    /// the value of [`VersionForm::Hex`].
    numbers: Vec<u64>,
    /// The drive revision, upper case.
    revision: String,
    /// The text as given, trimmed, for the "same text" rule.
    text: String,
}

impl Version {
    /// Reads a version text. Never fails: what is not understood is [`VersionForm::Unknown`].
    pub fn parse(text: &str) -> Version {
        let text = text.trim();
        let mut version = Version {
            form: VersionForm::Unknown,
            family: None,
            numbers: Vec::new(),
            revision: String::new(),
            text: text.to_uppercase(),
        };
        if text.is_empty() || text.chars().count() > MAX_VERSION_CHARS || !text.is_ascii() {
            return version;
        }
        if let Some(numbers) = dotted(text) {
            version.form = VersionForm::Dotted;
            version.numbers = numbers;
        } else if let Some(numbers) = dated(text) {
            version.form = VersionForm::Dated;
            version.numbers = numbers;
        } else if let Some((family, numbers)) = rom(text) {
            version.form = VersionForm::Rom;
            version.family = family;
            version.numbers = numbers;
        } else if let Some((family, date)) = rom_date(text) {
            version.form = VersionForm::RomDate;
            version.family = Some(family);
            version.numbers = date;
        } else if let Some(value) = hex(text) {
            version.form = VersionForm::Hex;
            version.numbers = vec![value];
        } else if is_revision(text) {
            version.form = VersionForm::Revision;
            version.revision = text.to_ascii_uppercase();
        }
        version
    }

    /// How `self` stands to `other`: `None` when the two cannot be compared.
    pub fn compare(&self, other: &Version) -> Option<Ordering> {
        use VersionForm::*;
        if !self.text.is_empty() && self.text == other.text {
            return Some(Ordering::Equal);
        }
        let numeric = |form| matches!(form, Dotted | Dated | Rom);
        match (self.form, other.form) {
            (a, b) if numeric(a) && numeric(b) => {
                // A dated ROM read as `Rom` names its family; two families never compare.
                match (&self.family, &other.family) {
                    (Some(a), Some(b)) if a != b => None,
                    _ => Some(compare_numbers(&self.numbers, &other.numbers)),
                }
            }
            (RomDate, RomDate) if self.family == other.family => {
                Some(self.numbers.cmp(&other.numbers))
            }
            (Hex, Hex) => Some(self.numbers.cmp(&other.numbers)),
            (Revision, Revision) => {
                let (a, b) = (&self.revision, &other.revision);
                let prefix = |s: &str| s.get(..3).map(str::to_owned);
                (a.len() == b.len() && prefix(a) == prefix(b)).then(|| a.cmp(b))
            }
            _ => None,
        }
    }
}

/// Compares two version texts; `None` when they cannot be compared (see the module's table).
pub fn compare(a: &str, b: &str) -> Option<Ordering> {
    Version::parse(a).compare(&Version::parse(b))
}

/// Numbers compared left to right; a missing number counts as 0 (`1.0` = `1.0.0`).
fn compare_numbers(a: &[u64], b: &[u64]) -> Ordering {
    let len = a.len().max(b.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    (0..len)
        .map(|i| at(a, i).cmp(&at(b, i)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// `1.0.8`, `52.16.3-3913`, `12.3.0 Build 18`, `0.01-808`: digit groups joined by `.` or `-`,
/// with an optional ` Build N`.
fn dotted(text: &str) -> Option<Vec<u64>> {
    let (main, build) = match text.split_once(" Build ") {
        Some((main, build)) => (main, Some(build)),
        None => (text, None),
    };
    let mut numbers = Vec::new();
    for group in main.split(['.', '-']) {
        numbers.push(number(group)?);
    }
    if let Some(build) = build {
        numbers.push(number(build)?);
    }
    (numbers.len() <= MAX_NUMBERS).then_some(numbers)
}

/// A group of 1 to 18 ASCII digits (so it fits a `u64`).
fn number(group: &str) -> Option<u64> {
    let digits =
        !group.is_empty() && group.len() <= 18 && group.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| group.parse().ok()).flatten()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2.55 Oct 01 2021` (iLO firmware) or `iLO 5 v1.15` (a Manager's `FirmwareVersion`).
fn dated(text: &str) -> Option<Vec<u64>> {
    let words: Vec<&str> = text.split(' ').collect();
    match words.as_slice() {
        [numbers, month, day, year] => {
            let date_ok = MONTHS.contains(month)
                && day.len() == 2
                && number(day).is_some_and(|d| (1..=31).contains(&d))
                && year.len() == 4
                && number(year).is_some();
            let numbers = numbers_only(numbers)?;
            date_ok.then_some(numbers)
        }
        ["iLO", generation, numbers] if number(generation).is_some() => {
            numbers_only(numbers.strip_prefix('v')?)
        }
        _ => None,
    }
}

/// Dot-separated digit groups only (`1.56`).
fn numbers_only(text: &str) -> Option<Vec<u64>> {
    let numbers: Option<Vec<u64>> = text.split('.').map(number).collect();
    numbers.filter(|n| n.len() <= MAX_NUMBERS)
}

/// A ROM family: a capital letter and two digits (`U46`, `P89`, `I36`, `A40`).
fn family(word: &str) -> Option<String> {
    let bytes = word.as_bytes();
    let ok = bytes.len() == 3
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_digit()
        && bytes[2].is_ascii_digit();
    ok.then(|| word.to_owned())
}

/// `MM/DD/YYYY` with a plausible month and day, as `[year, month, day]`.
fn slash_date(text: &str) -> Option<Vec<u64>> {
    let parts: Vec<&str> = text.split('/').collect();
    let [month, day, year] = parts.as_slice() else {
        return None;
    };
    if month.len() != 2 || day.len() != 2 || year.len() != 4 {
        return None;
    }
    let (month, day, year) = (number(month)?, number(day)?, number(year)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| vec![year, month, day])
}

/// `U46 v1.56 (11/29/2021)` (the iLO's System ROM) or `1.56_11-29-2021` (a catalogue's
/// System ROM package). The date is not part of the order: one ROM version has one date.
fn rom(text: &str) -> Option<(Option<String>, Vec<u64>)> {
    let words: Vec<&str> = text.split(' ').collect();
    if let [family_word, version, date] = words.as_slice() {
        let family = family(family_word)?;
        let numbers = numbers_only(version.strip_prefix('v')?)?;
        let date = date.strip_prefix('(')?.strip_suffix(')')?;
        slash_date(date)?;
        return Some((Some(family), numbers));
    }
    let (version, date) = text.split_once('_')?;
    let numbers = numbers_only(version)?;
    slash_date(&date.replace('-', "/"))?;
    Some((None, numbers))
}

/// `I36 02/17/2017`: the family and the date only.
fn rom_date(text: &str) -> Option<(String, Vec<u64>)> {
    let (family_word, date) = text.split_once(' ')?;
    Some((family(family_word)?, slash_date(date)?))
}

/// `0x15`, `0x0E`: at most 16 hexadecimal digits.
fn hex(text: &str) -> Option<u64> {
    // iLO 4 writes its programmable logic device as `Version 0x34`.
    let text = text.strip_prefix("Version ").unwrap_or(text);
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    let ok =
        !digits.is_empty() && digits.len() <= 16 && digits.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| u64::from_str_radix(digits, 16).ok()).flatten()
}

/// A drive firmware revision: four capital letters and digits, starting with two letters
/// (`HPK3`, `HPDC`, `HPG4`).
fn is_revision(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 4
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}
