//! The desk API (`/api/desk/…`, see the server's `http::desk`), called with the session
//! cookie (same origin) and, for every change, the session's CSRF token.

use std::collections::BTreeMap;

use fwportal_core::lifecycle::{Status, StepDraft, StepRecord};
use fwportal_core::problem::Problem;
use fwportal_core::request::{RequestDraft, RequestKind};
use gloo_net::http::{Request, Response};
use serde::{Deserialize, Serialize};

/// What can go wrong with a desk call, each case shown differently.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// Not signed in (or the session ended): back to the sign-in page.
    #[error("not signed in")]
    Unauthorized,
    /// The account is locked after repeated failures (423).
    #[error("locked")]
    Locked,
    /// Too many attempts from this address (429).
    #[error("rate limited")]
    RateLimited,
    /// Someone moved the request first (409): its status and version now.
    #[error("version conflict")]
    Conflict(Conflict),
    /// The server refused the values (422): every problem, by field.
    #[error("{} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    #[error("not found")]
    NotFound,
    #[error("network error: {0}")]
    Network(String),
    #[error("unexpected answer {0}")]
    Server(u16),
    /// The conversation refuses the action (a closed request, nothing waiting; issue 16):
    /// the server's sentence in both languages.
    #[error("refused: {0}")]
    Refused(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Conflict {
    pub status: Status,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Session {
    pub email: String,
    pub name: String,
    pub role: String,
    pub csrf_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct QueueItem {
    pub reference: String,
    pub kind: RequestKind,
    pub status: Status,
    pub contract_number: String,
    pub company: String,
    pub work_date: Option<String>,
    pub deadline: Option<String>,
    pub received_at: String,
    pub received_on: Option<String>,
    /// The customer's messages nobody has read yet (issue 16).
    #[serde(default)]
    pub unread_messages: i64,
    #[serde(default)]
    pub date_change_pending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub counts: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Notice {
    pub received_on: String,
    pub deadline: String,
    pub earliest_work_date: String,
    pub notice_met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RulesNow {
    pub problems_at_receipt: Vec<Problem>,
    pub notice: Option<Notice>,
    pub work_date_inside_proactive_care: Option<bool>,
    pub work_date_inside_option: Option<bool>,
    pub contract_active_today: Option<bool>,
    /// Each server with the scope rules' answer (R8, R10, R11) and each component's (R8–R10).
    #[serde(default)]
    pub servers: Vec<ServerCheck>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ServerCheck {
    pub serial_number: String,
    pub model: String,
    pub verdict: ServerVerdict,
    pub components: Vec<ComponentCheck>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ServerVerdict {
    pub rule: String,
    pub message_ja: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ComponentCheck {
    pub name: String,
    pub version: String,
    pub verdict: ComponentVerdict,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ComponentVerdict {
    pub rule: String,
    pub reason_ja: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Event {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub staff_email: Option<String>,
    pub staff_name: Option<String>,
    pub from: Status,
    pub to: Status,
    pub note: String,
    pub record: StepRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DeskRequest {
    pub reference: String,
    pub kind: RequestKind,
    pub status: Status,
    pub version: i64,
    pub received_at: String,
    pub received_on: Option<String>,
    pub request: RequestDraft,
    pub rules: RulesNow,
    pub next: Vec<Status>,
    pub timeline: Vec<Event>,
    /// The contract's terms on file (issue 15's registry); `None` for an old request.
    #[serde(default)]
    pub contract: Option<ContractView>,
    #[serde(default)]
    pub messages: Vec<Message>,
    #[serde(default)]
    pub pending_date_change: Option<PendingChange>,
}

/// A message of the conversation (issue 16).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Message {
    pub id: i64,
    pub at: String,
    /// `desk` or `customer`.
    pub author: String,
    #[serde(default)]
    pub staff_name: Option<String>,
    pub body: String,
    #[serde(default)]
    pub read_at: Option<String>,
}

/// The customer's change of the work date waiting for the desk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PendingChange {
    pub asked_at: String,
    pub work_date: String,
    pub work_start_time: String,
    pub received_on: String,
}

#[derive(Deserialize)]
struct RefusedBody {
    message_ja: String,
    message_en: String,
}

/// A contract as the registry holds it: `source` is `registry` (confirmed) or `request`
/// (filed from the first request, to be confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ContractView {
    pub contract: fwportal_core::registry::ContractRecordDraft,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
struct TransitionBody<'a> {
    #[serde(flatten)]
    step: &'a StepDraft,
    expected_version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TransitionDone {
    pub status: Status,
    pub version: i64,
}

#[derive(Deserialize)]
struct InvalidBody {
    problems: Vec<Problem>,
}

fn network(error: gloo_net::Error) -> ApiError {
    ApiError::Network(error.to_string())
}

/// Maps the answers every desk call shares; `Ok` for a 2xx.
async fn check(response: Response) -> Result<Response, ApiError> {
    match response.status() {
        200..=299 => Ok(response),
        401 => Err(ApiError::Unauthorized),
        404 => Err(ApiError::NotFound),
        409 => {
            // A stale version carries the current one; a refusal of the conversation its text.
            let text = response.text().await.unwrap_or_default();
            Err(match serde_json::from_str::<Conflict>(&text) {
                Ok(conflict) => ApiError::Conflict(conflict),
                Err(_) => serde_json::from_str::<RefusedBody>(&text)
                    .map(|b| ApiError::Refused(b.message_ja, b.message_en))
                    .unwrap_or(ApiError::Server(409)),
            })
        }
        422 => Err(response
            .json::<InvalidBody>()
            .await
            .map(|body| ApiError::Invalid(body.problems))
            .unwrap_or(ApiError::Server(422))),
        423 => Err(ApiError::Locked),
        429 => Err(ApiError::RateLimited),
        status => Err(ApiError::Server(status)),
    }
}

async fn read<T: for<'de> Deserialize<'de>>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    check(response)
        .await?
        .json::<T>()
        .await
        .map_err(|_| ApiError::Server(status))
}

/// `GET /api/desk/session`: who is signed in, with the CSRF token.
pub async fn session() -> Result<Session, ApiError> {
    read(
        Request::get("/api/desk/session")
            .send()
            .await
            .map_err(network)?,
    )
    .await
}

/// `POST /api/desk/session`: 204 and the cookie, or 401 for any wrong part, 423 when locked.
pub async fn sign_in(email: &str, password: &str, code: &str) -> Result<(), ApiError> {
    let body =
        serde_json::json!({ "email": email.trim(), "password": password, "code": code.trim() });
    let response = Request::post("/api/desk/session")
        .json(&body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    check(response).await.map(|_| ())
}

/// `DELETE /api/desk/session`.
pub async fn sign_out(csrf: &str) -> Result<(), ApiError> {
    let response = Request::delete("/api/desk/session")
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .map_err(network)?;
    check(response).await.map(|_| ())
}

/// The queue's filters as typed; empty ones are left out of the query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueQuery {
    pub status: String,
    pub kind: String,
    pub contract: String,
    pub reference: String,
    pub serial: String,
    pub received_from: String,
    pub received_to: String,
    pub work_from: String,
    pub work_to: String,
    pub page: u32,
}

impl QueueQuery {
    pub fn to_query_string(&self) -> String {
        let page = self.page.max(1).to_string();
        [
            ("status", self.status.as_str()),
            ("kind", self.kind.as_str()),
            ("contract", self.contract.as_str()),
            ("reference", self.reference.as_str()),
            ("serial", self.serial.as_str()),
            ("received_from", self.received_from.as_str()),
            ("received_to", self.received_to.as_str()),
            ("work_from", self.work_from.as_str()),
            ("work_to", self.work_to.as_str()),
            ("page", page.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// `GET /api/desk/requests?…`.
pub async fn queue(query: &QueueQuery) -> Result<QueuePage, ApiError> {
    let url = format!("/api/desk/requests?{}", query.to_query_string());
    read(Request::get(&url).send().await.map_err(network)?).await
}

fn request_path(reference: &str) -> String {
    format!(
        "/api/desk/requests/{}",
        js_sys::encode_uri_component(reference.trim())
    )
}

/// `GET /api/desk/requests/{reference}`.
pub async fn request(reference: &str) -> Result<DeskRequest, ApiError> {
    read(
        Request::get(&request_path(reference))
            .send()
            .await
            .map_err(network)?,
    )
    .await
}

/// `POST /api/desk/requests/{reference}/transitions` with the version the page shows.
pub async fn transition(
    reference: &str,
    csrf: &str,
    step: &StepDraft,
    expected_version: i64,
) -> Result<TransitionDone, ApiError> {
    let body = TransitionBody {
        step,
        expected_version,
    };
    let response = Request::post(&format!("{}/transitions", request_path(reference)))
        .header("X-CSRF-Token", csrf)
        .json(&body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    read(response).await
}

/// `PUT /api/desk/contracts/{number}`: confirms or corrects a contract's terms (audited).
/// A 409 here means the option start is held by booked update work (R4).
pub async fn correct_contract(
    csrf: &str,
    record: &fwportal_core::registry::ContractRecordDraft,
) -> Result<ContractView, ApiError> {
    let path = format!(
        "/api/desk/contracts/{}",
        js_sys::encode_uri_component(record.contract_number.trim())
    );
    let response = Request::put(&path)
        .header("X-CSRF-Token", csrf)
        .json(record)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    if response.status() == 409 {
        return Err(ApiError::Server(409));
    }
    read(response).await
}

/// `POST /api/desk/requests/{reference}/messages` (issue 16).
pub async fn send_message(reference: &str, csrf: &str, body: &str) -> Result<Message, ApiError> {
    let response = Request::post(&format!("{}/messages", request_path(reference)))
        .header("X-CSRF-Token", csrf)
        .json(&serde_json::json!({ "body": body }))
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    read(response).await
}

/// `POST /api/desk/requests/{reference}/messages/read`.
pub async fn mark_read(reference: &str, csrf: &str) -> Result<(), ApiError> {
    let response = Request::post(&format!("{}/messages/read", request_path(reference)))
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .map_err(network)?;
    check(response).await.map(|_| ())
}

/// `POST /api/desk/requests/{reference}/date-change`: accept or decline the customer's date.
pub async fn answer_date_change(
    reference: &str,
    csrf: &str,
    accept: bool,
    note: &str,
    expected_version: i64,
) -> Result<TransitionDone, ApiError> {
    let body = serde_json::json!({
        "accept": accept, "note": note, "expected_version": expected_version,
    });
    let response = Request::post(&format!("{}/date-change", request_path(reference)))
        .header("X-CSRF-Token", csrf)
        .json(&body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    read(response).await
}
