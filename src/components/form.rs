//! Glue between the draft and the fields of a page: a field reads its value from the shared
//! draft and writes every keystroke back, so nothing typed is ever lost (language switch,
//! errors, reload).

use fwportal_core::i18n::Lang;
use fwportal_core::request::RequestDraft;
use leptos::prelude::*;

use crate::i18n::*;
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
    move || i18n.lang()
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
