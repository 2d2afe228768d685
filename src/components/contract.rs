//! The contract's fields (number, support level, both periods) and the live answer for them
//! (R6, R7), shared by the self-check and the request.

use chrono::NaiveDate;
use fwportal_core::eligibility::outlook::{self, WorkDateOutlook};
use fwportal_core::eligibility::{Period, SupportLevel};
use fwportal_core::i18n::format_date;
use fwportal_core::problem::ProblemCode;
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;

use crate::components::field_error::FieldError;

use crate::components::form::{bind, field_error, use_lang};
use crate::components::text_field::{normalise_date, TextField};
use crate::i18n::*;
use crate::text;
use crate::wizard::{now, use_wizard};

const LEVELS: [&str; 4] = [
    "proactive_care",
    "foundation_care",
    "datacenter_care",
    "other",
];

#[component]
pub fn ContractFields(
    /// The contract number is asked in the request, not in the self-check.
    with_number: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let (number, set_number) = bind(
        wizard,
        |d| d.contract.number.clone(),
        |d, v| d.contract.number = v,
    );
    let (level, set_level) = bind(
        wizard,
        |d| d.contract.support_level.clone(),
        |d, v| d.contract.support_level = v,
    );
    let (pc_start, set_pc_start) = bind(
        wizard,
        |d| d.contract.proactive_care_start.clone(),
        |d, v| d.contract.proactive_care_start = v,
    );
    let (pc_end, set_pc_end) = bind(
        wizard,
        |d| d.contract.proactive_care_end.clone(),
        |d, v| d.contract.proactive_care_end = v,
    );
    let (opt_start, set_opt_start) = bind(
        wizard,
        |d| d.contract.option_start.clone(),
        |d, v| d.contract.option_start = v,
    );
    let (opt_end, set_opt_end) = bind(
        wizard,
        |d| d.contract.option_end.clone(),
        |d, v| d.contract.option_end = v,
    );
    let level_error = field_error("contract.support_level");
    let level_name = move |code: &str| match code {
        "proactive_care" => t_string!(i18n, contract.level_proactive_care),
        "foundation_care" => t_string!(i18n, contract.level_foundation_care),
        "datacenter_care" => t_string!(i18n, contract.level_datacenter_care),
        _ => t_string!(i18n, contract.level_other),
    };
    let date_hint = text!(i18n, common.date_hint);
    view! {
        <fieldset class="fw-fieldset">
            <legend class="fw-fieldset__legend">{crate::tr!(i18n, contract.contract_legend)}</legend>
            {with_number
                .then(|| {
                    view! {
                        <TextField
                            id="contract-number"
                            label=text!(i18n, contract.number)
                            hint=text!(i18n, contract.number_hint)
                            value=number
                            on_input=set_number
                            error=field_error("contract.number")
                            autocomplete="off"
                            width_class="fw-input--medium"
                        />
                    }
                })}
            <div class="fw-field" class:fw-field--error=move || level_error.get().is_some()>
                <label class="fw-field__label" for="contract-support-level">
                    {crate::tr!(i18n, contract.support_level)}
                </label>
                <p class="fw-field__hint" id="contract-support-level-hint">
                    {crate::tr!(i18n, contract.support_level_hint)}
                </p>
                <FieldError message=level_error id="contract-support-level-error" />
                <select
                    class="fw-select"
                    id="contract-support-level"
                    name="contract-support-level"
                    aria-describedby=move || {
                        if level_error.get().is_some() {
                            "contract-support-level-hint contract-support-level-error"
                        } else {
                            "contract-support-level-hint"
                        }
                    }
                    aria-invalid=move || level_error.get().is_some().to_string()
                    prop:value=move || level.get()
                    on:change=move |ev| set_level.run(event_target_value(&ev))
                >
                    <option value="" selected=move || level.get().is_empty()>
                        {crate::tr!(i18n, contract.level_choose)}
                    </option>
                    {LEVELS
                        .into_iter()
                        .map(|code| {
                            view! {
                                <option value=code selected=move || level.get() == code>
                                    {move || level_name(code)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="fw-field-pair">
                <TextField
                    id="contract-proactive-care-start"
                    label=text!(i18n, contract.pc_start)
                    hint=date_hint
                    value=pc_start
                    on_input=set_pc_start
                    error=field_error("contract.proactive_care_start")
                    inputmode="numeric"
                    width_class="fw-input--short"
                    normalise=normalise_date
                />
                <TextField
                    id="contract-proactive-care-end"
                    label=text!(i18n, contract.pc_end)
                    hint=date_hint
                    value=pc_end
                    on_input=set_pc_end
                    error=field_error("contract.proactive_care_end")
                    inputmode="numeric"
                    width_class="fw-input--short"
                    normalise=normalise_date
                />
            </div>
            <div class="fw-field-pair">
                <TextField
                    id="contract-option-start"
                    label=text!(i18n, contract.option_start)
                    hint=date_hint
                    value=opt_start
                    on_input=set_opt_start
                    error=field_error("contract.option_start")
                    inputmode="numeric"
                    width_class="fw-input--short"
                    normalise=normalise_date
                />
                <TextField
                    id="contract-option-end"
                    label=text!(i18n, contract.option_end)
                    hint=date_hint
                    value=opt_end
                    on_input=set_opt_end
                    error=field_error("contract.option_end")
                    inputmode="numeric"
                    width_class="fw-input--short"
                    normalise=normalise_date
                />
            </div>
        </fieldset>
    }
}

/// The days the work may fall on: inside both periods (R7). `None` until all four dates parse.
pub fn work_window(draft: &fwportal_core::request::RequestDraft) -> Option<Result<Period, ()>> {
    let (pc, opt) = periods(draft)?;
    Some(outlook::work_window(pc, opt).ok_or(()))
}

/// Both periods as typed, once all four dates parse.
fn periods(draft: &fwportal_core::request::RequestDraft) -> Option<(Period, Period)> {
    let c = &draft.contract;
    let d = |s: &str| parse_date(s).ok();
    Some((
        Period::new(d(&c.proactive_care_start)?, d(&c.proactive_care_end)?),
        Period::new(d(&c.option_start)?, d(&c.option_end)?),
    ))
}

/// The fields whose problems the answer repeats as they are typed: the four dates.
const PERIOD_FIELDS: [&str; 4] = [
    "contract.proactive_care_start",
    "contract.proactive_care_end",
    "contract.option_start",
    "contract.option_end",
];

/// The answer for the contract, as it is typed (R5, R6, R7): text and a mark, never colour
/// alone. A date that is not one, a reversed period and a contract on which no work date can
/// meet both the notice and the periods are said here at once (the rules' own messages, so
/// the words match the server's), and the possible days only when there are some.
#[component]
pub fn ContractAnswer() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let level = Memo::new(move |_| wizard.draft.with(|d| d.contract.support_level.clone()));
    // The rules' problems with the dates typed so far; an empty field is not nagged about here.
    let date_problems = Memo::new(move |_| {
        wizard.calendar.track();
        let typed: Vec<&str> = wizard.draft.with(|d| {
            let c = &d.contract;
            [
                &c.proactive_care_start,
                &c.proactive_care_end,
                &c.option_start,
                &c.option_end,
            ]
            .iter()
            .zip(PERIOD_FIELDS)
            .filter(|(v, _)| !v.trim().is_empty())
            .map(|(_, f)| f)
            .collect()
        });
        wizard
            .check_all()
            .into_iter()
            .filter(|p| typed.contains(&p.field.as_str()))
            .collect::<Vec<_>>()
    });
    let outlook = Memo::new(move |_| {
        let calendar = wizard.calendar.get().unwrap_or_default();
        let (pc, opt) = wizard.draft.with(periods)?;
        let received = calendar.received_on(&now()).ok()?;
        outlook::work_date_outlook(&calendar, received, pc, opt)
            .ok()
            .flatten()
    });
    let no_work_date = move || {
        date_problems.with(|list| {
            list.iter()
                .any(|p| p.code == ProblemCode::NoWorkDatePossible)
        })
    };
    let consult = move |_| {
        wizard
            .draft
            .update(|d| d.kind = "version_consultation".to_owned())
    };
    let date = move |d: NaiveDate| format_date(d, lang());
    view! {
        <div class="fw-answers" aria-live="polite" data-testid="contract-answer">
            {move || {
                let level = level.get();
                (!level.is_empty())
                    .then(|| {
                        let ok = level == "proactive_care"
                            && SupportLevel::ProactiveCare.qualifies();
                        if ok {
                            view! {
                                <p class="fw-verdict fw-verdict--eligible">
                                    <span class="fw-verdict__mark" aria-hidden="true">"✓"</span>
                                    <strong>{crate::tr!(i18n, check.verdict_eligible)}</strong>
                                    " "
                                    {crate::tr!(i18n, check.contract_ok)}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="fw-verdict fw-verdict--blocked">
                                    <span class="fw-verdict__mark" aria-hidden="true">"✗"</span>
                                    <strong>{crate::tr!(i18n, check.verdict_not_eligible)}</strong>
                                    " "
                                    {crate::tr!(i18n, check.contract_not_pc)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
            {move || {
                date_problems
                    .get()
                    .into_iter()
                    .map(|p| {
                        view! {
                            <p class="fw-verdict fw-verdict--blocked" data-testid="contract-date-problem">
                                <span class="fw-verdict__mark" aria-hidden="true">"✗"</span>
                                {p.message(lang()).to_owned()}
                            </p>
                        }
                    })
                    .collect_view()
            }}
            {move || {
                no_work_date()
                    .then(|| {
                        view! {
                            <p>
                                {crate::tr!(i18n, check.consult_instead)}
                                " "
                                <button
                                    type="button"
                                    class="fw-link-button"
                                    data-testid="consult-instead"
                                    on:click=consult
                                >
                                    {crate::tr!(i18n, check.consult_instead_button)}
                                </button>
                            </p>
                        }
                    })
            }}
            {move || {
                // Only for a qualifying contract is there a day to choose at all (R6).
                let qualifies = level.with(|l| l == "proactive_care");
                match outlook.get() {
                    Some(WorkDateOutlook::Possible { first, last }) if qualifies => {
                        Some(
                            view! {
                                <p class="fw-verdict fw-verdict--info" data-testid="contract-window">
                                    <span class="fw-verdict__mark" aria-hidden="true">"ⓘ"</span>
                                    {crate::tr!(i18n, check.window)}
                                    " "
                                    <span class="fw-nowrap">{date(first)}</span>
                                    " – "
                                    <span class="fw-nowrap">{date(last)}</span>
                                    " "
                                    {crate::tr!(i18n, check.window_earliest)}
                                    " "
                                    <strong class="fw-nowrap" data-testid="check-earliest">
                                        {date(first)}
                                    </strong>
                                </p>
                            },
                        )
                    }
                    _ => None,
                }
            }}
        </div>
    }
}
