//! R2: the computed holidays against the Cabinet Office's list (holiday-jp's `holidays.yml`,
//! `tests/fixtures/holidays/`), every year 2000–2050, date for date and name for name.
//!
//! The product never reads this file; only this test does.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use fwportal_core::calendar::{law_holidays, BusinessCalendar};

/// holiday-jp's list, copied into the repository with its licence (see the README beside it),
/// so the test needs nothing outside the checkout.
const ORACLE: &str = "tests/fixtures/holidays/holidays.yml";

fn oracle_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(ORACLE)
}

/// `YYYY-MM-DD: name` lines; `---` and blank lines skipped. Panics (fails the test) on
/// anything else, so a changed file format cannot make the comparison vacuous.
fn read_oracle() -> BTreeMap<NaiveDate, String> {
    let path = oracle_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the holiday oracle {} cannot be read ({e}); this test needs {ORACLE}",
            path.display()
        )
    });
    let mut days = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line == "---" || line.starts_with('#') {
            continue;
        }
        let (date, name) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("oracle line {}: unexpected `{line}`", i + 1));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("oracle line {}: bad date ({e})", i + 1));
        let name = name.trim().trim_matches(|c| c == '\'' || c == '"');
        days.insert(date, name.to_owned());
    }
    days
}

#[test]
fn r2_law_holidays_match_oracle_2000_to_2050() {
    let oracle = read_oracle();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for year in 2000..=2050 {
        let expected: Vec<(NaiveDate, &str)> = oracle
            .iter()
            .filter(|(d, _)| d.format("%Y").to_string() == year.to_string())
            .map(|(d, n)| (*d, n.as_str()))
            .collect();
        assert!(
            expected.len() >= 15,
            "the oracle has only {} holidays for {year}: wrong file?",
            expected.len()
        );
        let computed = law_holidays(year).unwrap();
        let computed: Vec<(NaiveDate, &str)> = computed
            .iter()
            .map(|h| (h.date, h.name_ja.as_str()))
            .collect();
        if computed != expected {
            mismatches.push(format!(
                "{year}:\n  only computed: {:?}\n  only oracle:   {:?}",
                computed
                    .iter()
                    .filter(|x| !expected.contains(x))
                    .collect::<Vec<_>>(),
                expected
                    .iter()
                    .filter(|x| !computed.contains(x))
                    .collect::<Vec<_>>(),
            ));
        }
        compared += expected.len();
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared > 800, "only {compared} holidays compared");
}

#[test]
fn r2_default_calendar_lists_the_law_holidays() {
    let cal = BusinessCalendar::default();
    for year in [2000, 2006, 2007, 2019, 2020, 2021, 2026, 2050, 2099] {
        assert_eq!(
            cal.holidays_in_year(year).unwrap(),
            law_holidays(year).unwrap()
        );
    }
}

#[test]
fn r2_every_holiday_has_an_english_name() {
    for year in 2000..=2099 {
        for h in law_holidays(year).unwrap() {
            assert!(
                !h.name_en.is_empty() && h.name_en.is_ascii(),
                "{}: {:?}",
                h.date,
                h.name_en
            );
        }
    }
}
