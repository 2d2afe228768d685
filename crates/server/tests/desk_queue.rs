//! The desk's queue: filters, urgency order, counts and paging over real HTTP, and the query
//! plans that keep it fast with 100,000 requests (every filter served by an index).

mod common;
mod desk_support;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use common::{config, TestServer};
use desk_support::{add_staff, sign_in};
use fwportal_core::lifecycle::Status;
use fwportal_core::request::RequestKind;
use fwportal_server::db;
use fwportal_server::http::desk::queue::{push_filters, Filters, URGENCY};
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use tempfile::TempDir;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct Seed {
    contract: &'static str,
    kind: &'static str,
    work_date: Option<&'static str>,
    status: &'static str,
    /// Hours after 2027-01-04 00:00 UTC.
    received_hour: u32,
    serial: &'static str,
}

/// Submits each seed through the intake API (so every rule and trigger of the database holds),
/// then sets the columns the test is about (status, work date, receipt time) directly.
async fn seed(server: &TestServer, seeds: &[Seed]) -> Vec<String> {
    let client = reqwest::Client::new();
    let mut references = Vec::new();
    for s in seeds {
        let mut body = common::valid_body(s.contract);
        body["kind"] = s.kind.into();
        body["servers"][0]["serial_number"] = s.serial.into();
        body["contact"]["company"] = format!("会社 {}", s.contract).into();
        if s.kind == "version_consultation" {
            body["consultation_topic"] = "SPP の選び方".into();
        }
        let response = server.submit(&client, &body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{}", s.contract);
        let created: Value = response.json().await.unwrap();
        references.push(created["reference"].as_str().unwrap().to_owned());
    }
    let pool = db::connect(&server.database).await.unwrap();
    for (s, reference) in seeds.iter().zip(&references) {
        let received_at = Utc.with_ymd_and_hms(2027, 1, 4, 0, 0, 0).unwrap()
            + chrono::TimeDelta::hours(i64::from(s.received_hour));
        sqlx::query(
            "UPDATE requests SET status = ?1, work_date = ?2, received_at = ?3 WHERE reference = ?4",
        )
        .bind(s.status)
        .bind(s.work_date)
        .bind(db::timestamp(received_at))
        .bind(reference)
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;
    references
}

#[tokio::test]
async fn the_queue_filters_sorts_by_urgency_counts_and_pages() {
    let dir = TempDir::new().unwrap();
    let mut config = config(dir.path());
    config.desk.desk_sign_in_burst = 10_000;
    let server = TestServer::start_with(config).await;
    let refs = seed(
        &server,
        &[
            Seed {
                contract: "PC-A",
                kind: "update_work",
                work_date: Some("2027-03-10"),
                status: "received",
                received_hour: 1,
                serial: "SGH100A001",
            },
            Seed {
                contract: "PC-B",
                kind: "update_work",
                work_date: Some("2027-02-20"),
                status: "in_review",
                received_hour: 2,
                serial: "SGH100B001",
            },
            Seed {
                contract: "PC-C",
                kind: "version_consultation",
                work_date: None,
                status: "received",
                received_hour: 3,
                serial: "SGH100C001",
            },
            Seed {
                contract: "PC-D",
                kind: "update_work",
                work_date: Some("2027-02-20"),
                status: "received",
                received_hour: 0,
                serial: "SGH100D001",
            },
            Seed {
                contract: "PC-E",
                kind: "version_consultation",
                work_date: None,
                status: "answered",
                received_hour: 30,
                serial: "SGH100E001",
            },
            Seed {
                contract: "PC-F",
                kind: "update_work",
                work_date: Some("2027-04-01"),
                status: "cancelled",
                received_hour: 50,
                serial: "SGH100A001",
            },
        ],
    )
    .await;
    let client = reqwest::Client::new();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let get = |query: &str| {
        let request = desk.get(&client, &format!("/api/desk/requests{query}"));
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let references = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["reference"].as_str().unwrap().to_owned())
            .collect()
    };
    let r = |n: usize| refs[n].clone();

    // Urgency: work date, then receipt; consultations last, by receipt.
    let (status, all) = get("").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(references(&all), [r(3), r(1), r(0), r(5), r(2), r(4)]);
    assert_eq!(all["total"], 6);
    assert_eq!(all["counts"]["received"], 3);
    assert_eq!(all["counts"]["in_review"], 1);
    assert_eq!(all["counts"]["closed"], 0);
    assert_eq!(all["items"][0]["company"], "会社 PC-D");
    assert!(all["items"][0]["deadline"].is_string());
    assert!(all["items"][4]["deadline"].is_null());

    // Status filter: the counts keep every status (they are the tabs).
    let (_, received) = get("?status=received").await;
    assert_eq!(references(&received), [r(3), r(0), r(2)]);
    assert_eq!(received["total"], 3);
    assert_eq!(received["counts"]["in_review"], 1);
    let (_, two) = get("?status=received,in_review&kind=update_work").await;
    assert_eq!(references(&two), [r(3), r(1), r(0)]);

    for (query, expected) in [
        ("?kind=version_consultation", vec![r(2), r(4)]),
        ("?work_from=2027-03-01&work_to=2027-04-01", vec![r(0), r(5)]),
        // 2027-01-05 in Japan is 2027-01-04T15:00Z to 2027-01-05T15:00Z.
        (
            "?received_from=2027-01-05&received_to=2027-01-05",
            vec![r(4)],
        ),
        ("?contract=pc-b", vec![r(1)]),
        (
            &format!("?reference={}", refs[2].to_lowercase()),
            vec![r(2)],
        ),
        ("?serial=sgh100a001", vec![r(0), r(5)]),
        ("?serial=SGH100A001&status=cancelled", vec![r(5)]),
    ] {
        let (status, page) = get(query).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert_eq!(references(&page), expected, "{query}");
    }

    // Paging.
    let (_, second) = get("?per_page=4&page=2").await;
    assert_eq!(references(&second), [r(2), r(4)]);
    assert_eq!(second["total"], 6);
    assert_eq!(second["page"], 2);

    // Unreadable filters: every problem at once, in the intake's 422 shape.
    let (status, body) = get("?status=done&work_from=2027-13-01&per_page=500&kind=x").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["status", "kind", "work_from", "per_page"]);
    server.shutdown().await;
}

async fn plan(pool: &SqlitePool, filters: &Filters) -> Vec<String> {
    let mut query: QueryBuilder<'_, Sqlite> =
        QueryBuilder::new("EXPLAIN QUERY PLAN SELECT id FROM requests");
    push_filters(&mut query, filters, true);
    query.push(" ORDER BY ").push(URGENCY).push(" LIMIT 50");
    query
        .build()
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>("detail"))
        .collect()
}

#[tokio::test]
async fn every_queue_filter_is_served_by_an_index() {
    let dir = TempDir::new().unwrap();
    let pool = db::connect(&dir.path().join("plan.db")).await.unwrap();
    let at = Utc.with_ymd_and_hms(2027, 1, 4, 0, 0, 0).unwrap();
    let cases: Vec<(&str, Filters, &str)> = vec![
        ("none", Filters::default(), "requests_queue"),
        (
            "status",
            Filters {
                statuses: vec![Status::Received],
                ..Filters::default()
            },
            "requests_by_status",
        ),
        (
            "kind",
            Filters {
                kind: Some(RequestKind::VersionConsultation),
                ..Filters::default()
            },
            "requests_by_kind",
        ),
        (
            "received",
            Filters {
                received_from: Some(at),
                received_before: Some(at + Days::new(7)),
                ..Filters::default()
            },
            "requests_by_received",
        ),
        (
            "work date",
            Filters {
                work_from: Some(day("2027-02-01")),
                work_to: Some(day("2027-02-28")),
                ..Filters::default()
            },
            "requests_by_work_date",
        ),
        (
            "contract",
            Filters {
                contract: Some("PC-1".into()),
                ..Filters::default()
            },
            "requests_by_contract",
        ),
        (
            "reference",
            Filters {
                reference: Some("FWU-2027-000001".into()),
                ..Filters::default()
            },
            "sqlite_autoindex_requests",
        ),
        (
            "serial",
            Filters {
                serial: Some("SGH100A001".into()),
                ..Filters::default()
            },
            "request_serials_by_serial",
        ),
    ];
    for (name, filters, index) in cases {
        let plan = plan(&pool, &filters).await;
        assert!(
            plan.iter().any(|step| step.contains(index)),
            "{name}: {index} not used: {plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step == "SCAN requests"),
            "{name}: full scan: {plan:?}"
        );
    }
    // The unfiltered queue reads in index order: no sort of every request.
    let unfiltered = plan(&pool, &Filters::default()).await;
    assert!(
        !unfiltered.iter().any(|step| step.contains("TEMP B-TREE")),
        "{unfiltered:?}"
    );
    pool.close().await;
}
