//! The header with the service name and language switch, and the footer.

use leptos::prelude::*;

use crate::i18n::*;
use fwportal_core::i18n::Lang;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="fw-header">
            <div class="fw-header__inner">
                <a class="fw-header__name" href="/">{crate::tr!(i18n, service_name)}</a>
                <span class="fw-header__tagline">{crate::tr!(i18n, service_tagline)}</span>
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// Two buttons, the current language pressed. Switching keeps everything typed on the page:
/// only the text changes.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let current = move || i18n.lang();
    let choose = move |lang: Lang| i18n.set_lang(lang);
    view! {
        <nav class="fw-language" aria-label=move || t_string!(i18n, language_switch_label)>
            <button
                type="button"
                class="fw-language__option"
                lang="ja"
                aria-pressed=move || (current() == Lang::Ja).to_string()
                on:click=move |_| choose(Lang::Ja)
            >
                "日本語"
            </button>
            <button
                type="button"
                class="fw-language__option"
                lang="en"
                aria-pressed=move || (current() == Lang::En).to_string()
                on:click=move |_| choose(Lang::En)
            >
                "English"
            </button>
        </nav>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="fw-footer">
            <p>{crate::tr!(i18n, footer_text)}</p>
            <p>{crate::tr!(i18n, footer_desk)}</p>
        </footer>
    }
}
