//! The service desk over real HTTP (issue 15): the real server on a random port, staff made
//! with the real `fwportal staff` command, TOTP codes computed from the URI it printed.

mod common;
mod desk_support;

use std::time::Duration;

use common::{config, TestServer};
use desk_support::{
    add_staff, audit_rows, code, next_code, sign_in, sign_in_with, submit, Desk, PASSWORD,
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;

async fn start(dir: &TempDir) -> TestServer {
    let mut config = config(dir.path());
    // Many sign-ins from one address; the per-address limit has its own test.
    config.desk.desk_sign_in_burst = 10_000;
    TestServer::start_with(config).await
}

fn agreement(version: i64, work_date: &str) -> Value {
    json!({
        "to": "agreed", "expected_version": version,
        "update_method": "spp", "target_version": "SPP 2027.03.0",
        "servers": ["CZJ1234567"], "work_date": work_date, "work_start_time": "22:00",
        "note": "内部メモ: 顧客と電話で合意"
    })
}

#[tokio::test]
async fn every_desk_route_of_the_openapi_document_answers_401_without_a_session() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let doc: Value = client
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut walked = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/api/desk/") {
            continue;
        }
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_none() || (method == "post" && path == "/api/desk/session") {
                continue;
            }
            let url = server.url(
                &path
                    .replace("{reference}", "FWU-2026-000001")
                    .replace("{number}", "PC-0001"),
            );
            for cookie in [None, Some("fwportal_desk=0123456789abcdef")] {
                let mut request = client
                    .request(method.to_uppercase().parse().unwrap(), &url)
                    .json(&json!({}));
                if let Some(cookie) = cookie {
                    request = request.header("cookie", cookie);
                }
                let response = request.send().await.unwrap();
                assert_eq!(
                    response.status(),
                    StatusCode::UNAUTHORIZED,
                    "{method} {path} {cookie:?}"
                );
                assert_eq!(response.headers()["cache-control"], "no-store");
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["error"], "signed_out");
            }
            walked.push(format!("{method} {path}"));
        }
    }
    walked.sort();
    assert_eq!(
        walked,
        [
            "delete /api/desk/session",
            "get /api/desk/contracts/{number}",
            "get /api/desk/requests",
            "get /api/desk/requests/{reference}",
            "get /api/desk/session",
            "post /api/desk/requests/{reference}/date-change",
            "post /api/desk/requests/{reference}/messages",
            "post /api/desk/requests/{reference}/messages/read",
            "post /api/desk/requests/{reference}/transitions",
            "put /api/desk/contracts/{number}",
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn sign_in_gives_one_answer_for_every_wrong_part_and_a_strict_cookie() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "Desk@Example.co.jp", "受付 花子", "desk");
    let disabled_uri = add_staff(&server.database, "gone@example.co.jp", "退職 太郎", "desk");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args([
            "staff",
            "disable",
            "--email",
            "gone@example.co.jp",
            "--database",
        ])
        .arg(&server.database)
        .output()
        .unwrap();
    assert!(out.status.success());

    let email = "desk@example.co.jp";
    let mut bodies = Vec::new();
    for (email, password, code) in [
        ("nobody@example.co.jp", PASSWORD.to_owned(), code(&uri)),
        (
            email,
            "wrong horse battery staple 42".to_owned(),
            code(&uri),
        ),
        (email, PASSWORD.to_owned(), "000000".to_owned()),
        (
            "gone@example.co.jp",
            PASSWORD.to_owned(),
            code(&disabled_uri),
        ),
    ] {
        let response = sign_in_with(&client, &server, email, &password, &code).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{email}");
        assert!(response.headers().get("set-cookie").is_none());
        bodies.push(response.text().await.unwrap());
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");

    // Right: 204 and a cookie the browser keeps to this site's own requests.
    let used = code(&uri);
    let response = sign_in_with(&client, &server, " DESK@example.co.jp ", PASSWORD, &used).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(set_cookie.starts_with("fwportal_desk="), "{set_cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain HTTP: {set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();

    // The same code again is refused: a code is good once.
    let replay = sign_in_with(&client, &server, email, PASSWORD, &used).await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);

    let me: Value = client
        .get(server.url("/api/desk/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], email);
    assert_eq!(me["name"], "受付 花子");
    assert_eq!(me["role"], "desk");
    let csrf = me["csrf_token"].as_str().unwrap().to_owned();
    assert_eq!(csrf.len(), 64);

    // The database keeps only a hash of the cookie's value.
    let value = cookie.split_once('=').unwrap().1.to_owned();
    let pool = fwportal_server::db::connect(&server.database)
        .await
        .unwrap();
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT token_hash FROM staff_sessions")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored, [fwportal_server::tokens::sha256(value.as_bytes())]);

    // Sign out: the row is gone and the cookie opens nothing.
    let desk = Desk {
        cookie: cookie.clone(),
        csrf,
        base: server.base.clone(),
    };
    let out = client
        .delete(server.url("/api/desk/session"))
        .header("cookie", &desk.cookie)
        .header("x-csrf-token", &desk.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    pool.close().await;
    let after = desk.get(&client, "/api/desk/session").send().await.unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);

    let actions: Vec<String> = audit_rows(&server.database)
        .await
        .into_iter()
        .map(|(_, action, _, _)| action)
        .collect();
    assert_eq!(
        actions,
        [
            "staff_added",
            "staff_added",
            "staff_disabled",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in",
            "sign_in_failed",
            "sign_out"
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn state_changing_calls_need_the_same_origin_and_the_csrf_token() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let (reference, _) = submit(&client, &server, "PC-CSRF").await;
    let path = format!("/api/desk/requests/{reference}/transitions");
    let body = json!({"to": "in_review", "expected_version": 0});

    let refused = [
        ("no token", None, None, None),
        ("wrong token", Some("0".repeat(64)), None, None),
        (
            "foreign origin",
            Some(desk.csrf.clone()),
            Some("http://evil.example"),
            None,
        ),
        (
            "cross-site fetch",
            Some(desk.csrf.clone()),
            None,
            Some("cross-site"),
        ),
    ];
    for (case, token, origin, site) in refused {
        let mut request = client
            .post(server.url(&path))
            .header("cookie", &desk.cookie)
            .json(&body);
        if let Some(token) = token {
            request = request.header("x-csrf-token", token);
        }
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{case}");
        assert_eq!(response.headers()["cache-control"], "no-store");
    }
    assert_eq!(
        desk.request(&client, &reference).await["version"],
        0,
        "nothing moved"
    );

    // Signing in from another site is refused too.
    let response = client
        .post(server.url("/api/desk/session"))
        .header("origin", "http://evil.example")
        .json(
            &json!({"email": "desk@example.co.jp", "password": PASSWORD, "code": next_code(&uri)}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // The same call from the desk's own page passes.
    let response = desk.step(&client, &reference, body).await;
    assert_eq!(response.status(), StatusCode::OK);
    server.shutdown().await;
}

#[tokio::test]
async fn five_failures_lock_the_account_even_against_the_right_password() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    for n in 0..5 {
        let wrong = format!("wrong horse battery staple {n}");
        let response =
            sign_in_with(&client, &server, "desk@example.co.jp", &wrong, &code(&uri)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "failure {n}");
    }
    let response = sign_in_with(
        &client,
        &server,
        "desk@example.co.jp",
        PASSWORD,
        &code(&uri),
    )
    .await;
    assert_eq!(response.status(), StatusCode::LOCKED);
    assert!(response.headers().get("set-cookie").is_none());
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "account_locked");
    assert!(body["message_ja"].as_str().unwrap().contains("15分"));
    assert!(body["message_en"].as_str().unwrap().contains("15 minutes"));

    let rows = audit_rows(&server.database).await;
    let actions: Vec<&str> = rows.iter().map(|(_, a, _, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "staff_added",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "lockout",
            "sign_in_locked"
        ]
    );
    for (actor, _, target, address) in &rows[1..] {
        assert_eq!(actor, "desk@example.co.jp");
        assert_eq!(target, "desk@example.co.jp");
        assert_eq!(address.as_deref(), Some("127.0.0.1"));
    }
    // The command line shows it, and a reset lifts it.
    let list = std::process::Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(["staff", "list", "--database"])
        .arg(&server.database)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("\tlocked\t"));
    server.shutdown().await;
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_address() {
    let dir = TempDir::new().unwrap();
    let mut config = config(dir.path());
    config.desk.desk_sign_in_burst = 3;
    config.desk.desk_sign_in_period_secs = 600;
    let server = TestServer::start_with(config).await;
    let client = reqwest::Client::new();
    for _ in 0..3 {
        let r = sign_in_with(&client, &server, "x@example.co.jp", PASSWORD, "123456").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = sign_in_with(&client, &server, "x@example.co.jp", PASSWORD, "123456").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().get("retry-after").is_some());
    server.shutdown().await;
}

#[tokio::test]
async fn sessions_end_when_idle_and_at_the_absolute_limit() {
    let dir = TempDir::new().unwrap();
    let mut config = config(dir.path());
    config.desk.desk_sign_in_burst = 10_000;
    config.desk.desk_idle_secs = 2;
    config.desk.desk_absolute_secs = 4;
    let server = TestServer::start_with(config).await;
    let client = reqwest::Client::new();
    let a = add_staff(&server.database, "a@example.co.jp", "A さん", "desk");
    let b = add_staff(&server.database, "b@example.co.jp", "B さん", "admin");

    // Idle: unused for longer than the idle timeout.
    let idle = sign_in(&client, &server, "a@example.co.jp", &a).await;
    tokio::time::sleep(Duration::from_millis(2300)).await;
    // The next sign-in sweeps the expired row away, even before its cookie comes back.
    let busy = sign_in(&client, &server, "b@example.co.jp", &b).await;
    let pool = fwportal_server::db::connect(&server.database)
        .await
        .unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    assert_eq!(rows, 1);
    let r = idle.get(&client, "/api/desk/session").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Used within the idle timeout it lives on, until the absolute limit.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let r = busy.get(&client, "/api/desk/session").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let r = busy.get(&client, "/api/desk/session").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    server.shutdown().await;
}

#[tokio::test]
async fn two_staff_agreeing_at_once_get_one_200_and_one_409() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let a = add_staff(&server.database, "a@example.co.jp", "A さん", "desk");
    let b = add_staff(&server.database, "b@example.co.jp", "B さん", "desk");
    let desk_a = sign_in(&client, &server, "a@example.co.jp", &a).await;
    let desk_b = sign_in(&client, &server, "b@example.co.jp", &b).await;
    let (reference, _) = submit(&client, &server, "PC-RACE").await;
    let r = desk_a
        .step(
            &client,
            &reference,
            json!({"to": "in_review", "expected_version": 0}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let date = common::good_work_date().format("%Y-%m-%d").to_string();

    let (first, second) = tokio::join!(
        desk_a.step(&client, &reference, agreement(1, &date)),
        desk_b.step(&client, &reference, agreement(1, &date)),
    );
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let conflict = if first.status() == StatusCode::CONFLICT {
        first
    } else {
        second
    };
    let body: Value = conflict.json().await.unwrap();
    assert_eq!(body["error"], "version_conflict");
    assert_eq!(body["status"], "agreed");
    assert_eq!(body["version"], 2);

    let view = desk_a.request(&client, &reference).await;
    assert_eq!(view["version"], 2);
    assert_eq!(
        view["timeline"].as_array().unwrap().len(),
        2,
        "one agreement stored"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_request_goes_through_its_whole_life_and_the_customer_sees_each_step() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let (reference, token) = submit(&client, &server, "PC-LIFE").await;
    let _other = submit(&client, &server, "PC-OTHER").await;

    // The desk finds it in the queue by contract number (typed as a customer would).
    let queue: Value = desk
        .get(
            &client,
            "/api/desk/requests?contract=%EF%BD%90%EF%BD%83-life&status=received",
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["reference"], reference.as_str());
    assert_eq!(queue["items"][0]["company"], "株式会社サンプル");
    assert_eq!(queue["counts"]["received"], 1);

    let view = desk.request(&client, &reference).await;
    assert_eq!(view["status"], "received");
    assert_eq!(view["version"], 0);
    assert_eq!(view["next"], json!(["in_review", "returned", "cancelled"]));
    assert_eq!(view["request"]["servers"][0]["serial_number"], "CZJ1234567");
    assert_eq!(view["rules"]["problems_at_receipt"], json!([]));
    assert_eq!(view["rules"]["notice"]["notice_met"], true);
    assert_eq!(view["rules"]["work_date_inside_option"], true);
    assert_eq!(view["rules"]["contract_active_today"], true);
    let checked = &view["rules"]["servers"][0];
    assert_eq!(checked["serial_number"], "CZJ1234567");
    assert_eq!(checked["verdict"]["outcome"], "eligible");
    assert_eq!(checked["components"][0]["name"], "System ROM");
    assert_eq!(checked["components"][0]["verdict"]["scope"], "in_scope");
    assert_eq!(checked["components"][0]["verdict"]["rule"], "R8");

    let date = common::good_work_date();
    let iso = date.format("%Y-%m-%d").to_string();
    let steps = [
        json!({"to": "in_review", "note": "内部メモ: 確認開始"}),
        agreement(0, &iso),
        json!({"to": "scheduled", "arrival_date": iso, "arrival_time": "21:30", "engineers": "技術部 佐藤"}),
        json!({"to": "completed", "updated": "System ROM U46 v2.30"}),
    ];
    let expected = ["received", "in_review", "agreed", "scheduled", "completed"];
    for (n, mut step) in steps.into_iter().enumerate() {
        step["expected_version"] = json!(n);
        let response = desk.step(&client, &reference, step).await;
        assert_eq!(response.status(), StatusCode::OK, "step {n}");
        let done: Value = response.json().await.unwrap();
        assert_eq!(done["status"], expected[n + 1]);
        assert_eq!(done["version"], n + 1);
        assert_eq!(done["event"]["staff_email"], "desk@example.co.jp");

        let seen: Value = client
            .get(server.url(&format!("/api/requests/{reference}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(seen["status"], expected[n + 1]);
        let history = seen["history"].as_array().unwrap();
        let statuses: Vec<&str> = history
            .iter()
            .map(|h| h["status"].as_str().unwrap())
            .collect();
        assert_eq!(statuses, expected[..n + 2]);
        let text = seen.to_string();
        assert!(
            !text.contains("受付 花子") && !text.contains("desk@example.co.jp"),
            "{text}"
        );
        assert!(
            !text.contains("内部メモ"),
            "internal notes stay inside: {text}"
        );
    }
    let seen: Value = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let history = &seen["history"];
    assert_eq!(history[0]["label_ja"], "受付済み");
    assert_eq!(history[2]["label_en"], "Agreed in the preliminary check");
    let day = fwportal_core::i18n::format_date_both(date);
    assert!(
        history[2]["text_ja"].as_str().unwrap().contains(&day.ja),
        "{history}"
    );
    assert!(
        history[2]["text_en"]
            .as_str()
            .unwrap()
            .contains("starting 22:00"),
        "{history}"
    );
    assert!(
        history[3]["text_ja"].as_str().unwrap().contains("21:30"),
        "{history}"
    );
    assert!(
        history[3]["text_en"]
            .as_str()
            .unwrap()
            .contains("技術部 佐藤"),
        "{history}"
    );

    let view = desk.request(&client, &reference).await;
    assert_eq!(view["status"], "completed");
    assert_eq!(view["next"], json!([]));
    let timeline = view["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 4);
    assert_eq!(timeline[1]["record"]["record"], "agreement");
    assert_eq!(timeline[1]["note"], "内部メモ: 顧客と電話で合意");
    assert_eq!(timeline[0]["staff_name"], "受付 花子");

    // The events are append-only in the database itself.
    let pool = fwportal_server::db::connect(&server.database)
        .await
        .unwrap();
    let refused = sqlx::query("UPDATE request_events SET note = 'x'")
        .execute(&pool)
        .await;
    assert!(refused.is_err());
    let refused = sqlx::query("DELETE FROM audit_log").execute(&pool).await;
    assert!(refused.is_err());
    pool.close().await;
    server.shutdown().await;
}

#[tokio::test]
async fn r4_a_cancelled_update_work_frees_its_contract_year() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let (reference, token) = submit(&client, &server, "PC-R4").await;

    let second = server.submit(&client, &common::valid_body("PC-R4")).await;
    assert_eq!(
        second.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "R4 holds"
    );

    let response = desk
        .step(
            &client,
            &reference,
            json!({"to": "cancelled", "expected_version": 0, "note": "お客様のご都合により取り消し"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let third = server.submit(&client, &common::valid_body("PC-R4")).await;
    assert_eq!(
        third.status(),
        StatusCode::CREATED,
        "the year is free again"
    );

    // The customer reads the reason.
    let seen: Value = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["history"][1]["status"], "cancelled");
    assert_eq!(
        seen["history"][1]["text_ja"],
        "お客様のご都合により取り消し"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_step_the_machine_refuses_or_with_wrong_fields_is_a_422_with_problems() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let (reference, _) = submit(&client, &server, "PC-REFUSE").await;

    let problems = |body: Value| -> Vec<(String, String)> {
        assert_eq!(body["error"], "invalid_request");
        body["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                assert!(p["message_ja"].is_string() && p["message_en"].is_string());
                (
                    p["field"].as_str().unwrap().to_owned(),
                    p["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let skip = desk
        .step(
            &client,
            &reference,
            json!({"to": "completed", "expected_version": 0, "updated": "x"}),
        )
        .await;
    assert_eq!(skip.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(skip.json().await.unwrap()),
        [("to".to_owned(), "transition_not_allowed".to_owned())]
    );

    let cancel = desk
        .step(
            &client,
            &reference,
            json!({"to": "cancelled", "expected_version": 0}),
        )
        .await;
    assert_eq!(cancel.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(cancel.json().await.unwrap()),
        [("note".to_owned(), "required".to_owned())]
    );

    let r = desk
        .step(
            &client,
            &reference,
            json!({"to": "in_review", "expected_version": 0}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let agree = desk
        .step(
            &client,
            &reference,
            json!({"to": "agreed", "expected_version": 1, "update_method": "usb",
                   "servers": ["XXX0000000"], "work_date": "2020-01-01", "work_start_time": "25:00"}),
        )
        .await;
    assert_eq!(agree.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let found = problems(agree.json().await.unwrap());
    for field in [
        "update_method",
        "target_version",
        "servers[0]",
        "work_date",
        "work_start_time",
    ] {
        assert!(found.iter().any(|(f, _)| f == field), "{field}: {found:?}");
    }
    assert_eq!(
        desk.request(&client, &reference).await["version"],
        1,
        "nothing stored"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn the_audit_log_exports_as_csv_with_bom_and_as_json() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let (reference, _) = submit(&client, &server, "PC-AUDIT").await;
    let r = desk
        .step(
            &client,
            &reference,
            json!({"to": "in_review", "expected_version": 0}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    server.shutdown().await;

    let output = dir.path().join("audit.csv");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(["audit", "export", "--format", "csv", "--database"])
        .arg(dir.path().join("db").join("portal.db"))
        .arg("--output")
        .arg(&output)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&output).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.headers().unwrap(),
        vec!["id", "at", "actor", "action", "target", "address", "before", "after"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let actions: Vec<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(actions, ["staff_added", "sign_in", "transition"]);
    assert_eq!(&rows[2][2], "desk@example.co.jp");
    assert_eq!(&rows[2][4], reference.as_str());
    let after: Value = serde_json::from_str(&rows[2][7]).unwrap();
    assert_eq!(after["status"], "in_review");
    let before: Value = serde_json::from_str(&rows[2][6]).unwrap();
    assert_eq!(before, json!({"status": "received", "version": 0}));
    assert!(
        !String::from_utf8_lossy(&bytes).contains("argon2"),
        "no hashes"
    );

    let json_out = std::process::Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(["audit", "export", "--format", "json", "--database"])
        .arg(dir.path().join("db").join("portal.db"))
        .output()
        .unwrap();
    let entries: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 3);
    assert_eq!(entries[1]["action"], "sign_in");
    assert_eq!(entries[1]["address"], "127.0.0.1");
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure_and_the_origin_is_the_public_one() {
    let dir = TempDir::new().unwrap();
    let mut config = config(dir.path());
    config.desk.desk_sign_in_burst = 10_000;
    config.desk.public_origin = Some("https://Portal.Example.co.jp/".into());
    let server = TestServer::start_with(config).await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");

    // The loopback origin is not the public one.
    let response = client
        .post(server.url("/api/desk/session"))
        .header("origin", &server.base)
        .json(&json!({"email": "desk@example.co.jp", "password": PASSWORD, "code": code(&uri)}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let response = client
        .post(server.url("/api/desk/session"))
        .header("origin", "https://portal.example.co.jp")
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"email": "desk@example.co.jp", "password": PASSWORD, "code": code(&uri)}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.starts_with("__Host-fwportal_desk="),
        "{set_cookie}"
    );
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
    assert!(set_cookie.contains("; Path=/"), "{set_cookie}");
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let me = client
        .get(server.url("/api/desk/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    // The plain name opens nothing here.
    let plain = cookie.replacen("__Host-", "", 1);
    let me = client
        .get(server.url("/api/desk/session"))
        .header("cookie", &plain)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    server.shutdown().await;
}

#[test]
fn the_public_origin_must_be_an_origin() {
    use fwportal_server::config::DeskConfig;
    use fwportal_server::http::desk::DeskSettings;
    for bad in ["portal.example.co.jp", "https://", "https://a/b", "ftp://a"] {
        let config = DeskConfig {
            public_origin: Some(bad.into()),
            ..DeskConfig::default()
        };
        assert!(DeskSettings::from_config(&config).is_err(), "{bad}");
    }
    let config = DeskConfig {
        public_origin: Some("http://desk.internal:8080".into()),
        ..DeskConfig::default()
    };
    let settings = DeskSettings::from_config(&config).unwrap();
    assert!(!settings.secure);
    assert_eq!(settings.cookie_name(), "fwportal_desk");
}

#[tokio::test]
async fn staff_reset_gives_a_new_password_and_secret_and_lifts_a_lockout() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let email = "desk@example.co.jp";
    let old_uri = add_staff(&server.database, email, "受付 花子", "desk");
    for n in 0..5 {
        let wrong = format!("wrong horse battery staple {n}");
        let r = sign_in_with(&client, &server, email, &wrong, &code(&old_uri)).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    let new_password = "a different passphrase for spring 2027";
    let reset = |password: &'static str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fwportal"))
            .args([
                "staff",
                "reset",
                "--email",
                email,
                "--password-stdin",
                "--database",
            ])
            .arg(&server.database)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    // A weak password is refused with its reason, and nothing changes.
    let weak = reset("password1234");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password_too_weak"));
    let out = reset(new_password);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new_uri = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(new_uri.starts_with("otpauth://totp/") && new_uri != old_uri);

    // The old password and the old secret open nothing; the new ones do, lock lifted.
    let r = sign_in_with(&client, &server, email, PASSWORD, &code(&new_uri)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = sign_in_with(&client, &server, email, new_password, &code(&old_uri)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = sign_in_with(&client, &server, email, new_password, &code(&new_uri)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    let actions: Vec<String> = audit_rows(&server.database)
        .await
        .into_iter()
        .map(|(_, action, _, _)| action)
        .collect();
    assert!(actions.contains(&"lockout".to_owned()));
    assert_eq!(actions.iter().filter(|a| *a == "staff_reset").count(), 1);
    assert_eq!(actions.last().unwrap(), "sign_in");
    server.shutdown().await;
}
