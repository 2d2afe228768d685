//! Glue between the draft and the fields of a page: a field reads its value from the shared
//! draft and writes every keystroke back, so nothing typed is ever lost (language switch,
//! errors, reload).

use fwportal_core::i18n::Lang;
use fwportal_core::request::RequestDraft;
use leptos::prelude::*;

use crate::i18n::*;
use crate::lang;
use crate::wizard::{use_wizard, Wizard};

/// A value of the draft and a setter for it.
pub fn bind(
    wizard: Wizard,
    get: impl Fn(&RequestDraft) -> String + Send + Sync + 'static,
    set: impl Fn(&mut RequestDraft, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    let draft = wizard.draft;
    (
        Signal::derive(move || draft.with(&get)),
        Callback::new(move |value: String| draft.update(|d| set(d, value))),
    )
}

/// The language the page is shown in, as the rules' crate names it.
pub fn use_lang() -> impl Fn() -> Lang + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || lang::to_lang(i18n.get_locale())
}

/// The message shown beside the field whose path is `field`, in the page's language.
pub fn field_error(field: impl Into<String>) -> Signal<Option<String>> {
    let wizard = use_wizard();
    let lang = use_lang();
    let field = field.into();
    Signal::derive(move || {
        let lang = lang();
        wizard.problems.with(|list| {
            list.iter()
                .find(|p| p.field == field)
                .map(|p| p.message(lang).to_owned())
        })
    })
}

/// A translated text that follows the page language. Every text goes through this one
/// function with a plain `fn` pointer, so the app carries one copy of the reactive text code
/// instead of one per text: the wasm is tens of kilobytes smaller.
pub fn tr(
    i18n: leptos_i18n::I18nContext<Locale>,
    text: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || text(i18n.get_locale())
}

/// [`tr`] as a signal, for component props.
pub fn text_signal(
    i18n: leptos_i18n::I18nContext<Locale>,
    text: fn(Locale) -> &'static str,
) -> Signal<String> {
    Signal::derive(move || text(i18n.get_locale()).to_owned())
}

/// A translated text as a signal, for component props.
#[macro_export]
macro_rules! text {
    ($i18n:expr, $($key:tt)+) => {
        $crate::components::form::text_signal($i18n, |l| $crate::i18n::td_string!(l, $($key)+))
    };
}

/// A translated text in a view: `tr!(i18n, section.key)`.
#[macro_export]
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::components::form::tr($i18n, |l| $crate::i18n::td_string!(l, $($key)+))
    };
}
