//! The firmware analysis of each server (issue 17): what the chosen catalogue would change,
//! with the two-step warning (C2), restarts and power-off (R12) and what lies outside the
//! service (R9, R10). Shown by the import where the catalogue is dropped, and by the version
//! step from the draft.

use fwportal_core::request::{AnalysisDraft, ComponentAnalysisDraft};
use leptos::prelude::*;

use crate::i18n::*;

fn action_text(i18n: I18n, action: &str) -> String {
    match action {
        "update" => t_string!(i18n, analysis.update),
        "current" => t_string!(i18n, analysis.current_ok),
        "newer_installed" => t_string!(i18n, analysis.newer_installed),
        "not_in_catalog" => t_string!(i18n, analysis.not_in_catalog),
        _ => t_string!(i18n, analysis.unknown),
    }
    .to_string()
}

fn notes(i18n: I18n, row: &ComponentAnalysisDraft) -> String {
    let mut notes = Vec::new();
    if row.action == "update" && row.reboot_required == Some(true) {
        notes.push(t_string!(i18n, analysis.reboot).to_string());
    }
    if row.action == "update" && row.power_off_required == Some(true) {
        notes.push(t_string!(i18n, analysis.power_off).to_string());
    }
    // The rule core gave the row (R9, R10: outside the work); the classifier stays out of
    // the page's download.
    if matches!(row.rule.as_str(), "R9" | "R10") {
        notes.push(t_string!(i18n, analysis.outside).to_string());
    }
    notes.join(", ")
}

/// One row as a line: `name (location): installed → catalogue — action; notes`.
fn row_text(i18n: I18n, row: &ComponentAnalysisDraft) -> String {
    let mut text = row.name.clone();
    if !row.location.is_empty() {
        text.push_str(&format!(" ({})", row.location));
    }
    text.push_str(&format!(": {}", row.current_version));
    if !row.catalog_version.is_empty() {
        text.push_str(&format!(" → {}", row.catalog_version));
    }
    text.push_str(&format!(" — {}", action_text(i18n, &row.action)));
    let notes = notes(i18n, row);
    if !notes.is_empty() {
        text.push_str(&format!("; {notes}"));
    }
    text
}

/// The analysis, server by server. Rows are lines of text rather than a table: the same
/// information in a fraction of the app's download (issue 13's budget).
#[component]
pub fn AnalysisView(analysis: AnalysisDraft) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fw-analysis" data-testid="analysis">
            <h3 class="fw-heading-s">
                {crate::tr!(i18n, analysis.title)} " — " {analysis.catalog.clone()}
            </h3>
            {analysis
                .servers
                .into_iter()
                .map(|server| {
                    let two_step: Vec<String> = server
                        .components
                        .iter()
                        .filter(|c| c.two_step == Some(true))
                        .map(|c| {
                            format!(
                                "{} ({} → {}, minimum {})",
                                c.name, c.current_version, c.catalog_version, c.minimum_active_version,
                            )
                        })
                        .collect();
                    let updates = || server.components.iter().filter(|c| c.action == "update");
                    let power_off = updates().any(|c| c.power_off_required == Some(true));
                    let restart = !power_off && updates().any(|c| c.reboot_required == Some(true));
                    let rows = server.components;
                    let serial = server.serial_number;
                    view! {
                        <div class="fw-analysis__server" data-testid=format!("analysis-{serial}")>
                            <h4 class="fw-heading-s">{crate::tr!(i18n, analysis.server)} " " {serial.clone()}</h4>
                            {(!two_step.is_empty())
                                .then(|| {
                                    view! {
                                        <div class="fw-warning-text" role="note" data-testid="analysis-two-step">
                                            <strong>{crate::tr!(i18n, analysis.two_step_title)}</strong>
                                            <p>{crate::tr!(i18n, analysis.two_step_text)}</p>
                                            <p>{two_step.join("; ")}</p>
                                        </div>
                                    }
                                })}
                            <p class="fw-notice">
                                {move || {
                                    if power_off {
                                        t_string!(i18n, analysis.power_off_needed).to_string()
                                    } else if restart {
                                        t_string!(i18n, analysis.restart_needed).to_string()
                                    } else {
                                        String::new()
                                    }
                                }}
                            </p>
                            <ul class="fw-list fw-list--bullet">
                                {move || {
                                    rows.iter()
                                        .map(|row| view! { <li data-action=row.action.clone()>{row_text(i18n, row)}</li> })
                                        .collect_view()
                                }}
                            </ul>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// One line of `GET /api/catalogs`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
struct OperatorCatalog {
    name: String,
    packages: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
struct OperatorCatalogs {
    catalogs: Vec<OperatorCatalog>,
}

/// The catalogues the service desk publishes (`fwportal serve --catalogs`); none when the
/// server has none or cannot be reached (the version can always be typed).
async fn operator_catalogs() -> Vec<OperatorCatalog> {
    let Ok(response) = gloo_net::http::Request::get("/api/catalogs").send().await else {
        return Vec::new();
    };
    if !response.ok() {
        return Vec::new();
    }
    response
        .json::<OperatorCatalogs>()
        .await
        .map(|list| list.catalogs)
        .unwrap_or_default()
}

/// Where the analysis against an operator's catalogue stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Operator {
    Idle,
    Analysing,
    /// The server's message in both languages, or `None` (unreachable, unreadable answer).
    Failed(Option<crate::api::ServerMessage>),
}

/// The version step's part (issue 17): the draft's analysis per server, the catalogue's name
/// as the target version in one click, and the desk's catalogues to choose from. Choosing one
/// takes its name and has the server analyse the imported servers against it (the operator's
/// catalogues are not in the download); the answer replaces the draft's analysis, exactly as
/// a dropped `fwrepo.json`'s does.
#[component]
pub fn AnalysisPanel(
    /// The draft's analysis.
    analysis: Signal<AnalysisDraft>,
    /// Sets the target version.
    on_use: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = crate::wizard::use_wizard();
    let lang = crate::components::form::use_lang();
    let published = RwSignal::new(Vec::<OperatorCatalog>::new());
    let state = RwSignal::new(Operator::Idle);
    // The page may be left before the answer: `try_set` on a disposed signal does nothing.
    leptos::task::spawn_local(async move {
        let _ = published.try_set(operator_catalogs().await);
    });
    let choose = move |name: String| {
        on_use.run(name.clone());
        let inventory = crate::wizard::kept_inventory();
        // Nothing imported: only the name is taken (the panel says how to get an analysis).
        if inventory.is_empty() {
            return;
        }
        state.set(Operator::Analysing);
        leptos::task::spawn_local(async move {
            match crate::api::analyse_with(&name, inventory).await {
                Ok(mut done) => {
                    wizard.draft.update(|d| {
                        done.keep_rows(&d.servers);
                        d.analysis = done;
                    });
                    let _ = state.try_set(Operator::Idle);
                }
                Err(message) => {
                    let _ = state.try_set(Operator::Failed(message));
                }
            }
        });
    };
    view! {
        <div class="fw-analysis-panel" data-testid="analysis-panel">
            {move || {
                let analysis = analysis.get();
                if analysis.is_empty() {
                    view! { <p class="fw-caption">{crate::tr!(i18n, analysis.none)}</p> }.into_any()
                } else {
                    let name = analysis.catalog.clone();
                    view! {
                        <AnalysisView analysis=analysis />
                        <button
                            type="button"
                            class="fw-button fw-button--secondary"
                            data-testid="analysis-use-catalog"
                            on:click=move |_| on_use.run(name.clone())
                        >
                            {crate::tr!(i18n, analysis.use_catalog)}
                        </button>
                    }
                        .into_any()
                }
            }}
            {move || {
                let list = published.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <p class="fw-caption">{crate::tr!(i18n, analysis.operator_catalogs)}</p>
                            <ul class="fw-list" data-testid="analysis-operator-catalogs">
                                {list
                                    .into_iter()
                                    .map(|catalog| {
                                        let name = catalog.name.clone();
                                        view! {
                                            <li>
                                                <button
                                                    type="button"
                                                    class="fw-link-button"
                                                    on:click=move |_| choose(name.clone())
                                                >
                                                    {format!("{} ({} ", catalog.name, catalog.packages)}
                                                    {crate::tr!(i18n, analysis.packages)}
                                                    ")"
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            <p class="fw-caption" role="status" data-testid="analysis-operator-status">
                {move || match state.get() {
                    Operator::Idle => String::new(),
                    Operator::Analysing => t_string!(i18n, analysis.analysing).to_string(),
                    Operator::Failed(Some(message)) => match lang() {
                        fwportal_core::i18n::Lang::Ja => message.message_ja,
                        fwportal_core::i18n::Lang::En => message.message_en,
                    },
                    Operator::Failed(None) => t_string!(i18n, analysis.operator_failed).to_string(),
                }}
            </p>
        </div>
    }
}
