//! `/request/confirmation`: the reference, the access token (shown this once: it is kept in
//! memory only, never stored) and what happens next.

use fwportal_core::i18n::format_date;
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::form::use_lang;
use crate::components::page_title::use_page_title;
use crate::i18n::*;
use crate::text;
use crate::wizard::use_wizard;

#[component]
pub fn Confirmation() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    use_page_title(
        move || t_string!(i18n, confirmation.title).to_string(),
        || false,
    );
    move || match wizard.receipt.get() {
        None => view! {
            <h1 class="fw-heading-xl">{crate::tr!(i18n, confirmation.gone_title)}</h1>
            <p>{crate::tr!(i18n, confirmation.gone_text)}</p>
            <p><a href="/status">{crate::tr!(i18n, status.title)}</a></p>
        }
        .into_any(),
        Some(receipt) => {
            let consult = receipt.kind == "version_consultation";
            // The work date and time as submitted, from the answers kept for the list.
            let work_date =
                crate::preparation::load_submitted(&receipt.reference).and_then(|kept| {
                    let date = parse_date(&kept.draft.work_date).ok()?;
                    let time =
                        fwportal_core::request::fields::parse_time(&kept.draft.work_start_time)
                            .map(fwportal_core::dates::hour_minute)
                            .unwrap_or_default();
                    Some((date, time))
                });
            let received = receipt
                .received_on
                .as_deref()
                .and_then(|d| parse_date(d).ok());
            view! {
                <div class="fw-panel fw-panel--confirmation">
                    <h1 class="fw-panel__title">{crate::tr!(i18n, confirmation.title)}</h1>
                    <div class="fw-panel__body">
                        {crate::tr!(i18n, confirmation.reference_label)}
                        <br />
                        <strong class="fw-reference" data-testid="reference">
                            {receipt.reference.clone()}
                        </strong>
                        " "
                        <CopyButton
                            value=receipt.reference.clone()
                            what=text!(i18n, confirmation.reference_label)
                            testid="copy-reference"
                        />
                    </div>
                </div>
                <div class="fw-warning-text" role="note">
                    <span class="fw-warning-text__icon" aria-hidden="true">"!"</span>
                    <div>
                        <strong>{crate::tr!(i18n, confirmation.token_label)}</strong>
                        <p>
                            <code class="fw-token" data-testid="access-token">
                                {receipt.access_token.clone()}
                            </code>
                            " "
                            <CopyButton
                                value=receipt.access_token.clone()
                                what=text!(i18n, confirmation.token_label)
                                testid="copy-token"
                            />
                        </p>
                        <p>{crate::tr!(i18n, confirmation.token_warning)}</p>
                    </div>
                </div>
                <p>{crate::tr!(i18n, confirmation.keep_reference)}</p>
                {(!receipt.warnings.is_empty())
                    .then(|| {
                        let warnings = receipt.warnings.clone();
                        view! {
                            <h2 class="fw-heading-m">{crate::tr!(i18n, confirmation.warnings_title)}</h2>
                            <ul class="fw-list fw-list--bullet" data-testid="warnings">
                                {warnings
                                    .into_iter()
                                    .map(|w| view! { <li>{move || w.message(lang()).to_owned()}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })}
                {received
                    .map(|d| {
                        view! {
                            <p>
                                {crate::tr!(i18n, confirmation.received_on)}
                                " "
                                <strong class="fw-nowrap">{move || format_date(d, lang())}</strong>
                            </p>
                            // Why the received day is later than the day it was sent (R5).
                            {(d != fwportal_core::calendar::to_jst(&crate::wizard::now()).date_naive())
                                .then(|| {
                                    view! {
                                        <p data-testid="received-why">
                                            {crate::tr!(i18n, schedule.received_why)}
                                        </p>
                                    }
                                })}
                        }
                    })}
                {work_date
                    .map(|(date, time)| {
                        view! {
                            <p data-testid="confirmation-work-date">
                                {crate::tr!(i18n, schedule.work_date)}
                                "： "
                                <strong class="fw-nowrap">
                                    {move || format!("{} {time}", format_date(date, lang()))}
                                </strong>
                            </p>
                        }
                    })}
                <p class="fw-no-print">
                    <button
                        type="button"
                        class="fw-button fw-button--secondary"
                        data-testid="print"
                        on:click=|_| {
                            if let Some(window) = web_sys::window() {
                                let _ = window.print();
                            }
                        }
                    >
                        {crate::tr!(i18n, confirmation.print)}
                    </button>
                </p>
                <h2 class="fw-heading-m">{crate::tr!(i18n, confirmation.next_title)}</h2>
                <p>
                    {if consult {
                        t_string!(i18n, confirmation.next_consult)
                    } else {
                        t_string!(i18n, confirmation.next_work)
                    }}
                </p>
                <p>{crate::tr!(i18n, confirmation.next_desk)}</p>
                {(!consult)
                    .then(|| {
                        let href = format!(
                            "/preparation?reference={}",
                            js_sys::encode_uri_component(&receipt.reference),
                        );
                        view! {
                            <p>
                                <a href=href data-testid="to-preparation">
                                    {crate::tr!(i18n, preparation.link)}
                                </a>
                            </p>
                        }
                    })}
                <p>
                    <a href="/status">{crate::tr!(i18n, confirmation.status_link)}</a>
                </p>
                <p>
                    <a href="/request/contract">{crate::tr!(i18n, confirmation.new_request)}</a>
                </p>
            }
            .into_any()
        }
    }
}
