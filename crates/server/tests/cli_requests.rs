//! `fwportal requests list|export`, the operators' commands, against database files: they
//! open the file read-only (no migration on a live file, whatever its schema version), say
//! clearly when there is no database, and defuse formulas in the CSV, full-width ones too.

mod common;
mod old_schema;

use std::path::Path;
use std::process::{Command, Output};

use common::{good_work_date, valid_body, TestServer};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_fwportal");

fn requests(args: &[&str], database: &Path) -> Output {
    Command::new(BIN)
        .arg("requests")
        .args(args)
        .arg("--database")
        .arg(database)
        .output()
        .expect("run fwportal")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// An older database (only the first migration): listing and exporting it applies nothing.
#[tokio::test]
async fn list_and_export_do_not_migrate_the_database() {
    let dir = TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    old_schema::database_at_first_migration(&database).await;
    old_schema::insert_request_at_first_migration(
        &database,
        &valid_body("PC-LIVE"),
        good_work_date(),
    )
    .await;

    let list = stdout(&requests(&["list"], &database));
    assert_eq!(list.lines().count(), 1, "{list}");
    assert!(list.contains("PC-LIVE"), "{list}");
    let csv = stdout(&requests(&["export", "--format", "csv"], &database));
    assert!(csv.contains("PC-LIVE"), "{csv}");
    assert_eq!(
        old_schema::applied_migrations(&database).await,
        [1],
        "no migration ran"
    );
}

/// A database a newer portal has migrated further: the older command still reads it (it
/// used to refuse, having tried to migrate it).
#[tokio::test]
async fn list_and_export_read_a_database_of_a_newer_schema() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    assert_eq!(
        server
            .submit(&client, &valid_body("PC-NEWER"))
            .await
            .status(),
        reqwest::StatusCode::CREATED
    );
    let database = server.database.clone();
    server.shutdown().await;
    old_schema::record_unknown_migration(&database, 99_990_001).await;

    let list = stdout(&requests(&["list"], &database));
    assert!(list.contains("PC-NEWER"), "{list}");
    let json = stdout(&requests(&["export", "--format", "json"], &database));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 1);
}

#[test]
fn a_missing_database_or_another_file_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nothing-here.db");
    for args in [&["list"][..], &["export", "--format", "csv"][..]] {
        let output = requests(args, &missing);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("no database at"), "{message}");
        assert!(message.contains("nothing-here.db"), "{message}");
    }
    assert!(!missing.exists(), "nothing was created");

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let output = requests(&["list"], &empty);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("not a portal database"), "{message}");
}

/// Excel evaluates a cell that starts with `=`, `+`, `-`, `@` in their full-width forms too.
#[tokio::test]
async fn the_csv_export_defuses_full_width_formula_starters() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let mut body = valid_body("PC-CSV");
    body["notes"] = "＝HYPERLINK(\"http://evil.example\",\"詳細\")".into();
    body["contact"]["company"] = "＠株式会社サンプル".into();
    body["site_address"] = "－1 東京都".into();
    body["target_version"] = "＋SPP".into();
    assert_eq!(
        server.submit(&client, &body).await.status(),
        reqwest::StatusCode::CREATED
    );
    let database = server.database.clone();
    server.shutdown().await;

    let csv = stdout(&requests(&["export", "--format", "csv"], &database));
    // Read back with a real CSV reader: each cell starts with the defusing quote.
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!(
        cell("notes"),
        "'＝HYPERLINK(\"http://evil.example\",\"詳細\")"
    );
    assert_eq!(cell("company"), "'＠株式会社サンプル");
    assert_eq!(cell("site_address"), "'－1 東京都");
    assert_eq!(cell("target_version"), "'＋SPP");
}
