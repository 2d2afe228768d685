//! The native half of the parity check (the wasm half is `tests/wasm_rules.rs` at the root).

mod parity_table;

#[test]
fn r5_native_answers_match_the_parity_table() {
    assert!(parity_table::check_all() >= 20);
}
