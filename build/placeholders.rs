//! The placeholders of the locale texts (R1, R5): the operator's settings, filled by the app's
//! one text function (`I18n::text_in` in src/i18n.rs) from the settings the server hands out.
//! Used by build.rs, which fails the build on a fault, and by tests/locale_keys.rs.

/// The names the app's text function fills.
pub const PLACEHOLDERS: [&str; 4] = ["notice_days", "cutoff", "desk_open", "desk_close"];

/// The placeholder names of `text`, sorted, or why its braces are wrong: a name the app does
/// not fill, a `{` that opens no placeholder, a `}` that closes none.
pub fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` that closes no placeholder".to_owned());
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| "a `{` that opens no placeholder".to_owned())?;
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "unknown placeholder {{{name}}} (known: {})",
                PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
            ));
        }
        names.push(name.to_owned());
        rest = &after[close + 1..];
    }
    names.sort();
    Ok(names)
}

/// The Japanese and English forms of the text `key` use known placeholders only, and the
/// same ones: a figure that one language states through a placeholder, the other must too.
pub fn check_pair(key: &str, ja: &str, en: &str) -> Result<(), String> {
    match (placeholders(ja), placeholders(en)) {
        (Ok(ja_names), Ok(en_names)) if ja_names != en_names => Err(format!(
            "{key}: ja.json has the placeholders {ja_names:?}, en.json has {en_names:?}"
        )),
        (Ok(_), Ok(_)) => Ok(()),
        (Err(e), _) => Err(format!("ja.json {key}: {e}")),
        (_, Err(e)) => Err(format!("en.json {key}: {e}")),
    }
}
