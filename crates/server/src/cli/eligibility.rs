//! `fwportal eligibility`: the eligibility rules (R8, R9, R10, R11) from the command line, for
//! operators answering a customer's question. Each answer is one JSON object on one line.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use fwportal_core::eligibility::{classify_component, InventoryKind, ModelText};

#[derive(Debug, Args)]
pub struct EligibilityArgs {
    #[command(subcommand)]
    pub command: EligibilityCommand,
}

#[derive(Debug, Subcommand)]
pub enum EligibilityCommand {
    /// Classify a product model (R8, R10, R11): eligible, excluded, out_of_scope or
    /// needs_confirmation.
    Model {
        /// The model text as the customer typed it, e.g. "HPE ProLiant DL380 Gen10 Plus".
        text: String,
    },
    /// Classify a firmware or software item (R8, R9, R10): in_scope, out_of_scope or
    /// depends_on_spp.
    Component {
        /// The item's name as an iLO inventory lists it, e.g. "System ROM".
        name: String,
        /// iLO's device context, e.g. "System Board" or "Slot 3".
        #[arg(long)]
        context: Option<String>,
        /// Which iLO inventory listed the item.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Firmware,
    Software,
}

/// The exit code clap uses for bad arguments; ours match it so scripts see one convention.
const USAGE_ERROR: u8 = 2;

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("cannot write the answer: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot encode the answer: {0}")]
    Encode(#[from] serde_json::Error),
}

pub fn run(args: EligibilityArgs) -> ExitCode {
    match answer(args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ CliError::Usage(_)) => {
            eprintln!("fwportal eligibility: {error}");
            ExitCode::from(USAGE_ERROR)
        }
        Err(error) => {
            eprintln!("fwportal eligibility: {error}");
            ExitCode::FAILURE
        }
    }
}

fn answer(command: EligibilityCommand) -> Result<(), CliError> {
    let line = match command {
        EligibilityCommand::Model { text } => {
            let model = ModelText::parse(&text).map_err(|e| CliError::Usage(e.to_string()))?;
            serde_json::to_string(&model.classify())?
        }
        EligibilityCommand::Component {
            name,
            context,
            kind,
        } => {
            if name.trim().is_empty() {
                return Err(CliError::Usage("the component name is empty".into()));
            }
            let kind = kind.map(|k| match k {
                Kind::Firmware => InventoryKind::Firmware,
                Kind::Software => InventoryKind::Software,
            });
            serde_json::to_string(&classify_component(&name, context.as_deref(), kind))?
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}
