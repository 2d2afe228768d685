//! `/api/requests`: submit a request (idempotent, re-checked with the server's own clock) and
//! read one back with its access token.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use fwportal_core::calendar::to_jst;
use fwportal_core::eligibility::contract_year;
use fwportal_core::problem::Problem;
use fwportal_core::request::fields::ContractNumber;
use fwportal_core::request::{check, Reference, RequestDraft, RequestKind, RuleContext};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody, InvalidBody};
use super::json::ApiJson;
use super::AppState;
use crate::db::{self, NewRequest};
use crate::tokens;

/// The status of a request the support centre has not handled yet.
const RECEIVED: &str = "received";

/// How long an idempotency key's answer (with its access token) is kept.
const IDEMPOTENCY_WINDOW: TimeDelta = TimeDelta::hours(24);

/// The answer to an accepted submission; the access token appears here and nowhere else.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Accepted {
    pub reference: String,
    pub access_token: String,
    pub kind: RequestKind,
    pub status: String,
    pub received_at: DateTime<Utc>,
    /// R5: the business day the request counts as received on (update work only).
    pub received_on: Option<NaiveDate>,
    /// R5: the last day a request for this work date could be received on.
    pub deadline: Option<NaiveDate>,
    /// Points to confirm with the support centre that did not block the request.
    pub warnings: Vec<Problem>,
}

/// A stored request as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestView {
    pub reference: String,
    pub kind: String,
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<String>,
    /// The request as validated and stored (normalised).
    #[schema(value_type = RequestDraft)]
    pub request: serde_json::Value,
    /// Each step of the request's life so far, from its receipt, with the text meant for the
    /// customer (issue 15).
    pub history: Vec<crate::lifecycle::HistoryEntry>,
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::IdempotencyKeyRequired)?;
    uuid::Uuid::try_parse(value.trim())
        .map(|key| key.hyphenated().to_string())
        .map_err(|_| ApiError::IdempotencyKeyRequired)
}

#[utoipa::path(
    post,
    path = "/api/requests",
    request_body = RequestDraft,
    params(("Idempotency-Key" = String, Header, description = "A UUID chosen by the client for this submission; send the same one when retrying")),
    responses(
        (status = 201, description = "Accepted; the same answer again for the same key and body", body = Accepted),
        (status = 400, description = "Malformed body or missing Idempotency-Key", body = ErrorBody),
        (status = 409, description = "The key was used with a different body", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 422, description = "Every problem with the request (field, code, rule, messages)", body = InvalidBody),
        (status = 429, description = "Too many submissions from this client", body = ErrorBody),
    )
)]
/// `POST /api/requests`. The browser already checked the request; the server checks it again
/// from scratch with its own clock (R5) and the contract's stored requests (R4), inside one
/// write transaction so that simultaneous submissions are decided one after the other.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(draft): ApiJson<RequestDraft>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let body_hash = tokens::sha256(&serde_json::to_vec(&draft).map_err(ApiError::internal)?);
    let submitted_at = Utc::now();

    let mut tx = state
        .pool
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(db::DbError::from)?;
    db::purge_idempotent(&mut tx, submitted_at - IDEMPOTENCY_WINDOW).await?;
    if let Some(previous) = db::find_idempotent(&mut tx, &key).await? {
        return if tokens::same_hash(&previous.body_hash, &body_hash) {
            let accepted: Accepted =
                serde_json::from_str(&previous.response).map_err(ApiError::internal)?;
            Ok((StatusCode::CREATED, Json(accepted)).into_response())
        } else {
            Err(ApiError::IdempotencyKeyReused)
        };
    }

    let earlier = match ContractNumber::parse(&draft.contract.number) {
        Ok(number) => db::earlier_work_dates(&mut tx, number.as_str()).await?,
        Err(_) => Vec::new(),
    };
    let context = RuleContext {
        calendar: &state.calendar,
        submitted_at,
        earlier_work_dates: &earlier,
    };
    let checked = check(&draft, &context).map_err(ApiError::Invalid)?;
    let request = &checked.request;

    let reference = db::next_reference(&mut tx, to_jst(&submitted_at).year()).await?;
    let access_token = tokens::new_access_token().map_err(ApiError::internal)?;
    let work_date = request.work.as_ref().map(|w| w.work_date);
    let payload = serde_json::to_string(&request.to_draft()).map_err(ApiError::internal)?;
    let stored = NewRequest {
        reference: &reference.to_string(),
        kind: request.kind.as_str(),
        contract_number: request.contract.number.as_str(),
        work_date,
        contract_year_start: work_date
            .and_then(|date| contract_year(request.contract.option.start, date))
            .map(|year| year.first_day),
        status: RECEIVED,
        received_at: submitted_at,
        received_on: checked.notice.as_ref().map(|n| n.received_on),
        access_token_hash: &tokens::sha256(access_token.as_bytes()),
        payload: &payload,
    };
    if let Err(error) = db::insert_request(&mut tx, &stored).await {
        return Err(if error.is_unique_violation() {
            ApiError::OnceAYearTaken
        } else {
            error.into()
        });
    }
    let accepted = Accepted {
        reference: reference.to_string(),
        access_token,
        kind: request.kind,
        status: RECEIVED.to_owned(),
        received_at: submitted_at,
        received_on: checked.notice.as_ref().map(|n| n.received_on),
        deadline: checked.notice.as_ref().map(|n| n.deadline),
        warnings: checked.warnings,
    };
    let response = serde_json::to_string(&accepted).map_err(ApiError::internal)?;
    db::save_idempotent(
        &mut tx,
        &key,
        &body_hash,
        &accepted.reference,
        &response,
        submitted_at,
    )
    .await?;
    tx.commit().await.map_err(db::DbError::from)?;
    tracing::info!(reference = %accepted.reference, kind = request.kind.as_str(), "request accepted");
    Ok((StatusCode::CREATED, Json(accepted)).into_response())
}

#[utoipa::path(
    get,
    path = "/api/requests/{reference}",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The stored request", body = RequestView),
        (status = 404, description = "Unknown reference, or a missing or wrong token (indistinguishable)", body = ErrorBody),
    )
)]
/// `GET /api/requests/{reference}` with `Authorization: Bearer <access token>`. An unknown
/// reference, a missing token and a wrong token all get the same 404, so references cannot be
/// probed.
pub async fn show(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Json<RequestView>, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    let reference = Reference::parse(reference.trim()).map_err(|_| ApiError::NotFound)?;
    let stored = db::find_request(&state.pool, &reference)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !tokens::same_hash(&stored.access_token_hash, &tokens::sha256(token.as_bytes())) {
        return Err(ApiError::NotFound);
    }
    let request = serde_json::from_str(&stored.payload).map_err(ApiError::internal)?;
    let history = {
        let mut conn = state.pool.acquire().await.map_err(db::DbError::from)?;
        let events = crate::lifecycle::events_of(&mut conn, &stored.reference).await?;
        crate::lifecycle::history(stored.received_at, &events)
    };
    Ok(Json(RequestView {
        history,
        reference: stored.reference,
        kind: stored.kind,
        status: stored.status,
        received_at: stored.received_at,
        received_on: stored.received_on,
        request,
    }))
}
