//! The request store: SQLite in WAL mode, migrations embedded in the binary.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use fwportal_core::request::{Reference, ValidRequest};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

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
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// A request as stored.
#[derive(Debug, Clone, Serialize)]
pub struct StoredRequest {
    pub reference: String,
    pub contract_number: String,
    pub work_date: String,
    pub status: String,
    pub received_at: DateTime<Utc>,
}

/// Stores a validated request under a new reference of `received_at`'s year (Japan time) and
/// returns it. The row is committed when this returns.
pub async fn insert_request(
    pool: &SqlitePool,
    request: &ValidRequest,
    reference_year: i32,
    received_at: DateTime<Utc>,
) -> Result<StoredRequest, DbError> {
    let mut tx = pool.begin().await?;
    let sequence: i64 = sqlx::query(
        "INSERT INTO reference_counters (year, last) VALUES (?1, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1
         RETURNING last",
    )
    .bind(reference_year)
    .fetch_one(&mut *tx)
    .await?
    .try_get("last")?;
    let reference = u32::try_from(sequence)
        .ok()
        .and_then(|sequence| Reference::new(reference_year, sequence))
        .ok_or(DbError::ReferencesExhausted(reference_year))?;
    let stored = StoredRequest {
        reference: reference.to_string(),
        contract_number: request.contract_number.to_string(),
        work_date: request.work_date.to_string(),
        status: "received".to_owned(),
        received_at,
    };
    let payload = serde_json::json!({
        "contract_number": stored.contract_number,
        "work_date": stored.work_date,
    });
    sqlx::query(
        "INSERT INTO requests (reference, contract_number, work_date, status, received_at, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&stored.reference)
    .bind(&stored.contract_number)
    .bind(&stored.work_date)
    .bind(&stored.status)
    .bind(received_at.to_rfc3339())
    .bind(payload.to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(stored)
}

/// Finds a request by its reference.
pub async fn find_request(
    pool: &SqlitePool,
    reference: &Reference,
) -> Result<Option<StoredRequest>, DbError> {
    let row = sqlx::query(
        "SELECT reference, contract_number, work_date, status, received_at
         FROM requests WHERE reference = ?1",
    )
    .bind(reference.to_string())
    .fetch_optional(pool)
    .await?;
    row.map(|row| -> Result<StoredRequest, DbError> {
        let received_at: String = row.try_get("received_at")?;
        let received_at = DateTime::parse_from_rfc3339(&received_at)
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?
            .with_timezone(&Utc);
        Ok(StoredRequest {
            reference: row.try_get("reference")?,
            contract_number: row.try_get("contract_number")?,
            work_date: row.try_get("work_date")?,
            status: row.try_get("status")?,
            received_at,
        })
    })
    .transpose()
}
