//! The customer's web apps (issue 13): one small app a page group, each built by trunk from
//! its own `index.html` and binary (`src/bin/fwportal-*.rs`), so a first visit of `/`
//! downloads the start page's app only. Which app shows which path is
//! [`fwportal_core::apps::WebApp::of_path`], the same map the server answers with.
//!
//! A link to another app's page must be a real navigation: leptos_router handles every
//! same-origin anchor click itself unless the anchor has `rel="external"` (or `download`, or
//! a `target`; `leptos_router` 0.8 `location::handle_anchor_click`), and an app's router does
//! not know the other apps' pages. So each app takes the clicks on links to other apps' pages
//! before its router does and lets the browser load them ([`take_links_to_other_apps`]): the
//! pages' links need no mark of their own. [`Elsewhere`], every app's fallback route, loads
//! the right app for a path the router reached some other way (`use_navigate("/")` in the
//! journey) instead of showing "not found".

pub mod followup;
pub mod journey;
pub mod start;

use std::sync::OnceLock;

pub use fwportal_core::apps::WebApp;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::i18n::*;
use crate::pages::not_found::NotFound;
use crate::startup::Later;

static CURRENT: OnceLock<WebApp> = OnceLock::new();

/// The app running in this page; set once by [`crate::mount`]. Components under test, with no
/// app mounted, count as the start app.
pub fn current() -> WebApp {
    CURRENT.get().copied().unwrap_or(WebApp::Start)
}

pub(crate) fn set_current(app: WebApp) {
    // A second mount in the same page keeps the first app's name: it is the page's.
    let _ = CURRENT.set(app);
}

/// Whether the page at `path` is shown by this app.
pub fn is_here(path: &str) -> bool {
    WebApp::of_path(path) == current()
}

/// Makes every click on a link to another app's page a real navigation. The listener sees
/// the click first (the window's capture phase; the router listens in the bubble phase),
/// and for a same-origin link whose page is another app's it prevents the default and loads
/// the page: the router leaves a click whose default is prevented alone. Clicks the browser
/// handles itself anyway (another button, a modifier key for a new tab, `target`,
/// `download`) and links within this app are left as they are.
pub(crate) fn take_links_to_other_apps() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let Some(window) = web_sys::window() else {
        return;
    };
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !anchor.target().is_empty() || anchor.has_attribute("download") {
            return;
        }
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let same_origin = location.origin().ok() == Some(anchor.origin());
        if same_origin && !is_here(&anchor.pathname()) {
            ev.prevent_default();
            load(&anchor.href(), false);
        }
    });
    // The listener lives as long as the page.
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

fn load(href: &str, replace: bool) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    // When the browser refuses, the page stays as it is; nothing else to do.
    let _ = if replace {
        location.replace(href)
    } else {
        location.assign(href)
    };
}

/// The fallback route of every app: a page of another app (reached by a navigation this
/// app's router made) is loaded from the server in place of the history entry the router
/// just made; any other path is not found.
#[component]
pub fn Elsewhere() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    if WebApp::of_path(&path) != current() {
        let target = full_path(
            &path,
            &location.search.get_untracked(),
            &location.hash.get_untracked(),
        );
        load(&target, true);
        return ().into_any();
    }
    NotFound().into_any()
}

/// A path with the query and fragment as leptos_router keeps them: the query without its
/// `?`, the fragment with its `#`.
fn full_path(path: &str, search: &str, hash: &str) -> String {
    let mark = if search.is_empty() { "" } else { "?" };
    format!("{path}{mark}{search}{hash}")
}

/// What every app's pages sit in: the skip link, the header, `<main>` (holding `children`,
/// the app's pages) and the footer.
#[component]
pub fn Frame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="fw-skip-link" href="#main">{crate::tr!(i18n, skip_to_content)}</a>
        <SiteHeader />
        <main id="main" class="fw-main" tabindex="-1">
            // The page: after the header, in a task of its own while the app starts; the
            // static page stays until it is drawn (crate::startup).
            <Later reveal=true>{children()}</Later>
        </main>
        // Below every part of the first page, drawn after them (crate::startup).
        <Later last=true>
            <SiteFooter />
        </Later>
    }
}

#[cfg(test)]
mod tests {
    use super::full_path;

    #[test]
    fn the_routers_location_becomes_the_path_to_load() {
        assert_eq!(full_path("/", "", ""), "/");
        assert_eq!(
            full_path("/preparation", "reference=FWU-2026-000001", ""),
            "/preparation?reference=FWU-2026-000001"
        );
        assert_eq!(full_path("/status", "", "#history"), "/status#history");
        assert_eq!(full_path("/check", "a=1", "#servers"), "/check?a=1#servers");
    }
}
