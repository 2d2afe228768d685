//! The firmware analysis carried by a request (issue 17): parsed and re-checked against its
//! own versions, its servers against the request's, its size within the limits (C1, C2).

use chrono::{TimeZone, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::firmware::analysis::{analyse_report, Action};
use fwportal_core::firmware::parse_catalog;
use fwportal_core::inventory::{merge, parse_named};
use fwportal_core::problem::{Problem, ProblemCode};
use fwportal_core::request::{
    check, check_with_analysis, AnalysisDraft, ComponentAnalysisDraft, RequestDraft, RuleContext,
    ServerAnalysisDraft, ServerDraft, MAX_FIRMWARE_ITEMS, MAX_SERVERS,
};

mod request_support;
use request_support::valid_draft;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/firmware")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The DL360's analysis against the Gen10 catalogue, as the app sends it.
fn dl360_analysis() -> AnalysisDraft {
    let catalog = parse_catalog("fwrepo.json", &fixture("fwrepo_gen10.json"));
    let inventory = merge([
        parse_named("system.json", &fixture("dl360_gen10_system.json")),
        parse_named("fw.json", &fixture("dl360_gen10_firmware_inventory.json")),
    ]);
    let report = analyse_report(&catalog, &inventory);
    AnalysisDraft::from_report("SPP 2025.07.00.00", &report)
}

/// The shared valid request with the DL360 and its analysis in place of the DL380.
fn draft() -> RequestDraft {
    RequestDraft {
        servers: vec![ServerDraft {
            model: "ProLiant DL360 Gen10".into(),
            serial_number: "JPE0360XYZ".into(),
            firmware: vec![],
        }],
        target_version: "SPP 2025.07.00.00".into(),
        analysis: dl360_analysis(),
        ..valid_draft()
    }
}

fn run(draft: &RequestDraft) -> Result<fwportal_core::request::CheckedRequest, Vec<Problem>> {
    let calendar = BusinessCalendar::default();
    check_with_analysis(
        draft,
        &RuleContext {
            calendar: &calendar,
            submitted_at: Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap(),
            earlier_work_dates: &[],
        },
        None,
    )
}

#[test]
fn the_apps_check_leaves_the_analysis_to_the_server() {
    let mut draft = draft();
    draft.analysis.servers[0].serial_number = "OTHER0001".into();
    let calendar = BusinessCalendar::default();
    let context = RuleContext {
        calendar: &calendar,
        submitted_at: Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap(),
        earlier_work_dates: &[],
    };
    let checked = check(&draft, &context).expect("the app's check does not read it");
    assert!(checked.request.analysis.is_none());
    assert!(run(&draft).is_err(), "the server's does");
}

fn problem_on(draft: &RequestDraft, field: &str) -> Problem {
    let problems = run(draft).expect_err("refused");
    problems
        .into_iter()
        .find(|p| p.field == field)
        .unwrap_or_else(|| panic!("no problem on {field}"))
}

#[test]
fn a_consistent_analysis_is_accepted_kept_and_summed_up_again() {
    let draft = draft();
    let checked = run(&draft).expect("accepted");
    let analysis = checked.request.analysis.as_ref().expect("kept");
    assert_eq!(analysis.catalog.as_str(), "SPP 2025.07.00.00");
    let (serial, server) = &analysis.servers[0];
    assert_eq!(serial.as_str(), "JPE0360XYZ");
    assert_eq!(server.components.len(), 13);
    assert_eq!(server.counts.update, 9);
    assert_eq!(server.two_step, 1);
    assert_eq!(server.power_off_required, Some(true));
    // Stored as sent (normalised), so the desk reads back what the customer saw.
    assert_eq!(checked.request.to_draft().analysis, draft.analysis);
}

#[test]
fn no_analysis_is_fine_and_not_written() {
    let mut draft = draft();
    draft.analysis = AnalysisDraft::default();
    let checked = run(&draft).expect("accepted");
    assert!(checked.request.analysis.is_none());
    let json = serde_json::to_string(&checked.request.to_draft()).expect("json");
    assert!(!json.contains("analysis"), "{json}");
}

fn row_mut<'a>(draft: &'a mut RequestDraft, name: &str) -> &'a mut ComponentAnalysisDraft {
    draft.analysis.servers[0]
        .components
        .iter_mut()
        .find(|c| c.name == name)
        .expect("row")
}

fn row_index(draft: &RequestDraft, name: &str) -> usize {
    draft.analysis.servers[0]
        .components
        .iter()
        .position(|c| c.name == name)
        .expect("row")
}

#[test]
fn c2_an_action_its_versions_contradict_is_refused() {
    let mut draft = draft();
    let i = row_index(&draft, "TPM Firmware");
    // Installed 73.64, catalogue 73.20: calling it an update is not true.
    row_mut(&mut draft, "TPM Firmware").action = "update".into();
    let problem = problem_on(
        &draft,
        &format!("analysis.servers[0].components[{i}].action"),
    );
    assert_eq!(problem.code, ProblemCode::AnalysisMismatch);
    assert_eq!(problem.rule.as_deref(), Some("C2"));
    assert!(problem.message_en.contains("TPM Firmware"));

    let mut draft = self::draft();
    let i = row_index(&draft, "Power Supply Firmware");
    row_mut(&mut draft, "Power Supply Firmware").catalog_version = "1.02".into();
    let problem = problem_on(
        &draft,
        &format!("analysis.servers[0].components[{i}].action"),
    );
    assert_eq!(problem.code, ProblemCode::AnalysisMismatch);

    let mut draft = self::draft();
    row_mut(&mut draft, "iLO 5").action = "later".into();
    let i = row_index(&draft, "iLO 5");
    let problem = problem_on(
        &draft,
        &format!("analysis.servers[0].components[{i}].action"),
    );
    assert_eq!(problem.code, ProblemCode::InvalidChoice);
}

#[test]
fn c2_a_two_step_warning_must_follow_the_minimum_version() {
    let name = "HPE Smart Array P408i-a SR Gen10";
    let mut draft = draft();
    let i = row_index(&draft, name);
    row_mut(&mut draft, name).two_step = Some(false);
    let problem = problem_on(
        &draft,
        &format!("analysis.servers[0].components[{i}].two_step"),
    );
    assert_eq!(problem.code, ProblemCode::AnalysisMismatch);

    let mut draft = self::draft();
    let ilo = row_index(&draft, "iLO 5");
    row_mut(&mut draft, "iLO 5").two_step = Some(true);
    let problem = problem_on(
        &draft,
        &format!("analysis.servers[0].components[{ilo}].two_step"),
    );
    assert_eq!(problem.code, ProblemCode::AnalysisMismatch);
}

#[test]
fn analysed_servers_must_be_the_requests() {
    let mut draft = draft();
    draft.analysis.servers[0].serial_number = "OTHER0001".into();
    let problem = problem_on(&draft, "analysis.servers[0].serial_number");
    assert_eq!(problem.code, ProblemCode::NotInRequest);

    let mut draft = self::draft();
    let again = draft.analysis.servers[0].clone();
    draft.analysis.servers.push(again);
    let problem = problem_on(&draft, "analysis.servers[1].serial_number");
    assert_eq!(problem.code, ProblemCode::NotInRequest);

    let mut draft = self::draft();
    draft.analysis.catalog = " ".into();
    assert_eq!(
        problem_on(&draft, "analysis.catalog").code,
        ProblemCode::Required
    );
}

#[test]
fn limits_come_first() {
    let mut draft = draft();
    draft.analysis.servers = vec![ServerAnalysisDraft::default(); MAX_SERVERS + 1];
    let problems = run(&draft).expect_err("refused");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "analysis.servers");
    assert_eq!(problems[0].code, ProblemCode::TooMany);

    let mut draft = self::draft();
    draft.analysis.servers[0].components =
        vec![ComponentAnalysisDraft::default(); MAX_FIRMWARE_ITEMS + 1];
    let problems = run(&draft).expect_err("refused");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "analysis.servers[0].components");
}

#[test]
fn the_scope_is_decided_again_not_taken_from_the_client() {
    let mut draft = draft();
    draft.analysis.servers[0]
        .components
        .push(ComponentAnalysisDraft {
            name: "Red Hat Enterprise Linux 8".into(),
            current_version: "8.6".into(),
            action: "not_in_catalog".into(),
            two_step: Some(false),
            ..ComponentAnalysisDraft::default()
        });
    let checked = run(&draft).expect("accepted");
    let (_, server) = &checked.request.analysis.as_ref().expect("kept").servers[0];
    let os = server.components.last().expect("row");
    assert_eq!(os.action, Action::NotInCatalog);
    assert_eq!(os.rule, "R10");
    assert_eq!(server.outside_scope, 1);
}

mod app_and_server_agree {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    const VERSIONS: &[&str] = &[
        "2.55 Oct 01 2021",
        "2.72",
        "U32 v2.52 (10/25/2021)",
        "2.90_07-25-2023",
        "52.16.3-3913",
        "12.3.0 Build 18",
        "0x15",
        "0x2B",
        "HPK3",
        "HPK5",
        "2.a.3",
        "1.0",
        "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the versions, the analysis the app computes passes the server's re-check.
        #[test]
        fn an_analysis_made_by_core_is_accepted(
            installed in prop::sample::select(VERSIONS),
            catalog in prop::sample::select(VERSIONS),
            minimum in prop::sample::select(VERSIONS),
        ) {
            let target = "4764a662-b342-4fc7-9ce9-258c5d99e815";
            let mut member = json!({"Name": "Some Device",
                "Oem": {"Hpe": {"DeviceContext": "Slot 1", "Targets": [target]}}});
            if !installed.is_empty() {
                member["Version"] = json!(installed);
            }
            let firmware = json!({"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
                "Members": [member]}).to_string();
            let system = json!({"@odata.type": "#ComputerSystem.v1_10_0.ComputerSystem",
                "Model": "ProLiant DL360 Gen10", "SerialNumber": "JPE0360XYZ"}).to_string();
            let inventory = merge([parse_named("s.json", &system), parse_named("f.json", &firmware)]);
            let mut package = json!({"target": [target], "minimum_active_version": minimum});
            if !catalog.is_empty() {
                package["version"] = json!(catalog);
            }
            let parse = parse_catalog("fwrepo.json", &json!({"p.fwpkg": package}).to_string());
            let report = analyse_report(&parse, &inventory);
            let mut draft = draft();
            draft.analysis = AnalysisDraft::from_report("SPP", &report);
            let result = run(&draft);
            prop_assert!(result.is_ok(), "{:?}", result.err());
        }
    }
}
