//! Both locales have exactly the same keys and only non-empty texts, and every text states the
//! operator's settings (R1, R5) through the same known placeholders in both languages.
//! `build.rs` refuses to build otherwise; these tests say which key, in the test report,
//! without reading build output, and show the build's placeholder check refusing bad texts.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

// The build script's own check, so the test exercises exactly what refuses the build.
#[path = "../build/placeholders.rs"]
mod placeholders;

fn texts(value: &serde_json::Value, prefix: &str, out: &mut BTreeMap<String, String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                texts(child, &path, out);
            }
        }
        other => {
            let text = other
                .as_str()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| panic!("{prefix} is not a non-empty string"));
            out.insert(prefix.to_owned(), text.to_owned());
        }
    }
}

fn locale(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("read locale");
    let value: serde_json::Value = serde_json::from_str(&text).expect("locale is JSON");
    let mut out = BTreeMap::new();
    texts(&value, "", &mut out);
    out
}

#[test]
fn japanese_and_english_have_the_same_keys() {
    let (ja, en) = (locale("ja"), locale("en"));
    let only_ja: Vec<_> = ja.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !ja.contains_key(*k)).collect();
    assert!(only_ja.is_empty(), "missing in en.json: {only_ja:?}");
    assert!(only_en.is_empty(), "missing in ja.json: {only_en:?}");
}

#[test]
fn every_text_has_the_same_known_placeholders_in_both_languages() {
    let (ja, en) = (locale("ja"), locale("en"));
    let faults: Vec<String> = ja
        .iter()
        .filter_map(|(key, ja_text)| {
            let en_text = en.get(key)?;
            placeholders::check_pair(key, ja_text, en_text).err()
        })
        .collect();
    assert!(faults.is_empty(), "{faults:#?}");
}

/// R1, R5: no text writes the contract's default figures itself; each states them through a
/// placeholder, so the operator's settings reach every word.
#[test]
fn r1_r5_no_text_writes_the_default_notice_cutoff_or_desk_hours() {
    for (name, texts) in [("ja", locale("ja")), ("en", locale("en"))] {
        for (key, text) in texts {
            for figure in ["8:45", "17:30", "15営業日", "15 business days", "fifteen"] {
                assert!(
                    !text.contains(figure),
                    "{name}.json {key} writes {figure:?}; use a placeholder: {text}"
                );
            }
        }
    }
}

#[test]
fn the_build_refuses_a_placeholder_one_language_lacks_or_does_not_know() {
    let ok = placeholders::check_pair(
        "start.notice",
        "{notice_days}営業日前、{cutoff}以降",
        "{cutoff} or later, {notice_days} business days",
    );
    assert_eq!(ok, Ok(()));

    let missing = placeholders::check_pair("start.notice", "{notice_days}営業日前", "15 days")
        .expect_err("English lacks {notice_days}");
    assert!(
        missing.contains("start.notice") && missing.contains("notice_days"),
        "{missing}"
    );

    let unknown = placeholders::check_pair("footer", "{desk_hours}", "{desk_hours}")
        .expect_err("{desk_hours} is not a placeholder the app fills");
    assert!(
        unknown.contains("unknown placeholder {desk_hours}"),
        "{unknown}"
    );

    for broken in ["{notice_days", "notice_days}", "{}"] {
        assert!(
            placeholders::check_pair("k", broken, broken).is_err(),
            "{broken:?} is refused"
        );
    }
}
