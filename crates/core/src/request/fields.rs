//! Parsers for the request's fields. Each turns customer text into a value that is valid by
//! construction, or says why not with a [`ProblemCode`]. Text is normalised first: surrounding
//! space dropped, full-width ASCII (typed with a Japanese input method) made half-width.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;

use crate::problem::ProblemCode;

/// Maps full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space to their half-width
/// twins; other characters pass through.
pub fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // The minus sign, dashes and the Japanese long vowel mark are typed for a hyphen.
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{30FC}' => '-',
        _ => c,
    }
}

fn half_width_trimmed(input: &str) -> String {
    input
        .chars()
        .map(to_half_width)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Characters that are invisible or change how the text around them is shown: the controls
/// (general category Cc), the format characters (Cf: direction overrides such as U+202E,
/// zero-width spaces U+200B, the byte order mark U+FEFF, soft hyphens, tag characters…) and the
/// line and paragraph separators U+2028/U+2029. A name holding one reads differently on screen,
/// in the export and in a search than what it contains, so free text refuses them. Tab and line
/// feed are controls too: only multi-line text ([`Text::multiline`]) takes them.
///
/// The Cf ranges are written out (Unicode 15.1) rather than taken from a Unicode table crate,
/// which would weigh on the app's download; a test compares them with `unicode-properties`
/// over every code point.
///
/// ```
/// use fwportal_core::request::fields::is_hidden_character;
/// assert!(is_hidden_character('\u{202E}') && is_hidden_character('\u{200B}'));
/// assert!(is_hidden_character('\u{FEFF}') && is_hidden_character('\u{7}'));
/// assert!(!is_hidden_character('あ') && !is_hidden_character(' '));
/// ```
pub fn is_hidden_character(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0001}'
                | '\u{E0020}'..='\u{E007F}'
        )
}

/// Free text with a length limit: names, company, address, versions, notes. Kept as typed
/// (only trimmed), since it is read by people. One line unless made with [`Text::multiline`];
/// never a hidden character ([`is_hidden_character`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// A required one-line text of at most `max` characters.
    ///
    /// ```
    /// use fwportal_core::request::fields::Text;
    /// assert_eq!(Text::required("  日本ヒューレット  ", 10).unwrap().as_str(), "日本ヒューレット");
    /// assert!(Text::required(" ", 10).is_err());
    /// assert!(Text::required("日本\u{202E}ヒューレット", 20).is_err());
    /// ```
    pub fn required(input: &str, max: usize) -> Result<Text, ProblemCode> {
        let text = Text::optional(input, max)?;
        if text.0.is_empty() {
            Err(ProblemCode::Required)
        } else {
            Ok(text)
        }
    }

    /// An optional one-line text (possibly empty) of at most `max` characters.
    pub fn optional(input: &str, max: usize) -> Result<Text, ProblemCode> {
        Text::parse(input, max, false)
    }

    /// An optional text of at most `max` characters that may hold line breaks and tabs (the
    /// notes), but no other hidden character.
    ///
    /// ```
    /// use fwportal_core::request::fields::Text;
    /// assert!(Text::multiline("1行目\r\n2行目\tタブ", 20).is_ok());
    /// assert!(Text::optional("1行目\n2行目", 20).is_err());
    /// ```
    pub fn multiline(input: &str, max: usize) -> Result<Text, ProblemCode> {
        Text::parse(input, max, true)
    }

    fn parse(input: &str, max: usize, multiline: bool) -> Result<Text, ProblemCode> {
        let trimmed = input.trim();
        if trimmed.chars().count() > max {
            return Err(ProblemCode::TooLong);
        }
        let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
        if trimmed
            .chars()
            .any(|c| is_hidden_character(c) && !allowed(c))
        {
            return Err(ProblemCode::InvalidCharacters);
        }
        Ok(Text(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Upper-case letters, digits and hyphens after normalisation; used for contract and serial
/// numbers, which customers copy from documents and labels.
fn code_text(input: &str, max: usize) -> Result<String, ProblemCode> {
    let normalised: String = half_width_trimmed(input)
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if normalised.is_empty() {
        return Err(ProblemCode::Required);
    }
    if normalised.chars().count() > max {
        return Err(ProblemCode::TooLong);
    }
    if !normalised
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(ProblemCode::InvalidCharacters);
    }
    Ok(normalised)
}

/// A Proactive Care contract number (R6): 1–32 characters of `A–Z`, `0–9` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ContractNumber(String);

impl ContractNumber {
    pub const MAX_LEN: usize = 32;

    /// ```
    /// use fwportal_core::request::fields::ContractNumber;
    /// assert_eq!(ContractNumber::parse(" ｐｃ－００１２ ").unwrap().as_str(), "PC-0012");
    /// assert!(ContractNumber::parse("PC 0012").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<ContractNumber, ProblemCode> {
        code_text(input, Self::MAX_LEN).map(ContractNumber)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContractNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A server's serial number as printed on its label (HPE uses 10 characters, e.g.
/// `CZJ1234567`; others are accepted up to 32).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct SerialNumber(String);

impl SerialNumber {
    pub const MAX_LEN: usize = 32;

    /// ```
    /// use fwportal_core::request::fields::SerialNumber;
    /// assert_eq!(SerialNumber::parse("ｃｚｊ１２３４５６７").unwrap().as_str(), "CZJ1234567");
    /// ```
    pub fn parse(input: &str) -> Result<SerialNumber, ProblemCode> {
        code_text(input, Self::MAX_LEN).map(SerialNumber)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar date, typed the usual ways: `2027-01-08`, `2027/1/8`, `2027.1.8`, `20270108`,
/// `2027年1月8日`, full-width forms of each (a Japanese input method), with a weekday in
/// brackets after it (`2027/01/08(金)`, as copied from a calendar). The year has four digits;
/// the month and day one or two (eight digits in a row are `YYYYMMDD`). The value stored and
/// shown back is [`crate::dates::iso_date`]'s `2027-01-08`.
///
/// The date must be a real one within the portal's range ([`crate::calendar::FIRST_DATE`] to
/// [`crate::calendar::LAST_DATE`]). A real day outside it is [`ProblemCode::DateOutOfRange`],
/// so the customer is told the range rather than asked for a real date.
///
/// ```
/// use fwportal_core::problem::ProblemCode;
/// use fwportal_core::request::fields::parse_date;
/// let jan8 = parse_date("2027-01-08").unwrap();
/// for typed in ["2027/1/8", "20270108", "2027-1-8", "２０２７／０１／０８", "2027年1月8日", "2027.01.08", "2027/01/08(金)"] {
///     assert_eq!(parse_date(typed), Ok(jan8), "{typed}");
/// }
/// assert!(parse_date("２０２７－０１－０８").is_ok());
/// assert_eq!(parse_date("2027-02-29"), Err(ProblemCode::InvalidDate)); // not a leap year
/// assert_eq!(parse_date("2027-06-31"), Err(ProblemCode::InvalidDate));
/// assert_eq!(parse_date("27/1/8"), Err(ProblemCode::InvalidDate)); // the year is four digits
/// assert_eq!(parse_date("1999-12-31"), Err(ProblemCode::DateOutOfRange));
/// ```
pub fn parse_date(input: &str) -> Result<NaiveDate, ProblemCode> {
    let trimmed = half_width_trimmed(input);
    if trimmed.is_empty() {
        return Err(ProblemCode::Required);
    }
    let (year, month, day) = date_parts(&trimmed).ok_or(ProblemCode::InvalidDate)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(ProblemCode::InvalidDate)?;
    if (crate::calendar::FIRST_DATE..=crate::calendar::LAST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(ProblemCode::DateOutOfRange)
    }
}

/// The year, month and day of a date typed one of [`parse_date`]'s ways; `None` for any other
/// shape. Only ASCII digits count: `parse` would also take a sign.
fn date_parts(text: &str) -> Option<(i32, u32, u32)> {
    let digits = |s: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    // A weekday copied with the date: `(金)`, `（Fri）` (made half-width above).
    let text = match text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((date, weekday)) if weekday.chars().count() <= 3 => date.trim_end(),
        _ => text,
    };
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some((
            i32::try_from(digits(&text[..4], 4..=4)?).ok()?,
            digits(&text[4..6], 2..=2)?,
            digits(&text[6..], 2..=2)?,
        ));
    }
    let text = text.strip_suffix('日').unwrap_or(text);
    let mut parts = text.split(['-', '/', '.', '年', '月']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Some((
        i32::try_from(digits(year.trim(), 4..=4)?).ok()?,
        digits(month.trim(), 1..=2)?,
        digits(day.trim(), 1..=2)?,
    ))
}

/// The texts of the three date fields (year, month, day: the Digital Agency's date pattern,
/// issue 14) for a stored or typed value: a date splits into `2027`, `01`, `08`; a value the
/// fields made (`2027-1-`) splits at its hyphens; anything else stays whole in the year field,
/// so nothing typed is lost.
///
/// ```
/// use fwportal_core::request::fields::{join_date_fields, split_date_fields};
/// assert_eq!(split_date_fields("２０２７年１月８日"), ["2027", "01", "08"]);
/// assert_eq!(split_date_fields("2027--8"), ["2027", "", "8"]);
/// assert_eq!(split_date_fields("2027/1"), ["2027/1", "", ""]);
/// assert_eq!(join_date_fields(&split_date_fields("2027/1/8")), "2027-01-08");
/// ```
pub fn split_date_fields(value: &str) -> [String; 3] {
    if let Ok(date) = parse_date(value) {
        return [
            date.year().to_string(),
            format!("{:02}", date.month()),
            format!("{:02}", date.day()),
        ];
    }
    let mut parts = value.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => [y.to_owned(), m.to_owned(), d.to_owned()],
        _ => [value.to_owned(), String::new(), String::new()],
    }
}

/// The value the three date fields make, for [`parse_date`] to read: a whole date typed or
/// pasted into the year field is taken as it is (`2026/12/22`, `２０２６年１２月２２日`), and so is
/// the year field alone while month and day are empty; otherwise `year-month-day` as typed,
/// which [`parse_date`] refuses with its usual problem when it is not a date.
///
/// ```
/// use fwportal_core::request::fields::join_date_fields;
/// let f = |y: &str, m: &str, d: &str| join_date_fields(&[y.into(), m.into(), d.into()]);
/// assert_eq!(f("2027", "1", "8"), "2027-1-8");
/// assert_eq!(f("2027/01/08", "12", "22"), "2027/01/08"); // pasted over an earlier answer
/// assert_eq!(f("", "", ""), "");
/// assert_eq!(f("2027", "2", "30"), "2027-2-30"); // refused later as no such day
/// ```
pub fn join_date_fields(parts: &[String; 3]) -> String {
    let [year, month, day] = [0, 1, 2].map(|i| parts[i].trim());
    if parse_date(year).is_ok() || (month.is_empty() && day.is_empty()) {
        year.to_owned()
    } else {
        format!("{year}-{month}-{day}")
    }
}

/// A time of day in Japan time, 00:00–23:59 (R3: the work may start at any hour), typed the
/// usual ways: `22:00`, `9:00`, `2200`, `900`, `22時`, `22時30分`, full-width forms of each.
/// Shown back as `22:00` ([`crate::dates::hour_minute`]).
///
/// ```
/// use fwportal_core::request::fields::parse_time;
/// assert_eq!(parse_time("9:00").unwrap().to_string(), "09:00:00");
/// for typed in ["22:00", "2200", "２２：００", "２２００", "22時", "22時00分", "22.00"] {
///     assert_eq!(parse_time(typed).unwrap().to_string(), "22:00:00", "{typed}");
/// }
/// assert_eq!(parse_time("930").unwrap().to_string(), "09:30:00");
/// assert!(parse_time("24:00").is_err());
/// assert!(parse_time("22").is_err()); // hours alone are ambiguous without 時
/// ```
pub fn parse_time(input: &str) -> Result<NaiveTime, ProblemCode> {
    let trimmed = half_width_trimmed(input);
    if trimmed.is_empty() {
        return Err(ProblemCode::Required);
    }
    let digits = |s: &str, widths: &[usize]| {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (hours, minutes) = if let Some(hours) = trimmed.strip_suffix('時') {
        (hours, "00")
    } else if let Some((hours, minutes)) =
        trimmed.strip_suffix('分').and_then(|t| t.split_once('時'))
    {
        (hours, minutes)
    } else if let Some(split) = trimmed.split_once([':', '.']) {
        split
    } else if matches!(trimmed.len(), 3 | 4) && trimmed.is_ascii() {
        trimmed.split_at(trimmed.len() - 2)
    } else {
        return Err(ProblemCode::InvalidTime);
    };
    let hours = digits(hours.trim(), &[1, 2]).ok_or(ProblemCode::InvalidTime)?;
    let minutes = digits(minutes.trim(), &[1, 2])
        .filter(|_| minutes.trim().len() == 2 || trimmed.contains('分'))
        .ok_or(ProblemCode::InvalidTime)?;
    NaiveTime::from_hms_opt(hours, minutes, 0).ok_or(ProblemCode::InvalidTime)
}

/// An e-mail address: one `@`, a local part, a domain with a dot, no spaces; at most 254
/// characters (RFC 5321). Deliverability is not checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX_LEN: usize = 254;

    /// ```
    /// use fwportal_core::request::fields::EmailAddress;
    /// assert_eq!(EmailAddress::parse(" ｉｔ＠ｅｘａｍｐｌｅ．ｊｐ ").unwrap().as_str(), "it@example.jp");
    /// assert!(EmailAddress::parse("it@localhost").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<EmailAddress, ProblemCode> {
        let address = half_width_trimmed(input);
        if address.is_empty() {
            return Err(ProblemCode::Required);
        }
        if address.chars().count() > Self::MAX_LEN {
            return Err(ProblemCode::TooLong);
        }
        let (local, domain) = address.split_once('@').ok_or(ProblemCode::InvalidEmail)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_graphic() && c != '@' && c != ',' && c != ';');
        if domain_ok && local_ok {
            Ok(EmailAddress(address))
        } else {
            Err(ProblemCode::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A telephone number as typed (digits with `-`, spaces, parentheses, a leading `+`), holding
/// 10 to 15 digits: Japanese numbers have 10 or 11, international ones up to 15 (E.164).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// ```
    /// use fwportal_core::request::fields::PhoneNumber;
    /// assert_eq!(PhoneNumber::parse("０３－１２３４－５６７８").unwrap().as_str(), "03-1234-5678");
    /// assert!(PhoneNumber::parse("1234").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<PhoneNumber, ProblemCode> {
        let phone = half_width_trimmed(input);
        if phone.is_empty() {
            return Err(ProblemCode::Required);
        }
        if phone.chars().count() > 24 {
            return Err(ProblemCode::TooLong);
        }
        let allowed = phone.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')') || (c == '+' && i == 0)
        });
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if allowed && (10..=15).contains(&digits) {
            Ok(PhoneNumber(phone))
        } else {
            Err(ProblemCode::InvalidPhone)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<'a> = (&'a str, Result<&'a str, ProblemCode>);

    #[test]
    fn contract_numbers_table() {
        let long_ok = "A".repeat(32);
        let long_bad = "A".repeat(33);
        let cases: Vec<Case> = vec![
            ("PC-1234", Ok("PC-1234")),
            ("  pc-1234\t", Ok("PC-1234")),
            ("ＰＣ－１２３４", Ok("PC-1234")),
            ("PC−1234", Ok("PC-1234")),
            ("1234567890", Ok("1234567890")),
            ("", Err(ProblemCode::Required)),
            ("   ", Err(ProblemCode::Required)),
            ("\u{3000}", Err(ProblemCode::Required)),
            ("PC 1234", Err(ProblemCode::InvalidCharacters)),
            ("PC_1234", Err(ProblemCode::InvalidCharacters)),
            ("契約1234", Err(ProblemCode::InvalidCharacters)),
            (&long_ok, Ok(&long_ok)),
            (&long_bad, Err(ProblemCode::TooLong)),
        ];
        for (input, expected) in cases {
            let got = ContractNumber::parse(input);
            assert_eq!(
                got.as_ref().map(|c| c.as_str()).map_err(|e| *e),
                expected,
                "{input:?}"
            );
        }
    }

    #[test]
    fn dates_table() {
        type Ymd = (i32, u32, u32);
        let cases: &[(&str, Option<Ymd>)] = &[
            ("2027-01-08", Some((2027, 1, 8))),
            (" 2027-01-08 ", Some((2027, 1, 8))),
            ("２０２７－０１－０８", Some((2027, 1, 8))),
            ("2028-02-29", Some((2028, 2, 29))),
            ("2027-02-29", None),
            ("2027-13-01", None),
            // Issue 14: the usual ways of typing a date.
            ("2027-1-8", Some((2027, 1, 8))),
            ("2027/01/08", Some((2027, 1, 8))),
            ("20270108", Some((2027, 1, 8))),
            ("2027年1月8日", Some((2027, 1, 8))),
            ("2027/1/8（金）", Some((2027, 1, 8))),
            ("27-01-08", None),
            ("+2027-01-08", None),
            ("2027-+1-08", None),
            ("2027/01/08/", None),
            ("202701080", None),
            ("2027-001-08", None),
            ("2027/1/8(金曜日です)", None),
            ("tomorrow", None),
        ];
        for (input, expected) in cases {
            let got = parse_date(input).ok();
            let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert_eq!(got, expected, "{input:?}");
        }
        assert_eq!(parse_date(""), Err(ProblemCode::Required));
    }

    #[test]
    fn times_table() {
        let ok = [
            ("00:00", (0, 0)),
            ("9:05", (9, 5)),
            ("23:59", (23, 59)),
            ("２２：３０", (22, 30)),
        ];
        for (input, (h, m)) in ok {
            assert_eq!(
                parse_time(input),
                Ok(NaiveTime::from_hms_opt(h, m, 0).unwrap()),
                "{input}"
            );
        }
        // Issue 14: `2200` and `22時` as typed on a Japanese keyboard.
        for (input, (h, m)) in [
            ("1200", (12, 0)),
            ("２２００", (22, 0)),
            ("22時", (22, 0)),
            ("9時5分", (9, 5)),
        ] {
            assert_eq!(
                parse_time(input),
                Ok(NaiveTime::from_hms_opt(h, m, 0).unwrap()),
                "{input}"
            );
        }
        for bad in [
            "24:00", "12:60", "2400", "12:5", "noon", "-1:00", "123:00", "12", "12345", "+900",
        ] {
            assert_eq!(parse_time(bad), Err(ProblemCode::InvalidTime), "{bad}");
        }
        assert_eq!(parse_time(" "), Err(ProblemCode::Required));
    }

    #[test]
    fn emails_table() {
        for ok in [
            "it@example.jp",
            "a.b+c@sub.example.co.jp",
            "ＩＴ＠ＥＸＡＭＰＬＥ．ＪＰ",
        ] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "it",
            "it@",
            "@example.jp",
            "it@example",
            "it@@example.jp",
            "i t@example.jp",
            "it@ex..jp",
            "it@.example.jp",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(ProblemCode::InvalidEmail),
                "{bad}"
            );
        }
        assert_eq!(EmailAddress::parse(""), Err(ProblemCode::Required));
    }

    #[test]
    fn phones_table() {
        for ok in [
            "03-1234-5678",
            "090 1234 5678",
            "+81-3-1234-5678",
            "(03) 1234-5678",
            "0312345678",
        ] {
            assert!(PhoneNumber::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["1234", "03-1234-567a", "03+1234-5678", "1234567890123456"] {
            assert_eq!(
                PhoneNumber::parse(bad),
                Err(ProblemCode::InvalidPhone),
                "{bad}"
            );
        }
    }

    #[test]
    fn texts_keep_what_people_typed_within_limits() {
        assert_eq!(
            Text::required(" 東京都港区 ", 5).unwrap().as_str(),
            "東京都港区"
        );
        assert_eq!(Text::required("東京都港区芝", 5), Err(ProblemCode::TooLong));
        assert_eq!(Text::required("", 5), Err(ProblemCode::Required));
        assert_eq!(Text::optional("", 5).unwrap().as_str(), "");
        assert_eq!(
            Text::optional("a\u{0}b", 5),
            Err(ProblemCode::InvalidCharacters)
        );
        assert!(Text::multiline("line 1\nline 2", 20).is_ok());
        assert_eq!(
            Text::optional("line 1\nline 2", 20),
            Err(ProblemCode::InvalidCharacters),
            "one-line text"
        );
    }

    #[test]
    fn hidden_characters_are_refused_in_free_text_table() {
        // (text, one-line verdict, multi-line verdict)
        let ok = Ok(());
        let bad = Err(ProblemCode::InvalidCharacters);
        type Verdict = Result<(), ProblemCode>;
        let cases: &[(&str, Verdict, Verdict)] = &[
            ("株式会社サンプル", ok, ok),
            ("Sample K.K. (Tokyo) #2 & Co.", ok, ok),
            ("絵文字🙂もそのまま", ok, ok),
            ("\u{3000}全角スペースで囲む\u{3000}", ok, ok),
            ("invoice\u{202E}fdp.exe", bad, bad), // right-to-left override
            ("山田\u{200B}太郎", bad, bad),       // zero-width space
            ("\u{FEFF}株式会社", bad, bad),       // byte order mark
            ("a\u{200D}b", bad, bad),             // zero-width joiner
            ("a\u{2066}b\u{2069}", bad, bad),     // isolates
            ("soft\u{00AD}hyphen", bad, bad),
            ("tag\u{E0041}", bad, bad),
            ("line\u{2028}separator", bad, bad),
            ("bell\u{7}", bad, bad),
            ("nul\u{0}", bad, bad),
            ("escape\u{1B}[31m", bad, bad),
            ("c1\u{85}next line", bad, bad),
            ("delete\u{7F}", bad, bad),
            ("two\nlines", bad, ok),
            ("two\r\nlines", bad, ok),
            ("tab\there", bad, ok),
        ];
        for (text, one_line, multi_line) in cases {
            assert_eq!(Text::optional(text, 100).map(|_| ()), *one_line, "{text:?}");
            assert_eq!(
                Text::multiline(text, 100).map(|_| ()),
                *multi_line,
                "{text:?}"
            );
        }
    }

    #[test]
    fn dates_outside_2000_to_2099_are_told_the_range_table() {
        let cases = [
            ("2000-01-01", Ok(())),
            ("2099-12-31", Ok(())),
            ("1999-12-31", Err(ProblemCode::DateOutOfRange)),
            ("2100-01-01", Err(ProblemCode::DateOutOfRange)),
            ("0001-01-01", Err(ProblemCode::DateOutOfRange)),
            ("9999-12-31", Err(ProblemCode::DateOutOfRange)),
            ("１９９０－０４－０１", Err(ProblemCode::DateOutOfRange)),
            // Not a real day: that is what the customer is told, whatever the year.
            ("2100-02-29", Err(ProblemCode::InvalidDate)),
            ("1999-02-30", Err(ProblemCode::InvalidDate)),
            ("2027-13-01", Err(ProblemCode::InvalidDate)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input).map(|_| ()), expected, "{input}");
        }
    }
}
