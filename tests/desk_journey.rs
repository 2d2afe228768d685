//! The service desk end to end (issue 15): a customer submits a request in the browser; a
//! staff member, added with the real `fwportal staff add`, signs in at /desk/ with the TOTP code
//! an authenticator app would show (computed here from the printed otpauth URI); a wrong
//! sign-in shows one message and keeps the e-mail; the staff member finds the request in the
//! queue by its contract number and moves it through in_review, agreed (method, version,
//! servers, date), scheduled and completed — a 422 shown at its field with the typed values
//! kept, and a 409 when someone else moved the request first — and the customer's /status
//! shows every step in both languages. axe-core checks every desk page in Japanese and English.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::Days;
use serde_json::{json, Value};
use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::journey::{self, iso, Dates};
use support::portal::Portal;
use support::staff::{add_staff, code, EMAIL, PASSWORD};

const CONTRACT: &str = "PC-DESK-15";

async fn audit(browser: &Browser, axe: &str, page: &str, found: &mut Vec<String>) {
    for v in violations(browser, axe).await {
        found.push(format!("{page}: {v}"));
    }
}

/// Takes the step whose form is `to` and waits until the page shows the new status.
async fn take_step(browser: &Browser, to: &str) {
    browser.click(&format!("[data-testid=take-{to}]")).await;
    browser
        .wait_for(&format!("[data-testid=status][data-status={to}]"))
        .await;
    browser.wait_for("[data-testid=step-done]").await;
}

/// The browser's desk session, carried by hand: another staff member's client.
async fn other_desk(browser: &Browser, base: &str) -> (reqwest::Client, String, String) {
    let cookie = browser
        .client
        .get_named_cookie("fwportal_desk")
        .await
        .expect("the desk session cookie");
    let cookie = format!("fwportal_desk={}", cookie.value());
    let http = reqwest::Client::new();
    let session: Value = http
        .get(format!("{base}/api/desk/session"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    (http, cookie, csrf)
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_work_a_request_through_its_life_and_the_customer_sees_each_step() {
    let axe = axe_source();
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let uri = add_staff(&database);
    let portal = Portal::start(&database);
    let dates = Dates::now();
    let browser = Browser::start("ja-JP").await;
    let mut found = Vec::new();

    // The customer submits an update work request.
    journey::fill_whole_request(&browser, &portal.base_url, CONTRACT, &dates).await;
    journey::submit(&browser).await;
    let reference = browser
        .wait_for_text("[data-testid=reference]", "FWU-")
        .await
        .trim()
        .to_owned();
    let token = browser
        .text_of("[data-testid=access-token]")
        .await
        .trim()
        .to_owned();

    // The desk without a session goes to the sign-in page.
    browser.client.goto(&portal.url("/desk/")).await.unwrap();
    browser.wait_for_text("h1", "サインイン").await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/desk/sign-in"
    );
    audit(&browser, &axe, "sign-in (ja)", &mut found).await;

    // A wrong code: the one message for every wrong part, the e-mail kept.
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", PASSWORD).await;
    browser.type_into("#code", "000000").await;
    browser.click("[data-testid=sign-in]").await;
    browser
        .wait_for_text(
            "[data-testid=sign-in-error]",
            "メールアドレス、パスワード、確認コードのいずれかが正しくありません",
        )
        .await;
    assert_eq!(browser.value_of("#email").await, EMAIL);
    assert!(browser.title().await.starts_with("エラー: "));
    audit(&browser, &axe, "sign-in with an error (ja)", &mut found).await;

    // The right code.
    browser.type_into("#password", PASSWORD).await;
    browser.type_into("#code", &code(&uri)).await;
    browser.click("[data-testid=sign-in]").await;
    browser.wait_for_text("h1", "お申込みの一覧").await;
    browser
        .wait_for_text("[data-testid=signed-in]", "山田 花子")
        .await;

    // The queue, filtered by the contract number: one row, this request.
    browser.wait_for("[data-testid=total]").await;
    browser.type_into("#filter-contract", CONTRACT).await;
    browser.click("[data-testid=apply-filters]").await;
    let row = format!("tr[data-reference={reference}]");
    browser.wait_for(&row).await;
    browser.wait_for_text("[data-testid=total]", "1").await;
    browser
        .wait_for_text("[data-testid=counts] [data-status=received]", "1")
        .await;
    audit(&browser, &axe, "queue (ja)", &mut found).await;
    // A contract nobody has: no row.
    browser.type_into("#filter-contract", "PC-NOBODY").await;
    browser.click("[data-testid=apply-filters]").await;
    browser.wait_for("[data-testid=no-results]").await;
    browser.type_into("#filter-contract", CONTRACT).await;
    browser.click("[data-testid=apply-filters]").await;
    browser.click(&format!("{row} a")).await;

    // The request: what the customer sent, the rules, the timeline, the next steps.
    browser
        .wait_for_text("[data-testid=reference]", &reference)
        .await;
    browser
        .wait_for("[data-testid=status][data-status=received]")
        .await;
    browser
        .wait_for_text("[data-testid=servers]", "SGH123ABCD")
        .await;
    browser.wait_for_text("main", CONTRACT).await;
    // The scope rules run again on the server the customer named.
    browser
        .wait_for_text("[data-testid=scope]", "SGH123ABCD")
        .await;
    audit(&browser, &axe, "request (ja)", &mut found).await;

    // The contract was not in the registry: its terms came from the request and are flagged
    // until the desk confirms them. A wrong value is refused at its field, the rest kept.
    browser
        .wait_for("[data-testid=contract-source][data-source=request]")
        .await;
    let customer = browser.value_of("#contract-customer").await;
    browser.type_into("#contract-level", "gold").await;
    browser.click("[data-testid=save-contract]").await;
    browser.wait_for("#contract-level-error").await;
    assert_eq!(browser.value_of("#contract-customer").await, customer);
    audit(&browser, &axe, "request, contract refused (ja)", &mut found).await;
    browser.type_into("#contract-level", "proactive_care").await;
    browser
        .type_into("#contract-customer", "株式会社サンプル（台帳確認済み）")
        .await;
    browser.click("[data-testid=save-contract]").await;
    browser
        .wait_for("[data-testid=contract-source][data-source=registry]")
        .await;
    browser.wait_for("[data-testid=contract-saved]").await;

    take_step(&browser, "in_review").await;
    browser
        .wait_for("[data-testid=timeline] [data-status=in_review]")
        .await;

    // Agreed: first without a date, so the server's 422 lands at the field and what was
    // typed stays; then with the date.
    let agreed_on = dates.work + Days::new(7);
    browser
        .type_into("#agreed-target_version", "SPP 2025.09.0")
        .await;
    browser.click("#agreed-method-spp").await;
    assert_eq!(
        browser
            .wait_for("#agreed-server-SGH123ABCD")
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref(),
        Some("true"),
        "the request's servers are in scope unless unticked"
    );
    browser.type_into("#agreed-work_date", "").await;
    browser.type_into("#agreed-work_start_time", "09:30").await;
    browser.click("[data-testid=take-agreed]").await;
    browser.wait_for("#agreed-work_date-error").await;
    browser.wait_for("[data-testid=step-error]").await;
    assert_eq!(
        browser.value_of("#agreed-target_version").await,
        "SPP 2025.09.0"
    );
    assert_eq!(browser.value_of("#agreed-work_start_time").await, "09:30");
    audit(&browser, &axe, "request with a 422 (ja)", &mut found).await;
    browser
        .type_into("#agreed-work_date", &iso(agreed_on))
        .await;
    take_step(&browser, "agreed").await;
    browser
        .wait_for_text(
            "[data-testid=timeline] [data-status=agreed]",
            "SPP 2025.09.0",
        )
        .await;

    // Someone else agrees again (a moved time) while this page still shows the old version:
    // the next step here is refused with the 409 message, and what was typed stays.
    let (http, cookie, csrf) = other_desk(&browser, &portal.base_url).await;
    let view: Value = http
        .get(portal.url(&format!("/api/desk/requests/{reference}")))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let moved = http
        .post(portal.url(&format!("/api/desk/requests/{reference}/transitions")))
        .header("Cookie", &cookie)
        .header("X-CSRF-Token", &csrf)
        .json(&json!({
            "to": "agreed", "update_method": "spp", "target_version": "SPP 2025.09.0",
            "servers": ["SGH123ABCD"], "work_date": iso(agreed_on), "work_start_time": "10:00",
            "expected_version": view["version"],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200, "{}", moved.text().await.unwrap());
    browser
        .type_into("#scheduled-arrival_date", &iso(agreed_on))
        .await;
    browser.type_into("#scheduled-arrival_time", "09:45").await;
    browser
        .type_into("#scheduled-engineers", "佐藤・鈴木")
        .await;
    browser.click("[data-testid=take-scheduled]").await;
    browser
        .wait_for_text("[data-testid=step-error]", "別の担当者")
        .await;
    assert_eq!(browser.value_of("#scheduled-engineers").await, "佐藤・鈴木");
    browser
        .wait_for("[data-testid=status][data-status=agreed]")
        .await;

    // Reloaded, the page has the new version; scheduled, then completed.
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text("[data-testid=timeline]", "10:00")
        .await;
    browser
        .type_into("#scheduled-arrival_date", &iso(agreed_on))
        .await;
    browser.type_into("#scheduled-arrival_time", "09:45").await;
    browser
        .type_into("#scheduled-engineers", "佐藤・鈴木")
        .await;
    take_step(&browser, "scheduled").await;
    browser
        .type_into("#completed-updated", "SGH123ABCD: System ROM U30 2.90")
        .await;
    take_step(&browser, "completed").await;
    browser
        .wait_for_text("[data-testid=timeline] [data-status=completed]", "U30 2.90")
        .await;
    audit(&browser, &axe, "request, completed (ja)", &mut found).await;

    // The same pages in English.
    browser.click("[data-testid=lang-en]").await;
    browser
        .wait_for_text("[data-testid=status]", "Completed")
        .await;
    audit(&browser, &axe, "request (en)", &mut found).await;
    browser.click("[data-testid=back]").await;
    browser.wait_for_text("h1", "Requests").await;
    browser.wait_for(&row).await;
    audit(&browser, &axe, "queue (en)", &mut found).await;
    browser.click("[data-testid=sign-out]").await;
    browser.wait_for_text("h1", "Sign in").await;
    browser.wait_for_text("main", "You are signed out").await;
    audit(&browser, &axe, "sign-in (en)", &mut found).await;
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", "not the password").await;
    browser.type_into("#code", "123456").await;
    browser.click("[data-testid=sign-in]").await;
    browser
        .wait_for_text(
            "[data-testid=sign-in-error]",
            "The e-mail address, the password or the code is not right.",
        )
        .await;
    assert_eq!(browser.value_of("#email").await, EMAIL);
    audit(&browser, &axe, "sign-in with an error (en)", &mut found).await;
    // Four more failures (five since the last sign-in, within 15 minutes) lock the account:
    // even the right password and code now get the 423 message.
    let http = reqwest::Client::new();
    for _ in 0..4 {
        let failed = http
            .post(portal.url("/api/desk/session"))
            .json(&json!({"email": EMAIL, "password": "wrong", "code": "000000"}))
            .send()
            .await
            .unwrap();
        assert_eq!(failed.status(), 401);
    }
    browser.type_into("#password", PASSWORD).await;
    browser.type_into("#code", &code(&uri)).await;
    browser.click("[data-testid=sign-in]").await;
    browser
        .wait_for_text("[data-testid=sign-in-error]", "locked for 15 minutes")
        .await;
    assert_eq!(browser.value_of("#email").await, EMAIL);
    // Signed out means signed out: the desk sends the visitor back to sign in.
    browser.client.goto(&portal.url("/desk/")).await.unwrap();
    browser.wait_for_text("h1", "Sign in").await;

    // The customer's status page shows every step, in Japanese and in English.
    browser.client.goto(&portal.url("/status")).await.unwrap();
    browser.type_into("#status-reference", &reference).await;
    browser.type_into("#status-token", &token).await;
    browser.click("[data-testid=lookup]").await;
    browser
        .wait_for_text("[data-testid=status-value]", "作業完了")
        .await;
    let history = browser.text_of("[data-testid=history]").await;
    for step in [
        "受付済み",
        "内容の確認中",
        "事前確認で合意済み",
        "作業日程の確定",
        "作業完了",
    ] {
        assert!(history.contains(step), "{step} missing from {history:?}");
    }
    for status in ["received", "in_review", "agreed", "scheduled", "completed"] {
        browser
            .wait_for(&format!("[data-testid=history] li[data-status={status}]"))
            .await;
    }
    // The agreed date and time the desk recorded, as the customer reads them.
    assert!(history.contains("10:00"), "{history:?}");
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text("[data-testid=history]", "Agreed in the preliminary check")
        .await;
    let history = browser.text_of("[data-testid=history]").await;
    for step in ["Received", "Under review", "Visit scheduled", "Completed"] {
        assert!(history.contains(step), "{step} missing from {history:?}");
    }
    browser
        .wait_for_text("[data-testid=status-value]", "Completed")
        .await;
    browser.close().await;
    portal.stop();

    assert!(found.is_empty(), "axe found:\n{}", found.join("\n"));
}
