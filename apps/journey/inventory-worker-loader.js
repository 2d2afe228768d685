// Starts the import's Web Worker (src/bin/inventory-worker.rs, built by trunk as
// inventory-worker.js + inventory-worker_bg.wasm). A script that cannot load throws here and
// raises `error` on the page's Worker; a wasm that cannot load is told to the page, which
// then shows its message instead of waiting (src/inventory_worker.rs).
importScripts("./inventory-worker.js");
wasm_bindgen("./inventory-worker_bg.wasm").catch(() => postMessage({ kind: "failed" }));
