//! The watcher: file-system events under site.yaml, content/, static/,
//! templates/, themes/ and i18n/ (notify), debounced (a burst of events settles for
//! [`DEBOUNCE`] before one rebuild), each burst followed by one rebuild.

use super::site::{Change, Shared, rebuild};
use super::{Event, Reporter};
use crate::config::CONFIG_FILE;
use crate::incremental::Session;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long events must pause before a rebuild starts.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(25);

/// The folders watched recursively (when they exist).
const WATCHED: &[&str] = &["content", "static", "templates", "themes", "i18n"];

/// Starts watching `opts.root` on a thread of its own; rebuilds into `shared`.
pub(crate) fn spawn(
    mut session: Session,
    shared: Arc<Shared>,
    report: Reporter,
) -> anyhow::Result<()> {
    let root = session
        .root()
        .canonicalize()
        .unwrap_or_else(|_| session.root().to_path_buf());
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched = HashMap::new();
    add_watches(&mut watcher, &root, &mut watched, &report);
    std::thread::Builder::new()
        .name("briefs-watch".into())
        .spawn(move || {
            // The watcher lives as long as this thread.
            let mut watcher = watcher;
            while let Some(changed) = next_burst(&rx, &root) {
                rebuild(&mut session, &shared, &report, Some(changed));
                add_watches(&mut watcher, &root, &mut watched, &report);
            }
        })?;
    Ok(())
}

/// Watches the source folders that exist and are not watched yet: a folder
/// may appear after serve started, or be replaced (a `git checkout`), which
/// ends its old watch.
fn add_watches(
    watcher: &mut impl Watcher,
    root: &Path,
    watched: &mut HashMap<PathBuf, u64>,
    report: &Reporter,
) {
    for name in WATCHED {
        let dir = root.join(name);
        let id = identity(&dir);
        if watched.get(&dir).copied() == id {
            continue;
        }
        if watched.remove(&dir).is_some() {
            let _ = watcher.unwatch(&dir);
        }
        let Some(id) = id else {
            continue;
        };
        match watcher.watch(&dir, RecursiveMode::Recursive) {
            Ok(()) => {
                watched.insert(dir, id);
            }
            Err(e) => report(Event::WatchError(format!(
                "cannot watch {}: {e}",
                dir.display()
            ))),
        }
    }
}

/// Which folder is at `dir` now (its inode on Unix), if a folder is there.
fn identity(dir: &Path) -> Option<u64> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(0)
    }
}

type Events = Receiver<notify::Result<notify::Event>>;

/// Waits for a relevant change, then until events pause for [`DEBOUNCE`].
/// Returns when the first relevant event came and every path the burst
/// named (none if the watcher reported an error), or `None` when the
/// watcher stopped.
fn next_burst(rx: &Events, root: &Path) -> Option<Change> {
    let first_event = loop {
        let event = rx.recv().ok()?;
        if is_relevant(&event, root) {
            break event;
        }
    };
    let at = Instant::now();
    let mut paths = Some(Vec::new());
    // Files only read (by the search indexer, say) are no change: their
    // access events name no path to check again.
    let mut note = |event: notify::Result<notify::Event>| match (event, paths.as_mut()) {
        (Ok(e), _) if matches!(e.kind, EventKind::Access(_)) => {}
        (Ok(e), Some(p)) => p.extend(e.paths),
        (Ok(_), None) => {}
        (Err(_), _) => paths = None,
    };
    note(first_event);
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(event) => note(event),
            Err(RecvTimeoutError::Timeout) => return Some(Change { at, paths }),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Whether an event touches a source: site.yaml or anything in a watched
/// folder that a build reads (an editor's swap or lock file is not).
fn is_relevant(event: &notify::Result<notify::Event>, root: &Path) -> bool {
    let Ok(event) = event else {
        return true;
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        let Ok(rel) = p.strip_prefix(root) else {
            return false;
        };
        let first = rel.components().next().map(|c| c.as_os_str().to_owned());
        first.is_some_and(|f| f == CONFIG_FILE || WATCHED.iter().any(|w| f == *w))
            && !crate::input::is_ignored(rel)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_only_read_during_a_burst_are_not_named() {
        let (tx, rx) = std::sync::mpsc::channel();
        let ev = |kind: EventKind, p: &str| Ok(notify::Event::new(kind).add_path(PathBuf::from(p)));
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        let read = EventKind::Access(notify::event::AccessKind::Open(
            notify::event::AccessMode::Any,
        ));
        tx.send(ev(modify, "/site/content/briefs/a.md")).unwrap();
        tx.send(ev(read, "/site/content/experts/e.md")).unwrap();
        drop(tx);
        // The sender is gone once the burst is read: the watcher stopped.
        assert!(next_burst(&rx, Path::new("/site")).is_none());
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send(ev(modify, "/site/content/briefs/a.md")).unwrap();
        tx.send(ev(read, "/site/content/experts/e.md")).unwrap();
        let change = next_burst(&rx, Path::new("/site")).unwrap();
        assert_eq!(
            change.paths,
            Some(vec![PathBuf::from("/site/content/briefs/a.md")])
        );
        drop(tx);
    }

    #[test]
    fn relevance() {
        let root = Path::new("/site");
        let ev = |p: &str| {
            Ok(
                notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
                    .add_path(PathBuf::from(p)),
            )
        };
        for (p, want) in [
            ("/site/site.yaml", true),
            ("/site/content/briefs/a.md", true),
            ("/site/themes/default/templates/base.html", true),
            ("/site/public/index.html", false),
            ("/site/.public.briefs-staging-1", false),
            ("/site/content/briefs/.a.md.swp", false),
            ("/site/content/briefs/.#a.md", false),
            ("/site/content/briefs/a.md~", false),
            ("/site/content/briefs/4913", false),
            ("/site/static/.git/index", false),
            ("/elsewhere/content/a.md", false),
        ] {
            assert_eq!(is_relevant(&ev(p), root), want, "{p}");
        }
    }
}
