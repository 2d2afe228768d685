//! Who is calling: the session cookie, and for state-changing calls the same-origin and CSRF
//! checks. [`SignedIn`] is an extractor, so a handler that takes it cannot run without a
//! live session.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{COOKIE, HOST, ORIGIN};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use chrono::Utc;

use super::error::DeskError;
use super::DeskSettings;
use crate::http::AppState;
use crate::staff::session::{self, LiveSession};
use crate::tokens::same_hash;

/// The header that carries the session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A signed-in staff member, with a live session.
pub struct SignedIn(pub LiveSession);

/// Whether the call comes from the portal's own pages: `Sec-Fetch-Site` must say
/// `same-origin` and `Origin` must be the portal's, when the browser sends them.
pub fn same_origin(headers: &HeaderMap, settings: &DeskSettings) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        if site.as_bytes() != b"same-origin" {
            return false;
        }
    }
    let Some(origin) = headers.get(ORIGIN) else {
        return true;
    };
    let expected = match &settings.public_origin {
        Some(origin) => origin.clone(),
        None => match headers.get(HOST).and_then(|h| h.to_str().ok()) {
            Some(host) => format!("http://{host}"),
            None => return false,
        },
    };
    origin.as_bytes() == expected.as_bytes()
}

/// The value of the cookie `name`, if sent.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The client's address for the audit log and the per-address limit.
pub fn address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = DeskError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let settings = &state.desk;
        let unsafe_method = changes_state(&parts.method);
        if unsafe_method && !same_origin(&parts.headers, settings) {
            return Err(DeskError::CrossOrigin);
        }
        let token = cookie(&parts.headers, settings.cookie_name()).ok_or(DeskError::SignedOut)?;
        let live = session::find(&state.pool, token, Utc::now(), settings.sessions)
            .await?
            .ok_or(DeskError::SignedOut)?;
        if unsafe_method {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .map(|v| v.as_bytes())
                .unwrap_or_default();
            if !same_hash(sent, live.csrf_token.as_bytes()) {
                return Err(DeskError::CsrfToken);
            }
        }
        Ok(SignedIn(live))
    }
}
