//! Surviving the death of the process: while a client submits in a loop, the server is killed
//! with SIGKILL and restarted on the same database. Every request answered with 201 is there;
//! retrying the unanswered ones with their idempotency keys stores each exactly once. Then the
//! operators' export reads the same rows.
//!
//! What this shows, and no more: nothing acknowledged is lost or doubled when the *process*
//! dies at any moment. The operating system survives a SIGKILL and keeps its page cache, so
//! data written but not yet on the disk survives it too; this test cannot tell a commit that
//! reached the disk from one that reached only the cache. Survival of a power cut or a kernel
//! crash rests on SQLite's `synchronous=FULL` (an fsync of the WAL at every commit, before the
//! 201) and on the disk honouring it; no test here cuts the power.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_fwportal");

fn start(database: &Path, dist: &Path) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--rate-burst", "100000"])
        // Every accepted request is read back, from one address.
        .args(["--lookup-burst", "100000"])
        .arg("--database")
        .arg(database)
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start fwportal");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.split("ready at ").nth(1) {
                let _ = tx.send(url.trim().trim_end_matches('/').to_owned());
            }
        }
    });
    let base = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("server ready");
    (child, base)
}

struct Attempt {
    key: String,
    body: Value,
    answer: Option<Value>,
}

async fn send(client: &reqwest::Client, base: &str, attempt: &Attempt) -> Option<Value> {
    let response = client
        .post(format!("{base}/api/requests"))
        .header("idempotency-key", &attempt.key)
        .json(&attempt.body)
        .send()
        .await
        .ok()?;
    assert_eq!(
        response.status(),
        reqwest::StatusCode::CREATED,
        "{:?}",
        response.text().await
    );
    response.json().await.ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_accepted_request_and_retries_store_each_once() {
    let dir = TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    let (mut server, base) = start(&database, &dist);
    let mut attempts: Vec<Attempt> = Vec::new();
    let started = Instant::now();
    // Kill the server from another thread while the loop runs.
    let pid = server.id();
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    });
    let mut failures_after_kill = 0;
    while started.elapsed() < Duration::from_secs(10) && failures_after_kill < 3 {
        let n = attempts.len();
        let mut attempt = Attempt {
            key: uuid::Uuid::new_v4().to_string(),
            body: common::valid_body(&format!("PC-CRASH-{n}")),
            answer: None,
        };
        attempt.answer = send(&client, &base, &attempt).await;
        if attempt.answer.is_none() {
            failures_after_kill += 1;
        }
        attempts.push(attempt);
    }
    killer.join().unwrap();
    let _ = server.wait();
    let answered = attempts.iter().filter(|a| a.answer.is_some()).count();
    assert!(answered > 0, "some requests were accepted before the kill");
    assert!(failures_after_kill > 0, "the kill happened during the loop");

    let (mut server, base) = start(&database, &dist);
    for attempt in &attempts {
        if let Some(answer) = &attempt.answer {
            let reference = answer["reference"].as_str().unwrap();
            let token = answer["access_token"].as_str().unwrap();
            let stored = client
                .get(format!("{base}/api/requests/{reference}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(
                stored.status(),
                reqwest::StatusCode::OK,
                "{reference} survived"
            );
        }
    }
    // The client retries what it never heard back about, with the same keys.
    for attempt in attempts.iter_mut().filter(|a| a.answer.is_none()) {
        attempt.answer = send(&client, &base, attempt).await;
        assert!(
            attempt.answer.is_some(),
            "a retry after the restart is answered"
        );
    }
    let _ = server.kill();
    let _ = server.wait();

    let export = Command::new(BIN)
        .args(["requests", "export", "--format", "json", "--database"])
        .arg(&database)
        .output()
        .unwrap();
    assert!(export.status.success());
    let rows: Vec<Value> = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(
        rows.len(),
        attempts.len(),
        "each attempt stored exactly once"
    );
    let mut contracts: Vec<&str> = rows
        .iter()
        .map(|r| r["request"]["contract"]["number"].as_str().unwrap())
        .collect();
    contracts.sort();
    contracts.dedup();
    assert_eq!(contracts.len(), attempts.len(), "no contract twice");
    eprintln!(
        "crash test: {} attempts, {answered} answered before SIGKILL, {} retried after restart",
        attempts.len(),
        attempts.len() - answered
    );

    let csv = Command::new(BIN)
        .args(["requests", "export", "--format", "csv", "--database"])
        .arg(&database)
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.starts_with('\u{FEFF}'),
        "CSV starts with the BOM for Excel"
    );
    assert_eq!(
        text.matches("\r\n").count(),
        attempts.len() + 1,
        "header and one row each"
    );
    assert!(text.contains("株式会社サンプル"));

    let list = Command::new(BIN)
        .args(["requests", "list", "--database"])
        .arg(&database)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(list.stdout).unwrap().lines().count(),
        attempts.len()
    );

    let missing = Command::new(BIN)
        .args(["requests", "list", "--database", "/nonexistent/portal.db"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
