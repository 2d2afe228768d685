//! The audit log: who did what, when, to what, with the before and after as JSON. Rows are
//! only ever added (the table's triggers refuse updates and deletes); the writer takes the
//! caller's connection so an entry commits or rolls back with the change it describes.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::db::{timestamp, DbError};

/// What happened. The stored form is the `as_str` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignInFailed,
    SignInLocked,
    Lockout,
    SignOut,
    Transition,
    StaffAdded,
    StaffDisabled,
    StaffReset,
    /// `fwportal contracts import` added or changed a contract.
    ContractImported,
    /// The desk corrected a contract's terms.
    ContractCorrected,
    /// The desk wrote to the customer (issue 16).
    MessageSent,
    /// The desk marked the customer's messages read.
    MessagesRead,
    /// The desk accepted or declined another work date.
    DateChangeAnswered,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignInLocked => "sign_in_locked",
            Action::Lockout => "lockout",
            Action::SignOut => "sign_out",
            Action::Transition => "transition",
            Action::StaffAdded => "staff_added",
            Action::StaffDisabled => "staff_disabled",
            Action::StaffReset => "staff_reset",
            Action::ContractImported => "contract_imported",
            Action::ContractCorrected => "contract_corrected",
            Action::MessageSent => "message_sent",
            Action::MessagesRead => "messages_read",
            Action::DateChangeAnswered => "date_change_answered",
        }
    }
}

/// One entry to write.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// A staff member's email, the email tried at a sign-in, or `cli:<user>`.
    pub actor: &'a str,
    pub action: Action,
    /// What the action was about: a request's reference or an account's email.
    pub target: &'a str,
    /// The client's address, for HTTP actions.
    pub address: Option<&'a str>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(
    conn: &mut SqliteConnection,
    at: DateTime<Utc>,
    entry: Entry<'_>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, target, address, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(timestamp(at))
    .bind(entry.actor)
    .bind(entry.action.as_str())
    .bind(entry.target)
    .bind(entry.address)
    .bind(entry.before.map(|v| v.to_string()))
    .bind(entry.after.map(|v| v.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A stored entry, as exported.
#[derive(Debug, Clone, Serialize)]
pub struct StoredEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub address: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Every entry, oldest first.
pub async fn all(pool: &SqlitePool) -> Result<Vec<StoredEntry>, DbError> {
    let rows = sqlx::query(
        "SELECT id, at, actor, action, target, address, before, after FROM audit_log ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    let json = |text: Option<String>| -> Result<Option<Value>, DbError> {
        text.map(|t| {
            serde_json::from_str(&t).map_err(|e| DbError::Corrupt(format!("audit JSON: {e}")))
        })
        .transpose()
    };
    rows.iter()
        .map(|row| {
            Ok(StoredEntry {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                target: row.try_get("target")?,
                address: row.try_get("address")?,
                before: json(row.try_get("before")?)?,
                after: json(row.try_get("after")?)?,
            })
        })
        .collect()
}
