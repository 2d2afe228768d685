//! `/`: what the service is and is not, what to have at hand, whether the support desk is open
//! now (R1), and the two ways on: check eligibility only, or request an update.

use fwportal_core::calendar::to_jst;
use fwportal_core::i18n::{format_date, format_time};
use leptos::prelude::*;

use crate::components::form::use_lang;
use crate::components::page_title::use_page_title;
use crate::i18n::*;
use crate::wizard::{now, use_server_calendar, use_start_state};

#[component]
pub fn Start() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_start_state();
    let calendar = use_server_calendar();
    let lang = use_lang();
    use_page_title(move || t_string!(i18n, start.title).to_string(), || false);
    let desk = move || {
        let calendar = calendar.get().unwrap_or_default();
        let status = calendar.desk_status(&now()).ok()?;
        Some(if status.open {
            let closes = status
                .closes_at
                .map(|t| format_time(t.time(), lang()))
                .unwrap_or_default();
            view! {
                <p class="fw-verdict fw-verdict--eligible" data-testid="desk-status">
                    <span class="fw-verdict__mark" aria-hidden="true">"●"</span>
                    <strong>{crate::tr!(i18n, start.desk_open)}</strong>
                    " "
                    {crate::tr!(i18n, start.desk_closes)}
                    " "
                    {closes}
                </p>
            }
            .into_any()
        } else {
            let opens = status.next_opens_at.map(|t| {
                let t = to_jst(&t);
                format!(
                    "{} {}",
                    format_date(t.date_naive(), lang()),
                    format_time(t.time(), lang())
                )
            });
            view! {
                <p class="fw-verdict fw-verdict--info" data-testid="desk-status">
                    <span class="fw-verdict__mark" aria-hidden="true">"○"</span>
                    <strong>{crate::tr!(i18n, start.desk_closed)}</strong>
                    " "
                    {crate::tr!(i18n, start.desk_opens)}
                    " "
                    {opens}
                </p>
            }
            .into_any()
        })
    };
    let has_draft = move || state.saved_at.get().is_some();
    // R5 with the server's calendar: what a request sent now can book at the earliest.
    let earliest = move || {
        let calendar = calendar.get().unwrap_or_default();
        let received = calendar.received_on(&now()).ok()?;
        calendar.earliest_work_date(received).ok()
    };
    view! {
        <h1 class="fw-heading-xl">{crate::tr!(i18n, start.title)}</h1>
        <p class="fw-lead">{crate::tr!(i18n, start.lead)}</p>
        <div class="fw-columns">
            <section>
                <h2 class="fw-heading-m">{crate::tr!(i18n, start.offered_title)}</h2>
                <ul class="fw-list fw-list--bullet">
                    <li>{crate::tr!(i18n, start.offered_selection)}</li>
                    <li>{crate::tr!(i18n, start.offered_work)}</li>
                    <li>{crate::tr!(i18n, start.offered_products)}</li>
                </ul>
            </section>
            <section>
                <h2 class="fw-heading-m">{crate::tr!(i18n, start.not_offered_title)}</h2>
                <ul class="fw-list fw-list--bullet">
                    <li>{crate::tr!(i18n, start.not_software)}</li>
                    <li>{crate::tr!(i18n, start.not_peripherals)}</li>
                    <li>{crate::tr!(i18n, start.not_excluded)}</li>
                    <li>{crate::tr!(i18n, start.not_documents)}</li>
                    <li>{crate::tr!(i18n, start.not_guarantee)}</li>
                </ul>
            </section>
        </div>
        <h2 class="fw-heading-m">{crate::tr!(i18n, start.need_title)}</h2>
        <ul class="fw-list fw-list--bullet">
            <li>{crate::tr!(i18n, start.need_contract)}</li>
            <li>{crate::tr!(i18n, start.need_servers)}</li>
            <li>{crate::tr!(i18n, start.need_versions)}</li>
            <li>{crate::tr!(i18n, start.need_date)}</li>
        </ul>
        <h2 class="fw-heading-m">{crate::tr!(i18n, start.desk_title)}</h2>
        <p>{crate::tr!(i18n, start.desk_hours)}</p>
        {desk}
        <crate::components::privacy::DeskContact />
        <p>{crate::tr!(i18n, start.notice)}</p>
        {move || {
            earliest()
                .map(|day| {
                    view! {
                        <p data-testid="start-earliest">
                            {crate::tr!(i18n, start.earliest)}
                            " "
                            <strong class="fw-nowrap">{format_date(day, lang())}</strong>
                        </p>
                    }
                })
        }}
        <div class="fw-button-group">
            <a class="fw-button fw-button--start" href="/request/contract" data-testid="start-request">
                {move || {
                    if has_draft() {
                        t_string!(i18n, start.resume)
                    } else {
                        t_string!(i18n, start.begin)
                    }
                }}
            </a>
            <a class="fw-button fw-button--secondary" href="/check" data-testid="start-check">
                {crate::tr!(i18n, start.check_only)}
            </a>
        </div>
        <p>
            <a href="/status">{crate::tr!(i18n, start.status_link)}</a>
        </p>
    }
}
