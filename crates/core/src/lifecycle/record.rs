//! What a step records and how a proposed step is decided.
//!
//! `agreed` records the preliminary agreement: method, target version, the servers in scope and
//! the confirmed work date and start time. The date is checked again against the contract
//! periods (R7) and must stay in the contract year the request holds (R4); R5's notice is not
//! applied again, since the desk itself agrees the date (R3: any day, any hour). `scheduled`
//! records the engineers' arrival, `completed` what was updated; `returned` and a cancellation
//! by the desk need a reason, which the customer reads, and `answered` the answer itself.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::parts::{parse_parts, ReturnPart};
use super::{allowed, Actor, Status};
use crate::eligibility::contract::{contract_year, Period};
use crate::i18n::Bilingual;
use crate::problem::{Problem, ProblemCode};
use crate::request::fields::{parse_date, parse_time, SerialNumber, Text};
use crate::request::labels::{problem_for, Input, Label};
use crate::request::{RequestKind, UpdateMethod};

/// The longest note (a reason, an answer) a step takes, in characters.
pub const MAX_NOTE: usize = 4000;
/// The longest report of what was updated, in characters.
pub const MAX_UPDATED: usize = 4000;

/// A proposed step as the desk (or the customer) sends it: every value a string, as typed.
/// Fields a step does not record are ignored.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepDraft {
    /// The status to move to (`in_review`, `agreed`…).
    pub to: String,
    /// The reason (`returned`, `cancelled`), the answer (`answered`), or a remark.
    pub note: String,
    /// `agreed`: `spp` or `firmware`.
    pub update_method: String,
    /// `agreed`: the version the servers are brought to.
    pub target_version: String,
    /// `agreed`: the serial numbers of the servers in scope, each one of the request's.
    pub servers: Vec<String>,
    /// `agreed`: the confirmed work date, `YYYY-MM-DD`.
    pub work_date: String,
    /// `agreed`: the confirmed start time, `HH:MM` Japan time.
    pub work_start_time: String,
    /// `scheduled`: the engineers' arrival date, `YYYY-MM-DD`.
    pub arrival_date: String,
    /// `scheduled`: the engineers' arrival time, `HH:MM` Japan time.
    pub arrival_time: String,
    /// `scheduled`: who comes (names or team), as the customer's reception needs them.
    pub engineers: String,
    /// `completed`: what was updated, one line a server or component.
    pub updated: String,
    /// `returned`: the parts of the request the customer is to change (`contact`, `contract`,
    /// `servers`, `version`, `responsibilities`, `schedule`); may be empty (issue 16).
    pub parts: Vec<String>,
}

/// What the decision needs to know about the request.
#[derive(Debug, Clone, Copy)]
pub struct StepFacts<'a> {
    pub kind: RequestKind,
    pub status: Status,
    /// R7: the Proactive Care period the contract states (or the desk corrected).
    pub proactive_care: Period,
    /// R7: the option's period; its start also counts the contract years (R4).
    pub option: Period,
    /// R4: the first day of the contract year the update work holds.
    pub contract_year_start: Option<NaiveDate>,
    /// The serial numbers of the request's servers (normalised, as stored).
    pub serial_numbers: &'a [String],
    /// The work date last agreed, if any: the engineers arrive for it.
    pub agreed_work_date: Option<NaiveDate>,
}

/// What a step records beside the new status.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum StepRecord {
    /// Nothing beyond the note.
    Plain,
    /// The preliminary agreement (事前確認で合意した内容).
    Agreement {
        update_method: UpdateMethod,
        target_version: String,
        servers: Vec<String>,
        #[serde(with = "crate::dates::wire::date")]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        work_date: NaiveDate,
        #[serde(with = "crate::dates::wire::time")]
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        work_start_time: NaiveTime,
    },
    /// The engineers' visit.
    Visit {
        #[serde(with = "crate::dates::wire::date")]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        arrival_date: NaiveDate,
        #[serde(with = "crate::dates::wire::time")]
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        arrival_time: NaiveTime,
        engineers: String,
    },
    /// What the engineers updated.
    Completion { updated: String },
    /// The desk returned the request: the parts the customer is to change, in page order
    /// (issue 16; a return stored before parts existed is `plain`).
    Return { parts: Vec<ReturnPart> },
    /// The customer withdrew the request (issue 16). `late`: after the R5 deadline of the
    /// work date, so the desk may already have planned people for it.
    CustomerCancellation { late: bool },
    /// The desk's answer to the customer's request for another work date (issue 16). An
    /// accepted date becomes the request's work date.
    DateChange {
        accepted: bool,
        #[serde(with = "crate::dates::wire::date")]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        work_date: NaiveDate,
        #[serde(with = "crate::dates::wire::time")]
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        work_start_time: NaiveTime,
    },
}

/// A step that passed: the new status, its note and what it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub from: Status,
    pub to: Status,
    pub note: String,
    pub record: StepRecord,
}

/// Why a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The table does not lead from the current status to the proposed one for this actor.
    #[error("a {kind} request cannot move from {from} to {to}")]
    NotAllowed {
        kind: &'static str,
        from: Status,
        to: Status,
    },
    /// The step's fields have problems (every one of them).
    #[error("the step has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
}

impl TransitionError {
    /// A code for machines.
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::NotAllowed { .. } => "transition_not_allowed",
            TransitionError::Invalid(_) => "invalid_step",
        }
    }

    /// The problems in the API's shape: field, code, rule and both messages.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            TransitionError::NotAllowed { from, to, .. } => vec![Problem::new(
                "to",
                ProblemCode::TransitionNotAllowed,
                Bilingual::new(
                    format!(
                        "「{}」から「{}」へは進められません。画面を更新して、現在の状態を確認してください。",
                        from.label(crate::i18n::Lang::Ja),
                        to.label(crate::i18n::Lang::Ja)
                    ),
                    format!(
                        "A request cannot move from “{}” to “{}”. Reload to see its current state.",
                        from.label(crate::i18n::Lang::En),
                        to.label(crate::i18n::Lang::En)
                    ),
                ),
            )],
            TransitionError::Invalid(problems) => problems.clone(),
        }
    }
}

const fn field(ja: &'static str, en: &'static str, max: usize, input: Input) -> Label {
    Label {
        ja,
        en,
        max,
        input,
        rule: None,
    }
}

const TO: Label = field("次の状態", "the next state", 0, Input::Choice);
const NOTE: Label = field("理由・回答", "the reason or answer", MAX_NOTE, Input::Text);
const METHOD: Label = field("アップデート方法", "the update method", 0, Input::Choice);
const TARGET: Label = field(
    "アップデート後のバージョン",
    "the target version",
    100,
    Input::Text,
);
const SERVERS: Label = field(
    "対象サーバー",
    "the servers in scope",
    crate::request::MAX_SERVERS,
    Input::List,
);
const WORK_DATE: Label = Label {
    rule: Some("R7"),
    ..field("確定した作業日", "the agreed work date", 10, Input::Text)
};
const START_TIME: Label = Label {
    rule: Some("R3"),
    ..field("作業開始時刻", "the start time", 5, Input::Text)
};
const ARRIVAL_DATE: Label = field("到着日", "the arrival date", 10, Input::Text);
const ARRIVAL_TIME: Label = field("到着時刻", "the arrival time", 5, Input::Text);
const ENGINEERS: Label = field("訪問する技術者", "the engineers", 200, Input::Text);
const UPDATED: Label = field(
    "アップデートした内容",
    "what was updated",
    MAX_UPDATED,
    Input::Text,
);

/// Decides a proposed step: the table first ([`allowed`]), then every field the step records.
///
/// A step that passes returns what to store; a refused one says why, with every problem of its
/// fields at once.
pub fn decide(
    facts: &StepFacts<'_>,
    actor: Actor,
    draft: &StepDraft,
) -> Result<Decision, TransitionError> {
    let Some(to) = Status::parse(draft.to.trim()) else {
        let code = if draft.to.trim().is_empty() {
            ProblemCode::Required
        } else {
            ProblemCode::InvalidChoice
        };
        return Err(TransitionError::Invalid(vec![problem_for("to", &TO, code)]));
    };
    if !allowed(facts.kind, facts.status, to, actor) {
        return Err(TransitionError::NotAllowed {
            kind: facts.kind.as_str(),
            from: facts.status,
            to,
        });
    }

    let mut problems = Vec::new();
    // The customer reads a return's reason and a desk's cancellation; an answer is the answer.
    let note_needed = matches!(
        (to, actor),
        (Status::Returned | Status::Answered, _) | (Status::Cancelled, Actor::Desk)
    );
    let note = if note_needed {
        required_multiline(&draft.note, MAX_NOTE)
    } else {
        Text::multiline(&draft.note, MAX_NOTE)
    };
    let note = note
        .map(|t| t.to_string())
        .map_err(|code| problems.push(problem_for("note", &NOTE, code)))
        .unwrap_or_default();

    let record = match to {
        Status::Agreed => agreement(facts, draft, &mut problems),
        Status::Scheduled => visit(facts, draft, &mut problems),
        Status::Completed => match required_multiline(&draft.updated, MAX_UPDATED) {
            Ok(updated) => Some(StepRecord::Completion {
                updated: updated.to_string(),
            }),
            Err(code) => {
                problems.push(problem_for("updated", &UPDATED, code));
                None
            }
        },
        Status::Returned => parse_parts(&draft.parts)
            .map(|parts| StepRecord::Return { parts })
            .map_err(|found| problems.extend(found))
            .ok(),
        _ => Some(StepRecord::Plain),
    };
    match record {
        Some(record) if problems.is_empty() => Ok(Decision {
            from: facts.status,
            to,
            note,
            record,
        }),
        _ => Err(TransitionError::Invalid(problems)),
    }
}

/// A reason, an answer or a report: line breaks welcome, but not empty.
fn required_multiline(input: &str, max: usize) -> Result<Text, ProblemCode> {
    let text = Text::multiline(input, max)?;
    if text.is_empty() {
        Err(ProblemCode::Required)
    } else {
        Ok(text)
    }
}

fn agreement(
    facts: &StepFacts<'_>,
    draft: &StepDraft,
    problems: &mut Vec<Problem>,
) -> Option<StepRecord> {
    let method = match draft.update_method.trim() {
        "spp" => Some(UpdateMethod::Spp),
        "firmware" => Some(UpdateMethod::Firmware),
        other => {
            let code = if other.is_empty() {
                ProblemCode::Required
            } else {
                ProblemCode::InvalidChoice
            };
            problems.push(problem_for("update_method", &METHOD, code));
            None
        }
    };
    let target = Text::required(&draft.target_version, TARGET.max)
        .map_err(|code| problems.push(problem_for("target_version", &TARGET, code)))
        .ok();
    let servers = agreed_servers(facts, &draft.servers, problems);
    let work_date = parse_date(&draft.work_date)
        .map_err(|code| problems.push(problem_for("work_date", &WORK_DATE, code)))
        .ok();
    let start = parse_time(&draft.work_start_time)
        .map_err(|code| problems.push(problem_for("work_start_time", &START_TIME, code)))
        .ok();
    if let Some(date) = work_date {
        check_agreed_date(
            facts.proactive_care,
            facts.option,
            facts.contract_year_start,
            date,
            problems,
        );
    }
    Some(StepRecord::Agreement {
        update_method: method?,
        target_version: target?.to_string(),
        servers: servers?,
        work_date: work_date?,
        work_start_time: start?,
    })
}

/// Every agreed server must be one of the request's, each once; at least one.
fn agreed_servers(
    facts: &StepFacts<'_>,
    typed: &[String],
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    if typed.is_empty() {
        problems.push(problem_for("servers", &SERVERS, ProblemCode::Required));
        return None;
    }
    if typed.len() > SERVERS.max {
        problems.push(problem_for("servers", &SERVERS, ProblemCode::TooMany));
        return None;
    }
    let mut agreed: Vec<String> = Vec::with_capacity(typed.len());
    let before = problems.len();
    for (index, text) in typed.iter().enumerate() {
        let path = format!("servers[{index}]");
        match SerialNumber::parse(text) {
            Ok(serial) if !facts.serial_numbers.iter().any(|s| s == serial.as_str()) => {
                problems.push(Problem::new(
                    path,
                    ProblemCode::NotInRequest,
                    Bilingual::new(
                        format!(
                            "シリアル番号 {} のサーバーはこのお申込みにありません。お申込みのサーバーから選んでください。",
                            serial.as_str()
                        ),
                        format!(
                            "The server with serial number {} is not in this request. Choose from the request's servers.",
                            serial.as_str()
                        ),
                    ),
                ));
            }
            Ok(serial) => {
                if !agreed.iter().any(|s| s == serial.as_str()) {
                    agreed.push(serial.as_str().to_owned());
                }
            }
            Err(code) => problems.push(problem_for(
                &path,
                &field("シリアル番号", "the serial number", 32, Input::Code),
                code,
            )),
        }
    }
    (problems.len() == before).then_some(agreed)
}

/// R7 again for the agreed date, and R4: it must stay in the contract year the request holds.
pub(crate) fn check_agreed_date(
    proactive_care: Period,
    option: Period,
    contract_year_start: Option<NaiveDate>,
    date: NaiveDate,
    problems: &mut Vec<Problem>,
) {
    let day = crate::i18n::format_date_both(date);
    if !proactive_care.contains(date) {
        problems.push(
            Problem::new(
                "work_date",
                ProblemCode::OutsideProactiveCarePeriod,
                Bilingual::new(
                    format!(
                        "{}はプロアクティブケアの契約期間外です。期間内の日付を選んでください。",
                        day.ja
                    ),
                    format!(
                        "{} is outside the Proactive Care period. Choose a date inside it.",
                        day.en
                    ),
                ),
            )
            .with_rule("R7"),
        );
    }
    if !option.contains(date) {
        problems.push(
            Problem::new(
                "work_date",
                ProblemCode::OutsideOptionPeriod,
                Bilingual::new(
                    format!("{}はファームウェアアップデートオプションの期間外です。期間内の日付を選んでください。", day.ja),
                    format!("{} is outside the Firmware Update Option's period. Choose a date inside it.", day.en),
                ),
            )
            .with_rule("R7"),
        );
    }
    // Outside the option there is no contract year to speak of: R7 above says enough.
    let held = contract_year_start;
    let year = contract_year(option.start, date).map(|y| y.first_day);
    if option.contains(date) && held.is_some() && year != held {
        problems.push(
            Problem::new(
                "work_date",
                ProblemCode::OtherContractYear,
                Bilingual::new(
                    format!("{}は、このお申込みとは別の契約年度です。その年度の作業は新しいお申込みで承ります。", day.ja),
                    format!("{} falls in another contract year than this request's. Work in that year needs a new request.", day.en),
                ),
            )
            .with_rule("R4"),
        );
    }
}

fn visit(
    facts: &StepFacts<'_>,
    draft: &StepDraft,
    problems: &mut Vec<Problem>,
) -> Option<StepRecord> {
    let date = parse_date(&draft.arrival_date)
        .map_err(|code| problems.push(problem_for("arrival_date", &ARRIVAL_DATE, code)))
        .ok();
    let time = parse_time(&draft.arrival_time)
        .map_err(|code| problems.push(problem_for("arrival_time", &ARRIVAL_TIME, code)))
        .ok();
    let engineers = Text::optional(&draft.engineers, ENGINEERS.max)
        .map_err(|code| problems.push(problem_for("engineers", &ENGINEERS, code)))
        .ok();
    // The engineers come for the agreed work; a different day is agreed first (agreed again).
    if let (Some(date), Some(agreed)) = (date, facts.agreed_work_date) {
        if date != agreed {
            let agreed = crate::i18n::format_date_both(agreed);
            problems.push(Problem::new(
                "arrival_date",
                ProblemCode::NotOnAgreedDate,
                Bilingual::new(
                    format!("到着日は合意した作業日（{}）にしてください。別の日にする場合は、先に作業日を合意し直してください。", agreed.ja),
                    format!("The arrival must be on the agreed work date ({}). To change the day, agree the new date first.", agreed.en),
                ),
            ));
        }
    }
    Some(StepRecord::Visit {
        arrival_date: date?,
        arrival_time: time?,
        engineers: engineers?.to_string(),
    })
}
