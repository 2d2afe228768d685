//! Generates `texts.rs` from `locales/ja.json` and `locales/en.json`: one static per text,
//! holding both languages, in modules named after the JSON sections
//! (`texts::servers::title`). A text is data, not code, so the app's download grows by the
//! words only. The build fails, naming the keys, when the two files do not have the same keys
//! or a value is not a non-empty string: a missing English text can never reach a customer.
//!
//! A text may state the operator's settings (R1, R5) only through placeholders, filled by the
//! app's one text function (`I18n::text_in`) from the settings the server hands out:
//! `{notice_days}`, `{cutoff}`, `{desk_open}`, `{desk_close}`. The build fails for an unknown
//! placeholder, a brace that opens no placeholder, and a placeholder that one language of a
//! text has and the other lacks, so neither language can state a figure the other fills.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

// Shared with tests/locale_keys.rs, which shows this check refusing bad texts.
#[path = "build/placeholders.rs"]
mod placeholders;

/// `section -> key -> text`; top-level texts are in the section "".
type Texts = BTreeMap<String, BTreeMap<String, String>>;

const LOCALES: [&str; 2] = ["ja", "en"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/placeholders.rs");
    let root =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?);
    let [ja, en] = LOCALES.map(|name| {
        let path = root.join("locales").join(format!("{name}.json"));
        println!("cargo::rerun-if-changed={}", path.display());
        read_locale(&path)
    });
    let (ja, en) = (ja?, en?);
    check_same_keys(&ja, &en)?;
    check_placeholders(&ja, &en)?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?);
    std::fs::write(out.join("texts.rs"), generate(&ja, &en)?)?;
    Ok(())
}

fn read_locale(path: &Path) -> Result<Texts, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    let Value::Object(top) = value else {
        return Err(format!("{}: expected an object of texts", path.display()).into());
    };
    let mut texts = Texts::new();
    for (name, value) in top {
        match value {
            Value::Object(section) => {
                let entries = texts.entry(name.clone()).or_default();
                for (key, value) in section {
                    entries.insert(
                        key.clone(),
                        text_value(path, &format!("{name}.{key}"), value)?,
                    );
                }
            }
            value => {
                let text = text_value(path, &name, value)?;
                texts.entry(String::new()).or_default().insert(name, text);
            }
        }
    }
    Ok(texts)
}

fn text_value(path: &Path, key: &str, value: Value) -> Result<String, Box<dyn Error>> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Ok(text),
        _ => Err(format!("{}: {key} must be a non-empty string", path.display()).into()),
    }
}

fn keys(texts: &Texts) -> Vec<String> {
    texts
        .iter()
        .flat_map(|(section, entries)| {
            entries.keys().map(move |key| match section.as_str() {
                "" => key.clone(),
                _ => format!("{section}.{key}"),
            })
        })
        .collect()
}

fn check_same_keys(ja: &Texts, en: &Texts) -> Result<(), Box<dyn Error>> {
    let (ja_keys, en_keys) = (keys(ja), keys(en));
    let only_ja: Vec<_> = ja_keys.iter().filter(|k| !en_keys.contains(k)).collect();
    let only_en: Vec<_> = en_keys.iter().filter(|k| !ja_keys.contains(k)).collect();
    if only_ja.is_empty() && only_en.is_empty() {
        return Ok(());
    }
    Err(format!("locales differ: only in ja.json {only_ja:?}; only in en.json {only_en:?}").into())
}

/// Every placeholder is known and each text has the same placeholders in both languages.
fn check_placeholders(ja: &Texts, en: &Texts) -> Result<(), Box<dyn Error>> {
    let mut faults = Vec::new();
    for (section, entries) in ja {
        for (key, ja_text) in entries {
            let name = match section.as_str() {
                "" => key.clone(),
                _ => format!("{section}.{key}"),
            };
            if let Err(fault) = placeholders::check_pair(&name, ja_text, &en[section][key]) {
                faults.push(fault);
            }
        }
    }
    if faults.is_empty() {
        return Ok(());
    }
    Err(format!("locale placeholders: {}", faults.join("; ")).into())
}

/// A Rust identifier for a JSON key; keywords get the raw form.
fn ident(name: &str) -> Result<String, Box<dyn Error>> {
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(format!("locale key {name:?}: use lower_snake_case").into());
    }
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use",
        "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
        "try", "typeof", "unsized", "virtual", "yield", "gen",
    ];
    Ok(if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    })
}

fn generate(ja: &Texts, en: &Texts) -> Result<String, Box<dyn Error>> {
    let mut out = String::from("// Generated by build.rs from locales/*.json. Do not edit.\n");
    for (section, entries) in ja {
        let indent = if section.is_empty() { "" } else { "    " };
        if !section.is_empty() {
            writeln!(out, "pub mod {} {{\n    use super::Text;", ident(section)?)?;
        }
        for (key, ja_text) in entries {
            let en_text = &en[section][key];
            writeln!(
                out,
                "{indent}pub static {}: Text = Text {{ ja: {ja_text:?}, en: {en_text:?} }};",
                ident(key)?
            )?;
        }
        if !section.is_empty() {
            out.push_str("}\n");
        }
    }
    Ok(out)
}
