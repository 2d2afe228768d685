//! The contract's fields (number, support level, both periods) and the live answer for them
//! (R6, R7), shared by the self-check and the request.

use chrono::NaiveDate;
use fwportal_core::eligibility::{Period, SupportLevel};
use fwportal_core::i18n::format_date;
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;

use crate::components::field_error::FieldError;

use crate::components::form::{bind, field_error, use_lang};
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::text;
use crate::wizard::use_wizard;

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
                />
            </div>
        </fieldset>
    }
}

/// The days the work may fall on: inside both periods (R7). `None` until all four dates parse.
pub fn work_window(draft: &fwportal_core::request::RequestDraft) -> Option<Result<Period, ()>> {
    let c = &draft.contract;
    let d = |s: &str| parse_date(s).ok();
    let pc = Period::new(d(&c.proactive_care_start)?, d(&c.proactive_care_end)?);
    let opt = Period::new(d(&c.option_start)?, d(&c.option_end)?);
    if pc.is_reversed() || opt.is_reversed() {
        return Some(Err(()));
    }
    let window = Period::new(pc.start.max(opt.start), pc.end.min(opt.end));
    Some(if window.is_reversed() {
        Err(())
    } else {
        Ok(window)
    })
}

/// The answer for the contract, as it is typed (R6, R7): text and a mark, never colour alone.
#[component]
pub fn ContractAnswer() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let level = Memo::new(move |_| wizard.draft.with(|d| d.contract.support_level.clone()));
    let window = Memo::new(move |_| wizard.draft.with(work_window));
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
                                    " (R6) "
                                    {crate::tr!(i18n, check.contract_ok)}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="fw-verdict fw-verdict--blocked">
                                    <span class="fw-verdict__mark" aria-hidden="true">"✗"</span>
                                    <strong>{crate::tr!(i18n, check.verdict_not_eligible)}</strong>
                                    " (R6) "
                                    {crate::tr!(i18n, check.contract_not_pc)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
            {move || {
                window
                    .get()
                    .map(|window| match window {
                        Ok(p) => {
                            view! {
                                <p class="fw-verdict fw-verdict--info">
                                    <span class="fw-verdict__mark" aria-hidden="true">"ⓘ"</span>
                                    <strong>"R7 "</strong>
                                    {crate::tr!(i18n, check.window)}
                                    " "
                                    {date(p.start)}
                                    " – "
                                    {date(p.end)}
                                </p>
                            }
                                .into_any()
                        }
                        Err(()) => {
                            view! {
                                <p class="fw-verdict fw-verdict--blocked">
                                    <span class="fw-verdict__mark" aria-hidden="true">"✗"</span>
                                    <strong>{crate::tr!(i18n, check.verdict_not_eligible)}</strong>
                                    " (R7) "
                                    {crate::tr!(i18n, check.window_empty)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
    }
}
