//! Calls to the intake API (gloo-net). Failures are typed so each page can say what to do.

use fwportal_core::calendar::{BusinessCalendar, CalendarConfig};
use fwportal_core::problem::Problem;
use fwportal_core::request::RequestDraft;
use gloo_net::http::Request;
use serde::Deserialize;

/// What the server answers with `201 Created`. The access token appears here only: the app
/// keeps it in memory for the confirmation page and never stores it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Accepted {
    pub reference: String,
    pub access_token: String,
    pub kind: String,
    pub status: String,
    #[serde(default)]
    pub received_on: Option<String>,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub warnings: Vec<Problem>,
}

/// A message the server wrote for people, in both languages (400, 409, 413, 429…).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServerMessage {
    pub error: String,
    #[serde(default)]
    pub message_ja: String,
    #[serde(default)]
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitError {
    /// `422`: the server refused the request; every problem is listed.
    #[error("the server refused the request")]
    Invalid(Vec<Problem>),
    /// The server could not be reached; the request may be sent again with the same key.
    #[error("network error: {0}")]
    Network(String),
    /// A refusal with a message of its own (400, 409, 413, 429).
    #[error("refused: {}", .0.error)]
    Refused(ServerMessage),
    /// Any other answer.
    #[error("unexpected answer {0}")]
    Server(u16),
}

#[derive(Deserialize)]
struct InvalidBody {
    problems: Vec<Problem>,
}

/// `POST /api/requests` with the caller's idempotency key: the same key for a retry of the
/// same draft, so a request that reached the server before the connection broke is not
/// accepted twice.
pub async fn submit(draft: &RequestDraft, idempotency_key: &str) -> Result<Accepted, SubmitError> {
    let request = Request::post("/api/requests")
        .header("Idempotency-Key", idempotency_key)
        // The language the customer is using: the server writes their mails in it (issue 16).
        .header("Content-Language", &page_lang());
    send(request, draft, 201)
        .await?
        .json::<Accepted>()
        .await
        .map_err(|_| SubmitError::Server(201))
}

/// `POST /api/requests/{reference}/resubmit` with the access key: the answer to a return
/// (issue 16), checked again like a new request. A key that does not match is refused like
/// an unknown reference (`404`, `Refused` with `error: "not_found"`).
pub async fn resubmit(
    reference: &str,
    token: &str,
    draft: &RequestDraft,
) -> Result<(), SubmitError> {
    let request = Request::post(&format!(
        "/api/requests/{}/resubmit",
        js_sys::encode_uri_component(reference.trim())
    ))
    .header("Authorization", &format!("Bearer {}", token.trim()));
    send(request, draft, 200).await.map(|_| ())
}

/// Sends `draft` and returns the answer when it has the status `ok`; otherwise why not (422
/// with every problem, else the server's message). One function for both sendings: each
/// `async` body is code of its own in the journey's download.
async fn send(
    request: gloo_net::http::RequestBuilder,
    draft: &RequestDraft,
    ok: u16,
) -> Result<gloo_net::http::Response, SubmitError> {
    let response = request
        .json(draft)
        .map_err(|e| SubmitError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| SubmitError::Network(e.to_string()))?;
    match response.status() {
        status if status == ok => Ok(response),
        422 => Err(match response.json::<InvalidBody>().await {
            Ok(body) => SubmitError::Invalid(body.problems),
            Err(_) => SubmitError::Server(422),
        }),
        status => Err(match response.json::<ServerMessage>().await {
            Ok(message) if !message.message_ja.is_empty() => SubmitError::Refused(message),
            _ => SubmitError::Server(status),
        }),
    }
}

/// `POST /api/catalogs/{name}/analysis` (issue 17): the imported servers (`inventory`, the
/// JSON the import kept) analysed on the server against the operator's catalogue `name` (its
/// catalogue is not in the download). The error is the server's message in both languages, or
/// `None` when it gave none (unreachable, or a `422` about a stored inventory gone bad).
pub async fn analyse_with(
    catalog: &str,
    inventory: String,
) -> Result<fwportal_core::request::AnalysisDraft, Option<ServerMessage>> {
    let url = format!(
        "/api/catalogs/{}/analysis",
        String::from(js_sys::encode_uri_component(catalog.trim()))
    );
    let response = Request::post(&url)
        .header("Content-Type", "application/json")
        .body(inventory)
        .map_err(|_| None)?
        .send()
        .await
        .map_err(|_| None)?;
    if response.ok() {
        return response.json().await.map_err(|_| None);
    }
    Err(response.json::<ServerMessage>().await.ok())
}

#[derive(Deserialize)]
struct ConfigBody {
    calendar: BusinessCalendar,
}

/// `/api/config`'s answer as configured, before the calendar is computed from it.
#[derive(Deserialize)]
struct ConfigSource {
    calendar: CalendarConfig,
}

/// The id of the element in which the server puts `/api/config`'s answer into the page
/// (`crates/server/src/http/assets.rs`).
pub const CONFIG_ELEMENT_ID: &str = "fwportal-config";

/// The calendar's configuration the server inlined into the page, when it did: read without
/// computing the calendar (every law holiday of every year), which the app does a task later
/// (crate::startup), while its settings are in the texts from the first render.
pub fn inline_calendar_config() -> Option<CalendarConfig> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id(CONFIG_ELEMENT_ID)?
        .text_content()?;
    serde_json::from_str::<ConfigSource>(&text)
        .ok()
        .map(|body| body.calendar)
}

/// The calendar the server decides with (holidays, closures, notice), from `GET /api/config`:
/// for a page the server did not inline it into ([`inline_calendar_config`]).
pub async fn config() -> Result<BusinessCalendar, String> {
    let response = Request::get("/api/config")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response
        .json::<ConfigBody>()
        .await
        .map(|body| body.calendar)
        .map_err(|e| e.to_string())
}

/// A stored request as its owner reads it back.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StoredRequest {
    pub reference: String,
    pub kind: String,
    pub status: String,
    pub received_at: String,
    #[serde(default)]
    pub received_on: Option<String>,
    pub request: RequestDraft,
    /// Each step so far, from the receipt (issue 15); older servers send none.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// One step of the request's life as the customer reads it (the server writes both languages).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HistoryEntry {
    /// RFC 3339.
    pub at: String,
    pub status: String,
    pub label_ja: String,
    pub label_en: String,
    pub text_ja: String,
    pub text_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// Unknown reference or wrong token (the server does not say which).
    #[error("not found")]
    NotFound,
    #[error("network error: {0}")]
    Network(String),
    #[error("unexpected answer {0}")]
    Server(u16),
}

/// `GET /api/requests/{reference}` with the access token.
pub async fn lookup(reference: &str, token: &str) -> Result<StoredRequest, LookupError> {
    let path = format!(
        "/api/requests/{}",
        js_sys::encode_uri_component(reference.trim())
    );
    let response = Request::get(&path)
        .header("Authorization", &format!("Bearer {}", token.trim()))
        .send()
        .await
        .map_err(|e| LookupError::Network(e.to_string()))?;
    match response.status() {
        200 => response
            .json::<StoredRequest>()
            .await
            .map_err(|_| LookupError::Server(200)),
        404 => Err(LookupError::NotFound),
        status => Err(LookupError::Server(status)),
    }
}

/// The page's language (`ja` or `en`), as the app set it on `<html lang>`.
fn page_lang() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| l == "en")
        .unwrap_or_else(|| "ja".to_owned())
}

// ---- The conversation on /status (issue 16) ----

/// A message as the customer reads it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConversationMessage {
    pub at: String,
    /// `desk` or `customer`.
    pub author: String,
    pub body: String,
}

/// A change of the work date waiting for the desk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PendingDateChange {
    pub work_date: String,
    pub work_start_time: String,
}

/// What the customer may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Possible {
    pub message: bool,
    pub cancel: bool,
    pub change_date: bool,
    pub answer_return: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PlannedWork {
    pub work_date: String,
    pub work_start_time: String,
}

/// `GET /api/requests/{reference}/conversation`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConversationView {
    pub status: String,
    pub messages: Vec<ConversationMessage>,
    pub pending_date_change: Option<PendingDateChange>,
    pub planned_work: Option<PlannedWork>,
    pub return_reason: Option<String>,
    /// The parts the desk asks to change (issue 16); older servers send none.
    #[serde(default)]
    pub return_parts: Vec<crate::answer::PartName>,
    pub possible: Possible,
}

/// Why a conversation call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConversationError {
    /// `422`: every problem, at its field.
    #[error("refused")]
    Invalid(Vec<Problem>),
    /// `409` and others with the server's sentence (a closed request, a change waiting).
    #[error("refused: {}", .0.error)]
    Refused(ServerMessage),
    #[error("not found")]
    NotFound,
    #[error("network error: {0}")]
    Network(String),
    #[error("unexpected answer {0}")]
    Server(u16),
}

fn conversation_path(reference: &str, what: &str) -> String {
    format!(
        "/api/requests/{}/{what}",
        js_sys::encode_uri_component(reference.trim())
    )
}

async fn conversation_answer<T: for<'de> Deserialize<'de>>(
    response: gloo_net::http::Response,
) -> Result<T, ConversationError> {
    match response.status() {
        200..=299 => response
            .json::<T>()
            .await
            .map_err(|_| ConversationError::Server(200)),
        404 => Err(ConversationError::NotFound),
        422 => Err(match response.json::<InvalidBody>().await {
            Ok(body) => ConversationError::Invalid(body.problems),
            Err(_) => ConversationError::Server(422),
        }),
        status => Err(match response.json::<ServerMessage>().await {
            Ok(message) if !message.message_ja.is_empty() => ConversationError::Refused(message),
            _ => ConversationError::Server(status),
        }),
    }
}

/// `GET /api/requests/{reference}/conversation` with the access key.
pub async fn conversation(
    reference: &str,
    token: &str,
) -> Result<ConversationView, ConversationError> {
    let response = Request::get(&conversation_path(reference, "conversation"))
        .header("Authorization", &format!("Bearer {}", token.trim()))
        .send()
        .await
        .map_err(|e| ConversationError::Network(e.to_string()))?;
    conversation_answer(response).await
}

/// The body of a conversation `POST`: one shape for the three (each server route reads its own
/// fields and ignores the others), so the app carries one serialiser and no JSON values.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PostBody {
    pub body: String,
    pub work_date: String,
    pub work_start_time: String,
    pub reason: String,
}

/// What the page needs of a conversation `POST`'s answer: only a cancellation's `late`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Done {
    #[serde(default)]
    pub late: bool,
}

/// A `POST` of the conversation (`messages`, `cancel`, `date-change`) with the access key;
/// the page reloads the conversation afterwards.
pub async fn conversation_post(
    reference: &str,
    token: &str,
    what: &str,
    body: &PostBody,
) -> Result<Done, ConversationError> {
    let response = Request::post(&conversation_path(reference, what))
        .header("Authorization", &format!("Bearer {}", token.trim()))
        .json(body)
        .map_err(|e| ConversationError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ConversationError::Network(e.to_string()))?;
    conversation_answer(response).await
}

#[derive(serde::Serialize)]
struct NewKeyBody<'a> {
    email: &'a str,
}

/// `POST /api/requests/{reference}/new-key`: the same answer whether or not they match.
pub async fn new_key(reference: &str, email: &str) -> Result<ServerMessage, ConversationError> {
    let response = Request::post(&conversation_path(reference, "new-key"))
        .json(&NewKeyBody {
            email: email.trim(),
        })
        .map_err(|e| ConversationError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ConversationError::Network(e.to_string()))?;
    if response.status() == 202 {
        #[derive(Deserialize)]
        struct Answer {
            message_ja: String,
            message_en: String,
        }
        return response
            .json::<Answer>()
            .await
            .map(|a| ServerMessage {
                error: String::new(),
                message_ja: a.message_ja,
                message_en: a.message_en,
            })
            .map_err(|_| ConversationError::Server(202));
    }
    conversation_answer(response).await
}
