//! `fwportal eligibility`, run as the real binary.

use std::process::{Command, Output};

fn fwportal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(args)
        .output()
        .unwrap()
}

fn json_line(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
    serde_json::from_str(stdout.trim_end()).unwrap()
}

#[test]
fn r8_r10_r11_model_prints_one_json_line_per_outcome() {
    for (model, outcome, rule, family) in [
        (
            "HPE ProLiant DL380 Gen10 Plus",
            "eligible",
            "R8",
            "ProLiant DL",
        ),
        (
            "ＰｒｏＬｉａｎｔ　ＢＬ４６０ｃ　Ｇｅｎ９",
            "eligible",
            "R8",
            "ProLiant BL",
        ),
        (
            "Onboard Administrator",
            "eligible",
            "R8",
            "BladeSystem c-Class component",
        ),
        (
            "HPE ProLiant MicroServer Gen10 Plus v2",
            "excluded",
            "R11",
            "MicroServer",
        ),
        ("HPE Superdome X", "excluded", "R11", "Superdome X"),
        ("HPE MSA 2060", "out_of_scope", "R10", "Storage"),
        (
            "HPE Synergy 480 Gen10",
            "needs_confirmation",
            "R8",
            "Synergy",
        ),
    ] {
        let output = fwportal(&["eligibility", "model", model]);
        let json = json_line(&output);
        assert_eq!(json["outcome"], outcome, "{model}");
        assert_eq!(json["rule"], rule, "{model}");
        assert_eq!(json["family"], family, "{model}");
        assert!(json["message_ja"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(json["message_en"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(json.as_object().unwrap().len(), 5);
        // The documented key order, as printed (serde_json's map would sort the keys).
        let line = String::from_utf8(output.stdout).unwrap();
        let at = |key: &str| line.find(&format!("\"{key}\":")).unwrap();
        let order = ["outcome", "rule", "family", "message_ja", "message_en"].map(at);
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{line}");
        assert!(line.starts_with("{\"outcome\":"), "{line}");
    }
}

#[test]
fn r8_empty_model_text_is_a_usage_error() {
    for text in ["", "   ", "\u{3000}"] {
        let output = fwportal(&["eligibility", "model", text]);
        assert_eq!(output.status.code(), Some(2), "{text:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
        assert!(stderr.contains("empty"), "{stderr:?}");
    }
}

#[test]
fn missing_arguments_are_clap_usage_errors() {
    assert_eq!(fwportal(&["eligibility", "model"]).status.code(), Some(2));
    assert_eq!(fwportal(&["eligibility"]).status.code(), Some(2));
    assert_eq!(
        fwportal(&["eligibility", "colour", "x"]).status.code(),
        Some(2)
    );
}

#[test]
fn r9_r10_component_prints_scope_and_rule() {
    let json = json_line(&fwportal(&[
        "eligibility",
        "component",
        "iLO 5 Automatic Server Recovery Driver",
    ]));
    assert_eq!(json["scope"], "depends_on_spp");
    assert_eq!(json["rule"], "R9");
    let json = json_line(&fwportal(&[
        "eligibility",
        "component",
        "EG0600FBVFX",
        "--kind",
        "firmware",
        "--context",
        "Bay 3",
    ]));
    assert_eq!(json["scope"], "in_scope");
    assert_eq!(json["category"], "drive");
    let json = json_line(&fwportal(&[
        "eligibility",
        "component",
        "Windows Server 2022",
    ]));
    assert_eq!(
        (json["scope"].as_str(), json["rule"].as_str()),
        (Some("out_of_scope"), Some("R10"))
    );
    assert_eq!(
        fwportal(&["eligibility", "component", " "]).status.code(),
        Some(2)
    );
}
