//! The HTTP surface: one module a resource, one error type, one router.

pub mod assets;
pub mod catalogs;
pub mod client_ip;
pub mod config;
pub mod conversation;
pub mod desk;
pub mod error;
pub mod framing;
pub mod json;
pub mod openapi;
pub mod rate_limit;
pub mod requests;
pub mod security;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{self, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use fwportal_core::calendar::BusinessCalendar;
use sqlx::SqlitePool;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use client_ip::TrustedProxies;
use error::ApiError;
use rate_limit::Limiters;

/// The largest request body accepted (larger: 413).
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    /// Reads, and the desk's and the customer's later steps (each in a `BEGIN IMMEDIATE`
    /// transaction of its own; WAL lets reads run beside the writers).
    pub pool: SqlitePool,
    /// Submissions, decided and committed in groups on a thread of their own
    /// ([`crate::writer`]).
    pub intake: crate::writer::Writer,
    pub calendar: Arc<BusinessCalendar>,
    pub limiters: Arc<Limiters>,
    pub proxies: TrustedProxies,
    /// The service desk's settings (sessions, origin, sign-in limit).
    pub desk: Arc<desk::DeskSettings>,
    /// What a submission for a contract the registry does not know gets.
    pub unknown_contracts: fwportal_core::registry::UnknownContracts,
    /// The operator's firmware catalogues (`--catalogs`; empty without it).
    pub catalogs: Arc<crate::catalogs::Catalogs>,
    /// Where mails link to (issue 16).
    pub mail: Arc<crate::mail::MailSettings>,
}

/// The whole application: API, health check, the customer's apps from `dist` and its
/// siblings (see [`assets::app_dist`]) and the desk app's from `dist-desk` (see
/// [`assets::desk_dist`]).
pub fn router(state: AppState, dist: PathBuf) -> Router {
    let api = Router::new()
        .route("/requests", post(requests::create))
        .route("/requests/{reference}", get(requests::show))
        .route(
            "/requests/{reference}/conversation",
            get(conversation::show),
        )
        .route(
            "/requests/{reference}/messages",
            post(conversation::send_message),
        )
        .route("/requests/{reference}/cancel", post(conversation::cancel))
        .route(
            "/requests/{reference}/date-change",
            post(conversation::ask_date_change),
        )
        .route(
            "/requests/{reference}/resubmit",
            post(conversation::resubmit),
        )
        .route("/requests/{reference}/new-key", post(conversation::new_key))
        .route("/config", get(config::show))
        .route("/openapi.json", get(openapi::show))
        .nest("/desk", desk::router(&state))
        .fallback(any(|| async { ApiError::NotFound }))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // The 201 carries the access key and the 200 personal data: no cache, shared or
        // private, may keep any answer of the API (errors included, they are never reusable).
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    // The desk app (issue 15) is its own trunk build in a sibling folder (`dist-desk` next to
    // `dist`), so the customer's download never carries it.
    let desk_dist = assets::desk_dist(&dist);
    // The customer's apps (issue 13): the start app in `dist`, the others beside it.
    let app_dists = fwportal_core::apps::WebApp::ALL.map(|app| assets::app_dist(&dist, app));
    let headers = security::SecurityHeaders::for_dists(
        &app_dists.each_ref().map(|d| d.as_path()),
        &desk_dist,
    );
    // The same body `/api/config` answers, inlined into the app's page (issue 13).
    let config_json = serde_json::to_string(&config::PortalConfig::of(&state.calendar))
        .unwrap_or_else(|_| String::from("null"));
    // Public and cacheable, so outside the API's `no-store` layer (see `catalogs`).
    let catalogs = Router::new()
        .route("/api/catalogs", get(catalogs::list))
        .route("/api/catalogs/{name}", get(catalogs::show))
        .route(
            "/api/catalogs/{name}/analysis",
            post(catalogs::analyse).layer(DefaultBodyLimit::max(catalogs::ANALYSIS_BODY_LIMIT)),
        )
        // Errors (an unknown name, a wrong method) are not to be kept: a catalogue may be
        // added before the next start.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    Router::new()
        .merge(catalogs)
        .nest("/api", api)
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
        .nest_service("/desk", assets::service(desk_dist, &config_json))
        .fallback_service(assets::customer_service(dist, &config_json))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(body_framing))
        .layer(middleware::from_fn_with_state(
            headers,
            security::add_headers,
        ))
        .layer(TraceLayer::new_for_http())
}

/// Refuses a declared `Content-Length` over [`BODY_LIMIT`] with `413` before anything reads
/// the body, so a client that sent `Expect: 100-continue` is told at once instead of being
/// invited to send it (hyper sends `100 Continue` when the body is first read).
///
/// `Content-Length` together with `Transfer-Encoding` never reaches this far: hyper drops the
/// `Content-Length`, frames the body by the chunked encoding alone and closes the connection
/// after answering (RFC 9112 §6.3), so nothing can be smuggled behind such a request; the
/// request itself cannot be told apart from a plain chunked one here, so it is not refused.
async fn body_framing(request: Request, next: Next) -> Response {
    // The one route that takes a larger body (an inventory to analyse, issue 17).
    let limit = if is_analysis_path(request.uri().path()) {
        catalogs::ANALYSIS_BODY_LIMIT
    } else {
        BODY_LIMIT
    };
    let declared_too_large = request
        .headers()
        .get_all(header::CONTENT_LENGTH)
        .iter()
        .filter_map(|value| value.to_str().ok()?.trim().parse::<u64>().ok())
        .any(|length| length > limit as u64);
    if declared_too_large {
        let mut response = ApiError::BodyTooLarge.into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    next.run(request).await
}

/// `/api/catalogs/{name}/analysis`.
fn is_analysis_path(path: &str) -> bool {
    path.strip_prefix("/api/catalogs/")
        .and_then(|rest| rest.strip_suffix("/analysis"))
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}
