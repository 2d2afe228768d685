//! The desk app's files (issue 15): served under /desk/ from the folder beside `dist`, its own
//! client routes answered with its own index.html, and a Content-Security-Policy that allows
//! the desk's inline loader only on desk pages and the customer app's only on theirs.

mod common;

use base64::Engine;
use common::{fixture_dist, TestServer};
use reqwest::StatusCode;
use tempfile::TempDir;

const DESK_LOADER: &str = "import init from '/desk/d.js'; await init();";

fn hash(script: &str) -> String {
    let digest = fwportal_server::tokens::sha256(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn fixture_desk(dir: &std::path::Path) {
    let desk = dir.join("dist-desk");
    std::fs::create_dir_all(&desk).unwrap();
    std::fs::write(
        desk.join("index.html"),
        format!("<!DOCTYPE html><html lang=\"ja\"><head><script type=\"module\">{DESK_LOADER}</script></head><body>desk shell</body></html>"),
    )
    .unwrap();
    std::fs::write(
        desk.join("fwportal-desk-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
}

#[tokio::test]
async fn the_desk_is_served_under_desk_with_its_own_policy() {
    let dir = TempDir::new().unwrap();
    fixture_dist(dir.path());
    fixture_desk(dir.path());
    let server = TestServer::start(dir.path()).await;
    let client = reqwest::Client::new();
    let app_hash = hash("import init from '/fwportal-start.js'; await init();");
    let desk_hash = hash(DESK_LOADER);

    for path in ["/desk/", "/desk/sign-in", "/desk/requests/FWU-2027-000001"] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains(&desk_hash), "{path}: {csp}");
        assert!(!csp.contains(&app_hash), "{path}: {csp}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response.text().await.unwrap().contains("desk shell"),
            "{path}"
        );
    }

    let script = client
        .get(server.url("/desk/fwportal-desk-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(
        script.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    // The customer app keeps its own shell and policy, and its download has no desk in it.
    for path in ["/", "/status", "/desktop"] {
        let response = client.get(server.url(path)).send().await.unwrap();
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains(&app_hash), "{path}: {csp}");
        assert!(!csp.contains(&desk_hash), "{path}: {csp}");
        assert!(
            response.text().await.unwrap().contains("app shell"),
            "{path}"
        );
    }
    server.shutdown().await;
}
