//! `/confirmation/:reference`: the reference and what happens next.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::page_title::use_page_title;
use crate::i18n::*;

#[component]
pub fn Confirmation() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    use_page_title(
        move || t_string!(i18n, confirmation.title).to_string(),
        || false,
    );
    view! {
        <div class="fw-panel fw-panel--confirmation">
            <h1 class="fw-panel__title">{t!(i18n, confirmation.title)}</h1>
            <div class="fw-panel__body">
                {t!(i18n, confirmation.reference_label)}
                <br />
                <strong class="fw-reference" data-testid="reference">
                    {reference}
                </strong>
            </div>
        </div>
        <p>{t!(i18n, confirmation.keep_reference)}</p>
        <h2 class="fw-heading-m">{t!(i18n, confirmation.next_title)}</h2>
        <p>{t!(i18n, confirmation.next_text)}</p>
        <p>
            <a href="/request">{t!(i18n, confirmation.new_request)}</a>
        </p>
    }
}
