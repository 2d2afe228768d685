//! `/api/requests`: submit a request (idempotent, re-checked with the server's own clock) and
//! read one back with its access token.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use fwportal_core::calendar::to_jst;
use fwportal_core::eligibility::contract_year;
use fwportal_core::i18n::Lang;
use fwportal_core::problem::Problem;
use fwportal_core::registry::{unknown_contract_problem, UnknownContracts};
use fwportal_core::request::fields::ContractNumber;
use fwportal_core::request::{
    check_limits, check_operator_catalog, check_with_analysis, Reference, RequestDraft,
    RequestKind, RuleContext,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::client_ip::ClientIp;
use super::error::{ApiError, ErrorBody, InvalidBody};
use super::json::ApiJson;
use super::AppState;
use crate::db;
use crate::intake::{self, NewRequest};
use crate::tokens;

/// The status of a request the support centre has not handled yet.
const RECEIVED: &str = "received";

/// How long an idempotency key's answer (with its access token) is kept.
const IDEMPOTENCY_WINDOW: TimeDelta = TimeDelta::hours(24);

/// The answer to an accepted submission; the access token appears here and nowhere else.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Accepted {
    pub reference: String,
    pub access_token: String,
    pub kind: RequestKind,
    pub status: String,
    pub received_at: DateTime<Utc>,
    /// R5: the business day the request counts as received on (update work only).
    pub received_on: Option<NaiveDate>,
    /// R5: the last day a request for this work date could be received on.
    pub deadline: Option<NaiveDate>,
    /// Points to confirm with the support centre that did not block the request.
    pub warnings: Vec<Problem>,
}

/// A stored request as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestView {
    pub reference: String,
    pub kind: String,
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<String>,
    /// The request as validated and stored (normalised).
    #[schema(value_type = RequestDraft)]
    pub request: serde_json::Value,
    /// Each step of the request's life so far, from its receipt, with the text meant for the
    /// customer (issue 15).
    pub history: Vec<crate::lifecycle::HistoryEntry>,
}

/// The token of an `Authorization: Bearer <token>` value. The scheme name is
/// case-insensitive (RFC 9110 §11.1), so `bearer` and `BEARER` are read too.
pub(crate) fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once([' ', '\t'])?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|token| !token.is_empty())
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::IdempotencyKeyRequired)?;
    uuid::Uuid::try_parse(value.trim())
        .map(|key| key.hyphenated().to_string())
        .map_err(|_| ApiError::IdempotencyKeyRequired)
}

#[utoipa::path(
    post,
    path = "/api/requests",
    operation_id = "create_request",
    request_body = RequestDraft,
    params(("Idempotency-Key" = uuid::Uuid, Header, description = "A UUID chosen by the client for this submission; send the same one when retrying")),
    responses(
        (status = 201, description = "Accepted; the same answer again for the same key and body", body = Accepted),
        (status = 400, description = "Malformed body (not JSON, not an object, a list where an object belongs), or missing Idempotency-Key", body = ErrorBody),
        (status = 409, description = "The key was used with a different body", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 422, description = "Every problem with the request (field, code, rule, messages), including a value that is not text where text belongs (`invalid_type`)", body = InvalidBody),
        (status = 429, description = "Too many submissions from this client; see Retry-After", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
/// `POST /api/requests`. The browser already checked the request; the server checks it again
/// from scratch with its own clock (R5), the contract's stored requests and its terms on file
/// (R4), inside one write transaction so that simultaneous submissions are decided one after
/// the other. A body over the limits is refused before anything else is done with it.
pub async fn create(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    ApiJson(draft): ApiJson<RequestDraft>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    // Counted only here: a request that never reached the handler cost nothing to refuse.
    state.limiters.submission(client)?;
    let over_limits = check_limits(&draft);
    if !over_limits.is_empty() {
        return Err(ApiError::Invalid(over_limits));
    }
    let body_hash = tokens::sha256(&serde_json::to_vec(&draft).map_err(ApiError::internal)?);
    let submission = Submission {
        draft,
        key,
        body_hash,
        submitted_at: Utc::now(),
        calendar: state.calendar.clone(),
        unknown_contracts: state.unknown_contracts,
        lang: super::conversation::submission_lang(&headers),
        mail: state.mail.clone(),
        catalogs: state.catalogs.clone(),
    };
    // Decided and stored in the writer's next transaction (crate::writer): one after the
    // other with every other submission, so R4 sees everything accepted before it.
    let (accepted, kind) = state
        .intake
        .write(move |conn| submission.accept(conn))
        .await
        .map_err(db::DbError::from)??;
    tracing::info!(reference = %accepted.reference, kind = kind.as_str(), "request accepted");
    Ok((StatusCode::CREATED, Json(accepted)).into_response())
}

/// A submission as the writer's thread decides it.
struct Submission {
    draft: RequestDraft,
    key: String,
    body_hash: Vec<u8>,
    submitted_at: DateTime<Utc>,
    calendar: std::sync::Arc<fwportal_core::calendar::BusinessCalendar>,
    unknown_contracts: UnknownContracts,
    /// The language the customer submitted in: their mails are written in it (issue 16).
    lang: Lang,
    mail: std::sync::Arc<crate::mail::MailSettings>,
    /// The operator's catalogues: an analysis made against one is re-checked with it.
    catalogs: std::sync::Arc<crate::catalogs::Catalogs>,
}

impl Submission {
    /// Checks the draft against the rules with the contract's stored terms and earlier work,
    /// and stores it: the same answer again for a key already used with the same body (R4, R5,
    /// R7; the caller commits). Runs on the writer's connection, inside its group transaction.
    fn accept(self, conn: &rusqlite::Connection) -> Result<(Accepted, RequestKind), ApiError> {
        let Submission {
            draft,
            key,
            body_hash,
            submitted_at,
            calendar,
            unknown_contracts,
            lang,
            mail,
            catalogs,
        } = self;
        intake::purge_idempotent(conn, submitted_at - IDEMPOTENCY_WINDOW)?;
        if let Some(previous) = intake::find_idempotent(conn, &key)? {
            return if tokens::same_hash(&previous.body_hash, &body_hash) {
                let accepted: Accepted =
                    serde_json::from_str(&previous.response).map_err(ApiError::internal)?;
                let kind = accepted.kind;
                Ok((accepted, kind))
            } else {
                Err(ApiError::IdempotencyKeyReused)
            };
        }

        let (earlier, on_file, unknown) = match ContractNumber::parse(&draft.contract.number) {
            Ok(number) => {
                let on_file = intake::contract_on_file(conn, number.as_str())?;
                let unknown = on_file.is_none() && unknown_contracts == UnknownContracts::Refuse;
                (
                    intake::earlier_work_dates(conn, number.as_str())?,
                    on_file,
                    unknown,
                )
            }
            Err(_) => (Vec::new(), None, false),
        };
        let context = RuleContext {
            calendar: &calendar,
            submitted_at,
            earlier_work_dates: &earlier,
        };
        // Every rule, and the firmware analysis re-checked (issue 17): against its own
        // versions, and, when it names an operator's catalogue, against that catalogue.
        let checked = check_with_analysis(&draft, &context, on_file.as_ref());
        let catalog = catalogs
            .find(draft.analysis.catalog.trim())
            .map(|served| &served.catalog);
        let against_catalog = check_operator_catalog(&draft.analysis, catalog);
        let checked = match (checked, against_catalog.is_empty()) {
            (checked, true) => checked,
            (Ok(_), false) => Err(against_catalog),
            (Err(mut problems), false) => {
                problems.extend(against_catalog);
                Err(problems)
            }
        };
        // The operator takes requests only for contracts in the registry: the refusal says no
        // more than that this number cannot be used here (nothing about other contracts).
        let checked = match (checked, unknown) {
            (Ok(_), true) => return Err(ApiError::Invalid(vec![unknown_contract_problem()])),
            (Err(mut problems), true) => {
                problems.insert(0, unknown_contract_problem());
                return Err(ApiError::Invalid(problems));
            }
            (checked, false) => checked.map_err(ApiError::Invalid)?,
        };
        let request = &checked.request;
        // R4: the contract year counts from the stored option start; the first accepted
        // request stores the terms (in this transaction, so they are on file exactly when it
        // is).
        let option_start = match &on_file {
            Some(terms) => terms.option.start,
            None => {
                let terms = request.contract.terms();
                // The customer's company as they wrote it, until the desk or the registry
                // confirms.
                intake::file_contract(
                    conn,
                    request.contract.number.as_str(),
                    request.contact.company.as_str(),
                    &terms,
                    submitted_at,
                )?;
                terms.option.start
            }
        };

        let reference = intake::next_reference(conn, to_jst(&submitted_at).year())?;
        let access_token = tokens::new_access_token().map_err(ApiError::internal)?;
        let work_date = request.work.as_ref().map(|w| w.work_date);
        let stored_draft = request.to_draft();
        let payload = serde_json::to_string(&stored_draft).map_err(ApiError::internal)?;
        let stored = NewRequest {
            reference: &reference.to_string(),
            kind: request.kind.as_str(),
            contract_number: request.contract.number.as_str(),
            work_date,
            contract_year_start: work_date
                .and_then(|date| contract_year(option_start, date))
                .map(|year| year.first_day),
            status: RECEIVED,
            received_at: submitted_at,
            received_on: checked.notice.as_ref().map(|n| n.received_on),
            access_token_hash: &tokens::sha256(access_token.as_bytes()),
            payload: &payload,
            lang,
        };
        let request_id = match intake::insert_request(conn, &stored) {
            Ok(id) => id,
            Err(error) if error.is_once_a_year_violation() => return Err(ApiError::OnceAYearTaken),
            Err(error) => return Err(error.into()),
        };
        let accepted = Accepted {
            reference: reference.to_string(),
            access_token,
            kind: request.kind,
            status: RECEIVED.to_owned(),
            received_at: submitted_at,
            received_on: checked.notice.as_ref().map(|n| n.received_on),
            deadline: checked.notice.as_ref().map(|n| n.deadline),
            warnings: checked.warnings,
        };
        let response = serde_json::to_string(&accepted).map_err(ApiError::internal)?;
        intake::save_idempotent(
            conn,
            &key,
            &body_hash,
            &accepted.reference,
            &response,
            submitted_at,
        )?;
        // The receipt and the desk's notice (issue 16), queued with the request itself.
        super::conversation::on_submission(
            conn,
            &mail,
            &calendar,
            request_id,
            &accepted.reference,
            &stored_draft,
            lang,
            accepted.deadline,
            submitted_at,
        )?;
        Ok((accepted, request.kind))
    }
}

#[utoipa::path(
    get,
    path = "/api/requests/{reference}",
    operation_id = "show_request",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The stored request", body = RequestView),
        (status = 404, description = "Unknown reference, or a missing or wrong token (indistinguishable)", body = ErrorBody),
        (status = 429, description = "Too many look-ups from this client; see Retry-After", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
/// `GET /api/requests/{reference}` with `Authorization: Bearer <access token>`. An unknown
/// reference, a missing token and a wrong token all get the same 404, so references cannot be
/// probed; every look-up counts against the client's look-up limit, so tokens cannot be
/// guessed at speed either.
pub async fn show(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Json<RequestView>, ApiError> {
    state.limiters.lookup(client)?;
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .unwrap_or_default();
    // In any letter case, as the customer typed it (issue 14).
    let reference = Reference::parse_typed(&reference).map_err(|_| ApiError::NotFound)?;
    let stored = db::find_request(&state.pool, &reference)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !tokens::same_hash(&stored.access_token_hash, &tokens::sha256(token.as_bytes())) {
        return Err(ApiError::NotFound);
    }
    let request = serde_json::from_str(&stored.payload).map_err(ApiError::internal)?;
    let history = {
        let mut conn = state.pool.acquire().await.map_err(db::DbError::from)?;
        let events = crate::lifecycle::events_of(&mut conn, &stored.reference).await?;
        crate::lifecycle::history(stored.received_at, &events)
    };
    Ok(Json(RequestView {
        history,
        reference: stored.reference,
        kind: stored.kind,
        status: stored.status,
        received_at: stored.received_at,
        received_on: stored.received_on,
        request,
    }))
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn the_bearer_scheme_name_is_case_insensitive() {
        for value in [
            "Bearer abc",
            "bearer abc",
            "BEARER abc",
            "BeArEr   abc ",
            "bearer\tabc",
        ] {
            assert_eq!(bearer_token(value), Some("abc"), "{value:?}");
        }
        for value in ["Basic abc", "Bearerabc", "Bearer ", "abc", ""] {
            assert_eq!(bearer_token(value), None, "{value:?}");
        }
    }
}
