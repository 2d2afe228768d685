//! What the customer may do with their own request on `/status` (issue 16): write to the desk,
//! cancel it, ask for another work date, and answer a return. Each is decided here, with the
//! clock and the calendar passed in, so the server and the app read the same rules.
//!
//! - **Messages** are plain text of at most [`MAX_MESSAGE`] characters (line breaks and tabs
//!   allowed, no hidden characters, like the notes); none on a closed or cancelled request.
//! - **Cancel**: any open request until the work starts (the agreed or requested work date at
//!   its start time, Japan time). After the R5 deadline of that date it is still allowed, but
//!   flagged `late` for the desk.
//! - **Another work date**: checked like a new request's date — R5 from the moment of asking,
//!   R3 (any day, any hour), R7 (inside both periods) and R4 (inside the contract year the
//!   request holds) — and kept pending until the desk accepts or declines it. The desk's
//!   acceptance checks R7 and R4 again (the contract may have been corrected), not R5: the
//!   notice was given when the customer asked.
//! - **Answer a return**: the whole request is checked again like a new one
//!   ([`crate::request::check_against`]); the kind and the contract number stay.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::record::check_agreed_date;
use super::{allowed, Actor, Decision, Status, StepRecord};
use crate::calendar::{BusinessCalendar, JST};
use crate::eligibility::contract::Period;
use crate::i18n::{Bilingual, Lang};
use crate::problem::{Problem, ProblemCode};
use crate::request::fields::{parse_date, parse_time, ContractNumber, Text};
use crate::request::labels::{problem_for, Input, Label, START_TIME, WORK_DATE};
use crate::request::{notice_problem, RequestKind};

/// The longest message, in characters: a screenful, like a reason or an answer of the desk.
pub const MAX_MESSAGE: usize = super::record::MAX_NOTE;
/// The longest reason for a cancellation, in characters.
pub const MAX_REASON: usize = 2000;

const MESSAGE: Label = Label {
    ja: "メッセージ",
    en: "the message",
    max: MAX_MESSAGE,
    input: Input::Lines,
    rule: None,
};
const REASON: Label = Label {
    ja: "キャンセルの理由",
    en: "the reason for cancelling",
    max: MAX_REASON,
    input: Input::Lines,
    rule: None,
};
const DESK_NOTE: Label = Label {
    ja: "お客様へのコメント",
    en: "the note to the customer",
    max: super::record::MAX_NOTE,
    input: Input::Lines,
    rule: None,
};

/// Why the customer (or the desk, answering a date change) cannot do something now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CustomerError {
    /// The request is completed, closed or cancelled: nothing more happens on it.
    #[error("the request is {status}, nothing more can be done on it")]
    Closed { status: Status },
    /// The request is open, but this is not possible in its status (another date for a
    /// consultation, an answer to a request that was not returned).
    #[error("not possible while the request is {status}")]
    NotNow { status: Status },
    /// Another work date was already asked for and the desk has not answered yet.
    #[error("a change of the work date is already waiting for the desk")]
    ChangePending,
    /// No change of the work date is waiting (the desk answers one that is).
    #[error("no change of the work date is waiting")]
    NoChangePending,
    /// The fields have problems (every one of them).
    #[error("{} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
}

impl CustomerError {
    /// A code for machines.
    pub fn code(&self) -> &'static str {
        match self {
            CustomerError::Closed { .. } => "request_closed",
            CustomerError::NotNow { .. } => "not_possible_now",
            CustomerError::ChangePending => "date_change_pending",
            CustomerError::NoChangePending => "no_date_change_pending",
            CustomerError::Invalid(_) => "invalid",
        }
    }

    /// A sentence for people, in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            CustomerError::Closed { status } => Bilingual::new(
                format!(
                    "このお申込みは「{}」のため、これ以上の操作やメッセージはお受けできません。新しいご用件は新しいお申込みか、サポートセンターへのお電話でお知らせください。",
                    status.label(Lang::Ja)
                ),
                format!(
                    "This request is “{}”: it takes no more changes or messages. For anything new, make a new request or call the support centre.",
                    status.label(Lang::En)
                ),
            ),
            CustomerError::NotNow { status } => Bilingual::new(
                format!(
                    "このお申込みは「{}」のため、この操作はできません。画面を更新して、現在の状態を確認してください。",
                    status.label(Lang::Ja)
                ),
                format!(
                    "This is not possible while the request is “{}”. Reload to see its current state.",
                    status.label(Lang::En)
                ),
            ),
            CustomerError::ChangePending => Bilingual::new(
                "作業日の変更をすでにお申し出いただいています。サポートセンターの回答をお待ちください。",
                "You have already asked for another work date. Please wait for the support centre's answer.",
            ),
            CustomerError::NoChangePending => Bilingual::new(
                "回答を待っている作業日の変更はありません。画面を更新してください。",
                "No change of the work date is waiting for an answer. Reload the page.",
            ),
            CustomerError::Invalid(problems) => Bilingual::new(
                format!("{}件の問題があります。", problems.len()),
                format!("{} problem(s) to fix.", problems.len()),
            ),
        }
    }

    /// The problems in the API's shape (only for [`CustomerError::Invalid`]).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            CustomerError::Invalid(problems) => problems.clone(),
            _ => Vec::new(),
        }
    }
}

/// A message as the customer or the desk typed it: required, at most [`MAX_MESSAGE`]
/// characters, line breaks and tabs allowed, hidden characters refused (`invalid_characters`,
/// like every free text).
///
/// ```
/// use fwportal_core::lifecycle::customer::{message, MAX_MESSAGE};
/// assert_eq!(message("  1行目\n2行目 ").unwrap().as_str(), "1行目\n2行目");
/// assert!(message(" ").is_err());
/// assert!(message("見積\u{202E}もり").is_err());
/// assert!(message(&"あ".repeat(MAX_MESSAGE + 1)).is_err());
/// ```
pub fn message(input: &str) -> Result<Text, Problem> {
    let text = Text::multiline(input, MAX_MESSAGE).map_err(|c| problem_for("body", &MESSAGE, c))?;
    if text.is_empty() {
        return Err(problem_for("body", &MESSAGE, ProblemCode::Required));
    }
    Ok(text)
}

/// Whether messages may still be written on a request in `status` (either side).
pub fn may_converse(status: Status) -> Result<(), CustomerError> {
    if status.is_open() {
        Ok(())
    } else {
        Err(CustomerError::Closed { status })
    }
}

/// The moment the work starts: the day at the start time, Japan time.
pub fn work_start(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // Japan keeps no daylight saving time: the local time is the UTC one minus nine hours.
    (date.and_time(time) - chrono::TimeDelta::seconds(i64::from(JST.local_minus_utc()))).and_utc()
}

/// What a cancellation needs to know about the request.
#[derive(Debug, Clone, Copy)]
pub struct CancelFacts {
    pub kind: RequestKind,
    pub status: Status,
    /// The work as planned now (the agreed date, else the requested one) and its start time,
    /// Japan time; `None` for a consultation.
    pub work: Option<(NaiveDate, NaiveTime)>,
}

/// A cancellation that passed: the step to store and whether it came after the R5 deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    pub decision: Decision,
    pub late: bool,
}

/// The customer cancels, with an optional reason (at most [`MAX_REASON`] characters).
///
/// Refused on a closed request and once the work has started; `late` when the moment of
/// cancelling counts as received after the R5 deadline of the planned work date (the desk is
/// told: people may already be planned for it).
pub fn cancel(
    facts: &CancelFacts,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<Cancellation, CustomerError> {
    may_converse(facts.status)?;
    if !allowed(facts.kind, facts.status, Status::Cancelled, Actor::Customer) {
        return Err(CustomerError::NotNow {
            status: facts.status,
        });
    }
    let mut problems = Vec::new();
    if let Some((date, time)) = facts.work {
        if now >= work_start(date, time) {
            let day = crate::i18n::format_date_both(date);
            problems.push(Problem::new(
                "to",
                ProblemCode::WorkStarted,
                Bilingual::new(
                    format!("{}の作業はすでに始まっているため、ポータルからはキャンセルできません。サポートセンターにお電話ください。", day.ja),
                    format!("The work of {} has already started, so it cannot be cancelled here. Please call the support centre.", day.en),
                ),
            ));
        }
    }
    let reason = Text::multiline(reason, MAX_REASON)
        .map_err(|code| problems.push(problem_for("reason", &REASON, code)))
        .ok();
    let (Some(reason), true) = (reason, problems.is_empty()) else {
        return Err(CustomerError::Invalid(problems));
    };
    let late = facts
        .work
        .and_then(|(date, _)| calendar.notice_report(date, &now).ok())
        .is_some_and(|report| !report.notice_met);
    Ok(Cancellation {
        decision: Decision {
            from: facts.status,
            to: Status::Cancelled,
            note: reason.to_string(),
            record: StepRecord::CustomerCancellation { late },
        },
        late,
    })
}

/// Another work date and start time, as typed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateChangeDraft {
    /// `YYYY-MM-DD`.
    pub work_date: String,
    /// `HH:MM`, Japan time.
    pub work_start_time: String,
}

/// What asking for (or answering) another work date needs to know about the request.
#[derive(Debug, Clone, Copy)]
pub struct DateChangeFacts {
    pub kind: RequestKind,
    pub status: Status,
    /// R7: the Proactive Care period on file.
    pub proactive_care: Period,
    /// R7: the option's period on file; its start counts the contract years (R4).
    pub option: Period,
    /// R4: the first day of the contract year the request holds.
    pub contract_year_start: Option<NaiveDate>,
    /// The work as planned now (date, start time).
    pub current: Option<(NaiveDate, NaiveTime)>,
    /// Whether a change is already waiting for the desk.
    pub pending: bool,
}

/// A change of the work date that passed the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateChange {
    #[serde(with = "crate::dates::wire::date")]
    pub work_date: NaiveDate,
    #[serde(with = "crate::dates::wire::time")]
    pub work_start_time: NaiveTime,
}

fn changeable(facts: &DateChangeFacts) -> Result<(), CustomerError> {
    may_converse(facts.status)?;
    // Every open status of update work: before the agreement the desk reads it with the
    // request, after it the agreement (and a visit) is made again for the new day.
    if facts.kind != RequestKind::UpdateWork {
        return Err(CustomerError::NotNow {
            status: facts.status,
        });
    }
    Ok(())
}

/// The customer asks for another work date: R5 counted from `now` (the moment of asking), R3
/// (any day and hour: only the time's form is checked), R7 and R4. Every problem at once.
pub fn ask_date_change(
    facts: &DateChangeFacts,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    draft: &DateChangeDraft,
) -> Result<DateChange, CustomerError> {
    changeable(facts)?;
    if facts.pending {
        return Err(CustomerError::ChangePending);
    }
    let mut problems = Vec::new();
    let date = parse_date(&draft.work_date)
        .map_err(|code| problems.push(problem_for("work_date", &WORK_DATE, code)))
        .ok();
    let time = parse_time(&draft.work_start_time)
        .map_err(|code| problems.push(problem_for("work_start_time", &START_TIME, code)))
        .ok();
    if let Some(date) = date {
        match calendar.notice_report(date, &now) {
            Ok(report) if !report.notice_met => problems.push(notice_problem(
                "work_date",
                date,
                &report,
                calendar.settings(),
            )),
            Ok(_) => {}
            Err(_) => problems.push(problem_for(
                "work_date",
                &WORK_DATE,
                ProblemCode::DateOutOfRange,
            )),
        }
        check_agreed_date(
            facts.proactive_care,
            facts.option,
            facts.contract_year_start,
            date,
            &mut problems,
        );
    }
    if let (Some(date), Some(time)) = (date, time) {
        if facts.current == Some((date, time)) {
            problems.push(Problem::new(
                "work_date",
                ProblemCode::SameAsWorkDate,
                Bilingual::new(
                    "いまの作業日・開始時刻と同じです。別の日付か時刻を入力してください。",
                    "This is the work date and start time already planned. Enter another date or time.",
                ),
            ));
        }
    }
    match (date, time) {
        (Some(work_date), Some(work_start_time)) if problems.is_empty() => Ok(DateChange {
            work_date,
            work_start_time,
        }),
        _ => Err(CustomerError::Invalid(problems)),
    }
}

/// Whether the desk can answer a change now: an open update work with a change waiting.
pub fn answerable(facts: &DateChangeFacts) -> Result<(), CustomerError> {
    changeable(facts)?;
    if facts.pending {
        Ok(())
    } else {
        Err(CustomerError::NoChangePending)
    }
}

/// The desk answers a pending change. Accepting checks R7 and R4 again and moves a scheduled
/// request back to `agreed` (the visit is arranged again for the new day); the status stays
/// otherwise. Declining needs a note, which the customer reads; accepting takes an optional
/// one.
pub fn answer_date_change(
    facts: &DateChangeFacts,
    change: DateChange,
    accept: bool,
    note: &str,
) -> Result<Decision, CustomerError> {
    answerable(facts)?;
    let mut problems = Vec::new();
    let note = match Text::multiline(note, DESK_NOTE.max) {
        Ok(text) if text.is_empty() && !accept => {
            problems.push(problem_for("note", &DESK_NOTE, ProblemCode::Required));
            String::new()
        }
        Ok(text) => text.to_string(),
        Err(code) => {
            problems.push(problem_for("note", &DESK_NOTE, code));
            String::new()
        }
    };
    if accept {
        check_agreed_date(
            facts.proactive_care,
            facts.option,
            facts.contract_year_start,
            change.work_date,
            &mut problems,
        );
    }
    if !problems.is_empty() {
        return Err(CustomerError::Invalid(problems));
    }
    let to = if accept && facts.status == Status::Scheduled {
        Status::Agreed
    } else {
        facts.status
    };
    Ok(Decision {
        from: facts.status,
        to,
        note,
        record: StepRecord::DateChange {
            accepted: accept,
            work_date: change.work_date,
            work_start_time: change.work_start_time,
        },
    })
}

/// The customer answers a return: allowed only on a returned request, and the answer may not
/// change the kind or the contract number (problems `cannot_change`); the caller checks the
/// whole answer again like a new request. Returns the step back to `received`.
pub fn resubmit(
    kind: RequestKind,
    status: Status,
    contract_number: &str,
    answer: &crate::request::RequestDraft,
) -> Result<Decision, CustomerError> {
    may_converse(status)?;
    if !allowed(kind, status, Status::Received, Actor::Customer) {
        return Err(CustomerError::NotNow { status });
    }
    let mut problems = Vec::new();
    let answered_kind = match answer.kind.trim() {
        "" | "update_work" => Some(RequestKind::UpdateWork),
        "version_consultation" => Some(RequestKind::VersionConsultation),
        _ => None,
    };
    if answered_kind.is_some_and(|k| k != kind) {
        problems.push(Problem::new(
            "kind",
            ProblemCode::CannotChange,
            Bilingual::new(
                "お申込みの種類は変更できません。別の種類のご用件は新しいお申込みでお知らせください。",
                "The kind of request cannot change. For another kind, make a new request.",
            ),
        ));
    }
    if ContractNumber::parse(&answer.contract.number).is_ok_and(|n| n.as_str() != contract_number) {
        problems.push(Problem::new(
            "contract.number",
            ProblemCode::CannotChange,
            Bilingual::new(
                "契約番号は変更できません。別の契約のご用件は新しいお申込みでお知らせください。",
                "The contract number cannot change. For another contract, make a new request.",
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(CustomerError::Invalid(problems));
    }
    Ok(Decision {
        from: status,
        to: Status::Received,
        note: String::new(),
        record: StepRecord::Plain,
    })
}
