//! The conversation on a request's page (issue 16): the messages in order, a form to write to
//! the customer (mailed to them), "mark as read", and the customer's pending change of the work
//! date with accept / decline (sent with the version the page shows, like a step).

use fwportal_core::lifecycle::Status;
use leptos::prelude::*;

use super::{failure_text, problem_at, Field};
use crate::api::{self, ApiError, Message, PendingChange};
use crate::texts::*;
use crate::{on_unauthorized, show_date, show_instant, tx, use_desk};

fn refusal(error: &ApiError, lang: fwportal_core::i18n::Lang) -> Option<String> {
    match error {
        ApiError::Unauthorized => None,
        ApiError::Invalid(problems) => Some(
            problems
                .iter()
                .map(|p| p.message(lang).to_owned())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ApiError::Conflict(_) => Some(CONFLICT.get(lang).to_owned()),
        ApiError::Refused(ja, en) => Some(match lang {
            fwportal_core::i18n::Lang::Ja => ja.clone(),
            fwportal_core::i18n::Lang::En => en.clone(),
        }),
        other => Some(failure_text(other).get(lang).to_owned()),
    }
}

#[component]
pub fn Conversation(
    reference: String,
    messages: Vec<Message>,
    open: bool,
    on_done: Callback<Status>,
    status: Status,
) -> impl IntoView {
    let desk = use_desk();
    let lang = desk.lang;
    let unread = messages
        .iter()
        .any(|m| m.author == "customer" && m.read_at.is_none());
    let body = RwSignal::new(String::new());
    let send = {
        let reference = reference.clone();
        Action::new_local(move |text: &String| {
            let (reference, text, csrf) = (reference.clone(), text.clone(), desk.csrf_token());
            async move { api::send_message(&reference, &csrf, &text).await }
        })
    };
    let read = {
        let reference = reference.clone();
        Action::new_local(move |_: &()| {
            let (reference, csrf) = (reference.clone(), desk.csrf_token());
            async move { api::mark_read(&reference, &csrf).await }
        })
    };
    Effect::new(move |_| match send.value().get() {
        Some(Ok(_)) => {
            body.set(String::new());
            on_done.run(status);
        }
        Some(Err(error)) => on_unauthorized(&error),
        None => {}
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = read.value().get() {
            on_done.run(status);
        }
    });
    let problems = move || match send.value().get() {
        Some(Err(ApiError::Invalid(problems))) => problems,
        _ => Vec::new(),
    };
    let error = Signal::derive(move || problem_at(&problems(), "body", lang.get()));
    let failure = move || match send.value().get() {
        Some(Err(ApiError::Invalid(_))) | None | Some(Ok(_)) => None,
        Some(Err(other)) => refusal(&other, lang.get()),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !send.pending().get_untracked() {
            send.dispatch_local(body.get_untracked());
        }
    };
    view! {
        <section aria-labelledby="conversation-title" data-testid="conversation">
            <h2 class="fw-heading-m" id="conversation-title">{tx(CONVERSATION)}</h2>
            {if messages.is_empty() {
                view! { <p>{tx(NO_MESSAGES)}</p> }.into_any()
            } else {
                view! {
                    <ol class="desk-messages">
                        {messages.into_iter().map(|m| {
                            let from_customer = m.author == "customer";
                            let who = if from_customer { None } else { m.staff_name.clone() };
                            let new = from_customer && m.read_at.is_none();
                            view! {
                                <li data-author=m.author.clone() data-unread=new.then_some("true")>
                                    <span class="desk-timeline__at">{show_instant(&m.at)}</span> " "
                                    <strong>{tx(if from_customer { FROM_CUSTOMER } else { FROM_DESK })}</strong>
                                    {who.map(|w| format!(" ({w})"))}
                                    {new.then(|| view! { " " <span class="desk-badge">{tx(UNREAD)}</span> })}
                                    <p class="desk-message__body">{m.body.clone()}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            {unread.then(|| view! {
                <button type="button" class="fw-button fw-button--secondary" data-testid="mark-read"
                    on:click=move |_| { read.dispatch_local(()); }>{tx(MARK_READ)}</button>
            })}
            {open.then(|| view! {
                <form class="desk-step" novalidate on:submit=on_submit data-testid="message-form">
                    {move || failure().map(|m| view! { <div class="fw-notice fw-notice--error" role="alert">{m}</div> })}
                    <Field id="message-body" label=NEW_MESSAGE hint=NEW_MESSAGE_HINT value=body error=error multiline=true />
                    <button type="submit" class="fw-button" disabled=move || send.pending().get()>{tx(SEND_MESSAGE)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
pub fn DateChangePanel(
    reference: String,
    pending: PendingChange,
    version: i64,
    on_done: Callback<Status>,
) -> impl IntoView {
    let desk = use_desk();
    let lang = desk.lang;
    let note = RwSignal::new(String::new());
    let answer = Action::new_local(move |accept: &bool| {
        let (reference, accept, note, csrf) = (
            reference.clone(),
            *accept,
            note.get_untracked(),
            desk.csrf_token(),
        );
        async move { api::answer_date_change(&reference, &csrf, accept, &note, version).await }
    });
    Effect::new(move |_| match answer.value().get() {
        Some(Ok(done)) => on_done.run(done.status),
        Some(Err(error)) => on_unauthorized(&error),
        None => {}
    });
    let error = Signal::derive(move || match answer.value().get() {
        Some(Err(ApiError::Invalid(problems))) => problem_at(&problems, "note", lang.get()),
        _ => None,
    });
    let failure = move || match answer.value().get() {
        Some(Err(ApiError::Invalid(problems)))
            if problem_at(&problems, "note", lang.get()).is_some() =>
        {
            None
        }
        Some(Err(other)) => refusal(&other, lang.get()),
        _ => None,
    };
    let asked = format!("{} {}", pending.work_date, pending.work_start_time);
    let day = pending.work_date.clone();
    view! {
        <section aria-labelledby="date-change-title" class="desk-step" data-testid="date-change">
            <h2 class="fw-heading-m" id="date-change-title">{tx(DATE_CHANGE_TITLE)}</h2>
            <p>
                <strong>{tx(DATE_CHANGE_ASKED)} ": "</strong>
                <span data-testid="date-change-asked" data-value=asked>{move || show_date(&day, lang.get())} " " {pending.work_start_time.clone()}</span>
            </p>
            {move || failure().map(|m| view! { <div class="fw-notice fw-notice--error" role="alert">{m}</div> })}
            <Field id="date-change-note" label=DATE_CHANGE_NOTE hint=DATE_CHANGE_NOTE_HINT value=note error=error multiline=true />
            <button type="button" class="fw-button" data-testid="accept-date"
                disabled=move || answer.pending().get()
                on:click=move |_| { answer.dispatch_local(true); }>{tx(ACCEPT)}</button>
            " "
            <button type="button" class="fw-button fw-button--secondary" data-testid="decline-date"
                disabled=move || answer.pending().get()
                on:click=move |_| { answer.dispatch_local(false); }>{tx(DECLINE)}</button>
        </section>
    }
}
