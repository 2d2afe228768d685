//! `fwportal`: the intake server and the operators' command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use fwportal_server::cli;

#[derive(Debug, Parser)]
#[command(
    name = "fwportal",
    version,
    about = "Firmware Update Option portal: server and operator tools"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web app and the intake API.
    Serve(Box<cli::serve::ServeArgs>),
    /// List or export the stored requests (support centre operators).
    Requests(cli::requests::RequestsArgs),
    /// Business calendar and notice rule (R2, R5): list holidays, check a request's notice.
    Calendar(cli::calendar::CalendarArgs),
    /// Check products and firmware items against the option's scope rules (R8-R11).
    Eligibility(cli::eligibility::EligibilityArgs),
    /// Read iLO inventory files (Redfish JSON, ilorest output): servers, firmware and software
    /// with their scope (R8, R9, R10), as one JSON line.
    Inventory(cli::inventory::InventoryArgs),
    /// Set a firmware catalogue (HPE's fwrepo.json) beside the inventory files: what the update
    /// would change on each server, reboots, power-off, two-step updates (C1, C2, R12).
    Analyse(cli::analyse::AnalyseArgs),
    /// The service desk's staff accounts: add, list, disable, reset (password and TOTP).
    Staff(cli::staff::StaffArgs),
    /// Export the audit log (sign-ins, steps, account changes).
    Audit(cli::audit::AuditArgs),
    /// Import the contract registry from a CSV file (the terms that decide R4, R6, R7).
    Contracts(cli::contracts::ContractsArgs),
    /// The mail outbox: list queued (or all) mail, make unsent mail due again.
    Outbox(cli::outbox::OutboxArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => cli::serve::run(*args),
        Command::Requests(args) => cli::requests::run(args),
        Command::Calendar(args) => cli::calendar::run(args),
        Command::Eligibility(args) => cli::eligibility::run(args),
        Command::Inventory(args) => cli::inventory::run(args),
        Command::Analyse(args) => cli::analyse::run(args),
        Command::Staff(args) => cli::staff::run(args),
        Command::Audit(args) => cli::audit::run(args),
        Command::Contracts(args) => cli::contracts::run(args),
        Command::Outbox(args) => cli::outbox::run(args),
    }
}
