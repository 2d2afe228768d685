//! Signing in: email, password and TOTP code, with the lockout (five failures within 15
//! minutes lock the account for 15 minutes) and an audit entry for every attempt.
//!
//! Every wrong part gives the same [`Outcome::Failed`], and an unknown email costs the same
//! argon2 time as a known one, so neither the answer nor its timing says which part was wrong
//! or which accounts exist. The audit log (staff only) keeps the reason.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::session::{self, NewSession, SessionPolicy};
use super::{find_by_email, normalise_email, password, totp, StaffMember};
use crate::audit::{self, Action};
use crate::db::{timestamp, DbError};

/// Failures that lock an account…
pub const MAX_FAILURES: i64 = 5;
/// …when they fall within this window…
pub const FAILURE_WINDOW: TimeDelta = TimeDelta::minutes(15);
/// …for this long.
pub const LOCK_TIME: TimeDelta = TimeDelta::minutes(15);

/// What the client sent.
pub struct Attempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub code: &'a str,
    /// The client's address, for the audit log.
    pub address: &'a str,
}

pub enum Outcome {
    SignedIn {
        staff: Box<StaffMember>,
        session: NewSession,
    },
    /// Any wrong part: unknown email, wrong password or code, a code used before, disabled.
    Failed,
    /// Too many failures lately; refused whatever was sent.
    Locked,
}

pub async fn sign_in(
    pool: &SqlitePool,
    attempt: Attempt<'_>,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Outcome, DbError> {
    let email = normalise_email(attempt.email);
    let mut conn = pool.acquire().await?;
    let account = find_by_email(&mut conn, &email).await?;
    drop(conn);
    let stored_hash = account
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_owned());
    let typed = attempt.password.to_owned();
    // argon2 takes tens of milliseconds of CPU: off the async workers.
    let password_ok = tokio::task::spawn_blocking(move || password::verify(&typed, &stored_hash))
        .await
        .unwrap_or(false);

    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Housekeeping: sessions nobody came back to, failures older than the window.
    session::purge_expired(&mut tx, now, policy).await?;
    sqlx::query("DELETE FROM staff_sign_in_failures WHERE at <= ?1")
        .bind(timestamp(now - FAILURE_WINDOW))
        .execute(&mut *tx)
        .await?;
    let entry = |action, after| audit::Entry {
        actor: &email,
        action,
        target: &email,
        address: Some(attempt.address),
        before: None,
        after,
    };
    let Some(account) = account else {
        let reason = json!({"reason": "unknown_email"});
        audit::record(&mut tx, now, entry(Action::SignInFailed, Some(reason))).await?;
        tx.commit().await?;
        return Ok(Outcome::Failed);
    };
    // Read again inside the write transaction: another attempt may have locked it meanwhile.
    let account = find_by_email(&mut tx, &email).await?.unwrap_or(account);
    if account.is_locked(now) {
        let until = account.locked_until.map(timestamp);
        audit::record(
            &mut tx,
            now,
            entry(Action::SignInLocked, Some(json!({"locked_until": until}))),
        )
        .await?;
        tx.commit().await?;
        return Ok(Outcome::Locked);
    }

    let unix = u64::try_from(now.timestamp()).unwrap_or(0);
    let step = totp::matching_step(&account.totp_secret, attempt.code, unix)
        .and_then(|s| i64::try_from(s).ok());
    let fresh_step = step.filter(|s| account.totp_last_step.is_none_or(|last| *s > last));
    let reason = if account.disabled {
        Some("disabled")
    } else if !password_ok {
        Some("password")
    } else if step.is_none() {
        Some("code")
    } else if fresh_step.is_none() {
        Some("code_reused")
    } else {
        None
    };
    let (Some(step), None) = (fresh_step, reason) else {
        let reason = reason.unwrap_or("code");
        sqlx::query("INSERT INTO staff_sign_in_failures (staff_id, at) VALUES (?1, ?2)")
            .bind(account.id)
            .bind(timestamp(now))
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            now,
            entry(Action::SignInFailed, Some(json!({"reason": reason}))),
        )
        .await?;
        let failures: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM staff_sign_in_failures WHERE staff_id = ?1 AND at > ?2",
        )
        .bind(account.id)
        .bind(timestamp(now - FAILURE_WINDOW))
        .fetch_one(&mut *tx)
        .await?;
        if failures >= MAX_FAILURES {
            let until = now + LOCK_TIME;
            sqlx::query("UPDATE staff SET locked_until = ?1 WHERE id = ?2")
                .bind(timestamp(until))
                .bind(account.id)
                .execute(&mut *tx)
                .await?;
            // Counted afresh after the lock, so the next five failures lock it again.
            sqlx::query("DELETE FROM staff_sign_in_failures WHERE staff_id = ?1")
                .bind(account.id)
                .execute(&mut *tx)
                .await?;
            audit::record(
                &mut tx,
                now,
                audit::Entry {
                    actor: &email,
                    action: Action::Lockout,
                    target: &email,
                    address: Some(attempt.address),
                    before: None,
                    after: Some(json!({"failures": failures, "locked_until": timestamp(until)})),
                },
            )
            .await?;
        }
        tx.commit().await?;
        return Ok(Outcome::Failed);
    };

    sqlx::query("UPDATE staff SET totp_last_step = ?1, locked_until = NULL WHERE id = ?2")
        .bind(step)
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM staff_sign_in_failures WHERE staff_id = ?1")
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
    let session = session::create(&mut tx, account.id, now).await?;
    audit::record(&mut tx, now, entry(Action::SignIn, None)).await?;
    tx.commit().await?;
    Ok(Outcome::SignedIn {
        staff: Box::new(account),
        session,
    })
}
