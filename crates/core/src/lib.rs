//! The rules of the Proactive Care Firmware Update Option, as pure Rust.
//!
//! Both the web app (compiled to WebAssembly) and the intake server compile this crate, so a
//! rule is decided by exactly one piece of code. Nothing here performs I/O, speaks HTTP, touches
//! SQL or the DOM: callers pass in the clock, the configuration and the input.
//!
//! Rule numbers (`R5`, `C3`…) refer to `shared/spec/rules.md`.

pub mod apps;
pub mod calendar;
pub mod csv;
pub mod dates;
pub mod eligibility;
pub mod firmware;
pub mod i18n;
pub mod inventory;
pub mod lifecycle;
pub mod preparation;
pub mod problem;
pub mod registry;
pub mod request;
mod sort;
