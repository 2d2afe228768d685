//! `/`: what the service is and how to begin.

use leptos::prelude::*;

use crate::components::page_title::use_page_title;
use crate::i18n::*;

#[component]
pub fn Start() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, start.title).to_string(), || false);
    view! {
        <h1 class="fw-heading-xl">{t!(i18n, start.title)}</h1>
        <p class="fw-lead">{t!(i18n, start.lead)}</p>
        <h2 class="fw-heading-m">{t!(i18n, start.need_title)}</h2>
        <ul class="fw-list fw-list--bullet">
            <li>{t!(i18n, start.need_contract)}</li>
            <li>{t!(i18n, start.need_date)}</li>
        </ul>
        <a class="fw-button fw-button--start" href="/request" role="button">
            {t!(i18n, start.begin)}
        </a>
    }
}
