//! The served site: the last good build held in memory, the errors of the
//! latest build if it failed, and a generation counter that the reload
//! channel announces. A failed rebuild keeps the last good files.

use super::{Event, Reporter};
use crate::diag::Diagnostics;
use crate::incremental::{Rebuild, Session, Staged, Store};
use crate::render::Sink;
use axum::body::Bytes;
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tokio::sync::watch;

/// One state of the served site.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Files of the last good build, by output path.
    pub(crate) files: HashMap<String, Bytes>,
    /// Bumped by every rebuild, good or failed.
    pub(crate) generation: u64,
    /// The diagnostics of the latest build, if it failed.
    pub(crate) error: Option<String>,
    /// Files the rebuild is still rendering (listing pages that only
    /// shifted, feeds, the sitemap): a request for one waits for them.
    pub(crate) pending: HashSet<String>,
    /// The path the last rebuild took, and why, if it was the full one
    /// (a failed quick rebuild keeps what the one before said).
    pub(crate) path: PathTaken,
}

/// The path a rebuild took, as `/__briefs/status` reports it.
#[derive(Debug, Default, Clone)]
pub(crate) struct PathTaken {
    /// `"quick"` or `"full"`; `None` before the first good build.
    pub(crate) last_path: Option<&'static str>,
    /// Why the full path was taken ([`crate::incremental::FallbackReason`]).
    pub(crate) fallback: Option<String>,
}

impl PathTaken {
    fn of(rebuild: &Rebuild) -> PathTaken {
        PathTaken {
            last_path: Some(if rebuild.patched { "quick" } else { "full" }),
            fallback: rebuild.fallback.as_ref().map(ToString::to_string),
        }
    }
}

/// The snapshot shared by the server and the watcher, and the channel that
/// tells open pages about new generations.
pub(crate) struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// When the running rebuild started, if one is running.
    building: Mutex<Option<Timestamp>>,
    pub(crate) changes: watch::Sender<u64>,
    /// Bumped whenever pending files land (no reload: the generation stays).
    pub(crate) settled: watch::Sender<u64>,
    /// The search bundle, built apart from the rebuilds.
    pub(crate) search: super::search::SearchState,
}

impl Shared {
    /// An empty site at generation 0.
    pub(crate) fn new() -> Shared {
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            building: Mutex::new(None),
            changes: watch::channel(0).0,
            settled: watch::channel(0).0,
            search: Default::default(),
        }
    }

    /// The current snapshot.
    pub(crate) fn get(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// When the running rebuild started, if one is running.
    pub(crate) fn building(&self) -> Option<Timestamp> {
        *self.building.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks a rebuild as running until the guard is dropped.
    fn start_building(&self) -> Building<'_> {
        *self.building.lock().unwrap_or_else(|e| e.into_inner()) = Some(Timestamp::now());
        Building(self)
    }

    /// Publishes the last good files with one rebuild's changes applied;
    /// `pending` files are still to come (see [`Shared::settle`]).
    fn apply(&self, changes: Changes, pending: HashSet<String>, path: PathTaken) -> u64 {
        let files = with_changes(&self.get().files, changes);
        self.publish(Some(files), None, pending, Some(path))
    }

    /// Puts the pending files in place, keeping the generation (open pages
    /// reloaded already), and wakes the requests waiting for them.
    fn settle(&self, changes: Changes) {
        let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        *slot = Arc::new(Snapshot {
            files: with_changes(&slot.files, changes),
            generation: slot.generation,
            error: slot.error.clone(),
            pending: HashSet::new(),
            path: slot.path.clone(),
        });
        drop(slot);
        self.settled.send_modify(|n| *n += 1);
    }

    fn publish(
        &self,
        files: Option<HashMap<String, Bytes>>,
        error: Option<String>,
        pending: HashSet<String>,
        path: Option<PathTaken>,
    ) -> u64 {
        let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let generation = slot.generation + 1;
        let files = files.unwrap_or_else(|| slot.files.clone());
        let path = path.unwrap_or_else(|| slot.path.clone());
        *slot = Arc::new(Snapshot {
            files,
            generation,
            error,
            pending,
            path,
        });
        drop(slot);
        self.changes.send_replace(generation);
        self.settled.send_modify(|n| *n += 1);
        generation
    }

    /// The snapshot once `key` is no longer pending (at most `limit` later).
    pub(crate) async fn settled_for(&self, key: &str, limit: std::time::Duration) -> Arc<Snapshot> {
        let mut settled = self.settled.subscribe();
        let wait = async {
            loop {
                let snap = self.get();
                if !snap.pending.contains(key) {
                    return snap;
                }
                if settled.changed().await.is_err() {
                    return snap;
                }
            }
        };
        match tokio::time::timeout(limit, wait).await {
            Ok(snap) => snap,
            Err(_) => self.get(),
        }
    }
}

/// A running rebuild, reported by [`Shared::building`] until dropped
/// (even if the rebuild panics).
struct Building<'a>(&'a Shared);

impl Drop for Building<'_> {
    fn drop(&mut self) {
        *self.0.building.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// `files` with one rebuild's changes applied.
fn with_changes(files: &HashMap<String, Bytes>, changes: Changes) -> HashMap<String, Bytes> {
    let mut files = files.clone();
    for path in changes.removed {
        files.remove(&path);
    }
    for (path, bytes) in changes.written {
        files.insert(path, Bytes::from(bytes));
    }
    files
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

/// What set off a rebuild: when the first change came, and which files
/// changed (`None`: unknown, so every file is checked).
pub(crate) struct Change {
    pub(crate) at: Instant,
    pub(crate) paths: Option<Vec<PathBuf>>,
}

/// Brings the served site up to date through the incremental `session`
/// (only what the change affects is rendered again) and publishes the
/// result; a failure keeps the last good files and publishes the diagnostics.
pub(crate) fn rebuild(
    session: &mut Session,
    shared: &Shared,
    report: &Reporter,
    change: Option<Change>,
) {
    let started = Instant::now();
    let _building = shared.start_building();
    let store = ServeSink::new(session.root());
    let result = match change.as_ref().and_then(|c| c.paths.as_deref()) {
        Some(paths) => session.rebuild_paths_first(&store, paths),
        None => session.rebuild(&store),
    };
    let failed = |e: anyhow::Error, path: Option<PathTaken>| {
        let text = error_text(&e);
        shared.publish(None, Some(text.clone()), HashSet::new(), path);
        report(Event::Failed {
            text,
            elapsed: started.elapsed(),
        });
    };
    match result {
        Ok(rebuilt) => {
            let pending: HashSet<String> = rebuilt.deferred.iter().cloned().collect();
            let path = PathTaken::of(&rebuilt);
            let generation = shared.apply(store.into_changes(), pending.clone(), path);
            shared.search.want();
            report(Event::Built {
                rebuild: Box::new(rebuilt),
                generation,
                since_change: change.map(|c| c.at.elapsed()),
            });
            if !pending.is_empty() {
                let later = ServeSink::new(session.root());
                match session.finish(&later) {
                    Ok(_) => shared.settle(later.into_changes()),
                    Err(e) => failed(e, None),
                }
            }
        }
        Err(e) => {
            // The full path may have failed: say why it was taken.
            let path = PathTaken {
                last_path: Some("full"),
                fallback: session.last_fallback().map(ToString::to_string),
            };
            failed(e, path.fallback.is_some().then_some(path));
        }
    }
}

/// Diagnostics as printed by the command line, or the error and its causes.
pub(crate) fn error_text(e: &anyhow::Error) -> String {
    if let Some(d) = e.downcast_ref::<Diagnostics>() {
        return d
            .to_string()
            .replace("nothing was written", "still serving the last good build");
    }
    let mut text = format!("error: {e}");
    for cause in e.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    text
}

/// The changes of one rebuild: files written and files removed. It leaves
/// out static files reached through symlinks pointing outside the site root,
/// so serve never hands out such a file.
struct ServeSink {
    staged: Staged,
    root: Option<PathBuf>,
}

/// Files written (by path) and paths removed by one rebuild.
pub(crate) struct Changes {
    pub(crate) written: std::collections::BTreeMap<String, Vec<u8>>,
    pub(crate) removed: Vec<String>,
}

impl ServeSink {
    fn new(root: &Path) -> ServeSink {
        ServeSink {
            staged: Staged::default(),
            root: root.canonicalize().ok(),
        }
    }

    fn into_changes(self) -> Changes {
        let (written, removed) = self.staged.into_changes();
        Changes { written, removed }
    }
}

impl Store for ServeSink {
    fn remove(&self, path: &str) -> std::io::Result<()> {
        self.staged.remove(path)
    }
}

impl Sink for ServeSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.staged.write(path, bytes)
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        let inside = match (&self.root, from.canonicalize()) {
            (Some(root), Ok(real)) => real.starts_with(root),
            _ => false,
        };
        if inside {
            self.staged.copy(from, path)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn changes(files: &[(&str, &str)]) -> Changes {
        Changes {
            written: files
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
            removed: Vec::new(),
        }
    }

    #[test]
    fn building_is_reported_while_a_rebuild_runs() {
        let dir = tempfile::tempdir().unwrap();
        let shared = Arc::new(Shared::new());
        assert_eq!(shared.building(), None);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let report: Reporter = {
            let (shared, seen) = (shared.clone(), seen.clone());
            Arc::new(move |_| seen.lock().unwrap().push(shared.building()))
        };
        let before = Timestamp::now();
        let mut session = Session::new(crate::config::BuildOptions {
            root: dir.path().to_path_buf(),
            ..Default::default()
        });
        // No site.yaml: the rebuild fails, and says so while still running.
        rebuild(&mut session, &shared, &report, None);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert!(seen[0].is_some_and(|since| since >= before), "{seen:?}");
        assert_eq!(shared.building(), None, "done");
    }

    #[tokio::test]
    async fn a_pending_file_is_served_once_it_lands_in_the_same_generation() {
        let shared = Arc::new(Shared::new());
        shared.apply(
            changes(&[("page/2/index.html", "old")]),
            HashSet::new(),
            PathTaken::default(),
        );
        let pending: HashSet<String> = ["page/2/index.html".to_string()].into();
        let generation = shared.apply(
            changes(&[("index.html", "new")]),
            pending,
            PathTaken::default(),
        );
        let waiter = {
            let shared = shared.clone();
            tokio::spawn(async move {
                let snap = shared
                    .settled_for("page/2/index.html", Duration::from_secs(10))
                    .await;
                (snap.files["page/2/index.html"].clone(), snap.generation)
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiter.is_finished(), "served before it was rendered");
        shared.settle(changes(&[("page/2/index.html", "shifted")]));
        let (bytes, seen) = waiter.await.unwrap();
        assert_eq!(&bytes[..], b"shifted");
        assert_eq!(seen, generation, "settling reloads nothing");
        assert!(shared.get().pending.is_empty());
        // Nothing pending: at once.
        let snap = shared
            .settled_for("index.html", Duration::from_secs(10))
            .await;
        assert_eq!(&snap.files["index.html"][..], b"new");
    }
}
