//! `/status`: a request read back with its reference and access token.

use fwportal_core::i18n::{format_date, Lang};
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;

use crate::api::{self, LookupError};
use crate::components::answers::AnswerList;
use crate::components::conversation::{Conversation, NewKeyForm};
use crate::components::form::use_lang;
use crate::components::page_title::use_page_title;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::text;

#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let reference = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let show_key = RwSignal::new(false);
    let lookup = Action::new_local(|(r, t): &(String, String)| {
        // In any letter case and width, as typed or pasted (issue 14).
        let r = fwportal_core::request::Reference::parse_typed(r)
            .map(|r| r.to_string())
            .unwrap_or_else(|_| r.clone());
        let t = t.clone();
        async move { api::lookup(&r, &t).await }
    });
    let failed = Signal::derive(move || matches!(lookup.value().get(), Some(Err(_))));
    use_page_title(
        move || t_string!(i18n, status.title).to_string(),
        move || failed.get(),
    );
    // Back from answering a return (issue 16): the journey handed the reference and key over
    // for this one page load; they stay in memory only from here, as when typed.
    let sent = RwSignal::new(false);
    if let Some(handoff) = crate::answer::take_handoff() {
        reference.set(handoff.reference.clone());
        token.set(handoff.token.clone());
        sent.set(handoff.sent);
        lookup.dispatch_local((handoff.reference, handoff.token));
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !lookup.pending().get_untracked() {
            lookup.dispatch_local((reference.get_untracked(), token.get_untracked()));
        }
    };
    view! {
        <h1 class="fw-heading-xl">{crate::tr!(i18n, status.title)}</h1>
        <p>{crate::tr!(i18n, status.intro)}</p>
        <form class="fw-form" novalidate on:submit=on_submit>
            <TextField
                id="status-reference"
                label=text!(i18n, status.reference)
                hint=text!(i18n, status.reference_hint)
                value=reference
                on_input=Callback::new(move |v| reference.set(v))
                error=Signal::derive(|| None::<String>)
                autocomplete="off"
                width_class="fw-input--medium"
            />
            {move || {
                view! {
                    <TextField
                        id="status-token"
                        label=text!(i18n, status.token)
                        value=token
                        on_input=Callback::new(move |v| token.set(v))
                        error=Signal::derive(|| None::<String>)
                        autocomplete="off"
                        input_type=if show_key.get() { "text" } else { "password" }
                    />
                }
            }}
            <div class="fw-checkboxes__item">
                <input
                    class="fw-checkboxes__input"
                    type="checkbox"
                    id="status-show-key"
                    prop:checked=move || show_key.get()
                    on:change=move |ev| show_key.set(event_target_checked(&ev))
                />
                <label class="fw-checkboxes__label" for="status-show-key">
                    {crate::tr!(i18n, status.show_key)}
                </label>
            </div>
            <button type="submit" class="fw-button" data-testid="lookup">
                {move || {
                    if lookup.pending().get() {
                        t_string!(i18n, status.looking)
                    } else {
                        t_string!(i18n, status.look)
                    }
                }}
            </button>
        </form>
        <div aria-live="polite">
            {move || sent.get().then(|| view! {
                <p class="fw-notice" role="status" data-testid="answer-sent">{crate::tr!(i18n, answer.sent)}</p>
            })}
            {move || {
                lookup
                    .value()
                    .get()
                    .map(|result| match result {
                        Ok(found) => {
                            // The name of the status now is the last step's, as the server wrote
                            // it in both languages (the status table stays out of the download).
                            let status = match found.history.last() {
                                _ if found.status == "received" => t_string!(i18n, status.status_received).into_owned(),
                                Some(step) if lang() == Lang::Ja => step.label_ja.clone(),
                                Some(step) => step.label_en.clone(),
                                None => found.status.clone(),
                            };
                            let history = found.history.clone();
                            let kind = if found.kind == "version_consultation" {
                                t_string!(i18n, version.consult)
                            } else {
                                t_string!(i18n, status.kind_work)
                            };
                            let received = found
                                .received_on
                                .as_deref()
                                .and_then(|d| parse_date(d).ok())
                                .map(|d| format_date(d, lang()))
                                .unwrap_or_default();
                            view! {
                                <div class="fw-inset" data-testid="status-result">
                                    <h2 class="fw-heading-m">
                                        {crate::tr!(i18n, status.reference)} " " {found.reference.clone()}
                                    </h2>
                                    <p>
                                        <strong>{crate::tr!(i18n, status.status_label)}</strong>
                                        " "
                                        <span data-testid="status-value">{status}</span>
                                    </p>
                                    <p>{kind}</p>
                                    <p>{crate::tr!(i18n, confirmation.received_on)} " " {received}</p>
                                    <h3 class="fw-heading-s">{crate::tr!(i18n, status.history)}</h3>
                                    <History entries=history />
                                    {preparation_link(&found.reference, &found.request, i18n)}
                                </div>
                                <Conversation reference=found.reference.clone() token=token.get_untracked() request=found.request.clone() />
                                <AnswerList draft=Signal::derive(move || found.request.clone()) editable=false />
                            }
                                .into_any()
                        }
                        Err(error) => {
                            let message = match error {
                                LookupError::NotFound => t_string!(i18n, status.not_found),
                                _ => t_string!(i18n, status.error),
                            };
                            view! {
                                <div class="fw-notice fw-notice--error" role="alert" data-testid="status-error">
                                    {message}
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
        <NewKeyForm />
    }
}

/// The preparation list of a work request, from any browser: the answers just read with the
/// key are kept here as the confirmation keeps them (issue 14), then the list opens.
fn preparation_link(
    reference: &str,
    request: &fwportal_core::request::RequestDraft,
    i18n: I18n,
) -> Option<impl IntoView> {
    (request.kind != "version_consultation").then(|| {
        crate::preparation::remember_submitted(reference, request);
        let href = format!(
            "/preparation?reference={}",
            js_sys::encode_uri_component(reference)
        );
        view! {
            <p>
                <a href=href data-testid="status-to-preparation">
                    {crate::tr!(i18n, preparation.link)}
                </a>
            </p>
        }
    })
}

/// The request's life so far, oldest first: each step's date (Japan time), its name and what
/// the desk wrote for the customer (issue 15).
#[component]
fn History(entries: Vec<api::HistoryEntry>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="fw-history" data-testid="history">
            {entries
                .into_iter()
                .map(|e| {
                    let day = fwportal_core::dates::parse_rfc3339(&e.at)
                        .map(|t| format_date(fwportal_core::calendar::to_jst(&t.to_utc()).date_naive(), lang()))
                        .unwrap_or_default();
                    let (label, text) = match lang() {
                        Lang::Ja => (e.label_ja, e.text_ja),
                        Lang::En => (e.label_en, e.text_en),
                    };
                    view! {
                        <li data-status=e.status>
                            {day} " " <strong>{label}</strong>
                            {(!text.is_empty()).then(|| view! { <br /> {text} })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
