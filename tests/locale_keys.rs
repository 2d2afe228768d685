//! Both locales have exactly the same keys and only non-empty texts. `build.rs` refuses to
//! build otherwise; this test says which key, in the test report, without reading build
//! output.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                keys(child, &path, out);
            }
        }
        other => {
            assert!(
                other.as_str().is_some_and(|s| !s.trim().is_empty()),
                "{prefix} is not a non-empty string"
            );
            out.insert(prefix.to_owned());
        }
    }
}

fn locale(name: &str) -> BTreeSet<String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("read locale");
    let value: serde_json::Value = serde_json::from_str(&text).expect("locale is JSON");
    let mut out = BTreeSet::new();
    keys(&value, "", &mut out);
    out
}

#[test]
fn japanese_and_english_have_the_same_keys() {
    let (ja, en) = (locale("ja"), locale("en"));
    let only_ja: Vec<_> = ja.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&ja).collect();
    assert!(only_ja.is_empty(), "missing in en.json: {only_ja:?}");
    assert!(only_en.is_empty(), "missing in ja.json: {only_en:?}");
}
