//! `/request/schedule`: the work date and time (any day, any hour: R3), an alternative date,
//! where and who. Shows the earliest possible date now and the deadline for the chosen date,
//! computed with the server's calendar (R5) and the contract's periods (R7).

use fwportal_core::i18n::format_date;
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;

use crate::components::contract::work_window;
use crate::components::date_field::DateField;
use crate::components::form::{bind, field_error, use_lang};
use crate::components::step::StepForm;
use crate::components::text_field::TextField;
use crate::components::work_time::WorkDateTimeFields;
use crate::i18n::*;
use crate::text;
use crate::wizard::{now, use_wizard, Step};

#[component]
pub fn SchedulePage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let (date, set_date) = bind(wizard, |d| d.work_date.clone(), |d, v| d.work_date = v);
    let (time, set_time) = bind(
        wizard,
        |d| d.work_start_time.clone(),
        |d, v| d.work_start_time = v,
    );
    let (alt, set_alt) = bind(
        wizard,
        |d| d.alternative_work_date.clone(),
        |d, v| d.alternative_work_date = v,
    );
    let (site, set_site) = bind(
        wizard,
        |d| d.site_address.clone(),
        |d, v| d.site_address = v,
    );
    let (onsite, set_onsite) = bind(
        wizard,
        |d| d.onsite_contact.clone(),
        |d, v| d.onsite_contact = v,
    );
    let (notes, set_notes) = bind(wizard, |d| d.notes.clone(), |d, v| d.notes = v);

    // R5 with the server's calendar (the law's holidays until it has answered).
    let earliest = Memo::new(move |_| {
        let calendar = wizard.calendar.get().unwrap_or_default();
        let received = calendar.received_on(&now()).ok()?;
        let earliest = calendar.earliest_work_date(received).ok()?;
        Some((received, earliest))
    });
    let deadline = Memo::new(move |_| {
        let calendar = wizard.calendar.get().unwrap_or_default();
        let day = parse_date(&date.get()).ok()?;
        calendar.deadline(day).ok().map(|d| (day, d))
    });
    let window = Memo::new(move |_| wizard.draft.with(work_window));

    view! {
        <StepForm step=Step::Schedule title=text!(i18n, schedule.title)>
            <p>{crate::tr!(i18n, schedule.intro)}</p>
            <div class="fw-inset" aria-live="polite" data-testid="schedule-facts">
                {move || {
                    earliest
                        .get()
                        .map(|(received, earliest)| {
                            view! {
                                <p data-testid="earliest">
                                    {crate::tr!(i18n, schedule.received_on)}
                                    " "
                                    <strong class="fw-nowrap">{format_date(received, lang())}</strong>
                                    {crate::tr!(i18n, schedule.earliest)}
                                    " "
                                    <strong class="fw-nowrap">{format_date(earliest, lang())}</strong>
                                </p>
                                // Why the received day is not today (R5's cutoff or a day off).
                                {(received != fwportal_core::calendar::to_jst(&now()).date_naive())
                                    .then(|| {
                                        view! {
                                            <p data-testid="received-why">
                                                {crate::tr!(i18n, schedule.received_why)}
                                            </p>
                                        }
                                    })}
                            }
                        })
                }}
                {move || {
                    window
                        .get()
                        .and_then(Result::ok)
                        .map(|p| {
                            // The first day both the notice (R5) and the periods (R7) allow.
                            let first = earliest
                                .get()
                                .map(|(_, e)| e.max(p.start))
                                .filter(|d| *d <= p.end);
                            // Said once: only when the periods move it past the notice's date.
                            let repeated = earliest.get().map(|(_, e)| e) == first;
                            view! {
                                <p>
                                    {crate::tr!(i18n, check.window)}
                                    " "
                                    <strong class="fw-nowrap">{format_date(p.start, lang())}</strong>
                                    " – "
                                    <strong class="fw-nowrap">{format_date(p.end, lang())}</strong>
                                </p>
                                {first
                                    .filter(|_| !repeated)
                                    .map(|d| {
                                        view! {
                                            <p data-testid="earliest-valid">
                                                {crate::tr!(i18n, schedule.earliest_valid)}
                                                " "
                                                <strong class="fw-nowrap">{format_date(d, lang())}</strong>
                                            </p>
                                        }
                                    })}
                            }
                        })
                }}
                {move || {
                    deadline
                        .get()
                        .map(|(day, deadline)| {
                            view! {
                                <p data-testid="deadline">
                                    {crate::tr!(i18n, schedule.deadline_for)}
                                    " "
                                    {format_date(day, lang())}
                                    {crate::tr!(i18n, schedule.deadline_is)}
                                    " "
                                    <strong class="fw-nowrap">{format_date(deadline, lang())}</strong>
                                </p>
                            }
                        })
                }}
                {move || {
                    wizard
                        .calendar_failed
                        .get()
                        .then(|| view! { <p>{crate::tr!(i18n, schedule.calendar_failed)}</p> })
                }}
            </div>
            <WorkDateTimeFields
                date=date
                set_date=set_date
                date_error=field_error("work_date")
                time=time
                set_time=set_time
                time_error=field_error("work_start_time")
            />
            <DateField
                id="alternative-work-date"
                label=text!(i18n, schedule.alternative)
                hint=text!(i18n, schedule.alternative_hint)
                value=alt
                on_input=set_alt
                error=field_error("alternative_work_date")
            />
            <TextField
                id="site-address"
                label=text!(i18n, schedule.site)
                hint=text!(i18n, schedule.site_hint)
                value=site
                on_input=set_site
                error=field_error("site_address")
                autocomplete="street-address"
            />
            <TextField
                id="onsite-contact"
                label=text!(i18n, schedule.onsite)
                hint=text!(i18n, schedule.onsite_hint)
                value=onsite
                on_input=set_onsite
                error=field_error("onsite_contact")
                autocomplete="off"
            />
            <TextField
                id="notes"
                label=text!(i18n, schedule.notes)
                hint=text!(i18n, schedule.notes_hint)
                value=notes
                on_input=set_notes
                error=field_error("notes")
                autocomplete="off"
                rows=4
            />
        </StepForm>
    }
}
