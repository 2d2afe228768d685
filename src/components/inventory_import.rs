//! Reading the servers' own inventory (issue 8): files saved from the iLO (Redfish JSON,
//! `ilorest` output, the Onboard Administrator's XML) chosen, dropped or pasted, read in the
//! browser, shown with each component's scope (R8, R9, R10) and every problem; "use these"
//! fills the server rows of the draft. Nothing is uploaded: the answers go with the request
//! only.
//!
//! The reading itself happens in a Web Worker (issue 13, `crate::inventory_worker`), started
//! the first time the customer drags a file over the import or gives it something to read:
//! the parsers are not in the app's first download, and a large file does not block the page.
//! If the worker cannot start or fails, the customer is told so; nothing typed is touched.

use fwportal_core::eligibility::ComponentScope;
use fwportal_core::firmware::catalog::MAX_CATALOG_BYTES;
use fwportal_core::firmware::imported::ImportedInventory;
use fwportal_core::inventory::{
    merge, InventoryParse, InventoryProblem, InventoryReport, MAX_INPUT_BYTES, PASTED_TEXT,
};
use fwportal_core::request::{import, AnalysisDraft, RequestDraft};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::analysis::AnalysisView;
use crate::components::form::use_lang;
use crate::components::servers::verdict_view;
use crate::i18n::*;
use crate::inventory_worker::{CatalogSummary, ImportWorker, Job, Stage, WorkerEvent};
use crate::wizard::use_wizard;

/// What a text that is too large to read gives: its problem only (decided here, so the
/// worker is not even started for it).
fn refused(source: &str, bytes: u64) -> InventoryParse {
    InventoryParse {
        source: source.to_owned(),
        documents: Vec::new(),
        servers: Vec::new(),
        problems: vec![InventoryProblem::too_large(source, bytes)],
    }
}

/// A file or text given to the worker and not yet answered.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    id: u32,
    name: String,
    stage: Stage,
}

/// Puts the chosen servers of the report into the draft (`fwportal_core::request::import`
/// decides which rows and which firmware).
pub fn fill_draft(draft: &mut RequestDraft, report: &InventoryReport, chosen: &[usize]) {
    import::fill_rows(draft, report, |at| chosen.contains(&at));
}

/// A source as the page's language names it: a file by its name, a pasted text in words.
fn source_name(source: &str, lang: fwportal_core::i18n::Lang, i18n: I18n) -> String {
    if source == PASTED_TEXT {
        td_string!(i18n, lang, inventory.pasted_source).into_owned()
    } else {
        source.to_owned()
    }
}

/// Keeps `parse` as the answer for its file (a file read again replaces its earlier answer),
/// in the order the files were given.
fn add_parse(parses: RwSignal<Vec<(u32, InventoryParse)>>, id: u32, parse: InventoryParse) {
    parses.update(|list| {
        list.retain(|(_, p)| p.source != parse.source);
        let at = list.partition_point(|(other, _)| *other < id);
        list.insert(at, (id, parse));
    });
}

#[component]
pub fn InventoryImport() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    // One parse per file (or per pasted text), kept in the order they were given (by id).
    let parses = RwSignal::new(Vec::<(u32, InventoryParse)>::new());
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let used = RwSignal::new(false);
    let pending = RwSignal::new(Vec::<Pending>::new());
    // How many jobs the current run of reading had: the progress bar's maximum.
    let batch = RwSignal::new(0usize);
    let failed = RwSignal::new(false);
    let next_id = StoredValue::new(0u32);
    let worker = StoredValue::new_local(None::<ImportWorker>);
    let report = Memo::new(move |_| {
        let list = parses.get();
        (!list.is_empty()).then(|| merge(list.into_iter().map(|(_, parse)| parse)))
    });
    // A dropped fwrepo.json (issue 17): kept in the worker under its job id; the analysis of
    // the report against it comes back from the worker.
    let catalog = RwSignal::new(None::<(u32, CatalogSummary)>);
    let analysis = RwSignal::new(None::<AnalysisDraft>);
    // The servers of the report the customer left ticked (all of them after each reading):
    // a blade not to update this time can be left out, not only all or nothing.
    let chosen = RwSignal::new(Vec::<usize>::new());
    Effect::new(move |_| {
        let all = report.with(|r| {
            r.as_ref()
                .map(|r| import::importable(r).map(|(at, _)| at).collect::<Vec<_>>())
                .unwrap_or_default()
        });
        chosen.set(all);
    });

    let on_event = move |event: WorkerEvent| match event {
        WorkerEvent::Progress { id, stage } => pending.update(|list| {
            if let Some(job) = list.iter_mut().find(|job| job.id == id) {
                job.stage = stage;
            }
        }),
        WorkerEvent::Done { id, parse } => {
            pending.update(|list| list.retain(|job| job.id != id));
            add_parse(parses, id, *parse);
        }
        WorkerEvent::Catalog { id, summary } => {
            pending.update(|list| list.retain(|job| job.id != id));
            analysis.set(None);
            catalog.set(Some((id, summary)));
        }
        WorkerEvent::Analysis { id, analysis: done } => {
            pending.update(|list| list.retain(|job| job.id != id));
            analysis.set(Some(*done));
        }
        WorkerEvent::Failed => {
            pending.set(Vec::new());
            failed.set(true);
            // The catalogue was held by the worker that stopped.
            catalog.set(None);
            analysis.set(None);
            // Not dropped inside its own callback: the next use starts a fresh worker.
            leptos::task::spawn_local(async move { worker.set_value(None) });
        }
    };
    let ensure_worker = move || -> bool {
        if worker.with_value(|w| w.is_some()) {
            return true;
        }
        match ImportWorker::start(on_event) {
            Ok(started) => {
                worker.set_value(Some(started));
                true
            }
            Err(_) => false,
        }
    };
    let dispatch = move |name: String, job: Job| {
        used.set(false);
        failed.set(false);
        let id = next_id.get_value();
        next_id.set_value(id.wrapping_add(1));
        if !ensure_worker() {
            failed.set(true);
            return;
        }
        if pending.with_untracked(Vec::is_empty) {
            batch.set(0);
        }
        batch.update(|n| *n += 1);
        pending.update(|list| {
            list.push(Pending {
                id,
                name: name.clone(),
                stage: Stage::Waiting,
            })
        });
        let sent = worker.with_value(|w| w.as_ref().map(|w| w.send(id, &name, job)));
        if !matches!(sent, Some(Ok(()))) {
            on_event(WorkerEvent::Failed);
        }
    };

    let file_ids = Memo::new(move |_| {
        parses.with(|list| list.iter().map(|(id, _)| *id).collect::<Vec<u32>>())
    });
    // Analyse again whenever the files read or the catalogue change and both are there. The
    // worker holds what it read: the page sends only the files' job ids.
    Effect::new(move |_| {
        let ids = file_ids.get();
        let Some((catalog_id, summary)) = catalog.get() else {
            return;
        };
        if ids.is_empty() {
            return;
        }
        let name = summary
            .source
            .trim_end_matches(".json")
            .trim_end_matches(".JSON")
            .to_owned();
        dispatch(
            name,
            Job::Analyse {
                parses: ids,
                catalog_id,
            },
        );
    });

    let add_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        for at in 0..files.length() {
            if let Some(file) = files.item(at) {
                let name = file.name();
                // A catalogue may be up to 16 MiB; the worker applies the inventory's own
                // 5 MB once it knows the file is not a catalogue.
                if file.size() > MAX_CATALOG_BYTES as f64 {
                    let id = next_id.get_value();
                    next_id.set_value(id.wrapping_add(1));
                    add_parse(parses, id, refused(&name, file.size() as u64));
                } else {
                    dispatch(name, Job::File(file));
                }
            }
        }
    };
    let read_pasted = move |_| {
        let text = pasted.get_untracked();
        used.set(false);
        if text.len() > MAX_INPUT_BYTES {
            let id = next_id.get_value();
            next_id.set_value(id.wrapping_add(1));
            add_parse(parses, id, refused(PASTED_TEXT, text.len() as u64));
        } else {
            dispatch(PASTED_TEXT.to_owned(), Job::Text(text));
        }
    };
    let use_these = move |_| {
        if let Some(report) = report.get_untracked() {
            let analysis = analysis.get_untracked().unwrap_or_default();
            let chosen = chosen.get_untracked();
            wizard.draft.update(|d| {
                fill_draft(d, &report, &chosen);
                // The rows just changed: an earlier analysis no longer fits them. Only the
                // servers the customer kept go with the request (the server refuses the rest
                // as not in the request).
                let mut analysis = analysis;
                analysis.keep_rows(&d.servers);
                d.analysis = analysis;
            });
            // Kept for an analysis against an operator's catalogue on the version step (issue
            // 17): the rows above keep names and versions only, not the GUIDs it matches by.
            let kept = ImportedInventory::from_report(&report, |at| chosen.contains(&at));
            crate::wizard::keep_inventory(&if kept.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&kept).unwrap_or_default()
            });
            used.set(true);
        }
    };
    let stage_text = move |stage: Stage| match stage {
        Stage::Waiting => t_string!(i18n, inventory.waiting),
        Stage::Reading => t_string!(i18n, inventory.reading),
        Stage::Parsing => t_string!(i18n, inventory.parsing),
    };

    view! {
        <details class="fw-details fw-inventory" open data-testid="inventory">
            <summary class="fw-details__summary">{crate::tr!(i18n, inventory.title)}</summary>
            <div class="fw-details__text">
                <p>{crate::tr!(i18n, inventory.intro)}</p>
                <div
                    class="fw-inventory__drop"
                    class:fw-inventory__drop--active=move || dragging.get()
                    data-testid="inventory-drop"
                    // Dragging a file over the import fetches the reader while the hand moves.
                    on:dragenter=move |_| {
                        ensure_worker();
                    }
                    on:dragover=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        dragging.set(false);
                        add_files(ev.data_transfer().and_then(|d| d.files()));
                    }
                >
                    <label class="fw-field__label" for="inventory-files">
                        {crate::tr!(i18n, inventory.files_label)}
                    </label>
                    <p class="fw-field__hint" id="inventory-files-hint">
                        {crate::tr!(i18n, inventory.files_hint)}
                    </p>
                    <input
                        class="fw-inventory__file"
                        id="inventory-files"
                        type="file"
                        multiple
                        accept=".json,.xml,.txt,application/json,application/xml,text/xml,text/plain"
                        aria-describedby="inventory-files-hint"
                        on:change=move |ev| {
                            let input: Option<web_sys::HtmlInputElement> = ev
                                .target()
                                .and_then(|t| t.dyn_into().ok());
                            if let Some(input) = input {
                                add_files(input.files());
                                // The same file may be chosen again after it was corrected.
                                input.set_value("");
                            }
                        }
                    />
                </div>
                <div class="fw-field">
                    <label class="fw-field__label" for="inventory-text">
                        {crate::tr!(i18n, inventory.paste_label)}
                    </label>
                    <p class="fw-field__hint" id="inventory-text-hint">
                        {crate::tr!(i18n, inventory.paste_hint)}
                    </p>
                    <textarea
                        class="fw-textarea"
                        id="inventory-text"
                        rows="5"
                        spellcheck="false"
                        aria-describedby="inventory-text-hint"
                        prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))
                    ></textarea>
                    <button
                        type="button"
                        class="fw-button fw-button--secondary"
                        data-testid="inventory-read-text"
                        on:click=read_pasted
                    >
                        {crate::tr!(i18n, inventory.read_text)}
                    </button>
                </div>
                <div aria-live="polite">
                    {move || {
                        let list = pending.get();
                        (!list.is_empty())
                            .then(|| {
                                let total = batch.get().max(list.len());
                                let done = total - list.len();
                                view! {
                                    <div class="fw-inventory__progress" data-testid="inventory-progress">
                                        <label class="fw-field__label" for="inventory-progress-bar">
                                            {crate::tr!(i18n, inventory.progress_label)}
                                        </label>
                                        <progress
                                            id="inventory-progress-bar"
                                            max=total.to_string()
                                            value=done.to_string()
                                        ></progress>
                                        <ul class="fw-list">
                                            {list
                                                .into_iter()
                                                .map(|job| {
                                                    view! {
                                                        <li>{format!("{}: {}", job.name, stage_text(job.stage))}</li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })
                    }}
                    {move || {
                        failed
                            .get()
                            .then(|| {
                                view! {
                                    <p class="fw-notice fw-notice--error" role="alert" data-testid="inventory-failed">
                                        {crate::tr!(i18n, inventory.worker_failed)}
                                    </p>
                                }
                            })
                    }}
                    {move || {
                        report
                            .get()
                            .map(|report| {
                                view! {
                                    <Report report=report.clone() lang=lang() chosen />
                                    {(!report.servers.is_empty())
                                        .then(|| {
                                            view! {
                                                <div class="fw-button-group">
                                                    <button
                                                        type="button"
                                                        class="fw-button"
                                                        data-testid="inventory-use"
                                                        on:click=use_these
                                                    >
                                                        {crate::tr!(i18n, inventory.use_these)}
                                                    </button>
                                                    <button
                                                        type="button"
                                                        class="fw-link-button"
                                                        data-testid="inventory-clear"
                                                        on:click=move |_| {
                                                            parses.set(Vec::new());
                                                            catalog.set(None);
                                                            analysis.set(None);
                                                            used.set(false);
                                                        }
                                                    >
                                                        {crate::tr!(i18n, inventory.clear)}
                                                    </button>
                                                </div>
                                            }
                                        })}
                                }
                            })
                    }}
                    {move || {
                        catalog
                            .get()
                            .map(|(_, summary)| {
                                view! {
                                    <p class="fw-caption" data-testid="analysis-catalog">
                                        {crate::tr!(i18n, analysis.catalog)} " " {summary.source.clone()}
                                        {format!(" ({} ", summary.packages)}
                                        {crate::tr!(i18n, analysis.packages)} ")"
                                    </p>
                                    {(!summary.problems.is_empty())
                                        .then(|| {
                                            view! {
                                                <h3 class="fw-heading-s">{crate::tr!(i18n, analysis.catalog_problems)}</h3>
                                                <ul class="fw-list fw-list--bullet" data-testid="analysis-catalog-problems">
                                                    {summary
                                                        .problems
                                                        .iter()
                                                        .map(|p| {
                                                            let text = match lang() {
                                                                fwportal_core::i18n::Lang::Ja => p.message_ja.clone(),
                                                                fwportal_core::i18n::Lang::En => p.message_en.clone(),
                                                            };
                                                            view! { <li>{text}</li> }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            }
                                        })}
                                }
                            })
                    }}
                    {move || analysis.get().map(|analysis| view! { <AnalysisView analysis=analysis /> })}
                    {move || {
                        used.get()
                            .then(|| {
                                view! {
                                    <p class="fw-notice" data-testid="inventory-used">
                                        {crate::tr!(i18n, inventory.used)}
                                    </p>
                                }
                            })
                    }}
                </div>
            </div>
        </details>
    }
}

/// The servers found, their components with scope, and the problems.
#[component]
fn Report(
    report: InventoryReport,
    lang: fwportal_core::i18n::Lang,
    chosen: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let unknown = move || td_string!(i18n, lang, inventory.unknown).into_owned();
    view! {
        {report
            .servers
            .iter()
            .enumerate()
            .map(|(at, server)| {
                let verdict = server.eligibility.as_ref().map(|v| verdict_view(v, lang, i18n));
                view! {
                    <div class="fw-inventory__server" data-testid=format!("inventory-server-{at}")>
                        <h3 class="fw-heading-s">
                            // The enclosure (OA firmware, interconnects) is a row of its own (R8).
                            {server.enclosure.then(|| format!("{}: ", td_string!(i18n, lang, inventory.enclosure)))}
                            {server.model.clone().unwrap_or_else(unknown)}
                            " / "
                            {server.serial_number.clone().unwrap_or_else(unknown)}
                        </h3>
                        {verdict}
                        {(server.model.is_some() || server.serial_number.is_some())
                            .then(|| {
                                let id = format!("inventory-choose-{at}");
                                view! {
                                    <div class="fw-checkboxes__item">
                                        <input
                                            class="fw-checkboxes__input"
                                            type="checkbox"
                                            id=id.clone()
                                            prop:checked=move || chosen.with(|c| c.contains(&at))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen
                                                    .update(|c| {
                                                        c.retain(|x| *x != at);
                                                        if on {
                                                            c.push(at);
                                                        }
                                                    });
                                            }
                                        />
                                        <label class="fw-checkboxes__label" for=id>
                                            {td_string!(i18n, lang, inventory.choose)}
                                        </label>
                                    </div>
                                }
                            })}
                        <p class="fw-caption">
                            {crate::tr!(i18n, inventory.sources)}
                            " "
                            {server
                                .sources
                                .iter()
                                .map(|source| source_name(source, lang, i18n))
                                .collect::<Vec<_>>()
                                .join(", ")}
                        </p>
                        <div class="fw-table-wrap">
                            <table class="fw-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{crate::tr!(i18n, inventory.component)}</th>
                                        <th scope="col">{crate::tr!(i18n, inventory.version)}</th>
                                        <th scope="col">{crate::tr!(i18n, inventory.scope)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {server
                                        .components
                                        .iter()
                                        .map(|c| {
                                            let scope = match c.scope {
                                                ComponentScope::InScope => td_string!(i18n, lang, inventory.in_scope),
                                                ComponentScope::OutOfScope => td_string!(i18n, lang, inventory.out_of_scope),
                                                ComponentScope::DependsOnSpp => td_string!(i18n, lang, inventory.depends_on_spp),
                                            };
                                            let name = match &c.device_context {
                                                Some(context) => format!("{} ({context})", c.name),
                                                None => c.name.clone(),
                                            };
                                            view! {
                                                <tr data-scope=format!("{:?}", c.scope)>
                                                    <td>{name}</td>
                                                    <td>{c.version.clone().unwrap_or_else(unknown)}</td>
                                                    // The rule stays in `data-rule` for tests; customers read words.
                                                    <td data-rule=c.rule.clone()>{scope}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                }
            })
            .collect_view()}
        {(!report.problems.is_empty())
            .then(|| {
                view! {
                    <h3 class="fw-heading-s">{crate::tr!(i18n, inventory.problems_title)}</h3>
                    <ul class="fw-list fw-list--bullet" data-testid="inventory-problems">
                        {report
                            .problems
                            .iter()
                            .map(|p| {
                                view! { <li>{format!("{}: {}", source_name(&p.source, lang, i18n), p.message(lang))}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwportal_core::inventory::parse_named;
    use fwportal_core::request::import::{ILO, SYSTEM_ROM};
    use fwportal_core::request::ServerDraft;

    #[test]
    fn the_report_fills_the_rows_with_in_scope_firmware() {
        let system = parse_named(
            "system.json",
            r##"{"@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem",
                "Model": "ProLiant DL380 Gen10", "SerialNumber": "JPE1234ABC",
                "BiosVersion": "U30 v2.54 (12/03/2021)"}"##,
        );
        let firmware = parse_named(
            "fw.json",
            r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
                "Members": [{"Name": "iLO 5", "Version": "2.55 Oct 01 2021",
                "Oem": {"Hpe": {"DeviceContext": "System Board"}}}]}"##,
        );
        let report = merge(vec![system, firmware]);
        let mut draft = RequestDraft {
            servers: vec![ServerDraft::default()],
            ..RequestDraft::default()
        };
        fill_draft(&mut draft, &report, &[0]);
        assert_eq!(draft.servers.len(), 1);
        let row = &draft.servers[0];
        assert_eq!(row.model, "ProLiant DL380 Gen10");
        assert_eq!(row.serial_number, "JPE1234ABC");
        let names: Vec<_> = row.firmware.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, [SYSTEM_ROM, ILO]);
        // Reading the same server again replaces its row; choosing none adds nothing.
        fill_draft(&mut draft, &report, &[0]);
        assert_eq!(draft.servers.len(), 1);
        let mut empty = RequestDraft::default();
        fill_draft(&mut empty, &report, &[]);
        assert_eq!(empty.servers, [ServerDraft::default()]);
    }
}
