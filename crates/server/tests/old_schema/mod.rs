//! Databases as earlier versions of the portal left them: only the first migration applied,
//! with requests stored the way that version stored them. For the tests of later migrations
//! and of the operators' read-only commands.

#![allow(dead_code)] // each test binary uses a different part

use std::borrow::Cow;
use std::path::Path;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Utc};
use fwportal_core::calendar::to_jst;
use fwportal_core::eligibility::contract_year;
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{Connection, SqliteConnection};

async fn open(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::from_str("sqlite:")
        .unwrap()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal);
    SqliteConnection::connect_with(&options).await.unwrap()
}

/// Creates `path` with the first migration (0001) applied and recorded, and nothing after.
pub async fn database_at_first_migration(path: &Path) {
    let mut migrator = sqlx::migrate!("./migrations");
    let first: Vec<_> = migrator.migrations.iter().take(1).cloned().collect();
    assert_eq!(first[0].version, 1);
    migrator.migrations = Cow::Owned(first);
    let mut conn = open(path).await;
    migrator.run(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

/// The versions of the migrations recorded in `path`.
pub async fn applied_migrations(path: &Path) -> Vec<i64> {
    let mut conn = open(path).await;
    let versions = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    versions
}

/// Records a migration this build does not know, as a newer portal would have.
pub async fn record_unknown_migration(path: &Path, version: i64) {
    let mut conn = open(path).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (?1, 'from a newer portal', TRUE, X'00', 0)",
    )
    .bind(version)
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
}

/// Stores an update-work request the way the first version did: `body` (a valid request in
/// its normal form) as the payload, the contract year counted from the body's option start.
pub async fn insert_request_at_first_migration(path: &Path, body: &Value, work_date: NaiveDate) {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut body = body.clone();
    body["work_date"] = day(work_date).into();
    let option_start = NaiveDate::parse_from_str(
        body["contract"]["option_start"].as_str().unwrap(),
        "%Y-%m-%d",
    )
    .unwrap();
    let year = contract_year(option_start, work_date).unwrap();
    let received = to_jst(&Utc::now()).year();
    let mut conn = open(path).await;
    let sequence: i64 = sqlx::query_scalar(
        "INSERT INTO reference_counters (year, last) VALUES (?1, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
    )
    .bind(received)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO requests (reference, kind, contract_number, work_date, contract_year_start,
                               status, received_at, received_on, access_token_hash, payload)
         VALUES (?7, 'update_work', ?1, ?2, ?3, 'received', ?4, ?5, X'00', ?6)",
    )
    .bind(body["contract"]["number"].as_str().unwrap())
    .bind(day(work_date))
    .bind(day(year.first_day))
    .bind(Utc::now().to_rfc3339())
    .bind(day(Utc::now().date_naive()))
    .bind(body.to_string())
    .bind(format!("FWU-{received}-{sequence:06}"))
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
}
