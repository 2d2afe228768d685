//! The follow-up app: the status of a request and the preparation list.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::{Elsewhere, Frame};
use crate::i18n::I18nProvider;
use crate::pages::preparation::PreparationPage;
use crate::pages::status::StatusPage;
use crate::wizard::Wizard;

#[component]
pub fn FollowUpApp() -> impl IntoView {
    view! {
        <I18nProvider>
            <Pages />
        </I18nProvider>
    }
}

#[component]
fn Pages() -> impl IntoView {
    Wizard::provide();
    view! {
        <Router>
            <Frame>
                <Routes fallback=Elsewhere>
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/preparation") view=PreparationPage />
                </Routes>
            </Frame>
        </Router>
    }
}
