//! `/check`: the eligibility self-check. The contract and each server get their answer as they
//! are typed (R6, R7, R8, R10, R11), with the rule and the reason; nothing is sent. The answers
//! are the request's own, so "request an update" continues with them.

use leptos::prelude::*;

use crate::components::contract::{ContractAnswer, ContractFields};
use crate::components::page_title::use_page_title;
use crate::components::servers::ServerRows;
use crate::components::step::ForgetAnswers;
use crate::i18n::*;

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, check.title).to_string(), || false);
    view! {
        <a class="fw-back-link" href="/">{crate::tr!(i18n, common.back)}</a>
        <h1 class="fw-heading-xl">{crate::tr!(i18n, check.title)}</h1>
        <p>{crate::tr!(i18n, check.intro)}</p>
        <form class="fw-form" novalidate on:submit=|ev| ev.prevent_default()>
            <ContractFields with_number=false />
            <ContractAnswer />
            <h2 class="fw-heading-m">{crate::tr!(i18n, check.servers_title)}</h2>
            <ServerRows with_firmware=false />
        </form>
        <h2 class="fw-heading-m">{crate::tr!(i18n, check.next_title)}</h2>
        <p>{crate::tr!(i18n, check.next_text)}</p>
        <a class="fw-button" href="/request/contract" data-testid="check-to-request">
            {crate::tr!(i18n, check.to_request)}
        </a>
        <p>
            <a href="/preparation" data-testid="check-to-preparation">
                {crate::tr!(i18n, preparation.link_check)}
            </a>
        </p>
        <ForgetAnswers />
    }
}
