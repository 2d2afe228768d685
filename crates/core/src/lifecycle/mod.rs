//! The life of a request after it is accepted: which status follows which, who may move it, and
//! what each step must record.
//!
//! The service specification says the work is done "on the information agreed in the
//! preliminary check" (事前確認で合意させていただきました情報), once a year (R4), on site. An update
//! work therefore goes `received → in_review → agreed → scheduled → completed`; the desk may send
//! it back to the customer (`returned`) while it is still being reviewed, and any open request
//! may be cancelled. A version consultation (R1) has no work date: `received → in_progress →
//! answered → closed`.
//!
//! The machine is a table ([`allowed`]) so that the desk, the server and the tests read the same
//! truth. [`decide`] checks a proposed step against the table and the step's own record (for
//! `agreed`: R7 and R4 again, see [`record`]).

pub mod customer;
pub mod parts;
pub mod record;

use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};
use crate::request::RequestKind;

pub use record::{decide, Decision, StepDraft, StepFacts, StepRecord, TransitionError};

/// Where a request stands. The serialised form (`snake_case`) is stored and is part of the API.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Accepted by the intake API, nobody has looked at it yet.
    Received,
    /// Update work: the desk is checking it with the customer (the preliminary check).
    InReview,
    /// Update work: the customer must change something; the reason is shown to them.
    Returned,
    /// Update work: the preliminary agreement is recorded (method, version, servers, date).
    Agreed,
    /// Update work: the engineers' visit is arranged.
    Scheduled,
    /// Update work: done.
    Completed,
    /// Consultation: the desk is working on it.
    InProgress,
    /// Consultation: the desk has answered; the customer may still follow up.
    Answered,
    /// Consultation: finished.
    Closed,
    /// Withdrawn by the customer or the desk. A cancelled update work frees its contract
    /// year (R4).
    Cancelled,
}

/// Every status, in the order a request usually meets them.
pub const ALL_STATUSES: [Status; 10] = [
    Status::Received,
    Status::InReview,
    Status::Returned,
    Status::Agreed,
    Status::Scheduled,
    Status::Completed,
    Status::InProgress,
    Status::Answered,
    Status::Closed,
    Status::Cancelled,
];

/// Who proposes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// Staff of the Advanced Solution Center, signed in to the desk.
    Desk,
    /// The customer, with the request's reference and access key.
    Customer,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InReview => "in_review",
            Status::Returned => "returned",
            Status::Agreed => "agreed",
            Status::Scheduled => "scheduled",
            Status::Completed => "completed",
            Status::InProgress => "in_progress",
            Status::Answered => "answered",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
        }
    }

    /// Reads the stored form; `None` for anything else.
    ///
    /// ```
    /// use fwportal_core::lifecycle::Status;
    /// assert_eq!(Status::parse("in_review"), Some(Status::InReview));
    /// assert_eq!(Status::parse("In Review"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Status> {
        ALL_STATUSES.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the request can still move. Completed, closed and cancelled requests are final.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Completed | Status::Closed | Status::Cancelled)
    }

    /// Whether a request of `kind` can ever be in this status.
    pub fn belongs_to(self, kind: RequestKind) -> bool {
        match self {
            Status::Received | Status::Cancelled => true,
            Status::InReview
            | Status::Returned
            | Status::Agreed
            | Status::Scheduled
            | Status::Completed => kind == RequestKind::UpdateWork,
            Status::InProgress | Status::Answered | Status::Closed => {
                kind == RequestKind::VersionConsultation
            }
        }
    }

    /// Whether an update work in this status still holds its contract year (R4): every
    /// status but `cancelled`. A returned request keeps its year, since the customer is
    /// expected to answer and the desk has not given the year up.
    pub fn holds_contract_year(self) -> bool {
        self != Status::Cancelled
    }

    /// The status's name for people (the customer's status page and the desk).
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Status::Received => ("受付済み", "Received"),
            Status::InReview => ("内容の確認中", "Under review"),
            Status::Returned => ("お客様の修正待ち", "Waiting for your changes"),
            Status::Agreed => ("事前確認で合意済み", "Agreed in the preliminary check"),
            Status::Scheduled => ("作業日程の確定", "Visit scheduled"),
            Status::Completed => ("作業完了", "Completed"),
            Status::InProgress => ("対応中", "In progress"),
            Status::Answered => ("回答済み", "Answered"),
            Status::Closed => ("終了", "Closed"),
            Status::Cancelled => ("キャンセル", "Cancelled"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// Both names.
    pub fn labels(self) -> Bilingual {
        Bilingual::new(self.label(Lang::Ja), self.label(Lang::En))
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The table: may `actor` move a request of `kind` from `from` to `to`?
///
/// The desk drives every step. The customer may cancel an open request (the time limit "until
/// the work starts" is the caller's to check, it needs the clock) and resubmit a returned one,
/// which puts it back in `received`. An answered consultation may be taken up again by the desk
/// when the customer follows up.
///
/// ```
/// use fwportal_core::lifecycle::{allowed, Actor, Status};
/// use fwportal_core::request::RequestKind::UpdateWork;
/// assert!(allowed(UpdateWork, Status::Received, Status::InReview, Actor::Desk));
/// assert!(!allowed(UpdateWork, Status::Received, Status::Scheduled, Actor::Desk));
/// assert!(!allowed(UpdateWork, Status::Received, Status::InReview, Actor::Customer));
/// ```
pub fn allowed(kind: RequestKind, from: Status, to: Status, actor: Actor) -> bool {
    use Status::*;
    if !from.belongs_to(kind) || !to.belongs_to(kind) || !from.is_open() {
        return false;
    }
    if to == Cancelled {
        return true;
    }
    match (actor, kind) {
        (Actor::Customer, _) => from == Returned && to == Received,
        (Actor::Desk, RequestKind::UpdateWork) => matches!(
            (from, to),
            (Received, InReview)
                | (Received, Returned)
                | (InReview, Returned)
                | (InReview, Agreed)
                // A moved date is agreed again (R7, R4 re-checked), before or after scheduling.
                | (Agreed, Agreed)
                | (Scheduled, Agreed)
                | (Agreed, Scheduled)
                | (Scheduled, Completed)
        ),
        (Actor::Desk, RequestKind::VersionConsultation) => matches!(
            (from, to),
            (Received, InProgress)
                | (InProgress, Answered)
                | (Answered, InProgress)
                | (Answered, Closed)
        ),
    }
}

/// The statuses `actor` may move a request of `kind` to from `from`, in table order: what the
/// desk offers as buttons.
pub fn next_statuses(kind: RequestKind, from: Status, actor: Actor) -> Vec<Status> {
    ALL_STATUSES
        .into_iter()
        .filter(|&to| allowed(kind, from, to, actor))
        .collect()
}
