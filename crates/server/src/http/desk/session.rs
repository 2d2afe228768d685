//! `/api/desk/session`: sign in (password and TOTP code), who am I, sign out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};

use crate::http::client_ip::ClientIp;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{same_origin, SignedIn};
use super::error::DeskError;
use super::DeskSettings;
use crate::audit::{self, Action};
use crate::http::error::{ErrorBody, InvalidBody};
use crate::http::json::ApiJson;
use crate::http::AppState;
use crate::staff::session as sessions;
use crate::staff::sign_in::{self, Attempt, Outcome};
use crate::staff::Role;

/// A sign-in.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct SignInBody {
    pub email: String,
    pub password: String,
    /// The 6-digit code of the authenticator app (TOTP).
    pub code: String,
}

/// The signed-in staff member.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Send it in `X-CSRF-Token` with every state-changing desk call.
    pub csrf_token: String,
}

fn cookie(settings: &DeskSettings, value: &str, max_age: Option<u32>) -> Option<HeaderValue> {
    let secure = if settings.secure { "; Secure" } else { "" };
    let max_age = max_age
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{max_age}",
        settings.cookie_name()
    ))
    .ok()
}

#[utoipa::path(
    post,
    path = "/api/desk/session",
    tag = "desk",
    operation_id = "desk_sign_in",
    request_body = SignInBody,
    responses(
        (status = 204, description = "Signed in; the session cookie is set (HttpOnly, SameSite=Strict)"),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "The email, the password or the code is wrong, or the account is disabled (one answer for all)", body = ErrorBody),
        (status = 403, description = "Not from the portal's own origin", body = ErrorBody),
        (status = 423, description = "Locked for 15 minutes after five failed sign-ins within 15 minutes", body = ErrorBody),
        (status = 422, description = "A value that is not text where text belongs (field problems)", body = InvalidBody),
        (status = 429, description = "Too many sign-in attempts from this address", body = ErrorBody),
    )
)]
/// `POST /api/desk/session`.
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignInBody>,
) -> Result<Response, DeskError> {
    if !same_origin(&headers, &state.desk) {
        return Err(DeskError::CrossOrigin);
    }
    // Per address (the proxy-aware client), beside the per-account lockout.
    state.limiters.sign_in(client)?;
    let address = client.to_string();
    let attempt = Attempt {
        email: &body.email,
        password: &body.password,
        code: &body.code,
        address: &address,
    };
    match sign_in::sign_in(&state.pool, attempt, state.desk.sessions, Utc::now()).await? {
        Outcome::SignedIn { staff, session } => {
            tracing::info!(staff = staff.id, "desk sign-in");
            let mut response = StatusCode::NO_CONTENT.into_response();
            if let Some(value) = cookie(&state.desk, &session.token, None) {
                response.headers_mut().insert(SET_COOKIE, value);
            }
            Ok(response)
        }
        Outcome::Failed => Err(DeskError::SignInFailed),
        Outcome::Locked => Err(DeskError::Locked),
    }
}

#[utoipa::path(
    get,
    path = "/api/desk/session",
    tag = "desk",
    operation_id = "desk_show_session",
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "The signed-in staff member and the session's CSRF token", body = SessionView),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
/// `GET /api/desk/session`.
pub async fn show(SignedIn(live): SignedIn) -> Json<SessionView> {
    Json(SessionView {
        email: live.staff.email,
        name: live.staff.name,
        role: live.staff.role,
        csrf_token: live.csrf_token,
    })
}

#[utoipa::path(
    delete,
    path = "/api/desk/session",
    tag = "desk",
    operation_id = "desk_sign_out",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    security(("desk_session" = [])),
    responses(
        (status = 204, description = "Signed out; the session is deleted on the server"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Cross-origin, or without the CSRF token", body = ErrorBody),
    )
)]
/// `DELETE /api/desk/session`.
pub async fn sign_out(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    SignedIn(live): SignedIn,
) -> Result<Response, DeskError> {
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    sessions::delete(&mut tx, &live.token_hash).await?;
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor: &live.staff.email,
            action: Action::SignOut,
            target: &live.staff.email,
            address: Some(&peer.ip().to_string()),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(value) = cookie(&state.desk, "", Some(0)) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    Ok(response)
}
