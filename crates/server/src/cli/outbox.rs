//! `fwportal outbox list|retry` (issue 16): the mail waiting in the outbox. `list` opens the
//! database read-only; `retry` makes unsent mail due now, for the running portal's sender (or
//! the next start) to deliver.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Subcommand};
use fwportal_core::calendar::to_jst;

use crate::db;
use crate::mail::outbox;

#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// SQLite database file.
    #[arg(
        long,
        env = "FWPORTAL_DATABASE",
        default_value = "data/portal.db",
        global = true
    )]
    database: PathBuf,
    #[command(subcommand)]
    command: OutboxCommand,
}

#[derive(Debug, Subcommand)]
enum OutboxCommand {
    /// One line a mail: id, state (queued|sent), kind, to, attempts, created (JST), last error.
    List {
        /// Every mail, the sent ones too.
        #[arg(long)]
        all: bool,
    },
    /// Make unsent mail due now (all, or the one with --id).
    Retry {
        #[arg(long)]
        id: Option<i64>,
    },
}

pub fn run(args: OutboxArgs) -> ExitCode {
    if !args.database.is_file() {
        eprintln!("fwportal: no database at {}", args.database.display());
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("fwportal: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result: anyhow::Result<String> = runtime.block_on(async {
        match args.command {
            OutboxCommand::List { all } => {
                let pool = db::open_read_only(&args.database).await?;
                let rows = outbox::list(&pool, !all).await?;
                pool.close().await;
                Ok(rows
                    .iter()
                    .map(|r| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                            r.id,
                            if r.sent_at.is_some() {
                                "sent"
                            } else {
                                "queued"
                            },
                            r.kind,
                            r.address.as_deref().unwrap_or("(desk mailbox)"),
                            r.attempts,
                            to_jst(&r.created_at).format("%Y-%m-%d %H:%M:%S"),
                            r.last_error.as_deref().unwrap_or("")
                        )
                    })
                    .collect())
            }
            OutboxCommand::Retry { id } => {
                let pool = db::connect(&args.database).await?;
                let n = outbox::retry(&pool, id, Utc::now()).await?;
                pool.close().await;
                Ok(format!("{n} mail(s) due now\n"))
            }
        }
    });
    match result {
        Ok(text) => super::write_output(None, &text),
        Err(error) => {
            eprintln!("fwportal: {error:#}");
            ExitCode::FAILURE
        }
    }
}
