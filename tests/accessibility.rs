//! axe-core's WCAG 2.0/2.1 A and AA rules on every page of the portal, in Japanese and in
//! English, with and without errors shown: no violation may remain. axe-core comes from npm
//! (installed into `tools/` by `scripts/setup.sh --browser`).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::journey::{self, Dates};
use support::portal::Portal;

async fn check_page(browser: &Browser, axe: &str, url: &str, ready: &str, found: &mut Vec<String>) {
    browser.client.goto(url).await.unwrap();
    browser.wait_for(ready).await;
    // The footer is the last part an app draws as it starts (src/startup.rs): the whole page
    // is there to audit.
    browser.wait_for("footer.fw-footer").await;
    for v in violations(browser, axe).await {
        found.push(format!("{url}: {v}"));
    }
}

async fn audit(lang: &str) {
    let axe = axe_source();
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start(lang).await;
    let mut found = Vec::new();

    browser.client.goto(&portal.url("/")).await.unwrap();
    if lang.starts_with("en") {
        browser.click(".fw-language__option[lang=en]").await;
    }
    for (path, ready) in [
        ("/", "h1"),
        ("/check", "h1"),
        ("/preparation", "h1"),
        ("/status", "h1"),
        ("/no-such-page", "h1"),
    ] {
        check_page(&browser, &axe, &portal.url(path), ready, &mut found).await;
    }

    // A page showing errors: the summary, the messages beside the fields.
    check_page(
        &browser,
        &axe,
        &portal.url("/request/contract"),
        "h1",
        &mut found,
    )
    .await;
    journey::continue_on(&browser).await;
    browser.wait_for(".fw-error-summary").await;
    for v in violations(&browser, &axe).await {
        found.push(format!("/request/contract with errors: {v}"));
    }

    // Every step with valid answers, then the confirmation.
    let dates = Dates::now();
    journey::fill_whole_request(&browser, &portal.base_url, "PC-AXE-1", &dates).await;
    for path in [
        "/request/contract",
        "/request/servers",
        "/request/version",
        "/request/responsibilities",
        "/request/schedule",
        "/request/check",
    ] {
        check_page(&browser, &axe, &portal.url(path), "h1", &mut found).await;
    }
    journey::submit(&browser).await;
    browser.wait_for("[data-testid=reference]").await;
    for v in violations(&browser, &axe).await {
        found.push(format!("/request/confirmation: {v}"));
    }
    browser.close().await;
    assert!(
        found.is_empty(),
        "axe-core violations ({lang}):\n{}",
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_passes_axe_in_japanese() {
    audit("ja-JP").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_passes_axe_in_english() {
    audit("en-US").await;
}

/// The harness itself: an input without a label on a real page must be reported, so a green
/// audit means axe ran, not that it was skipped.
#[tokio::test(flavor = "multi_thread")]
async fn axe_reports_an_unlabelled_input() {
    let axe = axe_source();
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    browser.client.goto(&portal.url("/")).await.unwrap();
    browser.wait_for("footer.fw-footer").await;
    browser
        .client
        .execute(
            "const i = document.createElement('input'); i.type = 'text'; \
             document.querySelector('main').appendChild(i); return true;",
            vec![],
        )
        .await
        .unwrap();
    let found = violations(&browser, &axe).await;
    browser.close().await;
    assert!(
        found.iter().any(|v| v["id"] == "label"),
        "axe did not report the unlabelled input: {found:?}"
    );
}
