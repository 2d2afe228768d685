//! The rules compiled to WebAssembly and run in headless Chromium give the same answers as the
//! native build: the shared parity table (R2, R5, R8, R11).

#![cfg(target_arch = "wasm32")]

#[path = "../crates/core/tests/parity_table/mod.rs"]
mod parity_table;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn r5_wasm_answers_match_the_parity_table() {
    assert!(parity_table::check_all() >= 20);
}
