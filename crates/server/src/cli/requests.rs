//! `fwportal requests list|export`: the support centre's view of the database. They open the
//! file read-only (`db::open_read_only`): never a migration or a write on the live database.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use fwportal_core::calendar::to_jst;
use fwportal_core::csv::{push_record, BOM};
use fwportal_core::request::RequestDraft;
use serde::Serialize;

use crate::db::{self, StoredRequest};

#[derive(Debug, Args)]
pub struct RequestsArgs {
    /// SQLite database file.
    #[arg(
        long,
        env = "FWPORTAL_DATABASE",
        default_value = "data/portal.db",
        global = true
    )]
    database: PathBuf,
    #[command(subcommand)]
    command: RequestsCommand,
}

#[derive(Debug, Subcommand)]
enum RequestsCommand {
    /// One line a request: reference, kind, status, contract, work date, received (JST).
    List,
    /// Every request with all its fields, as CSV (UTF-8 with BOM, for Excel) or JSON.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
}

pub fn run(args: RequestsArgs) -> ExitCode {
    if !args.database.is_file() {
        eprintln!("fwportal: no database at {}", args.database.display());
        return ExitCode::from(2);
    }
    let requests = match load(&args.database) {
        Ok(requests) => requests,
        Err(error) => {
            eprintln!("fwportal: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let text = match args.command {
        RequestsCommand::List => list(&requests),
        RequestsCommand::Export {
            format: ExportFormat::Csv,
            ..
        } => export_csv(&requests),
        RequestsCommand::Export {
            format: ExportFormat::Json,
            ..
        } => match export_json(&requests) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("fwportal: {error}");
                return ExitCode::FAILURE;
            }
        },
    };
    let output = match &args.command {
        RequestsCommand::Export { output, .. } => output.as_deref(),
        _ => None,
    };
    super::write_output(output, &text)
}

fn load(database: &std::path::Path) -> anyhow::Result<Vec<StoredRequest>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // Read-only: the portal may be running on this file, and may be of another version.
        let pool = db::open_read_only(database).await?;
        let requests = db::all_requests(&pool).await?;
        pool.close().await;
        Ok(requests)
    })
}

fn received_jst(request: &StoredRequest) -> String {
    to_jst(&request.received_at)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

fn list(requests: &[StoredRequest]) -> String {
    let mut out = String::new();
    for r in requests {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            r.reference,
            r.kind,
            r.status,
            r.contract_number,
            r.work_date.as_deref().unwrap_or("-"),
            received_jst(r)
        ));
    }
    out
}

/// One exported request: the stored columns and the request as validated.
#[derive(Serialize)]
struct Exported {
    reference: String,
    kind: String,
    status: String,
    received_at: String,
    received_on: Option<String>,
    request: RequestDraft,
}

fn draft_of(request: &StoredRequest) -> RequestDraft {
    // The payload was written by this program from a validated request; a payload that does
    // not read back is exported with its columns only, never dropped.
    serde_json::from_str(&request.payload).unwrap_or_default()
}

fn export_json(requests: &[StoredRequest]) -> serde_json::Result<String> {
    let exported: Vec<Exported> = requests
        .iter()
        .map(|r| Exported {
            reference: r.reference.clone(),
            kind: r.kind.clone(),
            status: r.status.clone(),
            received_at: received_jst(r),
            received_on: r.received_on.clone(),
            request: draft_of(r),
        })
        .collect();
    serde_json::to_string_pretty(&exported).map(|mut text| {
        text.push('\n');
        text
    })
}

const CSV_HEADER: [&str; 19] = [
    "reference",
    "kind",
    "status",
    "received_at_jst",
    "received_on",
    "contract_number",
    "support_level",
    "company",
    "contact_name",
    "email",
    "phone",
    "servers",
    "update_method",
    "target_version",
    "work_date",
    "work_start_time",
    "alternative_work_date",
    "site_address",
    "notes",
];

/// CSV per RFC 4180 with CRLF line ends, in UTF-8 with a byte-order mark so that Excel in
/// Japan opens the Japanese text correctly.
fn export_csv(requests: &[StoredRequest]) -> String {
    let mut out = String::from(BOM);
    push_record(&mut out, &CSV_HEADER);
    for r in requests {
        let d = draft_of(r);
        let servers = d
            .servers
            .iter()
            .map(|s| format!("{} ({})", s.model, s.serial_number))
            .collect::<Vec<_>>()
            .join("; ");
        let fields = [
            r.reference.clone(),
            r.kind.clone(),
            r.status.clone(),
            received_jst(r),
            r.received_on.clone().unwrap_or_default(),
            r.contract_number.clone(),
            d.contract.support_level,
            d.contact.company,
            d.contact.name,
            d.contact.email,
            d.contact.phone,
            servers,
            d.update_method,
            d.target_version,
            d.work_date,
            d.work_start_time,
            d.alternative_work_date,
            d.site_address,
            d.notes,
        ];
        push_record(
            &mut out,
            &fields.iter().map(String::as_str).collect::<Vec<_>>(),
        );
    }
    out
}
