//! The customer portal as several apps (issue 13): each page is shown by its own app (the start
//! page's app is all a first visit downloads); going from one app to another is a real page
//! load that keeps the draft and the language; and the bytes a browser receives on a first
//! visit of `/` are the bytes `scripts/size-report.mjs` measures and limits.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use support::browser::Browser;
use support::journey::{self, Dates};
use support::portal::Portal;

/// The path of every resource the page fetched, without the origin, in order.
const RESOURCES: &str = r#"return performance.getEntriesByType("resource")
    .map((e) => new URL(e.name).pathname);"#;

async fn resources(browser: &Browser) -> Vec<String> {
    let value = browser.client.execute(RESOURCES, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// Which app's wasm this page loaded (`start`, `journey`, `followup`); exactly one.
async fn app_of_page(browser: &Browser) -> String {
    let wasm: Vec<String> = resources(browser)
        .await
        .into_iter()
        .filter(|p| p.ends_with("_bg.wasm") && !p.contains("inventory-worker"))
        .collect();
    assert_eq!(wasm.len(), 1, "one app's wasm per page: {wasm:?}");
    let file = wasm[0].rsplit('/').next().unwrap();
    let name = file
        .strip_prefix("fwportal-")
        .and_then(|rest| rest.rsplit_once('-'))
        .map(|(name, _)| name.to_owned())
        .unwrap_or_else(|| panic!("not an app's wasm: {file}"));
    let folder = if name == "start" {
        "/".to_owned()
    } else {
        format!("/app/{name}/")
    };
    assert_eq!(wasm[0], format!("{folder}{file}"), "the app's own folder");
    name
}

async fn path(browser: &Browser) -> String {
    let url = browser.client.current_url().await.unwrap();
    url.path().to_owned()
}

/// Waits until the browser shows `expected` (a path) and the page's app has loaded there.
async fn wait_for_path(browser: &Browser, expected: &str) {
    for _ in 0..100 {
        if path(browser).await == expected {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "the browser never reached {expected}: {}",
        path(browser).await
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn each_page_is_shown_by_its_app() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    for (page, app, heading) in [
        ("/", "start", "ファームウェアアップデート作業のお申込み"),
        ("/no-such-page", "start", "ページが見つかりません"),
        ("/check", "journey", "対象かどうかの確認"),
        ("/request/contract", "journey", "ご連絡先とご契約"),
        ("/request/no-such-step", "journey", "ページが見つかりません"),
        ("/status", "followup", "お申込みの状況"),
        ("/preparation", "followup", "作業前の準備リスト"),
    ] {
        browser.client.goto(&portal.url(page)).await.unwrap();
        browser.wait_for_text("main h1", heading).await;
        assert_eq!(app_of_page(&browser).await, app, "{page}");
        // The start app's wasm is not fetched by the other apps' pages, and the other way.
        let fetched = resources(&browser).await;
        for other in ["start", "journey", "followup"]
            .iter()
            .filter(|a| **a != app)
        {
            assert!(
                !fetched
                    .iter()
                    .any(|p| p.contains(&format!("fwportal-{other}-"))),
                "{page} fetched {other}'s files: {fetched:?}"
            );
        }
    }
    browser.close().await;
    portal.stop();
}

/// An app whose wasm cannot be fetched leaves the static page up and says so there, in both
/// languages, with what to do (the loader, `pattern_script` in each app's `Trunk.toml`).
#[tokio::test(flavor = "multi_thread")]
async fn an_app_that_cannot_load_says_so_in_both_languages() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    browser
        .cdp("Network.enable", serde_json::json!({}))
        .await
        .unwrap();
    browser
        .cdp(
            "Network.setBlockedURLs",
            serde_json::json!({ "urls": ["*_bg.wasm"] }),
        )
        .await
        .unwrap();
    for page in ["/", "/request/contract", "/status"] {
        browser.client.goto(&portal.url(page)).await.unwrap();
        let status = "#fwportal-shell [role=status]";
        let mut said = String::new();
        for _ in 0..100 {
            if let Ok(element) = browser.client.find(fantoccini::Locator::Css(status)).await {
                said = element.text().await.unwrap_or_default();
                if said.contains("読み込めませんでした") {
                    break;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(said.contains("再読み込みしてください"), "{page}: {said:?}");
        assert!(
            said.contains("could not load: reload the page"),
            "{page}: {said:?}"
        );
    }
    browser.close().await;
    portal.stop();
}

/// The language chosen on the start page and the answers typed in the journey survive every
/// move between apps (each a full page load), by links, by "start again" (a navigation the
/// journey's router makes to the start app's page) and by the browser's back button.
#[tokio::test(flavor = "multi_thread")]
async fn moving_between_apps_keeps_the_draft_and_the_language() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    let dates = Dates::now();

    browser.client.goto(&portal.url("/")).await.unwrap();
    browser.click("button[lang=en]").await;
    browser
        .wait_for_text("main h1", "Request a firmware update")
        .await;
    browser
        .wait_for_text("[data-testid=start-request]", "Request an update")
        .await;

    // Start → journey: a real page load of the journey's app, still in English.
    browser.click("[data-testid=start-request]").await;
    wait_for_path(&browser, "/request/contract").await;
    browser.wait_for("#contract-number").await;
    assert_eq!(app_of_page(&browser).await, "journey");
    assert_eq!(
        browser
            .client
            .execute("return document.documentElement.lang;", vec![])
            .await
            .unwrap(),
        "en"
    );
    journey::fill_contact(&browser, "it@example.jp").await;
    journey::fill_contract(&browser, "PC-APPS-0001", &dates).await;

    // Journey → start by the header's link: the start page offers to continue the draft.
    browser.click(".fw-header__name").await;
    wait_for_path(&browser, "/").await;
    browser
        .wait_for_text("[data-testid=start-request]", "Continue your request")
        .await;
    assert_eq!(app_of_page(&browser).await, "start");

    // Start → the self-check (journey): the contract typed before is there.
    browser.click("[data-testid=start-check]").await;
    wait_for_path(&browser, "/check").await;
    browser.wait_for_text("main h1", "Check eligibility").await;
    assert_eq!(app_of_page(&browser).await, "journey");
    assert_eq!(
        browser.value_of("#contract-proactive-care-end").await,
        journey::iso(dates.pc_end)
    );

    // Journey → follow-up: the preparation list of the draft, in English.
    browser.click("[data-testid=check-to-preparation]").await;
    wait_for_path(&browser, "/preparation").await;
    browser
        .wait_for_text("main h1", "Pre-visit preparation list")
        .await;
    assert_eq!(app_of_page(&browser).await, "followup");

    // Back: the self-check again, with the answers.
    browser.client.back().await.unwrap();
    wait_for_path(&browser, "/check").await;
    browser.wait_for_text("main h1", "Check eligibility").await;
    assert_eq!(
        browser.value_of("#contract-proactive-care-end").await,
        journey::iso(dates.pc_end)
    );

    // "Start again" in the journey forgets the answers and shows the start app's page.
    browser.click("[data-testid=forget]").await;
    browser.click("[data-testid=forget-confirm]").await;
    wait_for_path(&browser, "/").await;
    browser
        .wait_for_text("[data-testid=start-request]", "Request an update")
        .await;
    assert_eq!(app_of_page(&browser).await, "start");
    browser
        .wait_for_text("main h1", "Request a firmware update")
        .await;
    browser.close().await;
    portal.stop();
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The size report's figures (`--json`), measured from its own server on the same build.
fn size_report() -> Value {
    let dist = std::env::var_os("FWPORTAL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository().join("dist"));
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = std::process::Command::new("node")
        .arg(repository().join("scripts/size-report.mjs"))
        .arg(&dist)
        .arg(support::portal::binary())
        .arg("--json")
        .arg(out.path())
        .status()
        .expect("node runs the size report");
    assert!(status.success(), "the size report passes");
    serde_json::from_slice(&std::fs::read(out.path()).unwrap()).unwrap()
}

/// What the size report counts for a first visit of `/` is what Chromium receives: the same
/// files, each with the same body bytes as sent (compressed), and the same total under the
/// limit. (Chromium counts a fixed 300 bytes for a response's headers in `transferSize`, so
/// the headers, which the report counts as sent, are compared by count, not by size.)
#[tokio::test(flavor = "multi_thread")]
async fn the_first_visit_is_what_the_size_report_measures() {
    let report = size_report();
    let first = &report["first_visit"];
    let limit = first["limit"].as_f64().unwrap();
    assert_eq!(limit, 200.0 * 1024.0, "issue 13's limit");
    assert!(first["total"].as_f64().unwrap() <= limit);
    let reported: BTreeMap<String, u64> = first["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_owned(),
                r["body"].as_u64().unwrap(),
            )
        })
        .collect();

    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    browser.client.goto(&portal.url("/")).await.unwrap();
    browser.wait_for("[data-testid=start-request]").await;
    let received = browser
        .client
        .execute(
            r#"return [...performance.getEntriesByType("navigation"),
                       ...performance.getEntriesByType("resource")]
                .map((e) => [new URL(e.name).pathname, e.encodedBodySize]);"#,
            vec![],
        )
        .await
        .unwrap();
    let received: Vec<(String, u64)> = serde_json::from_value(received).unwrap();
    browser.close().await;
    portal.stop();

    assert!(!received.is_empty());
    for (path, bytes) in &received {
        assert_eq!(
            reported.get(path),
            Some(bytes),
            "{path}: the browser received {bytes} bytes; the report: {reported:?}"
        );
    }
    // The report counts everything the browser fetched, and only the icon besides (browsers
    // fetch icons outside the page's resource timing).
    for path in reported.keys() {
        assert!(
            received.iter().any(|(p, _)| p == path) || path.starts_with("/favicon."),
            "the report counts {path}, which the browser did not fetch: {received:?}"
        );
    }
}
