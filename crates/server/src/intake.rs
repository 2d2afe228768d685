//! The statements of a submission, run on the writer's connection ([`crate::writer`]) inside
//! its group transaction: idempotency answers, the contract's stored terms and earlier work
//! (R4), reference numbers and the request row. Synchronous (rusqlite): the writer's thread runs
//! them one after the other without a round trip per statement.

use chrono::{DateTime, NaiveDate, Utc};
use fwportal_core::eligibility::{ContractTerms, Period, SupportLevel};
use fwportal_core::i18n::Lang;
use fwportal_core::request::Reference;
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{day, parse_day, timestamp, DbError};

/// A stored answer to an idempotent submission.
pub struct IdempotentAnswer {
    pub body_hash: Vec<u8>,
    pub response: String,
}

pub fn find_idempotent(conn: &Connection, key: &str) -> Result<Option<IdempotentAnswer>, DbError> {
    Ok(conn
        .prepare_cached("SELECT body_hash, response FROM idempotency_keys WHERE key = ?1")?
        .query_row([key], |row| {
            Ok(IdempotentAnswer {
                body_hash: row.get(0)?,
                response: row.get(1)?,
            })
        })
        .optional()?)
}

/// Forgets idempotency answers older than `before` (they hold access tokens).
pub fn purge_idempotent(conn: &Connection, before: DateTime<Utc>) -> Result<(), DbError> {
    conn.prepare_cached("DELETE FROM idempotency_keys WHERE created_at < ?1")?
        .execute([timestamp(before)])?;
    Ok(())
}

pub fn save_idempotent(
    conn: &Connection,
    key: &str,
    body_hash: &[u8],
    reference: &str,
    response: &str,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO idempotency_keys (key, body_hash, reference, response, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![key, body_hash, reference, response, timestamp(at)])?;
    Ok(())
}

/// R4: the work dates of the contract's accepted update-work requests. A cancelled one no
/// longer holds its contract year (issue 15).
pub fn earlier_work_dates(
    conn: &Connection,
    contract_number: &str,
) -> Result<Vec<NaiveDate>, DbError> {
    let mut statement = conn.prepare_cached(
        "SELECT work_date FROM requests
         WHERE contract_number = ?1 AND kind = 'update_work' AND work_date IS NOT NULL
           AND status <> 'cancelled'",
    )?;
    let days = statement
        .query_map([contract_number], |row| row.get::<_, String>(0))?
        .map(|text| parse_day(&text?))
        .collect();
    days
}

/// The stored terms of a contract: support level and the two periods' ends, as text.
pub(crate) const CONTRACT_TERMS: &str =
    "SELECT support_level, proactive_care_start, proactive_care_end, option_start, option_end
     FROM contracts WHERE contract_number = ?1";

/// The terms from [`CONTRACT_TERMS`]'s columns.
pub(crate) fn terms_from_columns(columns: [String; 5]) -> Result<ContractTerms, DbError> {
    let [level, care_start, care_end, option_start, option_end] = columns;
    Ok(ContractTerms {
        support_level: SupportLevel::from_code(&level)
            .ok_or_else(|| DbError::Corrupt(format!("support level {level:?}")))?,
        proactive_care: Period::new(parse_day(&care_start)?, parse_day(&care_end)?),
        option: Period::new(parse_day(&option_start)?, parse_day(&option_end)?),
    })
}

/// R4: the facts stored with the contract's first accepted request, if it has one.
pub fn contract_on_file(
    conn: &Connection,
    contract_number: &str,
) -> Result<Option<ContractTerms>, DbError> {
    conn.prepare_cached(CONTRACT_TERMS)?
        .query_row([contract_number], |row| {
            Ok([
                row.get::<_, String>(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ])
        })
        .optional()?
        .map(terms_from_columns)
        .transpose()
}

/// Stores the facts of a contract with its first accepted request (R4). Called in the same
/// transaction as the request's insert, so a contract is on file exactly when it has one.
pub fn file_contract(
    conn: &Connection,
    contract_number: &str,
    customer: &str,
    terms: &ContractTerms,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO contracts (contract_number, support_level, proactive_care_start,
                                proactive_care_end, option_start, option_end, created_at,
                                customer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        contract_number,
        terms.support_level.as_str(),
        day(terms.proactive_care.start),
        day(terms.proactive_care.end),
        day(terms.option.start),
        day(terms.option.end),
        timestamp(at),
        customer,
    ])?;
    Ok(())
}

/// The next reference of `year` (Japan time of receipt).
pub fn next_reference(conn: &Connection, year: i32) -> Result<Reference, DbError> {
    let sequence: i64 = conn
        .prepare_cached(
            "INSERT INTO reference_counters (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1
             RETURNING last",
        )?
        .query_row([year], |row| row.get(0))?;
    u32::try_from(sequence)
        .ok()
        .and_then(|sequence| Reference::new(year, sequence))
        .ok_or(DbError::ReferencesExhausted(year))
}

/// A request ready to be stored.
pub struct NewRequest<'a> {
    pub reference: &'a str,
    pub kind: &'a str,
    pub contract_number: &'a str,
    pub work_date: Option<NaiveDate>,
    pub contract_year_start: Option<NaiveDate>,
    pub status: &'a str,
    pub received_at: DateTime<Utc>,
    pub received_on: Option<NaiveDate>,
    pub access_token_hash: &'a [u8],
    pub payload: &'a str,
    /// The language the customer submitted in (their mails are written in it).
    pub lang: Lang,
}

/// Stores `request`; returns its row id.
pub fn insert_request(conn: &Connection, request: &NewRequest<'_>) -> Result<i64, DbError> {
    conn.prepare_cached(
        "INSERT INTO requests (reference, kind, contract_number, work_date, contract_year_start,
                               status, received_at, received_on, access_token_hash, payload,
                               lang)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        request.reference,
        request.kind,
        request.contract_number,
        request.work_date.map(day),
        request.contract_year_start.map(day),
        request.status,
        timestamp(request.received_at),
        request.received_on.map(day),
        request.access_token_hash,
        request.payload,
        request.lang.tag(),
    ])?;
    Ok(conn.last_insert_rowid())
}
