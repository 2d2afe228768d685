//! Load benchmark of the intake API (not part of the test run; `scripts/bench.sh` runs it in
//! release mode). Seeds a fresh database with 100,000 requests, starts the real server on
//! loopback, then measures POST (new requests, each re-checked and committed) and GET (read
//! back with the token) with a fixed number of concurrent clients, and prints requests per
//! second and p50/p99 latency. Then a staff member signs in to the desk and pages through the
//! queue of those 100,000 requests with its filters. Client and server share this machine's
//! two cores.
//!
//! Beside it, in the same run and on the same disk, a bare durable insert loop (one SQLite
//! connection through rusqlite, WAL, `synchronous=FULL`, one row of the size of a stored
//! request per transaction) measures what the disk allows just before and just after the POSTs,
//! and the POST rate is printed as a fraction of the faster of the two: the figure to watch,
//! since both move with the machine.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use fwportal_core::calendar::{to_jst, BusinessCalendar};
use fwportal_core::eligibility::{contract_year, ContractTerms, Period, SupportLevel};
use fwportal_server::config::ServeConfig;
use fwportal_server::db;
use fwportal_server::intake::{self, NewRequest};
use fwportal_server::startup::Server;
use fwportal_server::tokens::sha256;
use serde_json::{json, Value};

const SEEDED: usize = 100_000;
const POSTS: usize = 2_000;
const GETS: usize = 5_000;
const CONCURRENCY: usize = 16;
const SEED_TOKEN: &str = "bench-token";
const BARE_ROWS: usize = 5_000;
const QUEUES: usize = 2_000;
/// The desk's queue as staff page through it: no filter, a status, a work-date range, a
/// contract, a serial number, a later page.
const QUEUE_QUERIES: [&str; 6] = [
    "",
    "?status=in_review",
    "?work_from=2027-06-01&work_to=2027-06-30&status=received,agreed",
    "?contract=PC-SEED-4242",
    "?serial=SGH0031337",
    "?status=agreed&page=40",
];

fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn body(contract: &str) -> Value {
    let calendar = BusinessCalendar::default();
    let now = Utc::now();
    let work = calendar
        .earliest_work_date(calendar.received_on(&now).unwrap_or_default())
        .unwrap_or_default()
        .checked_add_days(Days::new(7))
        .unwrap_or_default();
    let today = to_jst(&now).date_naive();
    let start = iso(today - Days::new(30));
    let end = iso(today + Days::new(1000));
    json!({
        "kind": "update_work",
        "contact": {"company": "株式会社ベンチマーク", "name": "負荷 太郎",
                    "email": "load@example.co.jp", "phone": "03-1234-5678"},
        "contract": {"number": contract, "support_level": "proactive_care",
                     "proactive_care_start": start, "proactive_care_end": end,
                     "option_start": start, "option_end": end},
        "servers": [{"model": "HPE ProLiant DL380 Gen11", "serial_number": "CZJ0000001", "firmware": []}],
        "update_method": "firmware", "target_version": "U54 v2.30",
        "work_date": iso(work), "work_start_time": "22:00", "alternative_work_date": "",
        "site_address": "東京都江東区有明1-2-3", "onsite_contact": "",
        "acknowledgements": ["R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"], "notes": "",
        "privacy_consent": true
    })
}

async fn seed(database: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let pool = db::connect(database).await?;
    let seed = body("PC-SEED");
    let payload = seed.to_string();
    // Each seeded request is its contract's first: its terms go on file with it, and its
    // contract year counts from the stored option start (R4; the database refuses otherwise).
    let day = |field: &Value| {
        chrono::NaiveDate::parse_from_str(field.as_str().unwrap_or_default(), "%Y-%m-%d")
    };
    let contract = &seed["contract"];
    let terms = ContractTerms {
        support_level: SupportLevel::ProactiveCare,
        proactive_care: Period::new(
            day(&contract["proactive_care_start"])?,
            day(&contract["proactive_care_end"])?,
        ),
        option: Period::new(
            day(&contract["option_start"])?,
            day(&contract["option_end"])?,
        ),
    };
    let work_date = day(&seed["work_date"])?;
    let year_start = contract_year(terms.option.start, work_date).map(|year| year.first_day);
    let hash = sha256(SEED_TOKEN.as_bytes());
    let mut references = Vec::with_capacity(SEEDED);
    // Migrated by `db::connect` above; rows go in through the intake's own statements.
    pool.close().await;
    let mut conn = rusqlite::Connection::open(database)?;
    let tx = conn.transaction()?;
    let now = Utc::now();
    for n in 0..SEEDED {
        let reference = intake::next_reference(&tx, 2020)?.to_string();
        let contract_number = format!("PC-SEED-{n}");
        intake::file_contract(&tx, &contract_number, "負荷試験株式会社", &terms, now)?;
        intake::insert_request(
            &tx,
            &NewRequest {
                reference: &reference,
                kind: "update_work",
                contract_number: &contract_number,
                work_date: Some(work_date),
                contract_year_start: year_start,
                status: "received",
                received_at: now,
                received_on: None,
                access_token_hash: &hash,
                payload: &payload,
                lang: fwportal_core::i18n::Lang::Ja,
            },
        )?;
        references.push(reference);
    }
    tx.commit()?;
    Ok(references)
}

/// Makes the seeded requests a queue like a real one, after the seed and without touching how
/// it inserts: work dates over two years, statuses of every stage, receipts a minute apart, one
/// serial number per request (the desk's serial search finds one).
async fn shape_queue(database: &std::path::Path) -> anyhow::Result<()> {
    let pool = db::connect(database).await?;
    let now = Utc::now();
    let today = to_jst(&now).date_naive().format("%Y-%m-%d").to_string();
    sqlx::query(
        "UPDATE requests SET
            work_date = date(?1, '+' || (id % 730) || ' days'),
            status = CASE id % 5 WHEN 0 THEN 'received' WHEN 1 THEN 'in_review'
                     WHEN 2 THEN 'agreed' WHEN 3 THEN 'scheduled' ELSE 'completed' END,
            received_at = strftime('%Y-%m-%dT%H:%M:%fZ', ?2, '-' || id || ' minutes'),
            payload = json_set(payload, '$.servers[0].serial_number', printf('SGH%07d', id))",
    )
    .bind(&today)
    .bind(now.format("%Y-%m-%d %H:%M:%S").to_string())
    .execute(&pool)
    .await?;
    sqlx::query("UPDATE request_serials SET serial_number = printf('SGH%07d', request_id)")
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(())
}

/// Puts the seed on the disk before anything is measured: the WAL copied into the database
/// file, then every dirty page of the machine written out (`sync`). Otherwise the kernel
/// writes the seed's hundreds of megabytes back while the first loops run, and whichever runs
/// then waits behind it (one run measured the bare loop at 413/s, the next at 9,148/s).
fn settle(database: &std::path::Path) -> anyhow::Result<()> {
    let conn = rusqlite::Connection::open(database)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(conn);
    std::fs::File::open(database)?.sync_all()?;
    // Best effort: where there is no `sync` command, the file's own sync above stands.
    let _ = std::process::Command::new("sync").status();
    Ok(())
}

/// CPU seconds (user + system) used so far by this process's threads whose name starts with
/// `prefix` ("" for all), from `/proc` (Linux; none elsewhere). Clock ticks are 1/100 s.
fn cpu_seconds(prefix: &str) -> Option<f64> {
    let mut ticks = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let Ok(stat) = std::fs::read_to_string(task.ok()?.path().join("stat")) else {
            continue;
        };
        // "tid (name) state ppid …": the name may hold spaces, so split at the last ')'.
        let (head, rest) = stat.rsplit_once(')')?;
        let name = head.split_once('(')?.1;
        if !name.starts_with(prefix) {
            continue;
        }
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        ticks += fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    }
    Some(ticks as f64 / 100.0)
}

/// Prints a line of figures; returns the rate per second.
fn report(name: &str, mut latencies: Vec<Duration>, elapsed: Duration) -> f64 {
    latencies.sort();
    let pick = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let rate = latencies.len() as f64 / elapsed.as_secs_f64();
    println!(
        "{name:<5} {:>6} requests  {:>8.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms",
        latencies.len(),
        rate,
        pick(0.50).as_secs_f64() * 1000.0,
        pick(0.99).as_secs_f64() * 1000.0,
    );
    rate
}

/// Runs [`bare_inserts`] on a fresh file and reports it; returns rows per second.
async fn bare_run(database: std::path::PathBuf) -> anyhow::Result<f64> {
    let payload = body("PC-BARE").to_string();
    let (latencies, elapsed) =
        tokio::task::spawn_blocking(move || bare_inserts(&database, &payload)).await??;
    Ok(report("bare", latencies, elapsed))
}

/// The bare durable insert loop: what one SQLite connection on this disk commits per second
/// when it does nothing else. Blocking, on purpose: nothing else runs meanwhile.
fn bare_inserts(
    database: &std::path::Path,
    payload: &str,
) -> anyhow::Result<(Vec<Duration>, Duration)> {
    let conn = rusqlite::Connection::open(database)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch("CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")?;
    let mut latencies = Vec::with_capacity(BARE_ROWS);
    let started = Instant::now();
    for _ in 0..BARE_ROWS {
        let t = Instant::now();
        conn.execute_batch("BEGIN IMMEDIATE")?;
        conn.execute("INSERT INTO rows (payload) VALUES (?1)", [payload])?;
        conn.execute_batch("COMMIT")?;
        latencies.push(t.elapsed());
    }
    Ok((latencies, started.elapsed()))
}

/// Runs `total` calls of `call(i)` over `CONCURRENCY` workers; returns latencies and wall time.
async fn drive<F, Fut>(total: usize, call: F) -> (Vec<Duration>, Duration)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let call = Arc::new(call);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (call, next) = (call.clone(), next.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= total {
                        break latencies;
                    }
                    let t = Instant::now();
                    assert!(call(i).await, "request {i} failed");
                    latencies.push(t.elapsed());
                }
            })
        })
        .collect();
    let mut all = Vec::with_capacity(total);
    for worker in workers {
        all.extend(worker.await.expect("worker"));
    }
    (all, started.elapsed())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::TempDir::new()?;
    let database = dir.path().join("portal.db");
    let t = Instant::now();
    let references = Arc::new(seed(&database).await?);
    shape_queue(&database).await?;
    settle(&database)?;
    println!(
        "seeded {SEEDED} requests in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let bare_before = bare_run(dir.path().join("bare-before.db")).await?;

    let config_database = database.clone();
    let mut config = ServeConfig::new("127.0.0.1:0".parse()?, database, dir.path().join("dist"));
    config.rate_burst = u32::MAX;
    config.lookup_burst = u32::MAX;
    let server = Server::bind(config).await?;
    let base = Arc::new(format!("http://{}", server.local_addr()?));
    tokio::spawn(server.run(std::future::pending()));
    let client = reqwest::Client::new();

    // One body made before the clock starts: building the calendar (every holiday from 1970)
    // for each request would be the client's work, and it shares the server's two cores.
    let template = Arc::new(body("PC-LOAD"));
    let (cpu_before, writer_before) = (cpu_seconds(""), cpu_seconds("fwportal-writer"));
    let (c, b, t) = (client.clone(), base.clone(), template.clone());
    let (latencies, elapsed) = drive(POSTS, move |i| {
        let (client, base) = (c.clone(), b.clone());
        let mut body = Value::clone(&t);
        body["contract"]["number"] = Value::String(format!("PC-LOAD-{i}"));
        async move {
            client
                .post(format!("{base}/api/requests"))
                .header("idempotency-key", uuid::Uuid::new_v4().to_string())
                .json(&body)
                .send()
                .await
                .is_ok_and(|r| r.status() == reqwest::StatusCode::CREATED)
        }
    })
    .await;
    let posts = report("POST", latencies, elapsed);
    // Where the time goes: the whole process (client, server and writer share the two cores)
    // and the writer's thread alone, per request.
    if let (Some(a), Some(b), Some(wa), Some(wb)) = (
        cpu_before,
        cpu_seconds(""),
        writer_before,
        cpu_seconds("fwportal-writer"),
    ) {
        println!(
            "      CPU per POST: {:.0} µs in all (client included), {:.0} µs in the writer's thread; {:.0}% of the two cores busy",
            (b - a) / POSTS as f64 * 1e6,
            (wb - wa) / POSTS as f64 * 1e6,
            (b - a) / elapsed.as_secs_f64() / 2.0 * 100.0
        );
    }
    // The disk's speed drifts with other work on the machine: measure it again right after the
    // POSTs and compare with the faster of the two, what the disk can do (the stricter ratio).
    let bare_after = bare_run(dir.path().join("bare-after.db")).await?;
    let bare = bare_before.max(bare_after);

    let (c, b) = (client.clone(), base.clone());
    let (latencies, elapsed) = drive(GETS, move |i| {
        let (client, base, references) = (c.clone(), b.clone(), references.clone());
        async move {
            let reference = &references[(i * 7919) % references.len()];
            client
                .get(format!("{base}/api/requests/{reference}"))
                .bearer_auth(SEED_TOKEN)
                .send()
                .await
                .is_ok_and(|r| r.status() == reqwest::StatusCode::OK)
        }
    })
    .await;
    report("GET", latencies, elapsed);
    // The desk: one staff member, signed in with the TOTP code of the secret just issued.
    let pool = db::connect(&config_database).await?;
    let issued = fwportal_server::staff::add(
        &pool,
        "bench@example.co.jp",
        "負荷 花子",
        fwportal_server::staff::Role::Desk,
        "correct horse battery staple 42",
        "bench",
        Utc::now(),
    )
    .await?;
    pool.close().await;
    let code = totp_rs::TOTP::from_url(&issued.otpauth_uri)?.generate_current()?;
    let signed_in = client
        .post(format!("{base}/api/desk/session"))
        .json(&json!({"email": "bench@example.co.jp", "password": "correct horse battery staple 42", "code": code}))
        .send()
        .await?;
    anyhow::ensure!(
        signed_in.status() == reqwest::StatusCode::NO_CONTENT,
        "desk sign-in failed: {}",
        signed_in.status()
    );
    let cookie = Arc::new(
        signed_in
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or_default()
            .to_owned(),
    );
    let (c, b, k) = (client.clone(), base.clone(), cookie.clone());
    let (latencies, elapsed) = drive(QUEUES, move |i| {
        let (client, base, cookie) = (c.clone(), b.clone(), k.clone());
        async move {
            let query = QUEUE_QUERIES[i % QUEUE_QUERIES.len()];
            client
                .get(format!("{base}/api/desk/requests{query}"))
                .header("cookie", cookie.as_str())
                .send()
                .await
                .is_ok_and(|r| r.status() == reqwest::StatusCode::OK)
        }
    })
    .await;
    report("QUEUE", latencies, elapsed);
    // Each query alone, one client: what a desk member waits for.
    for query in QUEUE_QUERIES {
        let mut alone = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let ok = client
                .get(format!("{base}/api/desk/requests{query}"))
                .header("cookie", cookie.as_str())
                .send()
                .await
                .is_ok_and(|r| r.status() == reqwest::StatusCode::OK);
            anyhow::ensure!(ok, "queue query {query:?} failed");
            alone.push(t.elapsed());
        }
        alone.sort();
        println!(
            "  queue{query:<62} p50 {:>6.2} ms alone",
            alone[alone.len() / 2].as_secs_f64() * 1000.0
        );
    }
    println!(
        "POST/bare {:.2}  (the API's durable submissions as a fraction of the faster bare insert loop)",
        posts / bare
    );
    println!(
        "(database: {} requests; {CONCURRENCY} concurrent clients on loopback; bare: one connection, {BARE_ROWS} rows, one a transaction)",
        SEEDED + POSTS
    );
    Ok(())
}
