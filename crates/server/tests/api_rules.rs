//! The probe's findings of issue 12 over real HTTP: R4 held on the contract's stored terms
//! (also under concurrency and on a database from before the terms were stored), the
//! once-a-year refusal that tells nothing about the other booking, the answer to an oversized
//! list that stays small, hidden characters, non-model names and dates out of range.

mod common;
mod old_schema;

use chrono::{Days, NaiveDate, Utc};
use common::{good_work_date, valid_body, TestServer};
use fwportal_core::calendar::to_jst;
use fwportal_core::i18n::{format_date, Lang};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

async fn invalid(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    body
}

fn has(body: &Value, field: &str, code: &str) -> bool {
    body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["field"] == field && p["code"] == code)
}

/// The probe's bypass: one contract number, each request stating another option start (and
/// another work date), so that each moved "its" contract year past the others. Exactly one
/// is accepted; the others are refused on the option start.
#[tokio::test]
async fn r4_another_option_start_does_not_book_another_update() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let today = to_jst(&Utc::now()).date_naive();
    let mut created = 0;
    for shift in 0..4u64 {
        let mut body = valid_body("PC-BYPASS");
        let start = today.checked_sub_days(Days::new(30 - shift * 7)).unwrap();
        body["contract"]["option_start"] = iso(start).into();
        body["work_date"] = iso(good_work_date() + Days::new(shift * 4)).into();
        let response = server.submit(&client, &body).await;
        if response.status() == StatusCode::CREATED {
            created += 1;
        } else {
            let answer = invalid(response).await;
            assert!(
                has(&answer, "contract.option_start", "contract_mismatch"),
                "{answer:#}"
            );
            let text = answer.to_string();
            assert!(
                !text.contains(&iso(today.checked_sub_days(Days::new(30)).unwrap())),
                "the stored option start is not told: {text}"
            );
        }
    }
    assert_eq!(created, 1);
    assert_eq!(server.stored_count().await, 1);

    // The same terms again: R4 itself refuses, counted on the stored contract year.
    let mut same = valid_body("PC-BYPASS");
    same["work_date"] = iso(good_work_date() + Days::new(20)).into();
    let answer = invalid(server.submit(&client, &same).await).await;
    assert!(has(&answer, "work_date", "once_a_year"), "{answer:#}");
    server.shutdown().await;
}

/// Simultaneous submissions, each stating an option start after the work dates of the ones
/// before it (so that, decided on what each states, every one would be the first of its
/// contract year): still exactly one 201. The rules see the terms on file, and the unique
/// index and its trigger stand on the stored year.
#[tokio::test]
async fn r4_simultaneous_submissions_with_different_option_starts_give_exactly_one_201() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let bodies: Vec<Value> = (0..16u64)
        .map(|n| {
            let mut body = valid_body("PC-RACE-TERMS");
            let start = good_work_date() + Days::new(2 * n);
            body["contract"]["option_start"] = iso(start).into();
            body["work_date"] = iso(start + Days::new(1)).into();
            body
        })
        .collect();
    let answers = futures::future::join_all(bodies.iter().map(|b| server.submit(&client, b))).await;
    let mut created = 0;
    for answer in answers {
        match answer.status() {
            StatusCode::CREATED => created += 1,
            StatusCode::UNPROCESSABLE_ENTITY => {
                let body: Value = answer.json().await.unwrap();
                let code = &body["problems"][0]["code"];
                assert!(
                    code == "contract_mismatch" || code == "once_a_year",
                    "{body:#}"
                );
            }
            other => panic!("unexpected {other}: {}", answer.text().await.unwrap()),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(server.stored_count().await, 1);
    server.shutdown().await;
}

/// Issue 12, fault 12: the second update request of a contract year learns nothing about the
/// first: not its work date in any form, not its reference.
#[tokio::test]
async fn r4_the_refusal_tells_no_date_or_reference_of_the_other_booking() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let first_date = good_work_date();
    let first = server.submit(&client, &valid_body("PC-LEAK")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let reference = first["reference"].as_str().unwrap().to_owned();

    let mut second = valid_body("PC-LEAK");
    second["work_date"] = iso(first_date + Days::new(3)).into();
    let response = server.submit(&client, &second).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = response.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert!(has(&body, "work_date", "once_a_year"), "{body:#}");
    for told in [
        iso(first_date),
        first_date.format("%Y/%m/%d").to_string(),
        first_date.format("%Y年%-m月%-d日").to_string(),
        first_date.format("%-d %B %Y").to_string(),
        format_date(first_date, Lang::Ja),
        format_date(first_date, Lang::En),
        reference.clone(),
        "FWU-".to_owned(),
    ] {
        assert!(!text.contains(&told), "the refusal tells {told:?}: {text}");
    }
    let problem = &body["problems"][0];
    assert!(problem["message_ja"]
        .as_str()
        .unwrap()
        .contains("サポート窓口"));
    assert!(problem["message_en"]
        .as_str()
        .unwrap()
        .contains("support desk"));
    server.shutdown().await;
}

/// Issue 12, fault 3: 21,000 empty server objects in 64 KB were answered with 5 MB. Now the
/// limit is checked first and is the whole answer.
#[tokio::test]
async fn a_body_of_21000_empty_servers_gets_a_small_answer_that_states_the_limit() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let body = format!("{{\"servers\":[{}]}}", vec!["{}"; 21_000].join(","));
    assert!(body.len() < 64 * 1024);
    let response = client
        .post(server.url("/api/requests"))
        .header("content-type", "application/json")
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = response.text().await.unwrap();
    assert!(
        text.len() < 1024,
        "{} bytes for a {}-byte body: {}…",
        text.len(),
        body.len(),
        text.chars().take(300).collect::<String>()
    );
    let answer: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(answer["problems"].as_array().unwrap().len(), 1);
    assert_eq!(answer["problems"][0]["field"], "servers");
    assert_eq!(answer["problems"][0]["code"], "too_many");
    assert!(answer["problems"][0]["message_en"]
        .as_str()
        .unwrap()
        .contains("100"));
    assert!(answer["problems"][0]["message_ja"]
        .as_str()
        .unwrap()
        .contains("100"));
    assert_eq!(answer["more_problems"], 0);
    server.shutdown().await;
}

/// Within the limits a body can still hold thousands of empty fields: at most 50 problems are
/// listed, and how many more there are.
#[tokio::test]
async fn at_most_fifty_problems_are_listed_and_the_rest_counted() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let mut body = valid_body("PC-MANY");
    let servers: Vec<Value> = (0..100)
        .map(|n| {
            json!({
                "model": "ProLiant DL380 Gen10",
                "serial_number": format!("CZJ{n:07}"),
                "firmware": vec![json!({}); 150],
            })
        })
        .collect();
    body["servers"] = servers.into();
    let text = serde_json::to_string(&body).unwrap();
    assert!(text.len() < 64 * 1024, "{}", text.len());
    let answer = invalid(server.submit(&client, &body).await).await;
    let listed = answer["problems"].as_array().unwrap();
    assert_eq!(listed.len(), 50);
    assert_eq!(listed[0]["field"], "servers[0].firmware[0].name");
    assert_eq!(answer["more_problems"], 100 * 150 - 50);
    assert!(answer.to_string().len() < 40 * 1024);
    server.shutdown().await;
}

#[tokio::test]
async fn hidden_characters_non_model_names_and_dates_out_of_range_are_field_problems() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str, &str); 6] = [
        (
            |b| b["contact"]["company"] = "株式会社\u{202E}ルプンサ".into(),
            "contact.company",
            "invalid_characters",
        ),
        (
            |b| b["site_address"] = "東京都\u{200B}江東区".into(),
            "site_address",
            "invalid_characters",
        ),
        (
            |b| b["notes"] = "\u{FEFF}よろしくお願いします".into(),
            "notes",
            "invalid_characters",
        ),
        (
            |b| b["servers"][0]["model"] = "HPE ProLiant DL380 Gen10 Plus <img src=x>".into(),
            "servers[0].model",
            "invalid_characters",
        ),
        (
            |b| b["servers"][0]["model"] = "=1+1".into(),
            "servers[0].model",
            "invalid_characters",
        ),
        (
            |b| b["work_date"] = "2100-01-04".into(),
            "work_date",
            "date_out_of_range",
        ),
    ];
    for (n, (edit, field, code)) in cases.into_iter().enumerate() {
        let mut body = valid_body(&format!("PC-HOSTILE-{n}"));
        edit(&mut body);
        let answer = invalid(server.submit(&client, &body).await).await;
        assert!(has(&answer, field, code), "{field}: {answer:#}");
        let problem = answer["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["field"] == field)
            .unwrap();
        if field == "servers[0].model" {
            assert!(
                problem.get("rule").is_none(),
                "a non-model is not judged in scope (R8, R11): {problem}"
            );
        }
    }
    // Line breaks are fine in the notes (multi-line), not in a one-line field.
    let mut body = valid_body("PC-LINES");
    body["notes"] = "1行目\n2行目".into();
    assert_eq!(
        server.submit(&client, &body).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(server.stored_count().await, 1);
    server.shutdown().await;
}

/// A database from before the contracts table: its contracts are filed from their first
/// request by the migration, so R4 holds for them too from the first start of the new server.
#[tokio::test]
async fn a_database_from_before_the_contracts_table_gets_its_contracts_on_file() {
    let dir = TempDir::new().unwrap();
    let config = common::config(dir.path());
    std::fs::create_dir_all(config.database.parent().unwrap()).unwrap();
    old_schema::database_at_first_migration(&config.database).await;
    let old = valid_body("PC-OLD");
    let work_date = good_work_date();
    old_schema::insert_request_at_first_migration(&config.database, &old, work_date).await;

    let server = TestServer::start_with(config).await;
    let client = reqwest::Client::new();
    let today = to_jst(&Utc::now()).date_naive();
    let mut moved = valid_body("PC-OLD");
    moved["contract"]["option_start"] = iso(today).into();
    moved["work_date"] = iso(work_date + Days::new(10)).into();
    let answer = invalid(server.submit(&client, &moved).await).await;
    assert!(
        has(&answer, "contract.option_start", "contract_mismatch"),
        "{answer:#}"
    );
    let mut same = valid_body("PC-OLD");
    same["work_date"] = iso(work_date + Days::new(10)).into();
    let answer = invalid(server.submit(&client, &same).await).await;
    assert!(has(&answer, "work_date", "once_a_year"), "{answer:#}");
    // A consultation states the same terms and is accepted (R4 limits update work only).
    let mut consultation = valid_body("PC-OLD");
    consultation["kind"] = "version_consultation".into();
    consultation["consultation_topic"] = "SPP 2027.03 の適用可否".into();
    let answer = server.submit(&client, &consultation).await;
    assert_eq!(
        answer.status(),
        StatusCode::CREATED,
        "{}",
        answer.text().await.unwrap()
    );
    assert_eq!(server.stored_count().await, 2);
    server.shutdown().await;
}

/// The database itself keeps R4 on the stored contract year, whatever a future code path
/// computes: a row whose contract year does not start on an anniversary of the stored option
/// start is refused by the trigger, and a second row for the stored year by the unique index.
#[tokio::test]
async fn the_database_refuses_a_contract_year_that_is_not_the_stored_one() {
    use fwportal_server::intake::{self, NewRequest};

    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let body = valid_body("PC-TRIGGER");
    assert_eq!(
        server.submit(&client, &body).await.status(),
        StatusCode::CREATED
    );
    let database = server.database.clone();
    server.shutdown().await;

    let stored_start = NaiveDate::parse_from_str(
        body["contract"]["option_start"].as_str().unwrap(),
        "%Y-%m-%d",
    )
    .unwrap();
    let conn = rusqlite::Connection::open(&database).unwrap();
    let row = |reference: &'static str, year_start: NaiveDate| NewRequest {
        reference,
        kind: "update_work",
        contract_number: "PC-TRIGGER",
        work_date: Some(good_work_date() + Days::new(30)),
        contract_year_start: Some(year_start),
        status: "received",
        received_at: Utc::now(),
        received_on: None,
        access_token_hash: b"x",
        payload: "{}",
        lang: fwportal_core::i18n::Lang::Ja,
    };
    // The year as a request stating another option start would have counted it.
    let moved = stored_start + Days::new(40);
    let error = intake::insert_request(&conn, &row("FWU-2000-000001", moved)).unwrap_err();
    assert!(error.to_string().contains("anniversary"), "{error}");
    // The stored year itself: taken.
    let error = intake::insert_request(&conn, &row("FWU-2000-000002", stored_start)).unwrap_err();
    assert!(error.is_once_a_year_violation(), "{error}");
    // A contract that is not on file.
    let mut unknown = row("FWU-2000-000003", stored_start);
    unknown.contract_number = "PC-NOT-ON-FILE";
    let error = intake::insert_request(&conn, &unknown).unwrap_err();
    assert!(error.to_string().contains("not on file"), "{error}");
    drop(conn);
}

/// Issue 14: the server refuses a request without consent to the privacy notice (whatever the
/// app did), a consultation without its topic, and a contract that leaves no possible work
/// date (R5 with R7) on the contract's end; nothing is stored.
#[tokio::test]
async fn consent_a_consultations_topic_and_a_possible_work_date_are_required() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let mut body = valid_body("PC-CONSENT");
    body["privacy_consent"] = false.into();
    let answer = invalid(server.submit(&client, &body).await).await;
    assert!(
        has(&answer, "privacy_consent", "acknowledgement_missing"),
        "{answer:#}"
    );
    body.as_object_mut().unwrap().remove("privacy_consent");
    let answer = invalid(server.submit(&client, &body).await).await;
    assert!(
        has(&answer, "privacy_consent", "acknowledgement_missing"),
        "{answer:#}"
    );

    let mut consultation = valid_body("PC-CONSENT");
    consultation["kind"] = "version_consultation".into();
    let answer = invalid(server.submit(&client, &consultation).await).await;
    assert!(has(&answer, "consultation_topic", "required"), "{answer:#}");

    let mut short = valid_body("PC-SHORT");
    let today = to_jst(&Utc::now()).date_naive();
    short["contract"]["proactive_care_end"] = iso(today + Days::new(3)).into();
    let answer = invalid(server.submit(&client, &short).await).await;
    assert!(
        has(
            &answer,
            "contract.proactive_care_end",
            "no_work_date_possible"
        ),
        "{answer:#}"
    );
    assert_eq!(server.stored_count().await, 0);
    server.shutdown().await;
}
