//! `/request/check`: every answer with a link to change it, then "submit". The rules run once
//! more in the browser; the server decides. A refusal (422) is shown here with a link to the
//! page of each field, and on that page beside the field. A broken connection keeps the
//! answers and the idempotency key, so pressing "submit" again cannot book the work twice.

use fwportal_core::request::RequestDraft;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{self, Accepted, SubmitError};
use crate::components::answers::AnswerList;
use crate::components::error_summary::{ErrorSummary, SummaryItem};
use crate::components::form::use_lang;
use crate::components::page_title::use_page_title;
use crate::components::step::ForgetAnswers;
use crate::i18n::*;
use crate::text;
use crate::wizard::{field_id, is_consultation, use_wizard, Step};

#[component]
pub fn CheckAnswersPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<SubmitError>);

    // Answering a return (issue 16): the key for `resubmit`, asked for here when the page
    // lost it (a reload), and whether the server did not know it.
    let answer_mode = crate::answer::active_reference().is_some();
    let ask_key = RwSignal::new(wizard.answer_key.get_untracked().is_empty());
    // 1: no key typed; 2: the server does not know the key.
    let key_problem = RwSignal::new(0usize);
    let submit = Action::new_local(
        |(draft, key, answer): &(RequestDraft, String, Option<String>)| {
            let (draft, key, answer) = (draft.clone(), key.clone(), answer.clone());
            async move {
                match answer {
                    Some(reference) => api::resubmit(&reference, &key, &draft).await.map(|()| None),
                    None => api::submit(&draft, &key).await.map(Some),
                }
            }
        },
    );
    Effect::new(move |_| {
        let Some(result) = submit.value().get() else {
            return;
        };
        match result {
            Ok(Some(accepted)) => {
                failure.set(None);
                let accepted: Accepted = accepted;
                wizard.submitted(accepted);
                navigate("/request/confirmation", NavigateOptions::default());
            }
            Ok(None) => {
                // Sent: `/status` shows the request back in `received`, with the key handed over.
                let reference = crate::answer::active_reference().unwrap_or_default();
                let token = wizard.answer_key.get_untracked();
                crate::answer::end();
                crate::answer::hand_over(&crate::answer::Handoff {
                    reference,
                    token,
                    sent: true,
                });
                crate::answer::load_page("/status");
            }
            Err(SubmitError::Invalid(list)) => {
                failure.set(None);
                wizard.problems.set(list);
            }
            Err(SubmitError::Refused(m)) if answer_mode && m.error == "not_found" => {
                failure.set(None);
                ask_key.set(true);
                key_problem.set(2);
            }
            Err(other) => failure.set(Some(other)),
        }
    });

    let items = Signal::derive(move || {
        let lang = lang();
        wizard.problems.with(|list| {
            list.iter()
                .map(|p| SummaryItem {
                    field_id: field_id(&p.field),
                    page: Some(format!("{}?return=check", Step::of_field(&p.field).path())),
                    message: crate::wizard::summary_message(p, lang),
                })
                .collect::<Vec<_>>()
        })
    });
    use_page_title(
        move || t_string!(i18n, answers.title).to_string(),
        move || {
            !items.with(Vec::is_empty) || failure.with(Option::is_some) || key_problem.get() != 0
        },
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        let problems = wizard.check_all();
        if !problems.is_empty() {
            failure.set(None);
            wizard.problems.set(problems);
            return;
        }
        wizard.problems.set(Vec::new());
        let draft = wizard.draft.get_untracked();
        let answer = crate::answer::active_reference();
        let key = if answer.is_some() {
            let key = wizard.answer_key.get_untracked();
            key_problem.set(if key.trim().is_empty() { 1 } else { 0 });
            if key_problem.get_untracked() != 0 {
                return;
            }
            key
        } else {
            wizard.idempotency_key(&draft)
        };
        submit.dispatch_local((draft, key, answer));
    };
    let key_error = Signal::derive(move || match key_problem.get() {
        0 => None,
        1 => Some(t_string!(i18n, answer.key_required).into_owned()),
        _ => Some(t_string!(i18n, answer.key_wrong).into_owned()),
    });
    let back = move || {
        wizard
            .draft
            .with(|d| Step::Check.previous(d))
            .map_or("/", |s| s.path())
    };

    // Back after submitting (the draft was forgotten then): say the request was sent, with its
    // reference, instead of an empty page whose button lists every field as missing.
    let nothing_to_send = Memo::new(move |_| wizard.draft.with(|d| *d == RequestDraft::default()));
    let page = move || {
        view! {
            <a class="fw-back-link" href=back>{crate::tr!(i18n, common.back)}</a>
            <ErrorSummary title=text!(i18n, common.error_summary_title) items=items />
            {move || {
                failure
                    .get()
                    .map(|failure| {
                        let message = match failure {
                            SubmitError::Network(_) => t_string!(i18n, answers.network_error).into_owned(),
                            SubmitError::Refused(m) => {
                                match lang() {
                                    fwportal_core::i18n::Lang::Ja => m.message_ja,
                                    fwportal_core::i18n::Lang::En => m.message_en,
                                }
                            }
                            _ => t_string!(i18n, answers.server_error).into_owned(),
                        };
                        view! {
                            <div class="fw-notice fw-notice--error" role="alert" data-testid="submit-failure">
                                <strong>{crate::tr!(i18n, answers.not_sent)}</strong>
                                <p>{message}</p>
                            </div>
                        }
                    })
            }}
            <crate::components::answering::AnswerBanner step=Step::Check />
            <h1 class="fw-heading-xl">{crate::tr!(i18n, answers.title)}</h1>
            <AnswerList draft=wizard.draft editable=true />
            <crate::components::privacy::PrivacyConsent />
            <h2 class="fw-heading-m">{crate::tr!(i18n, answers.send_title)}</h2>
            <p>
                {move || {
                    if answer_mode {
                        t_string!(i18n, answer.send_text)
                    } else if wizard.draft.with(is_consultation) {
                        t_string!(i18n, answers.send_text_consult)
                    } else {
                        t_string!(i18n, answers.send_text)
                    }
                }}
            </p>
            <form novalidate on:submit=on_submit>
                {move || (answer_mode && ask_key.get()).then(|| view! {
                    <crate::components::text_field::TextField
                        id="answer-key"
                        label=text!(i18n, status.token)
                        hint=text!(i18n, answer.key_hint)
                        value=wizard.answer_key
                        on_input=Callback::new(move |v| wizard.answer_key.set(v))
                        error=key_error
                        autocomplete="off"
                        input_type="password"
                    />
                })}
                <button
                    type="submit"
                    class="fw-button"
                    data-testid="submit"
                    aria-disabled=move || submit.pending().get().to_string()
                >
                    {move || {
                        if submit.pending().get() {
                            t_string!(i18n, answers.submitting)
                        } else if failure.with(Option::is_some) {
                            t_string!(i18n, answers.retry)
                        } else if answer_mode {
                            t_string!(i18n, answer.submit)
                        } else {
                            t_string!(i18n, answers.submit)
                        }
                    }}
                </button>
                <p class="fw-visually-hidden" aria-live="polite">
                    {move || submit.pending().get().then(|| t_string!(i18n, answers.submitting))}
                </p>
            </form>
            <ForgetAnswers />
        }
    };
    view! {
        <Show when=move || !nothing_to_send.get() fallback=move || view! { <NothingToSend /> }>
            {page}
        </Show>
    }
}

/// The check page with no answers: just after a submission (back from the confirmation), the
/// sent request's reference and where to follow it; otherwise where to start.
#[component]
fn NothingToSend() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    move || {
        match wizard.receipt.get() {
        Some(receipt) => view! {
            <div class="fw-panel fw-panel--confirmation" data-testid="already-sent">
                <h1 class="fw-panel__title">{crate::tr!(i18n, answers.already_sent_title)}</h1>
                <div class="fw-panel__body">
                    {crate::tr!(i18n, confirmation.reference_label)}
                    <br />
                    <strong class="fw-reference">{receipt.reference.clone()}</strong>
                </div>
            </div>
            <p>{crate::tr!(i18n, answers.already_sent_text)}</p>
            <p><a href="/status" data-testid="already-sent-status">{crate::tr!(i18n, confirmation.status_link)}</a></p>
            <p><a href="/">{crate::tr!(i18n, confirmation.new_request)}</a></p>
        }
        .into_any(),
        None => view! {
            <h1 class="fw-heading-xl">{crate::tr!(i18n, answers.title)}</h1>
            <p data-testid="nothing-to-send">{crate::tr!(i18n, answers.nothing_text)}</p>
            <p><a class="fw-button" href="/request/contract">{crate::tr!(i18n, start.begin)}</a></p>
        }
        .into_any(),
    }
    }
}
