//! Mail over real SMTP (issue 16): the outbox's sender delivers to a receiver on loopback
//! (tests/smtp_support), the messages read back with an independent MIME parser. The receipt
//! carries the reference and the preparation list (Markdown and .ics) and never the access key;
//! a desk message becomes a mail; with the receiver down the mail is retried and delivered when
//! it comes back; a server killed after the commit and before sending delivers after restart.

mod common;
mod desk_support;
mod smtp_support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{config, valid_body, TestServer};
use desk_support::{add_staff, sign_in};
use mail_parser::MimeHeaders;
use reqwest::StatusCode;
use serde_json::{json, Value};
use smtp_support::{free_port, Receiver};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_fwportal");
const WAIT: Duration = Duration::from_secs(20);

fn mail_config(dir: &TempDir, smtp: std::net::SocketAddr) -> fwportal_server::config::ServeConfig {
    let mut config = config(dir.path());
    config.desk.desk_sign_in_burst = 10_000;
    config.mail.smtp_url = Some(format!("smtp://{smtp}"));
    config.mail.mail_from = Some("Firmware portal <portal@example.co.jp>".into());
    config.mail.desk_mailbox = Some("desk@example.co.jp".into());
    config.mail.mail_retry_secs = 1;
    config
}

async fn submit(client: &reqwest::Client, base: &str, contract: &str, lang: &str) -> Value {
    let response = client
        .post(format!("{base}/api/requests"))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .header("content-language", lang)
        .json(&valid_body(contract))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

/// (id, kind, attempts, last_error, sent) of every outbox row.
async fn rows(database: &Path) -> Vec<(i64, String, i64, Option<String>, bool)> {
    let pool = fwportal_server::db::connect(database).await.unwrap();
    let rows = sqlx::query_as(
        "SELECT id, kind, attempts, last_error, sent_at IS NOT NULL FROM outbox ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    rows
}

#[tokio::test]
async fn the_receipt_and_a_desk_message_arrive_over_smtp_without_the_key() {
    let dir = TempDir::new().unwrap();
    let receiver = Receiver::start().await;
    let server = TestServer::start_with(mail_config(&dir, receiver.addr)).await;
    let client = reqwest::Client::new();
    let created = submit(&client, &server.base, "PC-SMTP-1", "en").await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["access_token"].as_str().unwrap();

    let mails = receiver.wait_for(2, WAIT).await;
    let receipt = &mails[0];
    assert_eq!(receipt.from, "portal@example.co.jp");
    assert_eq!(receipt.to, ["yamada@example.co.jp"]);
    assert!(
        !receipt.text().contains(token),
        "the receipt carries no access key"
    );
    let parsed = receipt.parsed();
    assert_eq!(
        parsed.subject().unwrap(),
        format!("Received: Firmware Update Option request {reference}")
    );
    let message_id = parsed.message_id().unwrap().to_owned();
    assert!(
        message_id.starts_with("outbox-1-") && message_id.ends_with("@example.co.jp"),
        "{message_id}"
    );
    let body = parsed.body_text(0).unwrap();
    assert!(
        body.contains(&format!("Reference: {reference}")) && body.contains("/status"),
        "{body}"
    );
    let attachments: Vec<(String, String)> = parsed
        .attachments()
        .map(|a| {
            (
                a.attachment_name().unwrap().to_owned(),
                String::from_utf8(a.contents().to_vec()).unwrap(),
            )
        })
        .collect();
    assert_eq!(attachments.len(), 2, "{attachments:?}");
    assert_eq!(attachments[0].0, format!("{reference}-preparation.md"));
    assert!(attachments[0].1.contains("- [ ] "), "a Markdown checklist");
    assert_eq!(attachments[1].0, format!("{reference}-preparation.ics"));
    assert!(attachments[1].1.starts_with("BEGIN:VCALENDAR"));
    assert!(attachments
        .iter()
        .all(|(_, content)| !content.contains(token)));

    let to_desk = &mails[1];
    assert_eq!(to_desk.to, ["desk@example.co.jp"]);
    assert!(to_desk.parsed().subject().unwrap().contains(reference));

    // The desk writes: the customer gets a mail with the text, in English, without the key.
    let uri = add_staff(
        &server.database,
        "hanako@example.co.jp",
        "受付 花子",
        "desk",
    );
    let desk = sign_in(&client, &server, "hanako@example.co.jp", &uri).await;
    let sent = desk
        .post(&client, &format!("/api/desk/requests/{reference}/messages"))
        .json(&json!({"body": "Which iLO version do the servers run now?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    let mails = receiver.wait_for(3, WAIT).await;
    let message = &mails[2];
    assert_eq!(message.to, ["yamada@example.co.jp"]);
    let parsed = message.parsed();
    assert!(parsed.subject().unwrap().starts_with("New message:"));
    assert!(parsed
        .body_text(0)
        .unwrap()
        .contains("Which iLO version do the servers run now?"));
    assert!(!message.text().contains(token));
    // Every row is marked sent once.
    assert!(
        rows(&server.database).await.iter().all(|r| r.4 && r.2 == 1),
        "{:?}",
        rows(&server.database).await
    );
    server.shutdown().await;
}

#[tokio::test]
async fn with_the_receiver_down_mail_is_retried_and_delivered_when_it_comes_back() {
    let dir = TempDir::new().unwrap();
    let port = free_port().await;
    let server = TestServer::start_with(mail_config(&dir, port)).await;
    let client = reqwest::Client::new();
    let created = submit(&client, &server.base, "PC-SMTP-2", "ja").await;
    let reference = created["reference"].as_str().unwrap().to_owned();

    // The first attempts fail and are recorded; nothing is marked sent.
    let until = Instant::now() + WAIT;
    loop {
        let now = rows(&server.database).await;
        if now.iter().all(|r| r.2 >= 1 && r.3.is_some()) {
            assert!(now.iter().all(|r| !r.4));
            break;
        }
        assert!(
            Instant::now() < until,
            "no failed attempt recorded: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let receiver = Receiver::start_on(port, Default::default()).await;
    let mails = receiver.wait_for(2, WAIT).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mails_later = receiver.mails();
    assert_eq!(mails_later.len(), 2, "each mail once");
    let receipt = mails[0].parsed();
    assert_eq!(
        receipt.subject().unwrap(),
        format!("【受付】ファームウェアアップデートオプション {reference}")
    );
    let after = rows(&server.database).await;
    assert!(
        after.iter().all(|r| r.4 && r.3.is_none() && r.2 >= 2),
        "{after:?}"
    );
    server.shutdown().await;
}

fn start_binary(
    database: &Path,
    dist: &Path,
    smtp: Option<std::net::SocketAddr>,
) -> (Child, String) {
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .arg("--database")
        .arg(database)
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", "warn")
        .env_remove("FWPORTAL_SMTP_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(smtp) = smtp {
        command.args([
            "--smtp-url",
            &format!("smtp://{smtp}"),
            "--mail-from",
            "portal@example.co.jp",
            "--desk-mailbox",
            "desk@example.co.jp",
            "--mail-retry-secs",
            "1",
        ]);
    }
    let mut child = command.spawn().expect("start fwportal");
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

fn outbox_cli(database: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("outbox")
        .args(args)
        .arg("--database")
        .arg(database)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_server_killed_after_the_commit_delivers_after_restart() {
    let dir = TempDir::new().unwrap();
    common::fixture_dist(dir.path());
    let dist = dir.path().join("dist");
    let database = dir.path().join("portal.db");
    let client = reqwest::Client::new();

    // Without SMTP the mail is committed with the request and waits; the server warns once.
    let (mut first, base) = start_binary(&database, &dist, None);
    let created = submit(&client, &base, "PC-SMTP-3", "en").await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    first.kill().unwrap(); // SIGKILL: no chance to send or to tidy up
    first.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(first.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert_eq!(stderr.matches("mail stays queued").count(), 1, "{stderr}");

    let listed = outbox_cli(&database, &["list"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(
        lines[0].contains("queued\treceipt\tyamada@example.co.jp"),
        "{listed}"
    );
    assert!(
        lines[1].contains("queued\tdesk_new_request\t(desk mailbox)"),
        "{listed}"
    );
    assert_eq!(outbox_cli(&database, &["retry"]), "2 mail(s) due now\n");

    let receiver = Receiver::start().await;
    let (mut second, _) = start_binary(&database, &dist, Some(receiver.addr));
    let mails = receiver.wait_for(2, WAIT).await;
    assert!(mails[0].parsed().subject().unwrap().contains(&reference));
    assert_eq!(mails[0].to, ["yamada@example.co.jp"]);
    assert_eq!(mails[1].to, ["desk@example.co.jp"]);
    // Marked sent: the list of queued mail is empty, the full list shows them sent.
    let until = Instant::now() + WAIT;
    while !outbox_cli(&database, &["list"]).is_empty() {
        assert!(Instant::now() < until);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        outbox_cli(&database, &["list", "--all"])
            .matches("\tsent\t")
            .count(),
        2
    );
    second.kill().unwrap();
    second.wait().unwrap();
}
