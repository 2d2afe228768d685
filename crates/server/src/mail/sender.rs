//! The background sender: delivers due rows of the outbox over SMTP (lettre), marks each sent,
//! and puts a failed one back with exponential backoff. Rows are read from the database each
//! round, so whatever was committed before a crash is sent after the restart; a row sent just
//! before a crash (not yet marked) is sent again — twice at worst, never lost. Its Message-ID
//! is made from the row, so the same mail keeps the same id and mail clients can tell the copy.

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::SqlitePool;

use super::outbox::{self, Queued};

/// How often the sender looks for due rows when it found none.
const POLL: Duration = Duration::from_millis(500);
/// Rows taken in one round.
const BATCH: i64 = 20;

/// The SMTP settings, from `--smtp-url`, `--mail-from`, `--desk-mailbox`.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("--smtp-url is not a usable SMTP URL (smtp://host:port, smtp://host?tls=required for STARTTLS, smtps://host for TLS, user:password@ before the host): {0}")]
    Url(String),
    #[error("--mail-from is not a mailbox such as \"Portal <portal@example.co.jp>\": {0}")]
    From(String),
    #[error("--desk-mailbox is not a mailbox such as desk@example.co.jp: {0}")]
    Desk(String),
    #[error("--smtp-url needs --mail-from (the sender address of every mail)")]
    NoFrom,
}

/// A ready sender.
pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    desk: Option<Mailbox>,
    domain: String,
    first_retry: TimeDelta,
}

impl Sender {
    /// `None` without `--smtp-url`: mail stays queued (the caller warns once).
    pub fn from_settings(
        smtp_url: Option<&str>,
        from: Option<&str>,
        desk: Option<&str>,
        first_retry: Duration,
    ) -> Result<Option<Sender>, MailConfigError> {
        let desk = desk
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                d.parse::<Mailbox>()
                    .map_err(|e| MailConfigError::Desk(e.to_string()))
            })
            .transpose()?;
        let Some(url) = smtp_url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let from: Mailbox = from
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .ok_or(MailConfigError::NoFrom)?
            .parse()
            .map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailConfigError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Some(Sender {
            domain: from.email.domain().to_owned(),
            transport,
            from,
            desk,
            first_retry: TimeDelta::from_std(first_retry).unwrap_or(outbox::FIRST_RETRY),
        }))
    }

    /// Whether desk mails can be sent (a desk mailbox is set).
    pub fn has_desk_mailbox(&self) -> bool {
        self.desk.is_some()
    }

    /// The Message-ID of a row: the same for every attempt.
    pub fn message_id(&self, row: &Queued) -> String {
        format!(
            "<outbox-{}-{}@{}>",
            row.id,
            row.created_at.timestamp(),
            self.domain
        )
    }

    fn message(&self, row: &Queued) -> Result<Message, String> {
        let to: Mailbox = match row.audience.as_str() {
            "desk" => self.desk.clone().ok_or("no --desk-mailbox")?,
            _ => row
                .address
                .as_deref()
                .unwrap_or_default()
                .parse()
                .map_err(|e: lettre::address::AddressError| format!("recipient: {e}"))?,
        };
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .message_id(Some(self.message_id(row)));
        let text = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(row.body.clone());
        let message = if row.attachments.is_empty() {
            builder.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().singlepart(text);
            for file in &row.attachments {
                let kind = ContentType::parse(&file.media_type)
                    .map_err(|e| format!("attachment type {:?}: {e}", file.media_type))?;
                parts = parts.singlepart(
                    MimeAttachment::new(file.name.clone()).body(file.content.clone(), kind),
                );
            }
            builder.multipart(parts)
        };
        message.map_err(|e| e.to_string())
    }

    /// Sends every due row once; how many were sent.
    pub async fn round(&self, pool: &SqlitePool) -> Result<usize, crate::db::DbError> {
        let now = Utc::now();
        let rows = outbox::due(pool, now, BATCH, self.desk.is_some()).await?;
        let mut sent = 0;
        for row in rows {
            let result = match self.message(&row) {
                Ok(message) => self
                    .transport
                    .send(message)
                    .await
                    .map_err(|e| e.to_string()),
                Err(error) => Err(error),
            };
            match result {
                Ok(_) => {
                    outbox::mark_sent(pool, row.id, Utc::now()).await?;
                    sent += 1;
                    tracing::info!(id = row.id, kind = %row.kind, "mail sent");
                }
                Err(error) => {
                    tracing::warn!(id = row.id, kind = %row.kind, %error, attempts = row.attempts + 1, "mail not sent; will retry");
                    outbox::mark_failed(pool, &row, &error, self.first_retry, Utc::now()).await?;
                }
            }
        }
        Ok(sent)
    }

    /// Runs until the process ends.
    pub fn spawn(self, pool: SqlitePool) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.round(&pool).await {
                    Ok(n) if n > 0 => continue,
                    Ok(_) => {}
                    Err(error) => tracing::error!(%error, "the outbox cannot be read"),
                }
                tokio::time::sleep(POLL).await;
            }
        })
    }
}
