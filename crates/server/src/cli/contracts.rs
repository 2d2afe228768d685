//! `fwportal contracts import FILE.csv [--dry-run]`: the operator loads the contract registry
//! (issue 15). The file has a header line naming the columns
//! `contract_number,customer,support_level,proactive_care_start,proactive_care_end,option_start,option_end`
//! in any order (UTF-8, with or without Excel's BOM). Every line is checked first; a file with
//! any refused line changes nothing. With `--dry-run` nothing is written either way.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Subcommand};
use fwportal_core::registry::{ContractRecord, ContractRecordDraft};

use crate::audit::Action;
use crate::contracts::{self, Author, Change, RegistryError};
use crate::db;

/// The largest import file read (a registry of some 100,000 contracts fits in a tenth of it).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many lines of contracts in one file.
const MAX_ROWS: usize = 200_000;

#[derive(Debug, Args)]
pub struct ContractsArgs {
    /// SQLite database file.
    #[arg(
        long,
        env = "FWPORTAL_DATABASE",
        default_value = "data/portal.db",
        global = true
    )]
    database: PathBuf,
    #[command(subcommand)]
    command: ContractsCommand,
}

#[derive(Debug, Subcommand)]
enum ContractsCommand {
    /// Add and change contracts from a CSV file; reports what it adds and changes.
    Import {
        file: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Reads and parses every line; `Err` lists each refused line.
fn read_records(file: &PathBuf) -> Result<Vec<(u64, ContractRecord)>, Vec<String>> {
    let size = std::fs::metadata(file)
        .map_err(|e| vec![format!("cannot read {}: {e}", file.display())])?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(vec![format!(
            "{} is {size} bytes; at most {MAX_FILE_BYTES} are read: split the file",
            file.display()
        )]);
    }
    let bytes =
        std::fs::read(file).map_err(|e| vec![format!("cannot read {}: {e}", file.display())])?;
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text);
    let mut records = Vec::new();
    let mut refused = Vec::new();
    for (index, row) in reader.deserialize::<ContractRecordDraft>().enumerate() {
        if index >= MAX_ROWS {
            refused.push(format!("more than {MAX_ROWS} contracts: split the file"));
            break;
        }
        let line = index as u64 + 2;
        match row {
            Ok(draft) => match draft.parse() {
                Ok(record) => {
                    if let Some((first, _)) = records
                        .iter()
                        .find(|(_, r): &&(u64, ContractRecord)| r.number == record.number)
                    {
                        refused.push(format!(
                            "line {line}: contract {} is also on line {first}",
                            record.number
                        ));
                    } else {
                        records.push((line, record));
                    }
                }
                Err(problems) => {
                    for problem in problems {
                        refused.push(format!(
                            "line {line}: {}: {}",
                            problem.field, problem.message_en
                        ));
                    }
                }
            },
            Err(error) => refused.push(format!("line {line}: {error}")),
        }
    }
    if refused.is_empty() {
        Ok(records)
    } else {
        Err(refused)
    }
}

pub fn run(args: ContractsArgs) -> ExitCode {
    let ContractsCommand::Import { file, dry_run } = args.command;
    let records = match read_records(&file) {
        Ok(records) => records,
        Err(refused) => {
            for line in &refused {
                eprintln!("refused  {line}");
            }
            eprintln!(
                "fwportal: {} problem(s) in {}; nothing was imported",
                refused.len(),
                file.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("fwportal: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let actor = super::operator();
    let result: Result<(usize, usize, usize), String> = runtime.block_on(async {
        let pool = db::connect(&args.database)
            .await
            .map_err(|e| e.to_string())?;
        let mut tx = pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|e| e.to_string())?;
        let author = Author {
            actor: &actor,
            action: Action::ContractImported,
            address: None,
        };
        let now = Utc::now();
        let (mut added, mut changed, mut unchanged) = (0, 0, 0);
        let mut refused = Vec::new();
        for (line, record) in &records {
            match contracts::apply(&mut tx, record, &author, now).await {
                Ok(Change::Added) => {
                    added += 1;
                    println!("add      line {line}: {}", record.number);
                }
                Ok(Change::Changed { before }) => {
                    changed += 1;
                    let after = record.to_draft();
                    println!("change   line {line}: {}", record.number);
                    for (name, old, new) in differences(&before, &after) {
                        println!("           {name}: {old} → {new}");
                    }
                }
                Ok(Change::Unchanged) => unchanged += 1,
                Err(error @ RegistryError::OptionStartHeld(_)) => {
                    refused.push(format!("line {line}: {error}"));
                }
                Err(RegistryError::Db(error)) => return Err(error.to_string()),
            }
        }
        if !refused.is_empty() {
            for line in &refused {
                eprintln!("refused  {line}");
            }
            return Err(format!(
                "{} contract(s) refused; nothing was imported",
                refused.len()
            ));
        }
        if dry_run {
            tx.rollback().await.map_err(|e| e.to_string())?;
        } else {
            tx.commit().await.map_err(|e| e.to_string())?;
        }
        Ok((added, changed, unchanged))
    });
    match result {
        Ok((added, changed, unchanged)) => {
            let verb = if dry_run { "would add" } else { "added" };
            println!(
                "{verb} {added}, {} {changed}, unchanged {unchanged}{}",
                if dry_run { "would change" } else { "changed" },
                if dry_run {
                    " (dry run: nothing written)"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("fwportal: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The fields that differ, as (column, before, after).
fn differences(
    before: &ContractRecordDraft,
    after: &ContractRecordDraft,
) -> Vec<(&'static str, String, String)> {
    let pairs = [
        ("customer", &before.customer, &after.customer),
        ("support_level", &before.support_level, &after.support_level),
        (
            "proactive_care_start",
            &before.proactive_care_start,
            &after.proactive_care_start,
        ),
        (
            "proactive_care_end",
            &before.proactive_care_end,
            &after.proactive_care_end,
        ),
        ("option_start", &before.option_start, &after.option_start),
        ("option_end", &before.option_end, &after.option_end),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(name, old, new)| (name, old.clone(), new.clone()))
        .collect()
}
