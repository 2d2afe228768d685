//! The subcommands of `fwportal`. Each module owns its arguments and its output format.

pub mod analyse;
pub mod audit;
pub mod calendar;
pub mod contracts;
pub mod eligibility;
pub mod inventory;
pub mod outbox;
pub mod requests;
pub mod serve;
pub mod staff;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Who made a change from the command line, for the audit log: `cli:<user>`.
pub(crate) fn operator() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".to_owned());
    format!("cli:{user}")
}

/// Writes an export to `path`, or to standard output without one.
pub(crate) fn write_output(path: Option<&Path>, text: &str) -> ExitCode {
    let written = match path {
        Some(path) => std::fs::write(path, text),
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fwportal: cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}
