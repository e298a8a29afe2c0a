//! Stage 1: walk `content/` and read every brief, expert and page file into
//! memory as text. Unreadable folders, symlink loops, links leaving the
//! site, non-UTF-8 files and oversized files become diagnostics; only what
//! editors leave behind (hidden, lock, swap and backup files) is skipped
//! without a word ([`crate::input`]).

use crate::diag::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What changes when a file changes (or nearly always does): its size and
/// modification time. Enough to decide whether to read or copy it again.
pub(crate) type Stamp = (u64, Option<std::time::SystemTime>);

/// Whether a file in content/briefs/ may be a brief's lead image or PDF,
/// kept beside it: not warned about as a stray file.
fn is_brief_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// The stamp of the file at `path`; `(0, None)` if it cannot be read.
pub(crate) fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

/// Which collection a content file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Collection {
    Brief,
    Expert,
    Page,
}

impl Collection {
    /// Folder under `content/` that holds this collection.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Collection::Brief => "briefs",
            Collection::Expert => "experts",
            Collection::Page => "pages",
        }
    }

    const ALL: [Collection; 3] = [Collection::Brief, Collection::Expert, Collection::Page];
}

/// One content file, read.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub(crate) collection: Collection,
    /// Path relative to the site root, e.g. `content/briefs/2024/x.md`.
    pub(crate) rel: PathBuf,
    pub(crate) text: String,
}

/// Every content file of a site that could be read, sorted by collection
/// and path, and the problems met on the way (errors and warnings), so later
/// stages can still check the readable files and report everything at once.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub(crate) files: Vec<SourceFile>,
    pub(crate) problems: Diagnostics,
}

/// Reads every content file under `root/content`.
pub(crate) fn load(root: &Path, max_file_size: u64) -> Sources {
    let (paths, mut problems) = list(root);
    let read: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|(collection, rel)| read_source(root, *collection, rel, max_file_size))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    Sources { files, problems }
}

/// Lists every content file (sorted) and the problems met on the way.
pub(crate) fn list(root: &Path) -> (Vec<(Collection, PathBuf)>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let mut paths = Vec::new();
    for collection in Collection::ALL {
        walk(root, collection, &mut paths, &mut problems);
    }
    // `content -> /elsewhere` is met once per collection: say it once.
    problems.0.dedup();
    paths.sort();
    (paths, problems)
}

/// Lists the Markdown files of one collection.
fn walk(
    root: &Path,
    collection: Collection,
    out: &mut Vec<(Collection, PathBuf)>,
    problems: &mut Diagnostics,
) {
    let dir = root.join("content").join(collection.folder());
    if !dir.exists() {
        return;
    }
    for entry in crate::input::walk(root, &dir) {
        let entry = match entry {
            Ok(e) => e,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            // Reading a FIFO would hang the build; a device is never content.
            problems.push(
                Diagnostic::error(&rel, "not a regular file (a pipe, socket or device)")
                    .hint("remove it from content/: only Markdown files belong there"),
            );
            continue;
        }
        if !name.ends_with(".md") {
            if collection == Collection::Brief && is_brief_file(&name) {
                // An image or PDF a brief may name (`image:`, `pdf:`).
                continue;
            }
            problems.push(
                Diagnostic::warning(&rel, "not a Markdown file; ignored")
                    .hint("content files end in .md; put images and downloads under static/"),
            );
            continue;
        }
        if collection == Collection::Expert && entry.depth() > 1 {
            problems.push(
                Diagnostic::error(&rel, "expert files must sit directly in content/experts/")
                    .hint("move it up: the file name (without .md) is the expert's id"),
            );
            continue;
        }
        out.push((collection, rel));
    }
}

/// Reads one content file, checking its size and encoding.
pub(crate) fn read_source(
    root: &Path,
    collection: Collection,
    rel: &Path,
    max: u64,
) -> Result<SourceFile, Diagnostic> {
    let abs = root.join(rel);
    let meta =
        std::fs::metadata(&abs).map_err(|e| Diagnostic::error(rel, format!("cannot read: {e}")))?;
    if meta.len() > max {
        return Err(Diagnostic::error(
            rel,
            format!(
                "file is {} bytes, over the limit of {max} bytes",
                meta.len()
            ),
        )
        .hint("split the file, or raise `max_file_size` in site.yaml"));
    }
    let bytes =
        std::fs::read(&abs).map_err(|e| Diagnostic::error(rel, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = crate::diag::line_col(
            std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default(),
            at,
        );
        Diagnostic::error(
            rel,
            format!("not valid UTF-8 (first bad byte at offset {at})"),
        )
        .at_line(line, col)
        .hint("save the file as UTF-8 in your editor")
    })?;
    Ok(SourceFile {
        collection,
        rel: rel.to_path_buf(),
        text,
    })
}

pub(crate) use crate::input::relative;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_collections_and_reports_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/briefs/2024")).unwrap();
        std::fs::create_dir_all(root.join("content/experts")).unwrap();
        std::fs::write(root.join("content/briefs/2024/a.md"), "x").unwrap();
        std::fs::write(root.join("content/experts/e.md"), "y").unwrap();
        let s = load(root, 100);
        assert!(!s.problems.has_errors());
        let got: Vec<_> = s
            .files
            .iter()
            .map(|f| (f.collection, f.rel.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (Collection::Brief, PathBuf::from("content/briefs/2024/a.md")),
                (Collection::Expert, PathBuf::from("content/experts/e.md")),
            ]
        );
        std::fs::write(root.join("content/experts/bad.md"), b"ok\n\xff").unwrap();
        std::fs::write(root.join("content/experts/big.md"), vec![b'a'; 101]).unwrap();
        let e = load(root, 100).problems.sorted();
        assert_eq!(e.0.len(), 2, "{e}");
        assert!(e.0[0].message.contains("offset 3"), "{e}");
        assert_eq!(e.0[0].line, Some(2));
        assert!(e.0[1].message.contains("over the limit"), "{e}");
    }
}
