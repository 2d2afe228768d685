//! `/desk/`: the queue. Filters (status, kind, contract, reference, serial, received and
//! work-date ranges), the count of each status, paging; rows in the server's order (most
//! urgent first), each linking to its request.

use fwportal_core::lifecycle::{Status, ALL_STATUSES};
use fwportal_core::request::RequestKind;
use leptos::prelude::*;

use super::{failure_text, problem_at, Alert, Field};
use crate::api::{self, ApiError, QueueQuery};
use crate::texts::*;
use crate::{on_unauthorized, require_session, set_title, show_date, tx, use_desk};

fn kind_text(kind: RequestKind) -> Tx {
    match kind {
        RequestKind::UpdateWork => KIND_WORK,
        RequestKind::VersionConsultation => KIND_CONSULT,
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    require_session();
    let desk = use_desk();
    let lang = desk.lang;
    // What is typed, apart from what is applied (desk.query), so a half-typed filter does not
    // reload the list on every key.
    let kept = desk.query.get_untracked();
    let status = RwSignal::new(kept.status.clone());
    let kind = RwSignal::new(kept.kind.clone());
    let contract = RwSignal::new(kept.contract.clone());
    let reference = RwSignal::new(kept.reference.clone());
    let serial = RwSignal::new(kept.serial.clone());
    let received_from = RwSignal::new(kept.received_from.clone());
    let received_to = RwSignal::new(kept.received_to.clone());
    let work_from = RwSignal::new(kept.work_from.clone());
    let work_to = RwSignal::new(kept.work_to.clone());
    let page = LocalResource::new(move || {
        let query = desk.query.get();
        async move { api::queue(&query).await }
    });
    let problems = move || match page.get() {
        Some(Err(ApiError::Invalid(problems))) => problems,
        _ => Vec::new(),
    };
    Effect::new(move |_| {
        let result = page.get();
        if let Some(Err(error)) = &result {
            on_unauthorized(error);
        }
        set_title(QUEUE.get(lang.get()), matches!(result, Some(Err(_))));
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        desk.query.set(QueueQuery {
            status: status.get_untracked(),
            kind: kind.get_untracked(),
            contract: contract.get_untracked(),
            reference: reference.get_untracked(),
            serial: serial.get_untracked(),
            received_from: received_from.get_untracked(),
            received_to: received_to.get_untracked(),
            work_from: work_from.get_untracked(),
            work_to: work_to.get_untracked(),
            page: 1,
        });
    };
    let clear = move |_| {
        for s in [
            status,
            kind,
            contract,
            reference,
            serial,
            received_from,
            received_to,
            work_from,
            work_to,
        ] {
            s.set(String::new());
        }
        desk.query.set(QueueQuery::default());
    };
    let error_of = move |field: &'static str| {
        Signal::derive(move || problem_at(&problems(), field, lang.get()))
    };
    let go_to = move |n: u32| desk.query.update(|q| q.page = n);
    view! {
        <h1 class="fw-heading-xl">{tx(QUEUE)}</h1>
        <form class="desk-filters" novalidate on:submit=apply aria-labelledby="filters-title">
            <h2 class="fw-heading-m" id="filters-title">{tx(FILTERS)}</h2>
            <div class="desk-filters__grid">
                <div class="fw-field">
                    <label class="fw-field__label" for="filter-status">{tx(STATUS)}</label>
                    <select id="filter-status" class="fw-input" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="">{tx(ALL)}</option>
                        {ALL_STATUSES
                            .into_iter()
                            .map(|s| view! { <option value=s.as_str()>{move || s.label(lang.get())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="fw-field">
                    <label class="fw-field__label" for="filter-kind">{tx(KIND)}</label>
                    <select id="filter-kind" class="fw-input" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{tx(ALL)}</option>
                        <option value="update_work">{tx(KIND_WORK)}</option>
                        <option value="version_consultation">{tx(KIND_CONSULT)}</option>
                    </select>
                </div>
                <Field id="filter-contract" label=CONTRACT value=contract error=error_of("contract") />
                <Field id="filter-reference" label=REFERENCE value=reference error=error_of("reference") />
                <Field id="filter-serial" label=SERIAL value=serial error=error_of("serial") />
                <Field id="filter-received-from" label=RECEIVED_FROM hint=DATE_HINT value=received_from error=error_of("received_from") />
                <Field id="filter-received-to" label=RECEIVED_TO hint=DATE_HINT value=received_to error=error_of("received_to") />
                <Field id="filter-work-from" label=WORK_FROM hint=DATE_HINT value=work_from error=error_of("work_from") />
                <Field id="filter-work-to" label=WORK_TO hint=DATE_HINT value=work_to error=error_of("work_to") />
            </div>
            <div class="desk-actions">
                <button type="submit" class="fw-button" data-testid="apply-filters">{tx(APPLY)}</button>
                <button type="button" class="fw-button fw-button--secondary" on:click=clear>{tx(CLEAR)}</button>
            </div>
        </form>
        <div aria-live="polite">
            {move || match page.get() {
                None => view! { <p>{tx(LOADING)}</p> }.into_any(),
                Some(Err(ApiError::Invalid(_))) => view! { <Alert message=Signal::derive(move || FILTER_PROBLEM.get(lang.get()).to_owned()) /> }.into_any(),
                Some(Err(ApiError::Unauthorized)) => ().into_any(),
                Some(Err(error)) => {
                    let text = failure_text(&error);
                    view! { <Alert message=Signal::derive(move || text.get(lang.get()).to_owned()) /> }.into_any()
                }
                Some(Ok(found)) => view! { <QueueTable found=found /> }.into_any(),
            }}
        </div>
        {move || {
            page.get().and_then(|r| r.ok()).map(|found| {
                let pages = u32::try_from(found.total.max(0)).unwrap_or(u32::MAX).div_ceil(found.per_page.max(1));
                let current = found.page;
                (pages > 1).then(|| view! {
                    <nav class="desk-paging" aria-label=tx(PAGING)>
                        {(current > 1).then(|| view! {
                            <button type="button" class="fw-button fw-button--secondary" on:click=move |_| go_to(current - 1)>{tx(PREVIOUS)}</button>
                        })}
                        <span>{tx(PAGE_OF)} " " {current} " / " {pages}</span>
                        {(current < pages).then(|| view! {
                            <button type="button" class="fw-button fw-button--secondary" data-testid="next-page" on:click=move |_| go_to(current + 1)>{tx(NEXT)}</button>
                        })}
                    </nav>
                })
            })
        }}
    }
}

#[component]
fn QueueTable(found: api::QueuePage) -> impl IntoView {
    let lang = use_desk().lang;
    let counts = found.counts.clone();
    let total = found.total;
    let items = found.items;
    view! {
        <section aria-labelledby="counts-title">
            <h2 class="fw-heading-m" id="counts-title">{tx(COUNTS)}</h2>
            <ul class="desk-counts" data-testid="counts">
                {ALL_STATUSES
                    .into_iter()
                    .filter_map(|s: Status| counts.get(s.as_str()).map(|n| (s, *n)))
                    .map(|(s, n)| view! {
                        <li data-status=s.as_str()>{move || s.label(lang.get())} ": " <strong>{n}</strong></li>
                    })
                    .collect_view()}
            </ul>
        </section>
        <p data-testid="total"><strong>{total}</strong> {tx(RESULTS)}</p>
        {if items.is_empty() {
            view! { <p data-testid="no-results">{tx(NONE_FOUND)}</p> }.into_any()
        } else {
            view! {
                <div class="desk-table-wrap">
                    <table class="desk-table" data-testid="queue">
                        <caption class="fw-visually-hidden">{tx(QUEUE)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tx(REFERENCE)}</th>
                                <th scope="col">{tx(STATUS)}</th>
                                <th scope="col">{tx(KIND)}</th>
                                <th scope="col">{tx(WORK_DATE)}</th>
                                <th scope="col">{tx(DEADLINE)}</th>
                                <th scope="col">{tx(CONTRACT)}</th>
                                <th scope="col">{tx(COMPANY)}</th>
                                <th scope="col">{tx(RECEIVED)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {items
                                .into_iter()
                                .map(|item| {
                                    let href = format!("/desk/requests/{}", item.reference);
                                    let kind = kind_text(item.kind);
                                    let status = item.status;
                                    let work = item.work_date.clone().unwrap_or_default();
                                    let deadline = item.deadline.clone().unwrap_or_default();
                                    let received = item.received_on.clone().unwrap_or_default();
                                    view! {
                                        <tr data-reference=item.reference.clone()>
                                            <th scope="row">
                                                <a href=href>{item.reference.clone()}</a>
                                                {(item.unread_messages > 0).then(|| {
                                                    let n = item.unread_messages;
                                                    view! { " " <span class="desk-badge" data-testid="unread">{tx(UNREAD)} " " {n}</span> }
                                                })}
                                                {item.date_change_pending.then(|| view! {
                                                    " " <span class="desk-badge" data-testid="date-change-pending">{tx(DATE_CHANGE_BADGE)}</span>
                                                })}
                                            </th>
                                            <td data-testid="row-status">{move || status.label(lang.get())}</td>
                                            <td>{tx(kind)}</td>
                                            <td>{move || show_date(&work, lang.get())}</td>
                                            <td>{move || show_date(&deadline, lang.get())}</td>
                                            <td>{item.contract_number.clone()}</td>
                                            <td>{item.company.clone()}</td>
                                            <td>{move || show_date(&received, lang.get())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}
