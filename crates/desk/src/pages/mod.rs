//! One module a page: sign-in, the queue, a request.

pub mod analysis;
pub mod contract;
pub mod conversation;
pub mod queue;
pub mod request;
pub mod sign_in;

use fwportal_core::problem::Problem;
use leptos::prelude::*;

use crate::texts::*;
use crate::{tx, use_desk};

/// A text field with its label, hint and error (the error linked by `aria-describedby`).
#[component]
pub fn Field(
    #[prop(into)] id: String,
    label: Tx,
    #[prop(optional)] hint: Option<Tx>,
    value: RwSignal<String>,
    #[prop(into, default = Signal::derive(|| None))] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = "")] inputmode: &'static str,
    #[prop(default = "")] width_class: &'static str,
    #[prop(default = false)] multiline: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let class = move || {
        if error.get().is_some() {
            "fw-field fw-field--error"
        } else {
            "fw-field"
        }
    };
    let input = if multiline {
        view! {
            <textarea
                class="fw-input desk-textarea"
                id=id.clone()
                name=id.clone()
                rows="4"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:change=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class=format!("fw-input {width_class}")
                id=id.clone()
                name=id.clone()
                type=input_type
                autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:change=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class=class>
            <label class="fw-field__label" for=id.clone()>{tx(label)}</label>
            {hint.map(|h| view! { <p class="fw-field__hint" id=hint_id.clone()>{tx(h)}</p> })}
            {move || {
                error.get().map(|e| view! { <p class="fw-field__error" id=error_id.clone()>{e}</p> })
            }}
            {input}
        </div>
    }
}

/// The message of the problems about `field` (or its items, `servers[0]`), in the language.
pub fn problem_at(
    problems: &[Problem],
    field: &str,
    lang: fwportal_core::i18n::Lang,
) -> Option<String> {
    let messages: Vec<String> = problems
        .iter()
        .filter(|p| {
            p.field == field
                || p.field.starts_with(&format!("{field}["))
                || p.field.starts_with(&format!("{field}."))
        })
        .map(|p| p.message(lang).to_owned())
        .collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

/// An error message with `role="alert"`.
#[component]
pub fn Alert(
    #[prop(into)] message: Signal<String>,
    #[prop(default = "alert")] testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="fw-notice fw-notice--error" role="alert" data-testid=testid>
            {move || message.get()}
        </div>
    }
}

/// The text for an unexpected failure.
pub fn failure_text(error: &crate::api::ApiError) -> Tx {
    match error {
        crate::api::ApiError::Network(_) => NETWORK,
        _ => UNEXPECTED,
    }
}

pub fn lang_now() -> fwportal_core::i18n::Lang {
    use_desk().lang.get()
}
