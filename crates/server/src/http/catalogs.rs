//! `GET /api/catalogs` and `GET /api/catalogs/{name}`: the operator's firmware catalogues
//! (issue 17). Public data that changes only when the portal restarts: cacheable for five
//! minutes, and revalidated by ETag (`If-None-Match` → `304`).
//!
//! `POST /api/catalogs/{name}/analysis`: the customer's imported servers analysed against one
//! of them by core's analysis, the answer the request carries as it is. Not cacheable (serial
//! numbers), counted against the client's look-up limit, its input read within
//! `fwportal_core::firmware::imported`'s limits before any analysis runs, and the analysis run
//! off the async threads.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fwportal_core::firmware::imported::ImportedInventory;
use fwportal_core::request::AnalysisDraft;
use serde::Serialize;

use super::client_ip::ClientIp;
use super::error::ApiError;
use super::json::ApiJson;
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

/// The largest body `POST /api/catalogs/{name}/analysis` reads: the inventory of a request's
/// 100 servers with 2,000 components (each name, version, place and GUIDs, 200–400 bytes).
/// Every other API body stays within 64 KiB.
pub const ANALYSIS_BODY_LIMIT: usize = 1024 * 1024;

#[utoipa::path(
    post,
    path = "/api/catalogs/{name}/analysis",
    operation_id = "analyse_with_catalog",
    params(("name" = String, Path, description = "A name from GET /api/catalogs, e.g. SPP 2025.07.00.00")),
    request_body(content = ImportedInventory, description = "The imported servers (at most 100 with 2,000 components together; body at most 512 KiB)"),
    responses(
        (status = 200, description = "The analysis against the operator's catalogue, as a request carries it (`operator: true`)", body = AnalysisDraft,
            headers(("Cache-Control" = String, description = "no-store"))),
        (status = 400, description = "Malformed body", body = super::error::ErrorBody),
        (status = 404, description = "No catalogue of that name", body = super::error::ErrorBody),
        (status = 413, description = "Body over 1 MiB", body = super::error::ErrorBody),
        (status = 422, description = "The inventory is over a limit or not well-formed (every problem listed)", body = super::error::InvalidBody),
        (status = 429, description = "Too many look-ups from this client; see Retry-After", body = super::error::ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn analyse(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    name: Result<Path<String>, PathRejection>,
    ApiJson(inventory): ApiJson<ImportedInventory>,
) -> Result<Json<AnalysisDraft>, ApiError> {
    state.limiters.lookup(client)?;
    let Ok(Path(name)) = name else {
        return Err(ApiError::CatalogNotFound);
    };
    let name = name.trim().to_owned();
    if state.catalogs.find(&name).is_none() {
        return Err(ApiError::CatalogNotFound);
    }
    // Every limit before any work: a refused inventory costs one pass over its texts.
    let servers = inventory.to_servers().map_err(ApiError::Invalid)?;
    let catalogs = state.catalogs.clone();
    let analysis = tokio::task::spawn_blocking(move || {
        catalogs
            .find(&name)
            .map(|served| AnalysisDraft::of_operator_catalog(&name, &served.catalog, &servers))
    })
    .await
    .map_err(ApiError::internal)?
    .ok_or(ApiError::CatalogNotFound)?;
    Ok(Json(analysis))
}
