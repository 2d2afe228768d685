//! `/desk/sign-in`: e-mail, password and the 6-digit TOTP code. Every wrong part gets the same
//! message (the server's single 401); a locked account its own (423). The e-mail stays typed.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{failure_text, Alert, Field};
use crate::api::{self, ApiError};
use crate::texts::*;
use crate::{set_title, tx, use_desk};

#[component]
pub fn SignInPage() -> impl IntoView {
    let desk = use_desk();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let signed_out = use_query_map().get_untracked().get("signed_out").is_some();
    let navigate = use_navigate();
    let attempt = Action::new_local(|(e, p, c): &(String, String, String)| {
        let (e, p, c) = (e.clone(), p.clone(), c.clone());
        async move {
            api::sign_in(&e, &p, &c).await?;
            api::session().await
        }
    });
    Effect::new(move |_| {
        let failed = matches!(attempt.value().get(), Some(Err(_)));
        set_title(SIGN_IN.get(desk.lang.get()), failed);
        match attempt.value().get() {
            Some(Ok(session)) => {
                desk.session.set(Some(session));
                navigate("/desk/", Default::default());
            }
            Some(Err(_)) => {
                // The secret parts are typed again; the e-mail stays.
                password.set(String::new());
                code.set(String::new());
            }
            None => {}
        }
    });
    let error = move || {
        attempt.value().get().and_then(|r| r.err()).map(|e| {
            let text = match e {
                ApiError::Unauthorized => WRONG_SIGN_IN,
                ApiError::Locked => LOCKED,
                ApiError::RateLimited => TOO_MANY,
                other => failure_text(&other),
            };
            text.get(desk.lang.get()).to_owned()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !attempt.pending().get_untracked() {
            attempt.dispatch_local((
                email.get_untracked(),
                password.get_untracked(),
                code.get_untracked(),
            ));
        }
    };
    view! {
        <h1 class="fw-heading-xl">{tx(SIGN_IN)}</h1>
        {signed_out.then(|| view! { <p class="fw-notice" role="status">{tx(SIGNED_OUT)}</p> })}
        {move || error().map(|m| view! { <Alert message=m testid="sign-in-error" /> })}
        <p>{tx(SIGN_IN_INTRO)}</p>
        <form class="fw-form" novalidate on:submit=on_submit>
            <Field id="email" label=EMAIL value=email input_type="email" autocomplete="username" width_class="fw-input--medium" />
            <Field id="password" label=PASSWORD value=password input_type="password" autocomplete="current-password" width_class="fw-input--medium" />
            <Field id="code" label=CODE hint=CODE_HINT value=code autocomplete="one-time-code" inputmode="numeric" width_class="fw-input--short" />
            <button type="submit" class="fw-button" data-testid="sign-in">
                {move || if attempt.pending().get() { tx(SIGNING_IN)() } else { tx(SIGN_IN)() }}
            </button>
        </form>
    }
}
