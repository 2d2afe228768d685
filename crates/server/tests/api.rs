//! The intake API over real HTTP: the real server on a random port, a fresh database file.

use std::path::Path;

use fwportal_server::config::ServeConfig;
use fwportal_server::startup::Server;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::oneshot;

/// A running server and the folder holding its database and dist files.
struct TestServer {
    base: String,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl TestServer {
    async fn start(dir: &Path) -> TestServer {
        let config = ServeConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            database: dir.join("db").join("portal.db"),
            dist: dir.join("dist"),
        };
        let server = Server::bind(config).await.expect("server binds");
        let base = format!("http://{}", server.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestServer {
            base,
            stop: Some(stop),
            task,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task).await.unwrap().unwrap();
    }
}

fn fixture_dist(dir: &Path) {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><html lang=\"ja\"><body>app shell</body></html>",
    )
    .unwrap();
    // Large and repetitive enough that compression is worth it.
    std::fs::write(
        dist.join("fwportal-web-0123456789abcdef_bg.wasm"),
        b"\0asm".repeat(4096),
    )
    .unwrap();
}

async fn post_request(
    client: &reqwest::Client,
    server: &TestServer,
    body: Value,
) -> reqwest::Response {
    client
        .post(server.url("/api/requests"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_accepted_request_gets_a_reference_and_survives_a_restart() {
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let response = post_request(
        &client,
        &server,
        json!({"contract_number": " ｐｃ-1234 ", "work_date": "2027-03-01"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    assert!(
        fwportal_core::request::Reference::parse(&reference).is_ok(),
        "{reference}"
    );
    assert_eq!(created["contract_number"], "PC-1234");
    assert_eq!(created["status"], "received");

    let second: Value = post_request(
        &client,
        &server,
        json!({"contract_number": "PC-9", "work_date": "2027-03-02"}),
    )
    .await
    .json()
    .await
    .unwrap();
    let first_seq = fwportal_core::request::Reference::parse(&reference)
        .unwrap()
        .sequence();
    let second_seq =
        fwportal_core::request::Reference::parse(second["reference"].as_str().unwrap())
            .unwrap()
            .sequence();
    assert_eq!(second_seq, first_seq + 1, "references are sequential");
    server.shutdown().await;

    let restarted = TestServer::start(dir.path()).await;
    let response = client
        .get(restarted.url(&format!("/api/requests/{reference}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let stored: Value = response.json().await.unwrap();
    assert_eq!(stored["reference"], reference.as_str());
    assert_eq!(stored["contract_number"], "PC-1234");
    assert_eq!(stored["work_date"], "2027-03-01");
    restarted.shutdown().await;
}

#[tokio::test]
async fn invalid_input_gets_422_with_every_field_problem_in_both_languages() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let response = post_request(
        &client,
        &server,
        json!({"contract_number": "", "work_date": "2027-02-30"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    let problems = body["problems"].as_array().unwrap();
    let summary: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p["field"].as_str().unwrap(), p["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            ("contract_number", "required"),
            ("work_date", "invalid_date")
        ]
    );
    for p in problems {
        assert!(!p["message_ja"].as_str().unwrap().is_empty());
        assert!(!p["message_en"].as_str().unwrap().is_empty());
    }
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_bodies_get_our_error_body_not_axums_text() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    for (body, content_type) in [
        ("{not json", "application/json"),
        ("[1,2]", "application/json"),
        ("{\"contract_number\": 5}", "application/json"),
        ("contract_number=PC-1", "application/x-www-form-urlencoded"),
    ] {
        let response = client
            .post(server.url("/api/requests"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "malformed_body");
        assert!(body["message_ja"].as_str().is_some());
    }
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_and_malformed_references_are_404() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    for path in [
        "/api/requests/FWU-2027-000001",
        "/api/requests/not-a-reference",
        "/api/nothing-here",
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "not_found");
    }
    server.shutdown().await;
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

    let wasm = client
        .get(server.url("/fwportal-web-0123456789abcdef_bg.wasm"))
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
