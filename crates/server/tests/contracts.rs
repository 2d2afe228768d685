//! The contract registry (issue 15): `fwportal contracts import` with and without `--dry-run`,
//! the registry deciding submissions (R4, R6, R7), the operator's setting for unknown contract
//! numbers, and the desk's audited correction.

mod common;
mod desk_support;

use std::path::Path;
use std::process::{Command, Output};

use common::{config, valid_body, TestServer};
use desk_support::{add_staff, audit_rows, sign_in};
use fwportal_core::registry::UnknownContracts;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;

fn fwportal(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(args)
        .arg("--database")
        .arg(database)
        .output()
        .expect("run fwportal")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The terms `valid_body` states for a contract, as a registry line.
fn line_of(body: &Value, number: &str, customer: &str) -> String {
    let c = &body["contract"];
    format!(
        "{number},{customer},{},{},{},{},{}\n",
        c["support_level"].as_str().unwrap(),
        c["proactive_care_start"].as_str().unwrap(),
        c["proactive_care_end"].as_str().unwrap(),
        c["option_start"].as_str().unwrap(),
        c["option_end"].as_str().unwrap()
    )
}

const HEADER: &str =
    "contract_number,customer,support_level,proactive_care_start,proactive_care_end,option_start,option_end\n";

async fn count_contracts(database: &Path) -> i64 {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", database.display()))
        .await
        .unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contracts")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn import_reports_what_it_adds_and_changes_and_a_dry_run_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let body = valid_body("PC-A");
    let file = dir.path().join("contracts.csv");
    // Excel's BOM, columns in another order are not needed: the header names them.
    let csv = format!(
        "\u{FEFF}{HEADER}{}{}",
        line_of(&body, "pc-a", "株式会社サンプル"),
        line_of(&body, "PC-B", "Example K.K.")
    );
    std::fs::write(&file, csv).unwrap();
    let file_arg = file.to_str().unwrap();

    let dry = fwportal(&database, &["contracts", "import", file_arg, "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(text(&dry).contains("would add 2"), "{}", text(&dry));
    assert_eq!(
        count_contracts(&database).await,
        0,
        "a dry run writes nothing"
    );

    let real = fwportal(&database, &["contracts", "import", file_arg]);
    assert!(real.status.success(), "{}", text(&real));
    let out = text(&real);
    assert!(out.contains("add      line 2: PC-A"), "{out}");
    assert!(out.contains("added 2, changed 0, unchanged 0"), "{out}");
    assert_eq!(count_contracts(&database).await, 2);

    // The same file again changes nothing; a new customer name is reported as a change.
    let again = fwportal(&database, &["contracts", "import", file_arg]);
    assert!(
        text(&again).contains("added 0, changed 0, unchanged 2"),
        "{}",
        text(&again)
    );
    std::fs::write(
        &file,
        format!(
            "{HEADER}{}",
            line_of(&body, "PC-A", "株式会社サンプル東日本")
        ),
    )
    .unwrap();
    let changed = fwportal(&database, &["contracts", "import", file_arg]);
    let out = text(&changed);
    assert!(out.contains("change   line 2: PC-A"), "{out}");
    assert!(
        out.contains("customer: 株式会社サンプル → 株式会社サンプル東日本"),
        "{out}"
    );

    // Every import is in the audit log, by the operator.
    let rows = audit_rows(&database).await;
    let imported = rows.iter().filter(|r| r.1 == "contract_imported").count();
    assert_eq!(imported, 3, "{rows:?}");
}

#[tokio::test]
async fn a_file_with_a_bad_line_imports_nothing_and_names_each_problem() {
    let dir = TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let body = valid_body("PC-A");
    let file = dir.path().join("contracts.csv");
    let csv = format!(
        "{HEADER}{}PC B,,gold,2026-04-01,2025-03-31,2026-13-01,2027-03-31\n{}",
        line_of(&body, "PC-A", "Good"),
        line_of(&body, "PC-A", "Twice")
    );
    std::fs::write(&file, csv).unwrap();
    let output = fwportal(&database, &["contracts", "import", file.to_str().unwrap()]);
    assert!(!output.status.success());
    let out = text(&output);
    for expected in [
        "line 3: contract_number",
        "line 3: customer",
        "line 3: support_level",
        "line 3: proactive_care_end",
        "line 3: option_start",
        "line 4: contract PC-A is also on line 2",
        "nothing was imported",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in {out}");
    }
    // Checked before the database is even opened.
    assert!(!database.exists());
}

#[tokio::test]
async fn the_registry_decides_and_unknown_numbers_follow_the_operators_setting() {
    let dir = TempDir::new().unwrap();
    let mut settings = config(dir.path());
    settings.unknown_contracts = UnknownContracts::Refuse;
    let database = settings.database.clone();
    let body = valid_body("PC-REG");
    // The registry is loaded before the portal starts (the CLI migrates the new file).
    let file = dir.path().join("contracts.csv");
    std::fs::write(
        &file,
        format!("{HEADER}{}", line_of(&body, "PC-REG", "Registered")),
    )
    .unwrap();
    let output = fwportal(&database, &["contracts", "import", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output));

    let server = TestServer::start_with(settings).await;
    let client = reqwest::Client::new();

    // A number the registry does not know: refused, asking to contact the desk (R6).
    let response = server.submit(&client, &valid_body("PC-NOT-KNOWN")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal: Value = response.json().await.unwrap();
    let problem = &refusal["problems"][0];
    assert_eq!(problem["code"], "contract_unknown", "{refusal:#}");
    assert_eq!(problem["field"], "contract.number");
    assert!(problem["message_ja"]
        .as_str()
        .unwrap()
        .contains("サポート窓口"));

    // Terms other than the registry's: refused on the fields, without the registry's values.
    let mut other = valid_body("PC-REG");
    other["contract"]["option_end"] = json!("2099-03-31");
    let response = server.submit(&client, &other).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = response.text().await.unwrap();
    assert!(text.contains("contract_mismatch"), "{text}");
    assert!(
        !text.contains(body["contract"]["option_end"].as_str().unwrap()),
        "{text}"
    );

    // The registry's own terms: accepted.
    let response = server.submit(&client, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    server.shutdown().await;

    // R4: with update work booked, the option start (which counts its years) cannot move.
    let mut moved = body.clone();
    moved["contract"]["option_start"] = json!("2000-01-01");
    std::fs::write(
        &file,
        format!("{HEADER}{}", line_of(&moved, "PC-REG", "Registered")),
    )
    .unwrap();
    let output = fwportal(&database, &["contracts", "import", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        text_of(&output).contains("cannot move"),
        "{}",
        text_of(&output)
    );
}

/// The reference of the one request in the queue.
async fn response_reference(
    client: &reqwest::Client,
    server: &TestServer,
    desk: &desk_support::Desk,
) -> String {
    let _ = server;
    let queue: Value = desk
        .get(client, "/api/desk/requests")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    queue["items"][0]["reference"].as_str().unwrap().to_owned()
}

fn text_of(output: &Output) -> String {
    text(output)
}

#[tokio::test]
async fn unknown_numbers_are_accepted_by_default_and_the_desk_confirms_them() {
    let dir = TempDir::new().unwrap();
    let settings = config(dir.path());
    let database = settings.database.clone();
    let server = TestServer::start_with(settings).await;
    let client = reqwest::Client::new();
    let body = valid_body("PC-NEW");
    let response = server.submit(&client, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let uri = add_staff(&database, "desk@example.co.jp", "窓口 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let shown: Value = desk
        .get(&client, "/api/desk/contracts/pc-new")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Filed from the request: flagged for the desk to confirm, on the request's page too, with
    // the company the customer wrote.
    assert_eq!(shown["source"], "request", "{shown:#}");
    assert_eq!(
        shown["contract"]["customer"], "株式会社サンプル",
        "{shown:#}"
    );
    let reference = response_reference(&client, &server, &desk).await;
    let detail = desk.request(&client, &reference).await;
    assert_eq!(detail["contract"]["source"], "request", "{detail:#}");

    let mut corrected = shown["contract"].clone();
    corrected["customer"] = json!("株式会社ニュー");
    let put = |value: Value, csrf: bool| {
        let mut request = client
            .put(server.url("/api/desk/contracts/PC-NEW"))
            .header("cookie", &desk.cookie)
            .header("origin", &desk.base)
            .json(&value);
        if csrf {
            request = request.header("x-csrf-token", &desk.csrf);
        }
        request.send()
    };
    // Without the CSRF token: refused.
    assert_eq!(
        put(corrected.clone(), false).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // Wrong terms: every problem, nothing written.
    let mut wrong = corrected.clone();
    wrong["option_end"] = json!("2000-01-01");
    wrong["support_level"] = json!("gold");
    let response = put(wrong, true).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Confirmed.
    let response = put(corrected, true).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["source"], "registry");
    assert_eq!(view["contract"]["customer"], "株式会社ニュー");

    let rows = audit_rows(&database).await;
    let correction = rows
        .iter()
        .find(|r| r.1 == "contract_corrected")
        .expect("the correction is audited");
    assert_eq!(correction.0, "desk@example.co.jp");
    assert_eq!(correction.2, "PC-NEW");
    server.shutdown().await;
}
