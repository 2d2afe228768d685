//! `GET /api/desk/requests/{reference}` (everything the customer sent, the rules re-run, the
//! timeline, the next steps) and `POST …/transitions` (one step of the request's life,
//! decided by `fwportal_core::lifecycle::decide`, with optimistic concurrency).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use fwportal_core::calendar::NoticeReport;
use fwportal_core::eligibility::contract::Period;
use fwportal_core::eligibility::{
    assess_servers, classify_component, ComponentVerdict, ProductVerdict,
};
use fwportal_core::lifecycle::{decide, next_statuses, Actor, Status, StepDraft, StepFacts};
use fwportal_core::problem::Problem;
use fwportal_core::request::fields::parse_date;
use fwportal_core::request::{check, Reference, RequestDraft, RequestKind, RuleContext};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa::ToSchema;

use super::auth::SignedIn;
use super::error::{ConflictBody, DeskError};
use crate::audit::{self, Action};
use crate::db::DbError;
use crate::http::error::{ApiError, ErrorBody, InvalidBody};
use crate::http::json::ApiJson;
use crate::http::AppState;
use crate::lifecycle::{self, DeskRequest, Event};

/// The rules as they stand now for a stored request.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesNow {
    /// The request checked again exactly as at its receipt (the clock set to `received_at`,
    /// today's calendar, the contract's other live requests for R4): empty when it still
    /// passes every rule.
    pub problems_at_receipt: Vec<Problem>,
    /// R5: the notice computed for the receipt and the requested work date.
    #[schema(value_type = Option<Object>)]
    pub notice: Option<NoticeReport>,
    /// The work date that counts now: the agreed one once agreed, else the requested one.
    pub work_date: Option<NaiveDate>,
    /// R7: the work date inside the Proactive Care period.
    pub work_date_inside_proactive_care: Option<bool>,
    /// R7: the work date inside the option's period.
    pub work_date_inside_option: Option<bool>,
    /// Today (Japan) inside both periods: the contract still runs.
    pub contract_active_today: Option<bool>,
    /// Each server with the scope rules' answer (R8, R10, R11) and each of its components
    /// (R8–R10), in the request's order.
    pub servers: Vec<ServerCheck>,
}

/// One server of the request and what the scope rules say of it and its components.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServerCheck {
    pub serial_number: String,
    pub model: String,
    /// `{outcome, rule, family, message_ja, message_en}`.
    #[schema(value_type = Object)]
    pub verdict: ProductVerdict,
    pub components: Vec<ComponentCheck>,
}

/// One firmware item as the customer gave it, with its scope.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComponentCheck {
    pub name: String,
    pub version: String,
    /// `{scope, rule, category, reason_ja, reason_en}`.
    #[schema(value_type = Object)]
    pub verdict: ComponentVerdict,
}

fn server_checks(draft: &RequestDraft) -> Vec<ServerCheck> {
    let models: Vec<String> = draft.servers.iter().map(|s| s.model.clone()).collect();
    let verdicts = assess_servers(&models).servers;
    draft
        .servers
        .iter()
        .zip(verdicts)
        .map(|(server, verdict)| ServerCheck {
            serial_number: server.serial_number.clone(),
            model: server.model.clone(),
            verdict,
            components: server
                .firmware
                .iter()
                .map(|f| ComponentCheck {
                    name: f.name.clone(),
                    version: f.version.clone(),
                    verdict: classify_component(&f.name, None, None),
                })
                .collect(),
        })
        .collect()
}

/// A request as the desk sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeskRequestView {
    pub reference: String,
    pub kind: RequestKind,
    pub status: Status,
    /// Send it back as `expected_version` with the next step.
    pub version: i64,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    /// Everything the customer sent (as validated and stored), servers and components too.
    #[schema(value_type = RequestDraft)]
    pub request: RequestDraft,
    pub rules: RulesNow,
    /// The statuses the desk may move the request to now.
    pub next: Vec<Status>,
    /// Every step so far, oldest first (who, when, from, to, note, record).
    pub timeline: Vec<Event>,
    /// The contract's terms on file; `source: request` flags terms nobody has confirmed yet
    /// (the number was not in the registry when the request came).
    pub contract: Option<super::contracts::ContractView>,
    /// The conversation with the customer, oldest first (issue 16).
    pub messages: Vec<crate::conversation::Message>,
    /// The customer's change of the work date waiting for an answer.
    pub pending_date_change: Option<crate::conversation::PendingChange>,
}

fn periods(draft: &RequestDraft) -> Option<(Period, Period)> {
    let c = &draft.contract;
    let period = |start: &str, end: &str| -> Option<Period> {
        Some(Period::new(parse_date(start).ok()?, parse_date(end).ok()?))
    };
    Some((
        period(&c.proactive_care_start, &c.proactive_care_end)?,
        period(&c.option_start, &c.option_end)?,
    ))
}

/// R4: the contract's other update-work requests that still hold a year.
async fn other_work_dates(
    conn: &mut SqliteConnection,
    request: &DeskRequest,
) -> Result<Vec<NaiveDate>, DbError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT work_date FROM requests
         WHERE contract_number = ?1 AND kind = 'update_work' AND work_date IS NOT NULL
           AND status <> 'cancelled' AND id <> ?2",
    )
    .bind(&request.contract_number)
    .bind(request.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .collect())
}

async fn rules_now(
    state: &AppState,
    conn: &mut SqliteConnection,
    request: &DeskRequest,
) -> Result<RulesNow, DbError> {
    let earlier = other_work_dates(conn, request).await?;
    let context = RuleContext {
        calendar: &state.calendar,
        submitted_at: request.received_at,
        earlier_work_dates: &earlier,
    };
    let (problems_at_receipt, notice) = match check(&request.payload, &context) {
        Ok(checked) => (Vec::new(), checked.notice),
        Err(problems) => {
            let notice = parse_date(&request.payload.work_date)
                .ok()
                .and_then(|d| state.calendar.notice_report(d, &request.received_at).ok());
            (problems, notice)
        }
    };
    let periods = periods(&request.payload);
    let today = fwportal_core::calendar::to_jst(&Utc::now()).date_naive();
    let work_date = request.work_date;
    Ok(RulesNow {
        problems_at_receipt,
        notice,
        work_date,
        work_date_inside_proactive_care: work_date.zip(periods).map(|(d, (pc, _))| pc.contains(d)),
        work_date_inside_option: work_date.zip(periods).map(|(d, (_, o))| o.contains(d)),
        contract_active_today: periods.map(|(pc, o)| pc.contains(today) && o.contains(today)),
        servers: server_checks(&request.payload),
    })
}

pub(crate) async fn load(
    conn: &mut SqliteConnection,
    reference: &str,
) -> Result<DeskRequest, DeskError> {
    let reference =
        Reference::parse(&reference.trim().to_ascii_uppercase()).map_err(|_| ApiError::NotFound)?;
    Ok(lifecycle::find(conn, &reference.to_string())
        .await?
        .ok_or(ApiError::NotFound)?)
}

/// A desk step's start: its write transaction, and the request as the desk saw it. A stale
/// `expected_version` is refused before anything is decided (409 with what the request is now).
pub(crate) async fn begin_step(
    state: &AppState,
    reference: &str,
    expected_version: i64,
) -> Result<(sqlx::Transaction<'static, sqlx::Sqlite>, DeskRequest), DeskError> {
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = load(&mut tx, reference).await?;
    if request.version != expected_version {
        return Err(conflict(&request));
    }
    Ok((tx, request))
}

/// 409: someone moved `request` first; it says the status and version it has now.
pub(crate) fn conflict(request: &DeskRequest) -> DeskError {
    DeskError::Conflict {
        status: request.status,
        version: request.version,
    }
}

#[utoipa::path(
    get,
    path = "/api/desk/requests/{reference}",
    tag = "desk",
    operation_id = "desk_show_request",
    params(("reference" = String, Path, description = "FWU-YYYY-NNNNNN")),
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "The request, the rules re-run, the next statuses, the timeline and the version", body = DeskRequestView),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
    )
)]
/// `GET /api/desk/requests/{reference}`.
pub async fn show(
    _: SignedIn,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<DeskRequestView>, DeskError> {
    let mut conn = state.pool.acquire().await?;
    let request = load(&mut conn, &reference).await?;
    let timeline = lifecycle::events(&mut conn, request.id).await?;
    let rules = rules_now(&state, &mut conn, &request).await?;
    let contract = crate::db::registered_contract(&mut conn, &request.payload.contract.number)
        .await?
        .map(|held| super::contracts::ContractView {
            contract: held.record.to_draft(),
            source: held.source,
        });
    let messages = crate::conversation::messages(&mut conn, request.id).await?;
    let pending_date_change = crate::conversation::pending_change(&mut conn, request.id).await?;
    Ok(Json(DeskRequestView {
        messages,
        pending_date_change,
        contract,
        next: next_statuses(request.kind, request.status, Actor::Desk),
        reference: request.reference,
        kind: request.kind,
        status: request.status,
        version: request.version,
        received_at: request.received_at,
        received_on: request.received_on,
        request: request.payload,
        rules,
        timeline,
    }))
}

/// A proposed step: the step's fields and the version the desk last saw.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct TransitionBody {
    #[serde(flatten)]
    pub step: StepDraft,
    /// The `version` the desk read; a stale one gives 409.
    pub expected_version: i64,
}

/// The step taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransitionDone {
    pub status: Status,
    pub version: i64,
    pub event: Event,
}

#[utoipa::path(
    post,
    path = "/api/desk/requests/{reference}/transitions",
    tag = "desk",
    operation_id = "desk_transition",
    params(
        ("reference" = String, Path, description = "FWU-YYYY-NNNNNN"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    request_body = TransitionBody,
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "The step is taken: the new status, version and event", body = TransitionDone),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Cross-origin, or without the CSRF token", body = ErrorBody),
        (status = 404, description = "No such request", body = ErrorBody),
        (status = 409, description = "Someone moved the request first: its current status and version", body = ConflictBody),
        (status = 422, description = "The life of a request does not allow the step, or its fields have problems (a return's unknown `parts[i]`: `invalid_choice`)", body = InvalidBody),
    )
)]
/// `POST /api/desk/requests/{reference}/transitions`. Decided and written inside one write
/// transaction: the status and version move only if the version is still the one the desk
/// saw, and the event and the audit entry are written with them.
pub async fn transition(
    SignedIn(live): SignedIn,
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<TransitionBody>,
) -> Result<Json<TransitionDone>, DeskError> {
    let now = Utc::now();
    let (mut tx, request) = begin_step(&state, &reference, body.expected_version).await?;
    let events = lifecycle::events(&mut tx, request.id).await?;
    let serials: Vec<String> = request
        .payload
        .servers
        .iter()
        .map(|s| s.serial_number.clone())
        .collect();
    let (proactive_care, option) = periods(&request.payload)
        .ok_or_else(|| ApiError::internal("a stored request without contract periods"))?;
    let facts = StepFacts {
        kind: request.kind,
        status: request.status,
        proactive_care,
        option,
        contract_year_start: request.contract_year_start,
        serial_numbers: &serials,
        agreed_work_date: lifecycle::agreed_work_date(&events),
    };
    let decision =
        decide(&facts, Actor::Desk, &body.step).map_err(|e| ApiError::Invalid(e.problems()))?;
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
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor: &live.staff.email,
            action: Action::Transition,
            target: &request.reference,
            address: Some(&peer.ip().to_string()),
            before: Some(json!({"status": request.status, "version": request.version})),
            after: Some(json!({
                "status": decision.to, "version": version,
                "note": decision.note, "record": decision.record,
            })),
        },
    )
    .await?;
    // The customer hears of every step (issue 16), in the same transaction.
    crate::http::conversation::on_desk_step(&mut tx, &state, &request, &event, now).await?;
    // A cancelled request has no change of date waiting any more.
    if decision.to == Status::Cancelled {
        if let Some(pending) = crate::conversation::pending_change(&mut tx, request.id).await? {
            crate::conversation::close_change(&mut tx, pending.id, "withdrawn", None, "", now)
                .await?;
        }
    }
    tx.commit().await?;
    tracing::info!(reference = %request.reference, from = %decision.from, to = %decision.to, "desk step");
    Ok(Json(TransitionDone {
        status: decision.to,
        version,
        event,
    }))
}
