//! Request references: `FWU-YYYY-NNNNNN`.

use std::fmt;

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

    /// A reference as a customer types or pastes it: any letter case, full-width characters,
    /// spaces around it (`fwu-2027-000123`, `ＦＷＵ－２０２７－０００１２３`).
    ///
    /// ```
    /// use fwportal_core::request::Reference;
    /// let r = Reference::parse_typed(" fwu-2027-000123 ").unwrap();
    /// assert_eq!(r.to_string(), "FWU-2027-000123");
    /// assert_eq!(Reference::parse_typed("ＦＷＵ－２０２７－０００１２３"), Ok(r));
    /// assert!(Reference::parse_typed("fwu-2027-12").is_err());
    /// ```
    pub fn parse_typed(input: &str) -> Result<Reference, NotAReference> {
        let text: String = input
            .chars()
            .map(crate::request::fields::to_half_width)
            .collect();
        Reference::parse(&text.trim().to_ascii_uppercase())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
