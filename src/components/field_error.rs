//! The message beside a field with a problem.

use leptos::prelude::*;

/// A problem's message with a mark, so the problem is never told by colour alone; `id` is what
/// the field's `aria-describedby` points at. Renders nothing while there is no message.
#[component]
pub fn FieldError(
    message: Signal<Option<String>>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    move || {
        message.get().map(|message| {
            view! {
                <p class="fw-field__error" id=id.clone()>
                    <span class="fw-field__error-mark" aria-hidden="true">"!"</span>
                    {message}
                </p>
            }
        })
    }
}
