//! The contract side of eligibility: the support level (R6), the periods the work date must
//! lie in (R7) and the once-a-year limit on update work (R4).

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The support contract the option is added to. Only Proactive Care qualifies (R6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    ProactiveCare,
    FoundationCare,
    DatacenterCare,
    Other,
}

impl SupportLevel {
    /// R6: only a Proactive Care contract carries the option.
    ///
    /// ```
    /// use fwportal_core::eligibility::SupportLevel;
    /// assert!(SupportLevel::ProactiveCare.qualifies());
    /// assert!(!SupportLevel::DatacenterCare.qualifies());
    /// ```
    pub fn qualifies(self) -> bool {
        self == SupportLevel::ProactiveCare
    }

    /// The level's code, as the API and the database write it.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportLevel::ProactiveCare => "proactive_care",
            SupportLevel::FoundationCare => "foundation_care",
            SupportLevel::DatacenterCare => "datacenter_care",
            SupportLevel::Other => "other",
        }
    }

    /// The level a code names ([`SupportLevel::as_str`]); `None` for anything else.
    ///
    /// ```
    /// use fwportal_core::eligibility::SupportLevel;
    /// for level in [SupportLevel::ProactiveCare, SupportLevel::Other] {
    ///     assert_eq!(SupportLevel::from_code(level.as_str()), Some(level));
    /// }
    /// assert_eq!(SupportLevel::from_code("ProactiveCare"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<SupportLevel> {
        [
            SupportLevel::ProactiveCare,
            SupportLevel::FoundationCare,
            SupportLevel::DatacenterCare,
            SupportLevel::Other,
        ]
        .into_iter()
        .find(|level| level.as_str() == code)
    }
}

/// A contract period, both ends inclusive. It may be reversed as typed; [`Period::is_reversed`]
/// says so, and such a period contains no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    #[serde(with = "crate::dates::wire::date")]
    pub start: NaiveDate,
    #[serde(with = "crate::dates::wire::date")]
    pub end: NaiveDate,
}

impl Period {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    /// The end lies before the start. A one-day period (`start == end`) is not reversed.
    pub fn is_reversed(&self) -> bool {
        self.end < self.start
    }

    /// R7: whether `date` lies in the period, first and last day included.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::eligibility::Period;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    /// let p = Period::new(d(4, 1), d(9, 30));
    /// assert!(p.contains(d(4, 1)) && p.contains(d(9, 30)));
    /// assert!(!p.contains(d(3, 31)) && !p.contains(d(10, 1)));
    /// assert!(!Period::new(d(9, 30), d(4, 1)).contains(d(6, 1)));
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The facts of a contract a request states: the support level (R6) and the two periods
/// (R7). The server stores them with the contract's first accepted request, and R4 counts the
/// contract years from the stored option start; a later request for the same contract number
/// must state the same facts ([`ContractTerms::differences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContractTerms {
    pub support_level: SupportLevel,
    pub proactive_care: Period,
    pub option: Period,
}

/// One of the facts of [`ContractTerms`], for saying which differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContractFact {
    SupportLevel,
    ProactiveCareStart,
    ProactiveCareEnd,
    OptionStart,
    OptionEnd,
}

impl ContractTerms {
    /// The facts in which `stated` differs from `self` (the stored terms), in form order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use fwportal_core::eligibility::contract::{ContractFact, ContractTerms};
    /// use fwportal_core::eligibility::{Period, SupportLevel};
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let stored = ContractTerms {
    ///     support_level: SupportLevel::ProactiveCare,
    ///     proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
    ///     option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
    /// };
    /// let moved = ContractTerms { option: Period::new(d(2027, 1, 11), d(2029, 3, 31)), ..stored };
    /// assert_eq!(stored.differences(&moved), [ContractFact::OptionStart]);
    /// assert!(stored.differences(&stored).is_empty());
    /// ```
    pub fn differences(&self, stated: &ContractTerms) -> Vec<ContractFact> {
        [
            (
                ContractFact::SupportLevel,
                self.support_level == stated.support_level,
            ),
            (
                ContractFact::ProactiveCareStart,
                self.proactive_care.start == stated.proactive_care.start,
            ),
            (
                ContractFact::ProactiveCareEnd,
                self.proactive_care.end == stated.proactive_care.end,
            ),
            (
                ContractFact::OptionStart,
                self.option.start == stated.option.start,
            ),
            (
                ContractFact::OptionEnd,
                self.option.end == stated.option.end,
            ),
        ]
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(fact, _)| fact)
        .collect()
    }
}

/// One year of the option, counted from the option's start date (R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContractYear {
    /// 0 for the year that begins on the option's start date.
    pub index: u32,
    #[serde(with = "crate::dates::wire::date")]
    pub first_day: NaiveDate,
    #[serde(with = "crate::dates::wire::date")]
    pub last_day: NaiveDate,
}

/// The day `years` years after `start`.
///
/// A Feb 29 start has no such day in a common year; the anniversary is then March 1. This is
/// the reading of the Japanese Civil Code (民法 第143条第2項): a period counted in years ends
/// on the day before the corresponding day, and when that month has no corresponding day, it
/// ends on the month's last day (Feb 28), so the next year begins on March 1. `None` only past
/// chrono's calendar range.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::eligibility::contract::anniversary;
/// let leap = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
/// assert_eq!(anniversary(leap, 1), NaiveDate::from_ymd_opt(2025, 3, 1));
/// assert_eq!(anniversary(leap, 4), NaiveDate::from_ymd_opt(2028, 2, 29));
/// ```
pub fn anniversary(start: NaiveDate, years: u32) -> Option<NaiveDate> {
    let year = start.year().checked_add(i32::try_from(years).ok()?)?;
    NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// The contract year `date` falls in, counted from `option_start` (R4): year `k` covers
/// `[anniversary(start, k), anniversary(start, k + 1) - 1 day]`. `None` before the start.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::eligibility::contract_year;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let y = contract_year(d(2026, 4, 1), d(2027, 3, 31)).unwrap();
/// assert_eq!((y.index, y.first_day, y.last_day), (0, d(2026, 4, 1), d(2027, 3, 31)));
/// assert_eq!(contract_year(d(2026, 4, 1), d(2027, 4, 1)).unwrap().index, 1);
/// assert_eq!(contract_year(d(2026, 4, 1), d(2026, 3, 31)), None);
/// ```
pub fn contract_year(option_start: NaiveDate, date: NaiveDate) -> Option<ContractYear> {
    if date < option_start {
        return None;
    }
    // The calendar-year difference is the index or one more than it.
    let guess = u32::try_from(date.year() - option_start.year()).ok()?;
    let mut index = guess;
    while anniversary(option_start, index)? > date {
        index = index.checked_sub(1)?;
    }
    let first_day = anniversary(option_start, index)?;
    let last_day = anniversary(option_start, index + 1)?.checked_sub_days(Days::new(1))?;
    Some(ContractYear {
        index,
        first_day,
        last_day,
    })
}

/// Why a second update-work request in one contract year is refused (R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an update was already accepted for {earlier} in contract year {} ({} to {}); the next one is possible from {next_possible}", .year.index, .year.first_day, .year.last_day)]
pub struct OnceAYearConflict {
    pub year: ContractYear,
    /// The work date of the accepted request in the same contract year.
    pub earlier: NaiveDate,
    /// The first day of the next contract year.
    pub next_possible: NaiveDate,
}

/// R4: at most one accepted update-work request per contract year.
///
/// `earlier_work_dates` are the work dates of the contract's requests already **accepted** for
/// update work (version consultations are not limited and are not passed here). A work date
/// before the option starts is not judged here; R7 refuses it.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::eligibility::check_once_a_year;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let start = d(2026, 4, 1);
/// let conflict = check_once_a_year(start, d(2027, 3, 31), &[d(2026, 6, 1)]).unwrap_err();
/// assert_eq!(conflict.next_possible, d(2027, 4, 1));
/// assert!(check_once_a_year(start, d(2027, 4, 1), &[d(2026, 6, 1)]).is_ok());
/// ```
pub fn check_once_a_year(
    option_start: NaiveDate,
    work_date: NaiveDate,
    earlier_work_dates: &[NaiveDate],
) -> Result<(), OnceAYearConflict> {
    let Some(year) = contract_year(option_start, work_date) else {
        return Ok(());
    };
    let earlier = earlier_work_dates
        .iter()
        .copied()
        .filter(|d| year.first_day <= *d && *d <= year.last_day)
        .min();
    match (earlier, year.last_day.succ_opt()) {
        (Some(earlier), Some(next_possible)) => Err(OnceAYearConflict {
            year,
            earlier,
            next_possible,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r6_only_proactive_care_qualifies() {
        assert!(SupportLevel::ProactiveCare.qualifies());
        for other in [
            SupportLevel::FoundationCare,
            SupportLevel::DatacenterCare,
            SupportLevel::Other,
        ] {
            assert!(!other.qualifies(), "{other:?}");
        }
    }

    #[test]
    fn r6_support_level_serialises_in_snake_case() {
        let json = serde_json::to_string(&SupportLevel::ProactiveCare).unwrap();
        assert_eq!(json, "\"proactive_care\"");
        let back: SupportLevel = serde_json::from_str("\"datacenter_care\"").unwrap();
        assert_eq!(back, SupportLevel::DatacenterCare);
        assert!(serde_json::from_str::<SupportLevel>("\"ProactiveCare\"").is_err());
    }

    #[test]
    fn r7_period_edges() {
        let p = Period::new(d(2026, 4, 1), d(2027, 3, 31));
        assert!(p.contains(d(2026, 4, 1)));
        assert!(p.contains(d(2027, 3, 31)));
        assert!(!p.contains(d(2026, 3, 31)));
        assert!(!p.contains(d(2027, 4, 1)));
        let one_day = Period::new(d(2026, 4, 1), d(2026, 4, 1));
        assert!(!one_day.is_reversed() && one_day.contains(d(2026, 4, 1)));
        let reversed = Period::new(d(2026, 4, 2), d(2026, 4, 1));
        assert!(reversed.is_reversed());
        assert!(!reversed.contains(d(2026, 4, 1)) && !reversed.contains(d(2026, 4, 2)));
    }

    #[test]
    fn r4_contract_years_tile_the_calendar_without_gaps() {
        // Every day from the start belongs to exactly one year, years follow each other, and
        // each is 365 or 366 days long. Checked over 12 years for ordinary and edge starts.
        for start in [
            d(2026, 4, 1),
            d(2024, 2, 29),
            d(2025, 2, 28),
            d(2025, 3, 1),
            d(2025, 12, 31),
            d(2026, 1, 1),
        ] {
            let mut day = start;
            let mut previous: Option<ContractYear> = None;
            while day < d(start.year() + 12, 1, 1) {
                let year = contract_year(start, day).unwrap();
                assert!(
                    year.first_day <= day && day <= year.last_day,
                    "{start} {day}"
                );
                match previous {
                    Some(p) if p.index == year.index => assert_eq!(p, year),
                    Some(p) => {
                        assert_eq!(p.index + 1, year.index);
                        assert_eq!(p.last_day.succ_opt(), Some(year.first_day));
                    }
                    None => assert_eq!((year.index, year.first_day), (0, start)),
                }
                let len = (year.last_day - year.first_day).num_days() + 1;
                assert!(
                    len == 365 || len == 366,
                    "{start}: year {} has {len} days",
                    year.index
                );
                previous = Some(year);
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn r4_feb_29_start_years_end_on_feb_28_and_restart_on_march_1() {
        let start = d(2024, 2, 29);
        let y0 = contract_year(start, d(2025, 2, 28)).unwrap();
        assert_eq!(
            (y0.index, y0.first_day, y0.last_day),
            (0, start, d(2025, 2, 28))
        );
        let y1 = contract_year(start, d(2025, 3, 1)).unwrap();
        assert_eq!((y1.index, y1.last_day), (1, d(2026, 2, 28)));
        let y3 = contract_year(start, d(2028, 2, 28)).unwrap();
        assert_eq!((y3.index, y3.first_day), (3, d(2027, 3, 1)));
        let y4 = contract_year(start, d(2028, 2, 29)).unwrap();
        assert_eq!(
            (y4.index, y4.first_day, y4.last_day),
            (4, d(2028, 2, 29), d(2029, 2, 28))
        );
    }

    #[test]
    fn r4_once_a_year_boundary_days() {
        let start = d(2026, 4, 1);
        let accepted = [d(2026, 4, 1)];
        let last_day = check_once_a_year(start, d(2027, 3, 31), &accepted).unwrap_err();
        assert_eq!(last_day.next_possible, d(2027, 4, 1));
        assert_eq!(last_day.earlier, d(2026, 4, 1));
        assert_eq!(last_day.year.index, 0);
        assert!(check_once_a_year(start, d(2027, 4, 1), &accepted).is_ok());
        // A request accepted for a later day of the same year blocks an earlier one too.
        let later = [d(2027, 3, 31)];
        assert!(check_once_a_year(start, d(2026, 4, 1), &later).is_err());
        // No earlier work, or work in other years: fine.
        assert!(check_once_a_year(start, d(2026, 9, 1), &[]).is_ok());
        assert!(check_once_a_year(start, d(2027, 9, 1), &[d(2026, 9, 1), d(2028, 9, 1)]).is_ok());
        // Before the option starts R7 decides, not R4.
        assert!(check_once_a_year(start, d(2026, 3, 31), &[d(2026, 3, 1)]).is_ok());
    }

    #[test]
    fn r4_once_a_year_with_a_feb_29_start() {
        let start = d(2024, 2, 29);
        let conflict = check_once_a_year(start, d(2025, 2, 28), &[d(2024, 6, 1)]).unwrap_err();
        assert_eq!(conflict.next_possible, d(2025, 3, 1));
        assert!(check_once_a_year(start, d(2025, 3, 1), &[d(2024, 6, 1)]).is_ok());
    }
}
