//! Eligibility and scope: does this contract, this server, this component and this date
//! qualify — and if not, why, citing the rule (R4, R6, R7, R8, R9, R10, R11).
//!
//! The app's self-check (in the browser) and the server's validation both call
//! [`evaluate`], so the customer sees before submitting exactly what the server will decide.
//!
//! - [`normalize`]: canonical model text.
//! - [`product`]: R8/R10/R11 for a product model.
//! - [`component`]: R8/R9/R10 for a firmware or software item.
//! - [`contract`]: R6 support level, R7 periods, R4 once a year.
//! - [`outlook`]: R5 with R7, whether any work date is possible at all.

pub mod component;
pub mod contract;
pub mod normalize;
pub mod outlook;
pub mod product;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::{format_date_both, Bilingual};
use crate::problem::{Problem, ProblemCode};
use crate::request::fields::{is_hidden_character, to_half_width};

pub use component::{
    classify_component, ComponentCategory, ComponentScope, ComponentVerdict, InventoryKind,
};
pub use contract::{
    check_once_a_year, contract_year, ContractTerms, ContractYear, OnceAYearConflict, Period,
    SupportLevel,
};
pub use normalize::normalize_model;
pub use product::{classify_model, identify_family, ProductFamily, ProductOutcome, ProductVerdict};

/// A server model as typed: not empty once normalised, of a sane length, and shaped like a
/// product name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ModelText(String);

/// Why a text is not a model name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ModelTextError {
    #[error("the model text is empty")]
    Empty,
    #[error("the model text is longer than {} characters", ModelText::MAX_LEN)]
    TooLong,
    /// Markup, a formula, a hidden character, or anything else no product name holds. Such a
    /// text is refused as a field error rather than judged in or out of scope (R8, R11): it
    /// names no product, and stored it would reach the staff's screens and spreadsheets.
    #[error(
        "not a model name: a model starts with a letter or digit and holds letters, digits, \
         spaces and - . / + ( ) , & # : ' _ ® ™ only"
    )]
    NotAModelName,
}

impl ModelText {
    pub const MAX_LEN: usize = 200;

    /// What a model name may hold besides letters, digits (any script) and spaces, once
    /// full-width forms are made half-width: what real names use (`Flex-10/10D`, `Gen10+`,
    /// `ProLiant(R)`, `ProLiant® BL460c`, `c7000 DDR2 Onboard Administrator with KVM`).
    const PUNCTUATION: &'static [char] = &[
        '-', '.', '/', '+', '(', ')', ',', '&', '#', ':', '\'', '_', '®', '™',
    ];

    /// ```
    /// use fwportal_core::eligibility::{ModelText, ModelTextError};
    /// assert_eq!(ModelText::parse(" DL360 Gen11 ").unwrap().as_str(), "DL360 Gen11");
    /// assert_eq!(ModelText::parse("　"), Err(ModelTextError::Empty));
    /// assert_eq!(ModelText::parse("=1+1"), Err(ModelTextError::NotAModelName));
    /// assert_eq!(
    ///     ModelText::parse("HPE ProLiant DL380 Gen10 Plus <img src=x>"),
    ///     Err(ModelTextError::NotAModelName)
    /// );
    /// ```
    pub fn parse(input: &str) -> Result<ModelText, ModelTextError> {
        let trimmed = input.trim_matches(|c: char| c.is_whitespace());
        let hidden = trimmed.chars().any(is_hidden_character);
        if normalize_model(trimmed).is_empty() && !hidden {
            return Err(ModelTextError::Empty);
        }
        if trimmed.chars().count() > Self::MAX_LEN {
            return Err(ModelTextError::TooLong);
        }
        let half: String = trimmed.chars().map(to_half_width).collect();
        let starts_well = half.chars().next().is_some_and(char::is_alphanumeric);
        let shaped = half
            .chars()
            .all(|c| c == ' ' || c.is_alphanumeric() || Self::PUNCTUATION.contains(&c));
        if hidden || !starts_well || !shaped {
            return Err(ModelTextError::NotAModelName);
        }
        Ok(ModelText(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn classify(&self) -> ProductVerdict {
        classify_model(&self.0)
    }
}

/// What eligibility needs to know about a request, independent of HTTP and storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityInput {
    pub support_level: SupportLevel,
    pub proactive_care: Period,
    pub option: Period,
    /// `None` when the customer has not given one yet; the request parser reports that, so
    /// the date rules are then skipped rather than reported twice.
    #[serde(default, with = "crate::dates::wire::option_date")]
    pub work_date: Option<NaiveDate>,
    /// The model text of each server, as typed.
    pub servers: Vec<String>,
    /// Work dates of the contract's update-work requests already accepted (R4).
    #[serde(with = "crate::dates::wire::dates")]
    pub earlier_work_dates: Vec<NaiveDate>,
    /// R4: the option's start date stored with the contract's first accepted request. The
    /// contract year is counted from it, never from what a later request states (which could
    /// otherwise move the year to make room for another update). `None` when the contract has
    /// no accepted request yet (or in the browser, which does not know): then `option.start`.
    #[serde(default, with = "crate::dates::wire::option_date")]
    pub option_start_on_file: Option<NaiveDate>,
}

/// Everything eligibility found in one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Blocking: the request cannot be accepted while any remains.
    pub problems: Vec<Problem>,
    /// Not blocking: the customer may submit, but should confirm with the support centre.
    pub warnings: Vec<Problem>,
    /// The verdict for each server, in the order given.
    pub servers: Vec<ProductVerdict>,
}

impl Assessment {
    pub fn is_eligible(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Field paths, as the app and the server's `422` body name them.
pub mod fields {
    pub const SUPPORT_LEVEL: &str = "contract.support_level";
    pub const PROACTIVE_CARE_END: &str = "contract.proactive_care_end";
    pub const OPTION_END: &str = "contract.option_end";
    pub const WORK_DATE: &str = "work_date";
    pub const SERVERS: &str = "servers";

    pub fn server_model(index: usize) -> String {
        format!("servers[{index}].model")
    }
}

/// Evaluates a whole request and returns every problem at once (R4, R6, R7, R8, R10, R11).
///
/// Excluded (R11) and out-of-scope (R10) servers are problems; servers that need confirmation
/// are warnings. A reversed period is reported once and is not used to judge the work date.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::eligibility::{evaluate, EligibilityInput, Period, SupportLevel};
/// use fwportal_core::problem::ProblemCode;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let input = EligibilityInput {
///     support_level: SupportLevel::FoundationCare,
///     proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
///     option: Period::new(d(2026, 4, 1), d(2027, 3, 31)),
///     work_date: Some(d(2027, 4, 1)),
///     servers: vec!["DL380 Gen10".into(), "Integrity rx2800 i4".into(), "Synergy 480 Gen10".into()],
///     earlier_work_dates: vec![],
///     option_start_on_file: None,
/// };
/// let a = evaluate(&input);
/// let codes: Vec<_> = a.problems.iter().map(|p| (p.field.as_str(), p.code)).collect();
/// assert_eq!(codes, [
///     ("contract.support_level", ProblemCode::NotProactiveCare),
///     ("work_date", ProblemCode::OutsideOptionPeriod),
///     ("servers[1].model", ProblemCode::ProductExcluded),
/// ]);
/// assert_eq!(a.warnings[0].field, "servers[2].model");
/// assert!(!a.is_eligible());
/// ```
pub fn evaluate(input: &EligibilityInput) -> Assessment {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();

    if !input.support_level.qualifies() {
        problems.push(
            Problem::new(
                fields::SUPPORT_LEVEL,
                ProblemCode::NotProactiveCare,
                Bilingual::new(
                    "ファームウェアアップデートオプションは、プロアクティブケアのご契約にのみ付加できます。ご契約のサポートレベルをご確認ください。",
                    "The Firmware Update Option is available only with a Proactive Care contract. Please check your contract's support level.",
                ),
            )
            .with_rule("R6"),
        );
    }

    let periods = [
        (
            &input.proactive_care,
            fields::PROACTIVE_CARE_END,
            ProblemCode::OutsideProactiveCarePeriod,
            ("プロアクティブケアの契約期間", "Proactive Care period"),
        ),
        (
            &input.option,
            fields::OPTION_END,
            ProblemCode::OutsideOptionPeriod,
            (
                "ファームウェアアップデートオプションの契約期間",
                "option's period",
            ),
        ),
    ];
    for (period, end_field, outside_code, (name_ja, name_en)) in periods {
        if period.is_reversed() {
            problems.push(
                Problem::new(
                    end_field,
                    ProblemCode::PeriodReversed,
                    Bilingual::new(
                        format!("{name_ja}の終了日が開始日より前になっています。契約書の日付をご確認ください。"),
                        format!("The {name_en} ends before it starts. Please check the dates on your contract."),
                    ),
                )
                .with_rule("R7"),
            );
            continue;
        }
        if let Some(work_date) = input.work_date.filter(|d| !period.contains(*d)) {
            let (work, start, end) = (
                format_date_both(work_date),
                format_date_both(period.start),
                format_date_both(period.end),
            );
            problems.push(
                Problem::new(
                    fields::WORK_DATE,
                    outside_code,
                    Bilingual::new(
                        format!(
                            "作業予定日（{}）が{name_ja}（{}～{}）の外にあります。期間内の日付を選んでください。",
                            work.ja, start.ja, end.ja
                        ),
                        format!(
                            "The work date ({}) is outside the {name_en} ({} to {}). Choose a date within it.",
                            work.en, start.en, end.en
                        ),
                    ),
                )
                .with_rule("R7"),
            );
        }
    }

    // R4 counts contract years from the stored option start when there is one; a reversed
    // period as typed gives no year to count from.
    let year_basis = input
        .option_start_on_file
        .or((!input.option.is_reversed()).then_some(input.option.start));
    if let (Some(option_start), Some(work_date)) = (year_basis, input.work_date) {
        if check_once_a_year(option_start, work_date, &input.earlier_work_dates).is_err() {
            problems.push(once_a_year_problem());
        }
    }

    let servers = assess_servers(&input.servers);
    problems.extend(servers.problems);
    warnings.extend(servers.warnings);

    Assessment {
        problems,
        warnings,
        servers: servers.servers,
    }
}

/// R4: the refusal of a second update work in one contract year. It says that this contract
/// year's update is already booked and where to ask, and nothing about the booking: whoever
/// knows a contract number must not learn when engineers will be on site, nor the other
/// request's reference. (The contract year's dates are left out too: they would tell the
/// stored option start.)
///
/// ```
/// use fwportal_core::eligibility::once_a_year_problem;
/// let p = once_a_year_problem();
/// assert_eq!((p.field.as_str(), p.rule.as_deref()), ("work_date", Some("R4")));
/// // No date in either language: no month (月), no year (20xx).
/// assert!(!p.message_ja.contains('月') && !p.message_en.contains("20"));
/// ```
pub fn once_a_year_problem() -> Problem {
    Problem::new(
        fields::WORK_DATE,
        ProblemCode::OnceAYear,
        Bilingual::new(
            "この契約年のアップデート作業は、すでにお申込みを受け付けています。アップデート作業は契約年ごとに1回です。日程の変更やご不明な点は、ページ下部の受付時間内にアドバンストソリューションセンターのサポート窓口へお問い合わせください。バージョン選定のご相談は、回数の制限なくお申し込みいただけます。",
            "The update work for this contract year is already booked: the update work is done once per contract year. To change the booking or ask about it, contact the Advanced Solution Center's support desk during the hours shown at the foot of the page. Version consultations are not limited.",
        ),
    )
    .with_rule("R4")
}

/// The server part of [`evaluate`] alone (R8, R10, R11): what the self-check shows while the
/// contract is not yet filled in, and what a request is checked with when its contract fields
/// do not parse.
///
/// ```
/// use fwportal_core::eligibility::{assess_servers, ProductOutcome};
/// let assessment = assess_servers(&["DL380 Gen10".to_owned(), "Moonshot 1500".to_owned()]);
/// assert_eq!(assessment.servers[0].outcome, ProductOutcome::Eligible);
/// assert_eq!(assessment.problems[0].field, "servers[1].model");
/// ```
pub fn assess_servers(models: &[String]) -> Assessment {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    if models.is_empty() {
        problems.push(
            Problem::new(
                fields::SERVERS,
                ProblemCode::Required,
                Bilingual::new(
                    "対象のサーバーを1台以上入力してください。",
                    "Enter at least one server.",
                ),
            )
            .with_rule("R8"),
        );
    }
    let mut servers = Vec::with_capacity(models.len());
    for (index, text) in models.iter().enumerate() {
        let field = fields::server_model(index);
        let model = match ModelText::parse(text) {
            Ok(model) => model,
            Err(error) => {
                problems.push(model_text_problem(&field, error));
                servers.push(ProductVerdict::for_family(ProductFamily::Unrecognised));
                continue;
            }
        };
        let verdict = model.classify();
        let code = match verdict.outcome {
            ProductOutcome::Eligible => None,
            ProductOutcome::Excluded => Some(ProblemCode::ProductExcluded),
            ProductOutcome::OutOfScope => Some(ProblemCode::ProductOutOfScope),
            ProductOutcome::NeedsConfirmation => Some(ProblemCode::ProductNeedsConfirmation),
        };
        if let Some(code) = code {
            let problem = Problem::new(field, code, verdict.message()).with_rule(&verdict.rule);
            if verdict.outcome.is_blocking() {
                problems.push(problem);
            } else {
                warnings.push(problem);
            }
        }
        servers.push(verdict);
    }

    Assessment {
        problems,
        warnings,
        servers,
    }
}

fn model_text_problem(field: &str, error: ModelTextError) -> Problem {
    let (code, message) = match error {
        ModelTextError::Empty => (
            ProblemCode::Required,
            Bilingual::new(
                "サーバーのモデル名を入力してください（例: ProLiant DL380 Gen10 Plus）。",
                "Enter the server's model (for example ProLiant DL380 Gen10 Plus).",
            ),
        ),
        ModelTextError::NotAModelName => (
            ProblemCode::InvalidCharacters,
            Bilingual::new(
                "サーバーのモデル名として読み取れません。モデル名は英字か数字で始まり、英字・数字・スペースと「- . / + ( ) , & # : ' _」だけでできています。銘板やiLOに表示されるモデル名を入力してください（例: ProLiant DL380 Gen10 Plus）。",
                "This is not a server model. A model starts with a letter or digit and holds only letters, digits, spaces and - . / + ( ) , & # : ' _. Enter the model as shown on the server's label or in the iLO (for example ProLiant DL380 Gen10 Plus).",
            ),
        ),
        ModelTextError::TooLong => (
            ProblemCode::TooLong,
            Bilingual::new(
                format!(
                    "サーバーのモデル名は{}文字以内で入力してください。",
                    ModelText::MAX_LEN
                ),
                format!(
                    "The server model must be {} characters or fewer.",
                    ModelText::MAX_LEN
                ),
            ),
        ),
    };
    let problem = Problem::new(field, code, message);
    match error {
        // Not a product at all, so no scope rule (R8) is cited.
        ModelTextError::NotAModelName => problem,
        ModelTextError::Empty | ModelTextError::TooLong => problem.with_rule("R8"),
    }
}
