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
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the write did not complete: {0}")]
    Writer(#[from] crate::writer::WriterError),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("no reference numbers left for {0}")]
    ReferencesExhausted(i32),
    #[error("a stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("no database at {0}")]
    Missing(String),
    #[error("{0} is not a portal database (it has no requests table)")]
    NotAPortalDatabase(String),
}

impl DbError {
    /// A uniqueness constraint refused the write.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbError::Sqlx(sqlx::Error::Database(e)) => e.is_unique_violation(),
            DbError::Sqlite(e) => unique_violation_message(e).is_some(),
            _ => false,
        }
    }

    /// R4's unique index (`requests_once_a_year`) refused the write: another update work of
    /// the contract year was stored first. Any other refusal (a reference handed out twice…)
    /// is a fault of ours, not the customer's second booking.
    pub fn is_once_a_year_violation(&self) -> bool {
        match self {
            DbError::Sqlx(sqlx::Error::Database(e)) => {
                e.is_unique_violation() && e.message().contains("contract_year_start")
            }
            DbError::Sqlite(e) => {
                unique_violation_message(e).is_some_and(|m| m.contains("contract_year_start"))
            }
            _ => false,
        }
    }
}

/// SQLite's message for a refused uniqueness constraint, if `error` is one.
fn unique_violation_message(error: &rusqlite::Error) -> Option<&str> {
    match error {
        rusqlite::Error::SqliteFailure(failure, message)
            if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Some(message.as_deref().unwrap_or_default())
        }
        _ => None,
    }
}

/// Opens (creating if needed) and migrates the database at `path`.
pub async fn connect(path: &Path) -> Result<SqlitePool, DbError> {
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options(path)?)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

fn options(path: &Path) -> Result<SqliteConnectOptions, DbError> {
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
        // FULL: the WAL is synced to the disk at every commit, before the 201, so that an
        // acknowledged request is meant to outlive a power cut, not only the process. The crash
        // test shows the process case only (tests/crash.rs says why).
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    Ok(options)
}

/// Opens an existing database for reading only: no migration, no write, no file created. The
/// operators' commands use it on the live file while the portal runs, so that a command of
/// another version can neither change the schema under the server nor fail on a schema
/// newer than it knows; it reads only columns every version has.
pub async fn open_read_only(path: &Path) -> Result<SqlitePool, DbError> {
    if !path.is_file() {
        return Err(DbError::Missing(path.display().to_string()));
    }
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let has_requests: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'requests')",
    )
    .fetch_one(&pool)
    .await?;
    if !has_requests {
        pool.close().await;
        return Err(DbError::NotAPortalDatabase(path.display().to_string()));
    }
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

pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, DbError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| DbError::Corrupt(format!("date {text:?}: {e}")))
}

pub(crate) fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// R4: the facts stored with the contract's first accepted request, if it has one (the
/// customer's later changes read them; submissions use [`crate::intake::contract_on_file`]).
pub async fn contract_on_file(
    conn: &mut SqliteConnection,
    contract_number: &str,
) -> Result<Option<fwportal_core::eligibility::ContractTerms>, DbError> {
    let row = sqlx::query(crate::intake::CONTRACT_TERMS)
        .bind(contract_number)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut columns: [String; 5] = Default::default();
    for (index, column) in columns.iter_mut().enumerate() {
        *column = row.try_get(index)?;
    }
    crate::intake::terms_from_columns(columns).map(Some)
}

/// A contract as the registry holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredContract {
    pub record: fwportal_core::registry::ContractRecord,
    /// `request` (filed from the first accepted request, unconfirmed) or `registry`.
    pub source: String,
}

/// The contract `contract_number` with its customer and where its terms come from.
pub async fn registered_contract(
    conn: &mut SqliteConnection,
    contract_number: &str,
) -> Result<Option<RegisteredContract>, DbError> {
    let row = sqlx::query(
        "SELECT contract_number, customer, support_level, proactive_care_start,
                proactive_care_end, option_start, option_end, source
         FROM contracts WHERE contract_number = ?1",
    )
    .bind(contract_number)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let text = |column: &str| -> Result<String, DbError> { Ok(row.try_get::<String, _>(column)?) };
    let draft = fwportal_core::registry::ContractRecordDraft {
        contract_number: text("contract_number")?,
        // A contract filed from a request before the registry has no customer name yet.
        customer: match text("customer")?.as_str() {
            "" => "-".to_owned(),
            name => name.to_owned(),
        },
        support_level: text("support_level")?,
        proactive_care_start: text("proactive_care_start")?,
        proactive_care_end: text("proactive_care_end")?,
        option_start: text("option_start")?,
        option_end: text("option_end")?,
    };
    let record = draft.parse().map_err(|problems| {
        DbError::Corrupt(format!("contract {contract_number}: {problems:?}"))
    })?;
    Ok(Some(RegisteredContract {
        record,
        source: text("source")?,
    }))
}

/// Writes `record` into the registry (insert or replace its terms), as confirmed.
pub async fn register_contract(
    conn: &mut SqliteConnection,
    record: &fwportal_core::registry::ContractRecord,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let terms = &record.terms;
    sqlx::query(
        "INSERT INTO contracts (contract_number, customer, support_level, proactive_care_start,
                                proactive_care_end, option_start, option_end, created_at,
                                source, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'registry', ?8)
         ON CONFLICT (contract_number) DO UPDATE SET
             customer = excluded.customer, support_level = excluded.support_level,
             proactive_care_start = excluded.proactive_care_start,
             proactive_care_end = excluded.proactive_care_end,
             option_start = excluded.option_start, option_end = excluded.option_end,
             source = 'registry', updated_at = excluded.updated_at",
    )
    .bind(record.number.as_str())
    .bind(record.customer.as_str())
    .bind(terms.support_level.as_str())
    .bind(day(terms.proactive_care.start))
    .bind(day(terms.proactive_care.end))
    .bind(day(terms.option.start))
    .bind(day(terms.option.end))
    .bind(timestamp(at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether the contract has update work that holds a contract year (R4: every status but
/// cancelled). Its option start then cannot move: the years its requests hold count from it.
pub async fn holds_contract_years(
    conn: &mut SqliteConnection,
    contract_number: &str,
) -> Result<bool, DbError> {
    let row = sqlx::query(
        "SELECT EXISTS (SELECT 1 FROM requests WHERE contract_number = ?1
                        AND kind = 'update_work' AND status <> 'cancelled') AS held",
    )
    .bind(contract_number)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get::<i64, _>("held")? != 0)
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
