//! The frame of every page of the request: back link, error summary, heading, the page's
//! fields, "continue", and the way to forget the answers. "Continue" runs the rules on the
//! draft and shows only the problems of this page; when there are none it goes on (or back to
//! "check your answers" when the customer came from there to change something).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::error_summary::{ErrorSummary, SummaryItem};
use crate::components::form::use_lang;
use crate::components::page_title::use_page_title;
use crate::i18n::*;
use crate::startup::Later;
use crate::wizard::{field_id, use_wizard, Step};

/// Whether the page was opened from "check your answers" (`?return=check`).
pub fn returning() -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.read().get("return").as_deref() == Some("check"))
}

/// The error summary items of one page.
pub fn step_items(step: Step) -> Signal<Vec<SummaryItem>> {
    let wizard = use_wizard();
    let lang = use_lang();
    Signal::derive(move || {
        let lang = lang();
        wizard.problems.with(|list| {
            list.iter()
                .filter(|p| Step::of_field(&p.field) == step)
                .map(|p| SummaryItem {
                    field_id: field_id(&p.field),
                    page: None,
                    message: crate::wizard::summary_message(p, lang),
                })
                .collect()
        })
    })
}

#[component]
pub fn StepForm(
    step: Step,
    #[prop(into)] title: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let returning = returning();
    let items = step_items(step);
    use_page_title(move || title.get(), move || !items.with(Vec::is_empty));

    // "Step 2 of 5", counting only the pages this request goes through.
    let caption = move || {
        let (at, total) = wizard.draft.with(|d| {
            let pages: Vec<Step> = Step::ORDER
                .into_iter()
                .filter(|s| *s != Step::Check && s.applies(d))
                .collect();
            let at = pages.iter().position(|s| *s == step).map_or(0, |i| i + 1);
            (at, pages.len())
        });
        format!("{} {at} / {total}", t_string!(i18n, common.step))
    };
    let back = move || {
        if returning.get() {
            Step::Check.path().to_owned()
        } else {
            wizard
                .draft
                .with(|d| step.previous(d))
                .map_or("/".to_owned(), |s| s.path().to_owned())
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !wizard.check_step(step).is_empty() {
            return;
        }
        let next = if returning.get_untracked() {
            Step::Check
        } else {
            wizard.draft.with_untracked(|d| step.next(d))
        };
        navigate(next.path(), NavigateOptions::default());
    };

    view! {
        <a class="fw-back-link" href=back>{crate::tr!(i18n, common.back)}</a>
        <ErrorSummary title=crate::text!(i18n, common.error_summary_title) items=items />
        <crate::components::answering::AnswerBanner step=step />
        <span class="fw-caption">{caption}</span>
        <h1 class="fw-heading-xl">{title}</h1>
        <form class="fw-form" novalidate on:submit=on_submit>
            // The page's fields: a task of their own while the app starts (crate::startup).
            <Later>{children()}</Later>
            <button type="submit" class="fw-button" data-testid="continue">
                {move || {
                    if returning.get() {
                        t_string!(i18n, common.save_and_return)
                    } else {
                        t_string!(i18n, common.continue_button)
                    }
                }}
            </button>
        </form>
        <ForgetAnswers />
    }
}

/// "Start again": forgets every answer (here and in the browser's storage), after asking.
#[component]
pub fn ForgetAnswers() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let lang = use_lang();
    let saved = move || {
        wizard.saved_at.get().map(|at| {
            let local = fwportal_core::calendar::to_jst(&at);
            format!(
                "{} {} {}",
                t_string!(i18n, common.saved_at),
                fwportal_core::i18n::format_date(local.date_naive(), lang()),
                fwportal_core::i18n::format_time(local.time(), lang())
            )
        })
    };
    view! {
        <div class="fw-forget">
            <p class="fw-forget__saved" data-testid="saved-at">
                {move || saved().unwrap_or_default()}
            </p>
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="fw-link-button"
                            data-testid="forget"
                            on:click=move |_| asking.set(true)
                        >
                            {crate::tr!(i18n, common.forget)}
                        </button>
                    }
                }
            >
                <div class="fw-notice" role="group">
                    <p>{crate::tr!(i18n, common.forget_confirm)}</p>
                    <button
                        type="button"
                        class="fw-button fw-button--warning"
                        data-testid="forget-confirm"
                        on:click={
                            let navigate = navigate.clone();
                            move |_| {
                                wizard.forget();
                                asking.set(false);
                                navigate("/", NavigateOptions::default());
                            }
                        }
                    >
                        {crate::tr!(i18n, common.forget_yes)}
                    </button>
                    " "
                    <button
                        type="button"
                        class="fw-button fw-button--secondary"
                        on:click=move |_| asking.set(false)
                    >
                        {crate::tr!(i18n, common.forget_no)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
