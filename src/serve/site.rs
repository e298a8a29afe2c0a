//! The served site: the last good build held in memory, the errors of the
//! latest build if it failed, and a generation counter that the reload
//! channel announces. A failed rebuild keeps the last good files.

use super::{Event, Reporter};
use crate::config::BuildOptions;
use crate::diag::Diagnostics;
use crate::render::Sink;
use crate::write::MemorySink;
use axum::body::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
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

/// Builds the site into memory and publishes the result; a failure keeps
/// the last good files and publishes the diagnostics instead.
pub fn rebuild(opts: &BuildOptions, shared: &Shared, report: &Reporter, changed: Option<Instant>) {
    let started = Instant::now();
    let sink = ServeSink::new(&opts.root);
    match crate::build_into(opts, &sink) {
        Ok(built) => {
            let files = sink
                .memory
                .into_files()
                .into_iter()
                .map(|(k, v)| (k, Bytes::from(v)))
                .collect();
            let generation = shared.publish(Some(files), None);
            report(Event::Built {
                report: Box::new(built),
                generation,
                since_change: changed.map(|c| c.elapsed()),
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

/// A memory sink that leaves out static files reached through symlinks
/// pointing outside the site root, so serve never hands out such a file.
struct ServeSink {
    memory: MemorySink,
    root: Option<PathBuf>,
}

impl ServeSink {
    fn new(root: &Path) -> ServeSink {
        ServeSink {
            memory: MemorySink::default(),
            root: root.canonicalize().ok(),
        }
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
