//! The customer's side of the conversation (issue 16), behind the request's access key like
//! `GET /api/requests/{reference}`: read the conversation, write to the desk, cancel, ask for
//! another work date, answer a return; and, without the key, ask for a new one.
//!
//! Every call with a key counts against the look-up limit (a wrong key is answered like an
//! unknown reference, `404`). Each change is decided by `fwportal_core::lifecycle::customer` and
//! written in one `BEGIN IMMEDIATE` transaction together with its event and its mails.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use fwportal_core::calendar::to_jst;
use fwportal_core::eligibility::contract_year;
use fwportal_core::i18n::Lang;
use fwportal_core::lifecycle::customer::{
    self, CancelFacts, CustomerError, DateChangeDraft, DateChangeFacts,
};
use fwportal_core::lifecycle::parts::ReturnPart;
use fwportal_core::lifecycle::{Actor, Status, StepRecord};
use fwportal_core::request::fields::EmailAddress;
use fwportal_core::request::{check_against, Reference, RequestDraft, RuleContext};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use utoipa::ToSchema;

use super::client_ip::ClientIp;
use super::error::{ApiError, ErrorBody, InvalidBody};
use super::json::ApiJson;
use super::requests::bearer_token;
use super::AppState;
use crate::conversation::{self as store, Author, PendingChange};
use crate::db::{self, DbError};
use crate::lifecycle::{self, DeskRequest};
use crate::mail::{compose, outbox};
use crate::tokens;

/// New keys mailed for one request within a day, at most (a mailbox is not to be flooded).
pub const NEW_KEYS_PER_DAY: i64 = 3;

/// What can go wrong here: the API's errors, or a change the request's life refuses.
#[derive(Debug, thiserror::Error)]
pub enum ConversationError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Refused(#[from] CustomerError),
}

impl From<DbError> for ConversationError {
    fn from(error: DbError) -> Self {
        ConversationError::Api(ApiError::Db(error))
    }
}

impl From<sqlx::Error> for ConversationError {
    fn from(error: sqlx::Error) -> Self {
        ConversationError::from(DbError::from(error))
    }
}

impl IntoResponse for ConversationError {
    fn into_response(self) -> Response {
        match self {
            ConversationError::Api(error) => error.into_response(),
            ConversationError::Refused(CustomerError::Invalid(problems)) => {
                ApiError::Invalid(problems).into_response()
            }
            ConversationError::Refused(refused) => {
                let message = refused.message();
                (
                    StatusCode::CONFLICT,
                    Json(ErrorBody {
                        error: refused.code(),
                        message_ja: message.ja,
                        message_en: message.en,
                        detail: None,
                    }),
                )
                    .into_response()
            }
        }
    }
}

/// The request of `reference` when `headers` carry its access key; `404` for any mismatch.
async fn authorised(
    conn: &mut SqliteConnection,
    reference: &str,
    headers: &HeaderMap,
) -> Result<DeskRequest, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .unwrap_or_default();
    let reference = Reference::parse(reference.trim()).map_err(|_| ApiError::NotFound)?;
    let request = lifecycle::find(conn, &reference.to_string())
        .await?
        .ok_or(ApiError::NotFound)?;
    let stored = store::access_token_hash(conn, request.id).await?;
    if !tokens::same_hash(&stored, &tokens::sha256(token.as_bytes())) {
        return Err(ApiError::NotFound);
    }
    Ok(request)
}

/// A message as the customer reads it: who (the desk or they), when, what. Never the staff
/// member's name.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerMessage {
    pub at: DateTime<Utc>,
    pub author: Author,
    pub body: String,
}

/// What the customer may do now (the page shows only these).
#[derive(Debug, Serialize, ToSchema)]
pub struct Possible {
    pub message: bool,
    pub cancel: bool,
    pub change_date: bool,
    pub answer_return: bool,
}

/// The work date and start time as planned now.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlannedWork {
    pub work_date: NaiveDate,
    /// `HH:MM`, Japan time.
    pub work_start_time: String,
}

/// A part of the request a return asks the customer to change, with its name for people.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnPartView {
    pub part: ReturnPart,
    pub label_ja: &'static str,
    pub label_en: &'static str,
}

/// The conversation as the customer reads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationView {
    pub reference: String,
    pub status: Status,
    pub messages: Vec<CustomerMessage>,
    /// The change of the work date waiting for the desk's answer.
    pub pending_date_change: Option<PendingChange>,
    pub planned_work: Option<PlannedWork>,
    /// The desk's reason when the request was returned (what to change).
    pub return_reason: Option<String>,
    /// The parts of the request the desk asks to change when it returned it, in the order of
    /// the request's pages; empty when it named none (the whole request is open to change)
    /// or the request is not returned.
    pub return_parts: Vec<ReturnPartView>,
    pub possible: Possible,
}

async fn view(
    conn: &mut SqliteConnection,
    request: &DeskRequest,
) -> Result<ConversationView, DbError> {
    let events = lifecycle::events(conn, request.id).await?;
    let messages = store::messages(conn, request.id)
        .await?
        .into_iter()
        .map(|m| CustomerMessage {
            at: m.at,
            author: m.author,
            body: m.body,
        })
        .collect();
    let pending = store::pending_change(conn, request.id).await?;
    let planned = store::planned_work(request, &events);
    let open = request.status.is_open();
    let update_work = request.kind == fwportal_core::request::RequestKind::UpdateWork;
    let returned = (request.status == Status::Returned)
        .then(|| events.iter().rev().find(|e| e.to == Status::Returned))
        .flatten();
    let return_reason = returned.map(|e| e.note.clone());
    let return_parts = match returned.map(|e| &e.record) {
        Some(StepRecord::Return { parts }) => parts
            .iter()
            .map(|&part| ReturnPartView {
                part,
                label_ja: part.label(Lang::Ja),
                label_en: part.label(Lang::En),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(ConversationView {
        reference: request.reference.clone(),
        status: request.status,
        messages,
        possible: Possible {
            message: open,
            cancel: open && planned.is_none_or(|(d, t)| Utc::now() < customer::work_start(d, t)),
            change_date: open && update_work && pending.is_none(),
            answer_return: request.status == Status::Returned,
        },
        pending_date_change: pending,
        planned_work: planned.map(|(d, t)| PlannedWork {
            work_date: d,
            work_start_time: t.format("%H:%M").to_string(),
        }),
        return_reason,
        return_parts,
    })
}

#[utoipa::path(
    get,
    path = "/api/requests/{reference}/conversation",
    operation_id = "show_conversation",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "Messages, a pending change of the work date, what the customer may do now", body = ConversationView),
        (status = 404, description = "Unknown reference, or a missing or wrong token (indistinguishable)", body = ErrorBody),
        (status = 429, description = "Too many look-ups from this client", body = ErrorBody),
    )
)]
/// `GET /api/requests/{reference}/conversation`.
pub async fn show(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Json<ConversationView>, ConversationError> {
    state.limiters.lookup(client)?;
    let mut conn = state.pool.acquire().await?;
    let request = authorised(&mut conn, &reference, &headers).await?;
    Ok(Json(view(&mut conn, &request).await?))
}

/// A message to the desk.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct MessageBody {
    /// Plain text, at most 4,000 characters; line breaks allowed.
    pub body: String,
}

#[utoipa::path(
    post,
    path = "/api/requests/{reference}/messages",
    operation_id = "send_customer_message",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    request_body = MessageBody,
    security(("access_token" = [])),
    responses(
        (status = 201, description = "Stored; the desk is told by mail", body = CustomerMessage),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 404, description = "Unknown reference, or a missing or wrong token", body = ErrorBody),
        (status = 409, description = "The request is completed, closed or cancelled (`request_closed`)", body = ErrorBody),
        (status = 422, description = "Empty, too long, or with hidden characters", body = InvalidBody),
        (status = 429, description = "Too many look-ups from this client", body = ErrorBody),
    )
)]
/// `POST /api/requests/{reference}/messages`.
pub async fn send_message(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<MessageBody>,
) -> Result<(StatusCode, Json<CustomerMessage>), ConversationError> {
    state.limiters.lookup(client)?;
    let text = customer::message(&body.body).map_err(|p| CustomerError::Invalid(vec![p]));
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = authorised(&mut tx, &reference, &headers).await?;
    customer::may_converse(request.status)?;
    let text = text?;
    let message = store::add_message(
        &mut tx,
        request.id,
        Author::Customer,
        None,
        text.as_str(),
        now,
    )
    .await?;
    let mail = compose::desk_customer_message(&state.mail, &request.reference, text.as_str());
    outbox::enqueue(&mut tx, Some(request.id), &mail, now).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CustomerMessage {
            at: message.at,
            author: message.author,
            body: message.body,
        }),
    ))
}

/// A cancellation, with an optional reason.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct CancelBody {
    /// At most 2,000 characters; may be empty.
    pub reason: String,
}

/// The request after the customer's step.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepTaken {
    pub status: Status,
    /// A cancellation after the R5 deadline of the planned work date (the desk is told).
    pub late: bool,
}

#[utoipa::path(
    post,
    path = "/api/requests/{reference}/cancel",
    operation_id = "cancel_request",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    request_body = CancelBody,
    security(("access_token" = [])),
    responses(
        (status = 200, description = "Cancelled; `late` after the R5 deadline", body = StepTaken),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 404, description = "Unknown reference, or a missing or wrong token", body = ErrorBody),
        (status = 409, description = "Already completed, closed or cancelled", body = ErrorBody),
        (status = 422, description = "The work has started (`work_started`), or the reason is not acceptable", body = InvalidBody),
        (status = 429, description = "Too many look-ups from this client", body = ErrorBody),
    )
)]
/// `POST /api/requests/{reference}/cancel`. A cancelled update work frees its contract year
/// (R4); a pending change of the date is withdrawn with it.
pub async fn cancel(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CancelBody>,
) -> Result<Json<StepTaken>, ConversationError> {
    state.limiters.lookup(client)?;
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = authorised(&mut tx, &reference, &headers).await?;
    let events = lifecycle::events(&mut tx, request.id).await?;
    let facts = CancelFacts {
        kind: request.kind,
        status: request.status,
        work: store::planned_work(&request, &events),
    };
    let done = customer::cancel(&facts, &state.calendar, now, &body.reason)?;
    let Some(_) = lifecycle::apply(
        &mut tx,
        &request,
        &done.decision,
        Actor::Customer,
        None,
        now,
    )
    .await?
    else {
        return Err(CustomerError::NotNow {
            status: request.status,
        }
        .into());
    };
    if let Some(pending) = store::pending_change(&mut tx, request.id).await? {
        store::close_change(&mut tx, pending.id, "withdrawn", None, "", now).await?;
    }
    let lang = store::lang(&mut tx, request.id).await?;
    let to_desk = compose::desk_cancellation(
        &state.mail,
        &request.reference,
        &done.decision.note,
        done.late,
    );
    outbox::enqueue(&mut tx, Some(request.id), &to_desk, now).await?;
    let to_customer = compose::status_change(
        &state.mail,
        &request.reference,
        &request.payload,
        lang,
        Status::Cancelled,
        &done.decision.note,
    );
    outbox::enqueue(&mut tx, Some(request.id), &to_customer, now).await?;
    tx.commit().await?;
    tracing::info!(reference = %request.reference, late = done.late, "cancelled by the customer");
    Ok(Json(StepTaken {
        status: Status::Cancelled,
        late: done.late,
    }))
}

fn periods(
    request: &DeskRequest,
) -> Result<
    (
        fwportal_core::eligibility::contract::Period,
        fwportal_core::eligibility::contract::Period,
    ),
    ApiError,
> {
    use fwportal_core::eligibility::contract::Period;
    use fwportal_core::request::fields::parse_date;
    let c = &request.payload.contract;
    let period = |start: &str, end: &str| -> Option<Period> {
        Some(Period::new(parse_date(start).ok()?, parse_date(end).ok()?))
    };
    period(&c.proactive_care_start, &c.proactive_care_end)
        .zip(period(&c.option_start, &c.option_end))
        .ok_or_else(|| ApiError::internal("a stored request without contract periods"))
}

/// The facts of a date change: periods of the contract on file (the desk may have corrected
/// them), else those the request states.
pub(crate) async fn date_change_facts(
    conn: &mut SqliteConnection,
    request: &DeskRequest,
) -> Result<(DateChangeFacts, Option<PendingChange>), ConversationError> {
    let events = lifecycle::events(conn, request.id).await?;
    let pending = store::pending_change(conn, request.id).await?;
    let (proactive_care, option) =
        match db::contract_on_file(conn, &request.contract_number).await? {
            Some(terms) => (terms.proactive_care, terms.option),
            None => periods(request)?,
        };
    Ok((
        DateChangeFacts {
            kind: request.kind,
            status: request.status,
            proactive_care,
            option,
            contract_year_start: request.contract_year_start,
            current: store::planned_work(request, &events),
            pending: pending.is_some(),
        },
        pending,
    ))
}

#[utoipa::path(
    post,
    path = "/api/requests/{reference}/date-change",
    operation_id = "ask_date_change",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    request_body = DateChangeDraft,
    security(("access_token" = [])),
    responses(
        (status = 201, description = "Waiting for the desk's answer", body = PendingChange),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 404, description = "Unknown reference, or a missing or wrong token", body = ErrorBody),
        (status = 409, description = "Closed, not update work, or a change already waiting", body = ErrorBody),
        (status = 422, description = "The date breaks R5 (counted from now), R7 or R4, or is not a date", body = InvalidBody),
        (status = 429, description = "Too many look-ups from this client", body = ErrorBody),
    )
)]
/// `POST /api/requests/{reference}/date-change`.
pub async fn ask_date_change(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<DateChangeDraft>,
) -> Result<(StatusCode, Json<PendingChange>), ConversationError> {
    state.limiters.lookup(client)?;
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = authorised(&mut tx, &reference, &headers).await?;
    let (facts, _) = date_change_facts(&mut tx, &request).await?;
    let change = customer::ask_date_change(&facts, &state.calendar, now, &body)?;
    let received_on = state
        .calendar
        .notice_report(change.work_date, &now)
        .map(|r| r.received_on)
        .map_err(ApiError::internal)?;
    let pending = store::ask_change(&mut tx, request.id, change, received_on, now).await?;
    let mail = compose::desk_date_change(
        &state.mail,
        &request.reference,
        change.work_date,
        change.work_start_time,
    );
    outbox::enqueue(&mut tx, Some(request.id), &mail, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(pending)))
}

#[utoipa::path(
    post,
    path = "/api/requests/{reference}/resubmit",
    operation_id = "answer_return",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    request_body = RequestDraft,
    security(("access_token" = [])),
    responses(
        (status = 200, description = "Sent again: the request is `received` with the answered fields", body = StepTaken),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 404, description = "Unknown reference, or a missing or wrong token", body = ErrorBody),
        (status = 409, description = "The request is not returned", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 422, description = "Every problem, checked like a new request (R4–R16); the kind and contract number cannot change", body = InvalidBody),
        (status = 429, description = "Too many look-ups from this client", body = ErrorBody),
    )
)]
/// `POST /api/requests/{reference}/resubmit`: the answer to a return. The whole request is
/// checked again like a new one, with the clock of the answer (R5) and the contract's other
/// requests (R4), and replaces the stored one.
pub async fn resubmit(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    headers: HeaderMap,
    ApiJson(draft): ApiJson<RequestDraft>,
) -> Result<Json<StepTaken>, ConversationError> {
    state.limiters.lookup(client)?;
    let over = fwportal_core::request::check_limits(&draft);
    if !over.is_empty() {
        return Err(ApiError::Invalid(over).into());
    }
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = authorised(&mut tx, &reference, &headers).await?;
    let step = customer::resubmit(
        request.kind,
        request.status,
        &request.contract_number,
        &draft,
    )?;
    let earlier: Vec<NaiveDate> = sqlx::query_scalar::<_, String>(
        "SELECT work_date FROM requests
         WHERE contract_number = ?1 AND kind = 'update_work' AND work_date IS NOT NULL
           AND status <> 'cancelled' AND id <> ?2",
    )
    .bind(&request.contract_number)
    .bind(request.id)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    .collect();
    let on_file = db::contract_on_file(&mut tx, &request.contract_number).await?;
    let context = RuleContext {
        calendar: &state.calendar,
        submitted_at: now,
        earlier_work_dates: &earlier,
    };
    let checked = check_against(&draft, &context, on_file.as_ref()).map_err(ApiError::Invalid)?;
    let work_date = checked.request.work.as_ref().map(|w| w.work_date);
    let option_start = on_file
        .map(|t| t.option.start)
        .unwrap_or(checked.request.contract.option.start);
    let payload = serde_json::to_string(&checked.request.to_draft()).map_err(ApiError::internal)?;
    let Some(_) = lifecycle::apply(&mut tx, &request, &step, Actor::Customer, None, now).await?
    else {
        return Err(CustomerError::NotNow {
            status: request.status,
        }
        .into());
    };
    let updated = sqlx::query(
        "UPDATE requests SET payload = ?1, work_date = ?2, contract_year_start = ?3,
                             received_on = ?4
         WHERE id = ?5",
    )
    .bind(&payload)
    .bind(work_date.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(
        work_date
            .and_then(|d| contract_year(option_start, d))
            .map(|y| y.first_day.format("%Y-%m-%d").to_string()),
    )
    .bind(
        checked
            .notice
            .as_ref()
            .map(|n| n.received_on.format("%Y-%m-%d").to_string()),
    )
    .bind(request.id)
    .execute(&mut *tx)
    .await;
    if let Err(error) = updated {
        let error = DbError::from(error);
        return Err(if error.is_once_a_year_violation() {
            ApiError::OnceAYearTaken
        } else {
            error.into()
        }
        .into());
    }
    // The desk's serial-number search reads `request_serials`, which the insert trigger filled
    // from the first payload: fill it again from the answer.
    sqlx::query("DELETE FROM request_serials WHERE request_id = ?1")
        .bind(request.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO request_serials (request_id, serial_number)
         SELECT ?1, json_extract(s.value, '$.serial_number')
         FROM json_each(?2, '$.servers') AS s
         WHERE json_extract(s.value, '$.serial_number') IS NOT NULL",
    )
    .bind(request.id)
    .bind(&payload)
    .execute(&mut *tx)
    .await?;
    let mail = compose::desk_resubmitted(&state.mail, &request.reference);
    outbox::enqueue(&mut tx, Some(request.id), &mail, now).await?;
    tx.commit().await?;
    Ok(Json(StepTaken {
        status: Status::Received,
        late: false,
    }))
}

/// "Send me a new key": the contact e-mail on file.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct NewKeyBody {
    pub email: String,
}

/// The one answer to every well-formed new-key request.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewKeyAnswer {
    pub message_ja: String,
    pub message_en: String,
}

fn new_key_answer() -> NewKeyAnswer {
    NewKeyAnswer {
        message_ja: "受付番号とメールアドレスがお申込みの内容と一致した場合は、そのアドレスに新しいアクセスキーをお送りしました。数分たっても届かない場合は、入力内容をご確認のうえサポートセンターにお問い合わせください。".to_owned(),
        message_en: "If the reference and the e-mail address match the request, a new access key is on its way to that address. If nothing arrives within a few minutes, check what you entered or contact the support centre.".to_owned(),
    }
}

#[utoipa::path(
    post,
    path = "/api/requests/{reference}/new-key",
    operation_id = "request_new_key",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    request_body = NewKeyBody,
    responses(
        (status = 202, description = "The same answer whether or not the reference and the e-mail match", body = NewKeyAnswer),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 422, description = "A value that is not text where text belongs (`invalid_type`)", body = InvalidBody),
        (status = 429, description = "Too many attempts from this client", body = ErrorBody),
    )
)]
/// `POST /api/requests/{reference}/new-key`. When the reference and the contact e-mail match, a
/// new access key replaces the old one (which stops working at once) and is mailed to that
/// address; the answer is the same either way, so nothing can be learnt by probing. Attempts
/// count against the look-up limit, and at most [`NEW_KEYS_PER_DAY`] keys a day are mailed
/// for one request.
pub async fn new_key(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<NewKeyBody>,
) -> Result<(StatusCode, Json<NewKeyAnswer>), ConversationError> {
    state.limiters.lookup(client)?;
    let answer = (StatusCode::ACCEPTED, Json(new_key_answer()));
    let (Ok(reference), Ok(email)) = (
        Reference::parse(reference.trim()),
        EmailAddress::parse(&body.email),
    ) else {
        return Ok(answer);
    };
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let Some(request) = lifecycle::find(&mut tx, &reference.to_string()).await? else {
        return Ok(answer);
    };
    let on_file = EmailAddress::parse(&request.payload.contact.email);
    let matches = on_file.is_ok_and(|a| a.as_str().eq_ignore_ascii_case(email.as_str()));
    let recent =
        outbox::count_since(&mut tx, request.id, "new_key", now - TimeDelta::days(1)).await?;
    if !matches || recent >= NEW_KEYS_PER_DAY {
        return Ok(answer);
    }
    let key = tokens::new_access_token().map_err(ApiError::internal)?;
    store::replace_access_token(&mut tx, request.id, &tokens::sha256(key.as_bytes())).await?;
    let lang = store::lang(&mut tx, request.id).await?;
    let mail = compose::new_key(
        &state.mail,
        &request.reference,
        &request.payload,
        lang,
        &key,
    );
    outbox::enqueue(&mut tx, Some(request.id), &mail, now).await?;
    tx.commit().await?;
    tracing::info!(reference = %request.reference, "new access key mailed");
    Ok(answer)
}

/// The language the customer submitted in, from the submission's `Content-Language` (`en`
/// or `ja`; anything else is Japanese, the portal's default).
pub fn submission_lang(headers: &HeaderMap) -> Lang {
    let value = headers
        .get(axum::http::header::CONTENT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if value == "en" || value.starts_with("en-") {
        Lang::En
    } else {
        Lang::Ja
    }
}

/// Queues the receipt and the desk's notice of a new request in the submission's transaction,
/// on the intake writer's connection (called by `requests::Submission::accept`; the language
/// is stored with the request row).
#[allow(clippy::too_many_arguments)]
pub fn on_submission(
    conn: &rusqlite::Connection,
    mail: &crate::mail::MailSettings,
    calendar: &fwportal_core::calendar::BusinessCalendar,
    request_id: i64,
    reference: &str,
    draft: &RequestDraft,
    lang: Lang,
    deadline: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let receipt = compose::receipt(
        mail,
        calendar,
        reference,
        draft,
        lang,
        deadline,
        to_jst(&now),
    );
    outbox::enqueue_on(conn, Some(request_id), &receipt, now)?;
    let desk = compose::desk_new_request(mail, reference, draft);
    outbox::enqueue_on(conn, Some(request_id), &desk, now)?;
    Ok(())
}

/// Queues the customer's mail for a desk step (in the step's transaction).
pub async fn on_desk_step(
    conn: &mut SqliteConnection,
    state: &AppState,
    request: &DeskRequest,
    event: &lifecycle::Event,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let lang = store::lang(conn, request.id).await?;
    let history = lifecycle::history(request.received_at, std::slice::from_ref(event));
    let text = history
        .last()
        .map(|h| match lang {
            Lang::Ja => h.text_ja.clone(),
            Lang::En => h.text_en.clone(),
        })
        .unwrap_or_default();
    let mail = match &event.record {
        StepRecord::DateChange {
            accepted,
            work_date,
            work_start_time,
        } => compose::date_change_answer(
            &state.mail,
            &request.reference,
            &request.payload,
            lang,
            *accepted,
            customer::DateChange {
                work_date: *work_date,
                work_start_time: *work_start_time,
            },
            &event.note,
        ),
        _ => compose::status_change(
            &state.mail,
            &request.reference,
            &request.payload,
            lang,
            event.to,
            &text,
        ),
    };
    outbox::enqueue(conn, Some(request.id), &mail, now).await?;
    Ok(())
}
