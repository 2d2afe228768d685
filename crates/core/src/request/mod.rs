//! The request: what the browser sends ([`RequestDraft`], plain strings, possibly wrong) and
//! what the rules accept ([`CheckedRequest`]). Parse, don't validate: every field goes through
//! its parser in [`fields`], so a [`ValidRequest`] holds only valid values; then [`check`]
//! applies the service's rules with the caller's clock and calendar. The app and the server
//! call the same [`check`], and it returns every problem at once, never the first only.

mod acknowledgement;
pub mod analysis;
pub mod fields;
pub mod import;
pub(crate) mod labels;
mod limits;
mod reference;

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub use acknowledgement::Acknowledgement;
pub use analysis::{
    check_operator_catalog, AnalysisDraft, ComponentAnalysisDraft, ServerAnalysisDraft,
    ValidAnalysis,
};
pub use limits::{check_limits, MAX_ACKNOWLEDGEMENTS, MAX_FIRMWARE_ITEMS, MAX_SERVERS};
pub use reference::{NotAReference, Reference};

use crate::calendar::{BusinessCalendar, NoticeReport, NoticeSettings};
use crate::dates::{hour_minute, iso_date};
use crate::eligibility::contract::ContractFact;
use crate::eligibility::outlook::{no_work_date_problem, work_date_outlook};
use crate::eligibility::{
    assess_servers, evaluate, ContractTerms, EligibilityInput, ModelText, Period, ProductVerdict,
    SupportLevel,
};
use crate::i18n::{format_date_both, format_time, Bilingual, Lang};
use crate::problem::{Problem, ProblemCode};
use fields::{
    parse_date, parse_time, ContractNumber, EmailAddress, PhoneNumber, SerialNumber, Text,
};
use labels::{problem_for, Label};

/// What the customer asks for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// The yearly on-site update work (R4, R5 apply).
    UpdateWork,
    /// Version-selection support only (R1): no work date, no notice rule, not limited.
    VersionConsultation,
}

/// How the firmware is updated (R8).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateMethod {
    /// The Service Pack for ProLiant installer (R9: it changes the OS).
    Spp,
    /// Individual firmware packages.
    Firmware,
}

impl RequestKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::UpdateWork => "update_work",
            RequestKind::VersionConsultation => "version_consultation",
        }
    }
}

impl UpdateMethod {
    /// The method's name for people.
    ///
    /// ```
    /// use fwportal_core::i18n::Lang;
    /// use fwportal_core::request::UpdateMethod;
    /// assert_eq!(UpdateMethod::Firmware.label(Lang::Ja), "ファームウェア単独");
    /// ```
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (UpdateMethod::Spp, Lang::Ja) => "SPP（Service Pack for ProLiant）",
            (UpdateMethod::Spp, Lang::En) => "SPP (Service Pack for ProLiant)",
            (UpdateMethod::Firmware, Lang::Ja) => "ファームウェア単独",
            (UpdateMethod::Firmware, Lang::En) => "Single firmware package",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UpdateMethod::Spp => "spp",
            UpdateMethod::Firmware => "firmware",
        }
    }
}

fn parse_support_level(input: &str) -> Result<SupportLevel, ProblemCode> {
    match input.trim() {
        "" => Err(ProblemCode::Required),
        code => SupportLevel::from_code(code).ok_or(ProblemCode::InvalidChoice),
    }
}

fn parse_kind(input: &str) -> Result<RequestKind, ProblemCode> {
    match input.trim() {
        // An API client that leaves the kind out asks for the update work, the usual case.
        "" | "update_work" => Ok(RequestKind::UpdateWork),
        "version_consultation" => Ok(RequestKind::VersionConsultation),
        _ => Err(ProblemCode::InvalidChoice),
    }
}

fn parse_method(input: &str) -> Result<UpdateMethod, ProblemCode> {
    match input.trim() {
        "" => Err(ProblemCode::Required),
        "spp" => Ok(UpdateMethod::Spp),
        "firmware" => Ok(UpdateMethod::Firmware),
        _ => Err(ProblemCode::InvalidChoice),
    }
}

/// The request as sent by the browser or an API client: every value a string, as typed. The
/// field names are the API contract.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestDraft {
    /// `update_work` (default) or `version_consultation`.
    pub kind: String,
    pub contact: ContactDraft,
    pub contract: ContractDraft,
    pub servers: Vec<ServerDraft>,
    /// `spp` or `firmware`.
    pub update_method: String,
    pub target_version: String,
    /// `YYYY-MM-DD`.
    pub work_date: String,
    /// `HH:MM`, Japan time.
    pub work_start_time: String,
    /// `YYYY-MM-DD`, optional.
    pub alternative_work_date: String,
    pub site_address: String,
    /// Who meets the engineers on site (name and phone), optional.
    pub onsite_contact: String,
    /// Rule codes the customer confirmed (`R9`, `R12`…`R16`, `C3`…`C5`).
    pub acknowledgements: Vec<String>,
    pub notes: String,
    /// The firmware analysis against the chosen catalogue (C1, C2), where the customer made
    /// one; left out of the JSON when empty.
    #[serde(skip_serializing_if = "AnalysisDraft::is_empty")]
    pub analysis: AnalysisDraft,
    /// A version consultation's subject (several lines); required for a consultation, not
    /// used for update work.
    pub consultation_topic: String,
    /// When the TAM team may best call back for a consultation, optional (free text such as
    /// "平日 14:00〜17:00").
    pub preferred_contact_time: String,
    /// The customer read the privacy notice (個人情報の取扱い) and agreed to it; a request
    /// without this is refused.
    pub privacy_consent: bool,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDraft {
    pub company: String,
    /// The department (部署名), optional.
    pub department: String,
    pub name: String,
    /// The reading of the name (ふりがな), optional.
    pub name_kana: String,
    pub email: String,
    /// Addresses to copy on the desk's mail, optional: up to five, separated by commas,
    /// semicolons, spaces or line breaks.
    pub cc: String,
    pub phone: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractDraft {
    pub number: String,
    /// `proactive_care`, `foundation_care`, `datacenter_care` or `other`.
    pub support_level: String,
    pub proactive_care_start: String,
    pub proactive_care_end: String,
    pub option_start: String,
    pub option_end: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerDraft {
    pub model: String,
    pub serial_number: String,
    /// Current firmware versions, where the customer gathered them (C1).
    pub firmware: Vec<FirmwareDraft>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FirmwareDraft {
    pub name: String,
    pub version: String,
}

/// A request whose every field passed its parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    pub kind: RequestKind,
    pub contact: Contact,
    pub contract: Contract,
    pub servers: Vec<Server>,
    /// The on-site work; `None` for a version consultation.
    pub work: Option<WorkPlan>,
    pub acknowledgements: BTreeSet<Acknowledgement>,
    pub notes: Text,
    /// The firmware analysis, re-checked (C1, C2).
    pub analysis: Option<ValidAnalysis>,
    /// What a version consultation is about; `None` for update work.
    pub consultation: Option<Consultation>,
}

/// A version consultation's subject and when to call back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub topic: Text,
    pub preferred_contact_time: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub company: Text,
    pub department: Text,
    pub name: Text,
    pub name_kana: Text,
    pub email: EmailAddress,
    /// Copied on the desk's mail, in the order given, without repeats.
    pub cc: Vec<EmailAddress>,
    pub phone: PhoneNumber,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub number: ContractNumber,
    pub support_level: SupportLevel,
    pub proactive_care: Period,
    pub option: Period,
}

impl Contract {
    /// The facts the server stores with the contract's first accepted request (R4).
    pub fn terms(&self) -> ContractTerms {
        ContractTerms {
            support_level: self.support_level,
            proactive_care: self.proactive_care,
            option: self.option,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub model: ModelText,
    pub serial_number: SerialNumber,
    pub firmware: Vec<FirmwareItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirmwareItem {
    pub name: Text,
    pub version: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkPlan {
    pub update_method: UpdateMethod,
    pub target_version: Text,
    pub work_date: NaiveDate,
    pub work_start_time: NaiveTime,
    pub alternative_work_date: Option<NaiveDate>,
    pub site_address: Text,
    pub onsite_contact: Text,
}

impl ValidRequest {
    /// The request in its wire form, normalised (half-width, upper-case codes, trimmed):
    /// what is stored and what `GET /api/requests/{reference}` answers.
    pub fn to_draft(&self) -> RequestDraft {
        let work = self.work.as_ref();
        RequestDraft {
            kind: self.kind.as_str().to_owned(),
            contact: ContactDraft {
                company: self.contact.company.to_string(),
                department: self.contact.department.to_string(),
                name: self.contact.name.to_string(),
                name_kana: self.contact.name_kana.to_string(),
                email: self.contact.email.as_str().to_owned(),
                cc: self
                    .contact
                    .cc
                    .iter()
                    .map(EmailAddress::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                phone: self.contact.phone.as_str().to_owned(),
            },
            contract: ContractDraft {
                number: self.contract.number.to_string(),
                support_level: self.contract.support_level.as_str().to_owned(),
                proactive_care_start: iso_date(self.contract.proactive_care.start),
                proactive_care_end: iso_date(self.contract.proactive_care.end),
                option_start: iso_date(self.contract.option.start),
                option_end: iso_date(self.contract.option.end),
            },
            servers: self
                .servers
                .iter()
                .map(|s| ServerDraft {
                    model: s.model.as_str().to_owned(),
                    serial_number: s.serial_number.as_str().to_owned(),
                    firmware: s
                        .firmware
                        .iter()
                        .map(|f| FirmwareDraft {
                            name: f.name.to_string(),
                            version: f.version.to_string(),
                        })
                        .collect(),
                })
                .collect(),
            update_method: work
                .map(|w| w.update_method.as_str().to_owned())
                .unwrap_or_default(),
            target_version: work
                .map(|w| w.target_version.to_string())
                .unwrap_or_default(),
            work_date: work.map(|w| iso_date(w.work_date)).unwrap_or_default(),
            work_start_time: work
                .map(|w| hour_minute(w.work_start_time))
                .unwrap_or_default(),
            alternative_work_date: work
                .and_then(|w| w.alternative_work_date)
                .map(iso_date)
                .unwrap_or_default(),
            site_address: work.map(|w| w.site_address.to_string()).unwrap_or_default(),
            onsite_contact: work
                .map(|w| w.onsite_contact.to_string())
                .unwrap_or_default(),
            acknowledgements: self
                .acknowledgements
                .iter()
                .map(|a| a.code().to_owned())
                .collect(),
            notes: self.notes.to_string(),
            analysis: self
                .analysis
                .as_ref()
                .map(ValidAnalysis::to_draft)
                .unwrap_or_default(),
            consultation_topic: self
                .consultation
                .as_ref()
                .map(|c| c.topic.to_string())
                .unwrap_or_default(),
            preferred_contact_time: self
                .consultation
                .as_ref()
                .map(|c| c.preferred_contact_time.to_string())
                .unwrap_or_default(),
            // A checked request always had the customer's consent.
            privacy_consent: true,
        }
    }
}

/// What the rules need besides the request: the calendar (with the operator's overrides), the
/// moment the request is submitted (the server's clock on the server), and the work dates of
/// the contract's update-work requests already accepted (R4).
#[derive(Debug, Clone, Copy)]
pub struct RuleContext<'a> {
    pub calendar: &'a BusinessCalendar,
    pub submitted_at: DateTime<Utc>,
    pub earlier_work_dates: &'a [NaiveDate],
}

/// A request that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRequest {
    pub request: ValidRequest,
    /// The notice computation (R5) for the work date; `None` for a consultation.
    pub notice: Option<NoticeReport>,
    /// The answer for each server, in order (R8, R10, R11).
    pub servers: Vec<ProductVerdict>,
    /// Things to confirm with the support centre that do not block the request.
    pub warnings: Vec<Problem>,
}

/// A server row's field path split at its row: `servers[2].firmware[0].version` →
/// `("2", ".firmware[0].version")`; `None` for a field outside the server rows. The index is
/// left as written, for the caller to parse or to copy.
///
/// ```
/// use fwportal_core::request::server_row_field;
/// assert_eq!(server_row_field("servers[2].model"), Some(("2", ".model")));
/// assert_eq!(server_row_field("contract.number"), None);
/// ```
pub fn server_row_field(field: &str) -> Option<(&str, &str)> {
    field.strip_prefix("servers[")?.split_once(']')
}

/// Where a field is asked in the request's pages: (page, server row, place in the row).
///
/// ```
/// use fwportal_core::request::form_order;
/// assert!(form_order("servers[0].model") < form_order("servers[0].serial_number"));
/// assert!(form_order("servers[0].serial_number") < form_order("servers[1].model"));
/// assert!(form_order("contract.number") < form_order("servers[0].model"));
/// assert!(form_order("servers[10].model") < form_order("work_date"));
/// ```
pub fn form_order(field: &str) -> (u8, usize, u8) {
    let head = field.split(['.', '[']).next().unwrap_or_default();
    let page = match head {
        "contact" => 0,
        "contract" => 1,
        "servers" => 2,
        "kind"
        | "update_method"
        | "target_version"
        | "consultation_topic"
        | "preferred_contact_time" => 3,
        "acknowledgements" => 4,
        "work_date"
        | "work_start_time"
        | "alternative_work_date"
        | "site_address"
        | "onsite_contact" => 5,
        "notes" => 6,
        "privacy_consent" => 7,
        _ => 8,
    };
    let row = server_row_field(field)
        .map(|(index, tail)| {
            let place = if tail.starts_with(".model") {
                0
            } else if tail.starts_with(".serial_number") {
                1
            } else {
                2
            };
            (index.parse().unwrap_or(usize::MAX), place)
        })
        .unwrap_or((0, 0));
    (page, row.0, row.1)
}

/// Collects problems, one per field: the first problem found for a field wins, so a field
/// that did not parse is not also reported by a rule that could not judge it. The fields seen
/// are kept in a set: a request within the limits can still hold tens of thousands of empty
/// fields, and a scan of the list for each would cost their square.
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    fields: BTreeSet<String>,
}

impl Problems {
    fn push(&mut self, problem: Problem) {
        if self.fields.insert(problem.field.clone()) {
            self.list.push(problem);
        }
    }

    fn has(&self, field: &str) -> bool {
        self.fields.contains(field)
    }

    fn take<T>(&mut self, field: &str, label: &Label, parsed: Result<T, ProblemCode>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(code) => {
                self.push(problem_for(field, label, code));
                None
            }
        }
    }
}

/// Parses and checks a whole request against the service's rules (R4–R9, R11–R16, C3–C5),
/// returning every problem at once, for a contract the caller knows nothing stored about (the
/// browser, or the contract's first request): [`check_against`] with no contract on file.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use fwportal_core::calendar::BusinessCalendar;
/// use fwportal_core::request::{check, RequestDraft, RuleContext};
///
/// let calendar = BusinessCalendar::default();
/// let context = RuleContext {
///     calendar: &calendar,
///     submitted_at: Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap(), // 10:00 JST
///     earlier_work_dates: &[],
/// };
/// let problems = check(&RequestDraft::default(), &context).unwrap_err();
/// assert!(problems.iter().any(|p| p.field == "contract.number"));
/// assert!(problems.iter().any(|p| p.field == "work_date"));
/// ```
pub fn check(
    draft: &RequestDraft,
    context: &RuleContext<'_>,
) -> Result<CheckedRequest, Vec<Problem>> {
    check_against(draft, context, None)
}

/// [`check`] for a contract whose terms are on file: the support level and periods stored with
/// its first accepted request (R4). A request stating other terms is refused on the fields
/// that differ, without saying what is stored; the contract year of R4 is counted from the
/// stored option start whatever the request states.
///
/// Limits ([`check_limits`]) come before everything else: a request over one gets only those
/// problems.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use fwportal_core::calendar::BusinessCalendar;
/// use fwportal_core::eligibility::{ContractTerms, Period, SupportLevel};
/// use fwportal_core::problem::ProblemCode;
/// use fwportal_core::request::{check_against, ContractDraft, RequestDraft, RuleContext};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let calendar = BusinessCalendar::default();
/// let context = RuleContext {
///     calendar: &calendar,
///     submitted_at: Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap(),
///     earlier_work_dates: &[],
/// };
/// let on_file = ContractTerms {
///     support_level: SupportLevel::ProactiveCare,
///     proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
///     option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
/// };
/// let draft = RequestDraft {
///     contract: ContractDraft {
///         number: "PC-1".into(),
///         support_level: "proactive_care".into(),
///         proactive_care_start: "2026-04-01".into(),
///         proactive_care_end: "2029-03-31".into(),
///         option_start: "2027-01-01".into(), // not what is on file
///         option_end: "2029-03-31".into(),
///     },
///     ..RequestDraft::default()
/// };
/// let problems = check_against(&draft, &context, Some(&on_file)).unwrap_err();
/// let moved = problems.iter().find(|p| p.field == "contract.option_start").unwrap();
/// assert_eq!(moved.code, ProblemCode::ContractMismatch);
/// assert!(!moved.message_ja.contains("2026"), "the stored value is not told");
/// ```
pub fn check_against(
    draft: &RequestDraft,
    context: &RuleContext<'_>,
    contract_on_file: Option<&ContractTerms>,
) -> Result<CheckedRequest, Vec<Problem>> {
    let over_limits = check_limits(draft);
    if !over_limits.is_empty() {
        return Err(over_limits);
    }
    let mut problems = Problems::default();
    let kind = problems.take("kind", &labels::KIND, parse_kind(&draft.kind));

    let contact = parse_contact(&draft.contact, &mut problems);
    let contract = parse_contract(&draft.contract, &mut problems);
    if let (Some(contract), Some(on_file)) = (&contract, contract_on_file) {
        for fact in on_file.differences(&contract.terms()) {
            problems.push(contract_mismatch_problem(fact));
        }
    }
    let servers = parse_servers(&draft.servers, &mut problems);

    let is_work = kind != Some(RequestKind::VersionConsultation);
    let work = is_work.then(|| parse_work(draft, &mut problems)).flatten();
    let consultation = (kind == Some(RequestKind::VersionConsultation))
        .then(|| parse_consultation(draft, &mut problems))
        .flatten();
    let acknowledgements = parse_acknowledgements(&draft.acknowledgements, &mut problems);
    let notes = problems.take(
        "notes",
        &labels::NOTES,
        Text::multiline(&draft.notes, labels::NOTES.max),
    );

    // Rules. Each runs on what parsed; what did not parse is already reported.
    let models: Vec<String> = draft.servers.iter().map(|s| s.model.clone()).collect();
    let work_date = is_work.then(|| parse_date(&draft.work_date).ok()).flatten();
    let assessment = match &contract {
        Some(contract) => evaluate(&EligibilityInput {
            support_level: contract.support_level,
            proactive_care: contract.proactive_care,
            option: contract.option,
            work_date,
            servers: models,
            earlier_work_dates: context.earlier_work_dates.to_vec(),
            option_start_on_file: contract_on_file.map(|terms| terms.option.start),
        }),
        None => assess_servers(&models),
    };
    let mut warnings = assessment.warnings;
    assessment
        .problems
        .into_iter()
        .for_each(|p| problems.push(p));

    // R5 with R7, decided from the contract alone, so the contract step says it before a work
    // date is asked for. A calendar error (dates at the range's edge) leaves it to the work
    // date's own checks.
    if !draft.privacy_consent {
        problems.push(Problem::new(
            "privacy_consent",
            ProblemCode::AcknowledgementMissing,
            Bilingual::new(
                "個人情報の取扱いをお読みいただき、同意いただける場合はチェックを入れてください。同意がないとお申込みを送信できません。",
                "Please read how your personal data is handled and tick the box if you agree. A request cannot be sent without it.",
            ),
        ));
    }
    // Only the four dates are needed, so the self-check (which asks no contract number) says
    // it as well.
    let date = |text: &str| parse_date(text).ok();
    let c = &draft.contract;
    let periods = (|| {
        Some((
            Period::new(date(&c.proactive_care_start)?, date(&c.proactive_care_end)?),
            Period::new(date(&c.option_start)?, date(&c.option_end)?),
        ))
    })();
    if let (true, Some((proactive_care, option))) = (is_work, periods) {
        let outlook = context
            .calendar
            .received_on(&context.submitted_at)
            .and_then(|received| {
                work_date_outlook(context.calendar, received, proactive_care, option)
            });
        if let Some(problem) = outlook.ok().flatten().and_then(|outlook| {
            no_work_date_problem(
                outlook,
                proactive_care,
                option,
                context.calendar.settings().notice_business_days,
            )
        }) {
            problems.push(problem);
        }
    }

    let mut notice = None;
    if let Some(work) = &work {
        match context
            .calendar
            .notice_report(work.work_date, &context.submitted_at)
        {
            Ok(report) => {
                if !report.notice_met {
                    problems.push(notice_problem(
                        "work_date",
                        work.work_date,
                        &report,
                        context.calendar.settings(),
                    ));
                }
                notice = Some(report);
            }
            // `parse_date` keeps dates inside the calendar's range, so this is a work date
            // whose notice computation leaves the range (the first days of 2000).
            Err(_) => problems.push(problem_for(
                "work_date",
                &labels::WORK_DATE,
                ProblemCode::DateOutOfRange,
            )),
        }
        if let Some(alternative) = work.alternative_work_date {
            check_alternative(alternative, work, contract.as_ref(), context, &mut problems);
        }
    }
    if is_work {
        // Checked even when other parts of the work plan do not parse yet, so that every
        // problem is reported at once; R9 is required once the SPP is chosen.
        let method = parse_method(&draft.update_method).ok();
        for missing in Acknowledgement::required_for(method).iter().filter(|a| {
            acknowledgements
                .as_ref()
                .is_some_and(|given| !given.contains(a))
        }) {
            problems.push(acknowledgement_problem(*missing));
        }
    }
    warnings.retain(|w| !problems.has(&w.field));

    let mut problems = problems.list;
    // In the order the pages ask (a server's model before its serial number), so an error
    // summary reads top to bottom like the form; the sort is stable within a field group.
    problems.sort_by_key(|p| form_order(&p.field));
    if !problems.is_empty() {
        return Err(problems);
    }
    match (kind, contact, contract, servers, acknowledgements, notes) {
        (
            Some(kind),
            Some(contact),
            Some(contract),
            Some(servers),
            Some(acknowledgements),
            Some(notes),
        ) if (kind == RequestKind::VersionConsultation && consultation.is_some())
            || work.is_some() =>
        {
            Ok(CheckedRequest {
                request: ValidRequest {
                    kind,
                    contact,
                    contract,
                    servers,
                    work,
                    acknowledgements,
                    notes,
                    consultation,
                    // Only [`check_with_analysis`] (the server) reads the analysis.
                    analysis: None,
                },
                notice,
                servers: assessment.servers,
                warnings,
            })
        }
        // Every `None` above pushed a problem, so this arm is never reached with none.
        _ => Err(vec![problem_for(
            "kind",
            &labels::KIND,
            ProblemCode::Required,
        )]),
    }
}

/// [`check_against`], and the firmware analysis the request carries (issue 17) parsed and
/// re-checked against its own versions: what the server runs on every submission. The app's
/// own check leaves the analysis out: core computed it in the app's worker, and re-checking it
/// in the page would only add to the page's download (issue 13's budget). Its problems come
/// after the others; a request over a limit gets only the limit's problems, as always.
pub fn check_with_analysis(
    draft: &RequestDraft,
    context: &RuleContext<'_>,
    contract_on_file: Option<&ContractTerms>,
) -> Result<CheckedRequest, Vec<Problem>> {
    let checked = check_against(draft, context, contract_on_file);
    if !check_limits(draft).is_empty() {
        return checked;
    }
    let mut problems = Problems::default();
    let analysis = analysis::parse_analysis(&draft.analysis, &draft.servers, &mut problems);
    match (checked, analysis) {
        (Ok(mut checked), Ok(analysis)) => {
            checked.request.analysis = analysis;
            Ok(checked)
        }
        (Ok(_), Err(())) => Err(problems.list),
        (Err(mut list), _) => {
            list.extend(problems.list);
            Err(list)
        }
    }
}

fn parse_contact(draft: &ContactDraft, problems: &mut Problems) -> Option<Contact> {
    let company = problems.take(
        "contact.company",
        &labels::COMPANY,
        Text::required(&draft.company, labels::COMPANY.max),
    );
    let department = problems.take(
        "contact.department",
        &labels::DEPARTMENT,
        Text::optional(&draft.department, labels::DEPARTMENT.max),
    );
    let name = problems.take(
        "contact.name",
        &labels::NAME,
        Text::required(&draft.name, labels::NAME.max),
    );
    let name_kana = problems.take(
        "contact.name_kana",
        &labels::NAME_KANA,
        Text::optional(&draft.name_kana, labels::NAME_KANA.max),
    );
    let cc = problems.take("contact.cc", &labels::CC, parse_cc(&draft.cc));
    let email = problems.take(
        "contact.email",
        &labels::EMAIL,
        EmailAddress::parse(&draft.email),
    );
    let phone = problems.take(
        "contact.phone",
        &labels::PHONE,
        PhoneNumber::parse(&draft.phone),
    );
    Some(Contact {
        company: company?,
        department: department?,
        name: name?,
        name_kana: name_kana?,
        email: email?,
        cc: cc?,
        phone: phone?,
    })
}

/// The CC addresses: up to [`MAX_CC`], separated by commas, semicolons (Outlook's way),
/// spaces or line breaks; a repeated address is kept once.
///
/// ```
/// use fwportal_core::request::parse_cc;
/// let cc = parse_cc("a@example.jp; ｂ＠ｅｘａｍｐｌｅ．ｊｐ,\na@example.jp").unwrap();
/// let cc: Vec<_> = cc.iter().map(|a| a.as_str()).collect();
/// assert_eq!(cc, ["a@example.jp", "b@example.jp"]);
/// assert!(parse_cc("a@example.jp, not-an-address").is_err());
/// assert!(parse_cc("").unwrap().is_empty());
/// ```
pub fn parse_cc(input: &str) -> Result<Vec<EmailAddress>, ProblemCode> {
    let mut list: Vec<EmailAddress> = Vec::new();
    for part in input
        .split(|c: char| matches!(c, ',' | ';' | '、' | '，' | '；') || c.is_whitespace())
        .filter(|p| !p.trim().is_empty())
    {
        let address = EmailAddress::parse(part)?;
        if !list.contains(&address) {
            list.push(address);
        }
        if list.len() > MAX_CC {
            return Err(ProblemCode::TooMany);
        }
    }
    Ok(list)
}

/// At most this many CC addresses.
pub const MAX_CC: usize = 5;

/// A consultation's subject (required) and preferred time to be called.
fn parse_consultation(draft: &RequestDraft, problems: &mut Problems) -> Option<Consultation> {
    let topic = problems.take(
        "consultation_topic",
        &labels::CONSULTATION_TOPIC,
        Text::multiline(&draft.consultation_topic, labels::CONSULTATION_TOPIC.max).and_then(|t| {
            if t.is_empty() {
                Err(ProblemCode::Required)
            } else {
                Ok(t)
            }
        }),
    );
    let preferred_contact_time = problems.take(
        "preferred_contact_time",
        &labels::CONTACT_TIME,
        Text::optional(&draft.preferred_contact_time, labels::CONTACT_TIME.max),
    );
    Some(Consultation {
        topic: topic?,
        preferred_contact_time: preferred_contact_time?,
    })
}

fn parse_contract(draft: &ContractDraft, problems: &mut Problems) -> Option<Contract> {
    let number = problems.take(
        "contract.number",
        &labels::CONTRACT_NUMBER,
        ContractNumber::parse(&draft.number),
    );
    let support_level = problems.take(
        "contract.support_level",
        &labels::SUPPORT_LEVEL,
        parse_support_level(&draft.support_level),
    );
    let mut date =
        |field: &str, label: &Label, text: &str| problems.take(field, label, parse_date(text));
    let pc_start = date(
        "contract.proactive_care_start",
        &labels::PC_START,
        &draft.proactive_care_start,
    );
    let pc_end = date(
        "contract.proactive_care_end",
        &labels::PC_END,
        &draft.proactive_care_end,
    );
    let option_start = date(
        "contract.option_start",
        &labels::OPTION_START,
        &draft.option_start,
    );
    let option_end = date(
        "contract.option_end",
        &labels::OPTION_END,
        &draft.option_end,
    );
    Some(Contract {
        number: number?,
        support_level: support_level?,
        proactive_care: Period::new(pc_start?, pc_end?),
        option: Period::new(option_start?, option_end?),
    })
}

/// The servers (their number is within [`MAX_SERVERS`]: [`check_limits`] ran first).
fn parse_servers(drafts: &[ServerDraft], problems: &mut Problems) -> Option<Vec<Server>> {
    let mut servers = Some(Vec::with_capacity(drafts.len()));
    let mut seen_serials = BTreeSet::new();
    for (index, draft) in drafts.iter().enumerate() {
        // The model's own problems come from the eligibility rules (R8), which parse it too.
        let model = ModelText::parse(&draft.model).ok();
        let serial_field = format!("servers[{index}].serial_number");
        let serial = problems.take(
            &serial_field,
            &labels::SERIAL,
            SerialNumber::parse(&draft.serial_number),
        );
        if let Some(serial) = &serial {
            if !seen_serials.insert(serial.clone()) {
                problems.push(
                    Problem::new(
                        serial_field,
                        ProblemCode::InvalidChoice,
                        Bilingual::new(
                            "同じシリアル番号のサーバーが2回入力されています。1台につき1行で入力してください。",
                            "The same serial number is entered twice. Enter each server once.",
                        ),
                    ),
                );
            }
        }
        let firmware = parse_firmware(index, &draft.firmware, problems);
        match (model, serial, firmware, servers.as_mut()) {
            (Some(model), Some(serial_number), Some(firmware), Some(list)) => list.push(Server {
                model,
                serial_number,
                firmware,
            }),
            _ => servers = None,
        }
    }
    servers
}

fn parse_firmware(
    server: usize,
    drafts: &[FirmwareDraft],
    problems: &mut Problems,
) -> Option<Vec<FirmwareItem>> {
    let mut items = Some(Vec::with_capacity(drafts.len()));
    for (index, draft) in drafts.iter().enumerate() {
        let field = format!("servers[{server}].firmware[{index}]");
        let name = problems.take(
            &format!("{field}.name"),
            &labels::FIRMWARE_NAME,
            Text::required(&draft.name, labels::FIRMWARE_NAME.max),
        );
        let version = problems.take(
            &format!("{field}.version"),
            &labels::FIRMWARE_VERSION,
            Text::optional(&draft.version, labels::FIRMWARE_VERSION.max),
        );
        match (name, version, items.as_mut()) {
            (Some(name), Some(version), Some(list)) => list.push(FirmwareItem { name, version }),
            _ => items = None,
        }
    }
    items
}

fn parse_work(draft: &RequestDraft, problems: &mut Problems) -> Option<WorkPlan> {
    let update_method = problems.take(
        "update_method",
        &labels::METHOD,
        parse_method(&draft.update_method),
    );
    // The target version is asked once a method is chosen (the field appears with it), so
    // without a method only the method is reported: a link to a field not on the page helps
    // no one.
    let target_version = if update_method.is_some() {
        problems.take(
            "target_version",
            &labels::TARGET_VERSION,
            Text::required(&draft.target_version, labels::TARGET_VERSION.max),
        )
    } else {
        None
    };
    let work_date = problems.take(
        "work_date",
        &labels::WORK_DATE,
        parse_date(&draft.work_date),
    );
    let work_start_time = problems.take(
        "work_start_time",
        &labels::START_TIME,
        parse_time(&draft.work_start_time),
    );
    let alternative_work_date = if draft.alternative_work_date.trim().is_empty() {
        Some(None)
    } else {
        problems
            .take(
                "alternative_work_date",
                &labels::ALTERNATIVE_DATE,
                parse_date(&draft.alternative_work_date),
            )
            .map(Some)
    };
    let site_address = problems.take(
        "site_address",
        &labels::SITE_ADDRESS,
        Text::required(&draft.site_address, labels::SITE_ADDRESS.max),
    );
    let onsite_contact = problems.take(
        "onsite_contact",
        &labels::ONSITE_CONTACT,
        Text::optional(&draft.onsite_contact, labels::ONSITE_CONTACT.max),
    );
    Some(WorkPlan {
        update_method: update_method?,
        target_version: target_version?,
        work_date: work_date?,
        work_start_time: work_start_time?,
        alternative_work_date: alternative_work_date?,
        site_address: site_address?,
        onsite_contact: onsite_contact?,
    })
}

fn parse_acknowledgements(
    codes: &[String],
    problems: &mut Problems,
) -> Option<BTreeSet<Acknowledgement>> {
    let mut set = BTreeSet::new();
    for code in codes {
        match Acknowledgement::parse(code) {
            Some(a) => {
                set.insert(a);
            }
            None => {
                problems.push(problem_for(
                    "acknowledgements",
                    &labels::ACKNOWLEDGEMENTS,
                    ProblemCode::InvalidChoice,
                ));
                return None;
            }
        }
    }
    Some(set)
}

/// R4: a contract fact that differs from the terms on file. It names the field but not the
/// stored value (whoever knows a contract number must not learn its periods), and sends the
/// customer to the support centre, which corrects a stored contract.
fn contract_mismatch_problem(fact: ContractFact) -> Problem {
    let (field, label) = match fact {
        ContractFact::SupportLevel => ("contract.support_level", &labels::SUPPORT_LEVEL),
        ContractFact::ProactiveCareStart => ("contract.proactive_care_start", &labels::PC_START),
        ContractFact::ProactiveCareEnd => ("contract.proactive_care_end", &labels::PC_END),
        ContractFact::OptionStart => ("contract.option_start", &labels::OPTION_START),
        ContractFact::OptionEnd => ("contract.option_end", &labels::OPTION_END),
    };
    Problem::new(
        field,
        ProblemCode::ContractMismatch,
        Bilingual::new(
            format!(
                "{}が、この契約番号で以前にお受けしたお申込みの内容と異なります。契約書をご確認ください。契約書のとおりであれば、ページ下部の受付時間内にアドバンストソリューションセンターのサポート窓口へお問い合わせください。登録内容を確認します。",
                label.ja
            ),
            format!(
                "{} differs from what an earlier request for this contract number stated. Please check your contract. If it matches the contract, contact the Advanced Solution Center's support desk during the hours shown at the foot of the page; they will check the contract on record.",
                labels::capitalise(label.en)
            ),
        ),
    )
    .with_rule("R4")
}

fn acknowledgement_problem(missing: Acknowledgement) -> Problem {
    let statement = missing.statement();
    Problem::new(
        format!("acknowledgements.{}", missing.code()),
        ProblemCode::AcknowledgementMissing,
        Bilingual::new(
            format!(
                "次の内容をご確認のうえ、チェックを入れてください：「{}」",
                statement.ja
            ),
            format!("Read and tick this statement: “{}”", statement.en),
        ),
    )
    .with_rule(missing.code())
}

/// R5: the sentence a customer reads when the work date is too soon. The notice days and
/// the cutoff are the operator's settings the request was decided with, never the contract's
/// defaults written into the sentence, so the words agree with the decision.
pub(crate) fn notice_problem(
    field: &str,
    work_date: NaiveDate,
    report: &NoticeReport,
    settings: &NoticeSettings,
) -> Problem {
    let work = format_date_both(work_date);
    let received = format_date_both(report.received_on);
    let deadline = format_date_both(report.deadline);
    let earliest = format_date_both(report.earliest_work_date);
    let days = settings.notice_business_days;
    let cutoff_ja = format_time(settings.cutoff, Lang::Ja);
    let cutoff_en = format_time(settings.cutoff, Lang::En);
    Problem::new(
        field,
        ProblemCode::NoticeNotMet,
        Bilingual::new(
            format!(
                "{}の作業には、{}（作業予定日の{days}営業日前）までの受付が必要です。今お申し込みいただくと{}の受付となるため（{cutoff_ja}以降や休業日のお申込みは翌営業日の受付です）、最も早い作業予定日は{}です。{}以降の日付を選んでください。",
                work.ja, deadline.ja, received.ja, earliest.ja, earliest.ja
            ),
            format!(
                "Work on {} must be requested by {} ({days} business days before). A request made now counts as received on {} (one made at or after {cutoff_en} Japan time, or on a day off, counts from the next business day), so the earliest possible work date is {}. Choose {} or later.",
                work.en, deadline.en, received.en, earliest.en, earliest.en
            ),
        ),
    )
    .with_rule("R5")
}

/// The alternative date must differ from the work date and meet the same rules (R5, R7).
fn check_alternative(
    alternative: NaiveDate,
    work: &WorkPlan,
    contract: Option<&Contract>,
    context: &RuleContext<'_>,
    problems: &mut Problems,
) {
    const FIELD: &str = "alternative_work_date";
    if alternative == work.work_date {
        problems.push(Problem::new(
            FIELD,
            ProblemCode::SameAsWorkDate,
            Bilingual::new(
                "予備日には作業予定日とは別の日を入力してください。",
                "Choose an alternative date that differs from the work date.",
            ),
        ));
        return;
    }
    match context
        .calendar
        .notice_report(alternative, &context.submitted_at)
    {
        Ok(report) if !report.notice_met => problems.push(notice_problem(
            FIELD,
            alternative,
            &report,
            context.calendar.settings(),
        )),
        Ok(_) => {}
        Err(_) => problems.push(problem_for(
            FIELD,
            &labels::ALTERNATIVE_DATE,
            ProblemCode::DateOutOfRange,
        )),
    }
    if let Some(contract) = contract {
        let outside = [
            (
                contract.proactive_care,
                ProblemCode::OutsideProactiveCarePeriod,
            ),
            (contract.option, ProblemCode::OutsideOptionPeriod),
        ]
        .into_iter()
        .find(|(period, _)| !period.is_reversed() && !period.contains(alternative));
        if let Some((period, code)) = outside {
            let (start, end) = (format_date_both(period.start), format_date_both(period.end));
            problems.push(
                Problem::new(
                    FIELD,
                    code,
                    Bilingual::new(
                        format!(
                            "予備日は契約期間（{}～{}）内の日付を選んでください。",
                            start.ja, end.ja
                        ),
                        format!(
                            "Choose an alternative date within the contract period ({} to {}).",
                            start.en, end.en
                        ),
                    ),
                )
                .with_rule("R7"),
            );
        }
    }
}
