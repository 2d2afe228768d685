//! The conversation over real HTTP (issue 16): messages both ways with the desk's unread
//! counts, the customer's cancel, another work date and the desk's answer, the answer to a
//! return, "send me a new key", and the mails each writes to the outbox in the same
//! transaction (read back from the database file).

mod common;
mod desk_support;

use common::{config, good_work_date, too_soon_work_date, valid_body, TestServer};
use desk_support::{add_staff, audit_rows, sign_in, submit, Desk};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;

async fn start(dir: &TempDir) -> TestServer {
    let mut config = config(dir.path());
    config.desk.desk_sign_in_burst = 10_000;
    TestServer::start_with(config).await
}

async fn desk(client: &reqwest::Client, server: &TestServer) -> Desk {
    let uri = add_staff(
        &server.database,
        "hanako@example.co.jp",
        "受付 花子",
        "desk",
    );
    sign_in(client, server, "hanako@example.co.jp", &uri).await
}

/// The outbox as (kind, audience, address, lang, subject, body, attachments), oldest first.
async fn outbox(
    server: &TestServer,
) -> Vec<(
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
)> {
    let pool = fwportal_server::db::connect(&server.database)
        .await
        .unwrap();
    // As the sender reads them: the attachments written out (a receipt's preparation list is
    // stored as the list and becomes its Markdown and .ics files when read).
    let rows = fwportal_server::mail::outbox::list(&pool, false)
        .await
        .unwrap()
        .into_iter()
        .map(|q| {
            let attachments = serde_json::to_string(&q.attachments).unwrap();
            (
                q.kind,
                q.audience,
                q.address,
                q.lang,
                q.subject,
                q.body,
                attachments,
            )
        })
        .collect();
    pool.close().await;
    rows
}

async fn kinds(server: &TestServer) -> Vec<String> {
    outbox(server).await.into_iter().map(|r| r.0).collect()
}

fn customer_post(
    client: &reqwest::Client,
    server: &TestServer,
    reference: &str,
    what: &str,
    token: &str,
) -> reqwest::RequestBuilder {
    client
        .post(server.url(&format!("/api/requests/{reference}/{what}")))
        .bearer_auth(token)
}

async fn conversation(
    client: &reqwest::Client,
    server: &TestServer,
    reference: &str,
    token: &str,
) -> Value {
    let response = client
        .get(server.url(&format!("/api/requests/{reference}/conversation")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    response.json().await.unwrap()
}

async fn queue_item(client: &reqwest::Client, desk: &Desk, reference: &str) -> Value {
    let page: Value = desk
        .get(client, &format!("/api/desk/requests?reference={reference}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page["items"][0].clone()
}

fn first_code(body: &Value) -> (String, String) {
    let p = &body["problems"][0];
    (
        p["field"].as_str().unwrap().to_owned(),
        p["code"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn messages_go_both_ways_in_order_with_unread_counts_and_mails() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let desk = desk(&client, &server).await;
    let (reference, token) = submit(&client, &server, "PC-MSG-1").await;

    let sent = customer_post(&client, &server, &reference, "messages", &token)
        .json(&json!({"body": "作業の所要時間を教えてください。\n2台あります。"}))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    assert_eq!(sent.headers()["cache-control"], "no-store");
    assert_eq!(
        queue_item(&client, &desk, &reference).await["unread_messages"],
        1
    );

    let view = desk.request(&client, &reference).await;
    assert_eq!(view["messages"][0]["author"], "customer");
    assert_eq!(
        view["messages"][0]["body"],
        "作業の所要時間を教えてください。\n2台あります。"
    );

    let answered = desk
        .post(&client, &format!("/api/desk/requests/{reference}/messages"))
        .json(&json!({"body": "4時間ほどです。現在のバージョンを教えてください。"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), StatusCode::CREATED);
    assert_eq!(
        queue_item(&client, &desk, &reference).await["unread_messages"],
        0,
        "answering reads"
    );

    let seen = conversation(&client, &server, &reference, &token).await;
    let messages = seen["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        (
            messages[0]["author"].as_str(),
            messages[1]["author"].as_str()
        ),
        (Some("customer"), Some("desk"))
    );
    assert!(
        messages[1].get("staff_name").is_none(),
        "the customer never sees who: {seen}"
    );
    assert!(seen["possible"]["message"].as_bool().unwrap());

    // The mails, in order: receipt and the desk's notice, the customer's message to the desk,
    // the desk's message to the customer. No customer mail carries the access key.
    assert_eq!(
        kinds(&server).await,
        [
            "receipt",
            "desk_new_request",
            "desk_customer_message",
            "desk_message"
        ]
    );
    for (kind, audience, address, lang, _subject, body, _) in outbox(&server).await {
        assert!(!body.contains(&token), "{kind} carries the key");
        if audience == "customer" {
            assert_eq!(address.as_deref(), Some("yamada@example.co.jp"));
            assert_eq!(lang, "ja");
            assert!(body.contains("/status"), "{kind}: {body}");
        }
    }
    let desk_message = outbox(&server).await.pop().unwrap();
    assert!(desk_message.5.contains("現在のバージョンを教えてください"));
    let audit = audit_rows(&server.database).await;
    assert!(audit
        .iter()
        .any(|(actor, action, target, _)| actor == "hanako@example.co.jp"
            && action == "message_sent"
            && target == &reference));
}

#[tokio::test]
async fn hostile_messages_and_wrong_keys_are_refused_without_a_5xx() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let desk = desk(&client, &server).await;
    let (reference, token) = submit(&client, &server, "PC-MSG-2").await;
    for (body, status, code) in [
        (
            json!({"body": "右\u{202E}左"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_characters",
        ),
        (
            json!({"body": "  "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "required",
        ),
        (
            json!({"body": "あ".repeat(4001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_long",
        ),
        (
            json!({"body": 42}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_type",
        ),
    ] {
        let response = customer_post(&client, &server, &reference, "messages", &token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{body}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(first_code(&answer).1, code, "{answer}");
    }
    let not_json = customer_post(&client, &server, &reference, "messages", &token)
        .header("content-type", "application/json")
        .body("[1,2")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    for (reference, token) in [
        (reference.as_str(), "wrong"),
        (reference.as_str(), ""),
        ("FWU-2026-999999", token.as_str()),
        ("FWU-2026-00000A%27%3B--", token.as_str()),
    ] {
        for what in ["messages", "cancel", "date-change", "resubmit"] {
            let response = customer_post(&client, &server, reference, what, token)
                .json(&json!({"body": "x"}))
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::NOT_FOUND,
                "{what} {reference} {token}"
            );
        }
    }
    // The desk's message without the CSRF token is refused, and nothing was stored.
    let no_csrf = client
        .post(server.url(&format!("/api/desk/requests/{reference}/messages")))
        .header("cookie", &desk.cookie)
        .json(&json!({"body": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);
    assert!(
        conversation(&client, &server, &reference, &token).await["messages"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(kinds(&server).await, ["receipt", "desk_new_request"]);
}

#[tokio::test]
async fn no_message_on_a_cancelled_request_and_a_cancellation_frees_the_year() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let desk = desk(&client, &server).await;
    let (reference, token) = submit(&client, &server, "PC-CANCEL").await;

    // R4: the contract year is held.
    let second = server.submit(&client, &valid_body("PC-CANCEL")).await;
    assert_eq!(second.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let hidden = customer_post(&client, &server, &reference, "cancel", &token)
        .json(&json!({"reason": "理由\u{200B}"}))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let cancelled = customer_post(&client, &server, &reference, "cancel", &token)
        .json(&json!({"reason": "予算の都合で来年度にします"}))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);
    let cancelled: Value = cancelled.json().await.unwrap();
    assert_eq!(cancelled, json!({"status": "cancelled", "late": false}));

    let again = customer_post(&client, &server, &reference, "cancel", &token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let message = customer_post(&client, &server, &reference, "messages", &token)
        .json(&json!({"body": "やはり実施したいです"}))
        .send()
        .await
        .unwrap();
    assert_eq!(message.status(), StatusCode::CONFLICT);
    let refusal: Value = message.json().await.unwrap();
    assert_eq!(refusal["error"], "request_closed");
    assert!(refusal["message_ja"]
        .as_str()
        .unwrap()
        .contains("キャンセル"));
    let desk_message = desk
        .post(&client, &format!("/api/desk/requests/{reference}/messages"))
        .json(&json!({"body": "承知しました"}))
        .send()
        .await
        .unwrap();
    assert_eq!(desk_message.status(), StatusCode::CONFLICT);

    // R4: the year is free again.
    let third = server.submit(&client, &valid_body("PC-CANCEL")).await;
    assert_eq!(third.status(), StatusCode::CREATED);

    let view = desk.request(&client, &reference).await;
    let last = view["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["actor"].as_str(), last["to"].as_str()),
        (Some("customer"), Some("cancelled"))
    );
    assert_eq!(
        last["record"],
        json!({"record": "customer_cancellation", "late": false})
    );
    let rows = outbox(&server).await;
    let to_desk = rows.iter().find(|r| r.0 == "desk_cancellation").unwrap();
    assert!(to_desk.5.contains("予算の都合で来年度にします"));
    assert!(rows
        .iter()
        .any(|r| r.0 == "status_change" && r.1 == "customer"));
}

#[tokio::test]
async fn another_work_date_waits_for_the_desk_which_accepts_or_declines_it() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let desk = desk(&client, &server).await;
    let (reference, token) = submit(&client, &server, "PC-DATE").await;
    let ask = |date: String, time: &str| {
        customer_post(&client, &server, &reference, "date-change", &token)
            .json(&json!({"work_date": date, "work_start_time": time}))
            .send()
    };

    // R5 from the moment of asking.
    let too_soon = ask(too_soon_work_date().to_string(), "09:00")
        .await
        .unwrap();
    assert_eq!(too_soon.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = too_soon.json().await.unwrap();
    assert_eq!(body["problems"][0]["rule"], "R5");
    let bad_time = ask(good_work_date().to_string(), "24:30").await.unwrap();
    assert_eq!(bad_time.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let new_date = good_work_date() + chrono::Days::new(2);
    let asked = ask(new_date.to_string(), "22:00").await.unwrap();
    assert_eq!(asked.status(), StatusCode::CREATED);
    let twice = ask(new_date.to_string(), "23:00").await.unwrap();
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    let twice: Value = twice.json().await.unwrap();
    assert_eq!(twice["error"], "date_change_pending");
    assert_eq!(
        queue_item(&client, &desk, &reference).await["date_change_pending"],
        true
    );
    let seen = conversation(&client, &server, &reference, &token).await;
    assert_eq!(
        seen["pending_date_change"]["work_date"],
        new_date.to_string()
    );
    assert_eq!(seen["possible"]["change_date"], false);

    let view = desk.request(&client, &reference).await;
    let version = view["version"].as_i64().unwrap();
    assert_eq!(view["pending_date_change"]["work_start_time"], "22:00");
    let answer = |body: Value| {
        desk.post(
            &client,
            &format!("/api/desk/requests/{reference}/date-change"),
        )
        .json(&body)
        .send()
    };
    let no_reason = answer(json!({"accept": false, "note": "", "expected_version": version}))
        .await
        .unwrap();
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stale = answer(json!({"accept": true, "expected_version": version - 1}))
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let accepted =
        answer(json!({"accept": true, "note": "承知しました", "expected_version": version}))
            .await
            .unwrap();
    assert_eq!(accepted.status(), StatusCode::OK);
    let again = answer(json!({"accept": true, "expected_version": version + 1}))
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["error"], "no_date_change_pending");

    let view = desk.request(&client, &reference).await;
    assert_eq!(view["rules"]["work_date"], new_date.to_string());
    assert!(view["pending_date_change"].is_null());
    let seen = conversation(&client, &server, &reference, &token).await;
    assert_eq!(
        seen["planned_work"],
        json!({"work_date": new_date.to_string(), "work_start_time": "22:00"})
    );
    let request: Value = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let last = request["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(
        last["text_ja"].as_str().unwrap().contains("承りました"),
        "{last}"
    );

    // Asked again and declined: the work date stays.
    let later = new_date + chrono::Days::new(1);
    assert_eq!(
        ask(later.to_string(), "09:00").await.unwrap().status(),
        StatusCode::CREATED
    );
    let declined = answer(json!({"accept": false, "note": "その日は技術者が手配できません", "expected_version": version + 1}))
        .await
        .unwrap();
    assert_eq!(declined.status(), StatusCode::OK);
    let view = desk.request(&client, &reference).await;
    assert_eq!(view["rules"]["work_date"], new_date.to_string());

    assert_eq!(
        kinds(&server).await,
        [
            "receipt",
            "desk_new_request",
            "desk_date_change",
            "date_change_answer",
            "desk_date_change",
            "date_change_answer"
        ]
    );
    let answers: Vec<String> = outbox(&server)
        .await
        .into_iter()
        .filter(|r| r.0 == "date_change_answer")
        .map(|r| r.4)
        .collect();
    assert!(
        answers[0].contains("承りました") && answers[1].contains("について"),
        "{answers:?}"
    );
    let audit = audit_rows(&server.database).await;
    assert_eq!(
        audit
            .iter()
            .filter(|r| r.1 == "date_change_answered")
            .count(),
        2
    );
}

#[tokio::test]
async fn a_return_is_answered_and_checked_again_like_a_new_request() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let desk = desk(&client, &server).await;
    let (reference, token) = submit(&client, &server, "PC-RETURN").await;
    let body = valid_body("PC-RETURN");
    let resubmit = |body: Value| {
        customer_post(&client, &server, &reference, "resubmit", &token)
            .json(&body)
            .send()
    };
    // Not returned: nothing to answer.
    assert_eq!(
        resubmit(body.clone()).await.unwrap().status(),
        StatusCode::CONFLICT
    );
    let returned = desk
        .step(&client, &reference, json!({"to": "returned", "note": "サーバーのシリアル番号を確認してください", "expected_version": 0}))
        .await;
    assert_eq!(returned.status(), StatusCode::OK);
    let seen = conversation(&client, &server, &reference, &token).await;
    assert_eq!(seen["possible"]["answer_return"], true);
    assert_eq!(
        seen["return_reason"],
        "サーバーのシリアル番号を確認してください"
    );

    let mut other_contract = body.clone();
    other_contract["contract"]["number"] = json!("PC-OTHER");
    let refused = resubmit(other_contract).await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(
        first_code(&refused),
        ("contract.number".into(), "cannot_change".into())
    );
    let mut too_soon = body.clone();
    too_soon["work_date"] = json!(too_soon_work_date().to_string());
    let refused: Value = resubmit(too_soon).await.unwrap().json().await.unwrap();
    assert!(
        refused["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["rule"] == "R5"),
        "{refused}"
    );

    let mut answer = body.clone();
    answer["servers"][0]["serial_number"] = json!("CZJ7654321");
    answer["notes"] = json!("シリアル番号を訂正しました");
    let done = resubmit(answer).await.unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let request: Value = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(request["status"], "received");
    assert_eq!(
        request["request"]["servers"][0]["serial_number"],
        "CZJ7654321"
    );
    assert_eq!(request["request"]["notes"], "シリアル番号を訂正しました");
    // The desk searches by the new serial number.
    let page: Value = desk
        .get(&client, "/api/desk/requests?serial=CZJ7654321")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 1, "{page}");
    assert!(kinds(&server)
        .await
        .contains(&"desk_resubmitted".to_owned()));
}

#[tokio::test]
async fn a_return_names_the_parts_to_change_and_the_customer_reads_them_everywhere() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let desk = desk(&client, &server).await;
    let (reference, token) = submit(&client, &server, "PC-PARTS").await;
    let body = valid_body("PC-PARTS");
    let resubmit = |body: Value| {
        customer_post(&client, &server, &reference, "resubmit", &token)
            .json(&body)
            .send()
    };
    // Unknown parts are refused at their place; nothing moves.
    let refused = desk
        .step(
            &client,
            &reference,
            json!({"to": "returned", "note": "型番をご確認ください",
            "parts": ["servers", "price"], "expected_version": 0}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(
        first_code(&refused),
        ("parts[1]".into(), "invalid_choice".into())
    );
    assert_eq!(
        refused["problems"].as_array().unwrap().len(),
        1,
        "{refused}"
    );
    // Parts that are not text are the client's mistake, never a 5xx.
    let wrong_type = desk
        .step(
            &client,
            &reference,
            json!({"to": "returned", "note": "x",
            "parts": [3], "expected_version": 0}),
        )
        .await;
    assert!(
        wrong_type.status().is_client_error(),
        "{}",
        wrong_type.status()
    );
    // Parts without the note: the customer must read why.
    let no_note = desk
        .step(
            &client,
            &reference,
            json!({"to": "returned", "note": " ",
            "parts": ["servers"], "expected_version": 0}),
        )
        .await;
    assert_eq!(no_note.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let no_note: Value = no_note.json().await.unwrap();
    assert_eq!(first_code(&no_note), ("note".into(), "required".into()));
    let seen = conversation(&client, &server, &reference, &token).await;
    assert_eq!(seen["status"], "received");
    assert_eq!(seen["return_parts"], json!([]));

    let returned = desk
        .step(
            &client,
            &reference,
            json!({"to": "returned", "note": "型番をご確認ください",
            "parts": ["schedule", "servers", "servers"], "expected_version": 0}),
        )
        .await;
    assert_eq!(returned.status(), StatusCode::OK);
    let returned: Value = returned.json().await.unwrap();
    assert_eq!(
        returned["event"]["record"],
        json!({"record": "return", "parts": ["servers", "schedule"]})
    );

    // The customer's status page: the parts in page order with their names, then the note.
    let seen = conversation(&client, &server, &reference, &token).await;
    assert_eq!(seen["possible"]["answer_return"], true);
    assert_eq!(seen["return_reason"], "型番をご確認ください");
    assert_eq!(
        seen["return_parts"],
        json!([
            {"part": "servers", "label_ja": "対象サーバー", "label_en": "servers"},
            {"part": "schedule", "label_ja": "作業日と作業場所", "label_en": "work date and site"}
        ])
    );
    let request: Value = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let step = request["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(step["status"], "returned");
    assert_eq!(
        step["text_ja"],
        "修正をお願いする箇所：対象サーバー、作業日と作業場所／型番をご確認ください"
    );
    assert_eq!(
        step["text_en"],
        "Please change: servers, work date and site — 型番をご確認ください"
    );
    // The customer's mail of the return says the same, in their language.
    let mail = outbox(&server)
        .await
        .into_iter()
        .rev()
        .find(|m| m.0 == "status_change")
        .unwrap();
    assert_eq!(mail.3, "ja");
    assert!(
        mail.5
            .contains("修正をお願いする箇所：対象サーバー、作業日と作業場所／型番をご確認ください"),
        "{}",
        mail.5
    );
    assert!(!mail.5.contains(&token));

    // The answer may not change the contract number, whatever the parts named.
    let mut other_contract = body.clone();
    other_contract["contract"]["number"] = json!("PC-ELSE");
    let refused: Value = resubmit(other_contract)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        first_code(&refused),
        ("contract.number".into(), "cannot_change".into())
    );
    // The answer changes a server's model: back to `received`, the parts gone with the return.
    let mut answer = body.clone();
    answer["servers"][0]["model"] = json!("HPE ProLiant DL360 Gen11");
    assert_eq!(
        resubmit(answer.clone()).await.unwrap().status(),
        StatusCode::OK
    );
    let seen = conversation(&client, &server, &reference, &token).await;
    assert_eq!(seen["status"], "received");
    assert_eq!(seen["return_parts"], json!([]));
    assert_eq!(seen["possible"]["answer_return"], false);
    // Answering again is refused: the request is no longer returned.
    let again = resubmit(answer).await.unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["error"], "not_possible_now");
    let shown: Value = desk
        .get(&client, &format!("/api/desk/requests/{reference}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        shown["request"]["servers"][0]["model"],
        "HPE ProLiant DL360 Gen11"
    );

    // The API's description states the parts the desk may name and what the customer reads.
    let doc: Value = client
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["ReturnPart"]["enum"],
        json!([
            "contact",
            "contract",
            "servers",
            "version",
            "responsibilities",
            "schedule"
        ]),
        "{}",
        schemas["ReturnPart"]
    );
    assert!(schemas["StepDraft"]["properties"]["parts"].is_object());
    assert!(schemas["ConversationView"]["properties"]["return_parts"].is_object());
}

#[tokio::test]
async fn a_new_key_is_mailed_only_when_reference_and_email_match_and_the_old_one_stops() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let (reference, token) = submit(&client, &server, "PC-KEY").await;
    let ask = |reference: &str, email: &str| {
        client
            .post(server.url(&format!("/api/requests/{reference}/new-key")))
            .json(&json!({"email": email}))
            .send()
    };
    let mut answers = Vec::new();
    for (reference, email) in [
        (reference.as_str(), "someone@example.co.jp"),
        ("FWU-2026-999999", "yamada@example.co.jp"),
        ("not-a-reference", "yamada@example.co.jp"),
        (reference.as_str(), "not an address"),
    ] {
        let response = ask(reference, email).await.unwrap();
        assert_eq!(response.status(), StatusCode::ACCEPTED);
        assert_eq!(response.headers()["cache-control"], "no-store");
        answers.push(response.text().await.unwrap());
    }
    assert!(!kinds(&server).await.contains(&"new_key".to_owned()));
    conversation(&client, &server, &reference, &token).await; // the old key still works

    let matched = ask(&reference, "YAMADA@example.co.jp").await.unwrap();
    assert_eq!(matched.status(), StatusCode::ACCEPTED);
    answers.push(matched.text().await.unwrap());
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "one answer for all: {answers:?}"
    );

    let rows = outbox(&server).await;
    let mail = rows.iter().find(|r| r.0 == "new_key").unwrap();
    assert_eq!(mail.2.as_deref(), Some("yamada@example.co.jp"));
    let new_key = mail
        .5
        .lines()
        .map(str::trim)
        .find(|line| line.len() >= 40 && !line.contains(' ') && !line.contains('/'))
        .unwrap()
        .to_owned();
    assert_ne!(new_key, token);
    let old = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        old.status(),
        StatusCode::NOT_FOUND,
        "the old key stops working"
    );
    conversation(&client, &server, &reference, &new_key).await;

    // At most three keys a day for one request, whatever is asked.
    for _ in 0..5 {
        assert_eq!(
            ask(&reference, "yamada@example.co.jp")
                .await
                .unwrap()
                .status(),
            StatusCode::ACCEPTED
        );
    }
    assert_eq!(
        kinds(&server)
            .await
            .iter()
            .filter(|k| *k == "new_key")
            .count(),
        3
    );
}

#[tokio::test]
async fn the_receipt_is_in_the_submitted_language_with_the_preparation_list() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let response = client
        .post(server.url("/api/requests"))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .header("content-language", "en")
        .json(&valid_body("PC-LANG"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap();
    let token = created["access_token"].as_str().unwrap();
    let rows = outbox(&server).await;
    let receipt = &rows[0];
    assert_eq!((receipt.0.as_str(), receipt.3.as_str()), ("receipt", "en"));
    assert!(
        receipt.4.starts_with("Received:") && receipt.4.contains(reference),
        "{}",
        receipt.4
    );
    assert!(receipt.5.contains("Reference: ") && !receipt.5.contains(token));
    let attachments: Value = serde_json::from_str(&receipt.6).unwrap();
    let names: Vec<&str> = attachments
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            format!("{reference}-preparation.md"),
            format!("{reference}-preparation.ics")
        ]
    );
    assert!(attachments[1]["content"]
        .as_str()
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
    assert!(!attachments.to_string().contains(token));
    // Stored as the list, written out when read: the submission's transaction holds the list,
    // not the two files (issue 12).
    let pool = fwportal_server::db::connect(&server.database)
        .await
        .unwrap();
    let stored: String = sqlx::query_scalar(
        "SELECT attachments FROM outbox WHERE kind = 'receipt' ORDER BY id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert!(stored["preparation_list"].is_object(), "{stored}");
    assert!(!stored.to_string().contains("BEGIN:VCALENDAR"), "{stored}");
    assert!(!stored.to_string().contains(token));
    // Without the header: Japanese, the portal's default.
    let (reference, _) = submit(&client, &server, "PC-LANG-JA").await;
    let rows = outbox(&server).await;
    let receipt = rows.iter().rev().find(|r| r.0 == "receipt").unwrap();
    assert_eq!(receipt.3, "ja");
    assert!(receipt.4.starts_with("【受付】") && receipt.4.contains(&reference));
}
