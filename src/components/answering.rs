//! The notice at the top of every request page while the customer answers a return (issue
//! 16): which request, the parts the desk named (the current page marked when it is one of
//! them), its note, and a way to stop. Nothing shows on a new request. Plain text rather than
//! a link a part: the journey's download is at its limit (README, "Size and speed").

use fwportal_core::i18n::Lang;
use leptos::prelude::*;

use crate::answer::{self, Handoff};
use crate::components::form::use_lang;
use crate::i18n::*;
use crate::wizard::{use_wizard, Step};

#[component]
pub fn AnswerBanner(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let (reference, note, parts, here) = answer::with_active(|a| {
        a.map(|a| {
            let here = a
                .parts
                .iter()
                .any(|p| answer::page_of(&p.part) == step.path());
            let parts: Vec<(String, String)> = a
                .parts
                .iter()
                .map(|p| (p.label_ja.clone(), p.label_en.clone()))
                .collect();
            (a.reference.clone(), a.note.clone(), parts, here)
        })
    })?;
    let stop = {
        let reference = reference.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            let token = wizard.answer_key.get_untracked();
            wizard.forget();
            if !token.is_empty() {
                answer::hand_over(&Handoff {
                    reference: reference.clone(),
                    token,
                    sent: false,
                });
            }
            answer::load_page("/status");
        }
    };
    let asked = move || {
        if parts.is_empty() {
            return t_string!(i18n, answer.all_parts).into_owned();
        }
        let (names, between): (Vec<&str>, &str) = match lang() {
            Lang::Ja => (parts.iter().map(|p| p.0.as_str()).collect(), "、"),
            Lang::En => (parts.iter().map(|p| p.1.as_str()).collect(), ", "),
        };
        format!("{} {}", t_string!(i18n, answer.asked), names.join(between))
    };
    Some(view! {
        <div class="fw-notice" data-testid="answer-banner">
            <h2 class="fw-heading-s">{crate::tr!(i18n, answer.banner_title)} " " {reference}</h2>
            <p data-testid="answer-parts">{asked}</p>
            <p class="fw-message__body">{note}</p>
            {here.then(|| view! { <p data-testid="answer-this-page"><strong>{crate::tr!(i18n, answer.this_page)}</strong></p> })}
            <p><a href="/status" on:click=stop data-testid="answer-stop">{crate::tr!(i18n, answer.stop)}</a></p>
        </div>
    })
}
