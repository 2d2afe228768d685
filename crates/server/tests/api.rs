//! The intake API over real HTTP: the real server on a random port, a fresh database file.
//! Every rule is refused with its code, submissions are idempotent and exactly-once, tokens
//! guard reading, limits and headers hold.

mod common;

use common::{fixture_dist, too_soon_work_date, valid_body, TestServer};
use fwportal_core::request::Reference;
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

async fn problems_of(response: reqwest::Response) -> Vec<Value> {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    body["problems"].as_array().unwrap().clone()
}

fn codes(problems: &[Value]) -> Vec<(String, String)> {
    problems
        .iter()
        .map(|p| {
            (
                p["field"].as_str().unwrap().to_owned(),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_accepted_request_is_read_back_with_its_token_after_a_restart() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let mut body = valid_body(" ｐｃ-1234 ");
    body["servers"][0]["model"] = "HPE Synergy 480 Gen10".into();
    let response = server.submit(&client, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    Reference::parse(&reference).expect("FWU-YYYY-NNNNNN");
    let token = created["access_token"].as_str().unwrap().to_owned();
    assert!(
        token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "{token}"
    );
    assert_eq!(created["status"], "received");
    assert!(created["received_on"].is_string() && created["deadline"].is_string());
    assert_eq!(created["warnings"][0]["code"], "product_needs_confirmation");
    server.shutdown().await;

    let server = TestServer::start(dir.path()).await;
    let url = server.url(&format!("/api/requests/{reference}"));
    let stored: Value = client
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["reference"], reference.as_str());
    assert_eq!(
        stored["request"]["contract"]["number"], "PC-1234",
        "stored normalised"
    );
    assert_eq!(
        stored["request"]["servers"][0]["firmware"][0]["name"],
        "System ROM"
    );

    // No token, a wrong token and an unknown reference look exactly alike.
    let unknown = server.url("/api/requests/FWU-2020-000001");
    let mut answers = Vec::new();
    for (url, token) in [
        (&url, None),
        (&url, Some("0".repeat(64))),
        (&unknown, Some(token.clone())),
    ] {
        let mut request = client.get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        answers.push(response.text().await.unwrap());
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    server.shutdown().await;
}

#[tokio::test]
async fn a_replayed_submission_gets_the_same_answer_and_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let body = valid_body("PC-REPLAY");
    let key = uuid::Uuid::new_v4().to_string();

    let first: Value = server
        .submit_with_key(&client, &body, &key)
        .await
        .json()
        .await
        .unwrap();
    let second = server.submit_with_key(&client, &body, &key).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    let second: Value = second.json().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(server.stored_count().await, 1);

    let mut changed = body.clone();
    changed["notes"] = "別の内容".into();
    let conflict = server.submit_with_key(&client, &changed, &key).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let conflict: Value = conflict.json().await.unwrap();
    assert_eq!(conflict["error"], "idempotency_key_reused");
    assert_eq!(server.stored_count().await, 1);

    for key in [None, Some("not-a-uuid")] {
        let mut request = client.post(server.url("/api/requests")).json(&body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["error"], "idempotency_key_required");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn each_rule_is_refused_with_its_code_and_rule() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    type Edit = fn(&mut Value);
    let cases: [(&str, Edit, &str, &str, &str); 5] = [
        (
            "R5",
            |b| b["work_date"] = too_soon_work_date().to_string().into(),
            "work_date",
            "notice_not_met",
            "R5",
        ),
        (
            "R6",
            |b| b["contract"]["support_level"] = "foundation_care".into(),
            "contract.support_level",
            "not_proactive_care",
            "R6",
        ),
        (
            "R7",
            |b| b["contract"]["option_end"] = b["contract"]["option_start"].clone(),
            "work_date",
            "outside_option_period",
            "R7",
        ),
        (
            "R11",
            |b| b["servers"][0]["model"] = "Integrity rx2800 i4".into(),
            "servers[0].model",
            "product_excluded",
            "R11",
        ),
        (
            "R9",
            |b| {
                b["acknowledgements"] =
                    serde_json::json!(["R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"])
            },
            "acknowledgements.R9",
            "acknowledgement_missing",
            "R9",
        ),
    ];
    for (name, edit, field, code, rule) in cases {
        let mut body = valid_body(&format!("PC-{name}"));
        edit(&mut body);
        let problems = problems_of(server.submit(&client, &body).await).await;
        let problem = problems
            .iter()
            .find(|p| p["field"] == field)
            .unwrap_or_else(|| panic!("{name}: no problem on {field} in {problems:#?}"));
        assert_eq!(problem["code"], code, "{name}");
        assert_eq!(problem["rule"], rule, "{name}");
        assert!(!problem["message_ja"].as_str().unwrap().is_empty());
        assert!(!problem["message_en"].as_str().unwrap().is_empty());
    }

    // R4: the second update work of the contract year.
    let first = server.submit(&client, &valid_body("PC-R4")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let problems = problems_of(server.submit(&client, &valid_body("PC-R4")).await).await;
    assert!(
        codes(&problems).contains(&("work_date".into(), "once_a_year".into())),
        "{problems:#?}"
    );
    assert_eq!(server.stored_count().await, 1);
    server.shutdown().await;
}

#[tokio::test]
async fn many_simultaneous_submissions_for_one_contract_year_give_exactly_one_201() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let body = valid_body("PC-RACE");
    let answers = futures::future::join_all((0..24).map(|_| server.submit(&client, &body))).await;
    let mut created = 0;
    for answer in answers {
        match answer.status() {
            StatusCode::CREATED => created += 1,
            StatusCode::UNPROCESSABLE_ENTITY => {
                let problems = problems_of(answer).await;
                assert_eq!(problems[0]["code"], "once_a_year");
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(server.stored_count().await, 1);
    server.shutdown().await;
}

#[tokio::test]
async fn bodies_and_fields_have_limits_with_clear_errors() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let mut huge = valid_body("PC-BIG");
    huge["notes"] = "あ".repeat(30_000).into(); // 90 KB of UTF-8
    let response = server.submit(&client, &huge).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "body_too_large");

    let mut long = valid_body("PC-LONG");
    long["notes"] = "a".repeat(2001).into();
    long["contact"]["company"] = "社".repeat(101).into();
    let problems = problems_of(server.submit(&client, &long).await).await;
    let found = codes(&problems);
    assert!(
        found.contains(&("notes".into(), "too_long".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("contact.company".into(), "too_long".into())),
        "{found:?}"
    );

    for (body, content_type) in [
        ("{not json", "application/json"),
        ("[1,2]", "application/json"),
        ("{\"contact\": 5}", "application/json"),
        ("contract=PC-1", "application/x-www-form-urlencoded"),
    ] {
        let response = client
            .post(server.url("/api/requests"))
            .header("content-type", content_type)
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["error"], "malformed_body");
    }
    assert_eq!(server.stored_count().await, 0);
    server.shutdown().await;
}

#[tokio::test]
async fn submissions_are_rate_limited_per_client() {
    let dir = TempDir::new().unwrap();
    let mut config = common::config(dir.path());
    config.rate_burst = 2;
    config.rate_period_secs = 60;
    let server = TestServer::start_with(config).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for n in 0..3 {
        let response = server
            .submit(&client, &valid_body(&format!("PC-RATE-{n}")))
            .await;
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key("retry-after"));
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "rate_limited");
        }
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Reading is not limited.
    let health = client.get(server.url("/api/config")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    server.shutdown().await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_no_cors() {
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    for path in [
        "/",
        "/api/config",
        "/api/requests/FWU-2027-000001",
        "/healthz",
    ] {
        let response = client
            .get(server.url(path))
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(
            csp.contains("'sha256-"),
            "the inline loader is allowed by hash: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert!(
            !headers.contains_key("access-control-allow-origin"),
            "{path}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn the_config_carries_the_calendar_the_server_decides_with() {
    let dir = TempDir::new().unwrap();
    let calendar_file = dir.path().join("calendar.conf");
    std::fs::write(
        &calendar_file,
        "# 社内休業日\nclosure 2027-08-13 夏季休業\nnotice-days 15\n",
    )
    .unwrap();
    let mut config = common::config(dir.path());
    config.calendar = Some(calendar_file);
    let server = TestServer::start_with(config).await;
    let body: Value = reqwest::get(server.url("/api/config"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["calendar"]["settings"]["notice_business_days"], 15);
    let calendar: fwportal_core::calendar::BusinessCalendar =
        serde_json::from_value(body["calendar"].clone()).expect("the app can read it");
    let closure = chrono::NaiveDate::from_ymd_opt(2027, 8, 13).unwrap();
    assert!(
        !calendar.is_business_day(closure),
        "the closure day reaches the app"
    );
    server.shutdown().await;

    let mut bad = common::config(dir.path());
    let bad_file = dir.path().join("bad.conf");
    std::fs::write(&bad_file, "closure 2027-08-13\nclosure 2027-02-30\n").unwrap();
    bad.calendar = Some(bad_file);
    let error = fwportal_server::startup::Server::bind(bad)
        .await
        .err()
        .unwrap();
    assert!(format!("{error:#}").contains("line 2"), "{error:#}");
}

#[tokio::test]
async fn static_files_have_types_cache_headers_and_compression() {
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let health = client.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);

    for route in ["/", "/request", "/confirmation/FWU-2027-000001"] {
        let response = client.get(server.url(route)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{route}");
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(response.headers()["cache-control"], "no-cache", "{route}");
        assert!(response.text().await.unwrap().contains("app shell"));
    }
    let missing_api = client.get(server.url("/api/nothing")).send().await.unwrap();
    assert_eq!(missing_api.status(), StatusCode::NOT_FOUND);

    let wasm = client
        .get(server.url("/fwportal-start-0123456789abcdef_bg.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert!(wasm.bytes().await.unwrap().len() < 4 * 4096);
    server.shutdown().await;
}

#[tokio::test]
async fn the_openapi_description_covers_every_endpoint_and_answer() {
    let dir = TempDir::new().unwrap();
    let server = TestServer::start(dir.path()).await;
    let doc: Value = reqwest::get(server.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let post = &doc["paths"]["/api/requests"]["post"];
    for status in ["201", "400", "409", "413", "422", "429"] {
        assert!(
            post["responses"][status].is_object(),
            "POST answers {status}"
        );
    }
    assert_eq!(post["parameters"][0]["name"], "Idempotency-Key");
    assert!(doc["paths"]["/api/requests/{reference}"]["get"]["responses"]["404"].is_object());
    assert!(doc["paths"]["/api/config"]["get"].is_object());
    let draft = &doc["components"]["schemas"]["RequestDraft"]["properties"];
    for field in [
        "kind",
        "contact",
        "contract",
        "servers",
        "work_date",
        "acknowledgements",
    ] {
        assert!(draft[field].is_object(), "RequestDraft.{field}");
    }
    let codes = doc["components"]["schemas"]["ProblemCode"]["enum"]
        .as_array()
        .unwrap();
    assert!(codes.contains(&Value::from("notice_not_met")));
    assert_eq!(
        doc["components"]["securitySchemes"]["access_token"]["scheme"],
        "bearer"
    );
    server.shutdown().await;
}
