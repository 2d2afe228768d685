//! Answering a return end to end (issue 16), in the browser against the real server: the desk
//! returns a request naming the servers; the customer opens /status with the key, sees what to
//! change, goes to "edit and resubmit", lands on the servers page (marked, pre-filled), changes
//! the model, walks the pages to "check your answers", is refused by the server for a changed
//! contract number (the problem at its field, on its page, nothing typed lost), reloads (the
//! key is not kept: the check page asks for it), sends, and sees the request back in
//! `received` on /status; the desk sees the new model. The access key is never in a URL, nor
//! in the browser's storage once the pages have started. axe-core finds nothing on the way.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::journey::{self, Dates};
use support::portal::Portal;
use support::staff::{add_staff, code, EMAIL, PASSWORD};

const NEW_MODEL: &str = "ProLiant DL360 Gen11";

/// The URL now, and every `localStorage` and `sessionStorage` value: none may hold the key.
async fn assert_key_nowhere(browser: &Browser, key: &str, at: &str) {
    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(!url.contains(key), "{at}: the key is in the URL {url}");
    let stored = browser
        .client
        .execute(
            "const all = [];
             for (const s of [localStorage, sessionStorage]) {
               for (let i = 0; i < s.length; i++) { all.push(s.getItem(s.key(i))); }
             }
             return all.join('\\n');",
            vec![],
        )
        .await
        .unwrap();
    let stored = stored.as_str().unwrap_or_default().to_owned();
    assert!(!stored.contains(key), "{at}: the key is stored: {stored}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_customer_answers_a_return_on_the_request_pages_and_the_desk_sees_the_change() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let uri = add_staff(&database);
    let portal = Portal::start(&database);
    let base = portal.base_url.clone();
    let dates = Dates::now();
    let browser = Browser::start("ja-JP").await;
    let axe = axe_source();
    let mut found = Vec::new();

    // The customer submits.
    journey::fill_whole_request(&browser, &base, "PC-ANSWER-1", &dates).await;
    journey::submit(&browser).await;
    let reference = browser
        .wait_for_text("[data-testid=reference]", "FWU-")
        .await
        .trim()
        .to_owned();
    let key = browser
        .text_of("[data-testid=access-token]")
        .await
        .trim()
        .to_owned();

    // The desk returns it, naming the servers.
    browser
        .client
        .goto(&format!("{base}/desk/sign-in"))
        .await
        .unwrap();
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", PASSWORD).await;
    browser.type_into("#code", &code(&uri)).await;
    browser.click("[data-testid=sign-in]").await;
    browser.wait_for("[data-testid=signed-in]").await;
    browser
        .client
        .goto(&format!("{base}/desk/requests/{reference}"))
        .await
        .unwrap();
    browser
        .wait_for_text("[data-testid=reference]", &reference)
        .await;
    browser.click("[data-testid=return-part-servers]").await;
    browser
        .type_into("#returned-note", "型番が保守契約の記載と違います。")
        .await;
    for v in violations(&browser, &axe).await {
        found.push(format!("desk return form with parts (ja): {v}"));
    }
    browser.click("[data-testid=take-returned]").await;
    browser
        .wait_for("[data-testid=status][data-status=returned]")
        .await;
    browser
        .wait_for_text("[data-testid=timeline]", "対象サーバー")
        .await;

    // The customer reads the return on /status: the part and the note.
    browser
        .client
        .goto(&format!("{base}/status"))
        .await
        .unwrap();
    browser.type_into("#status-reference", &reference).await;
    browser.type_into("#status-token", &key).await;
    browser.click("[data-testid=lookup]").await;
    browser
        .wait_for_text(
            "[data-testid=return-parts] [data-part=servers]",
            "対象サーバー",
        )
        .await;
    browser
        .wait_for_text(
            "[data-testid=return-reason]",
            "型番が保守契約の記載と違います。",
        )
        .await;
    browser
        .wait_for_text(
            "[data-testid=history]",
            "修正をお願いする箇所：対象サーバー",
        )
        .await;
    for v in violations(&browser, &axe).await {
        found.push(format!("/status of a returned request (ja): {v}"));
    }

    // "Edit and resubmit" opens the servers page of the journey, marked and pre-filled.
    browser.click("[data-testid=answer-return]").await;
    browser
        .wait_for_text(
            "[data-testid=answer-banner][data-marked=true]",
            "このページは修正をお願いされた箇所です。",
        )
        .await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/request/servers");
    assert_eq!(
        browser.value_of("#servers-0-model").await,
        "ProLiant DL380 Gen10"
    );
    browser
        .wait_for_text("[data-testid=answer-banner]", &reference)
        .await;
    assert_key_nowhere(&browser, &key, "the servers page").await;
    browser.type_into("#servers-0-model", NEW_MODEL).await;
    for v in violations(&browser, &axe).await {
        found.push(format!("servers page while answering (ja): {v}"));
    }
    // The other pages are as sent; none of them is marked.
    for page in [
        "#update-method-firmware",
        "#acknowledgements-C3",
        "#work-date",
    ] {
        journey::continue_on(&browser).await;
        browser.wait_for(page).await;
        assert_eq!(
            browser.count("[data-testid=answer-this-page]").await,
            0,
            "{page}"
        );
    }
    journey::continue_on(&browser).await;
    browser.wait_for("[data-testid=submit]").await;
    browser
        .wait_for_text(
            "[data-testid=answer-banner]",
            "型番が保守契約の記載と違います。",
        )
        .await;

    // The server refuses a changed contract number: the problem is listed here and shown at
    // its field on the contract page; what was typed stays.
    browser.click("[data-testid=change-contract-number]").await;
    browser.type_into("#contract-number", "PC-ANSWER-2").await;
    journey::continue_on(&browser).await;
    browser.wait_for("[data-testid=submit]").await;
    journey::submit(&browser).await;
    browser
        .wait_for_text(".fw-error-summary", "契約番号は変更できません")
        .await;
    assert!(browser.title().await.starts_with("エラー"));
    for v in violations(&browser, &axe).await {
        found.push(format!("check page with the server's refusal (ja): {v}"));
    }
    browser
        .click(".fw-error-summary a[href^='/request/contract']")
        .await;
    browser
        .wait_for_text("#contract-number-error", "契約番号は変更できません")
        .await;
    assert_eq!(browser.value_of("#contract-number").await, "PC-ANSWER-2");
    browser.type_into("#contract-number", "PC-ANSWER-1").await;
    journey::continue_on(&browser).await;
    browser.wait_for("[data-testid=submit]").await;

    // A reload keeps the edited request (this tab's storage) but not the key: asked for here.
    browser
        .client
        .goto(&format!("{base}/request/check"))
        .await
        .unwrap();
    browser.wait_for("#answer-key").await;
    browser.wait_for_text(".fw-summary-list", NEW_MODEL).await;
    assert_key_nowhere(&browser, &key, "the check page after a reload").await;
    journey::submit(&browser).await;
    browser.wait_for("#answer-key-error").await;
    for v in violations(&browser, &axe).await {
        found.push(format!("check page asking for the key (ja): {v}"));
    }
    browser.type_into("#answer-key", "not-the-key").await;
    journey::submit(&browser).await;
    browser
        .wait_for_text("#answer-key-error", "一致しません")
        .await;
    browser.type_into("#answer-key", &key).await;
    journey::submit(&browser).await;

    // Back on /status: received again, the key carried over without the URL.
    browser.wait_for("[data-testid=answer-sent]").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/status");
    browser
        .wait_for_text("[data-testid=status-value]", "受付済み")
        .await;
    assert_eq!(browser.count("[data-testid=answer-return]").await, 0);
    assert_key_nowhere(&browser, &key, "/status after sending").await;
    for v in violations(&browser, &axe).await {
        found.push(format!("/status after the answer (ja): {v}"));
    }

    // The desk sees the request received with the new model.
    browser
        .client
        .goto(&format!("{base}/desk/requests/{reference}"))
        .await
        .unwrap();
    browser
        .wait_for("[data-testid=status][data-status=received]")
        .await;
    browser
        .wait_for_text("[data-testid=servers]", NEW_MODEL)
        .await;
    assert!(found.is_empty(), "axe-core: {found:#?}");
    browser.close().await;
    portal.stop();
}
