//! The answers as a list of "question — answer (— change)": the check-answers page (with change
//! links that come back to it) and the status page (read only) show the same list.

use fwportal_core::dates::hour_minute;
use fwportal_core::eligibility::{classify_model, ProductOutcome};
use fwportal_core::i18n::format_date;
use fwportal_core::request::fields::{
    parse_date, parse_time, ContractNumber, EmailAddress, PhoneNumber, SerialNumber,
};
use fwportal_core::request::parse_cc;
use fwportal_core::request::{RequestDraft, UpdateMethod};
use leptos::prelude::*;

use crate::components::form::use_lang;
use crate::components::servers::{ILO, SYSTEM_ROM};
use crate::i18n::*;
use crate::wizard::{is_consultation, Step};

/// A date as the page's language writes it, or the text as typed when it is not a date.
fn date_text(text: &str, lang: fwportal_core::i18n::Lang) -> String {
    parse_date(text)
        .map(|d| format_date(d, lang))
        .unwrap_or_else(|_| text.to_owned())
}

/// An answer that is a date or a period ("A – B") with each date kept on one line (issue 14,
/// item 14: "2026年11月／30日"); any other answer as it is.
fn dates_unbroken(answer: String) -> AnyView {
    let parts: Vec<&str> = answer.split(" – ").collect();
    if !parts.iter().all(|p| parse_date(p).is_ok()) {
        return answer.into_any();
    }
    let mut shown = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            shown.push(view! { " – " }.into_any());
        }
        shown.push(view! { <span class="fw-nowrap">{part.to_owned()}</span> }.into_any());
    }
    shown.into_any()
}

/// The value as it will be stored (half-width, trimmed, upper-case codes) when it parses, else
/// as typed: the check page shows what the server will keep.
fn shown<E>(parsed: Result<String, E>, typed: &str) -> String {
    parsed.unwrap_or_else(|_| typed.to_owned())
}

/// "iLO 3.08", not "iLO iLO 5 v3.08" when the version typed already starts with the name.
fn named_version(name: &str, version: &str) -> String {
    let version = version.trim();
    let starts = version
        .get(..name.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(name));
    if starts {
        version.to_owned()
    } else {
        format!("{name} {version}")
    }
}

#[component]
pub fn AnswerList(#[prop(into)] draft: Signal<RequestDraft>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // (page, anchor, question, answer)
    let rows = move || {
        let d = draft.get();
        let lang = lang();
        let date = |s: &str| date_text(s, lang);
        let period = |a: &str, b: &str| format!("{} – {}", date(a), date(b));
        let level = match d.contract.support_level.as_str() {
            "proactive_care" => t_string!(i18n, contract.level_proactive_care).into_owned(),
            "foundation_care" => t_string!(i18n, contract.level_foundation_care).into_owned(),
            "datacenter_care" => t_string!(i18n, contract.level_datacenter_care).into_owned(),
            "other" => t_string!(i18n, contract.level_other).into_owned(),
            other => other.to_owned(),
        };
        let mut rows: Vec<(Step, String, String, String)> = vec![
            (
                Step::Contract,
                "contact-company".into(),
                t_string!(i18n, contract.company).into(),
                d.contact.company.clone(),
            ),
            (
                Step::Contract,
                "contact-department".into(),
                t_string!(i18n, contract.department).into(),
                d.contact.department.clone(),
            ),
            (
                Step::Contract,
                "contact-name".into(),
                t_string!(i18n, contract.name).into(),
                d.contact.name.clone(),
            ),
            (
                Step::Contract,
                "contact-name-kana".into(),
                t_string!(i18n, contract.name_kana).into(),
                d.contact.name_kana.clone(),
            ),
            (
                Step::Contract,
                "contact-email".into(),
                t_string!(i18n, contract.email).into(),
                shown(
                    EmailAddress::parse(&d.contact.email).map(|e| e.as_str().to_owned()),
                    &d.contact.email,
                ),
            ),
            (
                Step::Contract,
                "contact-cc".into(),
                t_string!(i18n, contract.cc).into(),
                shown(
                    parse_cc(&d.contact.cc).map(|list| {
                        list.iter()
                            .map(|a| a.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                    &d.contact.cc,
                ),
            ),
            (
                Step::Contract,
                "contact-phone".into(),
                t_string!(i18n, contract.phone).into(),
                shown(
                    PhoneNumber::parse(&d.contact.phone).map(|p| p.as_str().to_owned()),
                    &d.contact.phone,
                ),
            ),
            (
                Step::Contract,
                "contract-number".into(),
                t_string!(i18n, contract.number).into(),
                shown(
                    ContractNumber::parse(&d.contract.number).map(|n| n.to_string()),
                    &d.contract.number,
                ),
            ),
            (
                Step::Contract,
                "contract-support-level".into(),
                t_string!(i18n, contract.support_level).into(),
                level,
            ),
            (
                Step::Contract,
                "contract-proactive-care-start".into(),
                t_string!(i18n, answers.pc_period).into(),
                period(
                    &d.contract.proactive_care_start,
                    &d.contract.proactive_care_end,
                ),
            ),
            (
                Step::Contract,
                "contract-option-start".into(),
                t_string!(i18n, answers.option_period).into(),
                period(&d.contract.option_start, &d.contract.option_end),
            ),
        ];
        for (i, s) in d.servers.iter().enumerate() {
            let verdict = match classify_model(&s.model).outcome {
                ProductOutcome::Eligible => t_string!(i18n, check.verdict_eligible),
                ProductOutcome::Excluded => t_string!(i18n, check.verdict_excluded),
                ProductOutcome::OutOfScope => t_string!(i18n, check.verdict_out_of_scope),
                ProductOutcome::NeedsConfirmation => t_string!(i18n, check.verdict_confirm),
            };
            // Every firmware version the request carries, the two asked ones first.
            let rank = |name: &str| match name {
                n if n == SYSTEM_ROM => 0,
                n if n == ILO => 1,
                _ => 2,
            };
            let mut items: Vec<_> = s.firmware.iter().collect();
            items.sort_by_key(|f| rank(&f.name));
            let firmware: Vec<String> = items
                .into_iter()
                .map(|f| named_version(&f.name, &f.version))
                .collect();
            let mut answer = format!(
                "{} / {}: {} — {}",
                s.model,
                t_string!(i18n, servers.serial),
                shown(
                    SerialNumber::parse(&s.serial_number).map(|n| n.as_str().to_owned()),
                    &s.serial_number
                ),
                verdict
            );
            if !firmware.is_empty() {
                answer.push_str(&format!(" ({})", firmware.join(", ")));
            }
            rows.push((
                Step::Servers,
                format!("servers-{i}-model"),
                format!("{} {}", t_string!(i18n, servers.server), i + 1),
                answer,
            ));
        }
        let method = if is_consultation(&d) {
            t_string!(i18n, version.consult).into_owned()
        } else {
            match d.update_method.as_str() {
                "spp" => UpdateMethod::Spp.label(lang).to_owned(),
                "firmware" => UpdateMethod::Firmware.label(lang).to_owned(),
                other => other.to_owned(),
            }
        };
        rows.push((
            Step::Version,
            "update-method".into(),
            t_string!(i18n, version.method_legend).into(),
            method,
        ));
        if !is_consultation(&d) {
            rows.push((
                Step::Version,
                "target-version".into(),
                t_string!(i18n, version.target).into(),
                d.target_version.clone(),
            ));
            // The statements by count, not by rule code: the codes are the desk's words.
            rows.push((
                Step::Responsibilities,
                "acknowledgements".into(),
                t_string!(i18n, answers.acknowledged).into(),
                format!(
                    "{}{}",
                    d.acknowledgements.len(),
                    t_string!(i18n, answers.acknowledged_items)
                ),
            ));
            let when = format!(
                "{} {}",
                date(&d.work_date),
                shown(
                    parse_time(&d.work_start_time).map(hour_minute),
                    &d.work_start_time
                )
            );
            rows.push((
                Step::Schedule,
                "work-date".into(),
                t_string!(i18n, schedule.work_date).into(),
                when,
            ));
            rows.push((
                Step::Schedule,
                "alternative-work-date".into(),
                t_string!(i18n, schedule.alternative).into(),
                date(&d.alternative_work_date),
            ));
            rows.push((
                Step::Schedule,
                "site-address".into(),
                t_string!(i18n, schedule.site).into(),
                d.site_address.clone(),
            ));
            rows.push((
                Step::Schedule,
                "onsite-contact".into(),
                t_string!(i18n, schedule.onsite).into(),
                d.onsite_contact.clone(),
            ));
        }
        if is_consultation(&d) {
            rows.push((
                Step::Version,
                "consultation-topic".into(),
                t_string!(i18n, version.consult_topic).into(),
                d.consultation_topic.clone(),
            ));
            rows.push((
                Step::Version,
                "preferred-contact-time".into(),
                t_string!(i18n, version.consult_time).into(),
                d.preferred_contact_time.clone(),
            ));
        } else {
            rows.push((
                Step::Schedule,
                "notes".into(),
                t_string!(i18n, schedule.notes).into(),
                d.notes.clone(),
            ));
        }
        rows
    };
    view! {
        <dl class="fw-summary-list">
            {move || {
                rows()
                    .into_iter()
                    .map(|(step, anchor, question, answer)| {
                        let change = editable
                            .then(|| {
                                let href = format!("{}?return=check#{anchor}", step.path());
                                view! {
                                    <dd class="fw-summary-list__actions">
                                        <a href=href data-testid=format!("change-{anchor}")>
                                            {crate::tr!(i18n, answers.change)}
                                            <span class="fw-visually-hidden">
                                                {format!(" {question}")}
                                            </span>
                                        </a>
                                    </dd>
                                }
                            });
                        view! {
                            <div class="fw-summary-list__row">
                                <dt class="fw-summary-list__key">{question}</dt>
                                <dd class="fw-summary-list__value">{dates_unbroken(answer)}</dd>
                                {change}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </dl>
    }
}
