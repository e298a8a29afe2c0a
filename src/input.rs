//! What a build reads from the site's source folders (`content/`,
//! `static/`, `templates/`, a theme): the one walk every stage uses. It
//! takes a folder and yields its files and folders in name order, links
//! followed, with two rules applied in one place:
//!
//! - files editors and tools leave behind ([`is_leftover`]: hidden files
//!   and folders, lock, swap and backup files) are skipped without a word;
//! - a symbolic link that resolves outside the site root is an error naming
//!   the link, and is not followed (like Jekyll's safe mode), so nothing
//!   outside the site folder is ever published.
//!
//! Only links are resolved (walkdir knows which entries are links), so a
//! walk costs no more than before for ordinary files.

use crate::diag::Diagnostic;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Whether a file or folder name is one a build never reads: hidden
/// (`.git/`, `.DS_Store`, `.gitkeep`, Emacs's `.#x.md` lock, Vim's
/// `.x.md.swp`), a backup (`x.md~`), an Emacs auto-save (`#x.md#`), a swap
/// file, an Office lock (`~$x.docx`) or Vim's write probe (`4913`).
/// Two hidden names are meant for the web and stay: `.well-known/` (RFC
/// 8615: `security.txt`, app links) and `.htaccess` (Apache hosts).
pub(crate) fn is_leftover(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    if matches!(name, b".well-known" | b".htaccess") {
        return false;
    }
    let ends = |suffix: &[u8]| name.ends_with(suffix);
    name.starts_with(b".")
        || name.starts_with(b"~$")
        || name.ends_with(b"~")
        || (name.len() > 1 && name.starts_with(b"#") && name.ends_with(b"#"))
        || ends(b".swp")
        || ends(b".swo")
        || ends(b".swx")
        || is_vim_probe(name)
}

/// Vim checks that it may write a folder by creating `4913` (then 5036,
/// 5159, … while the name is taken) and deleting it at once.
fn is_vim_probe(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > 5 || !name.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n: u32 = name.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    n >= 4913 && (n - 4913) % 123 == 0
}

/// Whether any part of `rel` (a path below the site root) is a leftover,
/// so nothing at that path is ever read.
pub(crate) fn is_ignored(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        std::path::Component::Normal(name) => is_leftover(name),
        _ => false,
    })
}

/// Walks `dir` (a folder under `root`), yielding every file and folder to
/// read, or a diagnostic for what cannot be read: a link leaving the site,
/// a link loop, a dangling link, an unreadable folder. `dir` itself and
/// the folders leading to it are checked too (`static -> /etc`).
pub(crate) fn walk(root: &Path, dir: &Path) -> Walk {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut first = None;
    if let Ok(real) = dir.canonicalize() {
        if !real.starts_with(&canonical_root) {
            first = Some(leaving_link(root, &canonical_root, dir));
        }
    }
    let inner = first.is_none().then(|| {
        walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
    });
    Walk {
        root: root.to_path_buf(),
        canonical_root,
        dir: dir.to_path_buf(),
        inner,
        first,
    }
}

/// The walk of one source folder; see [`walk`].
pub(crate) struct Walk {
    root: PathBuf,
    canonical_root: PathBuf,
    dir: PathBuf,
    inner: Option<walkdir::IntoIter>,
    first: Option<Diagnostic>,
}

impl Iterator for Walk {
    type Item = Result<walkdir::DirEntry, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(d) = self.first.take() {
            return Some(Err(d));
        }
        let inner = self.inner.as_mut()?;
        loop {
            let entry = match inner.next()? {
                Ok(entry) => entry,
                // An Emacs lock file is a dangling link: not an error.
                Err(e) if e.path().and_then(Path::file_name).is_some_and(is_leftover) => {
                    continue;
                }
                Err(e) => return Some(Err(walk_error(&self.root, &self.dir, &e))),
            };
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 && is_leftover(entry.file_name()) {
                if is_dir {
                    inner.skip_current_dir();
                }
                continue;
            }
            if entry.depth() > 0 && entry.path_is_symlink() {
                let inside = entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|real| real.starts_with(&self.canonical_root));
                if !inside {
                    if is_dir {
                        inner.skip_current_dir();
                    }
                    let d = leaving_link(&self.root, &self.canonical_root, entry.path());
                    return Some(Err(d));
                }
            }
            return Some(Ok(entry));
        }
    }
}

/// The error for `path`, which resolves outside the site: it names the
/// first link on the way (`static`, for `static/x.css` with `static ->
/// /etc`), relative to the root, and where it points.
fn leaving_link(root: &Path, canonical_root: &Path, path: &Path) -> Diagnostic {
    let rel = relative(root, path);
    let mut link = root.to_path_buf();
    for part in rel.components() {
        link.push(part);
        let leaves = link.is_symlink()
            && link
                .canonicalize()
                .is_ok_and(|real| !real.starts_with(canonical_root));
        if leaves {
            break;
        }
    }
    let target = std::fs::read_link(&link).unwrap_or_default();
    let mut to = target.display().to_string();
    if let Ok(real) = link.canonicalize() {
        if real != target {
            to.push_str(&format!(" (which is {})", real.display()));
        }
    }
    Diagnostic::error(
        relative(root, &link),
        format!("symbolic link to {to}, outside the site folder"),
    )
    .hint("copy the file into the site, or point the link inside it: nothing outside the site folder is ever read or published")
}

/// A diagnostic for an error of the walk of `dir`.
fn walk_error(root: &Path, dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let at = e.path().unwrap_or(dir);
    let rel = relative(root, at);
    if let Some(ancestor) = e.loop_ancestor() {
        // walkdir gives the ancestor resolved; compare it with the root resolved.
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let ancestor = ancestor.strip_prefix(&canonical_root).unwrap_or(ancestor);
        return Diagnostic::error(
            &rel,
            format!(
                "symbolic link loop: it points back to {}/",
                ancestor.display()
            ),
        )
        .hint("remove the link or point it outside its own folder");
    }
    if let Ok(target) = std::fs::read_link(at) {
        if !at.exists() {
            return Diagnostic::error(
                &rel,
                format!(
                    "symbolic link to {}, which does not exist",
                    target.display()
                ),
            )
            .hint("remove the link, or point it at a file that exists");
        }
    }
    let cause = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    Diagnostic::error(&rel, format!("cannot read: {cause}"))
        .hint("check the file's permissions, or remove it")
}

/// `path` relative to `root`, for messages.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers() {
        for (name, want) in [
            ("2024-01-01-x.md", false),
            ("style.css", false),
            ("2024", false),
            ("4912", false),
            ("5000", false),
            ("x#y.md", false),
            ("#", false),
            (".well-known", false),
            (".htaccess", false),
            ("~", true),
            (".git", true),
            (".DS_Store", true),
            (".gitkeep", true),
            (".#x.md", true),
            (".x.md.swp", true),
            (".x.md.swo", true),
            ("x.md.swp", true),
            ("x.md~", true),
            ("#x.md#", true),
            ("~$report.docx", true),
            ("4913", true),
            ("5036", true),
            ("5159", true),
        ] {
            assert_eq!(is_leftover(OsStr::new(name)), want, "{name}");
        }
        assert!(is_ignored(Path::new("content/briefs/.git/x.md")));
        assert!(is_ignored(Path::new("static/x.css~")));
        assert!(!is_ignored(Path::new("content/briefs/2024/x.md")));
    }

    #[cfg(unix)]
    #[test]
    fn walks_skipping_leftovers_and_refusing_links_out() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let dir = root.join("static");
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::write(dir.join(".git/HEAD"), "x").unwrap();
        std::fs::write(dir.join("a.css"), "a").unwrap();
        std::fs::write(dir.join("a.css~"), "a").unwrap();
        symlink("a.css", dir.join("b.css")).unwrap();
        symlink("gone", dir.join(".#a.css")).unwrap();
        symlink(outside.path().join("secret"), dir.join("c.txt")).unwrap();
        symlink(outside.path(), dir.join("d")).unwrap();
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for found in walk(root, &dir) {
            match found {
                Ok(e) if e.file_type().is_file() => files.push(relative(&dir, e.path())),
                Ok(_) => {}
                Err(d) => errors.push(d.path),
            }
        }
        assert_eq!(files, [PathBuf::from("a.css"), PathBuf::from("b.css")]);
        assert_eq!(
            errors,
            [PathBuf::from("static/c.txt"), PathBuf::from("static/d")]
        );
        // The root reached through a link: the same, compared resolved.
        let alias = outside.path().join("alias");
        symlink(root, &alias).unwrap();
        let n = walk(&alias, &alias.join("static"))
            .filter(Result::is_err)
            .count();
        assert_eq!(n, 2);
        // The folder itself leaving the site.
        symlink(outside.path(), root.join("themes")).unwrap();
        let all: Vec<_> = walk(root, &root.join("themes")).collect();
        assert_eq!(all.len(), 1);
        let d = all[0].as_ref().unwrap_err();
        assert_eq!(d.path, PathBuf::from("themes"));
        assert!(d.message.contains("outside the site folder"), "{d}");
    }
}
