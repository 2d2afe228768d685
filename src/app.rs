//! The shell (header, main, footer) and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::i18n::*;
use crate::pages::request::{
    check_answers::CheckAnswersPage, contract::ContractPage,
    responsibilities::ResponsibilitiesPage, schedule::SchedulePage, servers::ServersPage,
    version::VersionPage,
};
use crate::pages::{
    check::CheckPage, confirmation::Confirmation, not_found::NotFound,
    preparation::PreparationPage, start::Start, status::StatusPage,
};
use crate::wizard::Wizard;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nProvider>
            <Shell />
        </I18nProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    Wizard::provide();
    view! {
        <Router>
            <a class="fw-skip-link" href="#main">{crate::tr!(i18n, skip_to_content)}</a>
            <SiteHeader />
            <main id="main" class="fw-main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Start />
                    <Route path=path!("/check") view=CheckPage />
                    <Route path=path!("/request") view=ContractPage />
                    <Route path=path!("/request/contract") view=ContractPage />
                    <Route path=path!("/request/servers") view=ServersPage />
                    <Route path=path!("/request/version") view=VersionPage />
                    <Route path=path!("/request/responsibilities") view=ResponsibilitiesPage />
                    <Route path=path!("/request/schedule") view=SchedulePage />
                    <Route path=path!("/request/check") view=CheckAnswersPage />
                    <Route path=path!("/request/confirmation") view=Confirmation />
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/preparation") view=PreparationPage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
