//! Staff of the Advanced Solution Center: accounts (password and TOTP second factor), the
//! sign-in with its lockout, and server-side sessions (issue 15).

pub mod password;
pub mod session;
pub mod sign_in;
pub mod totp;

use chrono::{DateTime, Utc};
use fwportal_core::request::fields::EmailAddress;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::audit::{self, Action};
use crate::db::{timestamp, DbError};
use password::PasswordError;
use totp::TotpError;

/// What a staff member may do. Both work requests; only the role's name differs today, and
/// admins are whom the desk asks for account changes (made with `fwportal staff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Desk,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Desk => "desk",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "desk" => Some(Role::Desk),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// An account as stored.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub totp_secret: String,
    pub totp_last_step: Option<i64>,
    pub locked_until: Option<DateTime<Utc>>,
    pub disabled: bool,
    pub created_at: String,
}

impl StaffMember {
    /// What the audit log keeps of an account: never the hash or the secret.
    fn audit_view(&self) -> serde_json::Value {
        json!({"email": self.email, "name": self.name, "role": self.role.as_str(), "disabled": self.disabled})
    }

    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// Why an account change is refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("{0:?} is not an email address")]
    InvalidEmail(String),
    #[error("the name is empty")]
    EmptyName,
    #[error("an account for {0} exists already")]
    Exists(String),
    #[error("no account for {0}")]
    NotFound(String),
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error(transparent)]
    Totp(#[from] TotpError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl StaffError {
    /// A code for machines.
    pub fn code(&self) -> &'static str {
        match self {
            StaffError::InvalidEmail(_) => "invalid_email",
            StaffError::EmptyName => "empty_name",
            StaffError::Exists(_) => "staff_exists",
            StaffError::NotFound(_) => "staff_not_found",
            StaffError::Password(e) => e.code(),
            StaffError::Totp(_) => "totp_failed",
            StaffError::Db(_) => "database",
        }
    }
}

impl From<sqlx::Error> for StaffError {
    fn from(error: sqlx::Error) -> Self {
        StaffError::Db(DbError::from(error))
    }
}

/// Emails compare without case and surrounding blanks; they are stored lower-case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The new TOTP secret of an account, shown once.
pub struct Issued {
    pub otpauth_uri: String,
}

const COLUMNS: &str = "id, email, name, role, password_hash, totp_secret, totp_last_step,
                       locked_until, disabled_at, created_at";

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<StaffMember, DbError> {
    let role: String = row.try_get("role")?;
    let locked_until: Option<String> = row.try_get("locked_until")?;
    let disabled_at: Option<String> = row.try_get("disabled_at")?;
    Ok(StaffMember {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| DbError::Corrupt(format!("role {role:?}")))?,
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        totp_last_step: row.try_get("totp_last_step")?,
        locked_until: locked_until.as_deref().map(parse_time).transpose()?,
        disabled: disabled_at.is_some(),
        created_at: row.try_get("created_at")?,
    })
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>, DbError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| DbError::Corrupt(format!("timestamp {text:?}: {e}")))
}

pub async fn find_by_email(
    conn: &mut SqliteConnection,
    email: &str,
) -> Result<Option<StaffMember>, DbError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM staff WHERE email = ?1"))
        .bind(normalise_email(email))
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn find_by_id(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<StaffMember>, DbError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM staff WHERE id = ?1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every account, by email.
pub async fn list(pool: &SqlitePool) -> Result<Vec<StaffMember>, DbError> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM staff ORDER BY email"))
        .fetch_all(pool)
        .await?;
    rows.iter().map(from_row).collect()
}

fn checked_email(email: &str) -> Result<String, StaffError> {
    let email = normalise_email(email);
    EmailAddress::parse(&email).map_err(|_| StaffError::InvalidEmail(email.clone()))?;
    Ok(email)
}

/// Creates an account with its password and a fresh TOTP secret; returns the secret's URI.
pub async fn add(
    pool: &SqlitePool,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Issued, StaffError> {
    let email = checked_email(email)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(StaffError::EmptyName);
    }
    password::check_policy(password, &[&email, name])?;
    let hash = password::hash(password)?;
    let secret = totp::new_secret()?;
    let otpauth_uri = totp::uri(&secret, &email)?;

    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if find_by_email(&mut tx, &email).await?.is_some() {
        return Err(StaffError::Exists(email));
    }
    sqlx::query(
        "INSERT INTO staff (email, name, role, password_hash, totp_secret, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&email)
    .bind(name)
    .bind(role.as_str())
    .bind(&hash)
    .bind(&secret)
    .bind(timestamp(now))
    .execute(&mut *tx)
    .await?;
    let after = json!({"email": email, "name": name, "role": role.as_str(), "disabled": false});
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor,
            action: Action::StaffAdded,
            target: &email,
            address: None,
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Issued { otpauth_uri })
}

/// Disables an account and ends its sessions.
pub async fn disable(
    pool: &SqlitePool,
    email: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(), StaffError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let account = find_by_email(&mut tx, email)
        .await?
        .ok_or_else(|| StaffError::NotFound(normalise_email(email)))?;
    sqlx::query("UPDATE staff SET disabled_at = COALESCE(disabled_at, ?1) WHERE id = ?2")
        .bind(timestamp(now))
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
    session::delete_all_of(&mut tx, account.id).await?;
    let after = StaffMember {
        disabled: true,
        ..account.clone()
    };
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor,
            action: Action::StaffDisabled,
            target: &account.email,
            address: None,
            before: Some(account.audit_view()),
            after: Some(after.audit_view()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives an account a new password and a new TOTP secret, lifts a lockout and ends its
/// sessions. A disabled account stays disabled.
pub async fn reset(
    pool: &SqlitePool,
    email: &str,
    password: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Issued, StaffError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let account = find_by_email(&mut tx, email)
        .await?
        .ok_or_else(|| StaffError::NotFound(normalise_email(email)))?;
    password::check_policy(password, &[&account.email, &account.name])?;
    let hash = password::hash(password)?;
    let secret = totp::new_secret()?;
    let otpauth_uri = totp::uri(&secret, &account.email)?;
    sqlx::query(
        "UPDATE staff SET password_hash = ?1, totp_secret = ?2, totp_last_step = NULL,
                          locked_until = NULL
         WHERE id = ?3",
    )
    .bind(&hash)
    .bind(&secret)
    .bind(account.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM staff_sign_in_failures WHERE staff_id = ?1")
        .bind(account.id)
        .execute(&mut *tx)
        .await?;
    session::delete_all_of(&mut tx, account.id).await?;
    let mut after = account.audit_view();
    after["password"] = "changed".into();
    after["totp_secret"] = "changed".into();
    audit::record(
        &mut tx,
        now,
        audit::Entry {
            actor,
            action: Action::StaffReset,
            target: &account.email,
            address: None,
            before: Some(account.audit_view()),
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Issued { otpauth_uri })
}
