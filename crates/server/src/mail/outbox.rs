//! The `outbox` table: queue a mail in the caller's transaction, find the rows due, mark them
//! sent or failed (with exponential backoff), list and retry them for the operator.

use chrono::{DateTime, TimeDelta, Utc};
use fwportal_core::i18n::Lang;
use fwportal_core::preparation::PreparationList;
use serde::Serialize;
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::{Attachment, Audience, Mail};
use crate::db::{timestamp, DbError};
use crate::staff::parse_time;

/// The first retry waits this long; each further one twice as long as the one before.
pub const FIRST_RETRY: TimeDelta = TimeDelta::seconds(30);
/// No wait is longer than this.
pub const LONGEST_RETRY: TimeDelta = TimeDelta::hours(1);

/// The wait after `attempts` failed attempts: `first` (30 s by default), then twice as long
/// each time, up to an hour.
///
/// ```
/// use chrono::TimeDelta;
/// use fwportal_server::mail::outbox::{backoff, FIRST_RETRY};
/// assert_eq!(backoff(1, FIRST_RETRY), TimeDelta::seconds(30));
/// assert_eq!(backoff(3, FIRST_RETRY), TimeDelta::seconds(120));
/// assert_eq!(backoff(40, FIRST_RETRY), TimeDelta::hours(1));
/// ```
pub fn backoff(attempts: u32, first: TimeDelta) -> TimeDelta {
    let doublings = attempts.saturating_sub(1).min(16);
    (first * (1i32 << doublings)).min(LONGEST_RETRY)
}

/// The outbox row's statement; [`enqueue`] runs it on a sqlx connection, [`enqueue_on`] on the
/// intake writer's (a submission's receipt is queued in the submission's transaction).
const ENQUEUE: &str =
    "INSERT INTO outbox (created_at, request_id, kind, audience, address, lang, subject, body,
                         attachments, next_attempt_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?1) RETURNING id";

/// The `attachments` column: the files as a JSON array, or, with a preparation list to write
/// out when the mail is read, `{"files": […], "preparation_list": {…}}`.
#[derive(Serialize, serde::Deserialize)]
#[serde(untagged)]
enum StoredAttachments<F, L> {
    Files(F),
    WithList { files: F, preparation_list: L },
}

/// The columns of `mail`'s row that are not plain fields: audience, address, language and the
/// attachments as JSON.
fn columns(mail: &Mail) -> Result<(&'static str, Option<&str>, &'static str, String), DbError> {
    let (audience, address) = match &mail.audience {
        Audience::Customer(address) => ("customer", Some(address.as_str())),
        Audience::Desk => ("desk", None),
    };
    let lang = mail.lang.tag();
    let stored = match &mail.preparation {
        None => StoredAttachments::Files(&mail.attachments),
        Some(list) => StoredAttachments::WithList {
            files: &mail.attachments,
            preparation_list: list,
        },
    };
    let attachments =
        serde_json::to_string(&stored).map_err(|e| DbError::Corrupt(e.to_string()))?;
    Ok((audience, address, lang, attachments))
}

/// Queues `mail` about the request `request_id` in the caller's transaction.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    request_id: Option<i64>,
    mail: &Mail,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (audience, address, lang, attachments) = columns(mail)?;
    Ok(sqlx::query_scalar(ENQUEUE)
        .bind(timestamp(now))
        .bind(request_id)
        .bind(mail.kind)
        .bind(audience)
        .bind(address)
        .bind(lang)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(attachments)
        .fetch_one(&mut *conn)
        .await?)
}

/// [`enqueue`] on the intake writer's connection (crate::writer).
pub fn enqueue_on(
    conn: &rusqlite::Connection,
    request_id: Option<i64>,
    mail: &Mail,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (audience, address, lang, attachments) = columns(mail)?;
    Ok(conn.prepare_cached(ENQUEUE)?.query_row(
        rusqlite::params![
            timestamp(now),
            request_id,
            mail.kind,
            audience,
            address,
            lang,
            mail.subject,
            mail.body,
            attachments,
        ],
        |row| row.get(0),
    )?)
}

/// A queued mail as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Queued {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub kind: String,
    pub audience: String,
    pub address: Option<String>,
    pub lang: String,
    pub subject: String,
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub attachments: Vec<Attachment>,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, created_at, kind, audience, address, lang, subject, body, attachments,
                       attempts, next_attempt_at, last_error, sent_at";

/// The files of an `attachments` column, the preparation list written out in `lang`.
fn attachments(column: &str, lang: &str) -> Result<Vec<Attachment>, DbError> {
    let stored: StoredAttachments<Vec<Attachment>, PreparationList> =
        serde_json::from_str(column).map_err(|e| DbError::Corrupt(format!("attachments: {e}")))?;
    Ok(match stored {
        StoredAttachments::Files(files) => files,
        StoredAttachments::WithList {
            mut files,
            preparation_list,
        } => {
            let lang = Lang::from_tag(lang).unwrap_or_default();
            files.extend(super::compose::preparation_files(&preparation_list, lang));
            files
        }
    })
}

fn queued(row: &sqlx::sqlite::SqliteRow) -> Result<Queued, DbError> {
    let column: String = row.try_get("attachments")?;
    let lang: String = row.try_get("lang")?;
    Ok(Queued {
        id: row.try_get("id")?,
        created_at: parse_time(&row.try_get::<String, _>("created_at")?)?,
        kind: row.try_get("kind")?,
        audience: row.try_get("audience")?,
        address: row.try_get("address")?,
        attachments: attachments(&column, &lang)?,
        lang,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: parse_time(&row.try_get::<String, _>("next_attempt_at")?)?,
        last_error: row.try_get("last_error")?,
        sent_at: row
            .try_get::<Option<String>, _>("sent_at")?
            .map(|t| parse_time(&t))
            .transpose()?,
    })
}

/// Unsent rows whose time has come, oldest first; the desk's only with a desk mailbox (without
/// one they wait, unsent, for the setting).
pub async fn due(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    limit: i64,
    desk: bool,
) -> Result<Vec<Queued>, DbError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ?1
           AND (?3 OR audience = 'customer')
         ORDER BY id LIMIT ?2"
    ))
    .bind(timestamp(now))
    .bind(limit)
    .bind(desk)
    .fetch_all(pool)
    .await?;
    rows.iter().map(queued).collect()
}

/// Every row (`unsent_only`: those not sent yet), oldest first.
pub async fn list(pool: &SqlitePool, unsent_only: bool) -> Result<Vec<Queued>, DbError> {
    let filter = if unsent_only {
        "WHERE sent_at IS NULL"
    } else {
        ""
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outbox {filter} ORDER BY id"
    ))
    .fetch_all(pool)
    .await?;
    rows.iter().map(queued).collect()
}

pub async fn mark_sent(pool: &SqlitePool, id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    // A new key is kept no longer than needed to send it.
    sqlx::query(
        "UPDATE outbox SET sent_at = ?1, attempts = attempts + 1, last_error = NULL,
                body = CASE kind WHEN 'new_key' THEN '(the key is removed once sent)' ELSE body END
         WHERE id = ?2",
    )
    .bind(timestamp(now))
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_failed(
    pool: &SqlitePool,
    row: &Queued,
    error: &str,
    first_retry: TimeDelta,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let attempts = u32::try_from(row.attempts.saturating_add(1)).unwrap_or(u32::MAX);
    sqlx::query(
        "UPDATE outbox SET attempts = ?1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?4",
    )
    .bind(i64::from(attempts))
    .bind(error.chars().take(500).collect::<String>())
    .bind(timestamp(now + backoff(attempts, first_retry)))
    .bind(row.id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Makes unsent rows due now (all, or the one with `id`); how many.
pub async fn retry(pool: &SqlitePool, id: Option<i64>, now: DateTime<Utc>) -> Result<u64, DbError> {
    Ok(sqlx::query(
        "UPDATE outbox SET next_attempt_at = ?1 WHERE sent_at IS NULL AND (?2 IS NULL OR id = ?2)",
    )
    .bind(timestamp(now))
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected())
}

/// How many mails of `kind` were queued for the request since `since` (the new-key limit).
pub async fn count_since(
    conn: &mut SqliteConnection,
    request_id: i64,
    kind: &str,
    since: DateTime<Utc>,
) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE request_id = ?1 AND kind = ?2 AND created_at >= ?3",
    )
    .bind(request_id)
    .bind(kind)
    .bind(timestamp(since))
    .fetch_one(&mut *conn)
    .await?)
}
