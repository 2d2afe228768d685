//! `/request/responsibilities`: what the customer does and what the service does not do
//! (C3–C5, R12–R16, and R9 for the SPP), each ticked separately, each with why it matters.

use fwportal_core::request::{Acknowledgement, UpdateMethod};
use leptos::prelude::*;

use crate::components::field_error::FieldError;

use crate::components::form::{field_error, use_lang};
use crate::components::step::StepForm;
use crate::i18n::*;
use crate::text;
use crate::wizard::{use_wizard, Step};

#[component]
pub fn ResponsibilitiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let method = Memo::new(move |_| {
        wizard.draft.with(|d| match d.update_method.as_str() {
            "spp" => Some(UpdateMethod::Spp),
            "firmware" => Some(UpdateMethod::Firmware),
            _ => None,
        })
    });
    let list_error = field_error("acknowledgements");
    view! {
        <StepForm step=Step::Responsibilities title=text!(i18n, responsibilities.title)>
            <p>{crate::tr!(i18n, responsibilities.intro)}</p>
            <fieldset class="fw-fieldset" id="acknowledgements">
                <legend class="fw-fieldset__legend">{crate::tr!(i18n, responsibilities.legend)}</legend>
                <FieldError message=list_error />
                <div class="fw-checkboxes">
                    {move || {
                        Acknowledgement::required_for(method.get())
                            .into_iter()
                            .map(|a| view! { <AckItem ack=a /> })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </StepForm>
    }
}

#[component]
fn AckItem(ack: Acknowledgement) -> impl IntoView {
    let wizard = use_wizard();
    let lang = use_lang();
    let code = ack.code();
    let id = format!("acknowledgements-{code}");
    let error = field_error(format!("acknowledgements.{code}"));
    let checked = move || {
        wizard
            .draft
            .with(|d| d.acknowledgements.iter().any(|c| c == code))
    };
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        wizard.draft.update(|d| {
            d.acknowledgements.retain(|c| c != code);
            if on {
                d.acknowledgements.push(code.to_owned());
            }
        });
    };
    let reason_id = format!("{id}-reason");
    view! {
        <div class="fw-checkboxes__item" class:fw-field--error=move || error.get().is_some()>
            <FieldError message=error />
            <input
                class="fw-checkboxes__input"
                type="checkbox"
                id=id.clone()
                name="acknowledgements"
                value=code
                aria-describedby=reason_id.clone()
                prop:checked=checked
                on:change=toggle
            />
            // The rule code is the input's value, not the customer's words (issue 14).
            <label class="fw-checkboxes__label" for=id>
                {move || ack.statement().get(lang()).to_owned()}
            </label>
            <p class="fw-checkboxes__hint" id=reason_id>
                {move || ack.reason().get(lang()).to_owned()}
            </p>
        </div>
    }
}
