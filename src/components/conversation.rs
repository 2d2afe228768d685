//! The conversation on `/status` (issue 16), shown once the customer has read their request
//! with its reference and access key: the messages both ways and a form to write, another work
//! date (pending until the desk answers), cancelling, the desk's reason for a return; and, for
//! a lost key, "send me a new key". The key stays in memory only, like on the look-up form.
//! The server decides everything again (`fwportal_core::lifecycle::customer`); its problems
//! appear at their fields.

use fwportal_core::i18n::{format_date, Lang};
use fwportal_core::problem::Problem;
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;

use crate::answer::Answering;
use crate::api::{self, ConversationError, Done, PostBody};
use crate::components::form::use_lang;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::text;

fn message_of(error: &ConversationError, lang: Lang, fallback: String) -> String {
    match error {
        ConversationError::Refused(message) => match lang {
            Lang::Ja => message.message_ja.clone(),
            Lang::En => message.message_en.clone(),
        },
        ConversationError::Invalid(problems) => problems
            .iter()
            .map(|p| p.message(lang).to_owned())
            .collect::<Vec<_>>()
            .join(" "),
        _ => fallback,
    }
}

fn problem_at(
    result: Option<Result<Done, ConversationError>>,
    field: &str,
    lang: Lang,
) -> Option<String> {
    match result {
        Some(Err(ConversationError::Invalid(problems))) => {
            let found: Vec<&Problem> = problems.iter().filter(|p| p.field == field).collect();
            (!found.is_empty()).then(|| {
                found
                    .iter()
                    .map(|p| p.message(lang).to_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        }
        _ => None,
    }
}

#[component]
pub fn Conversation(
    reference: String,
    token: String,
    /// The request as stored: the starting point when the customer answers a return.
    request: fwportal_core::request::RequestDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let reload = RwSignal::new(0u32);
    let loaded = {
        let (reference, token) = (reference.clone(), token.clone());
        LocalResource::new(move || {
            reload.track();
            let (reference, token) = (reference.clone(), token.clone());
            async move { api::conversation(&reference, &token).await }
        })
    };
    let post = {
        let (reference, token) = (reference.clone(), token.clone());
        move |what: &'static str| {
            let (reference, token) = (reference.clone(), token.clone());
            Action::new_local(move |body: &PostBody| {
                let (reference, token, body) = (reference.clone(), token.clone(), body.clone());
                async move { api::conversation_post(&reference, &token, what, &body).await }
            })
        }
    };
    let send = post("messages");
    let change = post("date-change");
    let cancel = post("cancel");
    for action in [send, change, cancel] {
        Effect::new(move |_| {
            if let Some(Ok(_)) = action.value().get() {
                reload.update(|n| *n += 1);
            }
        });
    }
    let body = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = send.value().get() {
            body.set(String::new());
        }
    });
    let cannot_begin = RwSignal::new(false);
    let new_date = RwSignal::new(String::new());
    let new_time = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let failure = move |action: Action<PostBody, Result<Done, ConversationError>>| {
        move || match action.value().get() {
            Some(Ok(_)) | None => None,
            // Problems of the fields on the forms appear at them; any other (the work has
            // started, for a cancellation) above the form.
            Some(Err(ConversationError::Invalid(problems))) => {
                let others: Vec<String> = problems
                    .iter()
                    .filter(|p| {
                        !["body", "work_date", "work_start_time", "reason"]
                            .contains(&p.field.as_str())
                    })
                    .map(|p| p.message(lang()).to_owned())
                    .collect();
                (!others.is_empty()).then(|| others.join(" "))
            }
            Some(Err(error)) => Some(message_of(
                &error,
                lang(),
                t_string!(i18n, conversation.error).into_owned(),
            )),
        }
    };
    view! {
        <section class="fw-conversation" aria-labelledby="conversation-title" data-testid="conversation">
            <h2 class="fw-heading-m" id="conversation-title">{crate::tr!(i18n, conversation.title)}</h2>
            {move || match loaded.get() {
                None => ().into_any(),
                Some(Err(_)) => view! {
                    <div class="fw-notice fw-notice--error" role="alert">{crate::tr!(i18n, conversation.error)}</div>
                }.into_any(),
                Some(Ok(found)) => {
                    let possible = found.possible;
                    let answer = found.return_reason.clone().map(|note| Answering {
                        reference: reference.clone(),
                        parts: found.return_parts.clone(),
                        note,
                        draft: request.clone(),
                    });
                    let key = token.clone();
                    view! {
                        {answer.map(|answer| {
                            let parts = answer.parts.clone();
                            let why = answer.note.clone();
                            let key = key.clone();
                            view! {
                                <div class="fw-notice" data-testid="return-reason">
                                    <h3 class="fw-heading-s">{crate::tr!(i18n, conversation.return_title)}</h3>
                                    {(!parts.is_empty()).then(|| view! {
                                        <p>{crate::tr!(i18n, answer.asked)}</p>
                                        <ul class="fw-list fw-list--bullet" data-testid="return-parts">
                                            {parts.into_iter().map(|p| view! {
                                                <li data-part=p.part.clone()>{move || if lang() == Lang::Ja { p.label_ja.clone() } else { p.label_en.clone() }}</li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    <p class="fw-message__body">{why}</p>
                                    <p>{crate::tr!(i18n, conversation.return_intro)}</p>
                                    {possible.answer_return.then(|| view! {
                                        <button type="button" class="fw-button" data-testid="answer-return"
                                            on:click=move |_| {
                                                // Without this tab's storage the pages cannot carry the answer.
                                                if !crate::answer::begin(&answer, &key) {
                                                    cannot_begin.set(true);
                                                }
                                            }>
                                            {crate::tr!(i18n, answer.edit_button)}
                                        </button>
                                        {move || cannot_begin.get().then(|| view! {
                                            <p class="fw-notice fw-notice--error" role="alert">{crate::tr!(i18n, answer.no_storage)}</p>
                                        })}
                                    })}
                                </div>
                            }
                        })}
                        {found.planned_work.clone().map(|w| {
                            let day = parse_date(&w.work_date).map(|d| format_date(d, lang())).unwrap_or(w.work_date.clone());
                            view! { <p data-testid="planned-work"><strong>{crate::tr!(i18n, conversation.planned)}</strong> " " {day} " " {w.work_start_time}</p> }
                        })}
                        {found.pending_date_change.clone().map(|p| {
                            let day = parse_date(&p.work_date).map(|d| format_date(d, lang())).unwrap_or(p.work_date.clone());
                            view! { <p class="fw-notice" data-testid="date-change-pending">{crate::tr!(i18n, conversation.change_pending)} " " {day} " " {p.work_start_time}</p> }
                        })}
                        {if found.messages.is_empty() {
                            view! { <p>{crate::tr!(i18n, conversation.none)}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="fw-messages" data-testid="messages">
                                    {found.messages.iter().cloned().map(|m| {
                                        let when = fwportal_core::dates::parse_rfc3339(&m.at)
                                            .map(|t| format_date(fwportal_core::calendar::to_jst(&t.to_utc()).date_naive(), lang()))
                                            .unwrap_or_default();
                                        let from_desk = m.author == "desk";
                                        view! {
                                            <li data-author=m.author.clone()>
                                                {when} " "
                                                <strong>{move || if from_desk { t_string!(i18n, conversation.from_desk) } else { t_string!(i18n, conversation.from_customer) }}</strong>
                                                <p class="fw-message__body">{m.body}</p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                        {(!possible.message).then(|| view! { <p data-testid="conversation-closed">{crate::tr!(i18n, conversation.closed)}</p> })}
                        {possible.message.then(|| view! {
                            <form class="fw-form" novalidate data-testid="message-form" on:submit=move |ev| {
                                ev.prevent_default();
                                if !send.pending().get_untracked() {
                                    send.dispatch_local(PostBody { body: body.get_untracked(), ..PostBody::default() });
                                }
                            }>
                                {move || failure(send)().map(|m| view! { <div class="fw-notice fw-notice--error" role="alert">{m}</div> })}
                                {move || matches!(send.value().get(), Some(Ok(_))).then(|| view! { <p class="fw-notice" role="status">{crate::tr!(i18n, conversation.sent)}</p> })}
                                <div class=move || if problem_at(send.value().get(), "body", lang()).is_some() { "fw-field fw-field--error" } else { "fw-field" }>
                                    <label class="fw-field__label" for="conversation-body">{crate::tr!(i18n, conversation.write_label)}</label>
                                    <p class="fw-field__hint" id="conversation-body-hint">{crate::tr!(i18n, conversation.write_hint)}</p>
                                    {move || problem_at(send.value().get(), "body", lang()).map(|e| view! { <p class="fw-field__error" id="conversation-body-error">{e}</p> })}
                                    <textarea class="fw-input" id="conversation-body" name="conversation-body" rows="4"
                                        aria-describedby="conversation-body-hint"
                                        prop:value=move || body.get()
                                        on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                                </div>
                                <button type="submit" class="fw-button" data-testid="send-message">{crate::tr!(i18n, conversation.send)}</button>
                            </form>
                        })}
                        {possible.change_date.then(|| view! {
                            <form class="fw-form" novalidate data-testid="date-change-form" on:submit=move |ev| {
                                ev.prevent_default();
                                if !change.pending().get_untracked() {
                                    change.dispatch_local(PostBody { work_date: new_date.get_untracked(), work_start_time: new_time.get_untracked(), ..PostBody::default() });
                                }
                            }>
                                <h3 class="fw-heading-s">{crate::tr!(i18n, conversation.change_title)}</h3>
                                <p>{crate::tr!(i18n, conversation.change_intro)}</p>
                                {move || failure(change)().map(|m| view! { <div class="fw-notice fw-notice--error" role="alert">{m}</div> })}
                                <TextField id="change-work-date" label=text!(i18n, conversation.change_date) hint=text!(i18n, conversation.change_date_hint)
                                    value=new_date on_input=Callback::new(move |v| new_date.set(v))
                                    error=Signal::derive(move || problem_at(change.value().get(), "work_date", lang()))
                                    autocomplete="off" width_class="fw-input--medium" />
                                <TextField id="change-work-start-time" label=text!(i18n, conversation.change_time) hint=text!(i18n, conversation.change_time_hint)
                                    value=new_time on_input=Callback::new(move |v| new_time.set(v))
                                    error=Signal::derive(move || problem_at(change.value().get(), "work_start_time", lang()))
                                    autocomplete="off" width_class="fw-input--short" />
                                <button type="submit" class="fw-button" data-testid="ask-date-change">{crate::tr!(i18n, conversation.change_button)}</button>
                            </form>
                        })}
                        {possible.cancel.then(|| view! {
                            <form class="fw-form" novalidate data-testid="cancel-form" on:submit=move |ev| {
                                ev.prevent_default();
                                if !cancel.pending().get_untracked() {
                                    cancel.dispatch_local(PostBody { reason: reason.get_untracked(), ..PostBody::default() });
                                }
                            }>
                                <h3 class="fw-heading-s">{crate::tr!(i18n, conversation.cancel_title)}</h3>
                                <p>{crate::tr!(i18n, conversation.cancel_intro)}</p>
                                {move || failure(cancel)().map(|m| view! { <div class="fw-notice fw-notice--error" role="alert">{m}</div> })}
                                <TextField id="cancel-reason" label=text!(i18n, conversation.cancel_reason)
                                    value=reason on_input=Callback::new(move |v| reason.set(v))
                                    error=Signal::derive(move || problem_at(cancel.value().get(), "reason", lang()))
                                    autocomplete="off" />
                                <button type="submit" class="fw-button fw-button--warning" data-testid="cancel-request">{crate::tr!(i18n, conversation.cancel_button)}</button>
                            </form>
                        })}
                        {move || match cancel.value().get() {
                            Some(Ok(done)) => Some(view! {
                                <p class="fw-notice" role="status" data-testid="cancelled">
                                    {if done.late { t_string!(i18n, conversation.cancelled_late) } else { t_string!(i18n, conversation.cancelled) }}
                                </p>
                            }),
                            _ => None,
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// "Send me a new key": the reference and the contact e-mail; one answer whatever they are.
#[component]
pub fn NewKeyForm() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let reference = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let ask = Action::new_local(|(r, e): &(String, String)| {
        let (r, e) = (r.clone(), e.clone());
        async move { api::new_key(&r, &e).await }
    });
    view! {
        <form class="fw-form" novalidate data-testid="new-key-form" on:submit=move |ev| {
            ev.prevent_default();
            if !ask.pending().get_untracked() {
                ask.dispatch_local((reference.get_untracked(), email.get_untracked()));
            }
        }>
            <h2 class="fw-heading-m">{crate::tr!(i18n, conversation.new_key_title)}</h2>
            <p>{crate::tr!(i18n, conversation.new_key_intro)}</p>
            <TextField id="new-key-reference" label=text!(i18n, status.reference) hint=text!(i18n, status.reference_hint)
                value=reference on_input=Callback::new(move |v| reference.set(v))
                error=Signal::derive(|| None::<String>) autocomplete="off" width_class="fw-input--medium" />
            <TextField id="new-key-email" label=text!(i18n, conversation.new_key_email)
                value=email on_input=Callback::new(move |v| email.set(v))
                error=Signal::derive(|| None::<String>) autocomplete="email" input_type="email" />
            <button type="submit" class="fw-button fw-button--secondary" data-testid="new-key">{crate::tr!(i18n, conversation.new_key_button)}</button>
            <div aria-live="polite">
                {move || ask.value().get().map(|answer| {
                    let text = match answer {
                        Ok(message) => match lang() { Lang::Ja => message.message_ja, Lang::En => message.message_en },
                        Err(error) => message_of(&error, lang(), t_string!(i18n, conversation.error).into_owned()),
                    };
                    view! { <p class="fw-notice" role="status" data-testid="new-key-answer">{text}</p> }
                })}
            </div>
        </form>
    }
}
