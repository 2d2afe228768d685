//! Reading the servers' own inventory (issue 8): files saved from the iLO (Redfish JSON,
//! `ilorest` output) chosen, dropped or pasted, read in the browser with the rules' crate,
//! shown with each component's scope (R8, R9, R10) and every problem; "use these" fills the
//! server rows of the draft. Nothing is uploaded: the answers go with the request only.

use fwportal_core::eligibility::{ComponentScope, InventoryKind};
use fwportal_core::inventory::{
    merge, parse_bytes, parse_named, InventoryParse, InventoryProblem, InventoryReport,
    InventoryServer, MAX_INPUT_BYTES, PASTED_TEXT,
};
use fwportal_core::request::{FirmwareDraft, RequestDraft, ServerDraft, MAX_FIRMWARE_ITEMS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::form::use_lang;
use crate::components::servers::{verdict_view, ILO, SYSTEM_ROM};
use crate::i18n::*;
use crate::wizard::use_wizard;

/// What a file that is too large to read gives: its problem only.
fn refused(source: &str, bytes: u64) -> InventoryParse {
    let mut parse = parse_named(source, "");
    parse.problems = vec![InventoryProblem::too_large(source, bytes)];
    parse
}

/// The request's own firmware field an item fills (the System ROM, the iLO), if any. Only
/// those are copied: the customer sees and can correct them on the server rows, so nothing is
/// sent that the request's pages do not show.
fn draft_name(name: &str) -> Option<&'static str> {
    let trimmed = name.trim();
    if trimmed.eq_ignore_ascii_case(SYSTEM_ROM) {
        Some(SYSTEM_ROM)
    } else if trimmed == "iLO" || trimmed.starts_with("iLO ") {
        Some(ILO)
    } else {
        None
    }
}

/// One server of the report as a row of the request: its System ROM and iLO versions.
pub fn to_server_draft(server: &InventoryServer) -> ServerDraft {
    let mut firmware: Vec<FirmwareDraft> = Vec::new();
    for item in &server.components {
        let Some(version) = item
            .version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        if item.kind != InventoryKind::Firmware || item.scope != ComponentScope::InScope {
            continue;
        }
        let Some(name) = draft_name(&item.name) else {
            continue;
        };
        if firmware.iter().any(|f| f.name == name) || firmware.len() >= MAX_FIRMWARE_ITEMS {
            continue;
        }
        firmware.push(FirmwareDraft {
            name: name.to_owned(),
            version: version.to_owned(),
        });
    }
    ServerDraft {
        model: server.model.clone().unwrap_or_default(),
        serial_number: server.serial_number.clone().unwrap_or_default(),
        firmware,
    }
}

/// Puts the report's servers into the draft: a row with the same serial number is replaced,
/// empty rows are dropped, the others are kept.
pub fn fill_draft(draft: &mut RequestDraft, report: &InventoryReport) {
    let empty = |s: &ServerDraft| {
        s.model.trim().is_empty() && s.serial_number.trim().is_empty() && s.firmware.is_empty()
    };
    draft.servers.retain(|s| !empty(s));
    for server in report
        .servers
        .iter()
        .filter(|s| s.model.is_some() || s.serial_number.is_some())
    {
        let row = to_server_draft(server);
        let same = draft.servers.iter().position(|s| {
            !row.serial_number.is_empty()
                && s.serial_number
                    .trim()
                    .eq_ignore_ascii_case(&row.serial_number)
        });
        match same {
            Some(at) => draft.servers[at] = row,
            None => draft.servers.push(row),
        }
    }
    if draft.servers.is_empty() {
        draft.servers.push(ServerDraft::default());
    }
}

async fn read_file(file: web_sys::File) -> InventoryParse {
    let name = file.name();
    let size = file.size();
    if size > MAX_INPUT_BYTES as f64 {
        return refused(&name, size as u64);
    }
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => parse_bytes(&name, &js_sys::Uint8Array::new(&buffer).to_vec()),
        Err(_) => {
            let mut parse = parse_named(&name, "");
            parse.problems = vec![InventoryProblem::unreadable(&name, "FileReader")];
            parse
        }
    }
}

#[component]
pub fn InventoryImport() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let lang = use_lang();
    // One parse per file (or per pasted text), in the order they were given.
    let parses = RwSignal::new(Vec::<InventoryParse>::new());
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let used = RwSignal::new(false);
    let report = Memo::new(move |_| {
        let list = parses.get();
        (!list.is_empty()).then(|| merge(list))
    });

    let add_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        used.set(false);
        for at in 0..files.length() {
            if let Some(file) = files.item(at) {
                leptos::task::spawn_local(async move {
                    let parse = read_file(file).await;
                    parses.update(|list| {
                        list.retain(|p| p.source != parse.source);
                        list.push(parse);
                    });
                });
            }
        }
    };
    let read_pasted = move |_| {
        let text = pasted.get_untracked();
        used.set(false);
        let parse = if text.len() > MAX_INPUT_BYTES {
            refused(PASTED_TEXT, text.len() as u64)
        } else {
            parse_named(PASTED_TEXT, &text)
        };
        parses.update(|list| {
            list.retain(|p| p.source != PASTED_TEXT);
            list.push(parse);
        });
    };
    let use_these = move |_| {
        if let Some(report) = report.get_untracked() {
            wizard.draft.update(|d| fill_draft(d, &report));
            used.set(true);
        }
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
                        report
                            .get()
                            .map(|report| {
                                view! {
                                    <Report report=report.clone() lang=lang() />
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
fn Report(report: InventoryReport, lang: fwportal_core::i18n::Lang) -> impl IntoView {
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
                        <p class="fw-caption">
                            {crate::tr!(i18n, inventory.sources)} " " {server.sources.join(", ")}
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
                                                    <td>{format!("{scope} ({})", c.rule)}</td>
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
                                view! { <li>{format!("{}: {}", p.source, p.message(lang))}</li> }
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
        fill_draft(&mut draft, &report);
        assert_eq!(draft.servers.len(), 1);
        let row = &draft.servers[0];
        assert_eq!(row.model, "ProLiant DL380 Gen10");
        assert_eq!(row.serial_number, "JPE1234ABC");
        let names: Vec<_> = row.firmware.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, [SYSTEM_ROM, ILO]);
        // Reading the same server again replaces its row.
        fill_draft(&mut draft, &report);
        assert_eq!(draft.servers.len(), 1);
    }
}
