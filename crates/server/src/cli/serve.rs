//! `fwportal serve`.

use std::process::ExitCode;

use clap::Args;

use crate::config::ServeConfig;
use crate::startup;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub config: ServeConfig,
}

pub fn run(args: ServeArgs) -> ExitCode {
    startup::init_tracing();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("fwportal: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(startup::serve_until_shutdown(args.config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fwportal: {error:#}");
            ExitCode::FAILURE
        }
    }
}
