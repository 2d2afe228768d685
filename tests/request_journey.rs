//! The thin path end to end: a customer opens the portal in headless Chromium, makes a
//! mistake and sees it explained with their input kept, corrects it, gets a reference; the
//! request is still there after the server restarts on the same database file.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::browser::Browser;
use support::portal::Portal;

#[tokio::test(flavor = "multi_thread")]
async fn a_request_is_submitted_in_the_browser_and_survives_a_restart() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let portal = Portal::start(&database);
    // An English browser: the portal must still start in Japanese.
    let browser = Browser::start("en-US").await;

    browser.client.goto(&portal.url("/")).await.unwrap();
    browser
        .wait_for_text("h1", "ファームウェアアップデート作業のお申込み")
        .await;
    assert_eq!(
        browser
            .wait_for("html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("ja")
    );
    browser.screenshot("start-ja").await;
    browser.click("a.fw-button--start").await;
    browser.wait_for_text("h1", "お申込み内容の入力").await;

    // A date that does not exist: the error is shown beside the field and in the summary,
    // and what was typed stays.
    browser.type_into("#contract-number", "PC-1234").await;
    browser.type_into("#work-date", "2027-02-30").await;
    browser.click("button[type=submit]").await;
    let error = browser
        .wait_for_text("#work-date-error", "実在する日付")
        .await;
    assert!(error.contains("2027-01-08"), "{error}");
    browser
        .wait_for_text(".fw-error-summary", "実在する日付")
        .await;
    assert_eq!(browser.value_of("#work-date").await, "2027-02-30");
    assert_eq!(browser.value_of("#contract-number").await, "PC-1234");
    assert!(
        browser.title().await.starts_with("エラー: "),
        "{}",
        browser.title().await
    );
    browser.screenshot("request-error-ja").await;

    // The language switch keeps the answers and translates the error.
    browser.click(".fw-language__option[lang=en]").await;
    browser.wait_for_text("#work-date-error", "real date").await;
    assert_eq!(browser.value_of("#work-date").await, "2027-02-30");
    assert!(browser.title().await.starts_with("Error: "));
    browser.click(".fw-language__option[lang=ja]").await;
    browser.wait_for_text("h1", "お申込み内容の入力").await;

    browser.type_into("#work-date", "2027-03-01").await;
    browser.click("button[type=submit]").await;
    let reference = browser
        .wait_for_text("[data-testid=reference]", "FWU-")
        .await;
    let reference = reference.trim().to_owned();
    assert!(
        fwportal_core::request::Reference::parse(&reference).is_ok(),
        "{reference:?}"
    );
    browser
        .wait_for_text("h1", "お申込みを受け付けました")
        .await;
    browser.screenshot("confirmation-ja").await;
    browser.close().await;

    portal.stop();
    let restarted = Portal::start(&database);
    let stored: serde_json::Value =
        reqwest::get(restarted.url(&format!("/api/requests/{reference}")))
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(stored["reference"], reference.as_str());
    assert_eq!(stored["contract_number"], "PC-1234");
    assert_eq!(stored["work_date"], "2027-03-01");
    restarted.stop();
}
