//! `fwportal inventory FILE...`: reads what customers' iLOs and Onboard Administrators report
//! (Redfish JSON, ilorest output, the OA's XML), merges the files as one upload and prints one JSON object on one line:
//! `{"servers":[…],"problems":[…]}` (see `fwportal_core::inventory`).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use fwportal_core::inventory::{
    merge, parse_bytes, InventoryParse, InventoryProblem, InventoryReport, MAX_INPUT_BYTES,
};

#[derive(Debug, Args)]
#[command(after_help = "\
Accepted files: Redfish ComputerSystem (/redfish/v1/Systems/1), the iLO 5/6 firmware inventory \
expanded (ilorest rawget /redfish/v1/UpdateService/FirmwareInventory/ --expand), the iLO 4 \
firmware inventory (/redfish/v1/Systems/1/FirmwareInventory), the software inventory, \
`ilorest serverinfo --json` output, a Manager resource, a Chassis resource, the iLO web \
/json/overview, and a BladeSystem Onboard Administrator's /xmldata?item=all (every blade and the \
enclosure). UTF-8 or UTF-16 with a byte-order mark.

Files of one run are one upload: they are merged by serial number; a file without one joins \
the only server that has one.

Output: one JSON line, {\"servers\":[...],\"problems\":[...]}. A file that cannot be parsed, is \
over 5 MiB (refused before reading) or cannot be read is a problem in the output; the exit \
status is then still 0. Exit status 2: bad arguments, or not one of the files could be read \
(one line on stderr, nothing on stdout).")]
pub struct InventoryArgs {
    /// Files saved from the iLO (JSON) or the Onboard Administrator (XML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The exit code clap uses for bad arguments; ours match it so scripts see one convention.
const USAGE_ERROR: u8 = 2;

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("no file could be read: {0}")]
    NothingReadable(String),
    #[error("cannot write the answer: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot encode the answer: {0}")]
    Encode(#[from] serde_json::Error),
}

/// Why one file was not read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FileError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not a regular file")]
    NotAFile,
    #[error("{0} bytes, over the limit of {1}")]
    TooLarge(u64, u64),
}

pub fn run(args: InventoryArgs) -> ExitCode {
    match answer(&args.files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ CliError::NothingReadable(_)) => {
            eprintln!("fwportal inventory: {error}");
            ExitCode::from(USAGE_ERROR)
        }
        Err(error) => {
            eprintln!("fwportal inventory: {error}");
            ExitCode::FAILURE
        }
    }
}

fn answer(files: &[PathBuf]) -> Result<(), CliError> {
    let (report, unreadable) = read_inventories(files);
    if unreadable.len() == files.len() {
        return Err(CliError::NothingReadable(unreadable.join("; ")));
    }
    let line = serde_json::to_string(&report)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

/// Reads and merges inventory files as one upload; also gives, for each file that could not
/// be read at all, `"FILE: reason"`.
pub(crate) fn read_inventories(files: &[PathBuf]) -> (InventoryReport, Vec<String>) {
    let mut parses = Vec::with_capacity(files.len());
    let mut unreadable = Vec::new();
    for path in files {
        let source = path.display().to_string();
        match read_limited(path, MAX_INPUT_BYTES) {
            Ok(bytes) => parses.push(parse_bytes(&source, &bytes)),
            Err(FileError::TooLarge(bytes, _)) => parses.push(with_problem(
                &source,
                InventoryProblem::too_large(&source, bytes),
            )),
            Err(error) => {
                let reason = error.to_string();
                parses.push(with_problem(
                    &source,
                    InventoryProblem::unreadable(&source, &reason),
                ));
                unreadable.push(format!("{source}: {reason}"));
            }
        }
    }
    (merge(parses), unreadable)
}

fn with_problem(source: &str, problem: InventoryProblem) -> InventoryParse {
    InventoryParse {
        source: source.to_owned(),
        documents: Vec::new(),
        servers: Vec::new(),
        problems: vec![problem],
    }
}

/// Reads a file of at most `limit` bytes, refusing a larger one from its metadata before
/// reading it, and stopping at the limit should it grow (or lie) while being read.
pub(crate) fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, FileError> {
    let file = File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(FileError::NotAFile);
    }
    let limit = u64::try_from(limit).unwrap_or(u64::MAX);
    if metadata.len() > limit {
        return Err(FileError::TooLarge(metadata.len(), limit));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(FileError::TooLarge(read, limit));
    }
    Ok(bytes)
}
