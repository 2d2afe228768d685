//! The customer portal: a Leptos single-page app, rendered in the browser.
//!
//! Components render and dispatch; every rule is decided by `fwportal-core`, the same code the
//! server runs.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod lang;
pub mod pages;
pub mod preparation;
pub mod wizard;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
