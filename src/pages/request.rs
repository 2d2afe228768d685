//! `/request`: the request form. The server decides; this page shows its answer, with every
//! problem beside its field and in a summary at the top, and never clears what was typed.

use fwportal_core::problem::Problem;
use fwportal_core::request::RequestDraft;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{self, SubmitError};
use crate::components::error_summary::{ErrorSummary, SummaryItem};
use crate::components::page_title::use_page_title;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::lang;

/// The form's fields: (field name in the API, id of the input).
const FIELDS: [(&str, &str); 2] = [
    ("contract_number", "contract-number"),
    ("work_date", "work-date"),
];

fn input_id(field: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or("main", |(_, id)| id)
}

#[component]
pub fn RequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let contract_number = RwSignal::new(String::new());
    let work_date = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let failure = RwSignal::new(None::<SubmitError>);

    let submit = Action::new_local(|draft: &RequestDraft| {
        let draft = draft.clone();
        async move { api::submit(&draft).await }
    });

    Effect::new(move |_| {
        let Some(result) = submit.value().get() else {
            return;
        };
        match result {
            Ok(accepted) => {
                navigate(
                    &format!("/confirmation/{}", accepted.reference),
                    NavigateOptions::default(),
                );
            }
            Err(SubmitError::Invalid(list)) => {
                failure.set(None);
                problems.set(list);
            }
            Err(other) => {
                problems.set(Vec::new());
                failure.set(Some(other));
            }
        }
    });

    let current_lang = move || lang::to_lang(i18n.get_locale());
    let field_error = move |field: &'static str| {
        Signal::derive(move || {
            let lang = current_lang();
            problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field)
                    .map(|p| p.message(lang).to_owned())
            })
        })
    };
    let summary_items = Signal::derive(move || {
        let lang = current_lang();
        problems.with(|list| {
            list.iter()
                .map(|p| SummaryItem {
                    field_id: input_id(&p.field).to_owned(),
                    message: p.message(lang).to_owned(),
                })
                .collect::<Vec<_>>()
        })
    });

    use_page_title(
        move || t_string!(i18n, request.title).to_string(),
        move || !problems.with(Vec::is_empty) || failure.with(Option::is_some),
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        submit.dispatch_local(RequestDraft {
            contract_number: contract_number.get_untracked(),
            work_date: work_date.get_untracked(),
        });
    };

    view! {
        <ErrorSummary
            title=Signal::derive(move || t_string!(i18n, request.error_summary_title).to_string())
            items=summary_items
        />
        {move || {
            failure
                .get()
                .map(|failure| {
                    let message = match failure {
                        SubmitError::Network(_) => t_string!(i18n, request.network_error),
                        _ => t_string!(i18n, request.server_error),
                    };
                    view! {
                        <div class="fw-notice fw-notice--error" role="alert">
                            {message}
                        </div>
                    }
                })
        }}
        <h1 class="fw-heading-xl">{t!(i18n, request.title)}</h1>
        <form class="fw-form" novalidate on:submit=on_submit>
            <TextField
                id="contract-number"
                label=Signal::derive(move || t_string!(i18n, request.contract_number_label).to_string())
                hint=Signal::derive(move || t_string!(i18n, request.contract_number_hint).to_string())
                value=contract_number
                error=field_error("contract_number")
                autocomplete="off"
                width_class="fw-input--medium"
            />
            <TextField
                id="work-date"
                label=Signal::derive(move || t_string!(i18n, request.work_date_label).to_string())
                hint=Signal::derive(move || t_string!(i18n, request.work_date_hint).to_string())
                value=work_date
                error=field_error("work_date")
                autocomplete="off"
                inputmode="numeric"
                width_class="fw-input--short"
            />
            <button
                type="submit"
                class="fw-button"
                aria-disabled=move || submit.pending().get().to_string()
            >
                {move || {
                    if submit.pending().get() {
                        t_string!(i18n, request.submitting)
                    } else {
                        t_string!(i18n, request.submit)
                    }
                }}
            </button>
        </form>
    }
}
