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
}
