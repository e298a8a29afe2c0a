//! The HTTP side of `serve` (axum): the built site from memory with pretty
//! URLs and the 404 page, the reload events, a status endpoint, and a Host
//! check against DNS rebinding. No CORS headers are ever sent.

use super::paths::{Resolved, resolve};
use super::reload::{self, EVENTS_PATH, STATUS_PATH};
use super::site::{Shared, Snapshot};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::watch;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) shared: Arc<Shared>,
    /// Accepted `Host` header values (lowercase `host:port`).
    pub(crate) hosts: Arc<Vec<String>>,
    /// Accept any IP-literal host (when bound to all interfaces).
    pub(crate) any_ip_host: bool,
    /// Flips to true on shutdown, ending the event streams.
    pub(crate) shutdown: watch::Receiver<bool>,
}

/// The whole server.
pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(STATUS_PATH, get(status))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}

/// Refuses requests whose Host is not this server by a local name: a page
/// on another site that rebinds its DNS name to 127.0.0.1 gets 403.
async fn check_host(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    match host {
        Some(h) if host_allowed(&state, &h) => next.run(req).await,
        _ => (
            StatusCode::FORBIDDEN,
            "briefs serve: this Host is not allowed; open the site at the address briefs serve printed\n",
        )
            .into_response(),
    }
}

fn host_allowed(state: &AppState, host: &str) -> bool {
    if state.hosts.iter().any(|h| h == host) {
        return true;
    }
    state.any_ip_host
        && host.parse::<std::net::SocketAddr>().is_ok()
        && state
            .hosts
            .iter()
            .any(|h| h.ends_with(&format!(":{}", port_of(host))))
}

fn port_of(host: &str) -> &str {
    host.rsplit_once(':').map_or("", |(_, p)| p)
}

/// How long a request for a search file waits for the first bundle.
const BUNDLE_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// How long a request for a file still being rendered waits for it.
const PENDING_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// A file of the built site, the 404 page, or a redirect to the pretty URL.
/// A file the rebuild is still rendering is sent once it is there.
async fn site_file(State(state): State<AppState>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let snap = state.shared.get();
    if snap.files.is_empty() {
        let page = reload::no_site_page(snap.generation, snap.error.as_deref());
        return html(StatusCode::SERVICE_UNAVAILABLE, page);
    }
    let search = &state.shared.search;
    // Before the first search bundle is ready, its files are waited for.
    let bundle = |k: &str| search.is_bundle_file(k) && (!search.is_ready() || search.has(k));
    let known = |k: &str| snap.files.contains_key(k) || snap.pending.contains(k) || bundle(k);
    match resolve(req.uri().path(), known) {
        Resolved::File(key) if search.is_bundle_file(&key) => {
            match search.file(&key, BUNDLE_LIMIT).await {
                Some(bytes) => (
                    [(header::CONTENT_TYPE, content_type(&key))],
                    Body::from(bytes),
                )
                    .into_response(),
                None => not_found(&snap, ""),
            }
        }
        Resolved::File(key) if snap.pending.contains(&key) => {
            let settled = state.shared.settled_for(&key, PENDING_LIMIT).await;
            file(&settled, &key, StatusCode::OK)
        }
        Resolved::File(key) => file(&snap, &key, StatusCode::OK),
        Resolved::Redirect(to) => redirect(&to, req.uri().query()),
        Resolved::NotFound => not_found(&snap, req.uri().path()),
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
    }
}

fn file(snap: &Snapshot, key: &str, status: StatusCode) -> Response {
    let Some(bytes) = snap.files.get(key) else {
        return not_found(snap, "");
    };
    if key.ends_with(".html") {
        return html(
            status,
            reload::inject(bytes, snap.generation, snap.error.as_deref()),
        );
    }
    let mime = content_type(key);
    (
        status,
        [(header::CONTENT_TYPE, mime)],
        Body::from(bytes.clone()),
    )
        .into_response()
}

/// The 404 page: a language's own under its prefix (`/ar/…` gets
/// `ar/404.html`), else the site's.
fn not_found(snap: &Snapshot, path: &str) -> Response {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let own = format!("{first}/404.html");
    if !first.is_empty() && snap.files.contains_key(&own) {
        return file(snap, &own, StatusCode::NOT_FOUND);
    }
    if snap.files.contains_key("404.html") {
        return file(snap, "404.html", StatusCode::NOT_FOUND);
    }
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

fn html(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8".to_string())],
        Body::from(Bytes::from(body)),
    )
        .into_response()
}

fn redirect(to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    match HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
    }
}

/// The Content-Type of an output file, by extension; text gets `charset=utf-8`.
pub(crate) fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "xml" | "json" | "javascript" | "rss+xml" | "atom+xml"
        );
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// The reload events: the state now, then one event per new generation,
/// until the server shuts down.
async fn events(State(state): State<AppState>) -> impl IntoResponse {
    let changes = state.shared.changes.subscribe();
    let start = (state.shared.clone(), changes, state.shutdown.clone(), true);
    let stream =
        futures_util::stream::unfold(start, |(shared, mut changes, mut stop, first)| async move {
            if !first {
                tokio::select! {
                    r = changes.changed() => r.ok()?,
                    _ = stop.changed() => return None,
                }
            }
            if *stop.borrow() {
                return None;
            }
            let event = Event::default().event("build").data(status_json(&shared));
            Some((Ok::<_, Infallible>(event), (shared, changes, stop, false)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn status(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        status_json(&state.shared),
    )
        .into_response()
}

/// The served generation and its errors, whether a rebuild is running
/// since when (RFC 3339), and the path the last good rebuild took and why.
fn status_json(shared: &Shared) -> String {
    let snap = shared.get();
    let since = shared.building();
    serde_json::json!({
        "generation": snap.generation,
        "ok": snap.error.is_none(),
        "error": snap.error,
        "files": snap.files.len(),
        "building": since.is_some(),
        "since": since.map(|t| t.to_string()),
        "last_path": snap.path.last_path,
        "fallback": snap.path.fallback,
        "search_bundles": shared.search.generation(),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(bind: &str, hosts: &[&str]) -> AppState {
        AppState {
            shared: Arc::new(Shared::new()),
            hosts: Arc::new(hosts.iter().map(|h| h.to_string()).collect()),
            any_ip_host: bind == "0.0.0.0",
            shutdown: watch::channel(false).1,
        }
    }

    #[test]
    fn hosts() {
        let local = state(
            "127.0.0.1",
            &["localhost:1111", "127.0.0.1:1111", "[::1]:1111"],
        );
        for (host, ok) in [
            ("localhost:1111", true),
            ("127.0.0.1:1111", true),
            ("[::1]:1111", true),
            ("localhost:2222", false),
            ("localhost", false),
            ("evil.example:1111", false),
            ("192.168.1.5:1111", false),
        ] {
            assert_eq!(host_allowed(&local, host), ok, "{host}");
        }
        let all = state("0.0.0.0", &["localhost:1111", "0.0.0.0:1111"]);
        assert!(host_allowed(&all, "192.168.1.5:1111"));
        assert!(!host_allowed(&all, "192.168.1.5:2222"));
        assert!(!host_allowed(&all, "evil.example:1111"));
    }

    #[test]
    fn content_types() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("feed.json", "application/json; charset=utf-8"),
            ("a.png", "image/png"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }
}
