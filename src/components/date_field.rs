//! A date asked the Digital Agency design system's way (issue 14, item 5): three short fields
//! (year, month, day) in a fieldset, and a button that opens a calendar to find a day by
//! weekday. The calendar follows WAI-ARIA APG's date picker dialog: a `role="grid"` table,
//! arrows move by day and week, PageUp/PageDown by month (with Shift by year), Home/End to the
//! week's ends, Enter/Space choose, Escape closes and gives the focus back to the button.
//!
//! What a day is (a day off, too soon for the notice, outside the periods) comes from the
//! rules' `BusinessCalendar::month_grid`; this file only draws it. Days the rules refuse stay
//! focusable (their reason is read out and shown) but cannot be chosen: the customer learns
//! why where they choose, instead of from an error after continuing.

use std::fmt::Write;

use chrono::{Datelike, Days, NaiveDate};
use fwportal_core::calendar::{
    add_months_clamped, to_jst, BusinessCalendar, DayBlock, DayOff, GridDay, WorkLimits,
    FIRST_DATE, LAST_DATE,
};
use fwportal_core::dates::iso_date;
use fwportal_core::i18n::{format_date, Lang};
use fwportal_core::request::fields::{join_date_fields, parse_date, split_date_fields};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::contract::work_window;
use crate::components::field_error::FieldError;
use crate::i18n::*;
use crate::wizard::{now, use_wizard, Wizard};

#[component]
pub fn DateField(
    /// The year field's id; the error summary links to it. The others add `-month`, `-day`.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    /// The value as the draft stores it.
    #[prop(into)]
    value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let parts = RwSignal::new(split_date_fields(&value.get_untracked()));
    // A value set elsewhere (the calendar, a restored draft) refills the fields; one the
    // fields made themselves leaves them as typed.
    Effect::new(move |_| {
        let value = value.get();
        if parts.with_untracked(|p| join_date_fields(p) != value) {
            parts.set(split_date_fields(&value));
        }
    });
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        Signal::derive(move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        })
    };
    let input = move |i: usize, input_id: String, label: Signal<String>| {
        view! {
            <div class="fw-date__part">
                <label class="fw-date__label" for=input_id.clone()>
                    {label}
                </label>
                <input
                    class="fw-input"
                    class:fw-date__year=i == 0
                    id=input_id.clone()
                    name=input_id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described_by
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || parts.with(|p| p[i].clone())
                    on:input=move |ev| {
                        parts.update(|p| p[i] = event_target_value(&ev));
                        on_input.run(parts.with_untracked(join_date_fields));
                    }
                    // What is shown is what will be stored: a date splits into its fields.
                    on:change=move |_| {
                        let joined = parts.with_untracked(join_date_fields);
                        if let Ok(date) = parse_date(&joined) {
                            let iso = iso_date(date);
                            parts.set(split_date_fields(&iso));
                            if iso != joined {
                                on_input.run(iso);
                            }
                        }
                    }
                />
            </div>
        }
    };
    let legend_id = format!("{id}-legend");
    view! {
        <div class="fw-field" class:fw-field--error=move || error.get().is_some()>
            <fieldset class="fw-date">
                <legend class="fw-field__label" id=legend_id.clone()>
                    {label}
                </legend>
                <p class="fw-field__hint" id=hint_id>
                    {hint}
                </p>
                <FieldError message=error id=error_id />
                <div class="fw-date__inputs">
                    {input(0, id.clone(), text!(i18n, picker.year))}
                    {input(1, format!("{id}-month"), text!(i18n, picker.month))}
                    {input(2, format!("{id}-day"), text!(i18n, picker.day))}
                </div>
                <CalendarPicker
                    id=id
                    legend_id=legend_id
                    value=value
                    pick=Callback::new(move |date: NaiveDate| on_input.run(iso_date(date)))
                />
            </fieldset>
        </div>
    }
}

/// Runs `f` with the server's calendar, or the law's until it has answered.
fn with_calendar<T>(wizard: Wizard, f: impl FnOnce(&BusinessCalendar) -> T) -> T {
    wizard.calendar.with(|c| match c {
        Some(c) => f(c),
        None => f(&BusinessCalendar::default()),
    })
}

/// Text for an HTML attribute or element (holiday and closure names come from the operator).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn focus_by_id(id: String) {
    // After the grid has been drawn for the newly focused day.
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

#[component]
fn CalendarPicker(
    id: String,
    legend_id: String,
    value: Signal<String>,
    pick: Callback<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let open = RwSignal::new(false);
    let focused = RwSignal::new(FIRST_DATE);
    // The reason a chosen day was refused, said until the focus moves.
    let refused = RwSignal::new(false);
    // R5 from now and the periods of the draft (R7), fixed when the calendar opens.
    let limits = RwSignal::new(WorkLimits::default());
    let today = RwSignal::new(FIRST_DATE);
    let month = Memo::new(move |_| focused.with(|f| (f.year(), f.month())));
    let grid = Memo::new(move |_| {
        let (year, month) = month.get();
        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(FIRST_DATE);
        let limits = limits.get();
        with_calendar(wizard, |c| c.month_grid(first, &limits)).unwrap_or_default()
    });
    let button_id = format!("{id}-open");
    let dialog_id = format!("{id}-calendar");
    let title_id = format!("{id}-calendar-title");
    let stored_id = StoredValue::new(id);
    let cell_id = move |date: NaiveDate| format!("{}-day-{}", stored_id.get_value(), iso_date(date));
    // The first day the rules allow, and the last day of the periods (R5, R7).
    let first_allowed = move || {
        limits.with(|l| match (l.earliest, l.window) {
            (Some(e), Some((start, _))) => Some(e.max(start)),
            (e, w) => e.or(w.map(|w| w.0)),
        })
    };
    let window_end = move || limits.with(|l| l.window.map(|w| w.1));
    // A day described in words: what the grid shows by marks, and why it cannot be chosen.
    let describe = move |g: GridDay| {
        let lang = i18n.lang();
        let mut words = vec![format_date(g.date, lang)];
        words.push(match g.off {
            None => t_string!(i18n, picker.business_day).to_string(),
            Some(DayOff::Weekend) => t_string!(i18n, picker.off_weekend).to_string(),
            Some(DayOff::YearEnd) => t_string!(i18n, picker.off_year_end).to_string(),
            Some(DayOff::Closure) => t_string!(i18n, picker.off_closure).to_string(),
            Some(DayOff::Holiday) => {
                let name = with_calendar(wizard, |c| {
                    c.holiday(g.date)
                        .map(|h| match lang {
                            Lang::Ja => h.name_ja.clone(),
                            Lang::En => h.name_en.clone(),
                        })
                        .unwrap_or_default()
                });
                format!("{} {name}", t_string!(i18n, picker.off_holiday))
            }
        });
        if first_allowed() == Some(g.date) {
            words.push(t_string!(i18n, picker.earliest).to_string());
        }
        if window_end() == Some(g.date) {
            words.push(t_string!(i18n, picker.period_end).to_string());
        }
        match g.block {
            Some(DayBlock::TooSoon) => words.push(format!(
                "{}{}",
                t_string!(i18n, picker.too_soon),
                limits.with(|l| l.earliest.map(|e| format_date(e, lang)).unwrap_or_default())
            )),
            Some(DayBlock::BeforePeriod) => {
                words.push(t_string!(i18n, picker.before_period).to_string())
            }
            Some(DayBlock::AfterPeriod) => words.push(t_string!(i18n, picker.after_period).to_string()),
            None => {}
        }
        words.join(match lang {
            Lang::Ja => "。",
            Lang::En => ". ",
        })
    };
    let focused_day = move || {
        let f = focused.get();
        grid.with(|weeks| weeks.iter().flatten().flatten().find(|g| g.date == f).copied())
    };
    let close = {
        let button_id = button_id.clone();
        Callback::new(move |()| {
            open.set(false);
            focus_by_id(button_id.clone());
        })
    };
    let choose = Callback::new(move |date: NaiveDate| {
        focused.set(date);
        if limits.with_untracked(|l| l.block(date)).is_some() {
            refused.set(true);
        } else {
            pick.run(date);
            close.run(());
        }
    });
    let move_to = Callback::new(move |date: NaiveDate| {
        let date = date.clamp(FIRST_DATE, LAST_DATE);
        refused.set(false);
        focused.set(date);
        focus_by_id(cell_id(date));
    });
    let toggle = {
        move |_| {
            if open.get_untracked() {
                open.set(false);
                return;
            }
            let at = now();
            let earliest = with_calendar(wizard, |c| {
                c.received_on(&at)
                    .and_then(|r| c.earliest_work_date(r))
                    .ok()
            });
            let window = wizard
                .draft
                .with_untracked(work_window)
                .and_then(Result::ok)
                .map(|p| (p.start, p.end));
            limits.set(WorkLimits { earliest, window });
            today.set(to_jst(&at).date_naive());
            // The chosen day, else the first the rules allow, else today.
            let start = parse_date(&value.get_untracked())
                .ok()
                .or_else(first_allowed)
                .unwrap_or_else(|| today.get_untracked());
            open.set(true);
            move_to.run(start);
        }
    };
    let on_key = {
        move |ev: leptos::ev::KeyboardEvent| {
            let f = focused.get_untracked();
            let back = u64::from(f.weekday().num_days_from_sunday());
            let years = if ev.shift_key() { 12 } else { 1 };
            let to = match ev.key().as_str() {
                "ArrowLeft" => f.pred_opt(),
                "ArrowRight" => f.succ_opt(),
                "ArrowUp" => f.checked_sub_days(Days::new(7)),
                "ArrowDown" => f.checked_add_days(Days::new(7)),
                "PageUp" => Some(add_months_clamped(f, -years)),
                "PageDown" => Some(add_months_clamped(f, years)),
                "Home" => f.checked_sub_days(Days::new(back)),
                "End" => f.checked_add_days(Days::new(6 - back)),
                "Enter" | " " => {
                    ev.prevent_default();
                    choose.run(f);
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            if let Some(to) = to {
                move_to.run(to);
            }
        }
    };
    let page = move |months: i32| refused_then(refused, focused, months);
    // Each day is named by its words (hidden), its number and marks are what the eye reads.
    // The grid is written as one string rather than a view per day: 42 cells of the same
    // shape cost far less download that way (the journey app is at its size limit). Clicks
    // and keys are handled once, on the table.
    let grid_html = move || {
        let (f, selected) = (focused.get(), parse_date(&value.get()).ok());
        let (first, end, today) = (first_allowed(), window_end(), today.get());
        let mut html = String::from("<thead><tr>");
        let long = t_string!(i18n, picker.weekdays_long);
        for (short, long) in t_string!(i18n, picker.weekdays_short).split(',').zip(long.split(',')) {
            let _ = write!(html, r#"<th scope="col" abbr="{long}">{short}</th>"#);
        }
        html.push_str("</tr></thead><tbody>");
        for week in grid.get() {
            html.push_str("<tr>");
            for g in week {
                let Some(g) = g else {
                    html.push_str("<td></td>");
                    continue;
                };
                let mut marks = Vec::new();
                if g.off.is_some() {
                    marks.push(t_string!(i18n, picker.mark_off));
                }
                if first == Some(g.date) {
                    marks.push(t_string!(i18n, picker.mark_earliest));
                }
                if end == Some(g.date) {
                    marks.push(t_string!(i18n, picker.mark_end));
                }
                let iso = iso_date(g.date);
                let _ = write!(
                    html,
                    r#"<td id="{}" data-date="{iso}" class="fw-calendar__day{}{}" tabindex="{}" aria-selected="{}"{}{}><span class="fw-visually-hidden">{}</span><span class="fw-calendar__number" aria-hidden="true">{}</span><span class="fw-calendar__mark" aria-hidden="true">{}</span></td>"#,
                    cell_id(g.date),
                    if g.off.is_some() { " fw-calendar__day--off" } else { "" },
                    if g.block.is_some() { " fw-calendar__day--blocked" } else { "" },
                    if g.date == f { 0 } else { -1 },
                    selected == Some(g.date),
                    if g.date == today { r#" aria-current="date""# } else { "" },
                    if g.block.is_some() { r#" aria-disabled="true""# } else { "" },
                    escape(&describe(g)),
                    g.date.day(),
                    marks.join(" "),
                );
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody>");
        html
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let day = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-date]").ok().flatten())
            .and_then(|cell| cell.get_attribute("data-date"))
            .and_then(|iso| parse_date(&iso).ok());
        if let Some(day) = day {
            move_to.run(day);
            choose.run(day);
        }
    };
    let button = move |label: Signal<String>, action: Callback<()>| {
        view! {
            <button
                type="button"
                class="fw-button fw-button--secondary fw-button--small"
                on:click=move |_| action.run(())
            >
                {label}
            </button>
        }
    };
    let dialog = {
        let (dialog_id, title_id) = (dialog_id.clone(), title_id.clone());
        move || {
            open.get().then(|| {
                view! {
                    <div
                        class="fw-calendar"
                        id=dialog_id.clone()
                        role="dialog"
                        aria-labelledby=format!("{legend_id} {title_id}")
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                ev.prevent_default();
                                close.run(());
                            }
                        }
                    >
                        <div class="fw-calendar__head">
                            {button(text!(i18n, picker.previous), Callback::new(move |()| page(-1)))}
                            <h2 class="fw-calendar__title" id=title_id.clone() aria-live="polite">
                                {move || {
                                    let (year, month) = month.get();
                                    match i18n.lang() {
                                        Lang::Ja => format!("{year}年{month}月"),
                                        Lang::En => format!("{year}-{month:02}"),
                                    }
                                }}
                            </h2>
                            {button(text!(i18n, picker.next), Callback::new(move |()| page(1)))}
                        </div>
                        <table
                            class="fw-calendar__grid"
                            role="grid"
                            aria-labelledby=title_id.clone()
                            on:keydown=on_key
                            on:click=on_click
                            inner_html=grid_html
                        ></table>
                        <p class="fw-calendar__status" aria-live="polite" data-testid="calendar-status">
                            {move || {
                                focused_day()
                                    .map(|g| {
                                        let refused = refused.get() && g.block.is_some();
                                        format!(
                                            "{}{}",
                                            if refused { t_string!(i18n, picker.refused) } else { "".into() },
                                            describe(g),
                                        )
                                    })
                            }}
                        </p>
                        <ul class="fw-calendar__legend">
                            <li>{tr!(i18n, picker.legend_off)}</li>
                            <li>{tr!(i18n, picker.legend_blocked)}</li>
                            <li>{tr!(i18n, picker.legend_earliest)}</li>
                        </ul>
                        {button(text!(i18n, picker.close), close)}
                    </div>
                }
            })
        }
    };
    view! {
        <button
            type="button"
            class="fw-button fw-button--secondary fw-date__open"
            id=button_id
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            aria-controls=dialog_id
            on:click=toggle
        >
            {tr!(i18n, picker.open)}
        </button>
        {dialog}
    }
}

/// The month buttons: the same day a month away, the focus left on the button.
fn refused_then(refused: RwSignal<bool>, focused: RwSignal<NaiveDate>, months: i32) {
    refused.set(false);
    focused.update(|f| *f = add_months_clamped(*f, months));
}
