//! The iLO/OA import runs in a Web Worker of its own (issue 13): the parsers, the XML reader
//! and all that only they need are a separate wasm (`src/bin/inventory-worker.rs`, built by
//! trunk as `inventory-worker_bg.wasm`), fetched the first time the customer uses the import,
//! and a 5 MB file is read without blocking the page.
//!
//! The protocol, both sides of it here so they cannot drift apart:
//! - worker → page `{kind: "ready"}` once its wasm runs (messages sent before are lost, so
//!   the page queues them until then), or `{kind: "failed"}` when its wasm cannot load;
//! - page → worker `{id, name, file}` (a `File`, read by the worker) or `{id, name, text}`;
//! - worker → page `{kind: "progress", id, stage: "reading" | "parsing"}`, then
//!   `{kind: "done", id, parse: "<InventoryParse as JSON>"}`, or, for a file that is HPE's
//!   firmware catalogue (`fwrepo.json`, issue 17), `{kind: "catalog", id, catalog:
//!   "<CatalogSummary as JSON>"}`: the worker keeps the catalogue itself under `id`;
//! - page → worker `{id, name, analyse: "3,4,7", catalog_id}`: merge the inventory files the
//!   worker read as jobs 3, 4 and 7 (it keeps what it read) and analyse them against the
//!   catalogue read as `catalog_id`, under the catalogue's `name`; worker → page `{kind:
//!   "analysis", id, analysis: "<AnalysisDraft as JSON>"}`, or `{kind: "done"}` with a problem
//!   when the worker no longer holds the catalogue. The page never encodes a report: what the worker
//!   read stays there.
//!
//! A worker that cannot start, fails to load its wasm, or stops (a panic) raises `error` on
//! the page's `Worker` object: every job in flight is then reported as failed.

use std::cell::RefCell;
use std::rc::Rc;

use fwportal_core::inventory::InventoryParse;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script (`apps/journey/inventory-worker-loader.js`): loads trunk's build of
/// the `inventory-worker` binary (worker files keep their names: the page must know them) and
/// says `{kind: "failed"}` when its wasm cannot load. The journey app builds the worker, so
/// its files lie among that app's (`WebApp::Journey.files()`).
pub const WORKER_SCRIPT: &str = "/app/journey/inventory-worker-loader.js";

pub const KIND: &str = "kind";
pub const ID: &str = "id";
pub const NAME: &str = "name";
pub const FILE: &str = "file";
pub const TEXT: &str = "text";
pub const STAGE: &str = "stage";
pub const PARSE: &str = "parse";
pub const READY: &str = "ready";
pub const FAILED: &str = "failed";
pub const PROGRESS: &str = "progress";
pub const DONE: &str = "done";
pub const READING: &str = "reading";
pub const PARSING: &str = "parsing";
pub const CATALOG: &str = "catalog";
pub const ANALYSE: &str = "analyse";
pub const CATALOG_ID: &str = "catalog_id";
pub const ANALYSIS: &str = "analysis";

/// What the page hears of a catalogue the worker read: the catalogue itself stays in the
/// worker (it may be megabytes), the page shows its size and problems.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CatalogSummary {
    pub source: String,
    pub packages: usize,
    pub problems: Vec<fwportal_core::firmware::catalog::CatalogProblem>,
}

/// How far the worker is with one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Sent, not yet started (the worker is loading, or busy with an earlier job).
    Waiting,
    Reading,
    Parsing,
}

/// What the page hears from the worker.
#[derive(Debug)]
pub enum WorkerEvent {
    Progress {
        id: u32,
        stage: Stage,
    },
    Done {
        id: u32,
        parse: Box<InventoryParse>,
    },
    /// A file was a firmware catalogue, kept in the worker under `id`.
    Catalog {
        id: u32,
        summary: CatalogSummary,
    },
    /// The analysis of a report against a catalogue (issue 17).
    Analysis {
        id: u32,
        analysis: Box<fwportal_core::request::AnalysisDraft>,
    },
    /// The worker could not start or stopped: every job sent is lost.
    Failed,
}

/// One thing to read.
pub enum Job {
    File(web_sys::File),
    Text(String),
    /// The inventory files read as these jobs, merged and analysed against the catalogue
    /// read as `catalog_id`.
    Analyse {
        parses: Vec<u32>,
        catalog_id: u32,
    },
}

/// Builds a message object from `(key, value)` pairs.
pub fn message(fields: &[(&str, &JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// A field of a message object (`undefined` when absent).
pub fn field(message: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(message, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn read_event(data: &JsValue) -> Option<WorkerEvent> {
    let kind = field(data, KIND).as_string()?;
    if kind == READY {
        return None;
    }
    if kind == FAILED {
        return Some(WorkerEvent::Failed);
    }
    let id = field(data, ID).as_f64()? as u32;
    match kind.as_str() {
        PROGRESS => {
            let stage = match field(data, STAGE).as_string()?.as_str() {
                READING => Stage::Reading,
                PARSING => Stage::Parsing,
                _ => return None,
            };
            Some(WorkerEvent::Progress { id, stage })
        }
        CATALOG => {
            let json = field(data, CATALOG).as_string()?;
            Some(match serde_json::from_str::<CatalogSummary>(&json) {
                Ok(summary) => WorkerEvent::Catalog { id, summary },
                Err(_) => WorkerEvent::Failed,
            })
        }
        ANALYSIS => {
            let json = field(data, ANALYSIS).as_string()?;
            Some(
                match serde_json::from_str::<fwportal_core::request::AnalysisDraft>(&json) {
                    Ok(analysis) => WorkerEvent::Analysis {
                        id,
                        analysis: Box::new(analysis),
                    },
                    Err(_) => WorkerEvent::Failed,
                },
            )
        }
        DONE => {
            let json = field(data, PARSE).as_string()?;
            match serde_json::from_str::<InventoryParse>(&json) {
                Ok(parse) => Some(WorkerEvent::Done {
                    id,
                    parse: Box::new(parse),
                }),
                Err(_) => Some(WorkerEvent::Failed),
            }
        }
        _ => None,
    }
}

struct Shared {
    ready: bool,
    queue: Vec<JsValue>,
}

/// The running worker, started on first use and kept for the page's life.
pub struct ImportWorker {
    worker: web_sys::Worker,
    shared: Rc<RefCell<Shared>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl ImportWorker {
    /// Starts the worker (the browser fetches its files now); `on_event` hears every answer.
    pub fn start(on_event: impl Fn(WorkerEvent) + 'static) -> Result<ImportWorker, JsValue> {
        let worker = web_sys::Worker::new(WORKER_SCRIPT)?;
        let shared = Rc::new(RefCell::new(Shared {
            ready: false,
            queue: Vec::new(),
        }));
        let on_event = Rc::new(on_event);
        let on_message = {
            let (shared, worker, on_event) = (shared.clone(), worker.clone(), on_event.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                if field(&data, KIND).as_string().as_deref() == Some(READY) {
                    let queued = {
                        let mut shared = shared.borrow_mut();
                        shared.ready = true;
                        std::mem::take(&mut shared.queue)
                    };
                    for message in queued {
                        if worker.post_message(&message).is_err() {
                            on_event(WorkerEvent::Failed);
                        }
                    }
                } else if let Some(event) = read_event(&data) {
                    on_event(event);
                }
            })
        };
        let on_error = {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                // The page handles it: no uncaught error in the console on top.
                event.prevent_default();
                on_event(WorkerEvent::Failed);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportWorker {
            worker,
            shared,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a job; its answers come to `on_event` with the same `id`.
    pub fn send(&self, id: u32, name: &str, job: Job) -> Result<(), JsValue> {
        let mut catalog_id = JsValue::UNDEFINED;
        let (key, value): (&str, JsValue) = match job {
            Job::File(file) => (FILE, file.into()),
            Job::Text(text) => (TEXT, JsValue::from_str(&text)),
            Job::Analyse {
                parses,
                catalog_id: catalog,
            } => {
                catalog_id = JsValue::from(catalog);
                let ids: Vec<String> = parses.iter().map(u32::to_string).collect();
                (ANALYSE, JsValue::from_str(&ids.join(",")))
            }
        };
        let message = message(&[
            (ID, &JsValue::from(id)),
            (NAME, &JsValue::from_str(name)),
            (key, &value),
            (CATALOG_ID, &catalog_id),
        ]);
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            self.worker.post_message(&message)
        } else {
            shared.queue.push(message);
            Ok(())
        }
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

#[cfg(test)]
mod tests {
    use fwportal_core::apps::WebApp;

    #[test]
    fn the_worker_is_among_the_journey_apps_files() {
        let folder = WebApp::Journey.files();
        let name = super::WORKER_SCRIPT.strip_prefix(folder);
        assert_eq!(name, Some("inventory-worker-loader.js"));
    }
}
