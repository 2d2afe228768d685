//! The app's files as the server sends them: precompressed copies sent as they are, the
//! configuration inlined in the page (issue 13), and every path the folder cannot serve a 404
//! without an error in the log (issue 12, fault 1).

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use common::{fixture_dist, TestServer};
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

/// Everything the server logs at WARN or above, in this test binary.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured_logs() -> Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Captured::default();
        let writer = logs.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::WARN)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .init();
        logs
    })
    .clone()
}

#[tokio::test]
async fn paths_the_folder_cannot_serve_are_404_and_log_no_error() {
    let logs = captured_logs();
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;
    let long = "a".repeat(256);
    for path in [
        format!("/{long}"),
        format!("/assets/{long}.js"),
        format!("/{}", "b".repeat(5000)),
        "/a/".repeat(1500),
        // A name under a file: the file system answers "Not a directory".
        "/fwportal-start-0123456789abcdef_bg.wasm/x".to_owned(),
    ] {
        let response = client.get(server.url(&path)).send().await.unwrap();
        let status = response.status();
        assert!(
            !status.is_server_error(),
            "{}…: {status}",
            &path[..path.len().min(60)]
        );
        assert!(
            status == StatusCode::NOT_FOUND
                || status == StatusCode::URI_TOO_LONG
                || status == StatusCode::OK,
            "{}…: {status}",
            &path[..path.len().min(60)]
        );
    }
    // The longest name a file system allows is still the app's page, as any unknown route.
    let page = client
        .get(server.url(&format!("/{}", "c".repeat(255))))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    server.shutdown().await;
    let text = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        !text.contains("ERROR") && !text.contains("File name too long"),
        "the log: {text}"
    );
}

#[tokio::test]
async fn precompressed_files_are_sent_as_built() {
    let _ = captured_logs();
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let dist = dir.path().join("dist");
    // What scripts/precompress.mjs writes beside each asset; marked so the test can tell the
    // file from the server's own compression.
    let brotli = b"precompressed brotli bytes".to_vec();
    let gzip = b"precompressed gzip bytes".to_vec();
    let asset = "fwportal-web-0123456789abcdef.js";
    std::fs::write(dist.join(asset), "console.log('app');".repeat(200)).unwrap();
    std::fs::write(dist.join(format!("{asset}.br")), &brotli).unwrap();
    std::fs::write(dist.join(format!("{asset}.gz")), &gzip).unwrap();
    let client = reqwest::Client::new();
    let server = TestServer::start(dir.path()).await;

    for (accept, encoding, body) in [("br, gzip", "br", &brotli), ("gzip", "gzip", &gzip)] {
        let response = client
            .get(server.url(&format!("/{asset}")))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-encoding"], encoding);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript"));
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(&response.bytes().await.unwrap()[..], &body[..], "{accept}");
    }
    let plain = client
        .get(server.url(&format!("/{asset}")))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert!(!plain.headers().contains_key("content-encoding"));
    assert!(plain.text().await.unwrap().starts_with("console.log"));
    server.shutdown().await;
}

#[tokio::test]
async fn the_page_carries_the_calendar_the_api_answers() {
    let _ = captured_logs();
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let calendar_file = dir.path().join("calendar.conf");
    std::fs::write(
        &calendar_file,
        "notice-days 10\nclosure 2027-08-13 </script>\n",
    )
    .unwrap();
    let mut config = common::config(dir.path());
    config.calendar = Some(calendar_file);
    let server = TestServer::start_with(config).await;
    let api: Value = reqwest::get(server.url("/api/config"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for route in ["/", "/index.html", "/request/contract"] {
        let response = reqwest::get(server.url(route)).await.unwrap();
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        // The import's worker is our own file; nothing else may start one.
        assert!(csp.contains("worker-src 'self';"), "{csp}");
        let page = response.text().await.unwrap();
        let start = r#"<script type="application/json" id="fwportal-config">"#;
        let inline = page
            .split_once(start)
            .and_then(|(_, rest)| rest.split_once("</script>"))
            .map(|(json, _)| json)
            .unwrap_or_else(|| panic!("{route}: no inline configuration in {page}"));
        let inline: Value = serde_json::from_str(inline).unwrap();
        assert_eq!(inline, api, "{route}");
        assert_eq!(inline["calendar"]["settings"]["notice_business_days"], 10);
        assert!(page.contains("app shell"), "{route}");
    }
    server.shutdown().await;
}

/// Issue 13: each page's path is answered by the app that shows it (`WebApp::of_path`), with
/// the configuration inlined and revalidated like any page; each app's files lie under its
/// own folder and are cached as hashed assets; a folder's missing file is a 404, never a
/// page; every app's loader is allowed by the policy.
#[tokio::test]
async fn each_page_is_answered_by_the_app_that_shows_it() {
    let _ = captured_logs();
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    let server = TestServer::start(dir.path()).await;
    let client = reqwest::Client::new();
    let api: Value = reqwest::get(server.url("/api/config"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, app) in [
        ("/", "start"),
        ("/index.html", "start"),
        ("/no-such-page", "start"),
        ("/checks", "start"),
        ("/check", "journey"),
        ("/request", "journey"),
        ("/request/contract", "journey"),
        ("/request/servers?from=check", "journey"),
        ("/request/confirmation", "journey"),
        ("/request/no-such-step", "journey"),
        ("/status", "followup"),
        ("/preparation", "followup"),
        ("/preparation?reference=FWU-2026-000001", "followup"),
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!("app shell: {app}<")),
            "{path}: {page}"
        );
        let inline = page
            .split_once(r#"<script type="application/json" id="fwportal-config">"#)
            .and_then(|(_, rest)| rest.split_once("</script>"))
            .map(|(json, _)| serde_json::from_str::<Value>(json).unwrap());
        assert_eq!(inline.as_ref(), Some(&api), "{path}");
        // Every app's loader is allowed wherever the router sends the browser next.
        for name in ["start", "journey", "followup"] {
            let files = if name == "start" {
                "/".to_owned()
            } else {
                format!("/app/{name}/")
            };
            let loader = format!("import init from '{files}fwportal-{name}.js'; await init();");
            assert!(
                csp.contains(&sha256_source(&loader)),
                "{path} {name}: {csp}"
            );
        }
    }
    for app in ["journey", "followup"] {
        let wasm = client
            .get(server.url(&format!(
                "/app/{app}/fwportal-{app}-0123456789abcdef_bg.wasm"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(wasm.status(), StatusCode::OK, "{app}");
        assert_eq!(wasm.headers()["content-type"], "application/wasm");
        assert_eq!(
            wasm.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        // The start app's files are not another app's, and a folder's missing file or its
        // bare index.html (no settings inline) is no page.
        for missing in [
            format!("/app/{app}/fwportal-start-0123456789abcdef_bg.wasm"),
            format!("/app/{app}/index.html"),
            format!("/app/{app}/"),
            format!("/app/{app}/no-such-file.js"),
            format!("/app/{app}/{}", "x".repeat(300)),
        ] {
            let response = client.get(server.url(&missing)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
            assert!(
                !response.text().await.unwrap().contains("app shell"),
                "{missing}"
            );
        }
    }
    server.shutdown().await;
}

/// An app that is not built leaves its pages a 404 saying so; the others are served.
#[tokio::test]
async fn an_app_not_built_leaves_the_others_served() {
    let _ = captured_logs();
    let dir = TempDir::new().unwrap();
    common::fixture_app(dir.path(), fwportal_core::apps::WebApp::Start);
    common::fixture_app(dir.path(), fwportal_core::apps::WebApp::FollowUp);
    let server = TestServer::start(dir.path()).await;
    let client = reqwest::Client::new();
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/status", StatusCode::OK),
        ("/check", StatusCode::NOT_FOUND),
        ("/request/contract", StatusCode::NOT_FOUND),
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        if status == StatusCode::NOT_FOUND {
            assert_eq!(response.text().await.unwrap(), "the web app is not built");
        }
    }
    server.shutdown().await;
}

/// The CSP source for an inline script.
fn sha256_source(script: &str) -> String {
    use base64::Engine;
    let digest = fwportal_server::tokens::sha256(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
