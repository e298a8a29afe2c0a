//! The brief files a save changed, read and parsed again, each marked
//! text-only or changing its references; any other change is a [`FallbackReason`].

use super::super::fallback::FallbackReason;
use super::super::{Cached, Session, content_hash, relative};
use super::{MAX_REFERENCE_EDITS, Model};
use crate::config::Config;
use crate::load::{self, Collection};
use crate::load::{Stamp, stamp};
use crate::parse::{self, ParsedBrief, ParsedFile};
use std::path::{Path, PathBuf};

/// A changed brief file, parsed.
pub(super) struct Edit {
    pub(super) path: PathBuf,
    /// The new version; `None` when the file was deleted.
    pub(super) cached: Option<Cached>,
    /// Only its text changed ([`ParsedBrief::differs_only_in_text`]).
    pub(super) text_only: bool,
}

impl Session {
    /// The hinted files parsed again, if every hint is a brief file this
    /// session already holds, and either every new version differs from the
    /// old only in text or there is one, of a published brief keeping its
    /// publication.
    pub(super) fn edits(
        &self,
        config: &Config,
        hints: &[PathBuf],
    ) -> Result<Vec<Edit>, FallbackReason> {
        if !self.complete {
            return Err(FallbackReason::IncompleteCache);
        }
        if hints.is_empty() {
            return Err(FallbackReason::NothingNamed);
        }
        let root = &config.root;
        let model = self.model.as_ref().ok_or(FallbackReason::NoKeptModel)?;
        let mut paths: Vec<PathBuf> = hints
            .iter()
            .map(|h| relative(root, h).ok_or_else(|| FallbackReason::OutsideRoot(h.clone())))
            .collect::<Result<_, _>>()?;
        paths.sort();
        paths.dedup();
        let mut edits = Vec::new();
        for path in paths {
            edits.extend(self.edit_of(config, model, path)?);
        }
        // Past a handful (a checkout, a bulk rename) assembling the site
        // once costs less than patching it file by file.
        let reference_edits = edits.iter().filter(|e| !e.text_only).count();
        if reference_edits > MAX_REFERENCE_EDITS {
            return Err(FallbackReason::TooManyReferenceEdits(reference_edits));
        }
        Ok(edits)
    }

    /// One hinted path (relative to the root) as an edit; `None` when it
    /// changed nothing the site shows.
    fn edit_of(
        &self,
        config: &Config,
        model: &Model,
        path: PathBuf,
    ) -> Result<Option<Edit>, FallbackReason> {
        if crate::input::is_ignored(&path) {
            // An editor's swap, lock or backup file: never content.
            return Ok(None);
        }
        let full = config.root.join(&path);
        if full.is_symlink() {
            // Checked by the full path: it may leave the site or dangle.
            return Err(FallbackReason::Symlink(path));
        }
        let known = self.files.get(&path);
        let site_input = ["static", "templates", "themes"]
            .iter()
            .any(|d| path.starts_with(d));
        if !full.exists() && site_input {
            // A static file or template deleted: the full path takes it out
            // (and reads again what named it, as an expert's photo).
            return Err(FallbackReason::not_a_brief(&path));
        }
        if !full.exists() && known.is_none() {
            // A file that came and went within the burst (an editor's
            // swap or backup file) changed nothing; a folder moved
            // away with files in it did.
            if self.files.keys().any(|k| k.starts_with(&path)) {
                return Err(FallbackReason::FolderChanged(path));
            }
            return Ok(None);
        }
        let in_briefs = path.starts_with("content/briefs");
        let is_markdown = path.extension().is_some_and(|e| e == "md");
        if !in_briefs || !is_markdown || path.file_name().is_none() {
            return Err(FallbackReason::not_a_brief(&path));
        }
        let older = match known.map(|c| &c.item) {
            Some(ParsedFile::Brief(b)) => Some(&**b),
            Some(_) => return Err(FallbackReason::OtherFile(path)),
            None => None,
        };
        if !full.exists() {
            if older.is_some_and(has_adjacent) {
                return Err(FallbackReason::BriefFiles(path));
            }
            let deleted = Edit {
                path,
                cached: None,
                text_only: false,
            };
            return Ok(Some(deleted));
        }
        let stamp_known = known.map(|k| k.stamp);
        self.read_edit(config, model, path, stamp_known, older)
    }

    /// The edit of brief file `path`, there now (`older` as it was, read
    /// when stamped `stamp_known`): nothing if unchanged, or why the full
    /// path must take it.
    fn read_edit(
        &self,
        config: &Config,
        model: &Model,
        path: PathBuf,
        stamp_known: Option<Stamp>,
        older: Option<&ParsedBrief>,
    ) -> Result<Option<Edit>, FallbackReason> {
        let full = config.root.join(&path);
        let now: Stamp = stamp(&full);
        if !full.is_file() || stamp_known == Some(now) {
            // A folder is looked at whole by the full path.
            if full.is_file() {
                return Ok(None);
            }
            return Err(FallbackReason::FolderChanged(path));
        }
        let cached = read_brief(config, &path, now)?;
        let ParsedFile::Brief(newer) = &cached.item else {
            return Err(FallbackReason::OtherFile(path));
        };
        if newer.translation.is_set() || older.is_some_and(|o| o.translation.is_set()) {
            // `lang:` and `translation_of:` are checked by the full path.
            return Err(FallbackReason::Translation(path));
        }
        if older.is_none_or(|o| adjacent_key(o) != adjacent_key(newer))
            && (older.is_some_and(has_adjacent) || has_adjacent(newer))
        {
            return Err(FallbackReason::BriefFiles(path));
        }
        let published = model.ids.contains_key(path.as_path());
        // An unpublished brief that stays so under its slug shows
        // nowhere whatever it says (only its slug is checked, and named
        // in warnings): its text only, as far as the site goes.
        let text_only = older.is_some_and(|older| {
            let same_publication = (older.draft, older.embargo) == (newer.draft, newer.embargo);
            let unseen = !published && same_publication && older.slug == newer.slug;
            unseen || older.differs_only_in_text(newer)
        });
        Ok(Some(Edit {
            path,
            cached: Some(cached),
            text_only,
        }))
    }
}

/// Whether a brief has an image or PDF beside it (copied with its page).
fn has_adjacent(b: &ParsedBrief) -> bool {
    b.publication.assets().any(|a| a.adjacent().is_some())
}

/// What decides which files beside a brief are copied where: the files,
/// their stamps, the brief's URL and its publication.
fn adjacent_key(b: &ParsedBrief) -> impl PartialEq + '_ {
    let files: Vec<_> = (b.publication.assets())
        .filter_map(|a| a.adjacent().map(|at| (at, a.stamp)))
        .collect();
    (files, &b.slug, b.draft, b.embargo)
}

/// Reads and parses brief file `path` (stamped `stamp`).
fn read_brief(config: &Config, path: &Path, stamp: Stamp) -> Result<Cached, FallbackReason> {
    let broken = || FallbackReason::BrokenBrief(path.to_path_buf());
    let file = load::read_source(&config.root, Collection::Brief, path, config.max_file_size)
        .map_err(|_| broken())?;
    let item = parse::parse_one(&file, config).map_err(|_| broken())?;
    let hash = content_hash(&file.text, &item);
    Ok(Cached { stamp, hash, item })
}
