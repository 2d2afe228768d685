//! The contract registry: the facts of a contract as the operator imports them or the desk
//! corrects them (issue 15). When the registry knows a contract, its level and periods decide
//! R6, R7 and R4 for every submission; what a customer types is only compared with them.
//!
//! A record arrives as text (a CSV row, a desk form) and is parsed whole: every problem of it
//! at once, with the field it belongs to, so an import can report each line's mistakes.

use serde::{Deserialize, Serialize};

use crate::eligibility::contract::{ContractTerms, Period, SupportLevel};
use crate::i18n::Bilingual;
use crate::problem::{Problem, ProblemCode};
use crate::request::fields::{parse_date, ContractNumber, Text};

/// The longest customer name kept with a contract.
pub const MAX_CUSTOMER: usize = 100;

/// A contract record as typed: every value a string. The field names are the import file's
/// column names and the desk API's.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractRecordDraft {
    pub contract_number: String,
    pub customer: String,
    /// `proactive_care`, `foundation_care`, `datacenter_care` or `other`.
    pub support_level: String,
    pub proactive_care_start: String,
    pub proactive_care_end: String,
    pub option_start: String,
    pub option_end: String,
}

/// A record whose every field passed its parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRecord {
    pub number: ContractNumber,
    pub customer: Text,
    pub terms: ContractTerms,
}

fn field_problem(field: &str, code: ProblemCode, ja: &str, en: &str) -> Problem {
    let message = match code {
        ProblemCode::Required => Bilingual::new(format!("{ja}を入力してください。"), format!("Enter {en}.")),
        ProblemCode::TooLong => Bilingual::new(
            format!("{ja}が長すぎます。"),
            format!("{en} is too long."),
        ),
        ProblemCode::InvalidDate | ProblemCode::DateOutOfRange => Bilingual::new(
            format!("{ja}は2000年から2099年までの実在する日付を「2027-01-08」の形式で入力してください。"),
            format!("Enter {en} as a real date between 2000 and 2099 in the form 2027-01-08."),
        ),
        ProblemCode::InvalidChoice => Bilingual::new(
            format!("{ja}は proactive_care、foundation_care、datacenter_care、other のいずれかです。"),
            format!("{en} is one of proactive_care, foundation_care, datacenter_care, other."),
        ),
        _ => Bilingual::new(
            format!("{ja}に使えない文字が含まれています。"),
            format!("{en} contains characters that cannot be used."),
        ),
    };
    Problem::new(field, code, message)
}

impl ContractRecordDraft {
    /// Parses the record: every problem at once, or the record.
    ///
    /// ```
    /// use fwportal_core::registry::ContractRecordDraft;
    /// let draft = ContractRecordDraft {
    ///     contract_number: "pc-0012".into(),
    ///     customer: "日本ヒューレット".into(),
    ///     support_level: "proactive_care".into(),
    ///     proactive_care_start: "2026-04-01".into(),
    ///     proactive_care_end: "2029-03-31".into(),
    ///     option_start: "2026-04-01".into(),
    ///     option_end: "2029-03-31".into(),
    /// };
    /// assert_eq!(draft.parse().unwrap().number.as_str(), "PC-0012");
    /// ```
    pub fn parse(&self) -> Result<ContractRecord, Vec<Problem>> {
        let mut problems = Vec::new();
        let number = ContractNumber::parse(&self.contract_number)
            .map_err(|code| {
                problems.push(field_problem(
                    "contract_number",
                    code,
                    "契約番号",
                    "the contract number",
                ))
            })
            .ok();
        let customer = Text::required(&self.customer, MAX_CUSTOMER)
            .map_err(|code| {
                problems.push(field_problem("customer", code, "お客様名", "the customer"))
            })
            .ok();
        let level = match self.support_level.trim() {
            "" => {
                problems.push(field_problem(
                    "support_level",
                    ProblemCode::Required,
                    "サポート契約の種類",
                    "the support level",
                ));
                None
            }
            code => SupportLevel::from_code(code).or_else(|| {
                problems.push(field_problem(
                    "support_level",
                    ProblemCode::InvalidChoice,
                    "サポート契約の種類",
                    "the support level",
                ));
                None
            }),
        };
        let mut date = |field: &str, text: &str, ja: &str, en: &str| {
            parse_date(text)
                .map_err(|code| problems.push(field_problem(field, code, ja, en)))
                .ok()
        };
        let pc_start = date(
            "proactive_care_start",
            &self.proactive_care_start,
            "プロアクティブケアの開始日",
            "the Proactive Care start date",
        );
        let pc_end = date(
            "proactive_care_end",
            &self.proactive_care_end,
            "プロアクティブケアの終了日",
            "the Proactive Care end date",
        );
        let option_start = date(
            "option_start",
            &self.option_start,
            "オプションの開始日",
            "the option's start date",
        );
        let option_end = date(
            "option_end",
            &self.option_end,
            "オプションの終了日",
            "the option's end date",
        );
        let mut period = |field: &str, start: Option<_>, end: Option<_>| {
            let (start, end) = (start?, end?);
            let period = Period::new(start, end);
            if period.is_reversed() {
                problems.push(
                    Problem::new(
                        field,
                        ProblemCode::PeriodReversed,
                        Bilingual::new(
                            "終了日が開始日より前です。",
                            "The end date is before the start date.",
                        ),
                    )
                    .with_rule("R7"),
                );
                return None;
            }
            Some(period)
        };
        let proactive_care = period("proactive_care_end", pc_start, pc_end);
        let option = period("option_end", option_start, option_end);
        match (number, customer, level, proactive_care, option) {
            (
                Some(number),
                Some(customer),
                Some(support_level),
                Some(proactive_care),
                Some(option),
            ) if problems.is_empty() => Ok(ContractRecord {
                number,
                customer,
                terms: ContractTerms {
                    support_level,
                    proactive_care,
                    option,
                },
            }),
            _ => Err(problems),
        }
    }
}

impl ContractRecord {
    /// The record in its wire form, normalised.
    pub fn to_draft(&self) -> ContractRecordDraft {
        ContractRecordDraft {
            contract_number: self.number.as_str().to_owned(),
            customer: self.customer.to_string(),
            support_level: self.terms.support_level.as_str().to_owned(),
            proactive_care_start: crate::dates::iso_date(self.terms.proactive_care.start),
            proactive_care_end: crate::dates::iso_date(self.terms.proactive_care.end),
            option_start: crate::dates::iso_date(self.terms.option.start),
            option_end: crate::dates::iso_date(self.terms.option.end),
        }
    }
}

/// What a submission for a contract the registry does not know gets (an operator's setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownContracts {
    /// Accepted, its terms filed from the request and flagged for the desk to confirm.
    #[default]
    Accept,
    /// Refused with a message that asks the customer to contact the desk.
    Refuse,
}

/// The refusal of a contract number the registry does not know (with [`UnknownContracts::Refuse`]).
/// It says nothing about other contracts: only that this number cannot be taken here.
pub fn unknown_contract_problem() -> Problem {
    Problem::new(
        "contract.number",
        ProblemCode::ContractUnknown,
        Bilingual::new(
            "この契約番号ではポータルからお申し込みいただけません。契約番号をご確認のうえ、サポート窓口にお問い合わせください。",
            "Requests for this contract number cannot be made in the portal. Check the number, then contact the support desk.",
        ),
    )
    .with_rule("R6")
}
