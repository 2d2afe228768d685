//! The Web Worker that reads iLO / Redfish / Onboard Administrator files (issue 13). Built by
//! trunk as a wasm of its own (`index.html`: `data-type="worker"`), so the parsers and the XML
//! reader are not in the app's first download, and a large file is read off the page's
//! thread. The protocol is in `fwportal_web::inventory_worker`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use fwportal_core::inventory::{
        parse_bytes, parse_named, InventoryParse, InventoryProblem, MAX_INPUT_BYTES, PASTED_TEXT,
    };
    use fwportal_web::inventory_worker::{
        field, message, DONE, FILE, ID, KIND, NAME, PARSE, PARSING, PROGRESS, READING, READY,
        STAGE, TEXT,
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
                let parse = read(&data, |stage| {
                    post(&[
                        (KIND, &JsValue::from_str(PROGRESS)),
                        (STAGE, &JsValue::from_str(stage)),
                    ])
                })
                .await;
                // Our own types always serialise; an empty object is refused by the page.
                let json = serde_json::to_string(&parse).unwrap_or_default();
                post(&[
                    (KIND, &JsValue::from_str(DONE)),
                    (PARSE, &JsValue::from_str(&json)),
                ]);
            });
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&message(&[(KIND, &JsValue::from_str(READY))]));
    }

    async fn read(data: &JsValue, progress: impl Fn(&str)) -> InventoryParse {
        let name = field(data, NAME)
            .as_string()
            .unwrap_or_else(|| PASTED_TEXT.to_owned());
        if let Some(text) = field(data, TEXT).as_string() {
            progress(PARSING);
            return parse_named(&name, &text);
        }
        let Ok(file) = field(data, FILE).dyn_into::<web_sys::File>() else {
            return problem(&name, InventoryProblem::unreadable(&name, "no file"));
        };
        if file.size() > MAX_INPUT_BYTES as f64 {
            return problem(
                &name,
                InventoryProblem::too_large(&name, file.size() as u64),
            );
        }
        progress(READING);
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                progress(PARSING);
                parse_bytes(&name, &js_sys::Uint8Array::new(&buffer).to_vec())
            }
            Err(_) => problem(&name, InventoryProblem::unreadable(&name, "FileReader")),
        }
    }

    fn problem(name: &str, problem: InventoryProblem) -> InventoryParse {
        InventoryParse {
            source: name.to_owned(),
            documents: Vec::new(),
            servers: Vec::new(),
            problems: vec![problem],
        }
    }
}

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(target_arch = "wasm32")]
    worker::run();
}
