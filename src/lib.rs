//! The customer portal: a Leptos single-page app.
pub fn mount() {}
