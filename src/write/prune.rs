//! Pruning a recycled staging folder to what this build wrote: by the list
//! a successful build left in its marker, or, when that list cannot be
//! trusted, by a listing of the whole folder made while the site renders.

use super::{DiskSink, MARKER};
use anyhow::Context;
use std::collections::HashSet;
use std::path::Path;

/// What a recycled folder held before this build wrote: its files (and
/// links, and anything else not a folder) and its folders, relative.
#[derive(Default)]
pub(super) struct Listing {
    pub(super) files: Vec<String>,
    pub(super) folders: Vec<String>,
}

/// Lists a folder's files and folders, relative, folders parents first.
pub(super) fn list(dir: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(std::io::Error::other)?;
        let Some(rel) = entry.path().strip_prefix(dir).ok().and_then(Path::to_str) else {
            // A name that is not UTF-8 was never written by briefs.
            let _ = match entry.file_type().is_dir() {
                true => std::fs::remove_dir_all(entry.path()),
                false => std::fs::remove_file(entry.path()),
            };
            continue;
        };
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        match entry.file_type().is_dir() {
            true => listing.folders.push(rel),
            false => listing.files.push(rel),
        }
    }
    Ok(listing)
}

/// Removes the files of `listed` that `written` does not hold, and the
/// folders that leaves empty: no walk over the whole tree.
pub(super) fn prune_listed(
    dir: &Path,
    listed: &[String],
    written: &[String],
) -> anyhow::Result<()> {
    let keep: HashSet<&str> = written.iter().map(String::as_str).collect();
    for stale in listed.iter().filter(|m| !keep.contains(m.as_str())) {
        let Ok(path) = DiskSink::new(dir.to_path_buf()).target(stale) else {
            continue;
        };
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
        let mut folder = path.parent();
        while let Some(f) = folder.filter(|f| *f != dir) {
            if std::fs::remove_dir(f).is_err() {
                break;
            }
            folder = f.parent();
        }
    }
    Ok(())
}

/// Removes every file, link and folder of `listing` that no written
/// file is (or is in).
pub(super) fn prune_unlisted(
    dir: &Path,
    listing: &Listing,
    written: &[String],
) -> anyhow::Result<()> {
    let keep: HashSet<&str> = written.iter().map(String::as_str).chain([MARKER]).collect();
    let mut kept_folders: HashSet<&str> = HashSet::new();
    for w in written {
        let mut p = w.as_str();
        while let Some((parent, _)) = p.rsplit_once('/') {
            if !kept_folders.insert(parent) {
                break;
            }
            p = parent;
        }
    }
    for stale in listing.files.iter().filter(|f| !keep.contains(f.as_str())) {
        let path = dir.join(stale);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
    }
    // Deepest first, so a folder is emptied before its parent.
    for folder in listing.folders.iter().rev() {
        if kept_folders.contains(folder.as_str()) {
            continue;
        }
        let path = dir.join(folder);
        if std::fs::remove_dir(&path).is_err() && path.is_dir() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}
