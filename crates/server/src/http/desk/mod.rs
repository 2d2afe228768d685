//! `/api/desk/`: the service desk's API (issue 15). Staff sign in with a password and a TOTP
//! code; every route but the sign-in needs the session, and every state-changing one also
//! the same origin and the session's CSRF token. Nothing here is cached.

pub mod auth;
pub mod contracts;
pub mod conversation;
pub mod error;
pub mod queue;
pub mod request;
pub mod session;

use std::time::Duration;

use axum::http::header::{HeaderValue, CACHE_CONTROL};
use axum::routing::{get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use super::AppState;
use crate::config::DeskConfig;
use crate::staff::session::SessionPolicy;

/// The desk's settings, from [`DeskConfig`].
#[derive(Debug, Clone)]
pub struct DeskSettings {
    /// The portal's origin when configured (`https://…`), for the same-origin check.
    pub public_origin: Option<String>,
    /// Served over HTTPS: the cookie is `Secure` with the `__Host-` prefix.
    pub secure: bool,
    pub sessions: SessionPolicy,
    /// Sign-in attempts per address: burst, and the time for one more.
    pub sign_in_burst: u32,
    pub sign_in_period: Duration,
}

/// Why the desk's settings are refused at start.
#[derive(Debug, thiserror::Error)]
pub enum DeskConfigError {
    #[error("--public-origin must be an origin like https://portal.example.co.jp (scheme and host, no path), not {0:?}")]
    Origin(String),
}

impl DeskSettings {
    pub fn from_config(config: &DeskConfig) -> Result<DeskSettings, DeskConfigError> {
        let public_origin = match config.public_origin.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(origin) => {
                let origin = origin.trim_end_matches('/');
                let host = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"));
                match host {
                    Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => {
                        Some(origin.to_ascii_lowercase())
                    }
                    _ => return Err(DeskConfigError::Origin(origin.to_owned())),
                }
            }
        };
        Ok(DeskSettings {
            secure: public_origin
                .as_deref()
                .is_some_and(|o| o.starts_with("https://")),
            public_origin,
            sessions: SessionPolicy {
                idle: Duration::from_secs(config.desk_idle_secs.max(1)),
                absolute: Duration::from_secs(config.desk_absolute_secs.max(1)),
            },
            sign_in_burst: config.desk_sign_in_burst.max(1),
            sign_in_period: Duration::from_secs(config.desk_sign_in_period_secs.max(1)),
        })
    }

    /// The session cookie's name: `__Host-` tells the browser to accept it only when Secure,
    /// for path `/`, from this very host.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-fwportal_desk"
        } else {
            "fwportal_desk"
        }
    }
}

/// The desk's routes, nested under `/api/desk`.
pub fn router(state: &AppState) -> Router<AppState> {
    // The sign-in's per-address limit is counted in its handler (`Limiters::sign_in`).
    let _ = state;
    let sign_in = post(session::sign_in);
    Router::new()
        .route(
            "/session",
            sign_in.get(session::show).delete(session::sign_out),
        )
        .route("/requests", get(queue::list))
        .route(
            "/contracts/{number}",
            get(contracts::show).put(contracts::correct),
        )
        .route("/requests/{reference}", get(request::show))
        .route(
            "/requests/{reference}/transitions",
            post(request::transition),
        )
        .route(
            "/requests/{reference}/messages",
            post(conversation::send_message),
        )
        .route(
            "/requests/{reference}/messages/read",
            post(conversation::mark_read),
        )
        .route(
            "/requests/{reference}/date-change",
            post(conversation::answer_date_change),
        )
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
