//! The pre-visit preparation list (issue 7): what the customer does before the engineers come,
//! with concrete dates for *their* request, rendered as a printable page, Markdown, CSV and an
//! iCalendar file.
//!
//! One [`PreparationList`] is the single source of truth: the web app renders it as HTML with
//! checkboxes (it serialises with serde) and [`to_markdown`], [`to_csv`] and [`to_ics`] render
//! files from the same value. The list holds every text in both languages, so switching the
//! page's language needs no recomputation; the renderers take the [`Lang`] to print in.
//!
//! # Due dates
//!
//! All dates come from the work date `W` and the [`BusinessCalendar`]; with the default
//! settings (15 business days' notice) they are:
//!
//! | item | rules | due |
//! | --- | --- | --- |
//! | request reaches the desk, information gathered | R5, C1 | the notice deadline `calendar.deadline(W)` |
//! | version decided, dependencies checked, SPP validated | C2, R10, R9 | [`VERSION_DECISION_BUSINESS_DAYS`] (10) business days before `W` |
//! | on-site arrangements | C5 | [`SITE_ARRANGEMENTS_BUSINESS_DAYS`] (5) business days before `W` |
//! | full backup | C3 | the calendar day before `W` (whatever day it is: backups are the customer's own work) |
//! | stop services and systems, the update work | C4, R12 | `W` at the start time |
//! | restart services, check applications | C4, R13 | `W` |
//!
//! The 10 and 5 business days are portal decisions (the contract gives no dates for them): 10
//! leaves the TAM a week after the notice to advise and the customer a fortnight to update
//! software outside the service; 5 fits the usual lead time of a building's entry procedure.
//! No item is ever due before the notice deadline, so an operator who shortens the notice
//! period (`notice-days 5`) does not get items due before the request is even required.
//!
//! ```
//! use chrono::{DateTime, NaiveDate, NaiveTime};
//! use fwportal_core::calendar::BusinessCalendar;
//! use fwportal_core::i18n::Lang;
//! use fwportal_core::preparation::*;
//!
//! let input = PreparationInput {
//!     reference: Some("FWU-2027-000123".into()),
//!     company: "株式会社サンプル".into(),
//!     site_address: "東京都江東区1-2-3".into(),
//!     contact_name: "山田太郎".into(),
//!     onsite_contact: None,
//!     servers: vec![PreparedServer {
//!         model: "ProLiant DL360 Gen10".into(),
//!         serial_number: "JPN1234567".into(),
//!         current_version: Some("2.40".into()),
//!         target_version: Some("2.72".into()),
//!     }],
//!     method: Some(UpdateMethod::Spp),
//!     target_version: Some("SPP 2024.09.0".into()),
//!     work_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
//!     work_start_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
//!     generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap(),
//! };
//! let list = PreparationList::build(input, &BusinessCalendar::default()).unwrap();
//! assert_eq!(list.notice_deadline.to_string(), "2027-02-04");
//! let backup = list.item("backup").unwrap();
//! assert_eq!(backup.due.date.to_string(), "2027-02-28");
//! assert!(to_markdown(&list, Lang::Ja).contains("- [ ] "));
//! assert_eq!(file_name(FileKind::Ics, &list), "FWU-2027-000123-preparation.ics");
//! ```

mod analysis;
mod csv;
mod ics;
mod items;
mod markdown;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::{BusinessCalendar, CalendarError};
use crate::dates::iso_date;
use crate::i18n::{format_date, format_time, Bilingual, Lang};

pub use self::csv::to_csv;
pub use self::ics::{escape_text, fold_line, to_ics, unescape_text, unfold, WORK_DURATION_HOURS};
pub use self::markdown::to_markdown;

/// Business days after the notice deadline by which the information for choosing the version
/// is gathered (C1): the TAM team's first call follows the request's receipt, so the list
/// leaves time after it instead of making the gathering due the day the desk first calls.
/// Never later than the version decision ([`VERSION_DECISION_BUSINESS_DAYS`]).
pub const COLLECT_BUSINESS_DAYS: u32 = 5;

/// Business days before the work date by which the version is decided and the dependencies
/// outside the service are checked (C2, R9, R10). A portal decision; see the module docs.
pub const VERSION_DECISION_BUSINESS_DAYS: u32 = 10;

/// Business days before the work date by which the on-site arrangements are made (C5).
/// A portal decision; see the module docs.
pub const SITE_ARRANGEMENTS_BUSINESS_DAYS: u32 = 5;

pub use crate::request::UpdateMethod;

/// One server of the request, as the customer gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparedServer {
    pub model: String,
    pub serial_number: String,
    /// The firmware version installed now, when known.
    #[serde(default)]
    pub current_version: Option<String>,
    /// The version this server goes to, when it differs from the request's.
    #[serde(default)]
    pub target_version: Option<String>,
}

/// What the preparation list is made from. Independent of HTTP: the app maps its request model
/// (or the eligibility self-check's answers) to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparationInput {
    /// The request's reference (`FWU-2027-000123`); `None` when the list comes from the
    /// eligibility self-check before anything was submitted.
    #[serde(default)]
    pub reference: Option<String>,
    pub company: String,
    pub site_address: String,
    pub contact_name: String,
    /// Who meets the engineers on site (the request's on-site contact), when given: the C5
    /// witness item names this person, not the requester.
    #[serde(default)]
    pub onsite_contact: Option<String>,
    #[serde(default)]
    pub servers: Vec<PreparedServer>,
    /// `None` while the customer has not chosen yet.
    #[serde(default)]
    pub method: Option<UpdateMethod>,
    /// The version (or SPP release) the servers go to; `None` while undecided.
    #[serde(default)]
    pub target_version: Option<String>,
    /// The planned day of the on-site work (R3: any day of the year).
    #[serde(with = "crate::dates::wire::date")]
    pub work_date: NaiveDate,
    /// When the work starts on `work_date`, Japan time.
    #[serde(with = "crate::dates::wire::time")]
    pub work_start_time: NaiveTime,
    /// When the list was made: the caller passes the clock (it becomes the `.ics` DTSTAMP).
    #[serde(with = "crate::dates::wire::datetime")]
    pub generated_at: DateTime<FixedOffset>,
}

/// Who does a checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Responsible {
    /// The customer (お客様): C1–C5, R5, R12.
    Customer,
    /// The service's engineers (当社).
    Service,
}

impl Responsible {
    /// ```
    /// use fwportal_core::i18n::Lang;
    /// use fwportal_core::preparation::Responsible;
    /// assert_eq!(Responsible::Customer.label(Lang::Ja), "お客様");
    /// assert_eq!(Responsible::Service.label(Lang::En), "HPE");
    /// ```
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Responsible::Customer, Lang::Ja) => "お客様",
            (Responsible::Customer, Lang::En) => "Customer",
            (Responsible::Service, Lang::Ja) => "当社",
            (Responsible::Service, Lang::En) => "HPE",
        }
    }
}

/// When an item is due: a day, and on the work date a time of day (Japan time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Due {
    #[serde(with = "crate::dates::wire::date")]
    pub date: NaiveDate,
    #[serde(default, with = "crate::dates::wire::option_time")]
    pub time: Option<NaiveTime>,
    pub kind: DueKind,
}

/// How a [`Due`] reads: a deadline, a start, or after the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// Done by then (`…まで` / `By …`).
    By,
    /// Starts then (`…から` / `From …`): the service's own work.
    StartsAt,
    /// On that day, once the work is over (`… 作業後` / `…, after the work`).
    AfterWork,
}

impl Due {
    /// The due date as a label for people.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime};
    /// use fwportal_core::i18n::Lang;
    /// use fwportal_core::preparation::{Due, DueKind};
    ///
    /// let date = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
    /// let time = NaiveTime::from_hms_opt(9, 30, 0);
    /// let by = Due { date, time, kind: DueKind::By };
    /// assert_eq!(by.label(Lang::Ja), "2027年5月6日(木) 9:30まで");
    /// assert_eq!(by.label(Lang::En), "By 2027-05-06 (Thu) 09:30");
    /// let after = Due { date, time: None, kind: DueKind::AfterWork };
    /// assert_eq!(after.label(Lang::Ja), "2027年5月6日(木) 作業後");
    /// ```
    pub fn label(&self, lang: Lang) -> String {
        let mut when = format_date(self.date, lang);
        if let Some(time) = self.time {
            when.push(' ');
            when.push_str(&format_time(time, lang));
        }
        match (self.kind, lang) {
            (DueKind::By, Lang::Ja) => format!("{when}まで"),
            (DueKind::By, Lang::En) => format!("By {when}"),
            (DueKind::StartsAt, Lang::Ja) => format!("{when}から"),
            (DueKind::StartsAt, Lang::En) => format!("From {when}"),
            (DueKind::AfterWork, Lang::Ja) => format!("{when} 作業後"),
            (DueKind::AfterWork, Lang::En) => format!("{when}, after the work"),
        }
    }
}

/// One thing to do before (or on) the work date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Stable ASCII id (`backup`, `site-access`…), usable as an HTML id.
    pub id: String,
    /// The rules behind the item (`C3`, `R15`…).
    pub rules: Vec<String>,
    pub title: Bilingual,
    pub detail: Bilingual,
    pub due: Due,
    pub responsible: Responsible,
    /// Always `false` when built; the app keeps the customer's ticks.
    pub done: bool,
}

/// Something the service does not do (R9, R10, R13–R16), in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotCovered {
    pub rule: String,
    pub text: Bilingual,
}

/// The support desk's hours (R1) and the notice rule (R5), from the calendar's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskHours {
    #[serde(with = "crate::dates::wire::time")]
    pub open: NaiveTime,
    #[serde(with = "crate::dates::wire::time")]
    pub close: NaiveTime,
    /// Business days of notice the calendar requires (R5; 15 by default).
    pub notice_business_days: u32,
    /// The last day the request may reach the desk (R5).
    #[serde(with = "crate::dates::wire::date")]
    pub notice_deadline: NaiveDate,
    /// The last business day before the work date: the last day to call the desk about it.
    #[serde(with = "crate::dates::wire::date")]
    pub last_business_day_before_work: NaiveDate,
    /// The desk's hours in a sentence.
    pub text: Bilingual,
}

/// The preparation list of one request: the request itself, the checklist with dates, what
/// is not covered, and the desk's hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparationList {
    /// The request the list was made for, as given.
    pub request: PreparationInput,
    /// The notice deadline (R5), also the due date of the `notice` item.
    #[serde(with = "crate::dates::wire::date")]
    pub notice_deadline: NaiveDate,
    /// Sorted by due date (and time), ties in a fixed order.
    pub items: Vec<ChecklistItem>,
    pub not_covered: Vec<NotCovered>,
    pub desk: DeskHours,
}

impl PreparationList {
    /// Builds the list for `input`, computing every date with `calendar` (see the module docs
    /// for the rules behind each due date).
    ///
    /// Fails only when a date it needs lies outside the calendar's range (2000–2099).
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate, NaiveTime};
    /// use fwportal_core::calendar::BusinessCalendar;
    /// use fwportal_core::preparation::{PreparationInput, PreparationList};
    ///
    /// let input = PreparationInput {
    ///     reference: None,
    ///     company: "Example KK".into(),
    ///     site_address: "Tokyo".into(),
    ///     contact_name: "Yamada".into(),
    ///     onsite_contact: None,
    ///     servers: vec![],
    ///     method: None,
    ///     target_version: None,
    ///     work_date: NaiveDate::from_ymd_opt(2100, 1, 4).unwrap(),
    ///     work_start_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
    ///     generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap(),
    /// };
    /// assert!(PreparationList::build(input, &BusinessCalendar::default()).is_err());
    /// ```
    pub fn build(
        input: PreparationInput,
        calendar: &BusinessCalendar,
    ) -> Result<PreparationList, CalendarError> {
        items::build(input, calendar)
    }

    /// The item with `id`, if the list has one.
    pub fn item(&self, id: &str) -> Option<&ChecklistItem> {
        self.items.iter().find(|item| item.id == id)
    }
}

/// The kinds of file the list is rendered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Markdown,
    Csv,
    Ics,
}

impl FileKind {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Markdown => "md",
            FileKind::Csv => "csv",
            FileKind::Ics => "ics",
        }
    }

    /// The media type to serve or download the file with.
    ///
    /// ```
    /// use fwportal_core::preparation::FileKind;
    /// assert_eq!(FileKind::Ics.media_type(), "text/calendar; charset=utf-8");
    /// ```
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Markdown => "text/markdown; charset=utf-8",
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Ics => "text/calendar; charset=utf-8",
        }
    }
}

/// The download's file name, ASCII only: the reference when the request was submitted, the
/// work date otherwise. Characters other than `A–Z a–z 0–9 -` in the reference become `_`,
/// so a file name can never carry a path or a quote.
///
/// ```
/// use chrono::{DateTime, NaiveDate, NaiveTime};
/// use fwportal_core::calendar::BusinessCalendar;
/// use fwportal_core::preparation::*;
///
/// let mut input = PreparationInput {
///     reference: None,
///     company: String::new(),
///     site_address: String::new(),
///     contact_name: String::new(),
///     onsite_contact: None,
///     servers: vec![],
///     method: None,
///     target_version: None,
///     work_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
///     work_start_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
///     generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap(),
/// };
/// let cal = BusinessCalendar::default();
/// let list = PreparationList::build(input.clone(), &cal).unwrap();
/// assert_eq!(file_name(FileKind::Csv, &list), "preparation-2027-03-01.csv");
///
/// input.reference = Some("FWU-2027-000123".into());
/// let list = PreparationList::build(input, &cal).unwrap();
/// assert_eq!(file_name(FileKind::Markdown, &list), "FWU-2027-000123-preparation.md");
/// ```
pub fn file_name(kind: FileKind, list: &PreparationList) -> String {
    match reference_slug(list) {
        Some(reference) => format!("{reference}-preparation.{}", kind.extension()),
        None => format!(
            "preparation-{}.{}",
            iso_date(list.request.work_date),
            kind.extension()
        ),
    }
}

/// The reference made safe for file names and UIDs: at most 64 characters of
/// `A–Z a–z 0–9 -`, anything else replaced by `_`; `None` when there is no reference.
fn reference_slug(list: &PreparationList) -> Option<String> {
    let reference = list
        .request
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())?;
    Some(
        reference
            .chars()
            .take(64)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect(),
    )
}

/// Picks the text of `lang` from two literals.
pub(crate) fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}
