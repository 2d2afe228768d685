//! The desk seen from outside: staff accounts made with the real `fwportal staff` command,
//! TOTP codes computed with totp-rs from the URI it printed, sign-in over HTTP, and the
//! session cookie and CSRF token carried by hand.

#![allow(dead_code)] // each test binary uses a different part

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::TestServer;

pub const PASSWORD: &str = "correct horse battery staple 42";

/// Runs `fwportal staff add`, the password on standard input; returns the otpauth URI.
pub fn add_staff(database: &Path, email: &str, name: &str, role: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(["staff", "add", "--database"])
        .arg(database)
        .args([
            "--email",
            email,
            "--name",
            name,
            "--role",
            role,
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let uri = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    uri
}

/// The current code of the authenticator app set up with `uri`.
pub fn code(uri: &str) -> String {
    totp_rs::TOTP::from_url(uri)
        .unwrap()
        .generate_current()
        .unwrap()
}

/// The code of the next 30-second step (accepted one step ahead): for a second sign-in of
/// the same account within one step.
pub fn next_code(uri: &str) -> String {
    let totp = totp_rs::TOTP::from_url(uri).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + 30)
}

/// A signed-in browser: the cookie and the CSRF token.
#[derive(Clone)]
pub struct Desk {
    pub cookie: String,
    pub csrf: String,
    pub base: String,
}

pub async fn sign_in_with(
    client: &reqwest::Client,
    server: &TestServer,
    email: &str,
    password: &str,
    code: &str,
) -> reqwest::Response {
    client
        .post(server.url("/api/desk/session"))
        .json(&json!({"email": email, "password": password, "code": code}))
        .send()
        .await
        .unwrap()
}

/// Signs in with the right password and code; panics otherwise.
pub async fn sign_in(
    client: &reqwest::Client,
    server: &TestServer,
    email: &str,
    uri: &str,
) -> Desk {
    let response = sign_in_with(client, server, email, PASSWORD, &code(uri)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let session: Value = client
        .get(server.url("/api/desk/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Desk {
        cookie,
        csrf: session["csrf_token"].as_str().unwrap().to_owned(),
        base: server.base.clone(),
    }
}

impl Desk {
    pub fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::RequestBuilder {
        client
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
    }

    /// A same-origin state-changing call with the CSRF token, as the desk app makes it.
    pub fn post(&self, client: &reqwest::Client, path: &str) -> reqwest::RequestBuilder {
        client
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin")
            .header("x-csrf-token", &self.csrf)
    }

    pub async fn request(&self, client: &reqwest::Client, reference: &str) -> Value {
        let response = self
            .get(client, &format!("/api/desk/requests/{reference}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// Proposes a step; returns the response.
    pub async fn step(
        &self,
        client: &reqwest::Client,
        reference: &str,
        body: Value,
    ) -> reqwest::Response {
        self.post(
            client,
            &format!("/api/desk/requests/{reference}/transitions"),
        )
        .json(&body)
        .send()
        .await
        .unwrap()
    }
}

/// Submits a valid request for `contract`; returns (reference, access token).
pub async fn submit(
    client: &reqwest::Client,
    server: &TestServer,
    contract: &str,
) -> (String, String) {
    let response = server
        .submit(client, &crate::common::valid_body(contract))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    (
        created["reference"].as_str().unwrap().to_owned(),
        created["access_token"].as_str().unwrap().to_owned(),
    )
}

/// The audit log's rows as (actor, action, target, address).
pub async fn audit_rows(database: &Path) -> Vec<(String, String, String, Option<String>)> {
    let pool = fwportal_server::db::connect(database).await.unwrap();
    let rows: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as("SELECT actor, action, target, address FROM audit_log ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    pool.close().await;
    rows
}
