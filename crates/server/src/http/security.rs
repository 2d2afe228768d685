//! Security headers on every response. The Content-Security-Policy allows the app's own files,
//! WebAssembly compilation and trunk's inline loader script (by its hash, computed from the
//! served `index.html` at start) and nothing else: no other origin, no framing. The import's
//! Web Worker is a file of our own (`worker-src 'self'`); the configuration the server puts
//! into the page is a JSON data block, which is never run, so it needs no hash.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;

use crate::tokens::sha256;

/// The headers, built once: the customer app's, and the desk app's for paths under `/desk`
/// (its own loader script hash, issue 15).
#[derive(Clone)]
pub struct SecurityHeaders {
    app: Arc<Vec<(HeaderName, HeaderValue)>>,
    desk: Arc<Vec<(HeaderName, HeaderValue)>>,
}

impl SecurityHeaders {
    /// The customer apps' policy from their builds in `apps` (issue 13: one folder an app;
    /// their loaders are allowed together, since which app a path gets is the assets'
    /// business), the desk's from `desk_dist`: the desk allows only its own loader. An
    /// `index.html` may be missing: then it allows no inline script.
    pub fn for_dists(apps: &[&Path], desk_dist: &Path) -> SecurityHeaders {
        SecurityHeaders {
            app: Arc::new(headers_for(apps)),
            desk: Arc::new(headers_for(&[desk_dist])),
        }
    }
}

fn is_desk_path(path: &str) -> bool {
    path == "/desk" || path.starts_with("/desk/")
}

fn headers_for(dists: &[&Path]) -> Vec<(HeaderName, HeaderValue)> {
    let mut hashes: Vec<String> = Vec::new();
    for dist in dists {
        let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        for script in inline_scripts(&index) {
            let digest =
                base64::engine::general_purpose::STANDARD.encode(sha256(script.as_bytes()));
            let hash = format!(" 'sha256-{digest}'");
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
    }
    let script_hashes = hashes.concat();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{script_hashes}; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             worker-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    let mut headers = vec![
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.push((header::CONTENT_SECURITY_POLICY, value));
    }
    headers
}

/// The contents of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        body.split_once("</script>").map(|(script, _)| script)
    })
}

pub async fn add_headers(
    State(headers): State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let set = if is_desk_path(request.uri().path()) {
        headers.desk
    } else {
        headers.app
    };
    let mut response = next.run(request).await;
    for (name, value) in set.iter() {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{inline_scripts, is_desk_path};

    #[test]
    fn desk_paths() {
        assert!(is_desk_path("/desk"));
        assert!(is_desk_path("/desk/requests/FWU-2026-000001"));
        assert!(!is_desk_path("/desktop"));
        assert!(!is_desk_path("/api/desk/session"));
        assert!(!is_desk_path("/"));
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<script type="module">init();</script><script src="/a.js"></script><script>
x()</script>"#;
        let scripts: Vec<_> = inline_scripts(html).collect();
        assert_eq!(scripts, ["init();", "\nx()"]);
    }
}
