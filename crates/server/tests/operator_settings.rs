//! The operator's settings reach the words of the API (R1, R5): with `notice-days 10` and
//! `cutoff 16:00` in the calendar file, the server hands those settings to the app and its
//! `422` states 10 business days and 16:00 — never the contract's defaults, 15 and 17:30.

mod common;

use common::{config, too_soon_work_date, valid_body, TestServer};
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

#[tokio::test]
async fn r5_the_refusal_states_the_notice_and_cutoff_of_the_calendar_file() {
    let dir = TempDir::new().unwrap();
    let calendar = dir.path().join("calendar.conf");
    std::fs::write(
        &calendar,
        "notice-days 10\ncutoff 16:00\ndesk-hours 09:00-16:00\n",
    )
    .unwrap();
    let mut serve = config(dir.path());
    serve.calendar = Some(calendar);
    let server = TestServer::start_with(serve).await;
    let client = reqwest::Client::new();

    let config: Value = client
        .get(server.url("/api/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let settings = &config["calendar"]["settings"];
    assert_eq!(settings["notice_business_days"], 10, "{config}");
    assert_eq!(settings["cutoff"], "16:00:00", "{config}");

    let mut body = valid_body("PC-1010");
    body["work_date"] = too_soon_work_date().to_string().into();
    let response = server.submit(&client, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answer: Value = response.json().await.unwrap();
    let problem = answer["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"] == "work_date")
        .unwrap_or_else(|| panic!("no work_date problem: {answer}"));
    assert_eq!(problem["code"], "notice_not_met");
    let (ja, en) = (
        problem["message_ja"].as_str().unwrap(),
        problem["message_en"].as_str().unwrap(),
    );
    assert!(
        ja.contains("10営業日前") && ja.contains("16:00以降"),
        "{ja}"
    );
    assert!(
        en.contains("10 business days") && en.contains("16:00"),
        "{en}"
    );
    for default in ["15営業日", "15 business days", "17:30"] {
        assert!(
            !ja.contains(default) && !en.contains(default),
            "{default}: {ja} / {en}"
        );
    }
    server.shutdown().await;
}
