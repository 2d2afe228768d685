//! The server's configuration: one typed struct, read once from flags or the environment.

use fwportal_core::registry::UnknownContracts;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use ipnet::IpNet;

use crate::http::client_ip::{parse_trusted, ProxyHeader};

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
    /// Look-ups of a request (`GET /api/requests/{reference}`) one client may make in a burst.
    #[arg(long, env = "FWPORTAL_LOOKUP_BURST", default_value_t = 30)]
    pub lookup_burst: u32,
    /// Seconds for one more look-up to become available to a client after a burst.
    #[arg(long, env = "FWPORTAL_LOOKUP_PERIOD_SECS", default_value_t = 2)]
    pub lookup_period_secs: u64,
    /// Clients each limit remembers before new ones share one bucket (bounds its memory).
    #[arg(long, env = "FWPORTAL_RATE_MAX_CLIENTS", default_value_t = 100_000)]
    pub rate_max_clients: usize,
    /// A reverse proxy whose forwarding header is believed: an address or a network
    /// (`10.0.0.0/8`); repeat the flag, or separate with commas in the variable. See README.
    #[arg(
        long = "trusted-proxy",
        env = "FWPORTAL_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = parse_trusted
    )]
    pub trusted_proxies: Vec<IpNet>,
    /// The header the trusted proxies write the client's address in.
    #[arg(
        long,
        env = "FWPORTAL_PROXY_HEADER",
        value_enum,
        default_value = "x-forwarded-for"
    )]
    pub proxy_header: ProxyHeader,
    /// A submission for a contract the registry does not know: `accept` (file its terms from
    /// the request, flagged for the desk to confirm) or `refuse` (ask the customer to contact
    /// the desk).
    #[arg(
        long,
        env = "FWPORTAL_UNKNOWN_CONTRACTS",
        default_value = "accept",
        value_parser = parse_unknown_contracts
    )]
    pub unknown_contracts: UnknownContracts,
    /// Folder of firmware catalogues: every `NAME.json` in it (HPE's fwrepo.json) is offered
    /// to customers as the catalogue NAME (issue 17). See README.
    #[arg(long = "catalogs", env = "FWPORTAL_CATALOGS")]
    pub catalogs: Option<PathBuf>,
    #[command(flatten)]
    pub desk: DeskConfig,
    #[command(flatten)]
    pub mail: MailConfig,
}

fn parse_unknown_contracts(text: &str) -> Result<UnknownContracts, String> {
    match text.trim() {
        "accept" => Ok(UnknownContracts::Accept),
        "refuse" => Ok(UnknownContracts::Refuse),
        other => Err(format!("{other:?} is not one of accept, refuse")),
    }
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
            lookup_burst: 30,
            lookup_period_secs: 2,
            rate_max_clients: 100_000,
            trusted_proxies: Vec::new(),
            proxy_header: ProxyHeader::XForwardedFor,
            unknown_contracts: UnknownContracts::Accept,
            catalogs: None,
            desk: DeskConfig::default(),
            mail: MailConfig::default(),
        }
    }
}

/// The service desk's settings (issue 15).
#[derive(Debug, Clone, Args)]
pub struct DeskConfig {
    /// The origin browsers reach the portal at, e.g. `https://portal.example.co.jp`. With
    /// `https` the desk's session cookie is `Secure` with the `__Host-` prefix. State-changing
    /// desk calls must come from this origin (without it: `http://` and the Host header).
    #[arg(long, env = "FWPORTAL_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,
    /// A desk session ends after this many seconds without a request.
    #[arg(long, env = "FWPORTAL_DESK_IDLE_SECS", default_value_t = 30 * 60)]
    pub desk_idle_secs: u64,
    /// A desk session ends this many seconds after sign-in, used or not.
    #[arg(long, env = "FWPORTAL_DESK_ABSOLUTE_SECS", default_value_t = 12 * 60 * 60)]
    pub desk_absolute_secs: u64,
    /// Desk sign-in attempts one address may make in a burst.
    #[arg(long, env = "FWPORTAL_DESK_SIGN_IN_BURST", default_value_t = 10)]
    pub desk_sign_in_burst: u32,
    /// Seconds for one more sign-in attempt to become available to an address.
    #[arg(long, env = "FWPORTAL_DESK_SIGN_IN_PERIOD_SECS", default_value_t = 6)]
    pub desk_sign_in_period_secs: u64,
}

impl Default for DeskConfig {
    fn default() -> Self {
        DeskConfig {
            public_origin: None,
            desk_idle_secs: 30 * 60,
            desk_absolute_secs: 12 * 60 * 60,
            desk_sign_in_burst: 10,
            desk_sign_in_period_secs: 6,
        }
    }
}

/// Mail (issue 16). Without `--smtp-url` mail stays queued in the outbox (a warning at start);
/// `fwportal outbox list` shows it and `fwportal outbox retry` makes it due again.
#[derive(Debug, Clone, Args)]
pub struct MailConfig {
    /// The SMTP server: `smtp://host:587?tls=required` (STARTTLS), `smtps://host:465` (TLS),
    /// `smtp://host:25` (plain, for a relay on the same network); credentials as
    /// `smtp://user:password@host…`.
    #[arg(long, env = "FWPORTAL_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The sender of every mail, e.g. `"Firmware portal <portal@example.co.jp>"`.
    #[arg(long, env = "FWPORTAL_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// The desk's mailbox: new requests, customer messages, cancellations, date changes.
    #[arg(long, env = "FWPORTAL_DESK_MAILBOX")]
    pub desk_mailbox: Option<String>,
    /// Seconds before the first retry of a mail that could not be sent; each further retry
    /// waits twice as long, up to an hour.
    #[arg(long, env = "FWPORTAL_MAIL_RETRY_SECS", default_value_t = 30)]
    pub mail_retry_secs: u64,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: None,
            mail_from: None,
            desk_mailbox: None,
            mail_retry_secs: 30,
        }
    }
}
