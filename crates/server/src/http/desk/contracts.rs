//! `/api/desk/contracts/{number}`: the desk reads and corrects a contract's terms (issue 15).
//! A correction is written like an import (`crate::contracts::apply`) and audited with the
//! terms before and after.

use axum::extract::{Path, State};
use axum::Json;
use chrono::Utc;
use fwportal_core::registry::ContractRecordDraft;
use fwportal_core::request::fields::ContractNumber;
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::SignedIn;
use super::error::DeskError;
use crate::audit::Action;
use crate::contracts::{self, Author, Change, RegistryError};
use crate::db;
use crate::http::client_ip::ClientIp;
use crate::http::error::{ApiError, ErrorBody, InvalidBody};
use crate::http::json::ApiJson;
use crate::http::AppState;

/// A contract as the registry holds it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractView {
    pub contract: ContractRecordDraft,
    /// `registry` (imported or corrected: confirmed) or `request` (filed from the first
    /// accepted request: to be confirmed by the desk).
    pub source: String,
}

fn number_of(text: &str) -> Result<ContractNumber, ApiError> {
    ContractNumber::parse(text).map_err(|_| ApiError::NotFound)
}

#[utoipa::path(
    get,
    path = "/api/desk/contracts/{number}",
    tag = "desk",
    operation_id = "desk_show_contract",
    params(("number" = String, Path, description = "The contract number")),
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "The contract's terms and where they come from", body = ContractView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such contract", body = ErrorBody),
    )
)]
/// `GET /api/desk/contracts/{number}`.
pub async fn show(
    SignedIn(_live): SignedIn,
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<ContractView>, DeskError> {
    let number = number_of(&number)?;
    let mut conn = state.pool.acquire().await?;
    let held = db::registered_contract(&mut conn, number.as_str())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(ContractView {
        contract: held.record.to_draft(),
        source: held.source,
    }))
}

#[utoipa::path(
    put,
    path = "/api/desk/contracts/{number}",
    tag = "desk",
    operation_id = "desk_correct_contract",
    params(
        ("number" = String, Path, description = "The contract number"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    request_body = ContractRecordDraft,
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "The terms as now held", body = ContractView),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Cross-origin, or without the CSRF token", body = ErrorBody),
        (status = 409, description = "The option start cannot move while update work holds contract years (R4)", body = ErrorBody),
        (status = 422, description = "The terms have problems", body = InvalidBody),
    )
)]
/// `PUT /api/desk/contracts/{number}`: adds the contract or corrects its terms; the number in
/// the path wins over one in the body.
pub async fn correct(
    SignedIn(live): SignedIn,
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(number): Path<String>,
    ApiJson(draft): ApiJson<ContractRecordDraft>,
) -> Result<Json<ContractView>, DeskError> {
    let number = number_of(&number)?;
    let draft = ContractRecordDraft {
        contract_number: number.as_str().to_owned(),
        ..draft
    };
    let record = draft.parse().map_err(ApiError::Invalid)?;
    let from = client.to_string();
    let author = Author {
        actor: &live.staff.email,
        action: Action::ContractCorrected,
        address: Some(&from),
    };
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    match contracts::apply(&mut tx, &record, &author, Utc::now()).await {
        Ok(Change::Added | Change::Changed { .. } | Change::Unchanged) => {}
        Err(RegistryError::OptionStartHeld(_)) => return Err(DeskError::OptionStartHeld),
        Err(RegistryError::Db(error)) => return Err(error.into()),
    }
    tx.commit().await?;
    Ok(Json(ContractView {
        contract: record.to_draft(),
        source: "registry".to_owned(),
    }))
}
