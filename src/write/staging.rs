//! The staging folder of a build: made (or recycled from the spare) beside
//! the output folder, pruned to exactly what this build wrote, and swapped
//! in for the output folder in one step.
//!
//! The site a build replaces is kept as the *spare* (`.<name>.briefs.spare`)
//! and becomes the next build's staging folder: its files are overwritten in
//! place and the ones the new build did not make are removed, so a rebuild
//! creates no folders and deletes almost nothing (unlinking a hundred
//! thousand files is slow on many disks).
//!
//! Which files the spare holds is known for certain only when it comes
//! straight from a successful build: that build's marker lists every file
//! it wrote and ends with `end`. A build that claims a spare rewrites the
//! marker to its first line before writing anything, so a spare a failed,
//! killed or disk-full build handed back carries no list, and is listed
//! instead (on a thread of its own, while the site renders). Either way
//! everything this build did not write is removed. Deleting the spare is
//! always safe.

use super::prune;
use super::stale::{self, Leftover};
use super::{DiskSink, MARKER, swap};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

/// The marker's first line: the folder is briefs' own. A successful
/// build follows it with `files:`, the files it wrote, and `end`.
const MARKER_TEXT: &str = "This folder was made by briefs; the next build replaces it.\n";

/// What a recycled folder held before this build wrote.
enum Earlier {
    /// Nothing: the folder is new.
    Nothing,
    /// The files its marker lists (it comes straight from a successful build).
    Listed(Vec<String>),
    /// Not known: being listed.
    Listing(JoinHandle<std::io::Result<prune::Listing>>),
}

/// The files a complete marker lists, if `text` is one.
fn files_listed(text: &str) -> Option<Vec<String>> {
    let list = text.strip_prefix(MARKER_TEXT)?.strip_prefix("files:\n")?;
    let list = list.strip_suffix("end\n")?;
    Some(list.lines().map(str::to_string).collect())
}

/// A staging folder beside the output; goes back to being the spare (or is
/// removed) on drop unless published.
pub(crate) struct Staging {
    pub(crate) dir: PathBuf,
    output: PathBuf,
    spare: PathBuf,
    /// What the folder held before.
    earlier: Earlier,
    published: bool,
}

impl Staging {
    /// Claims the spare as staging folder, or creates an empty one. `output`
    /// is absolute and normalised, and its lock is held.
    pub(crate) fn new(output: &Path) -> anyhow::Result<Staging> {
        let parent = output.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        stale::clear_stale(output);
        let dir = Leftover::Staging.path(output, &std::process::id().to_string());
        let spare = output.with_file_name(format!(".{}.briefs.spare", stale::name_of(output)));
        if dir.exists() {
            stale::remove(&dir, output)
                .with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        let recycled = spare.join(MARKER).is_file() && std::fs::rename(&spare, &dir).is_ok();
        if !recycled {
            if spare.join(MARKER).is_file() {
                let _ = stale::remove(&spare, output);
            }
            std::fs::create_dir(&dir)
                .with_context(|| format!("cannot create staging folder {}", dir.display()))?;
        }
        let listed = recycled
            .then(|| std::fs::read_to_string(dir.join(MARKER)).ok())
            .flatten()
            .and_then(|text| files_listed(&text));
        // From here on the folder's files are not what any marker says.
        std::fs::write(dir.join(MARKER), MARKER_TEXT)
            .with_context(|| format!("cannot write {}", dir.join(MARKER).display()))?;
        let earlier = match (recycled, listed) {
            (false, _) => Earlier::Nothing,
            (true, Some(files)) => Earlier::Listed(files),
            (true, None) => {
                let dir = dir.clone();
                Earlier::Listing(std::thread::spawn(move || prune::list(&dir)))
            }
        };
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            spare,
            earlier,
            published: false,
        })
    }

    /// Whether the folder is a recycled spare holding an earlier build.
    pub(crate) fn recycled(&self) -> bool {
        !matches!(self.earlier, Earlier::Nothing)
    }

    /// The sink writing this build into the folder; `space` simulates a
    /// disk with that many bytes free (tests).
    pub(crate) fn sink(&self, space: Option<u64>) -> DiskSink {
        let sink = match self.recycled() {
            true => DiskSink::over_earlier_build(self.dir.clone()),
            false => DiskSink::new(self.dir.clone()),
        };
        sink.with_space(space)
    }

    /// Removes everything an older build left in a recycled folder that this
    /// build did not write (`written`), and records `written` in the marker.
    pub(crate) fn prune(&mut self, written: &[String]) -> anyhow::Result<()> {
        match std::mem::replace(&mut self.earlier, Earlier::Nothing) {
            Earlier::Nothing => {}
            Earlier::Listed(files) => prune::prune_listed(&self.dir, &files, written)?,
            Earlier::Listing(listing) => {
                let listing = listing
                    .join()
                    .map_err(|_| anyhow::anyhow!("listing {} failed", self.dir.display()))?
                    .with_context(|| format!("cannot list {}", self.dir.display()))?;
                prune::prune_unlisted(&self.dir, &listing, written)?;
            }
        }
        let mut marker = String::with_capacity(written.len() * 40 + MARKER_TEXT.len() + 16);
        marker.push_str(MARKER_TEXT);
        marker.push_str("files:\n");
        // Sorted: pages are written in parallel, output must be the same every time.
        let mut listed: Vec<&str> = written.iter().map(String::as_str).collect();
        listed.sort_unstable();
        for w in listed {
            marker.push_str(w);
            marker.push('\n');
        }
        marker.push_str("end\n");
        std::fs::write(self.dir.join(MARKER), marker)
            .with_context(|| format!("cannot write {}", self.dir.join(MARKER).display()))
    }

    /// Puts the staging folder in place of the output folder; the previous
    /// site becomes the spare.
    pub(crate) fn publish(mut self) -> anyhow::Result<()> {
        let had_old = std::fs::symlink_metadata(&self.output).is_ok();
        if had_old
            && swap::exchange(&self.dir, &self.output).with_context(|| {
                format!("cannot swap the new site into {}", self.output.display())
            })?
        {
            self.published = true;
            // The staging folder's name now holds the previous site.
            self.retire(&self.dir);
            return Ok(());
        }
        let old = Leftover::Old.path(&self.output, &std::process::id().to_string());
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
            self.retire(&old);
        }
        Ok(())
    }

    /// Keeps a replaced site as the spare if it is ours and the place is
    /// free, else removes it.
    fn retire(&self, previous: &Path) {
        let reusable = previous.join(MARKER).is_file() && !self.spare.exists();
        if !(reusable && std::fs::rename(previous, &self.spare).is_ok()) {
            let _ = stale::remove(previous, &self.output);
        }
    }
}

impl Drop for Staging {
    /// An unpublished staging folder goes back to being the spare: what it
    /// holds is listed again by whichever build recycles it.
    fn drop(&mut self) {
        if let Earlier::Listing(listing) = std::mem::replace(&mut self.earlier, Earlier::Nothing) {
            let _ = listing.join();
        }
        if !self.published
            && (self.spare.exists() || std::fs::rename(&self.dir, &self.spare).is_err())
        {
            let _ = stale::remove(&self.dir, &self.output);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Sink;

    /// Every file below `dir`, relative, sorted.
    fn files(dir: &Path) -> Vec<String> {
        let mut got: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        got.sort();
        got
    }

    /// A build writing `files` into `out`; fails after writing if `fail`.
    fn build(out: &Path, written: &[&str], fail: bool) {
        let mut s = Staging::new(out).unwrap();
        let sink = s.sink(None);
        for f in written {
            sink.write(f, f.as_bytes()).unwrap();
        }
        if fail {
            return;
        }
        s.prune(&sink.written()).unwrap();
        s.publish().unwrap();
    }

    #[test]
    fn staging_publish_replaces_and_drop_cleans() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        build(&out, &["new.html"], false);
        assert_eq!(files(&out), [MARKER, "new.html"]);
        // public/ had no marker: it is removed, not kept as the spare.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let s = Staging::new(&out).unwrap();
        let staged = s.dir.clone();
        drop(s);
        assert!(!staged.exists() && out.join("new.html").exists());
        // The unpublished staging folder went back to being the spare.
        assert!(
            dir.path()
                .join(".public.briefs.spare")
                .join(MARKER)
                .exists()
        );
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let build = |text: &str| {
            let mut s = Staging::new(&out).unwrap();
            let sink = s.sink(None);
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
        build(&out, &["a/index.html", "b/index.html"], false);
        build(&out, &["a/index.html", "c/index.html"], false);
        build(&out, &["c/index.html", "d/x.xml"], false);
        assert_eq!(files(&out), [MARKER, "c/index.html", "d/x.xml"]);
        assert!(!out.join("a").exists() && !out.join("b").exists());
        assert!(
            dir.path()
                .join(".public.briefs.spare/c/index.html")
                .exists()
        );
    }

    #[test]
    fn what_failed_builds_left_is_pruned_by_the_next_good_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &["a/index.html", "pulled/index.html"], false);
        build(&out, &["a/index.html"], false);
        // Failed builds write into the spare, which goes back unpruned.
        build(&out, &["a/index.html", "half/index.html"], true);
        build(&out, &["a/index.html", "other/x.html"], true);
        build(&out, &["a/index.html"], false);
        assert_eq!(files(&out), [MARKER, "a/index.html"]);
        build(&out, &["a/index.html"], false);
        assert_eq!(files(&out), [MARKER, "a/index.html"]);
    }

    #[test]
    fn a_spare_with_no_complete_list_is_listed_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &["a/index.html"], false);
        build(&out, &["a/index.html"], false);
        // A spare whose marker lost its list (or was cut short) is not trusted.
        let spare = dir.path().join(".public.briefs.spare");
        std::fs::write(spare.join("extra.txt"), "x").unwrap();
        std::fs::write(
            spare.join(MARKER),
            format!("{MARKER_TEXT}files:\na/index.html\n"),
        )
        .unwrap();
        build(&out, &["a/index.html"], false);
        assert_eq!(files(&out), [MARKER, "a/index.html"]);
        assert_eq!(
            files_listed(&std::fs::read_to_string(out.join(MARKER)).unwrap()),
            Some(vec!["a/index.html".to_string()])
        );
    }
}
