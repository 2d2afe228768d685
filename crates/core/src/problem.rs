//! A problem found in a request: which field, which rule, a code for machines and a sentence
//! in each language for people. Validation returns every problem at once, never the first only.

use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};

/// What is wrong, for machines. The serialised form (`snake_case`) is part of the API.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// A required value is empty.
    Required,
    /// The value is longer than the field allows.
    TooLong,
    /// The value contains characters the field does not accept.
    InvalidCharacters,
    /// Not a real calendar date in `YYYY-MM-DD` form.
    InvalidDate,
    /// A real date outside the range the portal supports (2000-01-01 to 2099-12-31).
    DateOutOfRange,
    /// Not a time of day in `HH:MM` form.
    InvalidTime,
    /// Not an e-mail address.
    InvalidEmail,
    /// Not a telephone number.
    InvalidPhone,
    /// Not one of the values the field offers.
    InvalidChoice,
    /// Not text where the API expects text (a number, `true`/`false` or `null`); set by the
    /// server when it reads the JSON body, never by the rules.
    InvalidType,
    /// The list has more entries than the field allows.
    TooMany,
    /// R5: the request does not reach the support centre 15 business days before the work date.
    NoticeNotMet,
    /// A date that must differ from the work date is the same day.
    SameAsWorkDate,
    /// The customer has not confirmed a rule that applies (R9, R12–R16, C3–C5).
    AcknowledgementMissing,
    /// R6: the support contract is not Proactive Care.
    NotProactiveCare,
    /// R7: a period ends before it starts.
    PeriodReversed,
    /// R7: the work date is outside the Proactive Care period.
    OutsideProactiveCarePeriod,
    /// R7: the work date is outside the option's period.
    OutsideOptionPeriod,
    /// R5 with R7: no work date can meet both the notice and the contract periods, so the
    /// contract cannot carry an update work request (reported on the contract's end date).
    NoWorkDatePossible,
    /// R4: update work was already accepted in this contract year.
    OnceAYear,
    /// R4: the contract's support level or periods differ from those stored with its first
    /// accepted request; the support centre corrects a stored contract, not the customer.
    ContractMismatch,
    /// R11: the product is excluded from the option.
    ProductExcluded,
    /// R10: the product is not a server firmware target.
    ProductOutOfScope,
    /// R8: the product is not recognised or not named by the contract (a warning).
    ProductNeedsConfirmation,
    /// The request's life does not lead from its current status to the proposed one.
    TransitionNotAllowed,
    /// A server named in a step is not one of the request's servers.
    NotInRequest,
    /// R4: an agreed work date lies in another contract year than the request holds.
    OtherContractYear,
    /// The engineers' arrival is not on the agreed work date.
    NotOnAgreedDate,
    /// The contract registry does not know the contract, and the operator refuses such
    /// requests (R6).
    ContractUnknown,
    /// A firmware analysis sent with the request says something its own versions contradict
    /// (an update to a version that is not newer, a two-step warning without its reason).
    AnalysisMismatch,
    /// The work has started (or its day has passed): the customer can no longer cancel it on
    /// the portal.
    WorkStarted,
    /// A value the customer may not change when answering a return (the kind, the contract
    /// number): a different one is a new request.
    CannotChange,
}

/// One problem with one field of a request.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The field's path in the request, e.g. `contract.number` or `servers[0].model`.
    pub field: String,
    pub code: ProblemCode,
    /// The rule behind the problem (`R5`…), where one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    pub message_ja: String,
    pub message_en: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, code: ProblemCode, message: Bilingual) -> Self {
        Problem {
            field: field.into(),
            code,
            rule: None,
            message_ja: message.ja,
            message_en: message.en,
        }
    }

    /// Names the rule that the problem comes from.
    pub fn with_rule(mut self, rule: &str) -> Self {
        self.rule = Some(rule.to_owned());
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.message_ja,
            Lang::En => &self.message_en,
        }
    }
}

/// At most this many problems are reported in one answer. A request within the limits of
/// [`crate::request::limits`] can still hold tens of thousands of empty fields; listing each
/// would make the answer far larger than the request (an amplifier), and nobody reads past the
/// first screenful. The count of the rest is reported beside them.
pub const MAX_REPORTED_PROBLEMS: usize = 50;

/// The first [`MAX_REPORTED_PROBLEMS`] problems, in order, and how many more there were.
///
/// ```
/// use fwportal_core::i18n::Bilingual;
/// use fwportal_core::problem::{bounded, Problem, ProblemCode, MAX_REPORTED_PROBLEMS};
/// let one = Problem::new("notes", ProblemCode::TooLong, Bilingual::new("長すぎます。", "Too long."));
/// let (shown, more) = bounded(vec![one; MAX_REPORTED_PROBLEMS + 7]);
/// assert_eq!((shown.len(), more), (MAX_REPORTED_PROBLEMS, 7));
/// ```
pub fn bounded(mut problems: Vec<Problem>) -> (Vec<Problem>, usize) {
    let more = problems.len().saturating_sub(MAX_REPORTED_PROBLEMS);
    problems.truncate(MAX_REPORTED_PROBLEMS);
    (problems, more)
}
