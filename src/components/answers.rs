//! The answers as a list of "question — answer (— change)": the check-answers page (with change
//! links that come back to it) and the status page (read only) show the same list.

use fwportal_core::eligibility::{classify_model, ProductOutcome};
use fwportal_core::i18n::format_date;
use fwportal_core::request::fields::parse_date;
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
                "contact-name".into(),
                t_string!(i18n, contract.name).into(),
                d.contact.name.clone(),
            ),
            (
                Step::Contract,
                "contact-email".into(),
                t_string!(i18n, contract.email).into(),
                d.contact.email.clone(),
            ),
            (
                Step::Contract,
                "contact-phone".into(),
                t_string!(i18n, contract.phone).into(),
                d.contact.phone.clone(),
            ),
            (
                Step::Contract,
                "contract-number".into(),
                t_string!(i18n, contract.number).into(),
                d.contract.number.clone(),
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
            let firmware: Vec<String> = [SYSTEM_ROM, ILO]
                .iter()
                .filter_map(|name| {
                    s.firmware
                        .iter()
                        .find(|f| f.name == *name)
                        .map(|f| format!("{} {}", f.name, f.version))
                })
                .collect();
            let mut answer = format!(
                "{} / {}: {} — {}",
                s.model,
                t_string!(i18n, servers.serial),
                s.serial_number,
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
            rows.push((
                Step::Responsibilities,
                "acknowledgements".into(),
                t_string!(i18n, answers.acknowledged).into(),
                d.acknowledgements.join(", "),
            ));
            let when = format!("{} {}", date(&d.work_date), d.work_start_time);
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
        rows.push((
            Step::Schedule,
            "notes".into(),
            t_string!(i18n, schedule.notes).into(),
            d.notes.clone(),
        ));
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
                                <dd class="fw-summary-list__value">{answer}</dd>
                                {change}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </dl>
    }
}
