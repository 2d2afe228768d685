//! The web app's files. Unknown paths that are not files get `index.html`, so the app's own
//! routes (`/request`, `/status`…) survive a reload. Hashed assets are cached for a year;
//! `index.html` is revalidated every time so a new release is picked up at once.

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Where the desk app's build lies: the folder beside `dist` named `<dist>-desk`
/// (`dist` → `dist-desk`). Served under `/desk/` with its own policy.
pub fn desk_dist(dist: &Path) -> PathBuf {
    let name = dist
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dist".to_owned());
    dist.with_file_name(format!("{name}-desk"))
}

pub fn service(dist: PathBuf) -> Router {
    let index = ServeFile::new(dist.join("index.html"));
    Router::new()
        .fallback_service(ServeDir::new(dist).fallback(index))
        .layer(middleware::from_fn(cache_headers))
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if hashed && !is_html && response.status().is_success() {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Trunk names release assets `<name>-<hash>[_bg].<ext>` with a hex content hash of 16 or more
/// digits; such a file never changes under its name.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::{desk_dist, is_hashed_asset};
    use std::path::Path;

    #[test]
    fn the_desk_build_lies_beside_the_app() {
        assert_eq!(desk_dist(Path::new("dist")), Path::new("dist-desk"));
        assert_eq!(
            desk_dist(Path::new("/srv/fw/dist/")),
            Path::new("/srv/fw/dist-desk")
        );
    }

    #[test]
    fn hashed_asset_names() {
        for hashed in [
            "/fwportal-web-8c1f2a3b4d5e6f70_bg.wasm",
            "/fwportal-web-8c1f2a3b4d5e6f70.js",
            "/style-0123456789abcdef0123.css",
        ] {
            assert!(is_hashed_asset(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/request",
            "/favicon.ico",
            "/fwportal-web.js",
            "/a-123.js",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
        }
    }
}
