//! Stage 5: output on disk. The site is written into a staging folder beside
//! the output folder and swapped in with renames only once everything
//! succeeded, so a failed build leaves the last good site untouched. Output
//! folders that would destroy sources, or that briefs did not make, are
//! refused.

use crate::render::Sink;
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The file briefs leaves in every output folder it made; after its first
/// line it lists the files of that build (for pruning when recycled).
pub const MARKER: &str = ".briefs-output";

mod staging;

pub use staging::Staging;

/// A [`Sink`] writing into a folder, remembering what it wrote.
pub struct DiskSink {
    dir: PathBuf,
    written: Mutex<Vec<String>>,
    /// The folder holds an earlier build: leave files whose bytes are the same.
    keep_same: bool,
}

impl DiskSink {
    /// Writes below `dir`, which must exist.
    pub fn new(dir: PathBuf) -> Self {
        DiskSink {
            dir,
            written: Mutex::new(Vec::new()),
            keep_same: false,
        }
    }

    /// Writes below `dir`, which holds an earlier build: a file whose bytes
    /// would not change is left alone (no write, same modification time, so
    /// `rsync` or `aws s3 sync` upload only what changed).
    pub fn over_earlier_build(dir: PathBuf) -> Self {
        DiskSink {
            keep_same: true,
            ..DiskSink::new(dir)
        }
    }

    /// Whether `target` already holds exactly `bytes`.
    fn holds(&self, target: &Path, bytes: &[u8]) -> bool {
        self.keep_same
            && std::fs::metadata(target).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(target).is_ok_and(|old| old == bytes)
    }

    /// Every path written so far.
    pub fn written(&self) -> Vec<String> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn target(&self, path: &str) -> std::io::Result<PathBuf> {
        let rel = Path::new(path);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(std::io::Error::other(format!(
                "refusing to write outside the output folder: {path}"
            )));
        }
        Ok(self.dir.join(rel))
    }

    /// Runs `make` on `target`; if its folder is missing, creates it and
    /// tries again (so a recycled tree costs no mkdir calls at all).
    fn with_folder<T>(
        &self,
        path: &str,
        make: impl Fn(&Path) -> std::io::Result<T>,
    ) -> std::io::Result<()> {
        let target = self.target(path)?;
        let made = match make(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                make(&target)
            }
            other => other,
        };
        made?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }
}

impl Sink for DiskSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.with_folder(path, |t| {
            if self.holds(t, bytes) {
                return Ok(());
            }
            std::fs::write(t, bytes)
        })
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        self.with_folder(path, |t| {
            if self.keep_same && std::fs::read(from).is_ok_and(|b| self.holds(t, &b)) {
                return Ok(());
            }
            std::fs::copy(from, t).map(|_| ())
        })
    }
}

impl crate::incremental::Store for DiskSink {
    fn remove(&self, path: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.target(path)?) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

/// A [`Sink`] keeping files in memory (for `check` and tests).
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    /// The files written so far.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.write(path, &bytes)
    }
}

/// Refuses output folders that would overwrite or delete sources: the site
/// root or an ancestor, a source folder or anything inside one, and a
/// non-empty folder briefs did not make (unless `force`).
pub fn check_output(root: &Path, output: &Path, force: bool) -> anyhow::Result<()> {
    let root = normalise(root)?;
    let out = normalise(output)?;
    if root.starts_with(&out) {
        bail!(
            "refusing to write the site into {}: it is the site root or holds it; choose a folder such as public/",
            output.display()
        );
    }
    for src in ["content", "themes", "templates", "static", "site.yaml"] {
        if out.starts_with(root.join(src)) {
            bail!(
                "refusing to write the site into {}: it is inside the source folder {src}/",
                output.display()
            );
        }
    }
    if out.exists() && !force && !out.join(MARKER).exists() {
        let mut entries = std::fs::read_dir(&out)
            .with_context(|| format!("cannot read output folder {}", out.display()))?;
        if entries.next().is_some() {
            bail!(
                "refusing to replace {}: it is not empty and briefs did not make it (no {MARKER} file); pass --force to replace it anyway",
                output.display()
            );
        }
    }
    Ok(())
}

/// An absolute path with `.` and `..` resolved lexically, then symlinks
/// resolved in the longest part that exists.
fn normalise(p: &Path) -> anyhow::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    out.extend(rest.iter().rev());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("content"),
            root.join("content/x"),
            root.join("public/../content"),
        ] {
            assert!(
                check_output(&root, &bad, false).is_err(),
                "{}",
                bad.display()
            );
        }
        assert!(check_output(&root, &root.join("public"), false).is_ok());
        std::fs::create_dir_all(root.join("other")).unwrap();
        std::fs::write(root.join("other/keep.txt"), "x").unwrap();
        assert!(check_output(&root, &root.join("other"), false).is_err());
        assert!(check_output(&root, &root.join("other"), true).is_ok());
    }

    #[test]
    fn disk_sink_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DiskSink::new(dir.path().to_path_buf());
        assert!(sink.write("../x", b"").is_err());
        assert!(sink.write("/etc/x", b"").is_err());
        assert!(sink.write("a/b.html", b"x").is_ok());
    }
}
