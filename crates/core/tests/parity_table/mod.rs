//! The parity cases: one table of answers (`fixtures/parity.tsv`) that the native build
//! (`crates/core/tests/parity.rs`) and the WebAssembly build in headless Chromium
//! (`tests/wasm_rules.rs`, which includes this file) must both reproduce, so the app and the
//! server cannot disagree on a date or a model (R2, R5, R8, R11).

use chrono::{DateTime, NaiveDate};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::eligibility::classify_model;

pub const CASES: &str = include_str!("../fixtures/parity.tsv");

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Checks every case; returns how many were checked.
pub fn check_all() -> usize {
    let calendar = BusinessCalendar::default();
    let mut checked = 0;
    for line in CASES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["notice", work, submitted, received, deadline, earliest, met] => {
                let submitted = DateTime::parse_from_rfc3339(submitted).unwrap();
                let report = calendar.notice_report(date(work), &submitted).unwrap();
                assert_eq!(report.received_on, date(received), "{line}");
                assert_eq!(report.deadline, date(deadline), "{line}");
                assert_eq!(report.earliest_work_date, date(earliest), "{line}");
                assert_eq!(report.notice_met.to_string(), *met, "{line}");
            }
            ["holidays", year, dates] => {
                let year: i32 = year.parse().unwrap();
                let computed: Vec<String> = calendar
                    .holidays_in_year(year)
                    .unwrap()
                    .iter()
                    .map(|h| h.date.format("%Y-%m-%d").to_string())
                    .collect();
                assert_eq!(computed.join(","), *dates, "holidays of {year}");
            }
            ["model", text, outcome] => {
                let verdict = classify_model(text);
                let got = serde_json::to_value(verdict.outcome).unwrap();
                assert_eq!(got.as_str(), Some(*outcome), "{text}");
            }
            _ => panic!("malformed parity line: {line:?}"),
        }
        checked += 1;
    }
    checked
}
