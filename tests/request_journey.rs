//! The main path end to end: a customer opens the portal in headless Chromium, goes through
//! every page of a request, makes a mistake and sees it explained with their input kept,
//! switches language mid-way without losing anything, submits, gets a reference and an access
//! key, reads the request back on the status page; the request is still there after the
//! server restarts, readable with the key and not without it.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::browser::Browser;
use support::journey::{self, screenshots, Dates};
use support::portal::Portal;

#[tokio::test(flavor = "multi_thread")]
async fn a_request_is_submitted_in_the_browser_and_survives_a_restart() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let portal = Portal::start(&database);
    let dates = Dates::now();
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
    browser
        .wait_for_text("[data-testid=desk-status]", "受付時間")
        .await;
    screenshots(&browser, "01-start-ja").await;
    browser.click("[data-testid=start-request]").await;
    browser.wait_for_text("h1", "ご連絡先とご契約").await;

    // Contact and contract, with an e-mail address that is not one: the error is shown beside
    // the field and in the summary, and what was typed stays.
    journey::fill_contact(&browser, "it@example").await;
    journey::fill_contract(&browser, "PC-1234", &dates).await;
    journey::continue_on(&browser).await;
    browser
        .wait_for_text("#contact-email-error", "メールアドレス")
        .await;
    browser
        .wait_for_text(".fw-error-summary", "メールアドレス")
        .await;
    assert_eq!(browser.value_of("#contact-email").await, "it@example");
    assert_eq!(browser.value_of("#contract-number").await, "PC-1234");
    // Focus moves to the summary, so keyboard and screen-reader users land on it.
    let focused = browser
        .client
        .execute(
            "return document.activeElement.classList.contains('fw-error-summary')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, serde_json::Value::Bool(true));
    assert!(
        browser.title().await.starts_with("エラー: "),
        "{}",
        browser.title().await
    );
    screenshots(&browser, "02-contract-error-ja").await;

    // The language switch keeps the answers and translates the page and the error.
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text("h1", "Your details and contract")
        .await;
    browser.wait_for_text("#contact-email-error", "email").await;
    assert_eq!(browser.value_of("#contact-email").await, "it@example");
    assert_eq!(browser.value_of("#contract-number").await, "PC-1234");
    assert!(browser.title().await.starts_with("Error: "));
    browser.click(".fw-language__option[lang=ja]").await;
    browser.wait_for_text("h1", "ご連絡先とご契約").await;

    browser.type_into("#contact-email", "it@example.jp").await;
    journey::continue_on(&browser).await;

    browser.wait_for_text("h1", "対象サーバー").await;
    journey::fill_server(&browser, 0, "ProLiant DL380 Gen10", "SGH123ABCD").await;
    browser
        .type_into("#servers-0-firmware-rom", "U30 v2.80")
        .await;
    browser
        .type_into("#servers-0-firmware-ilo", "iLO 5 v3.08")
        .await;
    browser.wait_for_text(".fw-verdict", "対象").await;
    screenshots(&browser, "03-servers-ja").await;
    journey::continue_on(&browser).await;

    browser.wait_for_text("h1", "アップデートの方法").await;
    journey::choose_method(&browser, true).await;
    // Issue 14 item 7: a notice of what the SPP does, not a statement already "understood",
    // and no rule code.
    let notice = browser
        .wait_for_text("[data-testid=r9]", "OS上のソフトウェアも変更されます")
        .await;
    assert!(
        !notice.contains("理解しました") && !notice.contains("R9"),
        "{notice}"
    );
    screenshots(&browser, "04-version-ja").await;
    journey::continue_on(&browser).await;

    browser.wait_for_text("h1", "お客様の作業と確認事項").await;
    // SPP: R9 is on the checklist too.
    browser.wait_for("#acknowledgements-R9").await;
    // Continuing without ticking names each statement.
    journey::continue_on(&browser).await;
    browser
        .wait_for_text(".fw-error-summary", "チェックを入れてください")
        .await;
    journey::tick_everything(&browser).await;
    screenshots(&browser, "05-responsibilities-ja").await;
    journey::continue_on(&browser).await;

    browser.wait_for_text("h1", "作業日と作業場所").await;
    let earliest = fwportal_core::i18n::format_date(dates.earliest, fwportal_core::i18n::Lang::Ja);
    browser
        .wait_for_text("[data-testid=earliest]", &earliest)
        .await;
    journey::fill_schedule(&browser, dates.work).await;
    browser
        .wait_for_text("[data-testid=deadline]", "受付期限")
        .await;
    screenshots(&browser, "06-schedule-ja").await;
    journey::continue_on(&browser).await;

    browser.wait_for_text("h1", "お申込み内容の確認").await;
    let work_ja = fwportal_core::i18n::format_date(dates.work, fwportal_core::i18n::Lang::Ja);
    browser.wait_for_text(".fw-summary-list", &work_ja).await;
    browser
        .wait_for_text(".fw-summary-list", "SGH123ABCD")
        .await;
    screenshots(&browser, "07-check-answers-ja").await;
    journey::submit(&browser).await;

    let reference = browser
        .wait_for_text("[data-testid=reference]", "FWU-")
        .await;
    let reference = reference.trim().to_owned();
    assert!(
        fwportal_core::request::Reference::parse(&reference).is_ok(),
        "{reference:?}"
    );
    let token = browser.text_of("[data-testid=access-token]").await;
    let token = token.trim().to_owned();
    assert!(token.len() >= 20, "{token:?}");
    browser
        .wait_for_text("h1", "お申込みを受け付けました")
        .await;
    browser.wait_for_text(".fw-warning-text", "一度だけ").await;
    screenshots(&browser, "08-confirmation-ja").await;

    // The draft is gone from the browser, and the token was never in it.
    let stored = browser
        .client
        .execute(
            "return window.localStorage.getItem('fwportal.draft')",
            vec![],
        )
        .await
        .unwrap();
    assert!(stored.is_null(), "{stored}");

    // The status page reads the request back with the reference and the key.
    browser.click("a[href='/status']").await;
    browser.wait_for_text("h1", "お申込みの状況").await;
    browser.type_into("#status-reference", &reference).await;
    browser.type_into("#status-token", &token).await;
    browser.click("[data-testid=lookup]").await;
    browser
        .wait_for_text("[data-testid=status-value]", "受付済み")
        .await;
    browser.wait_for_text(".fw-summary-list", "PC-1234").await;
    screenshots(&browser, "09-status-ja").await;
    browser.close().await;

    portal.stop();
    let restarted = Portal::start(&database);
    let http = reqwest::Client::new();
    let url = restarted.url(&format!("/api/requests/{reference}"));
    let response = http.get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let stored: serde_json::Value = response.json().await.unwrap();
    assert_eq!(stored["reference"], reference.as_str());
    assert_eq!(stored["request"]["contract"]["number"], "PC-1234");
    assert_eq!(stored["request"]["work_date"], journey::iso(dates.work));
    assert_eq!(stored["request"]["update_method"], "spp");
    assert_eq!(
        stored["request"]["servers"][0]["firmware"][0]["name"],
        "System ROM"
    );
    let wrong = http
        .get(&url)
        .bearer_auth("not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
    restarted.stop();
}
