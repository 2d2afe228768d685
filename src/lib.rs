//! The customer portal: small Leptos apps rendered in the browser, one a page group
//! ([`apps`]: the start page, the journey, the follow-up), each its own binary and download.
//!
//! Components render and dispatch; every rule is decided by `fwportal-core`, the same code the
//! server runs.

pub mod answer;
pub mod api;
pub mod apps;
pub mod components;
pub mod i18n;
pub mod inventory_worker;
pub mod lang;
pub mod pages;
pub mod preparation;
pub mod startup;
pub mod wizard;

/// The id of the static page `index.html` shows until the app runs (issue 13).
pub const STATIC_SHELL_ID: &str = "fwportal-shell";

/// Mounts `root`, the page's app (`app`), on `<body>` in place of the static page shown while
/// the wasm loaded. The app is drawn after the static page, which hides it (`style/base.css`),
/// in slices ([`startup`]), and the static page goes in the task that draws the page's
/// heading, so no frame shows neither, nor both.
///
/// The loader (`pattern_script` in each app's `Trunk.toml`) requests the wasm only once the
/// static page's first paint is on the screen, so the app never takes the place of a page the
/// browser has not shown yet: Chromium counts a paint as the largest only once it is
/// presented, and forgets it if the element is gone by then (issue 13).
pub fn mount<F, N>(app: apps::WebApp, root: F)
where
    F: FnOnce() -> N + 'static,
    N: leptos::prelude::IntoView,
{
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    apps::set_current(app);
    apps::take_links_to_other_apps();
    let start = move || {
        let shell = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(STATIC_SHELL_ID));
        startup::begin(shell);
        leptos::mount::mount_to_body(root);
    };
    // In a task of its own: the one that instantiated the wasm is long enough already
    // (Lighthouse counts a task over 12.5 ms of real time as long, see `startup`).
    let Some(window) = web_sys::window() else {
        return start();
    };
    let deferred = Closure::once_into_js(start);
    // Only a window without timers refuses one; the app cannot start there anyway.
    let _ = window.set_timeout_with_callback(deferred.unchecked_ref());
}
