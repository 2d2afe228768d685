//! The request being filled in, shared by every page of the journey: one `RequestDraft` (the
//! API's own wire model), saved to `localStorage` as the customer goes and restored after a
//! reload; the problems shown; the idempotency key of the submission; the receipt of the last
//! submission (memory only: the access token is never stored).

use chrono::{DateTime, TimeDelta, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::problem::Problem;
use fwportal_core::request::{check, server_row_field, RequestDraft, RequestKind, RuleContext};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::answer::Answering;
use crate::api::{self, Accepted};

/// The one `localStorage` key of the draft.
pub const DRAFT_KEY: &str = "fwportal.draft";
/// A saved draft older than this is forgotten (personal data on a possibly shared PC).
pub const DRAFT_TTL: TimeDelta = TimeDelta::days(7);

/// The browser's clock as a UTC instant (chrono's own clock is not available in wasm32).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// What is kept in `localStorage`: the draft and when it was saved. Nothing else.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedDraft {
    // Written as chrono wrote it, so drafts saved by earlier versions still read; without
    // chrono's RFC 3339 parser in the download.
    #[serde(with = "fwportal_core::dates::wire::utc_datetime")]
    pub saved_at: DateTime<Utc>,
    pub draft: RequestDraft,
}

/// Whether something kept in `localStorage` at `saved_at` is still to be used: not older than
/// [`DRAFT_TTL`], and not from the future (a clock set back by more than an hour).
pub fn is_fresh(saved_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - saved_at <= DRAFT_TTL && saved_at <= now + TimeDelta::hours(1)
}

/// Reads a saved draft, forgetting it when it is unreadable or older than [`DRAFT_TTL`].
pub fn parse_saved(text: &str, now: DateTime<Utc>) -> Option<SavedDraft> {
    let saved: SavedDraft = serde_json::from_str(text).ok()?;
    is_fresh(saved.saved_at, now).then_some(saved)
}

/// The `localStorage` key of what the import read of the chosen servers (issue 17): the JSON of
/// a `fwportal_core::firmware::imported::ImportedInventory`, for an analysis against an
/// operator's catalogue chosen later. Never sent with the request; forgotten with the draft
/// (when it is forgotten, submitted or too old). Kept as text beside the draft rather than in
/// it: the page only writes it and sends it on, so the download carries no reader for it.
pub const INVENTORY_KEY: &str = "fwportal.inventory";

/// Keeps the imported inventory's JSON (an empty text forgets it).
pub fn keep_inventory(json: &str) {
    if let Some(storage) = storage() {
        let _ = if json.is_empty() {
            storage.remove_item(INVENTORY_KEY)
        } else {
            storage.set_item(INVENTORY_KEY, json)
        };
    }
}

/// The imported inventory's JSON, or an empty text.
pub fn kept_inventory() -> String {
    storage()
        .and_then(|s| s.get_item(INVENTORY_KEY).ok().flatten())
        .unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Option<SavedDraft> {
    let storage = storage()?;
    let saved = load_from(&storage, DRAFT_KEY);
    if saved.is_none() {
        // The imported inventory belongs to the draft: gone with it.
        let _ = storage.remove_item(INVENTORY_KEY);
    }
    saved
}

/// The draft saved under `key` of `storage`, forgotten there when unreadable or too old (also
/// the answer to a return's copy, [`crate::answer`]).
pub fn load_from(storage: &web_sys::Storage, key: &str) -> Option<SavedDraft> {
    let text = storage.get_item(key).ok().flatten()?;
    let saved = parse_saved(&text, now());
    if saved.is_none() {
        let _ = storage.remove_item(key);
    }
    saved
}

fn save(draft: &RequestDraft) -> Option<DateTime<Utc>> {
    save_in(&storage()?, DRAFT_KEY, draft)
}

/// Saves `draft` with the time under `key` of `storage` (also the answer to a return's copy,
/// [`crate::answer`]).
pub fn save_in(
    storage: &web_sys::Storage,
    key: &str,
    draft: &RequestDraft,
) -> Option<DateTime<Utc>> {
    let saved = SavedDraft {
        saved_at: now(),
        draft: draft.clone(),
    };
    let text = serde_json::to_string(&saved).ok()?;
    // A full or disabled storage only loses the saving, never the page.
    storage.set_item(key, &text).ok()?;
    Some(saved.saved_at)
}

fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(DRAFT_KEY);
        let _ = storage.remove_item(INVENTORY_KEY);
    }
}

/// Provides the server's calendar to this app's pages ([`ServerCalendar`]) in `calendar`:
/// the settings the server inlined into the page go into the texts at once (they state the
/// notice and desk hours the server decides with); the calendar itself (every law holiday of
/// every year) is computed from them in a task of its own while the app starts
/// ([`crate::startup::soon`]), else asked of `GET /api/config`; `failed` when that fails too.
fn provide_server_calendar(calendar: RwSignal<Option<BusinessCalendar>>, failed: RwSignal<bool>) {
    let i18n = crate::i18n::use_i18n();
    let inline = api::inline_calendar_config();
    if let Some(config) = &inline {
        i18n.set_settings(config.settings.clone());
    }
    crate::startup::soon(move || {
        if let Some(inlined) = inline.and_then(|c| BusinessCalendar::try_from(c).ok()) {
            let _ = calendar.try_set(Some(inlined));
            return;
        }
        leptos::task::spawn_local(async move {
            match api::config().await {
                Ok(value) => {
                    i18n.set_settings(value.settings().clone());
                    let _ = calendar.try_set(Some(value));
                }
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
        });
    });
    provide_context(ServerCalendar(calendar));
}

/// The server's calendar as every app provides it (the journey's and the follow-up's in their
/// [`Wizard`], the start app's in its [`StartState`]), for what needs only the calendar.
#[derive(Clone, Copy)]
pub struct ServerCalendar(pub RwSignal<Option<BusinessCalendar>>);

/// The server's calendar of this app; `None` until computed or fetched.
pub fn use_server_calendar() -> RwSignal<Option<BusinessCalendar>> {
    expect_context::<ServerCalendar>().0
}

/// What the start page needs of the request (issue 13): when a draft was last saved, read
/// without the draft itself, so the start app carries no reader of the whole request; and the
/// server's calendar ([`use_server_calendar`]).
#[derive(Clone, Copy)]
pub struct StartState {
    /// When the draft in `localStorage` was saved, when there is a fresh one.
    pub saved_at: RwSignal<Option<DateTime<Utc>>>,
}

impl StartState {
    /// Provides the state and the server's calendar to the start app's pages.
    pub fn provide() -> StartState {
        let state = StartState {
            saved_at: RwSignal::new(load_stamp()),
        };
        provide_server_calendar(RwSignal::new(None), RwSignal::new(false));
        provide_context(state);
        state
    }
}

/// The start app's state ([`StartState::provide`]).
pub fn use_start_state() -> StartState {
    expect_context::<StartState>()
}

/// When the saved draft was saved, read without reading the draft; a draft too old is
/// forgotten here as [`load`] forgets it (with the imported inventory that belongs to it).
fn load_stamp() -> Option<DateTime<Utc>> {
    #[derive(Deserialize)]
    struct Stamp {
        #[serde(with = "fwportal_core::dates::wire::utc_datetime")]
        saved_at: DateTime<Utc>,
    }
    let storage = storage()?;
    let fresh = storage
        .get_item(DRAFT_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<Stamp>(&text).ok())
        .map(|stamp| stamp.saved_at)
        .filter(|at| is_fresh(*at, now()));
    if fresh.is_none() {
        forget();
    }
    fresh
}

/// The pages of the request, in order. Each owns some fields of the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Contract,
    Servers,
    Version,
    Responsibilities,
    Schedule,
    Check,
}

impl Step {
    pub fn path(self) -> &'static str {
        match self {
            Step::Contract => "/request/contract",
            Step::Servers => "/request/servers",
            Step::Version => "/request/version",
            Step::Responsibilities => "/request/responsibilities",
            Step::Schedule => "/request/schedule",
            Step::Check => "/request/check",
        }
    }

    /// The page a field of the draft (as a problem names it) is filled in on.
    pub fn of_field(field: &str) -> Step {
        let head = field.split(['.', '[']).next().unwrap_or_default();
        match head {
            "contact" | "contract" => Step::Contract,
            "servers" => Step::Servers,
            "kind"
            | "update_method"
            | "target_version"
            | "consultation_topic"
            | "preferred_contact_time" => Step::Version,
            "acknowledgements" => Step::Responsibilities,
            "work_date"
            | "work_start_time"
            | "alternative_work_date"
            | "site_address"
            | "onsite_contact"
            | "notes" => Step::Schedule,
            _ => Step::Check,
        }
    }

    /// A version consultation has no on-site work: no checklist, no schedule.
    pub fn applies(self, draft: &RequestDraft) -> bool {
        !(is_consultation(draft) && matches!(self, Step::Responsibilities | Step::Schedule))
    }

    pub const ORDER: [Step; 6] = [
        Step::Contract,
        Step::Servers,
        Step::Version,
        Step::Responsibilities,
        Step::Schedule,
        Step::Check,
    ];

    pub fn next(self, draft: &RequestDraft) -> Step {
        let at = Self::ORDER.iter().position(|s| *s == self).unwrap_or(0);
        Self::ORDER[at + 1..]
            .iter()
            .copied()
            .find(|s| s.applies(draft))
            .unwrap_or(Step::Check)
    }

    /// The page before, or `None` for the first (its back link goes to the start page).
    pub fn previous(self, draft: &RequestDraft) -> Option<Step> {
        let at = Self::ORDER.iter().position(|s| *s == self).unwrap_or(0);
        Self::ORDER[..at]
            .iter()
            .rev()
            .copied()
            .find(|s| s.applies(draft))
    }
}

pub fn is_consultation(draft: &RequestDraft) -> bool {
    draft.kind == RequestKind::VersionConsultation.as_str()
}

/// A problem's message for the error summary: a server row's problem says which row
/// ("サーバー 3: シリアル番号を…"), as the summary lists them away from their fields.
pub fn summary_message(problem: &Problem, lang: fwportal_core::i18n::Lang) -> String {
    let row = server_row_field(&problem.field).and_then(|(index, _)| index.parse::<usize>().ok());
    match row {
        Some(index) => {
            let server =
                crate::i18n::use_i18n().text_in(lang, &crate::i18n::texts::servers::server);
            format!("{server} {}: {}", index + 1, problem.message(lang))
        }
        None => problem.message(lang).to_owned(),
    }
}

/// The id of the input that a problem's field path names: `contract.number` →
/// `contract-number`, `servers[0].model` → `servers-0-model`, `acknowledgements.R12` →
/// `acknowledgements-R12`. Firmware items point at their server's group.
pub fn field_id(field: &str) -> String {
    if let Some((index, tail)) = server_row_field(field) {
        if tail.starts_with(".firmware") {
            return format!("servers-{index}");
        }
    }
    let mut id = String::with_capacity(field.len());
    for c in field.chars() {
        match c {
            '.' | '[' | '_' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// The shared state of the journey, provided through context.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub draft: RwSignal<RequestDraft>,
    pub saved_at: RwSignal<Option<DateTime<Utc>>>,
    /// Problems shown on the pages (from the app's own check or the server's 422).
    pub problems: RwSignal<Vec<Problem>>,
    /// The server's calendar; `None` until `/api/config` answered.
    pub calendar: RwSignal<Option<BusinessCalendar>>,
    pub calendar_failed: RwSignal<bool>,
    /// The idempotency key and the exact body it was first used for.
    idempotency: StoredValue<Option<(String, String)>>,
    /// The last accepted submission, for the confirmation page; memory only.
    pub receipt: RwSignal<Option<Accepted>>,
    /// The access key of the returned request being answered in this tab, in memory only
    /// (issue 16; [`crate::answer`]: while answering, the draft is the request's copy).
    pub answer_key: RwSignal<String>,
}

impl Wizard {
    /// Creates the state, restores a saved draft, saves every change, loads the calendar.
    pub fn provide() -> Wizard {
        Self::provide_with(None)
    }

    /// [`Wizard::provide`], answering a return when `answering` is given (the journey app,
    /// [`crate::answer::resume`]): its request is the draft, kept in this tab only, and the
    /// new-request draft in `localStorage` is neither read nor written.
    pub fn provide_with(answering: Option<Answering>) -> Wizard {
        let saved = if answering.is_some() { None } else { load() };
        // The key `/status` handed over for this request; any other app leaves it for its own.
        let key = answering
            .as_ref()
            .and_then(|a| crate::answer::take_handoff().filter(|h| a.reference == h.reference))
            .map(|h| h.token)
            .unwrap_or_default();
        let first = answering
            .as_ref()
            .map(|a| a.draft.clone())
            .or(saved.as_ref().map(|s| s.draft.clone()));
        let wizard = Wizard {
            draft: RwSignal::new(first.unwrap_or_default()),
            saved_at: RwSignal::new(saved.map(|s| s.saved_at)),
            problems: RwSignal::new(Vec::new()),
            // Computed from the page's inlined configuration a task later, before the page's
            // parts are drawn (crate::startup); until then the law's calendar stands in.
            calendar: RwSignal::new(None),
            calendar_failed: RwSignal::new(false),
            idempotency: StoredValue::new(None),
            receipt: RwSignal::new(None),
            answer_key: RwSignal::new(key),
        };
        crate::answer::set_active(answering);
        let draft = wizard.draft;
        let saved_at = wizard.saved_at;
        Effect::new(move |first: Option<()>| {
            let current = draft.get();
            // The first run is the restored (or empty) draft itself: nothing new to save.
            if first.is_none() {
                return;
            }
            if crate::answer::active_reference().is_some() {
                crate::answer::save_draft(&current);
            } else if current != RequestDraft::default() {
                saved_at.set(save(&current));
            }
        });
        provide_server_calendar(wizard.calendar, wizard.calendar_failed);
        provide_context(wizard);
        wizard
    }

    /// Forgets every answer, here and in `localStorage`; while answering a return, only the
    /// edited copy (the request stays as the desk returned it).
    pub fn forget(&self) {
        if crate::answer::active_reference().is_some() {
            crate::answer::end();
            self.answer_key.set(String::new());
            self.draft.set(RequestDraft::default());
            self.problems.set(Vec::new());
            return;
        }
        forget();
        crate::preparation::forget_draft_ticks();
        self.draft.set(RequestDraft::default());
        self.saved_at.set(None);
        self.problems.set(Vec::new());
        self.idempotency.set_value(None);
    }

    /// Clears the answers after an accepted submission, keeping the receipt.
    pub fn submitted(&self, accepted: Accepted) {
        // The preparation list of the request is made from a trimmed copy (no token).
        self.draft
            .with_untracked(|d| crate::preparation::remember_submitted(&accepted.reference, d));
        self.forget();
        self.receipt.set(Some(accepted));
    }

    /// The calendar to compute with: the server's, or the law's until it has answered.
    pub fn calendar_now(&self) -> BusinessCalendar {
        self.calendar.get_untracked().unwrap_or_default()
    }

    /// Runs the same rules as the server on the draft, with the browser's clock.
    pub fn check_all(&self) -> Vec<Problem> {
        self.draft.with_untracked(|draft| self.check_draft(draft))
    }

    fn check_draft(&self, draft: &RequestDraft) -> Vec<Problem> {
        let calendar = self.calendar_now();
        let context = RuleContext {
            calendar: &calendar,
            submitted_at: now(),
            earlier_work_dates: &[],
        };
        check(draft, &context).err().unwrap_or_default()
    }

    /// Checks the draft and keeps (and returns) only the problems of `step`; the problems of
    /// other pages that are shown stay as they are.
    pub fn check_step(&self, step: Step) -> Vec<Problem> {
        let found: Vec<Problem> = self
            .check_all()
            .into_iter()
            .filter(|p| Step::of_field(&p.field) == step)
            .collect();
        self.problems.update(|shown| {
            shown.retain(|p| Step::of_field(&p.field) != step);
            shown.extend(found.iter().cloned());
        });
        found
    }

    /// The idempotency key for sending `draft` now: the same as last time if the draft has not
    /// changed since (a retry), a new one otherwise.
    pub fn idempotency_key(&self, draft: &RequestDraft) -> String {
        let (key, body) = key_for(self.idempotency.get_value(), draft);
        self.idempotency.set_value(Some((key.clone(), body)));
        key
    }
}

/// The idempotency key for `draft` given the last one and the body it was used for: the same
/// key while the body is unchanged (a retry), a new one (uuid v4) once the draft changed.
pub fn key_for(last: Option<(String, String)>, draft: &RequestDraft) -> (String, String) {
    let body = serde_json::to_string(draft).unwrap_or_default();
    match last {
        Some((key, previous)) if previous == body => (key, body),
        _ => (uuid::Uuid::new_v4().hyphenated().to_string(), body),
    }
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_become_input_ids() {
        assert_eq!(field_id("contract.number"), "contract-number");
        assert_eq!(field_id("servers[2].model"), "servers-2-model");
        assert_eq!(field_id("servers[0].firmware[1].version"), "servers-0");
        assert_eq!(field_id("acknowledgements.R12"), "acknowledgements-R12");
        assert_eq!(field_id("work_start_time"), "work-start-time");
    }

    #[test]
    fn every_field_belongs_to_a_page() {
        assert_eq!(Step::of_field("contact.email"), Step::Contract);
        assert_eq!(Step::of_field("servers"), Step::Servers);
        assert_eq!(Step::of_field("servers[3].serial_number"), Step::Servers);
        assert_eq!(Step::of_field("kind"), Step::Version);
        assert_eq!(
            Step::of_field("acknowledgements.C5"),
            Step::Responsibilities
        );
        assert_eq!(Step::of_field("alternative_work_date"), Step::Schedule);
    }

    #[test]
    fn a_consultation_skips_the_checklist_and_the_schedule() {
        let draft = RequestDraft {
            kind: "version_consultation".into(),
            ..RequestDraft::default()
        };
        assert_eq!(Step::Version.next(&draft), Step::Check);
        assert_eq!(Step::Check.previous(&draft), Some(Step::Version));
        let work = RequestDraft::default();
        assert_eq!(Step::Version.next(&work), Step::Responsibilities);
        assert_eq!(Step::Contract.previous(&work), None);
    }

    #[test]
    fn a_retry_reuses_the_key_and_a_changed_draft_gets_a_new_one() {
        let mut draft = RequestDraft::default();
        let first = key_for(None, &draft);
        assert!(uuid::Uuid::try_parse(&first.0).is_ok());
        let retry = key_for(Some(first.clone()), &draft);
        assert_eq!(retry.0, first.0);
        draft.notes = "changed".into();
        let changed = key_for(Some(retry), &draft);
        assert_ne!(changed.0, first.0);
    }

    #[test]
    fn old_or_broken_drafts_are_forgotten() {
        let now: DateTime<Utc> = "2026-11-25T00:00:00Z".parse().unwrap();
        let text = |at: &str| format!(r#"{{"saved_at":"{at}","draft":{{"notes":"x"}}}}"#);
        assert!(parse_saved(&text("2026-11-20T00:00:00Z"), now).is_some());
        assert!(parse_saved(&text("2026-11-17T23:59:00Z"), now).is_none());
        assert!(parse_saved("not json", now).is_none());
    }
}
