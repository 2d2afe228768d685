//! What the browser tests stand on: the real `fwportal` binary serving the release app on a
//! free port with its own database file, and headless Chromium driven through ChromeDriver.
//! Split as in Leptos's own e2e suites: `portal` (the server), `browser` (the driver),
//! `find`/`action`/`check` (locating, doing, asserting) so a test reads like the journey.

#![allow(dead_code)] // each test binary uses a different part of the support code

pub mod axe;
pub mod browser;
pub mod import;
pub mod journey;
pub mod portal;
pub mod staff;

use std::path::PathBuf;

/// Where screenshots and other artefacts of a run go (not committed).
pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("create test-artifacts/");
    dir
}
