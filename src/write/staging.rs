//! The staging folder of a build: made (or recycled from the spare) beside
//! the output folder, pruned of an earlier build's leftovers, and swapped in
//! with renames; builds killed midway are cleaned up after.

use super::{DiskSink, MARKER};
use anyhow::Context;
use std::path::{Path, PathBuf};

const MARKER_HEAD: &str = "This folder was made by briefs; the next build replaces it.\n";

/// The file list in a marker's text, if it has one.
fn manifest_of(text: &str) -> Option<Vec<String>> {
    let list = text.strip_prefix(MARKER_HEAD)?;
    Some(
        list.lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// A staging folder beside the output; removed on drop unless published.
///
/// The site replaced by a build is kept as the *spare* (`.public.briefs.spare`)
/// and becomes the next build's staging folder: its files are overwritten in
/// place and the ones the new build did not make are pruned, so a rebuild
/// creates no folders and deletes almost nothing (unlinking a hundred
/// thousand files is slow on many disks). The spare doubles the disk space
/// the site takes; deleting it is always safe.
pub struct Staging {
    pub dir: PathBuf,
    output: PathBuf,
    spare: PathBuf,
    /// Whether `dir` is a recycled spare that may hold files of an older build.
    recycled: bool,
    /// The files that older build wrote, when its marker lists them.
    manifest: Option<Vec<String>>,
    published: bool,
}

impl Staging {
    /// Claims the spare as staging folder, or creates an empty one.
    pub fn new(output: &Path) -> anyhow::Result<Staging> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        clear_stale(parent, &name, output);
        let dir = parent.join(format!(".{name}.briefs-staging-{}", std::process::id()));
        let spare = parent.join(format!(".{name}.briefs.spare"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        let recycled = spare.join(MARKER).is_file() && std::fs::rename(&spare, &dir).is_ok();
        // The marker of a recycled folder lists the files its build wrote.
        let manifest = recycled
            .then(|| std::fs::read_to_string(dir.join(MARKER)).ok())
            .flatten()
            .and_then(|text| manifest_of(&text));
        if !recycled {
            if spare.exists() {
                let _ = std::fs::remove_dir_all(&spare);
            }
            std::fs::create_dir(&dir)
                .with_context(|| format!("cannot create staging folder {}", dir.display()))?;
        }
        std::fs::write(dir.join(MARKER), MARKER_HEAD)?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            spare,
            recycled,
            manifest,
            published: false,
        })
    }

    /// Whether the folder is a recycled spare holding an earlier build.
    pub fn recycled(&self) -> bool {
        self.recycled
    }

    /// Removes what an older build left in a recycled staging folder: every
    /// file not in `written` (nor the marker), then folders left empty.
    pub fn prune(&self, written: &[String]) -> anyhow::Result<()> {
        let mut marker = String::with_capacity(written.len() * 32 + MARKER_HEAD.len());
        marker.push_str(MARKER_HEAD);
        // Sorted: pages are written in parallel, output must be the same every time.
        let mut listed: Vec<&str> = written.iter().map(String::as_str).collect();
        listed.sort_unstable();
        for w in listed {
            marker.push_str(w);
            marker.push('\n');
        }
        std::fs::write(self.dir.join(MARKER), marker)
            .with_context(|| format!("cannot write {}", self.dir.join(MARKER).display()))?;
        if !self.recycled {
            return Ok(());
        }
        if let Some(manifest) = &self.manifest {
            return self.prune_listed(manifest, written);
        }
        let keep: std::collections::HashSet<&str> =
            written.iter().map(String::as_str).chain([MARKER]).collect();
        // Folders holding a kept file stay; only the others may have emptied.
        let mut kept_dirs: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for w in written {
            let mut p = w.as_str();
            while let Some((parent, _)) = p.rsplit_once('/') {
                if !kept_dirs.insert(parent) {
                    break;
                }
                p = parent;
            }
        }
        for entry in walkdir::WalkDir::new(&self.dir)
            .min_depth(1)
            .contents_first(true)
        {
            let entry = entry.with_context(|| format!("cannot read {}", self.dir.display()))?;
            let path = entry.path();
            let rel = path
                .strip_prefix(&self.dir)
                .ok()
                .and_then(Path::to_str)
                .unwrap_or_default();
            if entry.file_type().is_dir() {
                if !kept_dirs.contains(rel) && is_empty_dir(path) {
                    std::fs::remove_dir(path)
                        .with_context(|| format!("cannot remove {}", path.display()))?;
                }
            } else if !keep.contains(rel) {
                std::fs::remove_file(path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
        Ok(())
    }

    /// Removes the files of `manifest` that `written` does not hold, and the
    /// folders that leaves empty: no walk over the whole tree.
    fn prune_listed(&self, manifest: &[String], written: &[String]) -> anyhow::Result<()> {
        let keep: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
        for stale in manifest.iter().filter(|m| !keep.contains(m.as_str())) {
            let Ok(path) = DiskSink::new(self.dir.clone()).target(stale) else {
                continue;
            };
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(e).with_context(|| format!("cannot remove {}", path.display()));
                }
                _ => {}
            }
            let mut folder = path.parent();
            while let Some(f) = folder.filter(|f| *f != self.dir) {
                if std::fs::remove_dir(f).is_err() {
                    break;
                }
                folder = f.parent();
            }
        }
        Ok(())
    }

    /// Swaps the staging folder in as the output folder; the previous site,
    /// moved aside, becomes the spare.
    pub fn publish(mut self) -> anyhow::Result<()> {
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().replace("staging", "old"))
                .unwrap_or_else(|| ".briefs-old".into()),
        );
        let had_old = self.output.exists();
        if had_old {
            std::fs::rename(&self.output, &old).with_context(|| {
                format!("cannot move the previous {} aside", self.output.display())
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            if had_old {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e).with_context(|| {
                format!("cannot move the new site into {}", self.output.display())
            });
        }
        self.published = true;
        if had_old {
            let reusable = old.join(MARKER).is_file() && !self.spare.exists();
            if !(reusable && std::fs::rename(&old, &self.spare).is_ok()) {
                std::fs::remove_dir_all(&old).with_context(|| {
                    format!("cannot remove the previous site at {}", old.display())
                })?;
            }
        }
        Ok(())
    }
}

/// Cleans up after builds that were killed: their staging folders are
/// removed, and if one died between moving the old site aside and moving the
/// new one in, the old site is put back. Only folders named like ours, made
/// by a process that is no longer running, and holding the marker file (or
/// nothing) are touched.
fn clear_stale(parent: &Path, name: &str, output: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut stale: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().into_owned();
            let rest = file_name.strip_prefix(&format!(".{name}.briefs-"))?;
            let (kind, pid) = rest.split_once('-')?;
            let pid: u32 = pid.parse().ok()?;
            let is_old = match kind {
                "old" => true,
                "staging" => false,
                _ => return None,
            };
            let ours = e.path().join(MARKER).exists() || is_empty_dir(&e.path());
            (ours && pid != std::process::id() && !process_alive(pid)).then(|| (is_old, e.path()))
        })
        .collect();
    stale.sort();
    for (is_old, dir) in stale {
        let restorable = is_old && !output.exists() && dir.join(MARKER).exists();
        if restorable && std::fs::rename(&dir, output).is_ok() {
            continue;
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// Whether a process is running; where that cannot be known, assume it is.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

impl Drop for Staging {
    /// An unpublished staging folder goes back to being the spare.
    fn drop(&mut self) {
        if !self.published
            && (self.spare.exists() || std::fs::rename(&self.dir, &self.spare).is_err())
        {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Sink;

    #[test]
    fn staging_publish_replaces_and_drop_cleans() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        let s = Staging::new(&out).unwrap();
        std::fs::write(s.dir.join("new.html"), "new").unwrap();
        s.publish().unwrap();
        assert!(out.join("new.html").exists() && !out.join("old.html").exists());
        // public/ had no marker: it is deleted, not kept as the spare.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let s = Staging::new(&out).unwrap();
        let staged = s.dir.clone();
        drop(s);
        assert!(!staged.exists() && out.join("new.html").exists());
        // The unpublished staging folder went back to being the spare.
        let spare = dir.path().join(".public.briefs.spare");
        assert!(spare.join(MARKER).exists());
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let build = |text: &str| {
            let s = Staging::new(&out).unwrap();
            let sink = match s.recycled() {
                true => DiskSink::over_earlier_build(s.dir.clone()),
                false => DiskSink::new(s.dir.clone()),
            };
            sink.write("a/index.html", text.as_bytes()).unwrap();
            sink.write("b/index.html", b"same").unwrap();
            s.prune(&sink.written()).unwrap();
            s.publish().unwrap();
        };
        let mtime = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
        build("one");
        let first = mtime("b/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));
        build("two");
        build("three");
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "three"
        );
        assert_eq!(
            mtime("b/index.html"),
            first,
            "an unchanged file keeps its time"
        );
    }

    #[test]
    fn the_replaced_site_is_recycled_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let build = |files: &[&str]| {
            let s = Staging::new(&out).unwrap();
            let sink = DiskSink::new(s.dir.clone());
            for f in files {
                sink.write(f, f.as_bytes()).unwrap();
            }
            s.prune(&sink.written()).unwrap();
            s.publish().unwrap();
        };
        build(&["a/index.html", "b/index.html"]);
        build(&["a/index.html", "c/index.html"]);
        build(&["c/index.html", "d/x.xml"]);
        let mut got: Vec<String> = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        got.sort();
        assert_eq!(got, [MARKER, "c/index.html", "d/x.xml"]);
        assert!(!out.join("a").exists() && !out.join("b").exists());
        assert!(
            dir.path()
                .join(".public.briefs.spare")
                .join("c/index.html")
                .exists()
        );
    }

    #[test]
    fn stale_staging_is_cleared_and_a_lost_site_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let dead = 999_999_999u32;
        let staging = dir.path().join(format!(".public.briefs-staging-{dead}"));
        let old = dir.path().join(format!(".public.briefs-old-{dead}"));
        let foreign = dir.path().join(".public.briefs-staging-x");
        for d in [&staging, &old, &foreign] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join(MARKER), "").unwrap();
        }
        std::fs::write(old.join("index.html"), "last good").unwrap();
        let s = Staging::new(&out).unwrap();
        assert!(!staging.exists() && !old.exists() && foreign.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "last good"
        );
        drop(s);
    }
}
