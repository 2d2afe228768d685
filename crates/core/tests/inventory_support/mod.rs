//! What the inventory tests share: the fixtures, the real samples, and the
//! invariants every report keeps.

#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;

use fwportal_core::inventory::{parse_named, InventoryParse, InventoryReport};

/// A fixture of `tests/fixtures/inventory`.
pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inventory")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn parse_fixture(name: &str) -> InventoryParse {
    parse_named(name, &fixture(name))
}

/// A real sample of `tests/fixtures/inventory-samples` (copied with its licence, see the README
/// there). A missing or unreadable sample fails the test: it never passes without checking.
pub fn sample(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inventory-samples")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What holds for any report, whatever the input: messages in both languages, a source for
/// every server, an answer for every model, the rule of every scope, and a JSON round trip.
pub fn check(report: &InventoryReport) {
    for problem in &report.problems {
        assert!(!problem.message_ja.is_empty() && !problem.message_en.is_empty());
    }
    for server in &report.servers {
        assert!(!server.sources.is_empty());
        assert_eq!(server.eligibility.is_some(), server.model.is_some());
        for c in &server.components {
            assert!(!c.name.trim().is_empty());
            assert_eq!(c.rule, c.scope.rule());
        }
    }
    let json = serde_json::to_string(report).expect("a report always serialises");
    let back: InventoryReport = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(&back, report);
}
