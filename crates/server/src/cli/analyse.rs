//! `fwportal analyse --catalog FILE INVENTORY...`: sets a firmware catalogue (HPE's
//! `fwrepodata/fwrepo.json`) beside what the inventory files say each server has installed,
//! and prints one JSON line:
//! `{"servers":[{"model","serial_number","components":[{"name","location","current_version",
//! "catalog_version","package","action","reboot_required","power_off_required",
//! "minimum_active_version","two_step",…}],…}],"problems":[…]}`
//! (see `fwportal_core::firmware::analysis`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use fwportal_core::firmware::analysis::analyse_report;
use fwportal_core::firmware::catalog::{parse_catalog_bytes, too_large, MAX_CATALOG_BYTES};

use super::inventory::{read_inventories, read_limited, FileError};

#[derive(Debug, Args)]
#[command(after_help = "\
The catalogue is HPE's fwrepodata/fwrepo.json as published with an SPP or a firmware \
repository (at most 16 MiB, 20,000 packages). The inventory files are those `fwportal \
inventory` reads, merged as one upload.

Each component gets an action: update, current, newer_installed, not_in_catalog or unknown \
(never guessed: a component without Oem.Hpe.Targets is matched by name only when that is \
unambiguous, and version texts in forms that do not compare are unknown). two_step is true when \
the installed version is below the package's minimum_active_version.

Output: one JSON line. Problems with the catalogue or a file are in `problems` (each with \
\"input\": \"catalog\" or \"inventory\"); the exit status is then still 0. Exit status 2: bad \
arguments, the catalogue cannot be read, or not one inventory file could be read (one line on \
stderr, nothing on stdout).")]
pub struct AnalyseArgs {
    /// HPE's firmware catalogue, fwrepo.json.
    #[arg(long, value_name = "FILE")]
    pub catalog: PathBuf,
    /// Files saved from the iLO (JSON) or the Onboard Administrator (XML).
    #[arg(required = true, value_name = "INVENTORY")]
    pub files: Vec<PathBuf>,
}

/// The exit code clap uses for bad arguments; ours match it.
const USAGE_ERROR: u8 = 2;

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("cannot read the catalogue {0}: {1}")]
    Catalog(String, FileError),
    #[error("no inventory file could be read: {0}")]
    NothingReadable(String),
    #[error("cannot write the answer: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot encode the answer: {0}")]
    Encode(#[from] serde_json::Error),
}

pub fn run(args: AnalyseArgs) -> ExitCode {
    match answer(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ (CliError::Catalog(..) | CliError::NothingReadable(_))) => {
            eprintln!("fwportal analyse: {error}");
            ExitCode::from(USAGE_ERROR)
        }
        Err(error) => {
            eprintln!("fwportal analyse: {error}");
            ExitCode::FAILURE
        }
    }
}

fn answer(args: &AnalyseArgs) -> Result<(), CliError> {
    let source = args.catalog.display().to_string();
    let catalog = match read_limited(&args.catalog, MAX_CATALOG_BYTES) {
        Ok(bytes) => parse_catalog_bytes(&source, &bytes),
        Err(FileError::TooLarge(bytes, _)) => {
            too_large(&source, usize::try_from(bytes).unwrap_or(usize::MAX))
        }
        Err(error) => return Err(CliError::Catalog(source, error)),
    };
    let (inventory, unreadable) = read_inventories(&args.files);
    if unreadable.len() == args.files.len() {
        return Err(CliError::NothingReadable(unreadable.join("; ")));
    }
    let line = serde_json::to_string(&analyse_report(&catalog, &inventory))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}
