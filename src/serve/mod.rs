//! `briefs serve`: a development server on the same stages as `build`. The
//! site is built into memory with `base_url` set to the server's address,
//! served over HTTP (axum on tokio), rebuilt when a source changes, and open
//! pages reload through server-sent events. A failed rebuild keeps the last
//! good site and shows its diagnostics in an overlay. Nothing is written to
//! disk. The library does not print: progress goes to a [`Reporter`].

pub(crate) mod accept;
pub(crate) mod http;
pub(crate) mod paths;
pub(crate) mod reload;
pub(crate) mod search;
pub(crate) mod site;
pub(crate) mod watch;

use crate::config::BuildOptions;
use crate::incremental::{Rebuild, Session};
use anyhow::Context;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What `briefs serve` is told.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// An IP address; 127.0.0.1 by default.
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
    /// Include briefs marked `draft: true`.
    pub drafts: bool,
    /// How long a connection may take to send its request headers.
    pub header_timeout: Duration,
}

/// The default of [`ServeOptions::header_timeout`].
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(20);

/// Progress of a running server, for the caller to show.
#[derive(Debug)]
pub enum Event {
    /// The server is listening at `url`.
    Listening {
        /// The address pages are served at.
        url: String,
    },
    /// A build succeeded and is being served.
    Built {
        /// What the rebuild did.
        rebuild: Box<Rebuild>,
        /// The served generation, one more with each successful build.
        generation: u64,
        /// From the first file change to the new site being served.
        since_change: Option<Duration>,
    },
    /// A build failed; the last good site is still served.
    Failed {
        /// The diagnostics or error, printed.
        text: String,
        /// How long the failed build took.
        elapsed: Duration,
    },
    /// A folder could not be watched.
    WatchError(String),
    /// Ctrl-C: the server is stopping.
    Stopping,
}

/// Receives [`Event`]s from the server and watcher threads.
pub type Reporter = Arc<dyn Fn(Event) + Send + Sync>;

/// Builds, serves and watches until Ctrl-C. Fails at once if the address
/// cannot be bound (naming another port to try).
pub fn run(opts: ServeOptions, report: Reporter) -> anyhow::Result<()> {
    let ip: IpAddr = opts.bind.parse().with_context(|| {
        format!(
            "--bind `{}` is not an IP address; use e.g. 127.0.0.1",
            opts.bind
        )
    })?;
    let listener = bind(SocketAddr::new(ip, opts.port))?;
    let addr = listener.local_addr()?;
    let build = BuildOptions {
        root: opts.root.clone(),
        output: None,
        base_url: Some(format!("http://{}/", host_port(addr))),
        drafts: opts.drafts,
        now: None,
    };
    let shared = Arc::new(site::Shared::new());
    search::spawn(build.clone(), shared.clone())?;
    let mut session = Session::new(build);
    site::rebuild(&mut session, &shared, &report, None);
    watch::spawn(session, shared.clone(), report.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(listener, addr, opts.header_timeout, shared, report))
}

fn bind(addr: SocketAddr) -> anyhow::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "cannot listen on {addr}: the port is already in use (another briefs serve?); try --port {}",
                addr.port().wrapping_add(1).max(1024)
            )
        } else {
            anyhow::Error::new(e).context(format!("cannot listen on {addr}"))
        }
    })?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// `127.0.0.1:1111`, `[::1]:1111`.
fn host_port(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
    }
}

/// The Host header values accepted for a server at `addr`.
fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        host_port(addr),
    ];
    hosts.dedup();
    hosts
}

async fn serve(
    listener: std::net::TcpListener,
    addr: SocketAddr,
    header_timeout: Duration,
    shared: Arc<site::Shared>,
    report: Reporter,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let app = http::router(http::AppState {
        shared,
        hosts: Arc::new(allowed_hosts(addr)),
        any_ip_host: addr.ip().is_unspecified(),
        shutdown: stop_rx,
    });
    report(Event::Listening {
        url: format!("http://{}/", host_port(addr)),
    });
    let stopping = report.clone();
    accept::serve(listener, app, header_timeout, async move {
        stop_signal().await;
        stopping(Event::Stopping);
        let _ = stop_tx.send(true);
    })
    .await;
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}
