//! `fwportal analyse`, run as the real binary on the core crate's fixtures: the DL360 Gen10
//! capture against an HPE-shaped catalogue (C1, C2, R12), and its refusals.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures")
        .join(path)
        .display()
        .to_string()
}

fn fwportal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn analyse(catalog: &str, files: &[&str]) -> (Value, String) {
    let mut args = vec!["analyse", "--catalog", catalog];
    args.extend_from_slice(files);
    let output = fwportal(&args);
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
    let json = serde_json::from_str(stdout.trim_end()).expect("one JSON object");
    (json, stdout)
}

#[test]
fn the_dl360_against_the_catalogue_prints_the_documented_line() {
    let (json, line) = analyse(
        &fixture("firmware/fwrepo_gen10.json"),
        &[
            &fixture("firmware/dl360_gen10_system.json"),
            &fixture("firmware/dl360_gen10_firmware_inventory.json"),
        ],
    );
    assert!(
        line.starts_with(r#"{"servers":[{"model":"ProLiant DL360 Gen10","serial_number":"JPE0360XYZ","components":[{"name":"System ROM","location":"System Board","current_version":"U32 v2.52 (10/25/2021)","catalog_version":"2.90_07-25-2023","package":"U32_2.90_07_25_2023.fwpkg","action":"update","reboot_required":true,"power_off_required":false,"minimum_active_version":null,"two_step":false"#),
        "{line}"
    );
    assert!(line.trim_end().ends_with(r#""problems":[]}"#), "{line}");
    let server = &json["servers"][0];
    let components = server["components"].as_array().expect("components");
    assert_eq!(components.len(), 13);
    let smart_array = components
        .iter()
        .find(|c| c["name"] == "HPE Smart Array P408i-a SR Gen10")
        .expect("Smart Array");
    assert_eq!(smart_array["action"], "update");
    assert_eq!(smart_array["minimum_active_version"], "3.00");
    assert_eq!(smart_array["two_step"], true);
    let actions: Vec<&str> = components
        .iter()
        .map(|c| c["action"].as_str().unwrap_or_default())
        .collect();
    for action in [
        "update",
        "current",
        "newer_installed",
        "not_in_catalog",
        "unknown",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert_eq!(server["counts"]["update"], 9);
    assert_eq!(server["reboot_required"], true);
    assert_eq!(server["power_off_required"], true);
    assert_eq!(server["two_step"], 1);
}

#[test]
fn catalogue_and_file_problems_are_in_the_output() {
    let mut catalog = tempfile::NamedTempFile::new().expect("temp file");
    write!(
        catalog,
        r#"{{"a.fwpkg": {{"version": "1.0"}}, "b.fwpkg": {{"version": "2.72", "target": ["00000000-0000-0000-0000-0000000010a5"], "reboot_required": "perhaps"}}}}"#
    )
    .expect("write");
    let path = catalog.path().display().to_string();
    let (json, _) = analyse(
        &path,
        &[
            &fixture("firmware/dl360_gen10_firmware_inventory.json"),
            &fixture("inventory/malformed_truncated.json"),
        ],
    );
    let problems: Vec<(&str, &str)> = json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["input"].as_str().unwrap_or_default(),
                p["code"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        problems.contains(&("catalog", "missing_field")),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("catalog", "invalid_field")),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("inventory", "not_json")),
        "{problems:?}"
    );
    let ilo = json["servers"][0]["components"]
        .as_array()
        .expect("components")
        .iter()
        .find(|c| c["name"] == "iLO 5")
        .cloned()
        .expect("iLO 5");
    assert_eq!(ilo["action"], "update");
    assert_eq!(ilo["reboot_required"], Value::Null);
    assert_eq!(json["servers"][0]["reboot_required"], Value::Null);
}

#[test]
fn a_catalogue_that_is_not_json_is_a_problem_not_a_crash() {
    let (json, _) = analyse(
        &fixture("inventory/oa_xmldata_short.xml"),
        &[&fixture("firmware/dl360_gen10_firmware_inventory.json")],
    );
    assert_eq!(json["problems"][0]["input"], "catalog");
    assert_eq!(json["problems"][0]["code"], "not_json");
    let actions: Vec<&str> = json["servers"][0]["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| c["action"].as_str().unwrap_or_default())
        .collect();
    assert!(actions
        .iter()
        .all(|a| *a == "not_in_catalog" || *a == "unknown"));
}

#[test]
fn refusals_exit_2_with_one_line_on_stderr() {
    let inventory = fixture("firmware/dl360_gen10_firmware_inventory.json");
    for args in [
        vec![
            "analyse",
            "--catalog",
            "/nonexistent/fwrepo.json",
            &inventory,
        ],
        vec!["analyse", "--catalog", &fixture("firmware"), &inventory],
        vec![
            "analyse",
            "--catalog",
            &fixture("firmware/fwrepo_gen10.json"),
            "/nonexistent/fw.json",
        ],
    ] {
        let output = fwportal(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("fwportal analyse: "), "{stderr}");
    }
    let output = fwportal(&["analyse", &inventory]);
    assert_eq!(output.status.code(), Some(2), "a missing --catalog");
}
