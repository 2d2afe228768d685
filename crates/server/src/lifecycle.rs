//! The stored life of a request (issue 15): its current status and version in `requests`,
//! every step as an append-only row of `request_events`, written together in one transaction,
//! and what the customer reads of it.

use chrono::{DateTime, NaiveDate, Utc};
use fwportal_core::i18n::{format_date_both, format_time, Lang};
use fwportal_core::lifecycle::{Actor, Decision, Status, StepRecord};
use fwportal_core::request::{RequestDraft, RequestKind};
use serde::Serialize;
use sqlx::{Row, SqliteConnection};
use utoipa::ToSchema;

use crate::db::{timestamp, DbError};
use crate::staff::{parse_time, StaffMember};

/// A request's columns as the desk works with them.
#[derive(Debug, Clone)]
pub struct DeskRequest {
    pub id: i64,
    pub reference: String,
    pub kind: RequestKind,
    pub status: Status,
    pub version: i64,
    pub contract_number: String,
    pub work_date: Option<NaiveDate>,
    pub contract_year_start: Option<NaiveDate>,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    pub payload: RequestDraft,
}

fn day(text: Option<String>) -> Result<Option<NaiveDate>, DbError> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|e| DbError::Corrupt(format!("date {t:?}: {e}")))
    })
    .transpose()
}

fn kind(text: &str) -> Result<RequestKind, DbError> {
    match text {
        "update_work" => Ok(RequestKind::UpdateWork),
        "version_consultation" => Ok(RequestKind::VersionConsultation),
        other => Err(DbError::Corrupt(format!("kind {other:?}"))),
    }
}

pub fn status(text: &str) -> Result<Status, DbError> {
    Status::parse(text).ok_or_else(|| DbError::Corrupt(format!("status {text:?}")))
}

pub async fn find(
    conn: &mut SqliteConnection,
    reference: &str,
) -> Result<Option<DeskRequest>, DbError> {
    let row = sqlx::query(
        "SELECT id, reference, kind, status, version, contract_number, work_date,
                contract_year_start, received_at, received_on, payload
         FROM requests WHERE reference = ?1",
    )
    .bind(reference)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let payload: String = row.try_get("payload")?;
    Ok(Some(DeskRequest {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        kind: kind(&row.try_get::<String, _>("kind")?)?,
        status: status(&row.try_get::<String, _>("status")?)?,
        version: row.try_get("version")?,
        contract_number: row.try_get("contract_number")?,
        work_date: day(row.try_get("work_date")?)?,
        contract_year_start: day(row.try_get("contract_year_start")?)?,
        received_at: parse_time(&row.try_get::<String, _>("received_at")?)?,
        received_on: day(row.try_get("received_on")?)?,
        payload: serde_json::from_str(&payload)
            .map_err(|e| DbError::Corrupt(format!("payload: {e}")))?,
    }))
}

/// One step as stored, with who took it (desk only; the customer sees none of this).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Event {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `desk` or `customer`.
    pub actor: String,
    /// The staff member who took the step (desk steps).
    pub staff_email: Option<String>,
    pub staff_name: Option<String>,
    pub from: Status,
    pub to: Status,
    /// The reason, answer or internal remark.
    pub note: String,
    /// What the step recorded (`{"record": "agreement", …}`).
    pub record: StepRecord,
}

const EVENT_SELECT: &str =
    "SELECT e.id, e.at, e.actor, s.email, s.name, e.from_status, e.to_status, e.note, e.record
     FROM request_events AS e LEFT JOIN staff AS s ON s.id = e.staff_id";

/// The steps of a request, oldest first.
pub async fn events(conn: &mut SqliteConnection, request_id: i64) -> Result<Vec<Event>, DbError> {
    let rows = sqlx::query(&format!(
        "{EVENT_SELECT} WHERE e.request_id = ?1 ORDER BY e.id"
    ))
    .bind(request_id)
    .fetch_all(&mut *conn)
    .await?;
    events_from(&rows)
}

/// The steps of the request with this reference, oldest first.
pub async fn events_of(
    conn: &mut SqliteConnection,
    reference: &str,
) -> Result<Vec<Event>, DbError> {
    let rows = sqlx::query(&format!(
        "{EVENT_SELECT} WHERE e.request_id = (SELECT id FROM requests WHERE reference = ?1)
         ORDER BY e.id"
    ))
    .bind(reference)
    .fetch_all(&mut *conn)
    .await?;
    events_from(&rows)
}

fn events_from(rows: &[sqlx::sqlite::SqliteRow]) -> Result<Vec<Event>, DbError> {
    rows.iter()
        .map(|row| {
            let record: String = row.try_get("record")?;
            Ok(Event {
                id: row.try_get("id")?,
                at: parse_time(&row.try_get::<String, _>("at")?)?,
                actor: row.try_get("actor")?,
                staff_email: row.try_get("email")?,
                staff_name: row.try_get("name")?,
                from: status(&row.try_get::<String, _>("from_status")?)?,
                to: status(&row.try_get::<String, _>("to_status")?)?,
                note: row.try_get("note")?,
                record: serde_json::from_str(&record)
                    .map_err(|e| DbError::Corrupt(format!("event record: {e}")))?,
            })
        })
        .collect()
}

/// The work date last agreed, if any (the engineers arrive for it).
pub fn agreed_work_date(events: &[Event]) -> Option<NaiveDate> {
    events.iter().rev().find_map(|e| match &e.record {
        // An accepted change of the date (issue 16) is agreed as much as an agreement.
        StepRecord::Agreement { work_date, .. }
        | StepRecord::DateChange {
            accepted: true,
            work_date,
            ..
        } => Some(*work_date),
        _ => None,
    })
}

/// Moves the request by a decided step: the new status and version, and the event, in the
/// caller's transaction. `None` when the version moved meanwhile (nothing is written). An
/// agreed work date becomes the request's work date (the queue sorts by it).
pub async fn apply(
    conn: &mut SqliteConnection,
    request: &DeskRequest,
    decision: &Decision,
    actor: Actor,
    staff: Option<&StaffMember>,
    now: DateTime<Utc>,
) -> Result<Option<(i64, Event)>, DbError> {
    let agreed = match &decision.record {
        StepRecord::Agreement { work_date, .. }
        | StepRecord::DateChange {
            accepted: true,
            work_date,
            ..
        } => Some(work_date.format("%Y-%m-%d").to_string()),
        _ => None,
    };
    let updated = sqlx::query(
        "UPDATE requests SET status = ?1, version = version + 1,
                             work_date = COALESCE(?2, work_date)
         WHERE id = ?3 AND version = ?4",
    )
    .bind(decision.to.as_str())
    .bind(agreed)
    .bind(request.id)
    .bind(request.version)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(None);
    }
    let actor = match actor {
        Actor::Desk => "desk",
        Actor::Customer => "customer",
    };
    let record =
        serde_json::to_string(&decision.record).map_err(|e| DbError::Corrupt(e.to_string()))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO request_events (request_id, at, actor, staff_id, from_status, to_status,
                                     note, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
    )
    .bind(request.id)
    .bind(timestamp(now))
    .bind(actor)
    .bind(staff.map(|s| s.id))
    .bind(decision.from.as_str())
    .bind(decision.to.as_str())
    .bind(&decision.note)
    .bind(&record)
    .fetch_one(&mut *conn)
    .await?;
    let event = Event {
        id,
        at: now,
        actor: actor.to_owned(),
        staff_email: staff.map(|s| s.email.clone()),
        staff_name: staff.map(|s| s.name.clone()),
        from: decision.from,
        to: decision.to,
        note: decision.note.clone(),
        record: decision.record.clone(),
    };
    Ok(Some((request.version + 1, event)))
}

/// One step as the customer reads it: the date, the status and the text meant for them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub status: Status,
    pub label_ja: String,
    pub label_en: String,
    /// The reason of a return (after the parts the desk asks to change) or cancellation, the
    /// answer, the agreed date and time, or the engineers' arrival; empty when the step says
    /// nothing more than its status.
    pub text_ja: String,
    pub text_en: String,
}

/// The customer's timeline: the receipt, then each step. Never the staff member or an
/// internal remark: a step's note is shown only where it is written for the customer (a
/// return's or a cancellation's reason, an answer).
pub fn history(received_at: DateTime<Utc>, events: &[Event]) -> Vec<HistoryEntry> {
    let entry = |at, status: Status, text: (String, String)| HistoryEntry {
        at,
        status,
        label_ja: status.label(Lang::Ja).to_owned(),
        label_en: status.label(Lang::En).to_owned(),
        text_ja: text.0,
        text_en: text.1,
    };
    let mut out = vec![entry(received_at, Status::Received, Default::default())];
    out.extend(events.iter().map(|e| entry(e.at, e.to, customer_text(e))));
    out
}

fn customer_text(event: &Event) -> (String, String) {
    match (&event.record, event.to) {
        // The parts the desk named come first, then its note (issue 16).
        (StepRecord::Return { parts }, _) => {
            let text = fwportal_core::lifecycle::parts::return_text(parts, &event.note);
            (text.ja, text.en)
        }
        (
            StepRecord::Plain | StepRecord::CustomerCancellation { .. },
            Status::Returned | Status::Cancelled | Status::Answered,
        ) => (event.note.clone(), event.note.clone()),
        (
            StepRecord::Agreement {
                update_method,
                target_version,
                servers,
                work_date,
                work_start_time,
            },
            _,
        ) => {
            let date = format_date_both(*work_date);
            (
                format!(
                    "作業日：{} {}開始／方法：{}／アップデート後のバージョン：{}／対象サーバー：{}台",
                    date.ja,
                    format_time(*work_start_time, Lang::Ja),
                    update_method.label(Lang::Ja),
                    target_version,
                    servers.len()
                ),
                format!(
                    "Work date: {}, starting {}; method: {}; target version: {}; servers: {}",
                    date.en,
                    format_time(*work_start_time, Lang::En),
                    update_method.label(Lang::En),
                    target_version,
                    servers.len()
                ),
            )
        }
        (
            StepRecord::Visit {
                arrival_date,
                arrival_time,
                engineers,
            },
            _,
        ) => {
            let date = format_date_both(*arrival_date);
            let (who_ja, who_en) = if engineers.is_empty() {
                (String::new(), String::new())
            } else {
                (format!("（{engineers}）"), format!(" ({engineers})"))
            };
            (
                format!(
                    "技術者の到着：{} {}{who_ja}",
                    date.ja,
                    format_time(*arrival_time, Lang::Ja)
                ),
                format!(
                    "Engineers arrive: {} at {}{who_en}",
                    date.en,
                    format_time(*arrival_time, Lang::En)
                ),
            )
        }
        (
            StepRecord::DateChange {
                accepted,
                work_date,
                work_start_time,
            },
            _,
        ) => {
            let date = format_date_both(*work_date);
            let (verdict_ja, verdict_en) = if *accepted {
                ("承りました", "accepted")
            } else {
                ("お受けできませんでした", "declined")
            };
            let (note_ja, note_en) = if event.note.is_empty() {
                (String::new(), String::new())
            } else {
                (format!("／{}", event.note), format!(" — {}", event.note))
            };
            (
                format!(
                    "作業日の変更（{} {}開始）：{verdict_ja}{note_ja}",
                    date.ja,
                    format_time(*work_start_time, Lang::Ja)
                ),
                format!(
                    "Change of the work date to {}, starting {}: {verdict_en}{note_en}",
                    date.en,
                    format_time(*work_start_time, Lang::En)
                ),
            )
        }
        _ => (String::new(), String::new()),
    }
}
