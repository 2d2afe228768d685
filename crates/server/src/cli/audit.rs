//! `fwportal audit export`: the audit log as CSV (UTF-8 with BOM, for Excel) or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use fwportal_core::csv::{push_record, BOM};

use crate::audit::{self, StoredEntry};
use crate::db;

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// SQLite database file.
    #[arg(
        long,
        env = "FWPORTAL_DATABASE",
        default_value = "data/portal.db",
        global = true
    )]
    database: PathBuf,
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Every entry, oldest first: id, at (UTC), actor, action, target, address, before, after.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
}

pub fn run(args: AuditArgs) -> ExitCode {
    if !args.database.is_file() {
        eprintln!("fwportal: no database at {}", args.database.display());
        return ExitCode::from(2);
    }
    let AuditCommand::Export { format, output } = args.command;
    let entries = match load(&args.database) {
        Ok(entries) => entries,
        Err(error) => {
            eprintln!("fwportal: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let text = match format {
        Format::Csv => csv(&entries),
        Format::Json => match serde_json::to_string_pretty(&entries) {
            Ok(mut text) => {
                text.push('\n');
                text
            }
            Err(error) => {
                eprintln!("fwportal: {error}");
                return ExitCode::FAILURE;
            }
        },
    };
    super::write_output(output.as_deref(), &text)
}

fn load(database: &std::path::Path) -> anyhow::Result<Vec<StoredEntry>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // Read-only, like `requests export`: the portal may be running on this file.
        let pool = db::open_read_only(database).await?;
        let entries = audit::all(&pool).await?;
        pool.close().await;
        Ok(entries)
    })
}

const HEADER: [&str; 8] = [
    "id", "at", "actor", "action", "target", "address", "before", "after",
];

/// RFC 4180 with CRLF, UTF-8 with a byte-order mark (as `requests export`).
fn csv(entries: &[StoredEntry]) -> String {
    let mut out = String::from(BOM);
    push_record(&mut out, &HEADER);
    for e in entries {
        let json =
            |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        let fields = [
            e.id.to_string(),
            e.at.clone(),
            e.actor.clone(),
            e.action.clone(),
            e.target.clone(),
            e.address.clone().unwrap_or_default(),
            json(&e.before),
            json(&e.after),
        ];
        push_record(
            &mut out,
            &fields.iter().map(String::as_str).collect::<Vec<_>>(),
        );
    }
    out
}
