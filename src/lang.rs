//! The customer's language: Japanese unless they chose otherwise. The choice is remembered in
//! `localStorage`, not taken from the browser's settings, because an English browser on a
//! Japanese office PC is common and the portal's primary audience reads Japanese.

use fwportal_core::i18n::Lang;

const STORAGE_KEY: &str = "fwportal.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language the customer chose last time, or Japanese.
pub fn remembered() -> Lang {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

pub fn remember(lang: Lang) {
    if let Some(storage) = storage() {
        // A full or disabled storage only loses the preference, never the page.
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
    }
}
