//! The web apps' files. Unknown paths that are not files get a page, so the apps' own routes
//! (`/request`, `/status`…) survive a reload. Hashed assets are cached for a year; the pages
//! are revalidated every time so a new release is picked up at once.
//!
//! The customer portal is several apps (issue 13; `fwportal_core::apps::WebApp`), each its
//! own trunk build: the start app in `dist` (with the icons and `robots.txt`), the others
//! beside it in `dist-<name>`, their files served under `/app/<name>/`. A page's path is
//! answered with the `index.html` of the app that shows it (`WebApp::of_path`), so a first
//! visit of `/` downloads the start app only.
//!
//! What is sent is what is measured (issue 13): the build writes a brotli (quality 11) and a
//! gzip copy next to every asset (`scripts/precompress.mjs`) and those files are sent as they
//! are; only `index.html`, which carries the server's calendar settings inline (so the app needs
//! no second round trip after it starts), is compressed on the fly by the router's layer.
//!
//! Whatever cannot be served from the folder is a `404`, never a `5xx`: a path segment too long
//! for the file system (`File name too long`), a file name under a file (`Not a directory`) or
//! any other error opening a file (issue 12, fault 1).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use fwportal_core::apps::WebApp;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Where the desk app's build lies: the folder beside `dist` named `<dist>-desk`
/// (`dist` → `dist-desk`). Served under `/desk/` with its own policy.
pub fn desk_dist(dist: &Path) -> PathBuf {
    sibling(dist, "desk")
}

/// The longest path segment looked up on disk: file systems refuse names over 255 bytes
/// (`NAME_MAX`), and no file the build writes comes near it.
pub const MAX_SEGMENT_BYTES: usize = 255;
/// The longest path looked up on disk (Linux's `PATH_MAX` is 4096 with the folder's own path).
pub const MAX_PATH_BYTES: usize = 2048;

/// The id of the `<script type="application/json">` element that carries `/api/config`'s
/// answer inside `index.html` (read by the app's `api::config`).
pub const CONFIG_ELEMENT_ID: &str = "fwportal-config";

/// Where a customer app's build lies: the start app's in `dist`, each other's beside it in
/// `<dist>-<name>` (`dist` → `dist-journey`), as its `Trunk.toml` writes it.
pub fn app_dist(dist: &Path, app: WebApp) -> PathBuf {
    match app {
        WebApp::Start => dist.to_path_buf(),
        other => sibling(dist, other.name()),
    }
}

fn sibling(dist: &Path, suffix: &str) -> PathBuf {
    let name = dist
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dist".to_owned());
    dist.with_file_name(format!("{name}-{suffix}"))
}

/// A page: an `index.html` with the configuration inlined, made once at start; `None` when
/// its app is not built.
type Page = Option<Arc<str>>;

#[derive(Clone)]
struct Assets {
    /// The page for a path that is not a file.
    pages: Pages,
    files: ServeDir,
}

#[derive(Clone)]
enum Pages {
    /// One app shows every path (the desk).
    One(Page),
    /// The customer apps, in the order of `WebApp::ALL`.
    Customer(Arc<[Page; WebApp::ALL.len()]>),
}

impl Pages {
    fn for_path(&self, path: &str) -> Page {
        match self {
            Pages::One(page) => page.clone(),
            Pages::Customer(pages) => {
                let app = WebApp::of_path(path);
                let at = WebApp::ALL.iter().position(|a| *a == app).unwrap_or(0);
                pages[at].clone()
            }
        }
    }
}

fn page(dist: &Path, config_json: &str) -> Page {
    std::fs::read_to_string(dist.join("index.html"))
        .ok()
        .map(|html| Arc::from(inline_config(&html, config_json)))
}

fn files(dist: PathBuf) -> ServeDir {
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        // `/` and other folders are an app's page, made by `index_page`, not the file.
        .append_index_html_on_directories(false)
}

/// Serves one app's `dist` (the desk's), with `config_json` (the body `/api/config` answers)
/// inlined in its `index.html`, which answers every path that is not a file.
pub fn service(dist: PathBuf, config_json: &str) -> Router {
    let pages = Pages::One(page(&dist, config_json));
    app_router(Assets {
        pages,
        files: files(dist),
    })
}

/// Serves the customer's apps from `dist` and its siblings (see [`app_dist`]): each app's
/// files under its folder ([`WebApp::files`]), the start app's (icons, `robots.txt`) at the
/// root, and for any other path the page of the app that shows it, with `config_json`
/// inlined.
pub fn customer_service(dist: PathBuf, config_json: &str) -> Router {
    let pages = WebApp::ALL.map(|app| page(&app_dist(&dist, app), config_json));
    let mut router = app_router(Assets {
        pages: Pages::Customer(Arc::new(pages)),
        files: files(dist.clone()),
    });
    for app in WebApp::ALL {
        let folder = app.files().trim_end_matches('/');
        if folder.is_empty() {
            continue;
        }
        let files = files(app_dist(&dist, app));
        router = router.nest_service(
            folder,
            get(move |request: Request| app_file(files.clone(), request))
                .layer(middleware::from_fn(cache_headers)),
        );
    }
    router
}

fn app_router(assets: Assets) -> Router {
    Router::new()
        .route("/", get(index_page))
        .route("/index.html", get(index_page))
        .fallback(static_file)
        .with_state(assets)
        .layer(middleware::from_fn(cache_headers))
}

/// A file of an app's folder under `/app/<name>/`, or `404`: no page is made here, and the
/// app's `index.html` is only ever sent as its pages, with the configuration inlined.
async fn app_file(files: ServeDir, request: Request) -> Response {
    let path = request.uri().path();
    if !servable_path(path) || path.trim_start_matches('/') == "index.html" {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut files = files;
    match files.try_call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => {
            tracing::debug!(%error, "not served from an app's folder");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

/// Puts the configuration into the page's head as a JSON data block. A data block is never
/// run, so the Content-Security-Policy needs no hash for it; `<` is escaped so that no text in
/// the settings (a closure's reason) can end the element.
fn inline_config(html: &str, config_json: &str) -> String {
    let json = config_json.replace('<', "\\u003c");
    let element =
        format!(r#"<script type="application/json" id="{CONFIG_ELEMENT_ID}">{json}</script>"#);
    match html.find("</head>").or_else(|| html.find("<body")) {
        Some(at) => format!("{}{element}{}", &html[..at], &html[at..]),
        None => format!("{element}{html}"),
    }
}

async fn index_page(State(assets): State<Assets>, request: Request) -> Response {
    page_response(assets.pages.for_path(request.uri().path()))
}

fn page_response(page: Page) -> Response {
    match page {
        Some(html) => (
            [(
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            html.to_string(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "the web app is not built").into_response(),
    }
}

/// A file of the folder, the app's page for a path that is not one, or `404`.
async fn static_file(State(assets): State<Assets>, request: Request) -> Response {
    if !servable_path(request.uri().path()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path().to_owned();
    let mut files = assets.files.clone();
    let response = match files.try_call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => {
            // The path cannot be a file here; nothing is wrong with the server.
            tracing::debug!(%error, "not served from the app's folder");
            return StatusCode::NOT_FOUND.into_response();
        }
    };
    if response.status() == StatusCode::NOT_FOUND && is_read {
        return page_response(assets.pages.for_path(&path));
    }
    response
}

/// Whether a path is worth looking up on disk (see [`MAX_SEGMENT_BYTES`], [`MAX_PATH_BYTES`]).
fn servable_path(path: &str) -> bool {
    path.len() <= MAX_PATH_BYTES
        && path
            .split('/')
            .all(|segment| segment.len() <= MAX_SEGMENT_BYTES)
}

async fn cache_headers(request: Request, next: Next) -> Result<Response, Infallible> {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
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
    Ok(response)
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
    use super::{app_dist, desk_dist, inline_config, is_hashed_asset, servable_path};
    use fwportal_core::apps::WebApp;
    use std::path::Path;

    #[test]
    fn each_apps_build_lies_where_its_trunk_toml_writes_it() {
        assert_eq!(
            app_dist(Path::new("dist"), WebApp::Start),
            Path::new("dist")
        );
        assert_eq!(
            app_dist(Path::new("/srv/fw/dist"), WebApp::Journey),
            Path::new("/srv/fw/dist-journey")
        );
        assert_eq!(
            app_dist(Path::new("dist"), WebApp::FollowUp),
            Path::new("dist-followup")
        );
    }

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

    #[test]
    fn the_config_goes_into_the_head_and_cannot_end_its_element() {
        let html = "<html><head><title>x</title></head><body></body></html>";
        let page = inline_config(html, r#"{"reason":"</script><script>alert(1)"}"#);
        assert!(page.starts_with(
            "<html><head><title>x</title><script type=\"application/json\" id=\"fwportal-config\">"
        ));
        assert!(
            page.contains(r#"{"reason":"\u003c/script>\u003cscript>alert(1)"}</script></head>"#)
        );
        assert_eq!(page.matches("</script>").count(), 1);
    }

    #[test]
    fn paths_the_file_system_cannot_hold_are_not_looked_up() {
        assert!(servable_path("/fwportal-web-8c1f2a3b4d5e6f70_bg.wasm"));
        assert!(servable_path(&format!("/{}", "a".repeat(255))));
        assert!(!servable_path(&format!("/{}", "a".repeat(256))));
        assert!(!servable_path(&"/a".repeat(1025)));
    }
}
