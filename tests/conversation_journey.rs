//! The conversation end to end (issue 16), in the browser against the real server with its
//! mail going to an SMTP receiver on loopback: the customer submits; the desk asks a question;
//! the customer answers on /status; the customer asks for another work date; the desk accepts
//! it and schedules the visit; the customer cancels a second request (made in English). The
//! receiver got every mail, in order, each in the right language, none with an access key.

#![cfg(not(target_arch = "wasm32"))]

#[path = "../crates/server/tests/smtp_support/mod.rs"]
mod smtp_support;
mod support;

use std::time::Duration;

use chrono::Days;
use smtp_support::Receiver;
use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::journey::{self, iso, Dates};
use support::portal::Portal;
use support::staff::{self, add_staff};

/// Submits the whole request in the browser; returns (reference, access key).
async fn submit(browser: &Browser, base: &str, contract: &str, dates: &Dates) -> (String, String) {
    journey::fill_whole_request(browser, base, contract, dates).await;
    // Agrees to the privacy notice and sends (issue 14).
    journey::submit(browser).await;
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
    (reference, token)
}

/// Opens /status with the reference and key and waits for the conversation.
async fn open_status(browser: &Browser, base: &str, reference: &str, token: &str) {
    browser
        .client
        .goto(&format!("{base}/status"))
        .await
        .unwrap();
    browser.type_into("#status-reference", reference).await;
    browser.type_into("#status-token", token).await;
    browser.click("[data-testid=lookup]").await;
    browser.wait_for("[data-testid=conversation]").await;
}

async fn desk_page(browser: &Browser, base: &str, reference: &str) {
    browser
        .client
        .goto(&format!("{base}/desk/requests/{reference}"))
        .await
        .unwrap();
    browser
        .wait_for_text("[data-testid=reference]", reference)
        .await;
}

async fn take_step(browser: &Browser, to: &str) {
    browser.click(&format!("[data-testid=take-{to}]")).await;
    browser
        .wait_for(&format!("[data-testid=status][data-status={to}]"))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_is_a_conversation_and_every_mail_arrives_in_order_and_language() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let uri = add_staff(&database);
    let receiver = Receiver::start().await;
    let portal = Portal::start_with_args(
        &database,
        &[
            "--smtp-url".into(),
            format!("smtp://{}", receiver.addr),
            "--mail-from".into(),
            "portal@example.jp".into(),
            "--desk-mailbox".into(),
            "asc@example.jp".into(),
            "--mail-retry-secs".into(),
            "1".into(),
        ],
    );
    let base = portal.base_url.clone();
    let dates = Dates::now();
    let browser = Browser::start("ja-JP").await;
    let axe = axe_source();
    let mut found = Vec::new();

    // The customer submits (in Japanese, the default).
    let (first, first_key) = submit(&browser, &base, "PC-TALK-1", &dates).await;

    // The desk signs in and asks a question on the request's page.
    staff::sign_in(&browser, &base, &uri).await;
    desk_page(&browser, &base, &first).await;
    browser
        .type_into("#message-body", "現在のiLOのバージョンを教えてください。")
        .await;
    browser
        .click("[data-testid=message-form] button[type=submit]")
        .await;
    browser
        .wait_for_text(
            "[data-testid=conversation] [data-author=desk]",
            "iLOのバージョン",
        )
        .await;

    // The customer reads it on /status and answers.
    open_status(&browser, &base, &first, &first_key).await;
    browser
        .wait_for_text(
            "[data-testid=messages] [data-author=desk]",
            "iLOのバージョン",
        )
        .await;
    browser
        .type_into("#conversation-body", "iLO 5 の 2.72 です。")
        .await;
    browser.click("[data-testid=send-message]").await;
    browser
        .wait_for_text("[data-testid=messages] [data-author=customer]", "2.72")
        .await;

    // The customer asks for another work date: first one inside the notice (R5, refused at
    // the field), then a good one, which waits for the desk.
    let too_soon = chrono::Utc::now().date_naive() + Days::new(2);
    browser.type_into("#change-work-date", &iso(too_soon)).await;
    browser.type_into("#change-work-start-time", "22:00").await;
    browser.click("[data-testid=ask-date-change]").await;
    browser.wait_for("#change-work-date-error").await;
    let moved = dates.work + Days::new(3);
    browser.type_into("#change-work-date", &iso(moved)).await;
    browser.click("[data-testid=ask-date-change]").await;
    browser
        .wait_for_text("[data-testid=date-change-pending]", "22:00")
        .await;
    for v in violations(&browser, &axe).await {
        found.push(format!("/status with the conversation (ja): {v}"));
    }

    // The desk sees the unread message and the pending change in the queue, accepts the date,
    // and takes the request through review and agreement to the scheduled visit.
    browser.client.goto(&format!("{base}/desk/")).await.unwrap();
    let row = format!("tr[data-reference={first}]");
    browser
        .wait_for_text(&format!("{row} [data-testid=unread]"), "1")
        .await;
    browser
        .wait_for(&format!("{row} [data-testid=date-change-pending]"))
        .await;
    desk_page(&browser, &base, &first).await;
    browser
        .wait_for(&format!(
            "[data-testid=date-change-asked][data-value=\"{} 22:00\"]",
            iso(moved)
        ))
        .await;
    for v in violations(&browser, &axe).await {
        found.push(format!("desk request with a pending date (ja): {v}"));
    }
    browser.click("[data-testid=accept-date]").await;
    browser
        .wait_for_text("[data-testid=timeline]", "作業日の変更を承認")
        .await;
    take_step(&browser, "in_review").await;
    browser
        .type_into("#agreed-target_version", "SPP 2025.09.0")
        .await;
    browser.click("#agreed-method-spp").await;
    assert_eq!(
        browser.value_of("#agreed-work_date").await,
        iso(moved),
        "the accepted date is offered"
    );
    take_step(&browser, "agreed").await;
    browser
        .type_into("#scheduled-arrival_date", &iso(moved))
        .await;
    browser.type_into("#scheduled-arrival_time", "21:45").await;
    browser
        .type_into("#scheduled-engineers", "佐藤・鈴木")
        .await;
    take_step(&browser, "scheduled").await;

    // A second request, made in English, which the customer cancels on /status.
    browser.client.goto(&format!("{base}/")).await.unwrap();
    browser.click(".fw-language__option[lang=en]").await;
    let (second, second_key) = submit(&browser, &base, "PC-TALK-2", &dates).await;
    open_status(&browser, &base, &second, &second_key).await;
    browser
        .type_into("#cancel-reason", "Budget moved to next year")
        .await;
    browser.click("[data-testid=cancel-request]").await;
    browser
        .wait_for_text("[data-testid=cancelled]", "cancelled")
        .await;
    browser.wait_for("[data-testid=conversation-closed]").await;
    for v in violations(&browser, &axe).await {
        found.push(format!("/status after cancelling (en): {v}"));
    }
    assert!(found.is_empty(), "axe-core: {found:#?}");

    // Every mail, in order, to the right people, in the right language, without a key.
    let expected: &[(&str, &str, &str)] = &[
        ("yamada", "【受付】", &first),
        ("asc@", "新しいお申込み / New request", &first),
        ("yamada", "【メッセージ】", &first),
        ("asc@", "お客様からのメッセージ", &first),
        ("asc@", "作業日の変更のお申し出", &first),
        ("yamada", "【作業日の変更を承りました】", &first),
        ("yamada", "【内容の確認中】", &first),
        ("yamada", "【事前確認で合意済み】", &first),
        ("yamada", "【作業日程の確定】", &first),
        ("yamada", "Received: ", &second),
        ("asc@", "新しいお申込み / New request", &second),
        ("asc@", "お客様によるキャンセル", &second),
        ("yamada", "Cancelled: ", &second),
    ];
    let mails = receiver
        .wait_for(expected.len(), Duration::from_secs(30))
        .await;
    let got: Vec<(String, String)> = mails
        .iter()
        .map(|m| {
            (
                m.to.join(","),
                m.parsed().subject().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(mails.len(), expected.len(), "{got:#?}");
    for ((to, subject), (want_to, want_subject, reference)) in got.iter().zip(expected) {
        let to_ok = if *want_to == "yamada" {
            to == "it@example.jp"
        } else {
            to.starts_with(want_to)
        };
        assert!(
            to_ok && subject.contains(want_subject) && subject.contains(*reference),
            "expected {want_to} {want_subject} {reference}, got {to} {subject}\n{got:#?}"
        );
    }
    for mail in &mails {
        let text = mail.text();
        assert!(
            !text.contains(&first_key) && !text.contains(&second_key),
            "a mail carries a key"
        );
    }
    let answer = mails[2].parsed();
    assert!(answer
        .body_text(0)
        .unwrap()
        .contains("現在のiLOのバージョンを教えてください。"));
    let english = mails[12].parsed();
    assert!(
        english.body_text(0).unwrap().contains("Your request"),
        "{:?}",
        english.body_text(0)
    );
    browser.close().await;
    portal.stop();
}
