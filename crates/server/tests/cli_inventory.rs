//! `fwportal inventory`, run as the real binary on the core crate's fixtures.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/inventory")
        .join(name)
        .display()
        .to_string()
}

fn fwportal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn inventory(files: &[&str]) -> (serde_json::Value, String) {
    let mut args = vec!["inventory"];
    args.extend_from_slice(files);
    let output = fwportal(&args);
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
    let json = serde_json::from_str(stdout.trim_end()).expect("one JSON object");
    (json, stdout)
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn r8_system_and_firmware_files_print_one_merged_server_on_one_line() {
    let system = fixture("ilo5_computer_system.json");
    let firmware = fixture("ilo5_firmware_inventory_expanded.json");
    let (json, line) = inventory(&[&system, &firmware]);
    assert!(line.starts_with(r#"{"servers":[{"model":"ProLiant DL380 Gen10 Plus","serial_number":"JPE1234ABC","eligibility":{"outcome":"eligible""#), "{line}");
    assert!(line.trim_end().ends_with(r#""problems":[]}"#), "{line}");
    let servers = json["servers"].as_array().expect("servers");
    assert_eq!(servers.len(), 1);
    let components = servers[0]["components"].as_array().expect("components");
    assert_eq!(components.len(), 18);
    assert!(components
        .iter()
        .all(|c| c["scope"] == "in_scope" && c["rule"] == "R8"));
    assert_eq!(components[0]["name"], "System ROM");
    assert_eq!(components[0]["version"], "U46 v1.56 (11/29/2021)");
    assert_eq!(servers[0]["sources"], serde_json::json!([system, firmware]));
}

#[test]
fn r9_r10_every_input_form_is_read() {
    for (name, components) in [
        ("ilo4_firmware_inventory.json", 12),
        ("ilo6_firmware_inventory_expanded.json", 13),
        ("ilo5_firmware_member.json", 1),
        ("ilorest_systeminfo.json", 15),
        ("ilorest_serverinfo_members.json", 3),
        ("software_inventory.json", 6),
    ] {
        let (json, _) = inventory(&[&fixture(name)]);
        assert_eq!(codes(&json), Vec::<String>::new(), "{name}");
        let items = json["servers"][0]["components"]
            .as_array()
            .expect("components");
        assert_eq!(items.len(), components, "{name}");
    }
    let (json, _) = inventory(&[&fixture("software_inventory.json")]);
    let scopes: Vec<_> = json["servers"][0]["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| {
            (
                c["scope"].as_str().unwrap_or_default(),
                c["rule"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(scopes[1], ("depends_on_spp", "R9"));
    assert_eq!(scopes[4], ("out_of_scope", "R10"));
}

#[test]
fn malformed_files_are_problems_in_the_output() {
    let (json, _) = inventory(&[
        &fixture("malformed_truncated.json"),
        &fixture("malformed_wrong_shape.json"),
        &fixture("malformed_empty.json"),
        &fixture("ilo5_firmware_collection_links_only.json"),
    ]);
    assert_eq!(
        codes(&json),
        [
            "not_json",
            "unknown_shape",
            "empty",
            "links_only_collection"
        ]
    );
    assert_eq!(json["servers"], serde_json::json!([]));
    let links = &json["problems"][3];
    assert_eq!(
        links["source"],
        fixture("ilo5_firmware_collection_links_only.json")
    );
    assert!(links["message_en"]
        .as_str()
        .is_some_and(|m| m.contains("--expand")));
    assert!(links["message_ja"]
        .as_str()
        .is_some_and(|m| m.contains("?$expand=.")));
}

#[test]
fn an_unreadable_file_among_readable_ones_is_a_problem() {
    let (json, _) = inventory(&[
        &fixture("ilo5_firmware_member.json"),
        "/nonexistent/fw.json",
    ]);
    assert_eq!(codes(&json), ["unreadable"]);
    assert_eq!(json["problems"][0]["source"], "/nonexistent/fw.json");
    assert_eq!(json["servers"].as_array().map(Vec::len), Some(1));
}

#[test]
fn no_readable_file_is_one_line_on_stderr_and_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = dir.path().display().to_string();
    let output = fwportal(&["inventory", "/nonexistent/a.json", &dir_path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.contains("/nonexistent/a.json") && stderr.contains("not a regular file"));
}

#[test]
fn no_file_at_all_is_a_usage_error() {
    let output = fwportal(&["inventory"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_file_over_five_megabytes_is_refused_before_reading_and_the_limit_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let member = std::fs::read(fixture("ilo5_firmware_member.json")).expect("fixture");
    let write = |name: &str, size: usize| {
        let path = dir.path().join(name);
        let mut file = std::fs::File::create(&path).expect("create");
        file.write_all(&member).expect("write");
        file.write_all(&vec![b' '; size - member.len()])
            .expect("write");
        path.display().to_string()
    };
    let over = write("over.json", 5 * 1024 * 1024 + 1);
    let limit = write("limit.json", 5 * 1024 * 1024);
    let (json, _) = inventory(&[&over, &limit]);
    assert_eq!(codes(&json), ["too_large"]);
    assert_eq!(json["problems"][0]["source"], over);
    assert!(json["problems"][0]["message_en"]
        .as_str()
        .is_some_and(|m| m.contains("5242881 bytes")));
    assert_eq!(json["servers"][0]["components"][0]["name"], "System ROM");
}

#[test]
fn a_utf16_file_from_powershell_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixture("ilorest_systeminfo.json")).expect("fixture");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let path = dir.path().join("serverinfo.json");
    std::fs::write(&path, bytes).expect("write");
    let (json, _) = inventory(&[&path.display().to_string()]);
    assert_eq!(codes(&json), Vec::<String>::new());
    assert_eq!(json["servers"][0]["serial_number"], "JPE1234ABC");
}
