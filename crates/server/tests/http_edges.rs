//! The API at its edges (issue 12, faults 4, 5, 8, 9 and 11), over real HTTP against the real
//! server: caching of answers, the Authorization scheme, body framing read from a raw socket,
//! JSON type errors, and the OpenAPI document's own consistency.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{valid_body, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Fault 4: the 201 holds the access key and the 200 personal data; no answer of the API may
/// be stored by a browser or a proxy cache.
#[tokio::test]
async fn every_api_answer_is_marked_no_store() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let created = server.submit(&client, &valid_body("PC-CACHE")).await;
    let mut answers = vec![("201", created.headers().clone())];
    let created: Value = created.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap();
    let token = created["access_token"].as_str().unwrap();

    let shown = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), StatusCode::OK);
    answers.push(("200 GET", shown.headers().clone()));

    let mut invalid = valid_body("PC-CACHE-2");
    invalid["contact"]["email"] = "not an address".into();
    let refused = server.submit(&client, &invalid).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    answers.push(("422", refused.headers().clone()));

    for (name, path) in [
        ("404", "/api/requests/FWU-2020-000001"),
        ("404 unknown path", "/api/nothing-here"),
        ("config", "/api/config"),
        ("openapi", "/api/openapi.json"),
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        answers.push((name, response.headers().clone()));
    }
    let wrong_method = client
        .delete(server.url("/api/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    answers.push(("405", wrong_method.headers().clone()));
    let too_large = client
        .post(server.url("/api/requests"))
        .header("content-type", "application/json")
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .body(vec![b' '; 70_000])
        .send()
        .await
        .unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    answers.push(("413", too_large.headers().clone()));

    for (name, headers) in &answers {
        assert_eq!(
            headers.get("cache-control").map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{name}"
        );
    }
    // The app's own files keep their caching (revalidated shell, immutable hashed assets).
    let shell = client.get(server.url("/")).send().await.unwrap();
    assert_ne!(shell.headers()["cache-control"], "no-store");
    server.shutdown().await;
}

/// Fault 5: RFC 9110 §11.1 — the scheme name is case-insensitive.
#[tokio::test]
async fn the_bearer_scheme_is_read_in_any_case() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let created: Value = server
        .submit(&client, &valid_body("PC-BEARER"))
        .await
        .json()
        .await
        .unwrap();
    let url = server.url(&format!(
        "/api/requests/{}",
        created["reference"].as_str().unwrap()
    ));
    let token = created["access_token"].as_str().unwrap();
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let response = client
            .get(&url)
            .header("authorization", format!("{scheme} {token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{scheme}");
    }
    let basic = client
        .get(&url)
        .header("authorization", format!("Basic {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::NOT_FOUND);
    server.shutdown().await;
}

/// Sends `head` (request line and headers, CRLF-separated, ending in an empty line) on a raw
/// socket and returns what the server answers within two seconds, up to the end of the
/// headers of the first answer.
async fn raw_exchange(server: &TestServer, head: &str, body: &[u8]) -> String {
    let address = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    loop {
        let read = tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await;
        match read {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
        if received.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

/// Fault 8: a body announced over the limit is refused before it is sent.
#[tokio::test]
async fn expect_continue_over_the_limit_gets_413_without_sending_the_body() {
    let dir = TempDir::new().unwrap();
    let server = TestServer::start(dir.path()).await;
    let head = format!(
        "POST /api/requests HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n\
         Idempotency-Key: {}\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n\r\n",
        uuid::Uuid::new_v4()
    );
    // No body is sent: the server must answer from the headers alone.
    let answer = raw_exchange(&server, &head, b"").await;
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "no 413 before the body: {answer:?}"
    );
    assert!(!answer.contains("100 Continue"), "{answer:?}");

    // Within the limit, the server invites the body as usual.
    let small = format!(
        "POST /api/requests HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n\
         Idempotency-Key: {}\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n",
        uuid::Uuid::new_v4()
    );
    let answer = raw_exchange(&server, &small, b"").await;
    assert!(answer.starts_with("HTTP/1.1 100"), "{answer:?}");
    server.shutdown().await;
}

/// Fault 8: Content-Length beside Transfer-Encoding could frame the body two ways, and a
/// proxy that reads the other one would pass a second, hidden request on. The server refuses
/// such a request with its own 400 (`conflicting_framing`, from the connection guard in front
/// of hyper) in either header order, and closes the connection: what follows is never read as a
/// request.
#[tokio::test]
async fn content_length_with_transfer_encoding_cannot_smuggle_a_request() {
    let dir = TempDir::new().unwrap();
    let server = TestServer::start(dir.path()).await;
    let smuggled = "GET /api/smuggled HTTP/1.1\r\nHost: portal\r\n\r\n";
    let body = format!("0\r\n\r\n{smuggled}");
    for order in [
        "Content-Length: {len}\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: {len}",
    ] {
        let framing = order.replace("{len}", &body.len().to_string());
        let head = format!(
            "POST /api/requests HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n\
             Idempotency-Key: {}\r\n{framing}\r\n\r\n",
            uuid::Uuid::new_v4()
        );
        let answer = read_to_close(&server, &head, body.as_bytes()).await;
        // One answer, the refusal, then the connection is closed.
        assert!(answer.starts_with("HTTP/1.1 400"), "{order}: {answer:?}");
        assert!(
            answer.contains("\"error\":\"conflicting_framing\""),
            "{order}: {answer:?}"
        );
        assert_eq!(
            answer.matches("HTTP/1.1 ").count(),
            1,
            "{order}: {answer:?}"
        );
        assert!(
            answer.to_ascii_lowercase().contains("connection: close"),
            "{order}: {answer:?}"
        );
    }
    assert_eq!(server.stored_count().await, 0);
    server.shutdown().await;
}

/// Fault 8 on a kept-alive connection: the requests before the conflicting one are answered as
/// usual, the conflicting one is refused, and the server goes on serving other connections.
#[tokio::test]
async fn a_conflicting_request_after_good_ones_on_one_connection_is_refused() {
    let dir = TempDir::new().unwrap();
    let server = TestServer::start(dir.path()).await;
    let good = "GET /api/config HTTP/1.1\r\nHost: portal\r\n\r\n";
    let chunked_good = "POST /api/nothing-here HTTP/1.1\r\nHost: portal\r\n\
                        Transfer-Encoding: chunked\r\n\r\n4\r\n{}\r\n\r\n0\r\n\r\n";
    let conflicting = "POST /api/requests HTTP/1.1\r\nHost: portal\r\n\
                       Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n";
    let stream = format!("{good}{chunked_good}{conflicting}{good}");
    let answer = read_to_close(&server, &stream, b"").await;
    let statuses: Vec<&str> = answer
        .match_indices("HTTP/1.1 ")
        .map(|(at, _)| &answer[at + 9..at + 12])
        .collect();
    assert_eq!(statuses, ["200", "404", "400"], "{answer:?}");
    assert!(answer.contains("conflicting_framing"), "{answer:?}");

    let client = reqwest::Client::new();
    let after = client.get(server.url("/api/config")).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK);
    server.shutdown().await;
}

/// Everything the server sends on one connection until it closes it (or 2 s pass).
async fn read_to_close(server: &TestServer, head: &str, body: &[u8]) -> String {
    let address = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut received = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.read_to_end(&mut received)).await;
    String::from_utf8_lossy(&received).into_owned()
}

async fn post_raw(
    server: &TestServer,
    client: &reqwest::Client,
    body: String,
) -> reqwest::Response {
    client
        .post(server.url("/api/requests"))
        .header("content-type", "application/json")
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Fault 9: a number where text belongs is a field problem (422 with the field's path), like a
/// broken rule; a list where an object belongs is not a request (400), never an empty one.
#[tokio::test]
async fn type_errors_are_field_problems_and_lists_for_objects_are_malformed() {
    let dir = TempDir::new().unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    let mut body = valid_body("PC-TYPES");
    body["servers"][0]["model"] = json!(380);
    body["contact"]["phone"] = json!(312345678);
    let response = post_raw(&server, &client, body.to_string()).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["error"], "invalid_request");
    let problems = answer["problems"].as_array().unwrap();
    let fields: HashSet<&str> = problems
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        HashSet::from(["servers[0].model", "contact.phone"]),
        "{answer}"
    );
    for problem in problems {
        assert_eq!(problem["code"], "invalid_type");
        assert!(problem["message_ja"].as_str().unwrap().contains("文字列"));
        assert!(problem["message_en"].as_str().unwrap().contains("text"));
    }

    for malformed in [
        "[]".to_owned(),
        "[{\"kind\": \"update_work\"}]".to_owned(),
        {
            let mut body = valid_body("PC-LIST");
            body["contact"] = json!([]);
            body.to_string()
        },
        {
            let mut body = valid_body("PC-LIST-2");
            body["servers"][0]["firmware"] = json!([["System ROM", "1.0"]]);
            body.to_string()
        },
    ] {
        let response = post_raw(&server, &client, malformed.clone()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{malformed}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["error"], "malformed_body", "{malformed}");
    }
    assert_eq!(server.stored_count().await, 0);
    server.shutdown().await;
}

/// Fault 11: operationIds name operations uniquely (generators make functions of them), and
/// the Idempotency-Key is described as the UUID the handler demands.
#[tokio::test]
async fn the_openapi_document_has_unique_operation_ids_and_a_uuid_key() {
    let dir = TempDir::new().unwrap();
    let server = TestServer::start(dir.path()).await;
    let doc: Value = reqwest::get(server.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let id = operation["operationId"].as_str();
            assert!(id.is_some(), "{method} {path} has no operationId");
            ids.push(id.unwrap().to_owned());
        }
    }
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.len() >= 3, "{ids:?}");

    let key = doc["paths"]["/api/requests"]["post"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Idempotency-Key")
        .unwrap();
    assert_eq!(key["in"], "header");
    assert_eq!(key["required"], true);
    assert_eq!(key["schema"]["type"], "string");
    assert_eq!(key["schema"]["format"], "uuid");
    let codes = doc["components"]["schemas"]["ProblemCode"]["enum"]
        .as_array()
        .unwrap();
    assert!(codes.contains(&Value::from("invalid_type")));
    server.shutdown().await;
}
