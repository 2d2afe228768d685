//! The HTTP surface: one module a resource, one error type, one router.

pub mod assets;
pub mod error;
pub mod json;
pub mod requests;

use std::path::PathBuf;

use axum::routing::{any, get, post};
use axum::Router;
use sqlx::SqlitePool;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use error::ApiError;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
}

/// The whole application: API, health check and the web app's files from `dist`.
pub fn router(state: AppState, dist: PathBuf) -> Router {
    let api = Router::new()
        .route("/requests", post(requests::create))
        .route("/requests/{reference}", get(requests::show))
        .fallback(any(|| async { ApiError::NotFound }));
    Router::new()
        .nest("/api", api)
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
        .fallback_service(assets::service(dist))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}
