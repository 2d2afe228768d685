//! The preparation list gains the firmware analysis' consequences (issue 17): two-step updates
//! (C2), power-off and reboots in the work window (R12, C4), components not covered (C1, C2,
//! R10), each due with the list's own dates, in both languages and in the files.

use chrono::{DateTime, NaiveDate, NaiveTime};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::firmware::{analyse_report, parse_catalog};
use fwportal_core::i18n::Lang;
use fwportal_core::inventory::{merge, parse_named};
use fwportal_core::preparation::{to_csv, to_markdown, PreparationInput, PreparationList};
use fwportal_core::request::AnalysisDraft;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/firmware")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn list() -> PreparationList {
    let input = PreparationInput {
        reference: Some("FWU-2027-000123".into()),
        company: "株式会社サンプル".into(),
        site_address: "東京都江東区1-2-3".into(),
        onsite_contact: None,
        contact_name: "山田太郎".into(),
        servers: vec![],
        method: None,
        target_version: Some("SPP 2025.07.00.00".into()),
        work_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        work_start_time: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap(),
    };
    PreparationList::build(input, &BusinessCalendar::default()).unwrap()
}

fn dl360() -> AnalysisDraft {
    let catalog = parse_catalog("fwrepo.json", &fixture("fwrepo_gen10.json"));
    let inventory = merge([
        parse_named("s.json", &fixture("dl360_gen10_system.json")),
        parse_named("f.json", &fixture("dl360_gen10_firmware_inventory.json")),
    ]);
    AnalysisDraft::from_report("SPP 2025.07.00.00", &analyse_report(&catalog, &inventory))
}

#[test]
fn the_dl360_analysis_adds_its_four_consequences_with_the_lists_dates() {
    let before = list();
    let after = before.clone().with_analysis(&dl360());
    assert_eq!(after.items.len(), before.items.len() + 4);
    let due = |list: &PreparationList, id: &str| list.item(id).map(|i| i.due).unwrap();

    let two_step = after.item("analysis-two-step").unwrap();
    assert_eq!(two_step.rules, ["C2"]);
    assert!(two_step
        .detail
        .en
        .contains("HPE Smart Array P408i-a SR Gen10 (JPE0360XYZ)"));
    assert!(two_step.detail.ja.contains("SPP 2025.07.00.00"));
    assert_eq!(two_step.due, due(&before, "decide-version"));

    let power_off = after.item("analysis-power-off").unwrap();
    assert!(power_off.rules.contains(&"R12".to_owned()));
    assert!(power_off
        .detail
        .en
        .contains("System Programmable Logic Device"));
    assert_eq!(power_off.due, due(&before, "stop-systems"));

    let reboot = after.item("analysis-reboot").unwrap();
    assert!(reboot.detail.en.contains("System ROM (JPE0360XYZ)"));
    assert!(!reboot.detail.en.contains("iLO 5"), "iLO 5 needs no reboot");

    let uncovered = after.item("analysis-not-covered").unwrap();
    assert!(uncovered.detail.en.contains("Power Supply Firmware"));
    assert!(uncovered.detail.en.contains("Embedded Video Controller"));
    assert!(uncovered.rules.contains(&"R10".to_owned()));

    // Still sorted by due date; the Markdown and CSV files carry the new items (the .ics
    // holds only the three dated events).
    assert!(after
        .items
        .windows(2)
        .all(|w| w[0].due.date <= w[1].due.date));
    assert!(to_markdown(&after, Lang::Ja).contains("2段階のアップデートを計画する"));
    assert!(to_markdown(&after, Lang::En).contains("Plan the two-step updates"));
    assert!(to_csv(&after, Lang::En).contains("Allow for powering the servers off"));
}

#[test]
fn nothing_to_add_without_an_analysis_or_without_consequences() {
    let before = list();
    assert_eq!(
        before.clone().with_analysis(&AnalysisDraft::default()),
        before
    );
    let mut quiet = dl360();
    quiet.servers[0]
        .components
        .retain(|c| c.action == "current" || c.action == "newer_installed");
    assert_eq!(before.clone().with_analysis(&quiet), before);
}
