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
pub mod wizard;

/// The id of the static page `index.html` shows until the app runs (issue 13).
pub const STATIC_SHELL_ID: &str = "fwportal-shell";

/// Mounts `root`, the page's app (`app`), on `<body>` in place of the static page shown while
/// the wasm loaded. Both happen in the same task, so no frame shows neither.
pub fn mount<F, N>(app: apps::WebApp, root: F)
where
    F: FnOnce() -> N + 'static,
    N: leptos::prelude::IntoView,
{
    apps::set_current(app);
    apps::take_links_to_other_apps();
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(STATIC_SHELL_ID))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(root);
}
