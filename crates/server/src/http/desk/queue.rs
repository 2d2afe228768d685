//! `GET /api/desk/requests`: the queue, filtered, paged, most urgent first, with the count of
//! each status under the same filters (the status filter aside, so the tabs show them all).

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use fwportal_core::calendar::JST;
use fwportal_core::i18n::Bilingual;
use fwportal_core::lifecycle::Status;
use fwportal_core::problem::{Problem, ProblemCode};
use fwportal_core::request::fields::{parse_date, ContractNumber, SerialNumber};
use fwportal_core::request::{Reference, RequestKind};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite};
use utoipa::{IntoParams, ToSchema};

use super::auth::SignedIn;
use super::error::DeskError;
use crate::db::timestamp;
use crate::http::error::{ApiError, ErrorBody, InvalidBody};
use crate::http::AppState;
use crate::lifecycle;

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

/// The queue's filters, every one optional. Dates are `YYYY-MM-DD` (Japan time for receipt).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// One status or several, comma-separated (`received,in_review`).
    pub status: Option<String>,
    /// `update_work` or `version_consultation`.
    pub kind: Option<String>,
    /// Received on or after this day.
    pub received_from: Option<String>,
    /// Received on or before this day.
    pub received_to: Option<String>,
    /// Work date on or after this day.
    pub work_from: Option<String>,
    /// Work date on or before this day.
    pub work_to: Option<String>,
    /// The contract number (normalised as the intake does: `ｐｃ-1` finds `PC-1`).
    pub contract: Option<String>,
    /// A reference, `FWU-YYYY-NNNNNN`.
    pub reference: Option<String>,
    /// A server's serial number.
    pub serial: Option<String>,
    /// From 1.
    pub page: Option<String>,
    /// 1 to 200, default 50.
    pub per_page: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The filters once read.
#[derive(Debug, Default)]
pub struct Filters {
    pub statuses: Vec<Status>,
    pub kind: Option<RequestKind>,
    pub received_from: Option<DateTime<Utc>>,
    /// Exclusive: the start of the day after `received_to`.
    pub received_before: Option<DateTime<Utc>>,
    pub work_from: Option<NaiveDate>,
    pub work_to: Option<NaiveDate>,
    pub contract: Option<String>,
    pub reference: Option<String>,
    pub serial: Option<String>,
    pub page: u32,
    pub per_page: u32,
}

fn problem(field: &str, code: ProblemCode, ja: &str, en: &str) -> Problem {
    Problem::new(field, code, Bilingual::new(ja, en))
}

fn jst_midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN)
        .and_local_timezone(JST)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
}

impl QueueParams {
    /// Reads every filter, reporting every unreadable one at once.
    pub fn read(&self) -> Result<Filters, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut filters = Filters {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Filters::default()
        };
        if let Some(list) = given(&self.status) {
            for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match Status::parse(part) {
                    Some(status) => filters.statuses.push(status),
                    None => problems.push(problem(
                        "status",
                        ProblemCode::InvalidChoice,
                        "状態の指定が正しくありません。",
                        "Unknown status.",
                    )),
                }
            }
        }
        match given(&self.kind) {
            None => {}
            Some("update_work") => filters.kind = Some(RequestKind::UpdateWork),
            Some("version_consultation") => filters.kind = Some(RequestKind::VersionConsultation),
            Some(_) => problems.push(problem(
                "kind",
                ProblemCode::InvalidChoice,
                "種別は update_work か version_consultation です。",
                "The kind is update_work or version_consultation.",
            )),
        }
        let mut date = |field: &str, value: Option<&str>| -> Option<NaiveDate> {
            let value = value?;
            parse_date(value)
                .map_err(|code| {
                    problems.push(problem(
                        field,
                        code,
                        "日付は YYYY-MM-DD で指定してください。",
                        "Give the date as YYYY-MM-DD.",
                    ))
                })
                .ok()
        };
        filters.received_from = date("received_from", given(&self.received_from)).map(jst_midnight);
        filters.received_before = date("received_to", given(&self.received_to))
            .and_then(|d| d.succ_opt())
            .map(jst_midnight);
        filters.work_from = date("work_from", given(&self.work_from));
        filters.work_to = date("work_to", given(&self.work_to));
        if let Some(contract) = given(&self.contract) {
            match ContractNumber::parse(contract) {
                Ok(number) => filters.contract = Some(number.as_str().to_owned()),
                Err(code) => problems.push(problem(
                    "contract",
                    code,
                    "契約番号の形式が正しくありません。",
                    "The contract number is not valid.",
                )),
            }
        }
        if let Some(reference) = given(&self.reference) {
            match Reference::parse(&reference.to_ascii_uppercase()) {
                Ok(reference) => filters.reference = Some(reference.to_string()),
                Err(_) => problems.push(problem(
                    "reference",
                    ProblemCode::InvalidChoice,
                    "受付番号は FWU-YYYY-NNNNNN の形式です。",
                    "A reference looks like FWU-YYYY-NNNNNN.",
                )),
            }
        }
        if let Some(serial) = given(&self.serial) {
            match SerialNumber::parse(serial) {
                Ok(serial) => filters.serial = Some(serial.as_str().to_owned()),
                Err(code) => problems.push(problem(
                    "serial",
                    code,
                    "シリアル番号の形式が正しくありません。",
                    "The serial number is not valid.",
                )),
            }
        }
        let mut number = |field: &str, value: Option<&str>, max: u32| -> Option<u32> {
            let value = value?;
            match value.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Some(n),
                _ => {
                    problems.push(problem(
                        field,
                        ProblemCode::InvalidChoice,
                        &format!("1から{max}までの数で指定してください。"),
                        &format!("Give a number from 1 to {max}."),
                    ));
                    None
                }
            }
        };
        if let Some(page) = number("page", given(&self.page), 1_000_000) {
            filters.page = page;
        }
        if let Some(per_page) = number("per_page", given(&self.per_page), MAX_PER_PAGE) {
            filters.per_page = per_page;
        }
        if problems.is_empty() {
            Ok(filters)
        } else {
            Err(problems)
        }
    }
}

/// `WHERE …` for the filters (with or without the status filter).
pub fn push_filters(query: &mut QueryBuilder<'_, Sqlite>, filters: &Filters, with_status: bool) {
    query.push(" WHERE 1 = 1");
    if with_status && !filters.statuses.is_empty() {
        query.push(" AND status IN (");
        let mut list = query.separated(", ");
        for status in &filters.statuses {
            list.push_bind(status.as_str());
        }
        query.push(")");
    }
    if let Some(kind) = filters.kind {
        query.push(" AND kind = ").push_bind(kind.as_str());
    }
    if let Some(from) = filters.received_from {
        query
            .push(" AND received_at >= ")
            .push_bind(timestamp(from));
    }
    if let Some(before) = filters.received_before {
        query
            .push(" AND received_at < ")
            .push_bind(timestamp(before));
    }
    if let Some(from) = filters.work_from {
        query
            .push(" AND work_date >= ")
            .push_bind(from.format("%Y-%m-%d").to_string());
    }
    if let Some(to) = filters.work_to {
        query
            .push(" AND work_date <= ")
            .push_bind(to.format("%Y-%m-%d").to_string());
    }
    if let Some(contract) = &filters.contract {
        query
            .push(" AND contract_number = ")
            .push_bind(contract.clone());
    }
    if let Some(reference) = &filters.reference {
        query.push(" AND reference = ").push_bind(reference.clone());
    }
    if let Some(serial) = &filters.serial {
        query
            .push(" AND id IN (SELECT request_id FROM request_serials WHERE serial_number = ")
            .push_bind(serial.clone())
            .push(")");
    }
}

/// The urgency order; the same expression as the `requests_queue` indexes, so they serve it.
pub const URGENCY: &str = "work_date IS NULL, work_date, received_at, id";

/// The page's ids, most urgent first.
pub fn page_query(filters: &Filters) -> QueryBuilder<'static, Sqlite> {
    let mut query = QueryBuilder::new("SELECT id FROM requests");
    push_filters(&mut query, filters, true);
    query
        .push(" ORDER BY ")
        .push(URGENCY)
        .push(" LIMIT ")
        .push_bind(i64::from(filters.per_page))
        .push(" OFFSET ")
        .push_bind((i64::from(filters.page) - 1) * i64::from(filters.per_page));
    query
}

/// One line of the queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItem {
    pub reference: String,
    pub kind: RequestKind,
    pub status: Status,
    pub contract_number: String,
    pub company: String,
    /// The work date (the agreed one once agreed); none for a consultation.
    pub work_date: Option<NaiveDate>,
    /// R5: the last day a request for the work date could be received on.
    pub deadline: Option<NaiveDate>,
    pub received_at: DateTime<Utc>,
    /// R5: the business day the request counts as received on.
    pub received_on: Option<NaiveDate>,
    /// The customer's messages nobody at the desk has read yet (issue 16).
    pub unread_messages: i64,
    /// The customer asks for another work date and waits for the answer.
    pub date_change_pending: bool,
}

/// A page of the queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    /// Requests matching every filter.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    /// Requests in each status under the other filters (every status, zero included).
    #[schema(value_type = Object)]
    pub counts: BTreeMap<&'static str, i64>,
}

#[utoipa::path(
    get,
    path = "/api/desk/requests",
    tag = "desk",
    operation_id = "desk_list_requests",
    params(QueueParams),
    security(("desk_session" = [])),
    responses(
        (status = 200, description = "A page of the queue, most urgent first (work date, then deadline, then receipt; consultations last, by receipt), with counts per status", body = QueuePage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "An unreadable filter", body = InvalidBody),
    )
)]
/// `GET /api/desk/requests`.
pub async fn list(
    _: SignedIn,
    State(state): State<AppState>,
    Query(params): Query<QueueParams>,
) -> Result<Json<QueuePage>, DeskError> {
    let filters = params.read().map_err(ApiError::Invalid)?;
    let mut conn = state.pool.acquire().await?;

    let ids: Vec<i64> = page_query(&filters)
        .build_query_scalar()
        .fetch_all(&mut *conn)
        .await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let row = sqlx::query(
            "SELECT reference, kind, status, contract_number,
                    COALESCE(json_extract(payload, '$.contact.company'), '') AS company,
                    work_date, received_at, received_on,
                    (SELECT COUNT(*) FROM request_messages AS m
                     WHERE m.request_id = requests.id AND m.author = 'customer'
                       AND m.read_at IS NULL) AS unread,
                    EXISTS (SELECT 1 FROM date_changes AS c
                            WHERE c.request_id = requests.id AND c.state = 'pending') AS pending
             FROM requests WHERE id = ?1",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        let work_date: Option<String> = row.try_get("work_date")?;
        let work_date = work_date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        let received_on: Option<String> = row.try_get("received_on")?;
        let kind = match row.try_get::<String, _>("kind")?.as_str() {
            "version_consultation" => RequestKind::VersionConsultation,
            _ => RequestKind::UpdateWork,
        };
        items.push(QueueItem {
            reference: row.try_get("reference")?,
            kind,
            status: lifecycle::status(&row.try_get::<String, _>("status")?)?,
            contract_number: row.try_get("contract_number")?,
            company: row.try_get("company")?,
            deadline: work_date.and_then(|d| state.calendar.deadline(d).ok()),
            work_date,
            received_at: crate::staff::parse_time(&row.try_get::<String, _>("received_at")?)?,
            received_on: received_on.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            unread_messages: row.try_get("unread")?,
            date_change_pending: row.try_get("pending")?,
        });
    }

    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM requests");
    push_filters(&mut count, &filters, true);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;

    let mut by_status = QueryBuilder::new("SELECT status, COUNT(*) AS n FROM requests");
    push_filters(&mut by_status, &filters, false);
    by_status.push(" GROUP BY status");
    let mut counts: BTreeMap<&'static str, i64> = fwportal_core::lifecycle::ALL_STATUSES
        .iter()
        .map(|s| (s.as_str(), 0))
        .collect();
    for row in by_status.build().fetch_all(&mut *conn).await? {
        let status = lifecycle::status(&row.try_get::<String, _>("status")?)?;
        counts.insert(status.as_str(), row.try_get("n")?);
    }
    Ok(Json(QueuePage {
        items,
        total,
        page: filters.page,
        per_page: filters.per_page,
        counts,
    }))
}
