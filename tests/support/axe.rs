//! axe-core's WCAG 2.0/2.1 A and AA rules run in the page under test. axe-core comes from npm
//! (installed into `tools/` by `scripts/setup.sh --browser`).

use std::path::PathBuf;

use serde_json::Value;

use super::browser::Browser;

/// axe-core's script, to inject into a page.
pub fn axe_source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}) — run scripts/setup.sh --browser",
            path.display()
        )
    })
}

/// Runs axe on the current page and returns its violations (rule id, impact, first targets).
pub async fn violations(browser: &Browser, axe: &str) -> Vec<Value> {
    browser
        .client
        .execute(&format!("{axe}\nreturn true;"), vec![])
        .await
        .expect("inject axe-core");
    let result = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
               .then(r => done(r.violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
               .catch(e => done([{ id: 'axe-error', help: String(e) }]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    result.as_array().cloned().unwrap_or_default()
}
