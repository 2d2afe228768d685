//! A labelled text input with support text and its error message. No placeholder: conditions
//! and examples go in the support text, which stays visible while typing.

use leptos::prelude::*;

use crate::components::field_error::FieldError;

/// A date as it will be stored (`2027-01-08`), if `typed` is one.
pub fn normalise_date(typed: &str) -> Option<String> {
    fwportal_core::request::fields::parse_date(typed)
        .ok()
        .map(fwportal_core::dates::iso_date)
}

/// A time of day as it will be stored (`22:00`), if `typed` is one.
pub fn normalise_time(typed: &str) -> Option<String> {
    fwportal_core::request::fields::parse_time(typed)
        .ok()
        .map(fwportal_core::dates::hour_minute)
}

#[component]
pub fn TextField(
    /// The input's id; the error summary links to it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// The field's error in the page's language, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional, into)] autocomplete: Option<String>,
    #[prop(optional, into)] inputmode: Option<String>,
    /// `text` unless given (`email`, `tel`).
    #[prop(optional, into)]
    input_type: Option<String>,
    /// A width modifier such as `fw-input--short`.
    #[prop(optional, into)]
    width_class: Option<String>,
    /// The form the value is stored in, if it parses (`2027/1/8` → `2027-01-08`): put in the
    /// field when the customer leaves it, so what is shown is what will be sent.
    #[prop(optional)]
    normalise: Option<fn(&str) -> Option<String>>,
    /// Several lines (a `textarea` of this many rows) instead of one.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input_class = format!("fw-input {}", width_class.unwrap_or_default());
    view! {
        <div class="fw-field" class:fw-field--error=move || error.get().is_some()>
            <label class="fw-field__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="fw-field__hint" id=hint_id>{hint}</p> })}
            <FieldError message=error id=error_id.clone() />
            {match rows {
                Some(rows) => {
                    view! {
                        <textarea
                            class="fw-textarea"
                            id=id.clone()
                            name=id
                            rows=rows
                            autocomplete=autocomplete
                            spellcheck="false"
                            aria-describedby=described_by
                            aria-invalid=move || error.get().is_some().to_string()
                            prop:value=move || value.get()
                            on:input=move |ev| on_input.run(event_target_value(&ev))
                        ></textarea>
                    }
                        .into_any()
                }
                None => {
                    view! {
                            <input
                                class=input_class
                                id=id.clone()
                                name=id
                                type=input_type.unwrap_or_else(|| "text".to_owned())
                                autocomplete=autocomplete
                                inputmode=inputmode
                                spellcheck="false"
                                aria-describedby=described_by
                                aria-invalid=move || error.get().is_some().to_string()
                                prop:value=move || value.get()
                                on:input=move |ev| on_input.run(event_target_value(&ev))
                                on:change=move |ev| {
                                    let typed = event_target_value(&ev);
                                    if let Some(stored) = normalise.and_then(|n| n(&typed)) {
                                        if stored != typed {
                                            on_input.run(stored);
                                        }
                                    }
                                }
                            />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
