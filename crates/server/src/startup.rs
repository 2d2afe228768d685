//! Building and running the server. Tests call [`Server::bind`] too, on port 0 with a fresh
//! database, and speak HTTP to the real thing.

use std::net::SocketAddr;

use anyhow::Context;
use axum::extract::ConnectInfo;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::calendar_config::load_calendar;
use crate::config::ServeConfig;
use crate::db;
use crate::http::client_ip::TrustedProxies;
use crate::http::framing::{GuardedListener, PeerAddr};
use crate::http::rate_limit::{Limiters, RateLimit, RateLimits};
use crate::http::{self, AppState};

/// A bound, migrated, ready-to-run server.
pub struct Server {
    listener: TcpListener,
    app: axum::Router,
    /// The outbox's sender (issue 16), when SMTP is set.
    sender: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    /// Opens the database (creating and migrating it) and binds the address.
    pub async fn bind(config: ServeConfig) -> anyhow::Result<Server> {
        for app in fwportal_core::apps::WebApp::ALL {
            let dist = http::assets::app_dist(&config.dist, app);
            if !dist.join("index.html").is_file() {
                tracing::warn!(app = app.name(), dist = %dist.display(), "no index.html in the app's dist folder: the app is not built (scripts/build-apps.sh)");
            }
        }
        let calendar = load_calendar(config.calendar.as_deref())?;
        let catalogs = match &config.catalogs {
            Some(dir) => crate::catalogs::Catalogs::load(dir)?,
            None => crate::catalogs::Catalogs::default(),
        };
        let pool = db::connect(&config.database)
            .await
            .with_context(|| format!("cannot open the database {}", config.database.display()))?;
        let intake = crate::writer::Writer::start(&config.database)
            .with_context(|| format!("cannot open the database {}", config.database.display()))?;
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let seconds = |secs: u64| std::time::Duration::from_secs(secs.max(1));
        let limiters = Limiters::new(RateLimits {
            submissions: RateLimit {
                burst: config.rate_burst,
                period: seconds(config.rate_period_secs),
            },
            lookups: RateLimit {
                burst: config.lookup_burst,
                period: seconds(config.lookup_period_secs),
            },
            sign_ins: RateLimit {
                burst: config.desk.desk_sign_in_burst,
                period: seconds(config.desk.desk_sign_in_period_secs),
            },
            max_clients: config.rate_max_clients,
        });
        Limiters::spawn_sweeper(&limiters);
        if !config.trusted_proxies.is_empty() {
            tracing::info!(proxies = ?config.trusted_proxies, header = ?config.proxy_header, "client addresses are read from trusted proxies");
        }
        let desk = http::desk::DeskSettings::from_config(&config.desk)?;
        // Issue 16: the outbox's sender, or one warning that mail stays queued.
        let sender = crate::mail::sender::Sender::from_settings(
            config.mail.smtp_url.as_deref(),
            config.mail.mail_from.as_deref(),
            config.mail.desk_mailbox.as_deref(),
            std::time::Duration::from_secs(config.mail.mail_retry_secs.max(1)),
        )?;
        match &sender {
            None => tracing::warn!(
                "no --smtp-url: mail stays queued in the outbox (fwportal outbox list)"
            ),
            Some(sender) if !sender.has_desk_mailbox() => {
                tracing::warn!("no --desk-mailbox: the desk's mails stay queued in the outbox")
            }
            Some(_) => {}
        }
        let state = AppState {
            pool,
            intake,
            calendar: std::sync::Arc::new(calendar),
            limiters,
            proxies: TrustedProxies::new(config.trusted_proxies, config.proxy_header),
            mail: std::sync::Arc::new(crate::mail::MailSettings {
                public_origin: desk.public_origin.clone(),
            }),
            desk: std::sync::Arc::new(desk),
            unknown_contracts: config.unknown_contracts,
            catalogs: std::sync::Arc::new(catalogs),
        };
        let sender = sender.map(|sender| sender.spawn(state.pool.clone()));
        let app = http::router(state, config.dist);
        Ok(Server {
            listener,
            app,
            sender,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // The peer address feeds the per-client rate limits (see http::client_ip). Handlers
        // read it as axum's usual `ConnectInfo<SocketAddr>`.
        let app = self.app.layer(tower::util::MapRequestLayer::new(
            |mut request: axum::extract::Request| {
                let peer = request
                    .extensions()
                    .get::<ConnectInfo<PeerAddr>>()
                    .map(|ConnectInfo(PeerAddr(addr))| *addr);
                if let Some(addr) = peer {
                    request.extensions_mut().insert(ConnectInfo(addr));
                }
                request
            },
        ));
        let service = app.into_make_service_with_connect_info::<PeerAddr>();
        // Every connection is read through the framing guard (http::framing, issue 12).
        let served = axum::serve(GuardedListener(self.listener), service)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the server stopped with an error");
        // Queued mail waits in the database for the next start.
        if let Some(sender) = self.sender {
            sender.abort();
        }
        served
    }
}

/// `fwportal serve`: bind, announce the URL, serve until Ctrl-C or SIGTERM.
pub async fn serve_until_shutdown(config: ServeConfig) -> anyhow::Result<()> {
    let server = Server::bind(config).await?;
    let addr = server.local_addr()?;
    tracing::info!(%addr, "listening");
    println!("fwportal: the portal is ready at http://{addr}/");
    server.run(shutdown_signal()).await?;
    tracing::info!("stopped cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Structured logs on stderr; `RUST_LOG` chooses the level (default: info).
pub fn init_tracing() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
