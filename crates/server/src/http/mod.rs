//! The HTTP surface: one module a resource, one error type, one router.

pub mod assets;
pub mod config;
pub mod desk;
pub mod error;
pub mod json;
pub mod openapi;
pub mod requests;
pub mod security;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{any, get, post};
use axum::Router;
use fwportal_core::calendar::BusinessCalendar;
use sqlx::SqlitePool;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::{GovernorError, GovernorLayer};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use error::ApiError;

/// The largest request body accepted (larger: 413).
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub calendar: Arc<BusinessCalendar>,
    /// The service desk's settings (sessions, origin, sign-in limit).
    pub desk: Arc<desk::DeskSettings>,
}

/// The per-client limit on submissions.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

/// The whole application: API, health check, the web app's files from `dist` and the desk
/// app's from `dist-desk` (see [`assets::desk_dist`]).
pub fn router(state: AppState, dist: PathBuf, rate_limit: RateLimit) -> Router {
    let governor = GovernorConfigBuilder::default()
        .period(rate_limit.period)
        .burst_size(rate_limit.burst.max(1))
        .finish()
        .map(|config| {
            GovernorLayer::new(config).error_handler(|error| match error {
                GovernorError::TooManyRequests { wait_time, .. } => {
                    ApiError::RateLimited(wait_time.max(1)).into_response()
                }
                other => ApiError::internal(other).into_response(),
            })
        });
    let submit = match governor {
        Some(layer) => post(requests::create).layer(layer),
        None => post(requests::create),
    };
    let api = Router::new()
        .route("/requests", submit)
        .route("/requests/{reference}", get(requests::show))
        .route("/config", get(config::show))
        .route("/openapi.json", get(openapi::show))
        .nest("/desk", desk::router(&state))
        .fallback(any(|| async { ApiError::NotFound }))
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    // The desk app (issue 15) is its own trunk build in a sibling folder (`dist-desk` next to
    // `dist`), so the customer's download never carries it.
    let desk_dist = assets::desk_dist(&dist);
    let headers = security::SecurityHeaders::for_dists(&dist, &desk_dist);
    Router::new()
        .nest("/api", api)
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
        .nest_service("/desk", assets::service(desk_dist))
        .fallback_service(assets::service(dist))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            headers,
            security::add_headers,
        ))
        .layer(TraceLayer::new_for_http())
}
