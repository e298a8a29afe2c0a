//! Incremental rebuilds, for `serve`: a [`Session`] keeps every parsed file
//! (re-reading only files whose size or modification time changed) and a
//! fingerprint of the inputs of every output file. A rebuild re-assembles
//! the model (cheap), then renders only the outputs whose fingerprint changed
//! and removes those that no longer exist. The result equals a full build
//! byte for byte; the tests check exactly that.
//!
//! Two paths lead there: `quick` patches the kept model for saves of
//! brief files, `full` assembles it again; when the quick path refuses,
//! a [`FallbackReason`] says why ([`Rebuild::fallback`]).

mod fallback;
mod fingerprint;
mod full;
mod quick;
mod whole;

pub use fallback::FallbackReason;
use fallback::QuickRebuild;

use crate::config::{BuildOptions, CONFIG_FILE, Config};
use crate::diag::Diagnostics;
use crate::load::{Collection, Stamp};
use crate::parse::ParsedFile;
use crate::render::Sink;
use crate::write::MemorySink;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// An output that files can also be removed from.
pub trait Store: Sink {
    /// Removes the file at `path` (relative, `/`-separated), if present.
    fn remove(&self, path: &str) -> std::io::Result<()>;
}

impl Store for MemorySink {
    fn remove(&self, path: &str) -> std::io::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(path);
        Ok(())
    }
}

/// One rebuild's changes to a [`Store`] — files written, paths removed —
/// kept in memory, to be applied to another store all at once or not at all.
#[derive(Default)]
pub struct Staged {
    written: MemorySink,
    removed: std::sync::Mutex<std::collections::BTreeSet<String>>,
}

impl Staged {
    /// The files written and the paths removed.
    pub fn into_changes(self) -> (std::collections::BTreeMap<String, Vec<u8>>, Vec<String>) {
        let removed = self.removed.into_inner().unwrap_or_else(|e| e.into_inner());
        (self.written.into_files(), removed.into_iter().collect())
    }

    /// Makes the same changes to `store`.
    pub fn apply_to(self, store: &dyn Store) -> std::io::Result<()> {
        let (written, removed) = self.into_changes();
        for path in &removed {
            store.remove(path)?;
        }
        for (path, bytes) in &written {
            store.write(path, bytes)?;
        }
        Ok(())
    }

    fn removed(&self) -> std::sync::MutexGuard<'_, std::collections::BTreeSet<String>> {
        self.removed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Staged {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.removed().remove(path);
        self.written.write(path, bytes)
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        self.removed().remove(path);
        self.written.copy(from, path)
    }
}

impl Store for Staged {
    fn remove(&self, path: &str) -> std::io::Result<()> {
        self.written.remove(path)?;
        self.removed().insert(path.to_string());
        Ok(())
    }
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// The fingerprint of a content file: its text, and for a brief the size
/// and stamp of the image and PDF it names (shown on its page).
fn content_hash(text: &str, item: &ParsedFile) -> u64 {
    match item {
        ParsedFile::Brief(b) => hash_of((text, b.publication.assets().collect::<Vec<_>>())),
        _ => hash_of(text),
    }
}

/// What the session knows of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// Rendered from inputs with this fingerprint.
    Fresh(u64),
    /// Rendered by the quick path, fingerprint unknown: the next full
    /// rebuild renders it again.
    Dirty,
    /// Removed by the quick path: the next full rebuild removes it from the
    /// store again (the store may still hold it if that rebuild failed
    /// half-way) and forgets it.
    Removed,
}

struct Cached {
    stamp: Stamp,
    hash: u64,
    item: ParsedFile,
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// Whether only brief text changed, so the kept model was patched in
    /// place instead of assembled again (see the `quick` module).
    pub patched: bool,
    /// Why the full path was taken; `None` when the model was patched.
    pub fallback: Option<FallbackReason>,
    /// Content files read and parsed again.
    pub reparsed: usize,
    /// Pages and feeds rendered: never more than [`Rebuild::outputs`]
    /// (static files, the sitemap and robots.txt are not counted).
    pub written: usize,
    /// Output files removed.
    pub removed: usize,
    /// All pages and feeds of the site.
    pub outputs: usize,
    /// Output files left for [`Session::finish`] (by
    /// [`Session::rebuild_paths_first`]): listing pages that only shifted,
    /// feeds, the sitemap.
    pub deferred: Vec<String>,
    /// Problems that did not stop the rebuild.
    pub warnings: Diagnostics,
    /// The whole rebuild, wall clock.
    pub elapsed: Duration,
    /// Time since the start at the end of each stage.
    pub stages: Vec<(&'static str, Duration)>,
}

impl Rebuild {
    /// `quick`, or `full` with the reason ([`Rebuild::fallback`]).
    pub fn path_taken(&self) -> String {
        match &self.fallback {
            None => "quick path".to_string(),
            Some(reason) => format!("full path: {reason}"),
        }
    }
}

/// A site kept in memory between rebuilds.
pub struct Session {
    opts: BuildOptions,
    config_hash: u64,
    files: FxHashMap<PathBuf, Cached>,
    outputs: HashMap<String, Output>,
    statics: HashMap<String, Stamp>,
    site_files: Vec<String>,
    /// The sitemap and robots.txt, as one output.
    sitemap: Output,
    /// Whether the cache holds every content file (the last check had no errors).
    complete: bool,
    /// Warnings from the last full listing of content/.
    list_warnings: Diagnostics,
    /// Brief values by fingerprint, reused while nothing they show changes.
    brief_values: HashMap<u64, tera::Value>,
    /// The site of the last good rebuild, for the quick path.
    model: Option<quick::Model>,
    /// What the last quick rebuild left to render.
    deferred: Option<quick::DeferredRenders>,
    /// Why the last rebuild took the full path (kept when it failed).
    last_fallback: Option<FallbackReason>,
}

impl Session {
    /// A session with nothing cached: the first rebuild is a full build.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            config_hash: 0,
            files: FxHashMap::default(),
            outputs: HashMap::new(),
            statics: HashMap::new(),
            site_files: Vec::new(),
            sitemap: Output::Dirty,
            complete: false,
            list_warnings: Diagnostics::default(),
            brief_values: HashMap::new(),
            model: None,
            deferred: None,
            last_fallback: None,
        }
    }

    /// Why the last rebuild took the full path, even if it then failed;
    /// `None` when it took the quick path.
    pub fn last_fallback(&self) -> Option<&FallbackReason> {
        self.last_fallback.as_ref()
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// Brings `store` up to date with the files on disk. On any error the
    /// store is left exactly as it was.
    pub fn rebuild(&mut self, store: &dyn Store) -> anyhow::Result<Rebuild> {
        self.rebuild_with(store, None)
    }

    /// Like [`Session::rebuild`], told which files changed (as a file
    /// watcher reports them), so content files need not all be checked.
    /// Falls back to checking every file when a hint is not a Markdown file
    /// or the previous rebuild failed.
    pub fn rebuild_paths(
        &mut self,
        store: &dyn Store,
        changed: &[PathBuf],
    ) -> anyhow::Result<Rebuild> {
        // Both steps into memory first, so an error changes nothing.
        let staged = Staged::default();
        let mut done = self.rebuild_with(&staged, Some(changed))?;
        self.finish(&staged)?;
        staged.apply_to(store)?;
        done.deferred.clear();
        Ok(done)
    }

    /// Like [`Session::rebuild_paths`], but what only shifted (listing
    /// pages showing other briefs or a new count), the feeds and the
    /// sitemap are left for [`Session::finish`], so the pages showing the
    /// change can be served first; [`Rebuild::deferred`] names them.
    pub fn rebuild_paths_first(
        &mut self,
        store: &dyn Store,
        changed: &[PathBuf],
    ) -> anyhow::Result<Rebuild> {
        self.rebuild_with(store, Some(changed))
    }

    fn rebuild_with(
        &mut self,
        store: &dyn Store,
        hints: Option<&[PathBuf]>,
    ) -> anyhow::Result<Rebuild> {
        let started = Instant::now();
        self.last_fallback = None;
        // What an earlier rebuild left for later comes first.
        self.finish(store)?;
        let root = self.opts.root.clone();
        let mut opts = self.opts.clone();
        opts.now = None;
        let config = Config::load(&opts)?;
        // The social image's size is in every page's head, and briefs are
        // parsed with the theme's default kinds: a new image under the same
        // name, or a new `default_kind` word, changes the configuration too.
        let config_hash = hash_of((
            std::fs::read(root.join(CONFIG_FILE)).unwrap_or_default(),
            &opts.base_url,
            opts.drafts,
            config.social_image.as_ref().map(|i| i.info),
            &config.default_kinds,
        ));
        let fallback = if config_hash != self.config_hash {
            let first = self.model.is_none();
            // Every file is parsed under the configuration: all are read
            // again, whatever the hints name (the cache holds none now).
            self.files.clear();
            self.complete = false;
            self.model = None;
            self.config_hash = config_hash;
            match first {
                true => FallbackReason::NoKeptModel,
                false => FallbackReason::ConfigChanged,
            }
        } else if config.is_multilingual() || config.unicode_slugs {
            FallbackReason::SeveralLanguages
        } else {
            match hints {
                None => FallbackReason::NotTold,
                Some(hints) => match self.patch(&config, hints, store, started)? {
                    QuickRebuild::Patched(done) => return Ok(done),
                    QuickRebuild::Fallback { reason } => reason,
                },
            }
        };
        let pass = Pass {
            hints,
            store,
            started,
            fallback,
        };
        if config.is_multilingual() || config.unicode_slugs {
            return self.render_all(config, pass);
        }
        self.full_rebuild(config, config_hash, pass)
    }
}

/// A rebuild on the full path (or the whole-site one): the files named as
/// changed, where the output goes, when it started and why the quick path
/// was not taken.
struct Pass<'a> {
    hints: Option<&'a [PathBuf]>,
    store: &'a dyn Store,
    started: Instant,
    fallback: FallbackReason,
}

/// The sitemap's files (past 50,000 URLs it comes in parts) and
/// robots.txt among the files of one rebuild.
fn site_files(written: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<String> {
    (written.keys())
        .filter(|p| p.starts_with("sitemap") || *p == "robots.txt")
        .cloned()
        .collect()
}

/// A path the watcher reported, relative to the site root; `None` for one
/// outside it.
fn relative(root: &Path, hint: &Path) -> Option<PathBuf> {
    if let Ok(rel) = hint.strip_prefix(root) {
        return Some(rel.to_path_buf());
    }
    if let Some(Ok(rel)) = root
        .canonicalize()
        .ok()
        .as_deref()
        .map(|c| hint.strip_prefix(c))
    {
        return Some(rel.to_path_buf());
    }
    (!hint.is_absolute()).then(|| hint.to_path_buf())
}

/// The hinted paths as content files (collection, path relative to the
/// root), or `None` when any hint is something else inside content/ (a
/// folder, another kind of file): then every file must be checked.
fn content_files(root: &Path, hints: &[PathBuf]) -> Option<Vec<(Collection, PathBuf)>> {
    let mut out = Vec::new();
    for hint in hints {
        let rel = relative(root, hint)?;
        let rel = rel.as_path();
        let Ok(inside) = rel.strip_prefix("content") else {
            continue;
        };
        if crate::input::is_ignored(rel) {
            // An editor's swap, lock or backup file: never content.
            continue;
        }
        let collection = match inside.components().next()?.as_os_str().to_str()? {
            "briefs" => Collection::Brief,
            "experts" => Collection::Expert,
            "pages" => Collection::Page,
            _ => continue,
        };
        let is_markdown = rel.extension().is_some_and(|e| e == "md");
        let misplaced = collection == Collection::Expert && inside.components().count() != 2;
        // A link is checked by the full listing: it may leave the site.
        let full = root.join(rel);
        if !is_markdown || misplaced || full.is_dir() || full.is_symlink() {
            return None;
        }
        out.push((collection, rel.to_path_buf()));
    }
    out.sort();
    out.dedup();
    Some(out)
}
