//! Server-side sessions of signed-in staff. The cookie holds 256 random bits; the table keeps
//! only their SHA-256, so a copy of the database opens no session. A session ends when
//! unused for the idle timeout, at the absolute timeout, at sign-out, or when its account is
//! disabled or reset.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::{find_by_id, parse_time, StaffMember};
use crate::db::{timestamp, DbError};
use crate::tokens::{new_access_token, sha256};

/// How long a session lives.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// Ends after this long without a request (30 minutes by default).
    pub idle: Duration,
    /// Ends this long after sign-in whatever happens (12 hours by default).
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 60 * 60),
        }
    }
}

/// A session just opened: the cookie's value and the CSRF token, both shown once.
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

/// A live session and its account.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub token_hash: Vec<u8>,
    pub staff: StaffMember,
    pub csrf_token: String,
}

fn delta(duration: Duration) -> TimeDelta {
    TimeDelta::from_std(duration).unwrap_or(TimeDelta::MAX)
}

pub async fn create(
    conn: &mut SqliteConnection,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<NewSession, DbError> {
    let token = new_access_token().map_err(|e| DbError::Corrupt(format!("no randomness: {e}")))?;
    let csrf_token =
        new_access_token().map_err(|e| DbError::Corrupt(format!("no randomness: {e}")))?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )
    .bind(sha256(token.as_bytes()))
    .bind(staff_id)
    .bind(&csrf_token)
    .bind(timestamp(now))
    .execute(&mut *conn)
    .await?;
    Ok(NewSession { token, csrf_token })
}

/// The live session for a cookie value. An expired session is deleted; a used one has its
/// last-seen time moved (at most once a minute, or more often for short idle timeouts, so
/// reading the queue is not a write each time).
pub async fn find(
    pool: &SqlitePool,
    token: &str,
    now: DateTime<Utc>,
    policy: SessionPolicy,
) -> Result<Option<LiveSession>, DbError> {
    let token_hash = sha256(token.as_bytes());
    let row = sqlx::query(
        "SELECT staff_id, csrf_token, created_at, last_seen_at FROM staff_sessions
         WHERE token_hash = ?1",
    )
    .bind(&token_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let created = parse_time(&row.try_get::<String, _>("created_at")?)?;
    let last_seen = parse_time(&row.try_get::<String, _>("last_seen_at")?)?;
    let mut conn = pool.acquire().await?;
    if now - last_seen >= delta(policy.idle) || now - created >= delta(policy.absolute) {
        delete(&mut conn, &token_hash).await?;
        return Ok(None);
    }
    let staff_id: i64 = row.try_get("staff_id")?;
    let Some(staff) = find_by_id(&mut conn, staff_id).await? else {
        return Ok(None);
    };
    if staff.disabled {
        delete(&mut conn, &token_hash).await?;
        return Ok(None);
    }
    let refresh = delta(policy.idle / 4).min(TimeDelta::minutes(1));
    if now - last_seen >= refresh {
        sqlx::query("UPDATE staff_sessions SET last_seen_at = ?1 WHERE token_hash = ?2")
            .bind(timestamp(now))
            .bind(&token_hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(Some(LiveSession {
        token_hash,
        staff,
        csrf_token: row.try_get("csrf_token")?,
    }))
}

pub async fn delete(conn: &mut SqliteConnection, token_hash: &[u8]) -> Result<(), DbError> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = ?1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete_all_of(conn: &mut SqliteConnection, staff_id: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM staff_sessions WHERE staff_id = ?1")
        .bind(staff_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes sessions past either timeout that nobody came back to (a lookup deletes the ones
/// that are used again); called at each sign-in.
pub async fn purge_expired(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
    policy: SessionPolicy,
) -> Result<(), DbError> {
    sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at <= ?1 OR created_at <= ?2")
        .bind(timestamp(now - delta(policy.idle)))
        .bind(timestamp(now - delta(policy.absolute)))
        .execute(&mut *conn)
        .await?;
    Ok(())
}
