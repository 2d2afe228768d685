//! Changes to the contract registry, shared by the operator's import and the desk's
//! correction: both write the same way and leave the same audit entry.

use chrono::{DateTime, Utc};
use fwportal_core::registry::{ContractRecord, ContractRecordDraft};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;

use crate::audit::{self, Action};
use crate::db::{self, DbError};

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    Added,
    Changed {
        before: ContractRecordDraft,
    },
    /// The registry already held exactly this record.
    Unchanged,
}

/// Why a change is refused.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// R4: requests of this contract hold contract years counted from its option start.
    #[error("the option start of {0} cannot move: update work of the contract holds contract years counted from it (R4); cancel or complete that work first")]
    OptionStartHeld(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl RegistryError {
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::OptionStartHeld(_) => "option_start_held",
            RegistryError::Db(_) => "database",
        }
    }
}

/// Who changes the registry, for the audit log.
pub struct Author<'a> {
    pub actor: &'a str,
    pub action: Action,
    pub address: Option<&'a str>,
}

/// Writes `record` into the registry in the caller's transaction, with its audit entry.
pub async fn apply(
    conn: &mut SqliteConnection,
    record: &ContractRecord,
    author: &Author<'_>,
    at: DateTime<Utc>,
) -> Result<Change, RegistryError> {
    let number = record.number.as_str();
    let before = db::registered_contract(conn, number).await?;
    let change = match &before {
        None => Change::Added,
        Some(held) if held.record == *record && held.source == "registry" => {
            return Ok(Change::Unchanged)
        }
        Some(held) => {
            let moved = held.record.terms.option.start != record.terms.option.start;
            if moved && db::holds_contract_years(conn, number).await? {
                return Err(RegistryError::OptionStartHeld(number.to_owned()));
            }
            Change::Changed {
                before: held.record.to_draft(),
            }
        }
    };
    db::register_contract(conn, record, at).await?;
    audit::record(
        conn,
        at,
        audit::Entry {
            actor: author.actor,
            action: author.action,
            target: number,
            address: author.address,
            before: before
                .map(|held| json!({"contract": held.record.to_draft(), "source": held.source})),
            after: Some(json!({"contract": record.to_draft(), "source": "registry"})),
        },
    )
    .await?;
    Ok(change)
}
