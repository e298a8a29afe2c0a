//! The served site: the last good build held in memory, the errors of the
//! latest build if it failed, and a generation counter that the reload
//! channel announces. A failed rebuild keeps the last good files.

use super::{Event, Reporter};
use crate::diag::Diagnostics;
use crate::incremental::{Session, Store};
use crate::render::Sink;
use crate::write::MemorySink;
use axum::body::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tokio::sync::watch;

/// One state of the served site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Files of the last good build, by output path.
    pub files: HashMap<String, Bytes>,
    /// Bumped by every rebuild, good or failed.
    pub generation: u64,
    /// The diagnostics of the latest build, if it failed.
    pub error: Option<String>,
}

/// The snapshot shared by the server and the watcher, and the channel that
/// tells open pages about new generations.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    pub changes: watch::Sender<u64>,
}

impl Shared {
    /// An empty site at generation 0.
    pub fn new() -> Shared {
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            changes: watch::channel(0).0,
        }
    }

    /// The current snapshot.
    pub fn get(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Publishes the last good files with one rebuild's changes applied.
    fn apply(&self, changes: Changes) -> u64 {
        let mut files = self.get().files.clone();
        for path in changes.removed {
            files.remove(&path);
        }
        for (path, bytes) in changes.written {
            files.insert(path, Bytes::from(bytes));
        }
        self.publish(Some(files), None)
    }

    fn publish(&self, files: Option<HashMap<String, Bytes>>, error: Option<String>) -> u64 {
        let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let generation = slot.generation + 1;
        let files = files.unwrap_or_else(|| slot.files.clone());
        *slot = Arc::new(Snapshot {
            files,
            generation,
            error,
        });
        drop(slot);
        self.changes.send_replace(generation);
        generation
    }
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

/// What set off a rebuild: when the first change came, and which files
/// changed (`None`: unknown, so every file is checked).
pub struct Change {
    pub at: Instant,
    pub paths: Option<Vec<PathBuf>>,
}

/// Brings the served site up to date through the incremental `session`
/// (only what the change affects is rendered again) and publishes the
/// result; a failure keeps the last good files and publishes the diagnostics.
pub fn rebuild(session: &mut Session, shared: &Shared, report: &Reporter, change: Option<Change>) {
    let started = Instant::now();
    let store = ServeSink::new(session.root());
    let result = match change.as_ref().and_then(|c| c.paths.as_deref()) {
        Some(paths) => session.rebuild_paths(&store, paths),
        None => session.rebuild(&store),
    };
    match result {
        Ok(rebuilt) => {
            let generation = shared.apply(store.into_changes());
            report(Event::Built {
                rebuild: Box::new(rebuilt),
                generation,
                since_change: change.map(|c| c.at.elapsed()),
            });
        }
        Err(e) => {
            let text = error_text(&e);
            shared.publish(None, Some(text.clone()));
            report(Event::Failed {
                text,
                elapsed: started.elapsed(),
            });
        }
    }
}

/// Diagnostics as printed by the command line, or the error and its causes.
pub fn error_text(e: &anyhow::Error) -> String {
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
    memory: MemorySink,
    removed: Mutex<Vec<String>>,
    root: Option<PathBuf>,
}

/// Files written (by path) and paths removed by one rebuild.
pub struct Changes {
    pub written: std::collections::BTreeMap<String, Vec<u8>>,
    pub removed: Vec<String>,
}

impl ServeSink {
    fn new(root: &Path) -> ServeSink {
        ServeSink {
            memory: MemorySink::default(),
            removed: Mutex::new(Vec::new()),
            root: root.canonicalize().ok(),
        }
    }

    fn into_changes(self) -> Changes {
        Changes {
            written: self.memory.into_files(),
            removed: self.removed.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

impl Store for ServeSink {
    fn remove(&self, path: &str) -> std::io::Result<()> {
        self.removed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }
}

impl Sink for ServeSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.memory.write(path, bytes)
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        let inside = match (&self.root, from.canonicalize()) {
            (Some(root), Ok(real)) => real.starts_with(root),
            _ => false,
        };
        if inside {
            self.memory.copy(from, path)
        } else {
            Ok(())
        }
    }
}
