//! `/request/version`: how the firmware is updated and to which version (C2), or "not decided
//! yet: ask the TAM team", which makes the request a version consultation (no work date).

use fwportal_core::request::{Acknowledgement, RequestKind};
use leptos::prelude::*;

use crate::components::analysis::AnalysisPanel;
use crate::components::field_error::FieldError;

use crate::components::form::{bind, field_error, use_lang};
use crate::components::step::StepForm;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::text;
use crate::wizard::{use_wizard, Step};

/// The three answers of the page; the draft stores them as `kind` and `update_method`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Spp,
    Firmware,
    Consult,
}

impl Choice {
    fn id(self) -> &'static str {
        match self {
            Choice::Spp => "update-method",
            Choice::Firmware => "update-method-firmware",
            Choice::Consult => "update-method-consult",
        }
    }
}

#[component]
pub fn VersionPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let draft = wizard.draft;
    let choice = Memo::new(move |_| {
        draft.with(|d| {
            if d.kind == RequestKind::VersionConsultation.as_str() {
                Some(Choice::Consult)
            } else {
                match d.update_method.as_str() {
                    "spp" => Some(Choice::Spp),
                    "firmware" => Some(Choice::Firmware),
                    _ => None,
                }
            }
        })
    });
    let choose = move |c: Choice| {
        draft.update(|d| match c {
            Choice::Spp | Choice::Firmware => {
                d.kind = RequestKind::UpdateWork.as_str().to_owned();
                d.update_method = if c == Choice::Spp { "spp" } else { "firmware" }.to_owned();
            }
            Choice::Consult => {
                d.kind = RequestKind::VersionConsultation.as_str().to_owned();
                d.update_method.clear();
            }
        })
    };
    let (target, set_target) = bind(
        wizard,
        |d| d.target_version.clone(),
        |d, v| d.target_version = v,
    );
    let method_error = field_error("update_method");
    let kind_error = field_error("kind");
    let error = Signal::derive(move || method_error.get().or_else(|| kind_error.get()));
    let option = move |c: Choice, label: Signal<String>, hint: Signal<String>| {
        view! {
            <div class="fw-radios__item">
                <input
                    class="fw-radios__input"
                    type="radio"
                    name="update-method"
                    id=c.id()
                    prop:checked=move || choice.get() == Some(c)
                    on:change=move |_| choose(c)
                />
                <label class="fw-radios__label" for=c.id()>{label}</label>
                <p class="fw-radios__hint">{hint}</p>
            </div>
        }
    };
    let r9 = move || Acknowledgement::R9.reason().get(lang()).to_owned();
    view! {
        <StepForm step=Step::Version title=text!(i18n, version.title)>
            <p>{crate::tr!(i18n, version.intro)}</p>
            <div class="fw-field" class:fw-field--error=move || error.get().is_some()>
                <fieldset
                    class="fw-fieldset"
                    aria-describedby=move || error.get().map(|_| "update-method-error")
                >
                    <legend class="fw-fieldset__legend">{crate::tr!(i18n, version.method_legend)}</legend>
                    <FieldError message=error id="update-method-error" />
                    <div class="fw-radios">
                        {option(Choice::Spp, text!(i18n, version.spp), text!(i18n, version.spp_hint))}
                        {option(
                            Choice::Firmware,
                            text!(i18n, version.firmware),
                            text!(i18n, version.firmware_hint),
                        )}
                        {option(
                            Choice::Consult,
                            text!(i18n, version.consult),
                            text!(i18n, version.consult_hint),
                        )}
                    </div>
                </fieldset>
            </div>
            <Show when=move || choice.get() == Some(Choice::Spp)>
                <div class="fw-warning-text" role="note" data-testid="r9">
                    <span class="fw-warning-text__icon" aria-hidden="true">"!"</span>
                    <div>
                        // A notice, not the statement: "…ことを理解しました" is ticked on the
                        // next page, not shown as though already agreed.
                        <strong>{crate::tr!(i18n, version.r9_title)}</strong>
                        <p>{move || r9()}</p>
                        <p>{crate::tr!(i18n, version.r9_ack)}</p>
                    </div>
                </div>
            </Show>
            <Show when=move || matches!(choice.get(), Some(Choice::Spp | Choice::Firmware))>
                <TextField
                    id="target-version"
                    label=text!(i18n, version.target)
                    hint=text!(i18n, version.target_hint)
                    value=target
                    on_input=set_target
                    error=field_error("target_version")
                    autocomplete="off"
                    width_class="fw-input--medium"
                />
                <AnalysisPanel
                    analysis=Signal::derive(move || draft.with(|d| d.analysis.clone()))
                    on_use=set_target
                />
            </Show>
            <Show when=move || choice.get() == Some(Choice::Consult)>
                <div class="fw-notice" role="note">
                    <p>{crate::tr!(i18n, version.consult_note)}</p>
                </div>
                <crate::components::consultation::ConsultationFields />
            </Show>
        </StepForm>
    }
}
