//! `fwportal calendar`: the business calendar (R2) and the notice rule (R5) from the command
//! line, computed with the same code and the same operator file as the server.
//!
//! Output is for scripts: only the result on stdout. Bad input prints one line on stderr and
//! exits with 2, like clap's own usage errors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate};
use clap::{Args, Subcommand};
use fwportal_core::calendar::BusinessCalendar;

use crate::calendar_config::load_calendar;

#[derive(Debug, Args)]
pub struct CalendarArgs {
    #[command(subcommand)]
    pub command: CalendarCommand,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Print the holidays of a year: `YYYY-MM-DD<TAB>name` a line, sorted by date.
    Holidays {
        /// The year, 2000–2099.
        #[arg(long)]
        year: String,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Check the 15-business-day notice (R5) of a request; prints one JSON object.
    Notice {
        /// The planned work date, YYYY-MM-DD.
        #[arg(long)]
        work_date: String,
        /// When the request was submitted, RFC 3339 (e.g. 2026-06-05T17:29:00+09:00).
        #[arg(long)]
        submitted_at: String,
        #[command(flatten)]
        config: ConfigArg,
    },
}

#[derive(Debug, Args)]
pub struct ConfigArg {
    /// The operator's calendar file (closures, extra holidays, notice settings).
    #[arg(long = "config", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Bad input from the operator: exit code 2, as for clap's usage errors.
const USAGE: u8 = 2;

pub fn run(args: CalendarArgs) -> ExitCode {
    match execute(args.command) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(output.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("fwportal calendar: cannot write the output: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            // One line, whatever the error, so scripts can log it as is.
            eprintln!("fwportal calendar: {}", message.replace('\n', " "));
            ExitCode::from(USAGE)
        }
    }
}

/// The whole output, built before anything is printed so a failure prints nothing on stdout.
fn execute(command: CalendarCommand) -> Result<String, String> {
    match command {
        CalendarCommand::Holidays { year, config } => {
            let year: i32 = year
                .trim()
                .parse()
                .map_err(|_| format!("--year: `{year}` is not a year"))?;
            let calendar = calendar(&config)?;
            let holidays = calendar
                .holidays_in_year(year)
                .map_err(|e| format!("--year: {e}"))?;
            Ok(holidays
                .iter()
                .map(|h| format!("{}\t{}\n", h.date.format("%Y-%m-%d"), h.name_ja))
                .collect())
        }
        CalendarCommand::Notice {
            work_date,
            submitted_at,
            config,
        } => {
            let work = NaiveDate::parse_from_str(work_date.trim(), "%Y-%m-%d").map_err(|_| {
                format!("--work-date: `{work_date}` is not a date in YYYY-MM-DD form")
            })?;
            let submitted = DateTime::parse_from_rfc3339(submitted_at.trim()).map_err(|_| {
                format!("--submitted-at: `{submitted_at}` is not an RFC 3339 timestamp")
            })?;
            let calendar = calendar(&config)?;
            let report = calendar
                .notice_report(work, &submitted)
                .map_err(|e| e.to_string())?;
            let json = serde_json::to_string(&report).map_err(|e| e.to_string())?;
            Ok(format!("{json}\n"))
        }
    }
}

fn calendar(config: &ConfigArg) -> Result<BusinessCalendar, String> {
    load_calendar(config.path.as_deref()).map_err(|e| e.to_string())
}
