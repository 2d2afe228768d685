//! The real server on a random port with a fresh database, and request bodies that pass or
//! break one rule at a time. Work dates are computed from today with the same calendar the
//! server uses, so the tests hold on any day.

#![allow(dead_code)] // each test binary uses a different part

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate, Utc};
use fwportal_core::calendar::{to_jst, BusinessCalendar};
use fwportal_server::config::ServeConfig;
use fwportal_server::startup::Server;
use serde_json::{json, Value};
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    pub database: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

pub fn config(dir: &Path) -> ServeConfig {
    let mut config = ServeConfig::new(
        "127.0.0.1:0".parse().unwrap(),
        dir.join("db").join("portal.db"),
        dir.join("dist"),
    );
    // Tests send many submissions and look-ups from one address; the limits have their own
    // tests (tests/rate_limits.rs).
    config.rate_burst = 10_000;
    config.rate_period_secs = 1;
    config.lookup_burst = 10_000;
    config.lookup_period_secs = 1;
    config
}

impl TestServer {
    pub async fn start(dir: &Path) -> TestServer {
        TestServer::start_with(config(dir)).await
    }

    pub async fn start_with(config: ServeConfig) -> TestServer {
        let database = config.database.clone();
        let server = Server::bind(config).await.expect("server binds");
        let base = format!("http://{}", server.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestServer {
            base,
            database,
            stop: Some(stop),
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task).await.unwrap().unwrap();
    }

    /// `POST /api/requests` with a fresh idempotency key.
    pub async fn submit(&self, client: &reqwest::Client, body: &Value) -> reqwest::Response {
        self.submit_with_key(client, body, &uuid::Uuid::new_v4().to_string())
            .await
    }

    pub async fn submit_with_key(
        &self,
        client: &reqwest::Client,
        body: &Value,
        key: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/api/requests"))
            .header("idempotency-key", key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Rows in the requests table, read from the database file itself.
    pub async fn stored_count(&self) -> i64 {
        let pool = fwportal_server::db::connect(&self.database).await.unwrap();
        let count = sqlx_count(&pool).await;
        pool.close().await;
        count
    }
}

async fn sqlx_count(pool: &sqlx::SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM requests")
        .fetch_one(pool)
        .await
        .unwrap()
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A work date comfortably past the notice period (R5) for a request sent now.
pub fn good_work_date() -> NaiveDate {
    let calendar = BusinessCalendar::default();
    let received = calendar.received_on(&Utc::now()).unwrap();
    calendar
        .earliest_work_date(received)
        .unwrap()
        .checked_add_days(Days::new(7))
        .unwrap()
}

/// Tomorrow in Japan: always inside the notice period.
pub fn too_soon_work_date() -> NaiveDate {
    to_jst(&Utc::now()).date_naive().succ_opt().unwrap()
}

/// A request that passes every rule, for `contract`.
pub fn valid_body(contract: &str) -> Value {
    let today = to_jst(&Utc::now()).date_naive();
    let start = today.checked_sub_days(Days::new(30)).unwrap();
    let end = today.checked_add_days(Days::new(3 * 365)).unwrap();
    json!({
        "kind": "update_work",
        "contact": {
            "company": "株式会社サンプル",
            "name": "山田 太郎",
            "email": "yamada@example.co.jp",
            "phone": "03-1234-5678"
        },
        "contract": {
            "number": contract,
            "support_level": "proactive_care",
            "proactive_care_start": iso(start),
            "proactive_care_end": iso(end),
            "option_start": iso(start),
            "option_end": iso(end)
        },
        "servers": [
            {"model": "HPE ProLiant DL380 Gen10 Plus", "serial_number": "CZJ1234567",
             "firmware": [{"name": "System ROM", "version": "U46 v1.56 (11/29/2021)"}]}
        ],
        "update_method": "spp",
        "target_version": "SPP 2027.03.0",
        "work_date": iso(good_work_date()),
        "work_start_time": "09:00",
        "alternative_work_date": "",
        "site_address": "東京都江東区有明1-2-3",
        "onsite_contact": "山田 090-1234-5678",
        "acknowledgements": ["R9", "R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"],
        "notes": "",
        "privacy_consent": true
    })
}

/// A built portal in `dir`: the customer's three apps (`dist`, `dist-journey`,
/// `dist-followup`, as `scripts/build-apps.sh` writes them), each page saying which app it is
/// (`app shell: start`) and loading its own script.
pub fn fixture_dist(dir: &Path) {
    for app in fwportal_core::apps::WebApp::ALL {
        fixture_app(dir, app);
    }
}

/// One customer app's build in `dir` (see [`fixture_dist`]).
pub fn fixture_app(dir: &Path, app: fwportal_core::apps::WebApp) {
    let name = app.name();
    let dist = match app {
        fwportal_core::apps::WebApp::Start => dir.join("dist"),
        _ => dir.join(format!("dist-{name}")),
    };
    std::fs::create_dir_all(&dist).unwrap();
    let files = app.files();
    std::fs::write(
        dist.join("index.html"),
        format!("<!DOCTYPE html><html lang=\"ja\"><head><script type=\"module\">import init from '{files}fwportal-{name}.js'; await init();</script></head><body>app shell: {name}</body></html>"),
    )
    .unwrap();
    // Large and repetitive enough that compression is worth it.
    std::fs::write(
        dist.join(format!("fwportal-{name}-0123456789abcdef_bg.wasm")),
        b"\0asm".repeat(4096),
    )
    .unwrap();
}
