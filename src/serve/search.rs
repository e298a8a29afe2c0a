//! `serve`'s search bundle, kept apart from the incremental rebuilds so it
//! never delays a save from being served: after every good rebuild the
//! indexer thread is told; once changes have settled it loads the site on
//! its own (the same stages as `build`), builds the Pagefind bundle at the
//! lowest CPU priority on one thread, and swaps it in whole. A site in
//! several languages has one bundle per language, all built in that one
//! run, one after another. Requests for `pagefind/…` (and
//! `<lang>/pagefind/…`) are answered from the newest bundles; before the
//! first ones are ready they wait for them.

use crate::config::{BuildOptions, Config};
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::watch;

/// How long changes must have stopped before the bundle is built again.
const SETTLE: Duration = Duration::from_millis(400);

/// The newest bundle and the indexer's doorbell.
pub(crate) struct SearchState {
    files: RwLock<Arc<HashMap<String, Bytes>>>,
    /// The bundles' folders (`pagefind/`, `ar/pagefind/`), as the newest
    /// site.yaml read names them.
    folders: RwLock<Vec<String>>,
    /// How many bundles were published (0: none ready yet).
    ready: watch::Sender<u64>,
    /// Rung after every good rebuild; `None` until an indexer runs.
    wanted: Mutex<Option<mpsc::Sender<()>>>,
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState {
            files: RwLock::default(),
            folders: RwLock::new(vec![crate::search::BUNDLE.to_string()]),
            ready: watch::channel(0).0,
            wanted: Mutex::new(None),
        }
    }
}

impl SearchState {
    /// Asks for a new bundle (the site changed).
    pub(crate) fn want(&self) {
        if let Some(tx) = &*self.wanted.lock().unwrap_or_else(|e| e.into_inner()) {
            let _ = tx.send(());
        }
    }

    /// Whether a bundle has been published.
    pub(crate) fn is_ready(&self) -> bool {
        *self.ready.borrow() > 0
    }

    /// How many bundles were published.
    pub(crate) fn generation(&self) -> u64 {
        *self.ready.borrow()
    }

    /// Whether `key` is a file of a bundle's folder.
    pub(crate) fn is_bundle_file(&self, key: &str) -> bool {
        let folders = self.folders.read().unwrap_or_else(|e| e.into_inner());
        crate::search::is_bundle_file(&folders, key)
    }

    fn set_folders(&self, config: &Config) {
        *self.folders.write().unwrap_or_else(|e| e.into_inner()) = crate::search::folders(config);
    }

    /// Whether the newest bundle has `key`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.read().contains_key(key)
    }

    /// A file of the newest bundle, waiting (at most `limit`) for the
    /// first bundle if none is ready yet.
    pub(crate) async fn file(&self, key: &str, limit: Duration) -> Option<Bytes> {
        let mut ready = self.ready.subscribe();
        let _ = tokio::time::timeout(limit, ready.wait_for(|n| *n > 0)).await;
        self.read().get(key).cloned()
    }

    fn read(&self) -> Arc<HashMap<String, Bytes>> {
        self.files.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn publish(&self, files: Vec<(String, Vec<u8>)>) {
        let files = files
            .into_iter()
            .map(|(k, v)| (k, Bytes::from(v)))
            .collect();
        *self.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
        self.ready.send_modify(|n| *n += 1);
    }
}

/// Starts the indexer thread for the site `opts` names, publishing into
/// `state`; it ends when `state` goes away.
pub(crate) fn spawn(opts: BuildOptions, state: Arc<super::site::Shared>) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    *state
        .search
        .wanted
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(tx);
    if let Ok(config) = Config::load(&opts) {
        state.search.set_folders(&config);
    }
    let weak = Arc::downgrade(&state);
    drop(state);
    std::thread::Builder::new()
        .name("briefs-search".into())
        .spawn(move || {
            lower_priority();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
            while settled(&rx) {
                let Some(shared) = weak.upgrade() else { return };
                // A site that does not load has its errors shown by the
                // rebuild; the last good bundle stays.
                if let Ok(files) = bundle(&opts, &shared.search, pool.as_ref().ok()) {
                    shared.search.publish(files);
                }
            }
        })?;
    Ok(())
}

/// Waits for a request and then for the requests to stop for [`SETTLE`];
/// false when the server is gone.
fn settled(rx: &mpsc::Receiver<()>) -> bool {
    if rx.recv().is_err() {
        return false;
    }
    loop {
        match rx.recv_timeout(SETTLE) {
            Ok(()) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The site's bundles, every language's (none with `search: false`),
/// built on `pool`; `state` learns their folders.
fn bundle(
    opts: &BuildOptions,
    state: &SearchState,
    pool: Option<&rayon::ThreadPool>,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let run = || -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        let config = Config::load(opts)?;
        state.set_folders(&config);
        if !config.search {
            return Ok(Vec::new());
        }
        let strings = crate::lang::strings::Strings::load(&config)?;
        let (site, _) = crate::load_site(opts)?;
        let files = crate::search::bundle(&site, &strings);
        crate::background::discard(site);
        files
    };
    match pool {
        Some(pool) => pool.install(run),
        None => run(),
    }
}

/// Nice 19 for this thread (Linux: priorities are per thread), so the
/// rebuilds a save sets off always come first.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        let _ = rustix::process::setpriority_process(Some(tid), 19);
    }
}
