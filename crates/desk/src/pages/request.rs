//! `/desk/requests/{reference}`: what the customer sent, the rules checked again now, the
//! timeline, and one form for each step the life of a request allows next (from
//! `fwportal_core::lifecycle`, as the server sends it in `next`). Each form sends the version
//! the page shows; a 409 says someone else was first, a 422 puts each problem at its field,
//! and what was typed stays.

use fwportal_core::i18n::{format_date, format_time};
use fwportal_core::lifecycle::{Status, StepDraft, StepRecord};
use fwportal_core::problem::Problem;
use fwportal_core::request::RequestKind;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{failure_text, problem_at, Alert, Field};
use crate::api::{self, ApiError, DeskRequest, Event};
use crate::texts::*;
use crate::{on_unauthorized, require_session, set_title, show_date, show_instant, tx, use_desk};

#[component]
pub fn RequestPage() -> impl IntoView {
    require_session();
    let desk = use_desk();
    let lang = desk.lang;
    let reference = move || use_params_map().get().get("reference").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let done = RwSignal::new(None::<Status>);
    let loaded = LocalResource::new(move || {
        reload.track();
        let reference = reference();
        async move { api::request(&reference).await }
    });
    Effect::new(move |_| {
        let result = loaded.get();
        if let Some(Err(error)) = &result {
            on_unauthorized(error);
        }
        set_title(
            &format!("{} {}", REQUEST.get(lang.get()), reference()),
            matches!(result, Some(Err(_))),
        );
    });
    let on_done = Callback::new(move |status: Status| {
        done.set(Some(status));
        reload.update(|n| *n += 1);
    });
    view! {
        <p><a href="/desk/" data-testid="back">{tx(BACK)}</a></p>
        {move || match loaded.get() {
            None => view! { <p>{tx(LOADING)}</p> }.into_any(),
            Some(Err(ApiError::Unauthorized)) => ().into_any(),
            Some(Err(ApiError::NotFound)) => view! {
                <h1 class="fw-heading-xl">{tx(REQUEST)} " " {reference()}</h1>
                <Alert message=Signal::derive(move || NO_SUCH_REQUEST.get(lang.get()).to_owned()) />
            }
            .into_any(),
            Some(Err(error)) => {
                let text = failure_text(&error);
                view! {
                    <h1 class="fw-heading-xl">{tx(REQUEST)} " " {reference()}</h1>
                    <Alert message=Signal::derive(move || text.get(lang.get()).to_owned()) />
                }
                .into_any()
            }
            Some(Ok(found)) => view! { <RequestView found=found done=done on_done=on_done /> }.into_any(),
        }}
    }
}

fn yes_no(value: Option<bool>) -> Tx {
    match value {
        Some(true) => YES,
        Some(false) => NO,
        None => UNKNOWN,
    }
}

#[component]
fn RequestView(
    found: DeskRequest,
    done: RwSignal<Option<Status>>,
    on_done: Callback<Status>,
) -> impl IntoView {
    let lang = use_desk().lang;
    let status = found.status;
    let r = found.request.clone();
    let serials: Vec<String> = r.servers.iter().map(|s| s.serial_number.clone()).collect();
    let rules = found.rules.clone();
    let received_on = found.received_on.clone().unwrap_or_default();
    let row = |label: Tx, value: String| view! { <dt>{tx(label)}</dt><dd>{value}</dd> };
    let date_row = move |label: Tx, value: String| view! { <dt>{tx(label)}</dt><dd>{move || show_date(&value, lang.get())}</dd> };
    let period = move |start: String, end: String| {
        move || {
            format!(
                "{} – {}",
                show_date(&start, lang.get()),
                show_date(&end, lang.get())
            )
        }
    };
    let c = r.contract.clone();
    view! {
        <h1 class="fw-heading-xl">
            {tx(REQUEST)} " " <span data-testid="reference">{found.reference.clone()}</span>
        </h1>
        <p class="desk-status">
            <strong>{tx(STATUS)} ": "</strong>
            <span data-testid="status" data-status=status.as_str()>{move || status.label(lang.get())}</span>
            " · " {tx(if found.kind == RequestKind::UpdateWork { KIND_WORK } else { KIND_CONSULT })}
            " · " {tx(RECEIVED)} " " {move || show_date(&received_on, lang.get())}
        </p>
        {move || done.get().map(|s| view! {
            <p class="fw-notice" role="status" data-testid="step-done">{tx(DONE)} {move || s.label(lang.get())}</p>
        })}
        <div class="desk-columns">
            <section aria-labelledby="sent-title" class="desk-panel">
                <h2 class="fw-heading-m" id="sent-title">{tx(SENT)}</h2>
                <h3>{tx(CONTACT)}</h3>
                <dl class="desk-facts">
                    {row(COMPANY, r.contact.company.clone())}
                    {row(DEPARTMENT, r.contact.department.clone())}
                    {row(NAME, r.contact.name.clone())}
                    {row(NAME_KANA, r.contact.name_kana.clone())}
                    {row(EMAIL, r.contact.email.clone())}
                    {row(CC, r.contact.cc.clone())}
                    {row(PHONE, r.contact.phone.clone())}
                </dl>
                <h3>{tx(CONTRACT)}</h3>
                <dl class="desk-facts">
                    {row(CONTRACT, c.number.clone())}
                    {row(SUPPORT_LEVEL, c.support_level.clone())}
                    <dt>{tx(PROACTIVE_CARE)}</dt>
                    <dd>{period(c.proactive_care_start.clone(), c.proactive_care_end.clone())}</dd>
                    <dt>{tx(OPTION)}</dt>
                    <dd>{period(c.option_start.clone(), c.option_end.clone())}</dd>
                </dl>
                <h3>{tx(SERVERS)}</h3>
                <ul class="desk-servers" data-testid="servers">
                    {r.servers.iter().map(|s| view! {
                        <li>
                            <strong>{s.serial_number.clone()}</strong> " — " {s.model.clone()}
                            {(!s.firmware.is_empty()).then(|| view! {
                                <ul aria-label=tx(FIRMWARE)>
                                    {s.firmware.iter().map(|f| view! { <li>{f.name.clone()} " " {f.version.clone()}</li> }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
                {(found.kind == RequestKind::UpdateWork).then(|| view! {
                    <h3>{tx(WORK_PLAN)}</h3>
                    <dl class="desk-facts">
                        {row(METHOD, r.update_method.clone())}
                        {row(TARGET, r.target_version.clone())}
                        {date_row(WORK_DATE, r.work_date.clone())}
                        {row(START_TIME, r.work_start_time.clone())}
                        {date_row(ALTERNATIVE, r.alternative_work_date.clone())}
                        {row(SITE, r.site_address.clone())}
                        {row(ONSITE, r.onsite_contact.clone())}
                    </dl>
                })}
                {(!r.notes.is_empty()).then(|| view! { <h3>{tx(NOTES)}</h3><p>{r.notes.clone()}</p> })}
                {(!r.analysis.is_empty()).then(|| view! { <super::analysis::DeskAnalysis analysis=r.analysis.clone() /> })}
                {(found.kind == RequestKind::VersionConsultation).then(|| view! {
                    <h3>{tx(CONSULTATION)}</h3>
                    <p class="desk-pre" data-testid="consultation-topic">{r.consultation_topic.clone()}</p>
                    <dl class="desk-facts">{row(CONTACT_TIME, r.preferred_contact_time.clone())}</dl>
                })}
            </section>
            <section aria-labelledby="rules-title" class="desk-panel">
                <h2 class="fw-heading-m" id="rules-title">{tx(RULES)}</h2>
                {if rules.problems_at_receipt.is_empty() {
                    view! { <p>{tx(RULES_OK)}</p> }.into_any()
                } else {
                    let problems = rules.problems_at_receipt.clone();
                    view! {
                        <ul class="desk-problems">
                            {problems.into_iter().map(|p| view! {
                                <li>{p.rule.clone().map(|r| format!("{r}: "))} {move || p.message(lang.get()).to_owned()}</li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                <dl class="desk-facts" data-testid="rules">
                    <dt>{tx(NOTICE_MET)}</dt><dd>{tx(yes_no(rules.notice.as_ref().map(|n| n.notice_met)))}</dd>
                    <dt>{tx(INSIDE_PC)}</dt><dd>{tx(yes_no(rules.work_date_inside_proactive_care))}</dd>
                    <dt>{tx(INSIDE_OPTION)}</dt><dd>{tx(yes_no(rules.work_date_inside_option))}</dd>
                    <dt>{tx(ACTIVE_TODAY)}</dt><dd>{tx(yes_no(rules.contract_active_today))}</dd>
                </dl>
                {(!rules.servers.is_empty()).then(|| view! {
                    <h3>{tx(SCOPE)}</h3>
                    <ul class="desk-servers" data-testid="scope">
                        {rules.servers.iter().map(|server| {
                            let v = server.verdict.clone();
                            view! {
                                <li>
                                    <strong>{server.serial_number.clone()}</strong> " — " {server.model.clone()} ": "
                                    {move || if lang.get() == fwportal_core::i18n::Lang::Ja { v.message_ja.clone() } else { v.message_en.clone() }}
                                    {(!server.verdict.rule.is_empty()).then(|| format!(" ({})", server.verdict.rule))}
                                    {(!server.components.is_empty()).then(|| view! {
                                        <ul>
                                            {server.components.iter().map(|c| {
                                                let v = c.verdict.clone();
                                                view! {
                                                    <li>
                                                        {c.name.clone()} " " {c.version.clone()} ": "
                                                        {move || if lang.get() == fwportal_core::i18n::Lang::Ja { v.reason_ja.clone() } else { v.reason_en.clone() }}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </div>
        {found.contract.clone().map(|on_file| view! { <super::contract::ContractPanel on_file=on_file /> })}
        {found.pending_date_change.clone().map(|pending| view! {
            <super::conversation::DateChangePanel reference=found.reference.clone() pending=pending version=found.version on_done=on_done />
        })}
        <super::conversation::Conversation reference=found.reference.clone() messages=found.messages.clone()
            open=status.is_open() on_done=on_done status=status />
        <section aria-labelledby="timeline-title">
            <h2 class="fw-heading-m" id="timeline-title">{tx(TIMELINE)}</h2>
            <ol class="desk-timeline" data-testid="timeline">
                <li><span class="desk-timeline__at">{show_instant(&found.received_at)}</span> " " {move || Status::Received.label(lang.get())}</li>
                {found.timeline.iter().cloned().map(|e| view! { <TimelineEvent event=e /> }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="next-title">
            <h2 class="fw-heading-m" id="next-title">{tx(NEXT_STEPS)}</h2>
            {if found.next.is_empty() {
                view! { <p>{tx(FINAL)}</p> }.into_any()
            } else {
                let reference = found.reference.clone();
                let version = found.version;
                let agreed = found.timeline.iter().rev().find_map(|e| match &e.record {
                    StepRecord::Agreement { work_date, work_start_time, .. }
                    | StepRecord::DateChange { accepted: true, work_date, work_start_time } => {
                        Some((work_date.to_string(), format_time(*work_start_time, fwportal_core::i18n::Lang::En)))
                    }
                    _ => None,
                });
                found
                    .next
                    .iter()
                    .map(|&to| view! {
                        <StepForm reference=reference.clone() to=to version=version serials=serials.clone() request=r.clone() agreed=agreed.clone() on_done=on_done />
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn TimelineEvent(event: Event) -> impl IntoView {
    let lang = use_desk().lang;
    let who = if event.actor == "customer" {
        None
    } else {
        event.staff_name.clone().or(event.staff_email.clone())
    };
    let to = event.to;
    let record = event.record.clone();
    let detail = move || -> String {
        let l = lang.get();
        match &record {
            StepRecord::Plain => String::new(),
            StepRecord::Agreement {
                update_method,
                target_version,
                servers,
                work_date,
                work_start_time,
            } => format!(
                "{}: {} {} · {}: {} · {}: {} · {}: {}",
                AGREED_DATE.get(l),
                format_date(*work_date, l),
                format_time(*work_start_time, l),
                METHOD.get(l),
                update_method.label(l),
                TARGET.get(l),
                target_version,
                SERVERS_IN_SCOPE.get(l),
                servers.join(", ")
            ),
            StepRecord::Visit {
                arrival_date,
                arrival_time,
                engineers,
            } => format!(
                "{}: {} {} · {}: {}",
                ARRIVAL_DATE.get(l),
                format_date(*arrival_date, l),
                format_time(*arrival_time, l),
                ENGINEERS.get(l),
                engineers
            ),
            StepRecord::Completion { updated } => format!("{}: {}", UPDATED.get(l), updated),
            StepRecord::Return { parts } if parts.is_empty() => String::new(),
            StepRecord::Return { parts } => format!(
                "{}: {}",
                PARTS_TO_CHANGE.get(l),
                fwportal_core::lifecycle::parts::names(parts, l)
            ),
            StepRecord::CustomerCancellation { late } => {
                if *late {
                    LATE_CANCELLATION.get(l).to_owned()
                } else {
                    String::new()
                }
            }
            StepRecord::DateChange {
                accepted,
                work_date,
                work_start_time,
            } => format!(
                "{}: {} {}",
                if *accepted {
                    DATE_CHANGE_ACCEPTED.get(l)
                } else {
                    DATE_CHANGE_DECLINED.get(l)
                },
                format_date(*work_date, l),
                format_time(*work_start_time, l)
            ),
        }
    };
    view! {
        <li data-status=to.as_str()>
            <span class="desk-timeline__at">{show_instant(&event.at)}</span> " "
            <strong>{move || to.label(lang.get())}</strong>
            " (" {match who {
                Some(name) => view! { {tx(BY)} {name} }.into_any(),
                None => view! { {tx(CUSTOMER)} }.into_any(),
            }} ")"
            {move || { let d = detail(); (!d.is_empty()).then(|| view! { <br /> {d} }) }}
            {(!event.note.is_empty()).then(|| view! { <br /> <q>{event.note.clone()}</q> })}
        </li>
    }
}

/// One next step: the fields it records, sent with the version the page shows.
#[component]
fn StepForm(
    reference: String,
    to: Status,
    version: i64,
    serials: Vec<String>,
    request: fwportal_core::request::RequestDraft,
    /// The last agreed work date and start time (`YYYY-MM-DD`, `HH:MM`), if any.
    agreed: Option<(String, String)>,
    on_done: Callback<Status>,
) -> impl IntoView {
    let desk = use_desk();
    let lang = desk.lang;
    let key = to.as_str();
    let id = move |field: &str| format!("{key}-{field}");
    let note = RwSignal::new(String::new());
    let method = RwSignal::new(request.update_method.clone());
    let target = RwSignal::new(request.target_version.clone());
    let servers = RwSignal::new(serials.clone());
    // The date last agreed or accepted (a customer's change, issue 16), else the one asked for.
    let (agreed_day, agreed_time) = agreed.unwrap_or_default();
    let work_date = RwSignal::new(if agreed_day.is_empty() {
        request.work_date.clone()
    } else {
        agreed_day.clone()
    });
    let start_time = RwSignal::new(if agreed_time.is_empty() {
        request.work_start_time.clone()
    } else {
        agreed_time.clone()
    });
    // The engineers come on the agreed day (the server refuses another): offered as typed.
    let arrival_date = RwSignal::new(agreed_day);
    let arrival_time = RwSignal::new(agreed_time);
    let engineers = RwSignal::new(String::new());
    let updated = RwSignal::new(String::new());
    let parts = RwSignal::new(Vec::<String>::new());
    let send = Action::new_local(move |step: &StepDraft| {
        let step = step.clone();
        let reference = reference.clone();
        let csrf = desk.csrf_token();
        async move { api::transition(&reference, &csrf, &step, version).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(done)) => on_done.run(done.status),
        Some(Err(error)) => on_unauthorized(&error),
        None => {}
    });
    let problems = move || -> Vec<Problem> {
        match send.value().get() {
            Some(Err(ApiError::Invalid(problems))) => problems,
            _ => Vec::new(),
        }
    };
    let error_of = move |field: &'static str| {
        Signal::derive(move || problem_at(&problems(), field, lang.get()))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        let mut step = StepDraft {
            to: key.to_owned(),
            note: note.get_untracked(),
            ..StepDraft::default()
        };
        match to {
            Status::Agreed => {
                step.update_method = method.get_untracked();
                step.target_version = target.get_untracked();
                step.servers = servers.get_untracked();
                step.work_date = work_date.get_untracked();
                step.work_start_time = start_time.get_untracked();
            }
            Status::Scheduled => {
                step.arrival_date = arrival_date.get_untracked();
                step.arrival_time = arrival_time.get_untracked();
                step.engineers = engineers.get_untracked();
            }
            Status::Completed => step.updated = updated.get_untracked(),
            Status::Returned => step.parts = parts.get_untracked(),
            _ => {}
        }
        send.dispatch_local(step);
    };
    let note_label = if matches!(to, Status::Returned | Status::Cancelled | Status::Answered) {
        REASON
    } else {
        NOTE
    };
    let failure = move || -> Option<String> {
        let l = lang.get();
        match send.value().get()? {
            Ok(_) | Err(ApiError::Unauthorized) => None,
            Err(ApiError::Conflict(_)) => Some(CONFLICT.get(l).to_owned()),
            Err(ApiError::Invalid(problems)) => Some(format!(
                "{}: {}",
                STEP_PROBLEMS.get(l),
                problems
                    .iter()
                    .map(|p| p.message(l).to_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            Err(other) => Some(failure_text(&other).get(l).to_owned()),
        }
    };
    let conflict = move || matches!(send.value().get(), Some(Err(ApiError::Conflict(_))));
    let title_id = id("title");
    let labelled_by = title_id.clone();
    view! {
        <form class="desk-step" novalidate on:submit=on_submit aria-labelledby=labelled_by data-step=key>
            <h3 id=title_id>{tx(MOVE_TO)} {move || to.label(lang.get())}</h3>
            {move || failure().map(|m| view! {
                <div class="fw-notice fw-notice--error" role="alert" data-testid="step-error">
                    {m}
                    {conflict().then(|| view! {
                        " " <a href="" on:click=move |ev| { ev.prevent_default(); let _ = web_sys::window().map(|w| w.location().reload()); }>{tx(RELOAD)}</a>
                    })}
                </div>
            })}
            {(to == Status::Agreed).then(|| view! {
                <fieldset class="fw-field desk-fieldset" aria-describedby=move || error_of("update_method").get().map(|_| id("method-error"))>
                    <legend class="fw-field__label">{tx(METHOD)}</legend>
                    {move || error_of("update_method").get().map(|e| view! { <p class="fw-field__error" id=id("method-error")>{e}</p> })}
                    {[("spp", SPP), ("firmware", FIRMWARE_ONLY)].into_iter().map(|(value, label)| {
                        let input_id = id(&format!("method-{value}"));
                        view! {
                            <div class="desk-choice">
                                <input type="radio" id=input_id.clone() name=id("method") value=value
                                    prop:checked=move || method.get() == value
                                    on:change=move |_| method.set(value.to_owned()) />
                                <label for=input_id>{tx(label)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <Field id=id("target_version") label=TARGET value=target error=error_of("target_version") width_class="fw-input--medium" />
                <fieldset class="fw-field desk-fieldset">
                    <legend class="fw-field__label">{tx(SERVERS_IN_SCOPE)}</legend>
                    {move || error_of("servers").get().map(|e| view! { <p class="fw-field__error">{e}</p> })}
                    {serials.iter().cloned().map(|serial| {
                        let input_id = id(&format!("server-{serial}"));
                        let s1 = serial.clone();
                        let s2 = serial.clone();
                        view! {
                            <div class="desk-choice">
                                <input type="checkbox" id=input_id.clone() value=serial.clone()
                                    prop:checked=move || servers.get().contains(&s1)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        servers.update(|list| {
                                            list.retain(|s| s != &s2);
                                            if on { list.push(s2.clone()); }
                                        });
                                    } />
                                <label for=input_id>{serial}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <Field id=id("work_date") label=AGREED_DATE hint=DATE_HINT value=work_date error=error_of("work_date") width_class="fw-input--short" />
                <Field id=id("work_start_time") label=START_TIME hint=TIME_HINT value=start_time error=error_of("work_start_time") width_class="fw-input--short" />
            })}
            {(to == Status::Scheduled).then(|| view! {
                <Field id=id("arrival_date") label=ARRIVAL_DATE hint=DATE_HINT value=arrival_date error=error_of("arrival_date") width_class="fw-input--short" />
                <Field id=id("arrival_time") label=ARRIVAL_TIME hint=TIME_HINT value=arrival_time error=error_of("arrival_time") width_class="fw-input--short" />
                <Field id=id("engineers") label=ENGINEERS value=engineers error=error_of("engineers") width_class="fw-input--medium" />
            })}
            {(to == Status::Returned).then(|| view! {
                <fieldset class="fw-field desk-fieldset" aria-describedby=id("parts-hint")>
                    <legend class="fw-field__label">{tx(RETURN_PARTS)}</legend>
                    <p class="fw-field__hint" id=id("parts-hint")>{tx(RETURN_PARTS_HINT)}</p>
                    {move || {
                        let found = problems();
                        let text: Vec<String> = found.iter().filter(|p| p.field.starts_with("parts")).map(|p| p.message(lang.get()).to_owned()).collect();
                        (!text.is_empty()).then(|| view! { <p class="fw-field__error">{text.join(" ")}</p> })
                    }}
                    {fwportal_core::lifecycle::parts::ALL_PARTS.into_iter().map(|part| {
                        let value = part.as_str();
                        let input_id = id(&format!("part-{value}"));
                        view! {
                            <div class="desk-choice">
                                <input type="checkbox" id=input_id.clone() value=value data-testid=format!("return-part-{value}")
                                    prop:checked=move || parts.get().iter().any(|p| p == value)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        parts.update(|list| {
                                            list.retain(|p| p != value);
                                            if on { list.push(value.to_owned()); }
                                        });
                                    } />
                                <label for=input_id>{move || part.label(lang.get())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(to == Status::Completed).then(|| view! {
                <Field id=id("updated") label=UPDATED hint=UPDATED_HINT value=updated error=error_of("updated") multiline=true />
            })}
            <Field id=id("note") label=note_label value=note error=error_of("note") multiline=true />
            <button type="submit" class="fw-button" data-testid=format!("take-{key}")>
                {move || if send.pending().get() { tx(SAVING)() } else { tx(SAVE)() }}
            </button>
        </form>
    }
}
