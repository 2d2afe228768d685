//! The server's configuration: one typed struct, read once from flags or the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = "FWPORTAL_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// SQLite database file; created and migrated at start.
    #[arg(long, env = "FWPORTAL_DATABASE", default_value = "data/portal.db")]
    pub database: PathBuf,
    /// Folder of the built web app (trunk's output).
    #[arg(long, env = "FWPORTAL_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Operator calendar file (closures, holiday changes, notice settings); see README.
    #[arg(long = "calendar", env = "FWPORTAL_CALENDAR")]
    pub calendar: Option<PathBuf>,
    /// Submissions one client may send in a burst.
    #[arg(long, env = "FWPORTAL_RATE_BURST", default_value_t = 10)]
    pub rate_burst: u32,
    /// Seconds for one more submission to become available to a client after a burst.
    #[arg(long, env = "FWPORTAL_RATE_PERIOD_SECS", default_value_t = 6)]
    pub rate_period_secs: u64,
}

impl ServeConfig {
    /// The defaults, for tests and tools that build a config in code.
    pub fn new(addr: SocketAddr, database: PathBuf, dist: PathBuf) -> ServeConfig {
        ServeConfig {
            addr,
            database,
            dist,
            calendar: None,
            rate_burst: 10,
            rate_period_secs: 6,
        }
    }
}
