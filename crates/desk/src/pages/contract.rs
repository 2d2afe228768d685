//! The contract on file, on the request's page (issue 15): its terms, whether the registry
//! confirmed them or they were filed from the first request (flagged), and a form that confirms
//! or corrects them (`PUT /api/desk/contracts/{number}`, audited). A 422 puts each problem at
//! its field and keeps what was typed.

use fwportal_core::problem::Problem;
use fwportal_core::registry::ContractRecordDraft;
use leptos::prelude::*;

use super::{failure_text, problem_at, Alert, Field};
use crate::api::{self, ApiError, ContractView};
use crate::texts::*;
use crate::{on_unauthorized, tx, use_desk};

#[component]
pub fn ContractPanel(on_file: ContractView) -> impl IntoView {
    let desk = use_desk();
    let lang = desk.lang;
    let held = on_file.contract.clone();
    let source = RwSignal::new(on_file.source.clone());
    let customer = RwSignal::new(held.customer.clone());
    let level = RwSignal::new(held.support_level.clone());
    let pc_start = RwSignal::new(held.proactive_care_start.clone());
    let pc_end = RwSignal::new(held.proactive_care_end.clone());
    let option_start = RwSignal::new(held.option_start.clone());
    let option_end = RwSignal::new(held.option_end.clone());
    let number = held.contract_number.clone();
    let save = Action::new_local(move |record: &ContractRecordDraft| {
        let record = record.clone();
        let csrf = desk.csrf_token();
        async move { api::correct_contract(&csrf, &record).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => source.set(saved.source),
        Some(Err(error)) => on_unauthorized(&error),
        None => {}
    });
    let problems = move || -> Vec<Problem> {
        match save.value().get() {
            Some(Err(ApiError::Invalid(problems))) => problems,
            _ => Vec::new(),
        }
    };
    let error_of = move |field: &'static str| {
        Signal::derive(move || problem_at(&problems(), field, lang.get()))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        save.dispatch(ContractRecordDraft {
            contract_number: number.clone(),
            customer: customer.get_untracked(),
            support_level: level.get_untracked(),
            proactive_care_start: pc_start.get_untracked(),
            proactive_care_end: pc_end.get_untracked(),
            option_start: option_start.get_untracked(),
            option_end: option_end.get_untracked(),
        });
    };
    view! {
        <section aria-labelledby="contract-title" class="desk-panel" data-testid="contract-panel">
            <h2 class="fw-heading-m" id="contract-title">
                {tx(CONTRACT_ON_FILE)} " " {held.contract_number.clone()}
            </h2>
            <p data-testid="contract-source" data-source=move || source.get()
                class=move || if source.get() == "registry" { "fw-notice" } else { "fw-notice fw-notice--error" }>
                {move || tx(if source.get() == "registry" { CONTRACT_CONFIRMED } else { CONTRACT_UNCONFIRMED })}
            </p>
            {move || match save.value().get() {
                Some(Ok(_)) => Some(view! {
                    <p class="fw-notice" role="status" data-testid="contract-saved">{tx(CONTRACT_SAVED)}</p>
                }.into_any()),
                Some(Err(ApiError::Server(409))) => Some(view! {
                    <Alert message=Signal::derive(move || OPTION_START_HELD.get(lang.get()).to_owned()) />
                }.into_any()),
                Some(Err(ApiError::Invalid(_) | ApiError::Unauthorized)) | None => None,
                Some(Err(error)) => {
                    let text = failure_text(&error);
                    Some(view! { <Alert message=Signal::derive(move || text.get(lang.get()).to_owned()) /> }.into_any())
                }
            }}
            <form on:submit=on_submit novalidate>
                <Field id="contract-customer" label=CUSTOMER_NAME value=customer error=error_of("customer") />
                <Field id="contract-level" label=SUPPORT_LEVEL_CODE hint=SUPPORT_LEVEL_HINT value=level error=error_of("support_level") />
                <Field id="contract-pc-start" label=PC_START hint=DATE_HINT value=pc_start error=error_of("proactive_care_start") width_class="desk-input-date" />
                <Field id="contract-pc-end" label=PC_END hint=DATE_HINT value=pc_end error=error_of("proactive_care_end") width_class="desk-input-date" />
                <Field id="contract-option-start" label=OPTION_START hint=DATE_HINT value=option_start error=error_of("option_start") width_class="desk-input-date" />
                <Field id="contract-option-end" label=OPTION_END hint=DATE_HINT value=option_end error=error_of("option_end") width_class="desk-input-date" />
                <button class="fw-button" type="submit" data-testid="save-contract"
                    disabled=move || save.pending().get()>{tx(SAVE_CONTRACT)}</button>
            </form>
        </section>
    }
}
