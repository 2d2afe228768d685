//! `/preparation` (`?reference=FWU-…` after a submission): the pre-visit preparation list of the
//! customer's request, with concrete dates from the server's calendar, to print or to download
//! as Markdown, CSV or iCalendar. The files are made in the browser; nothing is sent.

use fwportal_core::calendar::to_jst;
use fwportal_core::i18n::{format_date, format_time, Lang};
use fwportal_core::preparation::{
    file_name, to_csv, to_ics, to_markdown, FileKind, PreparationList,
};
use fwportal_core::request::fields::{parse_date, parse_time};
use fwportal_core::request::RequestDraft;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use crate::components::form::{bind, use_lang};
use crate::components::page_title::use_page_title;
use crate::components::work_time::WorkDateTimeFields;
use crate::i18n::*;
use crate::preparation::{
    forget_submitted, gaps, input_from_draft, load_submitted, load_ticks, save_ticks, Blocked, Gap,
    DRAFT_LIST,
};
use crate::wizard::{now, use_wizard};

/// Where the answers come from.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// The request being filled in (or the self-check's answers).
    Draft(RequestDraft),
    /// A submitted request's kept answers.
    Submitted(String, RequestDraft),
    /// A reference whose answers this browser no longer holds.
    Gone(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    List(Box<PreparationList>),
    Blocked(Blocked),
    Gone,
    /// A date outside the calendar's range.
    OutOfRange,
}

#[component]
pub fn PreparationPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    let query = use_query_map();
    use_page_title(
        move || t_string!(i18n, preparation.title).to_string(),
        || false,
    );
    // Bumped by "forget" so the kept answers are read again.
    let forgotten = RwSignal::new(0u32);

    let source = Memo::new(move |_| {
        forgotten.track();
        let reference = query
            .with(|q| q.get("reference"))
            .map(|r| r.trim().to_owned());
        match reference.filter(|r| !r.is_empty()) {
            Some(reference) => match load_submitted(&reference) {
                Some(saved) => Source::Submitted(reference, saved.draft),
                None => Source::Gone(reference),
            },
            None => Source::Draft(wizard.draft.get()),
        }
    });
    let outcome = Memo::new(move |_| {
        let calendar = wizard.calendar.get().unwrap_or_default();
        let (draft, reference) = match source.get() {
            Source::Draft(draft) => (draft, None),
            Source::Submitted(reference, draft) => (draft, Some(reference)),
            Source::Gone(_) => return Outcome::Gone,
        };
        match input_from_draft(&draft, reference.as_deref(), to_jst(&now())) {
            Err(blocked) => Outcome::Blocked(blocked),
            Ok(input) => match PreparationList::build(input, &calendar) {
                // The firmware analysis' consequences (issue 17: C1, C2, R10, R12).
                Ok(list) => Outcome::List(Box::new(list.with_analysis(&draft.analysis))),
                Err(_) => Outcome::OutOfRange,
            },
        }
    });
    let from_draft = move || matches!(source.get(), Source::Draft(_));
    // The ticks live here, above the list, so that a language switch (which draws the list
    // again) keeps them; they are read again when the list is another one.
    // A memo, so that typing in the draft (which changes `source`) does not read the ticks
    // from storage again: only another list does.
    let list_name = Memo::new(move |_| match source.get() {
        Source::Submitted(reference, _) | Source::Gone(reference) => reference,
        Source::Draft(_) => DRAFT_LIST.to_owned(),
    });
    let ticked = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| ticked.set(list_name.with(|name| load_ticks(name))));
    let ticks = Ticks {
        ticked,
        list: list_name.into(),
    };
    let gap_list = Memo::new(move |_| match source.get() {
        Source::Draft(draft) | Source::Submitted(_, draft) => gaps(&draft),
        Source::Gone(_) => Vec::new(),
    });

    view! {
        <div class="fw-preparation" data-testid="preparation">
            <h1 class="fw-heading-xl">{crate::tr!(i18n, preparation.title)}</h1>
            <p class="fw-lead fw-no-print">{crate::tr!(i18n, preparation.intro)}</p>
            {move || match outcome.get() {
                Outcome::Gone => {
                    view! {
                        <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.gone_title)}</h2>
                        <p>{crate::tr!(i18n, preparation.gone_text)}</p>
                        <p>
                            <a href="/status">{crate::tr!(i18n, status.title)}</a>
                        </p>
                    }
                        .into_any()
                }
                Outcome::Blocked(Blocked::Consultation) => {
                    view! { <p data-testid="preparation-consultation">{crate::tr!(i18n, preparation.consultation)}</p> }
                        .into_any()
                }
                Outcome::Blocked(Blocked::NeedsSchedule) => {
                    view! { <ScheduleQuestion editable=from_draft() /> }.into_any()
                }
                Outcome::OutOfRange => {
                    view! {
                        <p class="fw-notice fw-notice--error" role="alert">
                            {crate::tr!(i18n, preparation.out_of_range)}
                        </p>
                        {from_draft().then(|| view! { <ScheduleQuestion editable=true /> })}
                    }
                        .into_any()
                }
                Outcome::List(list) => {
                    view! {
                        <Gaps gaps=gap_list.into() from_draft=from_draft() />
                        <Actions list=(*list).clone() lang=lang() />
                        <ListView list=*list lang=lang() from_draft=from_draft() ticks=ticks />
                    }
                        .into_any()
                }
            }}
            {move || {
                matches!(source.get(), Source::Submitted(..))
                    .then(|| {
                        view! {
                            <p class="fw-no-print">
                                <button
                                    type="button"
                                    class="fw-link-button"
                                    data-testid="preparation-forget"
                                    on:click=move |_| {
                                        forget_submitted();
                                        forgotten.update(|n| *n += 1);
                                    }
                                >
                                    {crate::tr!(i18n, preparation.forget)}
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Asks for the work date and start time when the answers lack them. They are the request's
/// own fields: what is typed here is on the schedule page too.
#[component]
fn ScheduleQuestion(editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let (date, set_date) = bind(wizard, |d| d.work_date.clone(), |d, v| d.work_date = v);
    let (time, set_time) = bind(
        wizard,
        |d| d.work_start_time.clone(),
        |d, v| d.work_start_time = v,
    );
    // Only a value that was typed and cannot be read is an error; an empty field is a question.
    let date_error = Signal::derive(move || {
        let text = date.get();
        (!text.trim().is_empty() && parse_date(&text).is_err())
            .then(|| t_string!(i18n, preparation.date_invalid).to_string())
    });
    let time_error = Signal::derive(move || {
        let text = time.get();
        (!text.trim().is_empty() && parse_time(&text).is_err())
            .then(|| t_string!(i18n, preparation.time_invalid).to_string())
    });
    view! {
        <div class="fw-inset" data-testid="preparation-needs-schedule">
            <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.needs_schedule_title)}</h2>
            <p>{crate::tr!(i18n, preparation.needs_schedule_text)}</p>
            {if editable {
                view! {
                    <form class="fw-form" novalidate on:submit=|ev| ev.prevent_default()>
                        <WorkDateTimeFields
                            date=date
                            set_date=set_date
                            date_error=date_error
                            time=time
                            set_time=set_time
                            time_error=time_error
                        />
                    </form>
                }
                    .into_any()
            } else {
                view! {
                    <p>
                        <a href="/request/schedule">{crate::tr!(i18n, preparation.to_schedule)}</a>
                    </p>
                }
                    .into_any()
            }}
        </div>
    }
}

/// The answers still missing, each with a link to its page.
#[component]
fn Gaps(gaps: Signal<Vec<Gap>>, from_draft: bool) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list = gaps.get();
        (from_draft && !list.is_empty()).then(|| {
            view! {
                <div class="fw-inset fw-no-print" data-testid="preparation-gaps">
                    <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.gaps_title)}</h2>
                    <p>{crate::tr!(i18n, preparation.gaps_text)}</p>
                    <ul class="fw-list fw-list--bullet">
                        {list
                            .into_iter()
                            .map(|gap| {
                                let label = match gap {
                                    Gap::Company => t_string!(i18n, preparation.company),
                                    Gap::Contact => t_string!(i18n, preparation.contact),
                                    Gap::Site => t_string!(i18n, preparation.site),
                                    Gap::Servers => t_string!(i18n, preparation.servers),
                                    Gap::Method => t_string!(i18n, preparation.method),
                                    Gap::Target => t_string!(i18n, preparation.target),
                                };
                                view! {
                                    <li>
                                        <a href=gap.step().path()>{label}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Print and the three downloads.
#[component]
fn Actions(list: PreparationList, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let list = StoredValue::new(list);
    let button = move |kind: FileKind, testid: &'static str, label: String| {
        view! {
            <button
                type="button"
                class="fw-button fw-button--secondary"
                data-testid=testid
                on:click=move |_| list.with_value(|list| download(kind, list, lang))
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="fw-preparation__actions fw-no-print">
            <div class="fw-button-group">
                <button
                    type="button"
                    class="fw-button"
                    data-testid="preparation-print"
                    on:click=|_| {
                        if let Some(window) = web_sys::window() {
                            let _ = window.print();
                        }
                    }
                >
                    {crate::tr!(i18n, preparation.print)}
                </button>
            </div>
            <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.downloads_title)}</h2>
            <p>{crate::tr!(i18n, preparation.downloads_text)}</p>
            <div class="fw-button-group">
                {button(
                    FileKind::Markdown,
                    "download-md",
                    t_string!(i18n, preparation.download_md).to_string(),
                )}
                {button(
                    FileKind::Csv,
                    "download-csv",
                    t_string!(i18n, preparation.download_csv).to_string(),
                )}
                {button(
                    FileKind::Ics,
                    "download-ics",
                    t_string!(i18n, preparation.download_ics).to_string(),
                )}
            </div>
        </div>
    }
}

/// Makes the file in the browser and hands it to the browser's download.
fn download(kind: FileKind, list: &PreparationList, lang: Lang) {
    let text = match kind {
        FileKind::Markdown => to_markdown(list, lang),
        FileKind::Csv => to_csv(list, lang),
        FileKind::Ics => to_ics(list, lang),
    };
    let _ = save_file(&file_name(kind, list), kind.media_type(), &text);
}

fn save_file(name: &str, media_type: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body()?;
    body.append_child(&anchor).ok()?;
    anchor.click();
    anchor.remove();
    // The download has taken the data once the click is handled; free the blob a moment later.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000)
        .ok()?;
    Some(())
}

/// The ticked items of the list shown, and the list's name they are kept under.
#[derive(Debug, Clone, Copy)]
struct Ticks {
    ticked: RwSignal<Vec<String>>,
    list: Signal<String>,
}

impl Ticks {
    fn is_ticked(self, id: &str) -> bool {
        self.ticked.with(|t| t.iter().any(|x| x == id))
    }

    fn set(self, id: &str, on: bool) {
        self.ticked.update(|t| {
            t.retain(|x| x != id);
            if on {
                t.push(id.to_owned());
            }
        });
        self.ticked
            .with_untracked(|t| save_ticks(&self.list.get_untracked(), t));
    }
}

/// The printable list itself.
#[component]
fn ListView(list: PreparationList, lang: Lang, from_draft: bool, ticks: Ticks) -> impl IntoView {
    let i18n = use_i18n();
    let request = list.request.clone();
    let not_entered = move || t_string!(i18n, preparation.not_entered).to_string();
    let or_missing = move |text: &str| {
        if text.trim().is_empty() {
            not_entered()
        } else {
            text.to_owned()
        }
    };
    let servers = request.servers.clone();
    let generated = format!(
        "{} {}",
        format_date(request.generated_at.date_naive(), lang),
        format_time(request.generated_at.time(), lang)
    );
    view! {
        <p class="fw-caption" data-testid="preparation-source">
            {if from_draft {
                t_string!(i18n, preparation.from_draft).to_string()
            } else {
                t_string!(i18n, preparation.from_submitted).to_string()
            }}
            " "
            {crate::tr!(i18n, preparation.generated)}
            " "
            {generated}
        </p>
        <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.summary_title)}</h2>
        <dl class="fw-summary-list" data-testid="preparation-summary">
            {request
                .reference
                .clone()
                .map(|reference| {
                    view! {
                        <div class="fw-summary-list__row">
                            <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.reference)}</dt>
                            <dd class="fw-summary-list__value">
                                <strong data-testid="preparation-reference">{reference}</strong>
                            </dd>
                        </div>
                    }
                })}
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.company)}</dt>
                <dd class="fw-summary-list__value">{or_missing(&request.company)}</dd>
            </div>
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.contact)}</dt>
                <dd class="fw-summary-list__value">{or_missing(&request.contact_name)}</dd>
            </div>
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.site)}</dt>
                <dd class="fw-summary-list__value">{or_missing(&request.site_address)}</dd>
            </div>
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.servers)}</dt>
                <dd class="fw-summary-list__value" data-testid="preparation-servers">
                    {if servers.is_empty() {
                        not_entered().into_any()
                    } else {
                        let target = request.target_version.clone();
                        view! {
                            <ul class="fw-list">
                                {servers
                                    .into_iter()
                                    .map(|server| {
                                        let current = server
                                            .current_version
                                            .clone()
                                            .unwrap_or_else(|| {
                                                t_string!(i18n, preparation.current_unknown).to_string()
                                            });
                                        let to = server
                                            .target_version
                                            .clone()
                                            .or_else(|| target.clone())
                                            .unwrap_or_else(not_entered);
                                        view! {
                                            <li>
                                                {format!(
                                                    "{} / {} — {current} → {to}",
                                                    server.model,
                                                    server.serial_number,
                                                )}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </dd>
            </div>
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.method)}</dt>
                <dd class="fw-summary-list__value">
                    {request.method.map(|m| m.label(lang).to_owned()).unwrap_or_else(not_entered)}
                </dd>
            </div>
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.target)}</dt>
                <dd class="fw-summary-list__value">
                    {request.target_version.clone().unwrap_or_else(not_entered)}
                </dd>
            </div>
            <div class="fw-summary-list__row">
                <dt class="fw-summary-list__key">{crate::tr!(i18n, preparation.work)}</dt>
                <dd class="fw-summary-list__value" data-testid="preparation-work">
                    {format!(
                        "{} {}",
                        format_date(request.work_date, lang),
                        format_time(request.work_start_time, lang),
                    )}
                </dd>
            </div>
        </dl>

        <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.checklist_title)}</h2>
        <p class="fw-no-print">{crate::tr!(i18n, preparation.checklist_hint)}</p>
        <ol class="fw-checklist" data-testid="preparation-checklist">
            {list
                .items
                .iter()
                .map(|item| {
                    let input_id = format!("prep-{}", item.id);
                    let (id, id_for_change) = (item.id.clone(), item.id.clone());
                    let done = item.done;
                    view! {
                        <li class="fw-checklist__item" data-testid=format!("item-{}", item.id)>
                            <input
                                class="fw-checklist__box"
                                type="checkbox"
                                id=input_id.clone()
                                // Done when built (the request was sent) or ticked.
                                prop:checked=move || done || ticks.is_ticked(&id)
                                on:change=move |ev| {
                                    ticks.set(&id_for_change, event_target_checked(&ev))
                                }
                            />
                            <div class="fw-checklist__body">
                                <label class="fw-checklist__title" for=input_id>
                                    {item.title.get(lang).to_owned()}
                                </label>
                                <p class="fw-checklist__due" data-testid=format!("due-{}", item.id)>
                                    <strong>{item.due.label(lang)}</strong>
                                    " · "
                                    {crate::tr!(i18n, preparation.responsible)}
                                    ": "
                                    // The rules stay in the markup for the desk and tests, not
                                    // in the customer's words (issue 14).
                                    <span
                                        data-rules=item.rules.join(",")
                                    >
                                        {item.responsible.label(lang)}
                                    </span>
                                </p>
                                <p class="fw-checklist__detail">{item.detail.get(lang).to_owned()}</p>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>

        <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.not_covered_title)}</h2>
        <ul class="fw-list fw-list--bullet" data-testid="preparation-not-covered">
            {list
                .not_covered
                .iter()
                .map(|n| view! { <li data-rule=n.rule.clone()>{n.text.get(lang).to_owned()}</li> })
                .collect_view()}
        </ul>

        <h2 class="fw-heading-m">{crate::tr!(i18n, preparation.desk_title)}</h2>
        <p data-testid="preparation-desk">{list.desk.text.get(lang).to_owned()}</p>
        <p data-testid="preparation-deadline">
            {crate::tr!(i18n, preparation.notice_deadline)}
            " "
            <strong>{format_date(list.notice_deadline, lang)}</strong>
        </p>
        <p>
            {crate::tr!(i18n, preparation.last_business_day)}
            " "
            <strong>{format_date(list.desk.last_business_day_before_work, lang)}</strong>
        </p>
    }
}
