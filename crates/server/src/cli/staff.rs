//! `fwportal staff add|list|disable|reset`: the desk's accounts. A password is read from
//! standard input only (never an argument, which other users of the machine could see), and a
//! new TOTP secret is printed once as an `otpauth://` URI for the authenticator app.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};

use crate::db;
use crate::staff::{self, Role, StaffError};

#[derive(Debug, Args)]
pub struct StaffArgs {
    /// SQLite database file.
    #[arg(
        long,
        env = "FWPORTAL_DATABASE",
        default_value = "data/portal.db",
        global = true
    )]
    database: PathBuf,
    #[command(subcommand)]
    command: StaffCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Desk,
    Admin,
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// Create an account; prints its TOTP secret once as an otpauth:// URI.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Read the password from the first line of standard input (required).
        #[arg(long)]
        password_stdin: bool,
    },
    /// One line an account: email, name, role, state, created.
    List,
    /// Disable an account and end its sessions.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// New password (from standard input) and new TOTP secret; lifts a lockout and ends the
    /// account's sessions. Prints the new otpauth:// URI once.
    Reset {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

fn read_password(flag: bool) -> Result<String, String> {
    if !flag {
        return Err("give the password on standard input with --password-stdin".to_owned());
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub fn run(args: StaffArgs) -> ExitCode {
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
    let password = match &args.command {
        StaffCommand::Add { password_stdin, .. } | StaffCommand::Reset { password_stdin, .. } => {
            match read_password(*password_stdin) {
                Ok(password) => Some(password),
                Err(message) => {
                    eprintln!("fwportal: {message}");
                    return ExitCode::from(2);
                }
            }
        }
        _ => None,
    };
    let result = runtime.block_on(async {
        let pool = db::connect(&args.database).await.map_err(StaffError::Db)?;
        let now = Utc::now();
        let actor = super::operator();
        let password = password.unwrap_or_default();
        let out = match &args.command {
            StaffCommand::Add {
                email, name, role, ..
            } => {
                let role = match role {
                    RoleArg::Desk => Role::Desk,
                    RoleArg::Admin => Role::Admin,
                };
                let issued = staff::add(&pool, email, name, role, &password, &actor, now).await?;
                format!("{}\n", issued.otpauth_uri)
            }
            StaffCommand::List => {
                let mut out = String::new();
                for member in staff::list(&pool).await.map_err(StaffError::Db)? {
                    let state = if member.disabled {
                        "disabled"
                    } else if member.is_locked(now) {
                        "locked"
                    } else {
                        "active"
                    };
                    out.push_str(&format!(
                        "{}\t{}\t{}\t{}\t{}\n",
                        member.email,
                        member.name,
                        member.role.as_str(),
                        state,
                        member.created_at
                    ));
                }
                out
            }
            StaffCommand::Disable { email } => {
                staff::disable(&pool, email, &actor, now).await?;
                format!("disabled {}\n", staff::normalise_email(email))
            }
            StaffCommand::Reset { email, .. } => {
                let issued = staff::reset(&pool, email, &password, &actor, now).await?;
                format!("{}\n", issued.otpauth_uri)
            }
        };
        pool.close().await;
        Ok::<String, StaffError>(out)
    });
    match result {
        Ok(out) => match std::io::stdout().write_all(out.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        },
        Err(error) => {
            eprintln!("fwportal: {error} ({})", error.code());
            ExitCode::FAILURE
        }
    }
}
