//! Mail as a transactional outbox (issue 16). A change that causes a mail writes the mail as a
//! row of `outbox` in its own transaction, so a committed change always has its mail; the
//! sender ([`sender`]) delivers rows over SMTP afterwards and marks them sent. A crash between
//! the commit and the sending loses nothing: the row is still there at the next start. At worst
//! a mail is sent twice (sent, then the process died before marking it), never dropped.
//!
//! Who gets what ([`compose`]): the customer the receipt (with the preparation list as Markdown
//! and `.ics`), every status change, every desk message and the answer to a date change, in the
//! language they submitted in; the desk mailbox every new request, customer message,
//! cancellation and date-change request. Mails link to `/status`, never with the access key
//! (only the "new key" mail carries a key: the one the customer asked for).

pub mod compose;
pub mod outbox;
pub mod sender;

use fwportal_core::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where the mails point to and who the desk is; from `--public-origin`, `--desk-mailbox`.
#[derive(Debug, Clone, Default)]
pub struct MailSettings {
    /// `https://portal.example.co.jp`; links are relative paths when unset.
    pub public_origin: Option<String>,
}

impl MailSettings {
    /// The link to the status page (the customer types the reference and the key there).
    pub fn status_link(&self) -> String {
        format!("{}/status", self.public_origin.as_deref().unwrap_or(""))
    }

    /// The link to a request on the desk.
    pub fn desk_link(&self, reference: &str) -> String {
        format!(
            "{}/desk/requests/{reference}",
            self.public_origin.as_deref().unwrap_or("")
        )
    }
}

/// Who a mail is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The customer, at the contact address of the request.
    Customer(String),
    /// The desk mailbox (`--desk-mailbox`), resolved when sending.
    Desk,
}

/// A file attached to a mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub media_type: String,
    pub content: String,
}

/// A mail to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// What it is (`receipt`, `status_change`, `desk_message`, …), for the operator's list.
    pub kind: &'static str,
    pub audience: Audience,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// The request's preparation list, attached as Markdown and `.ics` (in [`Mail::lang`])
    /// when the mail is read to be sent or listed, not when it is queued: writing them out is
    /// the sender's work, and a submission's transaction holds the list, a tenth of their size
    /// (issue 12).
    pub preparation: Option<Box<fwportal_core::preparation::PreparationList>>,
}
