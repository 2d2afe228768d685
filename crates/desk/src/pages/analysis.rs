//! The firmware analysis the customer sent with the request (issue 17): per server, what the
//! catalogue would change, with two-step updates (C2), restarts and power-off (R12).

use fwportal_core::request::{AnalysisDraft, ComponentAnalysisDraft};
use leptos::prelude::*;

use crate::texts::*;
use crate::tx;

fn action(row: &ComponentAnalysisDraft) -> Tx {
    match row.action.as_str() {
        "update" => ANALYSIS_UPDATE,
        "current" => ANALYSIS_CURRENT_OK,
        "newer_installed" => ANALYSIS_NEWER,
        "not_in_catalog" => ANALYSIS_NOT_IN_CATALOG,
        _ => ANALYSIS_UNKNOWN,
    }
}

fn notes(row: &ComponentAnalysisDraft) -> Vec<Tx> {
    let update = row.action == "update";
    [
        (row.two_step == Some(true), ANALYSIS_TWO_STEP),
        (
            update && row.power_off_required == Some(true),
            ANALYSIS_POWER_OFF,
        ),
        (update && row.reboot_required == Some(true), ANALYSIS_REBOOT),
    ]
    .into_iter()
    .filter_map(|(on, text)| on.then_some(text))
    .collect()
}

#[component]
pub fn DeskAnalysis(analysis: AnalysisDraft) -> impl IntoView {
    let count = |rows: &[ComponentAnalysisDraft], code: &str| {
        rows.iter().filter(|r| r.action == code).count()
    };
    view! {
        <h3>{tx(ANALYSIS)}</h3>
        <p>
            {tx(ANALYSIS_CATALOG)} ": " <strong data-testid="analysis-catalog">{analysis.catalog.clone()}</strong>
            // Its packages were compared with the operator's own copy on submission (R12, C2).
            {analysis.operator.then(|| view! { " " <span class="desk-tag" data-testid="analysis-operator">{tx(ANALYSIS_OPERATOR)}</span> })}
        </p>
        {analysis.servers.into_iter().map(|server| {
            let rows = server.components.clone();
            let summary = format!(
                "{} / {} / {} / {} / {}",
                count(&rows, "update"),
                count(&rows, "current"),
                count(&rows, "newer_installed"),
                count(&rows, "not_in_catalog"),
                count(&rows, "unknown"),
            );
            view! {
                <div class="desk-analysis" data-testid=format!("analysis-{}", server.serial_number)>
                    <h4>{server.serial_number.clone()}</h4>
                    <p class="fw-caption">{tx(ANALYSIS_SUMMARY)} ": " {summary}</p>
                    <div class="fw-table-wrap">
                        <table class="fw-table">
                            <thead><tr>
                                <th scope="col">{tx(ANALYSIS_COMPONENT)}</th>
                                <th scope="col">{tx(ANALYSIS_CURRENT)}</th>
                                <th scope="col">{tx(ANALYSIS_CATALOG_VERSION)}</th>
                                <th scope="col">{tx(ANALYSIS_ACTION)}</th>
                                <th scope="col">{tx(ANALYSIS_NOTES)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| {
                                    let name = if row.location.is_empty() {
                                        row.name.clone()
                                    } else {
                                        format!("{} ({})", row.name, row.location)
                                    };
                                    let notes = notes(&row);
                                    view! {
                                        <tr data-action=row.action.clone()>
                                            <td>{name}</td>
                                            <td>{row.current_version.clone()}</td>
                                            <td>{row.catalog_version.clone()}</td>
                                            <td>{tx(action(&row))}</td>
                                            <td>{notes.into_iter().map(|n| view! { <span class="desk-tag">{tx(n)}</span> " " }).collect_view()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            }
        }).collect_view()}
    }
}
