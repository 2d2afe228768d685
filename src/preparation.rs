//! The pre-visit preparation list (issue 7) from the customer's answers: the wizard draft while
//! the request is being filled in, or a small copy of the submitted answers kept after
//! submission (the wizard forgets its draft then). The copy holds only what the list prints
//! (the company, the requester's name, the on-site contact, servers, dates and site; no
//! e-mail, telephone, contract or access token) and expires like the draft.

use chrono::{DateTime, FixedOffset, Utc};
use fwportal_core::preparation::{PreparationInput, PreparedServer, UpdateMethod};
use fwportal_core::request::fields::{parse_date, parse_time, SerialNumber};
use fwportal_core::request::RequestDraft;
use serde::{Deserialize, Serialize};

use crate::wizard::{is_consultation, is_fresh, now, Step};

/// The `localStorage` key of the submitted answers the list is made from.
pub const SUBMITTED_KEY: &str = "fwportal.submitted";

/// What is kept after a submission: the reference and the answers the list prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedAnswers {
    // Written as chrono wrote it, so drafts saved by earlier versions still read; without
    // chrono's RFC 3339 parser in the download.
    #[serde(with = "fwportal_core::dates::wire::utc_datetime")]
    pub saved_at: DateTime<Utc>,
    pub reference: String,
    pub draft: RequestDraft,
}

/// The draft without what the list does not print (contact details, contract, notes).
pub fn trimmed(draft: &RequestDraft) -> RequestDraft {
    let mut kept = RequestDraft {
        kind: draft.kind.clone(),
        servers: draft.servers.clone(),
        update_method: draft.update_method.clone(),
        target_version: draft.target_version.clone(),
        work_date: draft.work_date.clone(),
        work_start_time: draft.work_start_time.clone(),
        site_address: draft.site_address.clone(),
        // The C5 witness item names the on-site contact (issue 14).
        onsite_contact: draft.onsite_contact.clone(),
        ..RequestDraft::default()
    };
    kept.contact.company = draft.contact.company.clone();
    kept.contact.name = draft.contact.name.clone();
    kept
}

/// Reads the kept answers of `reference`, if they are there and not older than the draft's
/// time to live.
pub fn parse_submitted(
    text: &str,
    reference: &str,
    now: DateTime<Utc>,
) -> Option<SubmittedAnswers> {
    let saved: SubmittedAnswers = serde_json::from_str(text).ok()?;
    (saved.reference == reference.trim() && is_fresh(saved.saved_at, now)).then_some(saved)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps the answers of a just-submitted work request for its preparation list.
pub fn remember_submitted(reference: &str, draft: &RequestDraft) {
    let Some(storage) = storage() else { return };
    if is_consultation(draft) {
        let _ = storage.remove_item(SUBMITTED_KEY);
        return;
    }
    let saved = SubmittedAnswers {
        saved_at: now(),
        reference: reference.to_owned(),
        draft: trimmed(draft),
    };
    if let Ok(text) = serde_json::to_string(&saved) {
        // A full or disabled storage only loses the list, never the submission.
        let _ = storage.set_item(SUBMITTED_KEY, &text);
    }
    // What was ticked on the draft's list stays ticked on the submitted request's list.
    let ticked = load_ticks(DRAFT_LIST);
    if !ticked.is_empty() {
        save_ticks(reference, &ticked);
    }
}

/// The kept answers of `reference`; expired or unreadable ones are removed.
pub fn load_submitted(reference: &str) -> Option<SubmittedAnswers> {
    let storage = storage()?;
    let text = storage.get_item(SUBMITTED_KEY).ok().flatten()?;
    let saved = parse_submitted(&text, reference, now());
    if saved.is_none() && serde_json::from_str::<SubmittedAnswers>(&text).is_err() {
        let _ = storage.remove_item(SUBMITTED_KEY);
    }
    saved
}

pub fn forget_submitted() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(SUBMITTED_KEY);
        let _ = storage.remove_item(TICKS_KEY);
    }
}

/// The `localStorage` key of the ticks on the checklist.
pub const TICKS_KEY: &str = "fwportal.preparation.ticks";

/// The list name of the request being filled in (a submitted one is named by its reference).
pub const DRAFT_LIST: &str = "draft";

/// The items ticked on one checklist are kept, so that the customer can work through it over
/// the days before the visit: only the latest list's, for as long as the draft. Kept as three
/// lines, the list's name (the reference, or [`DRAFT_LIST`]), when they were saved, and the
/// ticked item ids separated by spaces: plain text, because a serde type would add its code to
/// the download for no gain.
fn ticks_text(list: &str, saved_at: DateTime<Utc>, ticked: &[String]) -> String {
    format!(
        "{list}\n{}\n{}",
        fwportal_core::dates::rfc3339(&saved_at.fixed_offset()),
        ticked.join(" ")
    )
}

/// The ticked items of `list`: none when the kept ticks are another list's, expired or
/// unreadable.
pub fn parse_ticks(text: &str, list: &str, now: DateTime<Utc>) -> Vec<String> {
    let mut lines = text.split('\n');
    let (Some(kept_list), Some(saved_at), Some(ids)) = (lines.next(), lines.next(), lines.next())
    else {
        return Vec::new();
    };
    let Ok(saved_at) = fwportal_core::dates::parse_rfc3339(saved_at) else {
        return Vec::new();
    };
    if kept_list != list || !is_fresh(saved_at.to_utc(), now) {
        return Vec::new();
    }
    ids.split(' ')
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn load_ticks(list: &str) -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(TICKS_KEY).ok().flatten())
        .map(|text| parse_ticks(&text, list, now()))
        .unwrap_or_default()
}

/// Forgets the ticks of the draft's list ("start again"); a submitted list's are kept.
pub fn forget_draft_ticks() {
    let Some(storage) = storage() else { return };
    let kept = storage.get_item(TICKS_KEY).ok().flatten();
    if kept.is_some_and(|text| text.split('\n').next() == Some(DRAFT_LIST)) {
        let _ = storage.remove_item(TICKS_KEY);
    }
}

pub fn save_ticks(list: &str, ticked: &[String]) {
    if let Some(storage) = storage() {
        // A full or disabled storage keeps the ticks on the page only.
        let _ = storage.set_item(TICKS_KEY, &ticks_text(list, now(), ticked));
    }
}

/// Why no list can be made from the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// A version consultation has no on-site work, hence nothing to prepare for.
    Consultation,
    /// The work date or the start time is missing or unreadable: every due date needs them.
    NeedsSchedule,
}

/// An answer the list is better with, and the page where it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    Company,
    Contact,
    Site,
    Servers,
    Method,
    Target,
}

impl Gap {
    pub fn step(self) -> Step {
        match self {
            Gap::Company | Gap::Contact => Step::Contract,
            Gap::Site => Step::Schedule,
            Gap::Servers => Step::Servers,
            Gap::Method | Gap::Target => Step::Version,
        }
    }
}

fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The answers the list would print as "not entered yet".
pub fn gaps(draft: &RequestDraft) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if filled(&draft.contact.company).is_none() {
        gaps.push(Gap::Company);
    }
    if filled(&draft.contact.name).is_none() {
        gaps.push(Gap::Contact);
    }
    if filled(&draft.site_address).is_none() {
        gaps.push(Gap::Site);
    }
    if !draft.servers.iter().any(|s| filled(&s.model).is_some()) {
        gaps.push(Gap::Servers);
    }
    if method(draft).is_none() {
        gaps.push(Gap::Method);
    }
    if filled(&draft.target_version).is_none() {
        gaps.push(Gap::Target);
    }
    gaps
}

fn method(draft: &RequestDraft) -> Option<UpdateMethod> {
    match draft.update_method.trim() {
        "spp" => Some(UpdateMethod::Spp),
        "firmware" => Some(UpdateMethod::Firmware),
        _ => None,
    }
}

/// The current firmware of a server as one text: the version when one item was gathered,
/// `name version` pairs when several were.
fn current_version(server: &fwportal_core::request::ServerDraft) -> Option<String> {
    let items: Vec<_> = server
        .firmware
        .iter()
        .filter(|f| !f.version.trim().is_empty())
        .collect();
    match items.as_slice() {
        [] => None,
        [one] => Some(one.version.trim().to_owned()),
        many => Some(
            many.iter()
                .map(|f| {
                    format!("{} {}", f.name.trim(), f.version.trim())
                        .trim()
                        .to_owned()
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

/// The input of the list from the answers as typed.
pub fn input_from_draft(
    draft: &RequestDraft,
    reference: Option<&str>,
    generated_at: DateTime<FixedOffset>,
) -> Result<PreparationInput, Blocked> {
    if is_consultation(draft) {
        return Err(Blocked::Consultation);
    }
    let work_date = parse_date(&draft.work_date).map_err(|_| Blocked::NeedsSchedule)?;
    let work_start_time = parse_time(&draft.work_start_time).map_err(|_| Blocked::NeedsSchedule)?;
    Ok(PreparationInput {
        reference: reference.and_then(filled),
        company: draft.contact.company.trim().to_owned(),
        site_address: draft.site_address.trim().to_owned(),
        contact_name: draft.contact.name.trim().to_owned(),
        onsite_contact: filled(&draft.onsite_contact),
        servers: draft
            .servers
            .iter()
            .filter(|s| filled(&s.model).is_some() || filled(&s.serial_number).is_some())
            .map(|s| PreparedServer {
                model: s.model.trim().to_owned(),
                // As stored (upper case, half-width), not as typed (issue 14).
                serial_number: SerialNumber::parse(&s.serial_number)
                    .map(|n| n.as_str().to_owned())
                    .unwrap_or_else(|_| s.serial_number.trim().to_owned()),
                current_version: current_version(s),
                target_version: None,
            })
            .collect(),
        method: method(draft),
        target_version: filled(&draft.target_version),
        work_date,
        work_start_time,
        generated_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use fwportal_core::request::{FirmwareDraft, ServerDraft};

    fn jst() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap()
    }

    fn draft() -> RequestDraft {
        let mut draft = RequestDraft {
            work_date: "2027-03-01".into(),
            work_start_time: "22:00".into(),
            update_method: "firmware".into(),
            target_version: " 2.72 ".into(),
            servers: vec![
                ServerDraft {
                    model: "ProLiant DL380 Gen10".into(),
                    serial_number: "SGH123ABCD".into(),
                    firmware: vec![
                        FirmwareDraft {
                            name: "System ROM".into(),
                            version: "U30 v2.40".into(),
                        },
                        FirmwareDraft {
                            name: "iLO 5".into(),
                            version: "2.72".into(),
                        },
                    ],
                },
                ServerDraft::default(),
            ],
            ..RequestDraft::default()
        };
        draft.contact.email = "it@example.jp".into();
        draft.contract.number = "PC-1".into();
        draft
    }

    #[test]
    fn the_input_takes_the_answers_as_typed() {
        let input = input_from_draft(&draft(), Some("FWU-2027-000001"), jst()).unwrap();
        assert_eq!(input.reference.as_deref(), Some("FWU-2027-000001"));
        assert_eq!(input.work_date.to_string(), "2027-03-01");
        assert_eq!(input.work_start_time.to_string(), "22:00:00");
        assert_eq!(input.method, Some(UpdateMethod::Firmware));
        assert_eq!(input.target_version.as_deref(), Some("2.72"));
        // The empty second row is not a server.
        assert_eq!(input.servers.len(), 1);
        assert_eq!(
            input.servers[0].current_version.as_deref(),
            Some("System ROM U30 v2.40, iLO 5 2.72")
        );
    }

    /// Issue 14: the serial as stored, and the on-site contact for the witness item.
    #[test]
    fn the_input_shows_the_serial_as_stored_and_the_onsite_contact() {
        let mut typed = draft();
        typed.servers[0].serial_number = " ｓｇｈ１２３ａｂｃｄ ".into();
        typed.onsite_contact = "設備課 佐藤".into();
        let input = input_from_draft(&typed, None, jst()).unwrap();
        assert_eq!(input.servers[0].serial_number, "SGH123ABCD");
        assert_eq!(input.onsite_contact.as_deref(), Some("設備課 佐藤"));
        assert_eq!(trimmed(&typed).onsite_contact, "設備課 佐藤");
    }

    #[test]
    fn no_list_without_a_work_date_and_time_or_for_a_consultation() {
        let mut missing = draft();
        missing.work_start_time.clear();
        assert_eq!(
            input_from_draft(&missing, None, jst()),
            Err(Blocked::NeedsSchedule)
        );
        missing.work_start_time = "22:00".into();
        missing.work_date = "2027-02-30".into();
        assert_eq!(
            input_from_draft(&missing, None, jst()),
            Err(Blocked::NeedsSchedule)
        );
        let consult = RequestDraft {
            kind: "version_consultation".into(),
            ..draft()
        };
        assert_eq!(
            input_from_draft(&consult, None, jst()),
            Err(Blocked::Consultation)
        );
    }

    #[test]
    fn gaps_name_the_page_to_fill_them_on() {
        let gaps = gaps(&draft());
        assert_eq!(gaps, vec![Gap::Company, Gap::Contact, Gap::Site]);
        assert_eq!(Gap::Site.step(), Step::Schedule);
        assert_eq!(super::gaps(&RequestDraft::default()).len(), 6);
    }

    #[test]
    fn the_kept_copy_holds_no_contact_details_and_expires() {
        let kept = trimmed(&draft());
        assert!(kept.contact.email.is_empty());
        assert!(kept.contract.number.is_empty());
        assert_eq!(kept.servers.len(), 2);
        let now: DateTime<Utc> = "2027-01-08T00:00:00Z".parse().unwrap();
        let text = serde_json::to_string(&SubmittedAnswers {
            saved_at: now,
            reference: "FWU-2027-000001".into(),
            draft: kept,
        })
        .unwrap();
        assert!(parse_submitted(&text, "FWU-2027-000001", now).is_some());
        assert!(parse_submitted(&text, "FWU-2027-000002", now).is_none());
        assert!(parse_submitted(&text, "FWU-2027-000001", now + TimeDelta::days(8)).is_none());
    }

    #[test]
    fn ticks_belong_to_one_list_and_expire_with_it() {
        let now: DateTime<Utc> = "2027-01-08T00:00:00Z".parse().unwrap();
        let ticked = ["backup".to_owned(), "site-access".to_owned()];
        let text = ticks_text("FWU-2027-000001", now, &ticked);
        assert_eq!(
            parse_ticks(&text, "FWU-2027-000001", now),
            ["backup", "site-access"]
        );
        assert!(parse_ticks(&text, DRAFT_LIST, now).is_empty());
        assert!(parse_ticks(&text, "FWU-2027-000001", now + TimeDelta::days(8)).is_empty());
        assert!(parse_ticks(&text, "FWU-2027-000001", now - TimeDelta::days(1)).is_empty());
        assert!(parse_ticks("not json", DRAFT_LIST, now).is_empty());
    }
}
