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
    // One text (line breaks shown as such) rather than an element a part: each element shape
    // is code of its own in the download.
    let text = move || {
        let mut text = if parts.is_empty() {
            t_string!(i18n, answer.all_parts).into_owned()
        } else {
            let (names, between): (Vec<&str>, &str) = match lang() {
                Lang::Ja => (parts.iter().map(|p| p.0.as_str()).collect(), "、"),
                Lang::En => (parts.iter().map(|p| p.1.as_str()).collect(), ", "),
            };
            format!("{} {}", t_string!(i18n, answer.asked), names.join(between))
        };
        if here {
            text = format!("{}\n{text}", t_string!(i18n, answer.this_page));
        }
        format!("{text}\n\n{note}")
    };
    Some(view! {
        <div class="fw-notice" data-testid="answer-banner" data-marked=here.to_string()>
            <h2 class="fw-heading-s">{crate::tr!(i18n, answer.banner_title)} " " {reference}</h2>
            <p class="fw-message__body">{text}</p>
            <a href="/status" on:click=stop data-testid="answer-stop">{crate::tr!(i18n, answer.stop)}</a>
        </div>
    })
}
