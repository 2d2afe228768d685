//! `GET /api/catalogs` and `GET /api/catalogs/{name}`: the operator's firmware catalogues
//! (issue 17). Public data that changes only when the portal restarts: cacheable for five
//! minutes, and revalidated by ETag (`If-None-Match` → `304`).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::error::ApiError;
use super::AppState;
use crate::catalogs::{CatalogSummary, CatalogView};

/// What the caches may do with a catalogue answer.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// `GET /api/catalogs`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CatalogList {
    pub catalogs: Vec<CatalogSummary>,
}

#[utoipa::path(
    get,
    path = "/api/catalogs",
    operation_id = "list_catalogs",
    responses((status = 200, description = "The firmware catalogues the operator publishes (none without --catalogs)", body = CatalogList,
        headers(("Cache-Control" = String, description = "public, max-age=300"))))
)]
pub async fn list(State(state): State<AppState>) -> Response {
    let catalogs = state
        .catalogs
        .list
        .iter()
        .map(|c| c.summary.clone())
        .collect();
    let mut response = Json(CatalogList { catalogs }).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    response
}

#[utoipa::path(
    get,
    path = "/api/catalogs/{name}",
    operation_id = "show_catalog",
    params(("name" = String, Path, description = "A name from GET /api/catalogs, e.g. SPP 2025.07.00.00")),
    responses(
        (status = 200, description = "The catalogue's packages, and what could not be read in the operator's file", body = CatalogView,
            headers(("ETag" = String, description = "Strong validator of the body"), ("Cache-Control" = String, description = "public, max-age=300"))),
        (status = 304, description = "The If-None-Match ETag is the current one"),
        (status = 404, description = "No catalogue of that name", body = super::error::ErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    name: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Ok(Path(name)) = name else {
        return Err(ApiError::CatalogNotFound);
    };
    let served = state
        .catalogs
        .find(name.trim())
        .ok_or(ApiError::CatalogNotFound)?;
    let etag = HeaderValue::from_str(&served.etag).map_err(ApiError::internal)?;
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == served.etag
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            served.body.clone(),
        )
            .into_response()
    };
    let out = response.headers_mut();
    out.insert(header::ETAG, etag);
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    Ok(response)
}
