//! Keeps `document.title` in step with the page and its errors: the title starts with
//! "エラー: " / "Error: " while the page shows errors, so screen-reader users hear it first.

use leptos::prelude::*;

use crate::i18n::*;

/// Sets the document title to `<page> | <service>` (prefixed when `has_errors`).
pub fn use_page_title(
    page: impl Fn() -> String + 'static,
    has_errors: impl Fn() -> bool + 'static,
) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let prefix = if has_errors() {
            t_string!(i18n, title_error_prefix).to_string()
        } else {
            String::new()
        };
        let title = format!("{prefix}{} | {}", page(), t_string!(i18n, service_name));
        document().set_title(&title);
    });
}
