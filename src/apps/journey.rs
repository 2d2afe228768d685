//! The journey app: the self-check and the request's pages, up to the confirmation (which
//! shows the receipt this app keeps in memory).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::{Elsewhere, Frame};
use crate::i18n::I18nProvider;
use crate::pages::check::CheckPage;
use crate::pages::confirmation::Confirmation;
use crate::pages::request::{
    check_answers::CheckAnswersPage, contract::ContractPage,
    responsibilities::ResponsibilitiesPage, schedule::SchedulePage, servers::ServersPage,
    version::VersionPage,
};
use crate::wizard::Wizard;

#[component]
pub fn JourneyApp() -> impl IntoView {
    view! {
        <I18nProvider>
            <Pages />
        </I18nProvider>
    }
}

#[component]
fn Pages() -> impl IntoView {
    // A returned request being answered in this tab takes the draft's place (issue 16).
    Wizard::provide_with(crate::answer::resume());
    view! {
        <Router>
            <Frame>
                <Routes fallback=Elsewhere>
                    <Route path=path!("/check") view=CheckPage />
                    <Route path=path!("/request") view=ContractPage />
                    <Route path=path!("/request/contract") view=ContractPage />
                    <Route path=path!("/request/servers") view=ServersPage />
                    <Route path=path!("/request/version") view=VersionPage />
                    <Route path=path!("/request/responsibilities") view=ResponsibilitiesPage />
                    <Route path=path!("/request/schedule") view=SchedulePage />
                    <Route path=path!("/request/check") view=CheckAnswersPage />
                    <Route path=path!("/request/confirmation") view=Confirmation />
                </Routes>
            </Frame>
        </Router>
    }
}
