//! The request store: SQLite in WAL mode, migrations embedded in the binary. Functions take a
//! connection (usually a transaction) so the caller decides what is atomic.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use fwportal_core::request::Reference;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqliteConnection, SqlitePool};

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the folder for the database {path}: {source}")]
    CreateFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("no reference numbers left for {0}")]
    ReferencesExhausted(i32),
    #[error("a stored value is corrupt: {0}")]
    Corrupt(String),
}

impl DbError {
    /// A uniqueness constraint refused the write (e.g. R4's one request a contract year).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, DbError::Sqlx(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

/// Opens (creating if needed) and migrates the database at `path`.
pub async fn connect(path: &Path) -> Result<SqlitePool, DbError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| DbError::CreateFolder {
            path: path.display().to_string(),
            source,
        })?;
    }
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a request answered with 201 survives a power cut, not only a crash.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Timestamps are stored as RFC 3339 in UTC with milliseconds, which sort as text.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, DbError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| DbError::Corrupt(format!("timestamp {text:?}: {e}")))
}

fn parse_day(text: &str) -> Result<NaiveDate, DbError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| DbError::Corrupt(format!("date {text:?}: {e}")))
}

/// A stored answer to an idempotent submission.
pub struct IdempotentAnswer {
    pub body_hash: Vec<u8>,
    pub response: String,
}

pub async fn find_idempotent(
    conn: &mut SqliteConnection,
    key: &str,
) -> Result<Option<IdempotentAnswer>, DbError> {
    let row = sqlx::query("SELECT body_hash, response FROM idempotency_keys WHERE key = ?1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some(row) => Some(IdempotentAnswer {
            body_hash: row.try_get("body_hash")?,
            response: row.try_get("response")?,
        }),
        None => None,
    })
}

/// Forgets idempotency answers older than `before` (they hold access tokens).
pub async fn purge_idempotent(
    conn: &mut SqliteConnection,
    before: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?1")
        .bind(timestamp(before))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn save_idempotent(
    conn: &mut SqliteConnection,
    key: &str,
    body_hash: &[u8],
    reference: &str,
    response: &str,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO idempotency_keys (key, body_hash, reference, response, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(key)
    .bind(body_hash)
    .bind(reference)
    .bind(response)
    .bind(timestamp(at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// R4: the work dates of the contract's accepted update-work requests. A cancelled one no
/// longer holds its contract year (issue 15).
pub async fn earlier_work_dates(
    conn: &mut SqliteConnection,
    contract_number: &str,
) -> Result<Vec<NaiveDate>, DbError> {
    let rows = sqlx::query(
        "SELECT work_date FROM requests
         WHERE contract_number = ?1 AND kind = 'update_work' AND work_date IS NOT NULL
           AND status <> 'cancelled'",
    )
    .bind(contract_number)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| parse_day(&row.try_get::<String, _>("work_date")?))
        .collect()
}

/// The next reference of `year` (Japan time of receipt).
pub async fn next_reference(conn: &mut SqliteConnection, year: i32) -> Result<Reference, DbError> {
    let sequence: i64 = sqlx::query(
        "INSERT INTO reference_counters (year, last) VALUES (?1, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1
         RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut *conn)
    .await?
    .try_get("last")?;
    u32::try_from(sequence)
        .ok()
        .and_then(|sequence| Reference::new(year, sequence))
        .ok_or(DbError::ReferencesExhausted(year))
}

/// A request ready to be stored.
pub struct NewRequest<'a> {
    pub reference: &'a str,
    pub kind: &'a str,
    pub contract_number: &'a str,
    pub work_date: Option<NaiveDate>,
    pub contract_year_start: Option<NaiveDate>,
    pub status: &'a str,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    pub access_token_hash: &'a [u8],
    pub payload: &'a str,
}

pub async fn insert_request(
    conn: &mut SqliteConnection,
    request: &NewRequest<'_>,
) -> Result<(), DbError> {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    sqlx::query(
        "INSERT INTO requests (reference, kind, contract_number, work_date, contract_year_start,
                               status, received_at, received_on, access_token_hash, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .bind(request.reference)
    .bind(request.kind)
    .bind(request.contract_number)
    .bind(request.work_date.map(day))
    .bind(request.contract_year_start.map(day))
    .bind(request.status)
    .bind(timestamp(request.received_at))
    .bind(request.received_on.map(day))
    .bind(request.access_token_hash)
    .bind(request.payload)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A request as stored.
#[derive(Debug, Clone)]
pub struct StoredRequest {
    pub reference: String,
    pub kind: String,
    pub contract_number: String,
    pub work_date: Option<String>,
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<String>,
    pub access_token_hash: Vec<u8>,
    pub payload: String,
}

const STORED_COLUMNS: &str = "reference, kind, contract_number, work_date, status, received_at,
                              received_on, access_token_hash, payload";

fn stored_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<StoredRequest, DbError> {
    Ok(StoredRequest {
        reference: row.try_get("reference")?,
        kind: row.try_get("kind")?,
        contract_number: row.try_get("contract_number")?,
        work_date: row.try_get("work_date")?,
        status: row.try_get("status")?,
        received_at: parse_timestamp(&row.try_get::<String, _>("received_at")?)?,
        received_on: row.try_get("received_on")?,
        access_token_hash: row.try_get("access_token_hash")?,
        payload: row.try_get("payload")?,
    })
}

/// Finds a request by its reference.
pub async fn find_request(
    pool: &SqlitePool,
    reference: &Reference,
) -> Result<Option<StoredRequest>, DbError> {
    let row = sqlx::query(&format!(
        "SELECT {STORED_COLUMNS} FROM requests WHERE reference = ?1"
    ))
    .bind(reference.to_string())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(stored_from_row).transpose()
}

/// Every request, oldest first (operators' listing and export).
pub async fn all_requests(pool: &SqlitePool) -> Result<Vec<StoredRequest>, DbError> {
    let rows = sqlx::query(&format!(
        "SELECT {STORED_COLUMNS} FROM requests ORDER BY id"
    ))
    .fetch_all(pool)
    .await?;
    rows.iter().map(stored_from_row).collect()
}
