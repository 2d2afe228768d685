//! The start app: `/` and the not-found page, all that a first visit downloads.
//!
//! Its two pages need no client-side router (about a tenth of the app's code): the server
//! sends this app only for `/` and for paths no page has (`WebApp::of_path`), the path
//! chooses the page once, and every link leads to a full page load, within this app as to
//! another. A page added here is one more arm of the `match`.

use leptos::prelude::*;

use super::Frame;
use crate::i18n::I18nProvider;
use crate::pages::not_found::NotFound;
use crate::pages::start::Start;
use crate::wizard::StartState;

#[component]
pub fn StartApp() -> impl IntoView {
    view! {
        <I18nProvider>
            <Pages />
        </I18nProvider>
    }
}

#[component]
fn Pages() -> impl IntoView {
    StartState::provide();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let page = match path.as_str() {
        "/" | "/index.html" => Start().into_any(),
        _ => NotFound().into_any(),
    };
    view! { <Frame>{page}</Frame> }
}
