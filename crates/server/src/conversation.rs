//! The stored conversation of a request (issue 16): messages both ways, the customer's pending
//! change of the work date, the language the customer wrote in, and the work as planned now.
//! Every function runs in the caller's connection or transaction.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use fwportal_core::i18n::Lang;
use fwportal_core::lifecycle::customer::DateChange;
use fwportal_core::lifecycle::StepRecord;
use fwportal_core::request::fields::parse_time;
use serde::Serialize;
use sqlx::{Row, SqliteConnection};
use utoipa::ToSchema;

use crate::db::{timestamp, DbError};
use crate::lifecycle::{DeskRequest, Event};
use crate::staff::parse_time as parse_instant;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Desk,
    Customer,
}

impl Author {
    fn as_str(self) -> &'static str {
        match self {
            Author::Desk => "desk",
            Author::Customer => "customer",
        }
    }
}

/// One message as the desk reads it (with the staff member who wrote it).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Message {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub author: Author,
    /// The staff member (desk messages; never shown to the customer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_name: Option<String>,
    pub body: String,
    /// When the desk first read it (customer messages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_at: Option<DateTime<Utc>>,
}

/// The messages of a request, oldest first.
pub async fn messages(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<Vec<Message>, DbError> {
    let rows = sqlx::query(
        "SELECT m.id, m.at, m.author, s.name, m.body, m.read_at
         FROM request_messages AS m LEFT JOIN staff AS s ON s.id = m.staff_id
         WHERE m.request_id = ?1 ORDER BY m.id",
    )
    .bind(request_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let author: String = row.try_get("author")?;
            Ok(Message {
                id: row.try_get("id")?,
                at: parse_instant(&row.try_get::<String, _>("at")?)?,
                author: if author == "desk" {
                    Author::Desk
                } else {
                    Author::Customer
                },
                staff_name: row.try_get("name")?,
                body: row.try_get("body")?,
                read_at: row
                    .try_get::<Option<String>, _>("read_at")?
                    .map(|t| parse_instant(&t))
                    .transpose()?,
            })
        })
        .collect()
}

/// Stores a message (already checked by `fwportal_core::lifecycle::customer::message`).
pub async fn add_message(
    conn: &mut SqliteConnection,
    request_id: i64,
    author: Author,
    staff: Option<(i64, &str)>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<Message, DbError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO request_messages (request_id, at, author, staff_id, body)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(request_id)
    .bind(timestamp(now))
    .bind(author.as_str())
    .bind(staff.map(|s| s.0))
    .bind(body)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Message {
        id,
        at: now,
        author,
        staff_name: staff.map(|s| s.1.to_owned()),
        body: body.to_owned(),
        read_at: None,
    })
}

/// Marks the customer's messages read (the desk opened the conversation); how many were new.
pub async fn mark_read(
    conn: &mut SqliteConnection,
    request_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    Ok(sqlx::query(
        "UPDATE request_messages SET read_at = ?1
         WHERE request_id = ?2 AND author = 'customer' AND read_at IS NULL",
    )
    .bind(timestamp(now))
    .bind(request_id)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// A change of the work date waiting for the desk.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PendingChange {
    #[serde(skip)]
    pub id: i64,
    pub asked_at: DateTime<Utc>,
    pub work_date: NaiveDate,
    /// `HH:MM`, Japan time.
    pub work_start_time: String,
    /// R5: the business day the asking counts as received on.
    pub received_on: NaiveDate,
}

impl PendingChange {
    pub fn change(&self) -> Result<DateChange, DbError> {
        Ok(DateChange {
            work_date: self.work_date,
            work_start_time: parse_time(&self.work_start_time)
                .map_err(|_| DbError::Corrupt(format!("time {:?}", self.work_start_time)))?,
        })
    }
}

fn day(text: &str) -> Result<NaiveDate, DbError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| DbError::Corrupt(format!("{text:?}: {e}")))
}

pub async fn pending_change(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<Option<PendingChange>, DbError> {
    let row = sqlx::query(
        "SELECT id, asked_at, work_date, work_start_time, received_on FROM date_changes
         WHERE request_id = ?1 AND state = 'pending'",
    )
    .bind(request_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(PendingChange {
            id: row.try_get("id")?,
            asked_at: parse_instant(&row.try_get::<String, _>("asked_at")?)?,
            work_date: day(&row.try_get::<String, _>("work_date")?)?,
            work_start_time: row.try_get("work_start_time")?,
            received_on: day(&row.try_get::<String, _>("received_on")?)?,
        })
    })
    .transpose()
}

pub async fn ask_change(
    conn: &mut SqliteConnection,
    request_id: i64,
    change: DateChange,
    received_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<PendingChange, DbError> {
    let time = change.work_start_time.format("%H:%M").to_string();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO date_changes (request_id, asked_at, work_date, work_start_time, received_on)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(request_id)
    .bind(timestamp(now))
    .bind(change.work_date.format("%Y-%m-%d").to_string())
    .bind(&time)
    .bind(received_on.format("%Y-%m-%d").to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(PendingChange {
        id,
        asked_at: now,
        work_date: change.work_date,
        work_start_time: time,
        received_on,
    })
}

/// Closes a pending change: `accepted`, `declined`, or `withdrawn` (the request was cancelled).
pub async fn close_change(
    conn: &mut SqliteConnection,
    change_id: i64,
    state: &str,
    staff_id: Option<i64>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE date_changes SET state = ?1, answered_at = ?2, staff_id = ?3, note = ?4
         WHERE id = ?5 AND state = 'pending'",
    )
    .bind(state)
    .bind(timestamp(now))
    .bind(staff_id)
    .bind(note)
    .bind(change_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The language the customer submitted in.
pub async fn lang(conn: &mut SqliteConnection, request_id: i64) -> Result<Lang, DbError> {
    let lang: Option<String> = sqlx::query_scalar("SELECT lang FROM requests WHERE id = ?1")
        .bind(request_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match lang.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    })
}

/// Records the language a request was submitted in.
pub async fn set_lang(
    conn: &mut SqliteConnection,
    reference: &str,
    lang: Lang,
) -> Result<(), DbError> {
    sqlx::query("UPDATE requests SET lang = ?1 WHERE reference = ?2")
        .bind(lang.tag())
        .bind(reference)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The work as planned now: the last agreed or accepted date and start time, else what the
/// customer asked for. `None` for a consultation (or a payload without a readable date).
pub fn planned_work(request: &DeskRequest, events: &[Event]) -> Option<(NaiveDate, NaiveTime)> {
    let decided = events.iter().rev().find_map(|e| match &e.record {
        StepRecord::Agreement {
            work_date,
            work_start_time,
            ..
        }
        | StepRecord::DateChange {
            accepted: true,
            work_date,
            work_start_time,
        } => Some((*work_date, *work_start_time)),
        _ => None,
    });
    decided.or_else(|| {
        let date = request.work_date?;
        let time = parse_time(&request.payload.work_start_time).ok()?;
        Some((date, time))
    })
}

/// The access key's hash, to check a customer's Bearer token.
pub async fn access_token_hash(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<Vec<u8>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT access_token_hash FROM requests WHERE id = ?1")
            .bind(request_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Replaces the access key: the old one stops working at once.
pub async fn replace_access_token(
    conn: &mut SqliteConnection,
    request_id: i64,
    hash: &[u8],
) -> Result<(), DbError> {
    sqlx::query("UPDATE requests SET access_token_hash = ?1 WHERE id = ?2")
        .bind(hash)
        .bind(request_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
