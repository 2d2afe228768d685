//! The merge rule: documents of one upload combined into servers by serial number, firmware
//! lists without a serial number attached where that is unambiguous.

use std::path::PathBuf;

use fwportal_core::eligibility::ProductOutcome;
use fwportal_core::inventory::{
    merge, parse_named, InventoryParse, InventoryProblemCode, InventoryReport,
};

fn parse_fixture(name: &str) -> InventoryParse {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inventory")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_named(name, &text)
}

fn system(source: &str, model: &str, serial: &str) -> InventoryParse {
    parse_named(
        source,
        &format!(
            r#"{{"Model": "{model}", "SerialNumber": "{serial}", "BiosVersion": "U46 v1.56 (11/29/2021)"}}"#
        ),
    )
}

fn firmware(source: &str) -> InventoryParse {
    parse_named(
        source,
        r#"[{"Name": "iLO 5", "Version": "2.55 Oct 01 2021"}]"#,
    )
}

fn codes(report: &InventoryReport) -> Vec<InventoryProblemCode> {
    report.problems.iter().map(|p| p.code).collect()
}

#[test]
fn r8_system_and_firmware_inventory_of_one_upload_are_one_server() {
    let report = merge(vec![
        parse_fixture("ilo5_computer_system.json"),
        parse_fixture("ilo5_firmware_inventory_expanded.json"),
    ]);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.servers.len(), 1);
    let server = &report.servers[0];
    assert_eq!(server.model.as_deref(), Some("ProLiant DL380 Gen10 Plus"));
    assert_eq!(server.serial_number.as_deref(), Some("JPE1234ABC"));
    assert_eq!(
        server.eligibility.as_ref().map(|v| v.outcome),
        Some(ProductOutcome::Eligible)
    );
    assert_eq!(
        server.sources,
        [
            "ilo5_computer_system.json",
            "ilo5_firmware_inventory_expanded.json"
        ]
    );
    // The System ROM read from both documents appears once; the two power supplies and the
    // two identical drives stay two.
    assert_eq!(server.components.len(), 18);
    assert_eq!(
        server
            .components
            .iter()
            .filter(|c| c.name == "System ROM")
            .count(),
        1
    );
}

#[test]
fn the_order_of_files_does_not_lose_the_model() {
    let report = merge(vec![
        parse_fixture("ilo5_firmware_inventory_expanded.json"),
        parse_fixture("ilo5_computer_system.json"),
    ]);
    assert_eq!(report.servers.len(), 1);
    assert_eq!(
        report.servers[0].model.as_deref(),
        Some("ProLiant DL380 Gen10 Plus")
    );
    assert!(report.servers[0].eligibility.is_some());
    assert_eq!(report.servers[0].components.len(), 18);
}

#[test]
fn r9_r10_software_inventory_joins_the_server_too() {
    let report = merge(vec![
        parse_fixture("ilorest_systeminfo.json"),
        parse_fixture("software_inventory.json"),
        parse_fixture("ilo5_firmware_inventory_expanded.json"),
    ]);
    assert_eq!(report.servers.len(), 1, "{report:#?}");
    assert_eq!(report.servers[0].sources.len(), 3);
}

#[test]
fn same_serial_in_any_case_is_one_server() {
    let report = merge(vec![
        system("a.json", "ProLiant DL360 Gen10", "sgh123"),
        system("b.json", "HPE ProLiant DL360 Gen10", " SGH123 "),
    ]);
    assert_eq!(report.servers.len(), 1);
    assert_eq!(report.servers[0].components.len(), 1);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

#[test]
fn same_serial_with_different_models_keeps_the_first_and_reports() {
    let report = merge(vec![
        system("a.json", "ProLiant DL360 Gen10", "SGH123"),
        system("b.json", "ProLiant DL380 Gen10", "SGH123"),
    ]);
    assert_eq!(report.servers.len(), 1);
    assert_eq!(
        report.servers[0].model.as_deref(),
        Some("ProLiant DL360 Gen10")
    );
    assert_eq!(codes(&report), [InventoryProblemCode::ConflictingModel]);
    assert_eq!(report.problems[0].source, "b.json");
}

#[test]
fn firmware_without_serial_attaches_to_the_only_server() {
    let report = merge(vec![
        firmware("fw.json"),
        system("a.json", "ProLiant DL360 Gen10", "SGH123"),
    ]);
    assert_eq!(report.servers.len(), 1);
    assert_eq!(report.servers[0].sources, ["a.json", "fw.json"]);
    assert_eq!(report.servers[0].components.len(), 2);
}

#[test]
fn firmware_without_serial_and_several_servers_stays_separate_and_is_reported() {
    let report = merge(vec![
        system("a.json", "ProLiant DL360 Gen10", "SGH111"),
        system("b.json", "ProLiant DL360 Gen10", "SGH222"),
        firmware("fw1.json"),
        firmware("fw2.json"),
    ]);
    assert_eq!(report.servers.len(), 3);
    let unattached = &report.servers[2];
    assert_eq!(
        (unattached.model.as_ref(), unattached.serial_number.as_ref()),
        (None, None)
    );
    assert_eq!(unattached.sources, ["fw1.json", "fw2.json"]);
    // The same list twice: its items once.
    assert_eq!(unattached.components.len(), 1);
    assert_eq!(codes(&report), [InventoryProblemCode::UnattachedInventory]);
    assert!(report.problems[0].message_en.contains("2 servers"));
}

#[test]
fn without_any_serial_the_documents_are_one_server_unless_models_differ() {
    let blank = |source, model| {
        parse_named(
            source,
            &format!(r#"{{"Model": "{model}", "SerialNumber": ""}}"#),
        )
    };
    let report = merge(vec![
        blank("s.json", "ProLiant DL180 Gen10"),
        firmware("fw.json"),
    ]);
    assert_eq!(report.servers.len(), 1);
    assert_eq!(
        report.servers[0].model.as_deref(),
        Some("ProLiant DL180 Gen10")
    );
    assert_eq!(report.servers[0].components.len(), 1);
    // The blank serial numbers are reported by the parse, nothing more by the merge.
    assert_eq!(codes(&report), [InventoryProblemCode::MissingField]);

    let report = merge(vec![
        blank("a.json", "ProLiant DL180 Gen10"),
        blank("b.json", "ProLiant DL20 Gen10"),
        firmware("fw.json"),
    ]);
    assert_eq!(report.servers.len(), 3);
}

#[test]
fn firmware_naming_another_model_does_not_attach() {
    let other = parse_named(
        "other.json",
        r#"{"system": {"Model": "ProLiant DL20 Gen10"}}"#,
    );
    let report = merge(vec![
        system("a.json", "ProLiant DL360 Gen10", "SGH123"),
        other,
    ]);
    assert_eq!(report.servers.len(), 2);
    assert_eq!(
        codes(&report).last(),
        Some(&InventoryProblemCode::UnattachedInventory)
    );
}

#[test]
fn nothing_merged_is_an_empty_report() {
    assert_eq!(merge(Vec::new()), InventoryReport::default());
    let report = merge(vec![parse_named("x.json", "nope")]);
    assert!(report.servers.is_empty());
    assert_eq!(codes(&report), [InventoryProblemCode::NotJson]);
}

#[test]
fn report_round_trips_through_json() {
    let report = merge(vec![
        parse_fixture("ilorest_systeminfo.json"),
        parse_fixture("ilo4_firmware_inventory.json"),
        parse_fixture("malformed_truncated.json"),
    ]);
    let json = serde_json::to_string(&report).expect("serialises");
    let back: InventoryReport = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, report);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["servers"][0]["components"][0]["scope"], "in_scope");
    assert_eq!(value["problems"][0]["code"], "not_json");
}
