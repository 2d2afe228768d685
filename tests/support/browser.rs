//! Headless Chromium through ChromeDriver, both from Debian's packages.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The flags that let Chromium run as root in a closed network without phoning home.
const CHROME_ARGS: [&str; 9] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
];

pub struct Browser {
    driver: Child,
    pub client: Client,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts ChromeDriver and opens a session with the page language set to `accept_lang`.
    pub async fn start(accept_lang: &str) -> Browser {
        Browser::start_with(accept_lang, None).await
    }

    /// Like [`Browser::start`], with downloads saved into `dir` without asking.
    pub async fn start_with_downloads(accept_lang: &str, dir: &Path) -> Browser {
        let browser = Browser::start_with(accept_lang, Some(dir)).await;
        // Headless Chromium honours the preferences; the DevTools call makes sure of it.
        let _ = browser
            .cdp(
                "Browser.setDownloadBehavior",
                json!({ "behavior": "allow", "downloadPath": dir.to_string_lossy() }),
            )
            .await;
        browser
    }

    /// Runs a Chrome DevTools command through ChromeDriver (`goog/cdp/execute`).
    pub async fn cdp(
        &self,
        cmd: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, fantoccini::error::CmdError> {
        self.client
            .issue_cmd(Cdp {
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await
    }

    /// Lays the page out for printing (`@media print`) or back for the screen.
    pub async fn emulate_print(&self, print: bool) {
        let media = if print { "print" } else { "" };
        self.cdp("Emulation.setEmulatedMedia", json!({ "media": media }))
            .await
            .expect("emulate the print media");
    }

    async fn start_with(accept_lang: &str, downloads: Option<&Path>) -> Browser {
        assert!(
            std::path::Path::new(CHROMEDRIVER).is_file(),
            "{CHROMEDRIVER} is missing — install Debian's chromium-driver (scripts/setup.sh --browser)"
        );
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut args: Vec<String> = CHROME_ARGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--lang={accept_lang}"));
        let mut prefs = json!({ "intl.accept_languages": accept_lang });
        if let Some(dir) = downloads {
            prefs["download.default_directory"] = json!(dir.to_string_lossy());
            prefs["download.prompt_for_download"] = json!(false);
            prefs["download.directory_upgrade"] = json!(true);
        }
        let capabilities = json!({
            "goog:chromeOptions": {
                "args": args,
                "prefs": prefs
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => return Browser { driver, client },
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not open a ChromeDriver session: {last_error:?}");
    }

    /// Waits (up to 10 s) for an element matching `css` on the page as the customer sees it:
    /// once the app has taken the place of the static page shown while its wasm loads
    /// (`#fwportal-shell`), which hides what the app draws after it until the page's heading
    /// is drawn (src/startup.rs). Earlier, an element may exist and still not be shown.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            if !self.static_page_shown().await {
                if let Ok(element) = self.client.find(Locator::Css(css)).await {
                    return element;
                }
            }
            if tokio::time::Instant::now() > deadline {
                panic!("no element {css} within 10 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether the static page the app replaces is still there (its wasm still loading, or
    /// its first page not drawn yet).
    async fn static_page_shown(&self) -> bool {
        self.client
            .find(Locator::Css("#fwportal-shell"))
            .await
            .is_ok()
    }

    /// The text of the element matching `css`, once it exists.
    pub async fn text_of(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("element text")
    }

    /// Waits until `css` has text containing `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if self.static_page_shown().await {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = element.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never contained {needle:?}; last text: {last:?}");
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.expect("clear field");
        field.send_keys(text).await.expect("type into field");
    }

    pub async fn value_of(&self, css: &str) -> String {
        self.wait_for(css)
            .await
            .prop("value")
            .await
            .expect("value property")
            .unwrap_or_default()
    }

    /// How many elements match `css` now (no waiting).
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|found| found.len())
            .unwrap_or(0)
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.expect("click");
    }

    pub async fn title(&self) -> String {
        self.client.title().await.expect("document title")
    }

    /// Saves a PNG of the viewport as a test artefact.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(super::artifacts_dir().join(format!("{name}.png")), png);
        }
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// ChromeDriver's own endpoint for Chrome DevTools commands.
#[derive(Debug)]
struct Cdp {
    body: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
