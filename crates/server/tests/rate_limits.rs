//! The per-client limits behind a reverse proxy (issue 12, fault 6): who the client is, what
//! counts as a submission, and the separate limit on look-ups.

mod common;

use common::{valid_body, TestServer};
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

/// A server whose submission bucket holds two and look-up bucket three, refilled hourly, with
/// `trusted` as its reverse proxies. The tests connect from 127.0.0.1.
async fn limited_server(dir: &TempDir, trusted: &[&str]) -> TestServer {
    let mut config = common::config(dir.path());
    config.rate_burst = 2;
    config.rate_period_secs = 3600;
    config.lookup_burst = 3;
    config.lookup_period_secs = 3600;
    config.trusted_proxies = trusted
        .iter()
        .map(|net| fwportal_server::http::client_ip::parse_trusted(net).unwrap())
        .collect();
    TestServer::start_with(config).await
}

async fn submit_from(
    server: &TestServer,
    client: &reqwest::Client,
    contract: &str,
    forwarded_for: &str,
) -> StatusCode {
    client
        .post(server.url("/api/requests"))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .header("x-forwarded-for", forwarded_for)
        .json(&valid_body(contract))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_get_a_bucket_each() {
    let dir = TempDir::new().unwrap();
    let server = limited_server(&dir, &["127.0.0.1"]).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for (n, customer) in [
        "198.51.100.1",
        "198.51.100.1",
        "198.51.100.1",
        "203.0.113.7",
    ]
    .iter()
    .enumerate()
    {
        // What the client itself claimed stays on the left and is not believed.
        let header = format!("10.9.9.{n}, {customer}");
        statuses.push(submit_from(&server, &client, &format!("PC-PROXY-{n}"), &header).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::CREATED
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn an_untrusted_peer_cannot_choose_its_bucket_with_x_forwarded_for() {
    let dir = TempDir::new().unwrap();
    // The proxy is elsewhere; the test's own address (127.0.0.1) is an ordinary client.
    let server = limited_server(&dir, &["10.0.0.0/8"]).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for n in 0..3 {
        let claimed = format!("192.0.2.{n}");
        statuses.push(submit_from(&server, &client, &format!("PC-SPOOF-{n}"), &claimed).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn only_submissions_that_reach_the_handler_use_up_the_limit() {
    let dir = TempDir::new().unwrap();
    let server = limited_server(&dir, &[]).await;
    let client = reqwest::Client::new();
    for _ in 0..5 {
        let wrong_method = client
            .put(server.url("/api/requests"))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
        let malformed = client
            .post(server.url("/api/requests"))
            .header("content-type", "application/json")
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
        let keyless = client
            .post(server.url("/api/requests"))
            .json(&valid_body("PC-NOKEY"))
            .send()
            .await
            .unwrap();
        assert_eq!(keyless.status(), StatusCode::BAD_REQUEST);
    }
    for n in 0..2 {
        let status = server
            .submit(&client, &valid_body(&format!("PC-COUNTED-{n}")))
            .await
            .status();
        assert_eq!(status, StatusCode::CREATED, "submission {n}");
    }
    let third = server.submit(&client, &valid_body("PC-COUNTED-2")).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    server.shutdown().await;
}

#[tokio::test]
async fn look_ups_have_their_own_limit_with_retry_after() {
    let dir = TempDir::new().unwrap();
    let server = limited_server(&dir, &[]).await;
    let client = reqwest::Client::new();
    let created: Value = server
        .submit(&client, &valid_body("PC-LOOKUP"))
        .await
        .json()
        .await
        .unwrap();
    let url = server.url(&format!(
        "/api/requests/{}",
        created["reference"].as_str().unwrap()
    ));
    let token = created["access_token"].as_str().unwrap();

    // Guessing tokens: wrong ones count as much as right ones.
    let mut statuses = Vec::new();
    for guess in ["0", "1", token, token] {
        let response = client.get(&url).bearer_auth(guess).send().await.unwrap();
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            let wait: u64 = response.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!(wait > 60 && wait <= 3600, "{wait}");
            assert_eq!(response.headers()["cache-control"], "no-store");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "rate_limited");
            assert!(body["message_ja"].as_str().unwrap().contains("照会"));
            assert!(body["message_en"].as_str().unwrap().contains("look-ups"));
        }
    }
    assert_eq!(
        statuses,
        [
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // The submission bucket is separate: one of its two is still there.
    let status = server
        .submit(&client, &valid_body("PC-LOOKUP-2"))
        .await
        .status();
    assert_eq!(status, StatusCode::CREATED);
    // The calendar and the document are not limited.
    let config = client.get(server.url("/api/config")).send().await.unwrap();
    assert_eq!(config.status(), StatusCode::OK);
    server.shutdown().await;
}
