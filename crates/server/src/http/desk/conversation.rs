//! The desk's side of the conversation (issue 16): write to the customer, mark their messages
//! read, answer a request for another work date. Each is audited and queues the customer's mail
//! in the same transaction.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use fwportal_core::lifecycle::customer::{self, CustomerError};
use fwportal_core::lifecycle::Actor;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::auth::SignedIn;
use super::error::{ConflictBody, DeskError};
use super::request::{begin_step, conflict, load, TransitionDone};
use crate::audit::{self, Action};
use crate::conversation::{self as store, Author, Message};
use crate::http::conversation::{date_change_facts, on_desk_step, ConversationError, MessageBody};
use crate::http::error::{ApiError, ErrorBody, InvalidBody};
use crate::http::json::ApiJson;
use crate::http::AppState;
use crate::lifecycle;
use crate::mail::{compose, outbox};

fn refused(error: ConversationError) -> DeskError {
    match error {
        ConversationError::Api(error) => DeskError::Api(error),
        ConversationError::Refused(CustomerError::Invalid(problems)) => {
            DeskError::Api(ApiError::Invalid(problems))
        }
        ConversationError::Refused(other) => DeskError::Refused(other),
    }
}

#[utoipa::path(
    post,
    path = "/api/desk/requests/{reference}/messages",
    tag = "desk",
    operation_id = "desk_send_message",
    params(
        ("reference" = String, Path, description = "FWU-YYYY-NNNNNN"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    request_body = MessageBody,
    security(("desk_session" = [])),
    responses(
        (status = 201, description = "Stored; the customer is told by mail", body = Message),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Cross-origin, or without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "The request is completed, closed or cancelled", body = ErrorBody),
        (status = 422, description = "Empty, too long, or with hidden characters", body = InvalidBody),
    )
)]
/// `POST /api/desk/requests/{reference}/messages`.
pub async fn send_message(
    SignedIn(live): SignedIn,
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<MessageBody>,
) -> Result<(StatusCode, Json<Message>), DeskError> {
    let text = customer::message(&body.body);
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = load(&mut tx, &reference).await?;
    customer::may_converse(request.status).map_err(DeskError::Refused)?;
    let text = text.map_err(|p| ApiError::Invalid(vec![p]))?;
    let message = store::add_message(
        &mut tx,
        request.id,
        Author::Desk,
        Some((live.staff.id, &live.staff.name)),
        text.as_str(),
        now,
    )
    .await?;
    // Answering is reading: the customer's messages so far are read.
    store::mark_read(&mut tx, request.id, now).await?;
    let lang = store::lang(&mut tx, request.id).await?;
    let mail = compose::desk_message(
        &state.mail,
        &request.reference,
        &request.payload,
        lang,
        text.as_str(),
    );
    outbox::enqueue(&mut tx, Some(request.id), &mail, now).await?;
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor: &live.staff.email,
            action: Action::MessageSent,
            target: &request.reference,
            address: Some(&peer.ip().to_string()),
            before: None,
            after: Some(json!({"message": message.id, "body": message.body})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(message)))
}

/// How many of the customer's messages became read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    pub marked: u64,
}

#[utoipa::path(
    post,
    path = "/api/desk/requests/{reference}/messages/read",
    tag = "desk",
    operation_id = "desk_mark_read",
    params(
        ("reference" = String, Path, description = "FWU-YYYY-NNNNNN"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "The customer's messages are read (the queue's unread count drops)", body = MarkedRead),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Cross-origin, or without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
    )
)]
/// `POST /api/desk/requests/{reference}/messages/read`.
pub async fn mark_read(
    SignedIn(live): SignedIn,
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(reference): Path<String>,
) -> Result<Json<MarkedRead>, DeskError> {
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = load(&mut tx, &reference).await?;
    let marked = store::mark_read(&mut tx, request.id, now).await?;
    if marked > 0 {
        audit::record(
            &mut tx,
            now,
            audit::Entry {
                actor: &live.staff.email,
                action: Action::MessagesRead,
                target: &request.reference,
                address: Some(&peer.ip().to_string()),
                before: None,
                after: Some(json!({"marked": marked})),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(MarkedRead { marked }))
}

/// The desk's answer to a pending change of the work date.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct DateChangeAnswer {
    pub accept: bool,
    /// Required to decline (the customer reads it); optional to accept.
    #[serde(default)]
    pub note: String,
    /// The `version` the desk read; a stale one gives 409.
    pub expected_version: i64,
}

#[utoipa::path(
    post,
    path = "/api/desk/requests/{reference}/date-change",
    tag = "desk",
    operation_id = "desk_answer_date_change",
    params(
        ("reference" = String, Path, description = "FWU-YYYY-NNNNNN"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    request_body = DateChangeAnswer,
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "Answered: an accepted date becomes the work date (a scheduled visit is agreed again)", body = TransitionDone),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Cross-origin, or without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "Stale version (`version_conflict`), or nothing waiting, or the request closed", body = ConflictBody),
        (status = 422, description = "No note for a decline, or the date now breaks R7 or R4", body = InvalidBody),
    )
)]
/// `POST /api/desk/requests/{reference}/date-change`.
pub async fn answer_date_change(
    SignedIn(live): SignedIn,
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<DateChangeAnswer>,
) -> Result<Json<TransitionDone>, DeskError> {
    let now = Utc::now();
    let (mut tx, request) = begin_step(&state, &reference, body.expected_version).await?;
    let (facts, pending) = date_change_facts(&mut tx, &request)
        .await
        .map_err(refused)?;
    customer::answerable(&facts).map_err(DeskError::Refused)?;
    let Some(pending) = pending else {
        return Err(DeskError::Refused(CustomerError::NoChangePending));
    };
    let decision = customer::answer_date_change(&facts, pending.change()?, body.accept, &body.note)
        .map_err(|e| refused(e.into()))?;
    let Some((version, event)) = lifecycle::apply(
        &mut tx,
        &request,
        &decision,
        Actor::Desk,
        Some(&live.staff),
        now,
    )
    .await?
    else {
        return Err(conflict(&request));
    };
    let state_name = if body.accept { "accepted" } else { "declined" };
    store::close_change(
        &mut tx,
        pending.id,
        state_name,
        Some(live.staff.id),
        &decision.note,
        now,
    )
    .await?;
    on_desk_step(&mut tx, &state, &request, &event, now).await?;
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor: &live.staff.email,
            action: Action::DateChangeAnswered,
            target: &request.reference,
            address: Some(&peer.ip().to_string()),
            before: Some(json!({"status": request.status, "version": request.version,
                                "work_date": request.work_date})),
            after: Some(json!({"status": decision.to, "version": version,
                               "answer": state_name, "note": decision.note,
                               "record": decision.record})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(TransitionDone {
        status: decision.to,
        version,
        event,
    }))
}
