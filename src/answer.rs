//! Answering a return (issue 16): the customer edits the request the desk returned on the
//! journey's own request pages and sends it again (`POST /api/requests/{reference}/resubmit`).
//!
//! `/status` (the follow-up app) and the request pages (the journey app) are two apps, so
//! what the edit needs crosses a page load. It goes through `sessionStorage` (this tab only,
//! gone when the tab closes; never `localStorage`, never the URL):
//!
//! - [`ANSWER_KEY`] and [`ANSWER_DRAFT_KEY`]: the reference, the parts the desk named, its
//!   note, and the request as edited so far (no key). It replaces the new-request draft while
//!   answering, so a reload keeps what was typed and a draft of another request in
//!   `localStorage` is left alone.
//! - [`HANDOFF_KEY`]: the reference and the access key, written just before the page load and
//!   removed by the next app as it starts ([`take_handoff`]), which keeps the key in memory
//!   only, as `/status` does. After a reload the key is gone and the check page asks for it.

use fwportal_core::request::RequestDraft;
use serde::Deserialize;

/// The `sessionStorage` key of the request being answered.
pub const ANSWER_KEY: &str = "fwportal.answer";
/// The `sessionStorage` key of the request's draft as edited so far (the draft's own form).
pub const ANSWER_DRAFT_KEY: &str = "fwportal.answer.draft";
/// The `sessionStorage` key of the reference and key handed from one app to the next.
pub const HANDOFF_KEY: &str = "fwportal.handoff";

/// A part of the request the desk asked to change, with its name as the server wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PartName {
    pub part: String,
    pub label_ja: String,
    pub label_en: String,
}

/// The request being answered, as kept in this tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answering {
    pub reference: String,
    /// Empty: the desk named no part, the whole request is open to change.
    pub parts: Vec<PartName>,
    pub note: String,
    pub draft: RequestDraft,
}

impl Answering {
    // The reference, one line a part (`part`, tab, Japanese name, tab, English name), a blank
    // line, the note: none of the first holds a line break or a tab. Not JSON: the journey's
    // download has no room for one more serde shape (README, "Size and speed"); the draft is
    // kept in the draft's own JSON form beside it ([`ANSWER_DRAFT_KEY`]).
    fn to_text(&self) -> String {
        let mut text = self.reference.clone();
        for p in &self.parts {
            text.push_str(&format!("\n{}\t{}\t{}", p.part, p.label_ja, p.label_en));
        }
        text.push_str("\n\n");
        text.push_str(&self.note);
        text
    }

    fn from_text(text: &str, draft: RequestDraft) -> Option<Answering> {
        let (head, note) = text.split_once("\n\n")?;
        let mut lines = head.split('\n');
        let reference = lines.next().filter(|r| !r.is_empty())?.to_owned();
        let parts = lines
            .filter_map(|line| {
                let mut cells = line.split('\t');
                Some(PartName {
                    part: cells.next()?.to_owned(),
                    label_ja: cells.next()?.to_owned(),
                    label_en: cells.next()?.to_owned(),
                })
            })
            .collect();
        Some(Answering {
            reference,
            parts,
            note: note.to_owned(),
            draft,
        })
    }
}

/// The reference and access key crossing one page load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub reference: String,
    pub token: String,
    /// The answer was just accepted: `/status` says so.
    pub sent: bool,
}

impl Handoff {
    // Three lines rather than JSON: neither a reference nor a key holds a line break, and the
    // journey's download has no room for one more serde shape (README, "Size and speed").
    fn to_text(&self) -> String {
        format!(
            "{}\n{}\n{}",
            self.reference,
            self.token,
            u8::from(self.sent)
        )
    }

    fn from_text(text: &str) -> Option<Handoff> {
        let mut lines = text.split('\n');
        let (reference, token, sent) = (lines.next()?, lines.next()?, lines.next()?);
        Some(Handoff {
            reference: reference.to_owned(),
            token: token.to_owned(),
            sent: sent == "1",
        })
    }
}

thread_local! {
    /// The request being answered in this page, read once at start (the journey app).
    static ACTIVE: std::cell::RefCell<Option<Answering>> = const { std::cell::RefCell::new(None) };
}

/// Starts the page answering `answering` (or not, with `None`).
pub fn set_active(answering: Option<Answering>) {
    ACTIVE.with(|a| *a.borrow_mut() = answering);
}

/// Reads the request being answered in this page, if any.
pub fn with_active<T>(f: impl FnOnce(Option<&Answering>) -> T) -> T {
    ACTIVE.with(|a| f(a.borrow().as_ref()))
}

/// The reference of the request being answered in this page, if any.
pub fn active_reference() -> Option<String> {
    with_active(|a| a.map(|a| a.reference.clone()))
}

/// The request page of a part the desk named (`fwportal_core::lifecycle::parts::ReturnPart`).
pub fn page_of(part: &str) -> &'static str {
    match part {
        "servers" => "/request/servers",
        "version" => "/request/version",
        "responsibilities" => "/request/responsibilities",
        "schedule" => "/request/schedule",
        _ => "/request/contract",
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The request being answered in this tab, if any (its draft forgotten like the
/// new-request draft after [`crate::wizard::DRAFT_TTL`]).
pub fn resume() -> Option<Answering> {
    let storage = session()?;
    let text = storage.get_item(ANSWER_KEY).ok().flatten()?;
    let saved = crate::wizard::load_from(&storage, ANSWER_DRAFT_KEY)?;
    Answering::from_text(&text, saved.draft)
}

/// Keeps what was typed (a full or disabled storage only loses the keeping).
pub fn save_draft(draft: &RequestDraft) -> bool {
    session().is_some_and(|s| crate::wizard::save_in(&s, ANSWER_DRAFT_KEY, draft).is_some())
}

/// Stops answering: the edited copy is forgotten, here and in this tab's storage.
pub fn end() {
    set_active(None);
    if let Some(storage) = session() {
        let _ = storage.remove_item(ANSWER_KEY);
        let _ = storage.remove_item(ANSWER_DRAFT_KEY);
    }
}

/// Hands the reference and key to the app the next page load starts.
pub fn hand_over(handoff: &Handoff) -> bool {
    session().is_some_and(|s| s.set_item(HANDOFF_KEY, &handoff.to_text()).is_ok())
}

/// The reference and key the previous page handed over, removed from the storage at once.
pub fn take_handoff() -> Option<Handoff> {
    let storage = session()?;
    let text = storage.get_item(HANDOFF_KEY).ok().flatten();
    let _ = storage.remove_item(HANDOFF_KEY);
    Handoff::from_text(&text?)
}

/// Loads `path` as a page (another app's).
pub fn load_page(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// From `/status`: starts answering `answering` with `token` at the first page the desk named
/// (the contract page when it named none).
pub fn begin(answering: &Answering, token: &str) -> bool {
    let page = answering
        .parts
        .first()
        .map_or("/request/contract", |p| page_of(&p.part));
    let handed = session().is_some_and(|s| s.set_item(ANSWER_KEY, &answering.to_text()).is_ok())
        && save_draft(&answering.draft)
        && hand_over(&Handoff {
            reference: answering.reference.clone(),
            token: token.to_owned(),
            sent: false,
        });
    if handed {
        load_page(page);
    }
    handed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_reads_back_what_was_kept_notes_with_blank_lines_too() {
        let answering = Answering {
            reference: "FWU-2026-000123".into(),
            parts: vec![
                PartName {
                    part: "servers".into(),
                    label_ja: "対象サーバー".into(),
                    label_en: "servers".into(),
                },
                PartName {
                    part: "schedule".into(),
                    label_ja: "作業日と作業場所".into(),
                    label_en: "work date and site".into(),
                },
            ],
            note: "型番を確認してください。\n\n二段落目\tタブ".into(),
            draft: RequestDraft::default(),
        };
        let back = Answering::from_text(&answering.to_text(), RequestDraft::default());
        assert_eq!(back.as_ref(), Some(&answering));
        let none = Answering {
            parts: vec![],
            ..answering
        };
        assert_eq!(
            Answering::from_text(&none.to_text(), RequestDraft::default()).as_ref(),
            Some(&none)
        );
        assert_eq!(
            Answering::from_text("no blank line", RequestDraft::default()),
            None
        );
        assert_eq!(
            Answering::from_text("\n\nnote", RequestDraft::default()),
            None
        );
    }

    #[test]
    fn the_handoff_reads_back_and_refuses_a_broken_one() {
        let handoff = Handoff {
            reference: "FWU-2026-000123".into(),
            token: "abc_DEF-123".into(),
            sent: true,
        };
        assert_eq!(Handoff::from_text(&handoff.to_text()), Some(handoff));
        assert_eq!(Handoff::from_text("FWU-2026-000123"), None);
    }

    #[test]
    fn each_part_has_its_page_and_an_unknown_one_the_first() {
        for (part, page) in [
            ("contact", "/request/contract"),
            ("contract", "/request/contract"),
            ("servers", "/request/servers"),
            ("version", "/request/version"),
            ("responsibilities", "/request/responsibilities"),
            ("schedule", "/request/schedule"),
            ("later", "/request/contract"),
        ] {
            assert_eq!(page_of(part), page, "{part}");
        }
        // Every part the rules know has a page of its own here.
        for part in fwportal_core::lifecycle::parts::ALL_PARTS {
            assert!(page_of(part.as_str()).starts_with("/request/"));
        }
    }
}
