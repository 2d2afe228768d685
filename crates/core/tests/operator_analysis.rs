//! The analysis against an operator's catalogue (issue 17, C1, C2): what the browser keeps of
//! an import, read back within its limits on the server, analysed there exactly as a dropped
//! catalogue is analysed in the browser, and a submission's analysis re-checked against the
//! operator's catalogue.

use fwportal_core::firmware::analysis::analyse_report;
use fwportal_core::firmware::imported::{
    ImportedComponent, ImportedInventory, ImportedServer, MAX_ANALYSED_COMPONENTS,
};
use fwportal_core::firmware::parse_catalog;
use fwportal_core::inventory::{merge, parse_named, InventoryReport, MAX_TARGETS};
use fwportal_core::problem::ProblemCode;
use fwportal_core::request::{check_operator_catalog, AnalysisDraft, ServerDraft, MAX_SERVERS};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/firmware")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dl360() -> InventoryReport {
    merge([
        parse_named("system.json", &fixture("dl360_gen10_system.json")),
        parse_named("fw.json", &fixture("dl360_gen10_firmware_inventory.json")),
    ])
}

fn catalog() -> fwportal_core::firmware::CatalogParse {
    parse_catalog("SPP 2025.07.00.00", &fixture("fwrepo_gen10.json"))
}

fn component(name: &str) -> ImportedComponent {
    ImportedComponent {
        name: name.into(),
        version: "1.0".into(),
        ..ImportedComponent::default()
    }
}

fn one_server(components: Vec<ImportedComponent>) -> ImportedInventory {
    ImportedInventory {
        servers: vec![ImportedServer {
            serial_number: "JPE0360XYZ".into(),
            components,
        }],
    }
}

#[test]
fn the_kept_inventory_is_analysed_exactly_like_the_dropped_catalogue() {
    let report = dl360();
    let kept = ImportedInventory::from_report(&report, |_| true);
    assert_eq!(kept.servers.len(), 1);
    assert_eq!(kept.servers[0].serial_number, "JPE0360XYZ");
    let ipad = kept.servers[0]
        .components
        .iter()
        .find(|c| c.name == "Intelligent Platform Abstraction Data")
        .expect("the IPAD is kept");
    assert_eq!(ipad.device_class, "b8f46d06-85db-465c-94fb-d106e61378ed");
    assert_eq!(ipad.targets.len(), 2);

    // Through JSON, as the browser stores and sends it.
    let sent: ImportedInventory =
        serde_json::from_str(&serde_json::to_string(&kept).unwrap()).unwrap();
    let servers = sent
        .to_servers()
        .expect("a real import is within the limits");
    let catalog = catalog();
    let on_server =
        AnalysisDraft::of_operator_catalog("SPP 2025.07.00.00", &catalog.catalog, &servers);
    let in_browser =
        AnalysisDraft::from_report("SPP 2025.07.00.00", &analyse_report(&catalog, &report));
    assert!(on_server.operator && !in_browser.operator);
    assert_eq!(on_server.servers, in_browser.servers);
    let smart_array = on_server.servers[0]
        .components
        .iter()
        .find(|c| c.name == "HPE Smart Array P408i-a SR Gen10")
        .unwrap();
    assert_eq!(
        (smart_array.action.as_str(), smart_array.two_step),
        ("update", Some(true))
    );
}

#[test]
fn a_server_without_a_serial_number_is_not_kept() {
    // A firmware list alone names no server: the analysis could not be tied to a row.
    let report = merge([parse_named(
        "fw.json",
        &fixture("dl360_gen10_firmware_inventory.json"),
    )]);
    assert!(ImportedInventory::from_report(&report, |_| true).is_empty());
    // Only the chosen servers are kept.
    assert!(ImportedInventory::from_report(&dl360(), |_| false).is_empty());
}

#[test]
fn limits_refuse_before_any_analysis() {
    let many_servers = ImportedInventory {
        servers: vec![ImportedServer::default(); MAX_SERVERS + 1],
    };
    let problems = many_servers.to_servers().unwrap_err();
    assert_eq!(problems.len(), 1, "one problem, not one per server");
    assert_eq!(problems[0].code, ProblemCode::TooMany);
    assert!(problems[0].message_en.contains(&MAX_SERVERS.to_string()));

    let many_rows = one_server(vec![component("X"); MAX_ANALYSED_COMPONENTS + 1]);
    let problems = many_rows.to_servers().unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, ProblemCode::TooMany);
    assert!(!problems[0].message_ja.is_empty());
    // At the limit it is read.
    let at_limit = one_server(vec![component("X"); MAX_ANALYSED_COMPONENTS]);
    assert_eq!(
        at_limit.to_servers().unwrap()[0].components.len(),
        MAX_ANALYSED_COMPONENTS
    );
}

#[test]
fn each_field_is_checked() {
    let refused = |c: ImportedComponent, field: &str, code: ProblemCode| {
        let problems = one_server(vec![c]).to_servers().unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].field,
            format!("servers[0].components[0].{field}")
        );
        assert_eq!(problems[0].code, code);
        assert!(!problems[0].message_ja.is_empty() && !problems[0].message_en.is_empty());
    };
    refused(component("  "), "name", ProblemCode::Required);
    refused(component(&"x".repeat(257)), "name", ProblemCode::TooLong);
    refused(
        component("iLO\u{0}5"),
        "name",
        ProblemCode::InvalidCharacters,
    );
    refused(
        ImportedComponent {
            device_class: "not-a-guid".into(),
            ..component("iLO 5")
        },
        "device_class",
        ProblemCode::InvalidCharacters,
    );
    refused(
        ImportedComponent {
            targets: vec!["00000000-0000-0000-0000-00000000020".into()],
            ..component("iLO 5")
        },
        "targets",
        ProblemCode::InvalidCharacters,
    );
    refused(
        ImportedComponent {
            targets: vec!["00000000-0000-0000-0000-000000000204".into(); MAX_TARGETS + 1],
            ..component("iLO 5")
        },
        "targets",
        ProblemCode::TooMany,
    );
    let mut no_serial = one_server(vec![component("iLO 5")]);
    no_serial.servers[0].serial_number = "JPE 0360/XYZ".into();
    let problems = no_serial.to_servers().unwrap_err();
    assert_eq!(problems[0].field, "servers[0].serial_number");
}

#[test]
fn guids_are_read_in_lower_case_without_repeats() {
    let inventory = one_server(vec![ImportedComponent {
        device_class: "B8F46D06-85DB-465C-94FB-D106E61378ED".into(),
        targets: vec![
            "00000000-0000-0000-0000-000000000204".into(),
            "00000000-0000-0000-0000-000000000204".into(),
            "00000000-0000-0000-0000-00000155333A".into(),
        ],
        software: true,
        ..component("HPE ProLiant Gen10 Agentless Management Service")
    }]);
    let servers = inventory.to_servers().unwrap();
    let c = &servers[0].components[0];
    assert_eq!(
        c.device_class.as_deref(),
        Some("b8f46d06-85db-465c-94fb-d106e61378ed")
    );
    assert_eq!(
        c.targets,
        [
            "00000000-0000-0000-0000-000000000204",
            "00000000-0000-0000-0000-00000155333a"
        ]
    );
    // A driver the software inventory listed is R9, as in the browser's import.
    assert_eq!(c.rule, "R9");
}

fn operator_analysis() -> AnalysisDraft {
    let servers = ImportedInventory::from_report(&dl360(), |_| true)
        .to_servers()
        .unwrap();
    AnalysisDraft::of_operator_catalog("SPP 2025.07.00.00", &catalog().catalog, &servers)
}

#[test]
fn an_analysis_the_operators_catalogue_agrees_with_is_accepted() {
    let analysis = operator_analysis();
    assert!(check_operator_catalog(&analysis, Some(&catalog().catalog)).is_empty());
    // A dropped catalogue's analysis is not the server's to compare.
    let dropped = AnalysisDraft {
        operator: false,
        ..analysis
    };
    assert!(check_operator_catalog(&dropped, None).is_empty());
}

#[test]
fn r12_c2_package_facts_are_the_operators_not_the_clients() {
    let catalog = catalog();
    let tamper = |change: &dyn Fn(&mut fwportal_core::request::ComponentAnalysisDraft)| {
        let mut analysis = operator_analysis();
        let row = analysis.servers[0]
            .components
            .iter_mut()
            .find(|c| c.name == "HPE Smart Array P408i-a SR Gen10")
            .unwrap();
        change(row);
        let problems = check_operator_catalog(&analysis, Some(&catalog.catalog));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, ProblemCode::AnalysisMismatch);
        assert!(
            problems[0].field.ends_with(".package"),
            "{}",
            problems[0].field
        );
        assert!(problems[0].message_en.contains("SPP 2025.07.00.00"));
    };
    tamper(&|row| row.reboot_required = Some(false));
    tamper(&|row| row.power_off_required = Some(true));
    tamper(&|row| row.minimum_active_version = String::new());
    tamper(&|row| row.catalog_version = "5.62".into());
    tamper(&|row| row.package = "HPE_SR_Gen10_9.99.fwpkg".into());
    tamper(&|row| row.package = String::new());
}

#[test]
fn an_unknown_operator_catalogue_is_refused_in_both_languages() {
    let problems = check_operator_catalog(&operator_analysis(), None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "analysis.catalog");
    assert_eq!(problems[0].code, ProblemCode::InvalidChoice);
    assert!(problems[0].message_ja.contains("SPP 2025.07.00.00"));
    assert!(problems[0].message_en.contains("no longer offered"));
}

#[test]
fn keep_rows_keeps_the_requests_servers_only() {
    let mut analysis = operator_analysis();
    analysis.keep_rows(&[ServerDraft {
        serial_number: "OTHER".into(),
        ..ServerDraft::default()
    }]);
    assert!(analysis.servers.is_empty());
    let mut analysis = operator_analysis();
    analysis.keep_rows(&[ServerDraft {
        serial_number: "JPE0360XYZ".into(),
        ..ServerDraft::default()
    }]);
    assert_eq!(analysis.servers.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Untrusted input: any texts are read or refused with problems, never a panic, and at
    /// most one problem per component and server.
    #[test]
    fn any_inventory_is_read_or_refused(
        serial in ".{0,40}",
        rows in proptest::collection::vec(
            (".{0,40}", ".{0,20}", ".{0,40}", any::<bool>(), ".{0,40}",
             proptest::collection::vec("[0-9a-fA-F-]{0,40}", 0..20)),
            0..30,
        ),
    ) {
        let inventory = ImportedInventory { servers: vec![ImportedServer {
            serial_number: serial,
            components: rows.into_iter().map(|(name, version, location, software, device_class, targets)| {
                ImportedComponent { name, version, location, software, device_class, targets }
            }).collect(),
        }] };
        let count = inventory.servers[0].components.len();
        match inventory.to_servers() {
            Ok(servers) => {
                prop_assert_eq!(servers[0].components.len(), count);
                let analysis = AnalysisDraft::of_operator_catalog("SPP", &catalog().catalog, &servers);
                prop_assert!(analysis.operator);
            }
            Err(problems) => prop_assert!(!problems.is_empty() && problems.len() <= count + 1),
        }
    }

    /// What the browser keeps of a report is always read back (within the limits).
    #[test]
    fn what_the_browser_keeps_reads_back(chosen in any::<bool>()) {
        let kept = ImportedInventory::from_report(&dl360(), |_| chosen);
        prop_assert!(kept.to_servers().is_ok());
    }
}
