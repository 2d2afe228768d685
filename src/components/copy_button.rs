//! "Copy" beside a value the customer must keep (the reference, the access key): the browser's
//! clipboard, and a spoken and visible "copied" (or "could not copy") after it.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Done,
    Failed,
}

#[component]
pub fn CopyButton(
    /// What is copied.
    #[prop(into)]
    value: String,
    /// What it is, for the button's accessible name ("受付番号をコピー").
    #[prop(into)]
    what: Signal<String>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Copied::Not);
    let copy = move |_| {
        let value = value.clone();
        leptos::task::spawn_local(async move {
            let done = match web_sys::window() {
                Some(window) => {
                    let promise = window.navigator().clipboard().write_text(&value);
                    JsFuture::from(promise).await.is_ok()
                }
                None => false,
            };
            state.set(if done { Copied::Done } else { Copied::Failed });
        });
    };
    view! {
        <button type="button" class="fw-button fw-button--secondary fw-button--small" data-testid=testid on:click=copy>
            {crate::tr!(i18n, confirmation.copy)}
            <span class="fw-visually-hidden">{move || format!(" {}", what.get())}</span>
        </button>
        <span class="fw-copy-status" role="status">
            {move || match state.get() {
                Copied::Not => None,
                Copied::Done => Some(t_string!(i18n, confirmation.copied)),
                Copied::Failed => Some(t_string!(i18n, confirmation.copy_failed)),
            }}
        </span>
    }
}
