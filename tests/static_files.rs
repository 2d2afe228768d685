//! The built app as the real server sends it (issue 13): the files of `public/` (icons,
//! robots.txt), one style sheet, the precompressed copies sent byte for byte, the page's static
//! shell and inlined settings, and the import's worker left out of the first visit.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use support::portal::Portal;

fn dist() -> PathBuf {
    std::env::var_os("FWPORTAL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

async fn get(url: &str, accept_encoding: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(url)
        .header("accept-encoding", accept_encoding)
        .send()
        .await
        .expect("the server answers")
}

#[tokio::test(flavor = "multi_thread")]
async fn icons_and_robots_txt_are_served_from_public() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));

    let ico = get(&portal.url("/favicon.ico"), "identity").await;
    assert_eq!(ico.status(), 200);
    assert_eq!(ico.headers()["content-type"], "image/x-icon");
    let bytes = ico.bytes().await.unwrap();
    assert_eq!(&bytes[..4], &[0, 0, 1, 0], "an ICO file, not the page");

    let svg = get(&portal.url("/favicon.svg"), "identity").await;
    assert_eq!(svg.status(), 200);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().starts_with("<svg"));

    let robots = get(&portal.url("/robots.txt"), "identity").await;
    assert_eq!(robots.status(), 200);
    assert!(robots.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let robots = robots.text().await.unwrap();
    for line in ["User-agent: *", "Disallow: /request/", "Disallow: /status"] {
        assert!(robots.lines().any(|l| l == line), "{line} in {robots}");
    }
    portal.stop();
}

/// `href`/`src` values of the page (quoted or not: the minifier drops quotes).
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Links and scripts, and the loader's `import('…')` and `init({ module_or_path: '…' })`.
    for attribute in ["href=", "src=", "from ", "import(", "module_or_path: "] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            let value = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or_default(),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or_default(),
            };
            if value.starts_with('/') && !found.iter().any(|f| f == value) {
                found.push(value.to_owned());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_visit_is_one_page_one_style_sheet_and_precompressed_files() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let page = get(&portal.url("/"), "identity")
        .await
        .text()
        .await
        .unwrap();

    // The static shell shows before the wasm runs, with a message for browsers without
    // scripts in both languages; the settings are in the page.
    assert!(page.contains("fwportal-shell"), "{page}");
    assert!(page.contains("<noscript>"), "{page}");
    assert!(page.contains("JavaScript を有効にしてください"), "{page}");
    assert!(page.contains("This portal needs JavaScript"), "{page}");
    assert!(page.contains("id=\"fwportal-config\""), "{page}");
    // The shell is the start page's top as the app draws it in Japanese (issue 13: the first
    // paint is the page, not a placeholder the app replaces with larger text).
    let ja: serde_json::Value =
        serde_json::from_str(include_str!("../locales/ja.json")).expect("locales/ja.json");
    for key in ["title", "lead"] {
        let text = ja["start"][key]
            .as_str()
            .expect("start.title and start.lead");
        assert!(
            page.contains(text),
            "the shell lacks start.{key} {text:?}: {page}"
        );
    }
    assert!(page.contains("notice_business_days"), "{page}");
    // The import's worker is not part of the first visit.
    assert!(!page.contains("inventory-worker"), "{page}");

    let links = references(&page);
    let styles: Vec<_> = links.iter().filter(|l| l.ends_with(".css")).collect();
    assert_eq!(styles.len(), 1, "one style sheet: {links:?}");
    let wasm: Vec<_> = links.iter().filter(|l| l.ends_with(".wasm")).collect();
    assert_eq!(wasm.len(), 1, "the page loads one wasm: {links:?}");
    // The loader's JS is preloaded; the wasm is requested once the first paint is on the
    // screen, so the first paint does not share the network with it (Trunk.toml
    // `pattern_script`).
    assert!(page.contains("rel=modulepreload"), "{page}");
    assert!(
        !page.contains("application/wasm"),
        "no wasm preload: {page}"
    );
    let loader = &page[page
        .find("first-contentful-paint")
        .expect("the loader waits for the first paint")..];
    assert!(
        loader.contains("init({ module_or_path:"),
        "the wasm is fetched after the first paint: {page}"
    );

    // Each built file is sent as the build compressed it, byte for byte.
    for link in links
        .iter()
        .filter(|l| l.ends_with(".css") || l.ends_with(".js") || l.ends_with(".wasm"))
    {
        let built = std::fs::read(dist().join(format!("{}.br", link.trim_start_matches('/'))))
            .unwrap_or_else(|e| panic!("no precompressed copy of {link}: {e}"));
        let sent = get(&portal.url(link), "br, gzip").await;
        assert_eq!(sent.status(), 200, "{link}");
        assert_eq!(sent.headers()["content-encoding"], "br", "{link}");
        assert_eq!(sent.bytes().await.unwrap().to_vec(), built, "{link}");
    }
    // The worker's files exist among the journey app's and are sent compressed too, when
    // asked for.
    let worker = get(
        &portal.url("/app/journey/inventory-worker_bg.wasm"),
        "br, gzip",
    )
    .await;
    assert_eq!(worker.status(), 200);
    assert_eq!(worker.headers()["content-type"], "application/wasm");
    assert_eq!(worker.headers()["content-encoding"], "br");
    portal.stop();
}

/// The apps' own wasm do not link the import's readers: the names the Onboard Administrator
/// reader looks for and the XML reader's messages are in the worker's wasm only.
#[test]
fn the_import_readers_are_in_the_worker_only() {
    let dist = dist();
    let journey = sibling(&dist, "journey");
    let worker = std::fs::read(journey.join("inventory-worker_bg.wasm")).unwrap();
    let contains = |haystack: &[u8], needle: &str| {
        haystack
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
    };
    for app_dist in [dist.clone(), journey.clone(), sibling(&dist, "followup")] {
        let index = std::fs::read_to_string(app_dist.join("index.html")).expect("the app is built");
        // Every customer app's loader waits for the first paint (Trunk.toml `pattern_script`).
        assert!(index.contains("first-contentful-paint"), "{index}");
        let app = references(&index)
            .into_iter()
            .find(|l| l.ends_with(".wasm"))
            .expect("the page loads the app's wasm");
        let file = app.rsplit('/').next().unwrap();
        let app = std::fs::read(app_dist.join(file)).unwrap();
        for marker in ["INFRA2", "BLADES", "すべての要素が閉じる前に"] {
            assert!(contains(&worker, marker), "the worker reads {marker}");
            assert!(!contains(&app, marker), "{file} links {marker}");
        }
    }
    // Only the journey builds the worker: the start app's folder has none of it.
    assert!(!dist.join("inventory-worker_bg.wasm").exists());
}

/// An app's build beside the start app's `dist` (`dist-journey`).
fn sibling(dist: &std::path::Path, name: &str) -> PathBuf {
    let folder = dist.file_name().unwrap().to_string_lossy().into_owned();
    dist.with_file_name(format!("{folder}-{name}"))
}
