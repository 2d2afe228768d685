//! `/api/requests`: submit a request, read one back.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, FixedOffset, Utc};
use fwportal_core::request::{Reference, RequestDraft};

use super::error::ApiError;
use super::json::ApiJson;
use super::AppState;
use crate::db::{self, StoredRequest};

/// Japan Standard Time; Japan keeps no daylight saving time.
fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| unreachable!("+09:00 is a valid offset"))
}

/// `POST /api/requests`: the browser's draft is parsed again here; the browser is never trusted.
pub async fn create(
    State(state): State<AppState>,
    ApiJson(draft): ApiJson<RequestDraft>,
) -> Result<(StatusCode, Json<StoredRequest>), ApiError> {
    let request = draft.validate().map_err(ApiError::Invalid)?;
    let received_at = Utc::now();
    let year = received_at.with_timezone(&jst()).year();
    let stored = db::insert_request(&state.pool, &request, year, received_at).await?;
    tracing::info!(reference = %stored.reference, "request accepted");
    Ok((StatusCode::CREATED, Json(stored)))
}

/// `GET /api/requests/{reference}`.
// TODO(issue 5): require the request's access token (Bearer) and answer 404 alike for a wrong
// token and an unknown reference.
pub async fn show(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<StoredRequest>, ApiError> {
    let reference = Reference::parse(&reference).map_err(|_| ApiError::NotFound)?;
    db::find_request(&state.pool, &reference)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
