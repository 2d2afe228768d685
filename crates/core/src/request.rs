//! The update request: what the browser sends ([`RequestDraft`]) and what the rules accept
//! ([`ValidRequest`]). Parse, don't validate: a `ValidRequest` can only be built from values
//! that passed their own parsers, so code that holds one never re-checks it.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::problem::{Problem, ProblemCode};

/// The request as typed by the customer: plain strings, possibly wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDraft {
    #[serde(default)]
    pub contract_number: String,
    #[serde(default)]
    pub work_date: String,
}

/// A request whose every field passed its parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    pub contract_number: ContractNumber,
    pub work_date: WorkDate,
}

impl RequestDraft {
    /// Parses every field and returns all problems at once.
    ///
    /// ```
    /// use fwportal_core::request::RequestDraft;
    /// let draft = RequestDraft { contract_number: " ＰＣ-1234 ".into(), work_date: "2027-02-31".into() };
    /// let problems = draft.validate().unwrap_err();
    /// assert_eq!(problems.len(), 1);
    /// assert_eq!(problems[0].field, "work_date");
    /// ```
    pub fn validate(&self) -> Result<ValidRequest, Vec<Problem>> {
        let contract_number = ContractNumber::parse(&self.contract_number);
        let work_date = WorkDate::parse(&self.work_date);
        match (contract_number, work_date) {
            (Ok(contract_number), Ok(work_date)) => Ok(ValidRequest {
                contract_number,
                work_date,
            }),
            (contract_number, work_date) => Err([
                contract_number
                    .err()
                    .map(|code| contract_number_problem("contract_number", code)),
                work_date
                    .err()
                    .map(|code| work_date_problem("work_date", code)),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }
}

/// A Proactive Care contract number (R6): 1–32 characters of `A–Z`, `0–9` and `-`.
///
/// Customers copy it from a contract document or type it with a Japanese input method, so
/// surrounding space is dropped, full-width letters and digits become half-width and letters
/// become upper case before the check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ContractNumber(String);

impl ContractNumber {
    pub const MAX_LEN: usize = 32;

    /// ```
    /// use fwportal_core::request::ContractNumber;
    /// assert_eq!(ContractNumber::parse(" ｐｃ－００１２ ").unwrap().as_str(), "PC-0012");
    /// assert!(ContractNumber::parse("PC 0012").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<ContractNumber, ProblemCode> {
        let normalised: String = input
            .trim()
            .chars()
            .map(to_half_width)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if normalised.is_empty() {
            return Err(ProblemCode::Required);
        }
        if normalised.chars().count() > Self::MAX_LEN {
            return Err(ProblemCode::TooLong);
        }
        if !normalised
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(ProblemCode::InvalidCharacters);
        }
        Ok(ContractNumber(normalised))
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

/// The planned day of the on-site work, a real calendar day given as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct WorkDate(NaiveDate);

impl WorkDate {
    /// ```
    /// use fwportal_core::request::WorkDate;
    /// assert!(WorkDate::parse("2027-01-08").is_ok());
    /// assert!(WorkDate::parse("2027-02-29").is_err()); // not a leap year
    /// ```
    pub fn parse(input: &str) -> Result<WorkDate, ProblemCode> {
        let trimmed: String = input.trim().chars().map(to_half_width).collect();
        if trimmed.is_empty() {
            return Err(ProblemCode::Required);
        }
        // chrono accepts a year of any width and signs; the API promises exactly YYYY-MM-DD.
        let shaped = trimmed.len() == 10
            && trimmed.char_indices().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            });
        if !shaped {
            return Err(ProblemCode::InvalidDate);
        }
        NaiveDate::parse_from_str(&trimmed, "%Y-%m-%d")
            .map(WorkDate)
            .map_err(|_| ProblemCode::InvalidDate)
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for WorkDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// The reference a customer quotes for a request: `FWU-YYYY-NNNNNN`, the year it was received
/// and a sequence number within that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    year: u16,
    sequence: u32,
}

/// Why a text is not a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a request reference (expected FWU-YYYY-NNNNNN)")]
pub struct NotAReference;

impl Reference {
    pub const MAX_SEQUENCE: u32 = 999_999;

    /// `None` when the year has no four digits or the sequence is outside 1–999999.
    pub fn new(year: i32, sequence: u32) -> Option<Reference> {
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (1000..=9999).contains(y))?;
        (1..=Self::MAX_SEQUENCE)
            .contains(&sequence)
            .then_some(Reference { year, sequence })
    }

    /// ```
    /// use fwportal_core::request::Reference;
    /// let r = Reference::parse("FWU-2027-000123").unwrap();
    /// assert_eq!((r.year(), r.sequence()), (2027, 123));
    /// assert_eq!(r.to_string(), "FWU-2027-000123");
    /// assert!(Reference::parse("FWU-2027-123").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<Reference, NotAReference> {
        let rest = input.strip_prefix("FWU-").ok_or(NotAReference)?;
        let (year, sequence) = rest.split_once('-').ok_or(NotAReference)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(sequence, 6) {
            return Err(NotAReference);
        }
        let year: i32 = year.parse().map_err(|_| NotAReference)?;
        let sequence: u32 = sequence.parse().map_err(|_| NotAReference)?;
        Reference::new(year, sequence).ok_or(NotAReference)
    }

    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FWU-{:04}-{:06}", self.year, self.sequence)
    }
}

/// Maps full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space to their half-width
/// twins; other characters pass through.
pub fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // The minus sign and the Japanese long vowel mark are typed for a hyphen.
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{30FC}' => '-',
        _ => c,
    }
}

fn contract_number_problem(field: &str, code: ProblemCode) -> Problem {
    let message = match code {
        ProblemCode::Required => Bilingual::new(
            "契約番号を入力してください。契約書またはサポート契約の案内に記載されています。",
            "Enter your contract number. It is printed on your contract or support agreement.",
        ),
        ProblemCode::TooLong => Bilingual::new(
            format!(
                "契約番号は{}文字以内で入力してください。",
                ContractNumber::MAX_LEN
            ),
            format!(
                "The contract number must be {} characters or fewer.",
                ContractNumber::MAX_LEN
            ),
        ),
        _ => Bilingual::new(
            "契約番号は英字、数字、ハイフン（-）で入力してください。",
            "Use only letters, digits and hyphens (-) in the contract number.",
        ),
    };
    Problem::new(field, code, message).with_rule("R6")
}

fn work_date_problem(field: &str, code: ProblemCode) -> Problem {
    let message = match code {
        ProblemCode::Required => Bilingual::new(
            "作業予定日を入力してください。",
            "Enter the planned work date.",
        ),
        _ => Bilingual::new(
            "作業予定日は実在する日付を「2027-01-08」の形式で入力してください。",
            "Enter the work date as a real date in the form 2027-01-08.",
        ),
    };
    Problem::new(field, code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_numbers_table() {
        let cases: &[(&str, Result<&str, ProblemCode>)] = &[
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
            (&"A".repeat(32), Ok(&"A".repeat(32))),
            (&"A".repeat(33), Err(ProblemCode::TooLong)),
        ];
        for (input, expected) in cases {
            let got = ContractNumber::parse(input);
            assert_eq!(
                got.as_ref().map(|c| c.as_str()).map_err(|e| *e),
                *expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    // The table's element type is spelled out once, in place; an alias would only move it.
    #[allow(clippy::type_complexity)]
    fn work_dates_table() {
        type Ymd = (i32, u32, u32);
        let cases: &[(&str, Option<Ymd>)] = &[
            ("2027-01-08", Some((2027, 1, 8))),
            (" 2027-01-08 ", Some((2027, 1, 8))),
            ("２０２７－０１－０８", Some((2027, 1, 8))),
            ("2028-02-29", Some((2028, 2, 29))),
            ("2027-02-29", None),
            ("2027-13-01", None),
            ("2027-1-8", None),
            ("27-01-08", None),
            ("+2027-01-08", None),
            ("2027/01/08", None),
            ("tomorrow", None),
        ];
        for (input, expected) in cases {
            let got = WorkDate::parse(input).ok().map(|d| d.date());
            let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert_eq!(got, expected, "input {input:?}");
        }
        assert_eq!(WorkDate::parse(""), Err(ProblemCode::Required));
    }

    #[test]
    fn validation_reports_every_problem_with_both_languages() {
        let problems = RequestDraft::default().validate().unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["contract_number", "work_date"]);
        for p in &problems {
            assert_eq!(p.code, ProblemCode::Required);
            assert!(!p.message_ja.is_empty() && !p.message_en.is_empty());
        }
        assert_eq!(problems[0].rule.as_deref(), Some("R6"));
    }

    #[test]
    fn references_table() {
        for ok in ["FWU-2027-000001", "FWU-2026-999999", "FWU-1000-123456"] {
            assert_eq!(Reference::parse(ok).unwrap().to_string(), ok);
        }
        for bad in [
            "",
            "FWU-2027-000000",
            "FWU-2027-1234567",
            "FWU-27-000001",
            "fwu-2027-000001",
            "FWU-2027-00000a",
            "FWU-0999-000001",
            "FWU-2027-+00001",
            "XFWU-2027-000001",
        ] {
            assert_eq!(Reference::parse(bad), Err(NotAReference), "{bad:?}");
        }
        assert_eq!(Reference::new(2027, 0), None);
        assert_eq!(Reference::new(2027, 1_000_000), None);
    }

    #[test]
    fn a_valid_draft_becomes_a_valid_request() {
        let draft = RequestDraft {
            contract_number: "ｐｃ-77".into(),
            work_date: "2027-03-01".into(),
        };
        let valid = draft.validate().unwrap();
        assert_eq!(valid.contract_number.as_str(), "PC-77");
        assert_eq!(valid.work_date.to_string(), "2027-03-01");
    }
}
