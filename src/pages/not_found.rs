//! Any unknown path.

use leptos::prelude::*;

use crate::components::page_title::use_page_title;
use crate::i18n::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(
        move || t_string!(i18n, not_found.title).to_string(),
        || false,
    );
    view! {
        <h1 class="fw-heading-xl">{crate::tr!(i18n, not_found.title)}</h1>
        <p>{crate::tr!(i18n, not_found.text)}</p>
        <p>
            <a href="/">{crate::tr!(i18n, not_found.home)}</a>
        </p>
    }
}
