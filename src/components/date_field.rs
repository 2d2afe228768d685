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
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    /// The value as the draft stores it.
    #[prop(into)]
    value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let [y, m, d] = split_date_fields(&value.get_untracked());
    let parts = [RwSignal::new(y), RwSignal::new(m), RwSignal::new(d)];
    let joined = move || join_date_fields(&parts.map(|p| p.get_untracked()));
    let fill = move |value: &str| {
        for (part, text) in parts.iter().zip(split_date_fields(value)) {
            part.set(text);
        }
    };
    // A value set elsewhere (the calendar, a restored draft) refills the fields; one the
    // fields made themselves leaves them as typed.
    Effect::new(move |_| {
        let value = value.get();
        if joined() != value {
            fill(&value);
        }
    });
    let described_by = move || match error.get() {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-hint"),
    };
    let input = move |i: usize, input_id: String, label: Signal<String>| {
        view! {
            <div class="fw-date__part">
                <label class="fw-date__label" for=input_id.clone()>
                    {label}
                </label>
                <input
                    class=if i == 0 { "fw-input fw-date__year" } else { "fw-input" }
                    id=input_id.clone()
                    name=input_id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described_by
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=parts[i]
                    on:input=move |ev| {
                        parts[i].set(event_target_value(&ev));
                        on_input.run(joined());
                    }
                    // What is shown is what will be stored: a date splits into its fields.
                    // A change without input (a field cleared by a script or an
                    // autofill) still reaches the draft.
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        if parts[i].with_untracked(|p| *p != text) {
                            parts[i].set(text);
                            on_input.run(joined());
                        }
                        let typed = joined();
                        if let Ok(date) = parse_date(&typed) {
                            let iso = iso_date(date);
                            fill(&iso);
                            if iso != typed {
                                on_input.run(iso);
                            }
                        }
                    }
                />
            </div>
        }
    };
    view! {
        <div class="fw-field" class:fw-field--error=move || error.get().is_some()>
            <fieldset class="fw-date">
                <legend class="fw-field__label" id=format!("{id}-legend")>
                    {label}
                </legend>
                <p class="fw-field__hint" id=format!("{id}-hint")>
                    {hint}
                </p>
                <FieldError message=error id=format!("{id}-error") />
                <div class="fw-date__inputs">
                    {input(0, id.to_owned(), text!(i18n, picker.year))}
                    {input(1, format!("{id}-month"), text!(i18n, picker.month))}
                    {input(2, format!("{id}-day"), text!(i18n, picker.day))}
                </div>
                <CalendarPicker id=id value=value on_input=on_input />
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
    focus_when_drawn(id, 10);
}

/// Focuses `id` once the grid drawn for it is on the page: at the next frame, or a later one
/// (up to `frames`) when a busy page has not drawn it yet.
fn focus_when_drawn(id: String, frames: u32) {
    request_animation_frame(move || match document().get_element_by_id(&id) {
        Some(element) => {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
        None if frames > 0 => focus_when_drawn(id, frames - 1),
        None => {}
    });
}

/// Whether a key event is for the grid's focused day: sent from a day, or sent to the page
/// itself in the moment between a day's grid being drawn again and the new day taking the
/// focus (a held arrow key repeats faster than that).
fn from_a_day(ev: &leptos::ev::KeyboardEvent) -> bool {
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.is_some_and(|e| e.has_attribute("data-date") || e.tag_name() == "BODY")
}

/// The calendar. It is written as HTML strings rather than a view per day and per button:
/// 42 cells of one shape cost far less download that way (the journey app is at its size
/// limit). Clicks and keys are handled once, on the dialog; only the status line, which
/// screen readers follow, is a live view.
#[component]
fn CalendarPicker(
    id: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let open = RwSignal::new(false);
    let focused = RwSignal::new(FIRST_DATE);
    // Whether choosing the focused day was just refused; cleared when the focus moves.
    let refused = RwSignal::new(false);
    // R5 from now and the periods of the draft (R7).
    let limits = move || {
        let earliest = with_calendar(wizard, |c| {
            c.received_on(&now())
                .and_then(|r| c.earliest_work_date(r))
                .ok()
        });
        let window = wizard
            .draft
            .with(work_window)
            .and_then(Result::ok)
            .map(|p| (p.start, p.end));
        WorkLimits { earliest, window }
    };
    // The first day the rules allow.
    let first_allowed = |l: &WorkLimits| match (l.earliest, l.window) {
        (Some(e), Some((start, _))) => Some(e.max(start)),
        (e, w) => e.or(w.map(|w| w.0)),
    };
    let cell_id = move |date: NaiveDate| format!("{id}-day-{}", iso_date(date));
    // A day in words: what the grid shows by marks, and why it cannot be chosen.
    let describe = move |g: &GridDay, l: &WorkLimits| {
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
        if first_allowed(l) == Some(g.date) {
            words.push(t_string!(i18n, picker.earliest).to_string());
        }
        if l.window.map(|w| w.1) == Some(g.date) {
            words.push(t_string!(i18n, picker.period_end).to_string());
        }
        match g.block {
            Some(DayBlock::TooSoon) => words.push(format!(
                "{}{}",
                t_string!(i18n, picker.too_soon),
                l.earliest.map(|e| format_date(e, lang)).unwrap_or_default()
            )),
            Some(DayBlock::BeforePeriod) => {
                words.push(t_string!(i18n, picker.before_period).to_string())
            }
            Some(DayBlock::AfterPeriod) => {
                words.push(t_string!(i18n, picker.after_period).to_string())
            }
            None => {}
        }
        words.join(match lang {
            Lang::Ja => "。",
            Lang::En => ". ",
        })
    };
    let close = move || {
        open.set(false);
        focus_by_id(format!("{id}-open"));
    };
    let move_to = move |date: NaiveDate| {
        let date = date.clamp(FIRST_DATE, LAST_DATE);
        refused.set(false);
        focused.set(date);
        focus_by_id(cell_id(date));
    };
    let choose = move |date: NaiveDate| {
        if limits().block(date).is_some() {
            refused.set(true);
        } else {
            on_input.run(iso_date(date));
            close();
        }
    };
    let toggle = move |_| {
        if open.get_untracked() {
            open.set(false);
            return;
        }
        // The chosen day, else the first the rules allow, else today.
        let start = parse_date(&value.get_untracked())
            .ok()
            .or_else(|| first_allowed(&limits()))
            .unwrap_or_else(|| to_jst(&now()).date_naive());
        open.set(true);
        move_to(start);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let f = focused.get_untracked();
        let back = u64::from(f.weekday().num_days_from_sunday());
        let months = if ev.shift_key() { 12 } else { 1 };
        let to = match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                close();
                return;
            }
            "Enter" | " " => {
                if !from_a_day(&ev) {
                    return;
                }
                ev.prevent_default();
                choose(f);
                return;
            }
            "ArrowLeft" => f.pred_opt(),
            "ArrowRight" => f.succ_opt(),
            "ArrowUp" => f.checked_sub_days(Days::new(7)),
            "ArrowDown" => f.checked_add_days(Days::new(7)),
            "PageUp" => Some(add_months_clamped(f, -months)),
            "PageDown" => Some(add_months_clamped(f, months)),
            "Home" => f.checked_sub_days(Days::new(back)),
            "End" => f.checked_add_days(Days::new(6 - back)),
            _ => return,
        };
        // Only the grid moves with these keys; the buttons keep theirs.
        if let (true, Some(to)) = (from_a_day(&ev), to) {
            ev.prevent_default();
            move_to(to);
        }
    };
    // Keys sent to the page itself (the focus between two grids) still move the grid.
    let on_page_key = window_event_listener(leptos::ev::keydown, move |ev| {
        let to_page = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.tag_name() == "BODY");
        if to_page && open.get_untracked() {
            on_key(ev);
        }
    });
    on_cleanup(move || on_page_key.remove());
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-date],[data-action]").ok().flatten())
        else {
            return;
        };
        let f = focused.get_untracked();
        match target.get_attribute("data-action").as_deref() {
            // The button is drawn again with the month: the focus goes back to it.
            Some(action @ ("previous" | "next")) => {
                refused.set(false);
                focused.set(add_months_clamped(f, if action == "next" { 1 } else { -1 }));
                focus_by_id(format!("{id}-calendar-{action}"));
            }
            Some(_) => close(),
            None => {
                if let Some(day) = target
                    .get_attribute("data-date")
                    .and_then(|iso| parse_date(&iso).ok())
                {
                    move_to(day);
                    choose(day);
                }
            }
        }
    };
    let button = move |action: &str, label: &str| {
        format!(
            r#"<button type="button" class="fw-button fw-button--secondary fw-button--small" id="{id}-calendar-{action}" data-action="{action}">{label}</button>"#
        )
    };
    // The month's title, the buttons and the grid.
    let body = move || {
        let f = focused.get();
        let l = limits();
        let selected = parse_date(&value.get()).ok();
        let today = to_jst(&now()).date_naive();
        let (first, end) = (first_allowed(&l), l.window.map(|w| w.1));
        let title = match i18n.lang() {
            Lang::Ja => format!("{}年{}月", f.year(), f.month()),
            Lang::En => iso_date(f)[..7].to_owned(),
        };
        let mut html = format!(
            r#"<div class="fw-calendar__head">{}<h2 class="fw-calendar__title" id="{id}-calendar-title">{title}</h2>{}</div><table class="fw-calendar__grid" role="grid" aria-labelledby="{id}-calendar-title"><thead><tr>"#,
            button("previous", &t_string!(i18n, picker.previous)),
            button("next", &t_string!(i18n, picker.next)),
        );
        let long = t_string!(i18n, picker.weekdays_long);
        for (short, long) in t_string!(i18n, picker.weekdays_short)
            .split(',')
            .zip(long.split(','))
        {
            let _ = write!(html, r#"<th scope="col" abbr="{long}">{short}</th>"#);
        }
        html.push_str("</tr></thead><tbody>");
        let weeks = with_calendar(wizard, |c| c.month_grid(f, &l)).unwrap_or_default();
        for week in weeks {
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
                // Named by its words (hidden); the number and marks are what the eye reads.
                let _ = write!(
                    html,
                    r#"<td id="{}" data-date="{}" class="fw-calendar__day{}{}" tabindex="{}" aria-selected="{}"{}{}><span class="fw-visually-hidden">{}</span><span class="fw-calendar__number" aria-hidden="true">{}</span><span class="fw-calendar__mark" aria-hidden="true">{}</span></td>"#,
                    cell_id(g.date),
                    iso_date(g.date),
                    if g.off.is_some() {
                        " fw-calendar__day--off"
                    } else {
                        ""
                    },
                    if g.block.is_some() {
                        " fw-calendar__day--blocked"
                    } else {
                        ""
                    },
                    if g.date == f { 0 } else { -1 },
                    selected == Some(g.date),
                    if g.date == today {
                        r#" aria-current="date""#
                    } else {
                        ""
                    },
                    if g.block.is_some() {
                        r#" aria-disabled="true""#
                    } else {
                        ""
                    },
                    escape(&describe(&g, &l)),
                    g.date.day(),
                    marks.join(" "),
                );
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody></table>");
        html
    };
    // The focused day in words, and the refusal when choosing it was refused.
    let status = move || {
        let f = focused.get();
        let l = limits();
        let g = GridDay {
            date: f,
            off: with_calendar(wizard, |c| c.day_off(f)),
            block: l.block(f),
        };
        let refused = refused.get() && g.block.is_some();
        format!(
            "{}{}",
            if refused {
                t_string!(i18n, picker.refused)
            } else {
                "".into()
            },
            describe(&g, &l),
        )
    };
    let legend = move || {
        format!(
            r#"<ul class="fw-calendar__legend"><li>{}</li><li>{}</li><li>{}</li></ul>{}"#,
            t_string!(i18n, picker.legend_off),
            t_string!(i18n, picker.legend_blocked),
            t_string!(i18n, picker.legend_earliest),
            button("close", &t_string!(i18n, picker.close)),
        )
    };
    let dialog = move || {
        open.get().then(|| {
            view! {
                <div
                    class="fw-calendar"
                    id=format!("{id}-calendar")
                    role="dialog"
                    aria-labelledby=format!("{id}-legend {id}-calendar-title")
                    on:keydown=on_key
                    on:click=on_click
                >
                    <div inner_html=body></div>
                    <p class="fw-calendar__status" aria-live="polite" data-testid="calendar-status">
                        {status}
                    </p>
                    <div inner_html=legend></div>
                </div>
            }
        })
    };
    view! {
        <button
            type="button"
            class="fw-button fw-button--secondary fw-date__open"
            id=format!("{id}-open")
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            aria-controls=format!("{id}-calendar")
            on:click=toggle
        >
            {tr!(i18n, picker.open)}
        </button>
        {dialog}
    }
}
