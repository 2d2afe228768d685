//! The Web Worker that reads iLO / Redfish / Onboard Administrator files (issue 13). Built by
//! trunk as a wasm of its own (`index.html`: `data-type="worker"`), so the parsers and the XML
//! reader are not in the app's first download, and a large file is read off the page's
//! thread. The protocol is in `fwportal_web::inventory_worker`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use fwportal_core::firmware::analysis::analyse_report;
    use fwportal_core::firmware::catalog::{parse_catalog_bytes, CatalogParse, MAX_CATALOG_BYTES};
    use fwportal_core::inventory::{
        merge, parse_bytes, parse_named, InventoryParse, InventoryProblem, MAX_INPUT_BYTES,
        PASTED_TEXT,
    };
    use fwportal_core::request::AnalysisDraft;
    use fwportal_web::inventory_worker::{
        field, message, CatalogSummary, ANALYSE, ANALYSIS, CATALOG, CATALOG_ID, DONE, FILE, ID,
        KIND, NAME, PARSE, PARSING, PROGRESS, READING, READY, STAGE, TEXT,
    };
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    pub fn run() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let scope = replies.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let data = event.data();
                let id = field(&data, ID);
                let post = |fields: &[(&str, &JsValue)]| {
                    let mut all = vec![(ID, &id)];
                    all.extend_from_slice(fields);
                    // The page is gone when this fails: nobody to tell.
                    let _ = scope.post_message(&message(&all));
                };
                let answer = read(&data, |stage| {
                    post(&[
                        (KIND, &JsValue::from_str(PROGRESS)),
                        (STAGE, &JsValue::from_str(stage)),
                    ])
                })
                .await;
                // Our own types always serialise; an empty object is refused by the page.
                let (kind, key, json) = match answer {
                    Answer::Inventory(parse) => {
                        let json = serde_json::to_string(&parse).unwrap_or_default();
                        // Kept for the analysis, which the page asks for by job id.
                        if let Some(job) = id.as_f64() {
                            PARSES
                                .with_borrow_mut(|kept| keep(kept, job as u32, parse, KEPT_PARSES));
                        }
                        (DONE, PARSE, json)
                    }
                    Answer::Catalog(summary) => (
                        CATALOG,
                        CATALOG,
                        serde_json::to_string(&summary).unwrap_or_default(),
                    ),
                    Answer::Analysis(analysis) => (
                        ANALYSIS,
                        ANALYSIS,
                        serde_json::to_string(&analysis).unwrap_or_default(),
                    ),
                };
                post(&[
                    (KIND, &JsValue::from_str(kind)),
                    (key, &JsValue::from_str(&json)),
                ]);
            });
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&message(&[(KIND, &JsValue::from_str(READY))]));
    }

    enum Answer {
        Inventory(InventoryParse),
        Catalog(CatalogSummary),
        Analysis(AnalysisDraft),
    }

    /// The catalogues read, by job id: a page analyses against the last one or two. Older
    /// ones are dropped so a customer dropping many catalogues does not fill the memory.
    const KEPT_CATALOGS: usize = 2;

    /// The inventory files read, by job id, for the analysis: a page's upload is a few dozen
    /// files at most; older ones are dropped.
    const KEPT_PARSES: usize = 256;

    thread_local! {
        static CATALOGS: RefCell<Vec<(u32, CatalogParse)>> = const { RefCell::new(Vec::new()) };
        static PARSES: RefCell<Vec<(u32, InventoryParse)>> = const { RefCell::new(Vec::new()) };
    }

    fn keep<T>(list: &mut Vec<(u32, T)>, id: u32, value: T, limit: usize) {
        list.retain(|(kept, _)| *kept != id);
        list.push((id, value));
        let excess = list.len().saturating_sub(limit);
        list.drain(..excess);
    }

    async fn read(data: &JsValue, progress: impl Fn(&str)) -> Answer {
        let name = field(data, NAME)
            .as_string()
            .unwrap_or_else(|| PASTED_TEXT.to_owned());
        if let Some(ids) = field(data, ANALYSE).as_string() {
            progress(PARSING);
            let catalog_id = field(data, CATALOG_ID).as_f64().map(|id| id as u32);
            let ids: Vec<u32> = ids.split(',').filter_map(|id| id.parse().ok()).collect();
            return analyse(&name, &ids, catalog_id);
        }
        if let Some(text) = field(data, TEXT).as_string() {
            progress(PARSING);
            return Answer::Inventory(parse_named(&name, &text));
        }
        let Ok(file) = field(data, FILE).dyn_into::<web_sys::File>() else {
            return problem(&name, InventoryProblem::unreadable(&name, "no file"));
        };
        // A catalogue may be larger than an inventory file; the inventory's own limit is
        // checked once the file is known not to be a catalogue.
        if file.size() > MAX_CATALOG_BYTES as f64 {
            return problem(
                &name,
                InventoryProblem::too_large(&name, file.size() as u64),
            );
        }
        progress(READING);
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => return problem(&name, InventoryProblem::unreadable(&name, "FileReader")),
        };
        progress(PARSING);
        let catalog = parse_catalog_bytes(&name, &bytes);
        if !catalog.catalog.packages.is_empty() {
            let id = field(data, ID).as_f64().map_or(0, |id| id as u32);
            let summary = CatalogSummary {
                source: name.clone(),
                packages: catalog.catalog.packages.len(),
                problems: catalog.problems.clone(),
            };
            CATALOGS.with_borrow_mut(|kept| keep(kept, id, catalog, KEPT_CATALOGS));
            return Answer::Catalog(summary);
        }
        if bytes.len() > MAX_INPUT_BYTES {
            return problem(
                &name,
                InventoryProblem::too_large(&name, bytes.len() as u64),
            );
        }
        Answer::Inventory(parse_bytes(&name, &bytes))
    }

    fn analyse(name: &str, ids: &[u32], catalog_id: Option<u32>) -> Answer {
        // A file the page refused before sending it (too large) was never read here: it has
        // no server to analyse, so it is simply not among them.
        let parses: Vec<InventoryParse> = PARSES.with_borrow(|kept| {
            ids.iter()
                .filter_map(|id| {
                    kept.iter()
                        .find(|(job, _)| job == id)
                        .map(|(_, p)| p.clone())
                })
                .collect()
        });
        let report = merge(parses);
        let analysed = CATALOGS.with_borrow(|kept| {
            kept.iter()
                .find(|(id, _)| Some(*id) == catalog_id)
                .map(|(_, catalog)| analyse_report(catalog, &report))
        });
        match analysed {
            Some(analysis) => Answer::Analysis(AnalysisDraft::from_report(name, &analysis)),
            // The page asks only about the last catalogue it was told of, which is always
            // held; an answer of problems here would be a file of its own to the page, and a
            // new request for the analysis, without end.
            None => Answer::Analysis(AnalysisDraft::default()),
        }
    }

    fn problem(name: &str, problem: InventoryProblem) -> Answer {
        Answer::Inventory(InventoryParse {
            source: name.to_owned(),
            documents: Vec::new(),
            servers: Vec::new(),
            problems: vec![problem],
        })
    }
}

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(target_arch = "wasm32")]
    worker::run();
}
