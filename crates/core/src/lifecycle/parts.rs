//! What a return asks the customer to change (issue 16): the desk names one or more parts of
//! the request, each one page of the customer's request journey, beside its note.
//!
//! The parts are the request model's sections as the customer fills them in: the contact
//! details and the contract (both on the first page, named apart since the contract number
//! cannot change on an answer), the servers, the update method and target version, the
//! customer's confirmations (R9, R12–R16, C3–C5) and the schedule (work date, start time,
//! site). Only update work can be returned (the lifecycle table), so a consultation's topic is
//! not a part.
//!
//! **Portal decision:** a return always carries its note (the customer reads why); the parts
//! are optional. None named leaves the whole request open to change with nothing marked, as a
//! return stored before parts existed reads.

use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};
use crate::problem::{Problem, ProblemCode};

/// A part of the request the desk asks the customer to change. The serialised form
/// (`snake_case`) is stored in the return's event and is part of the API.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnPart {
    /// The contact details (`contact.*`).
    Contact,
    /// The contract's support level and periods (`contract.*`; R6, R7). Its number cannot
    /// change on an answer.
    Contract,
    /// The servers, their models, serial numbers and current firmware (`servers`; R8–R11, C1).
    Servers,
    /// The update method and the target version (`update_method`, `target_version`; R9).
    Version,
    /// The customer's confirmations (`acknowledgements`; R9, R12–R16, C3–C5).
    Responsibilities,
    /// The work date and start time, the alternative date, the site and its contact
    /// (R3, R5, R7).
    Schedule,
}

/// Every part, in the order the request's pages ask for them.
pub const ALL_PARTS: [ReturnPart; 6] = [
    ReturnPart::Contact,
    ReturnPart::Contract,
    ReturnPart::Servers,
    ReturnPart::Version,
    ReturnPart::Responsibilities,
    ReturnPart::Schedule,
];

impl ReturnPart {
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnPart::Contact => "contact",
            ReturnPart::Contract => "contract",
            ReturnPart::Servers => "servers",
            ReturnPart::Version => "version",
            ReturnPart::Responsibilities => "responsibilities",
            ReturnPart::Schedule => "schedule",
        }
    }

    /// Reads the stored form exactly; `None` for anything else.
    ///
    /// ```
    /// use fwportal_core::lifecycle::parts::ReturnPart;
    /// assert_eq!(ReturnPart::parse("servers"), Some(ReturnPart::Servers));
    /// assert_eq!(ReturnPart::parse("Servers"), None);
    /// ```
    pub fn parse(text: &str) -> Option<ReturnPart> {
        ALL_PARTS.into_iter().find(|p| p.as_str() == text)
    }

    /// The part's name for people, as the request's pages call it.
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            ReturnPart::Contact => ("ご連絡先", "contact details"),
            ReturnPart::Contract => ("ご契約", "contract"),
            ReturnPart::Servers => ("対象サーバー", "servers"),
            ReturnPart::Version => ("アップデート方法とバージョン", "update method and version"),
            ReturnPart::Responsibilities => ("お客様にお願いすること", "your responsibilities"),
            ReturnPart::Schedule => ("作業日と作業場所", "work date and site"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    pub fn labels(self) -> Bilingual {
        Bilingual::new(self.label(Lang::Ja), self.label(Lang::En))
    }
}

/// The parts as the desk sent them: each must be one of [`ALL_PARTS`] (else `invalid_choice`
/// at `parts[i]`, every one reported); a part named twice counts once. Returned in page order.
///
/// ```
/// use fwportal_core::lifecycle::parts::{parse_parts, ReturnPart};
/// let parts = parse_parts(&["schedule".into(), " servers ".into(), "servers".into()]).unwrap();
/// assert_eq!(parts, vec![ReturnPart::Servers, ReturnPart::Schedule]);
/// assert_eq!(parse_parts(&["price".into()]).unwrap_err()[0].field, "parts[0]");
/// ```
pub fn parse_parts(typed: &[String]) -> Result<Vec<ReturnPart>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut parts = Vec::with_capacity(typed.len());
    for (index, text) in typed.iter().enumerate() {
        match ReturnPart::parse(text.trim()) {
            Some(part) => {
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
            None => problems.push(Problem::new(
                format!("parts[{index}]"),
                ProblemCode::InvalidChoice,
                Bilingual::new(
                    format!(
                        "修正をお願いする箇所は次から選んでください：{}",
                        names(&ALL_PARTS, Lang::Ja)
                    ),
                    format!(
                        "Choose the parts to change from: {}",
                        names(&ALL_PARTS, Lang::En)
                    ),
                ),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    parts.sort();
    Ok(parts)
}

/// The parts' names joined for a sentence (`、` in Japanese, `, ` in English).
pub fn names(parts: &[ReturnPart], lang: Lang) -> String {
    let separator = match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    };
    parts
        .iter()
        .map(|p| p.label(lang))
        .collect::<Vec<_>>()
        .join(separator)
}

/// What the customer reads of a return: the parts to change, then the desk's note.
///
/// ```
/// use fwportal_core::lifecycle::parts::{return_text, ReturnPart};
/// let text = return_text(&[ReturnPart::Servers, ReturnPart::Schedule], "型番をご確認ください");
/// assert_eq!(text.en, "Please change: servers, work date and site — 型番をご確認ください");
/// assert_eq!(text.ja, "修正をお願いする箇所：対象サーバー、作業日と作業場所／型番をご確認ください");
/// assert_eq!(return_text(&[], "note").ja, "note");
/// ```
pub fn return_text(parts: &[ReturnPart], note: &str) -> Bilingual {
    if parts.is_empty() {
        return Bilingual::new(note, note);
    }
    let joined = |lang: Lang, lead: &str, between: &str| {
        let mut text = format!("{lead}{}", names(parts, lang));
        if !note.is_empty() {
            text.push_str(between);
            text.push_str(note);
        }
        text
    };
    Bilingual::new(
        joined(Lang::Ja, "修正をお願いする箇所：", "／"),
        joined(Lang::En, "Please change: ", " — "),
    )
}
