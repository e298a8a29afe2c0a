//! What killed builds leave beside the output folder, cleared by the next
//! build: staging folders, a site moved aside and never replaced (put back),
//! and half-removed folders. A folder is removed by first renaming it to a
//! *trash* name and then deleting its contents with the marker file last,
//! so a build killed while removing it leaves a folder still known as ours.

use super::MARKER;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// The kinds of folder a build makes beside the output folder `<name>`:
/// `.<name>.briefs-<kind>-<pid>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Leftover {
    /// The previous site, moved aside by a build that swaps with two renames.
    Old,
    /// A build's staging folder.
    Staging,
    /// A folder being removed.
    Trash,
}

impl Leftover {
    fn word(self) -> &'static str {
        match self {
            Leftover::Old => "old",
            Leftover::Staging => "staging",
            Leftover::Trash => "trash",
        }
    }

    /// The folder of this kind beside `output` for process `pid`.
    pub(super) fn path(self, output: &Path, pid: &str) -> PathBuf {
        output.with_file_name(format!(".{}.briefs-{}-{pid}", name_of(output), self.word()))
    }
}

/// The output folder's name (`public` when it has none).
pub(super) fn name_of(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Cleans up after builds that were killed: their staging and trash folders
/// are removed, and if one died between moving the old site aside and moving
/// the new one in, the old site is put back. Only folders named like ours,
/// made by a process that is no longer running, and holding the marker file
/// (or nothing) are touched.
pub(super) fn clear_stale(output: &Path) {
    let Some(parent) = output.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{}.briefs-", name_of(output));
    let mut stale: Vec<(Leftover, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().into_owned();
            let (kind, pid) = file_name.strip_prefix(&prefix)?.split_once('-')?;
            let kind = [Leftover::Old, Leftover::Staging, Leftover::Trash]
                .into_iter()
                .find(|k| k.word() == kind)?;
            let pid: u32 = pid.split('-').next()?.parse().ok()?;
            let ours = e.path().join(MARKER).exists() || is_empty_dir(&e.path());
            let dead = pid != std::process::id() && !process_alive(pid);
            (ours && dead).then(|| (kind, e.path()))
        })
        .collect();
    stale.sort();
    for (kind, dir) in stale {
        let restorable = kind == Leftover::Old && !output.exists() && dir.join(MARKER).exists();
        if restorable && std::fs::rename(&dir, output).is_ok() {
            continue;
        }
        let _ = remove(&dir, output);
    }
}

/// Removes a folder of ours beside `output`: renamed to a trash name first,
/// then emptied with the marker file last.
pub(super) fn remove(dir: &Path, output: &Path) -> std::io::Result<()> {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let trash = Leftover::Trash.path(output, &format!("{}-{n}", std::process::id()));
    let dir = match std::fs::rename(dir, &trash) {
        Ok(()) => trash.as_path(),
        Err(_) => dir,
    };
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        match entry.file_type()?.is_dir() {
            true => std::fs::remove_dir_all(entry.path())?,
            false => std::fs::remove_file(entry.path())?,
        }
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

pub(super) fn is_empty_dir(dir: &Path) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(path: &Path, files: &[&str]) {
        std::fs::create_dir_all(path).unwrap();
        for f in files {
            let p = path.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
    }

    #[test]
    fn stale_folders_are_cleared_and_a_lost_site_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let dead = "999999999";
        let staging = Leftover::Staging.path(&out, dead);
        let old = Leftover::Old.path(&out, dead);
        // A trash folder a killed build was removing: marker still there.
        let trash = Leftover::Trash.path(&out, &format!("{dead}-3"));
        let foreign = dir.path().join(".public.briefs-staging-x");
        let not_ours = Leftover::Staging.path(&out, "999999998");
        for d in [&staging, &old, &trash, &foreign] {
            folder(d, &[MARKER, "briefs/a/index.html"]);
        }
        folder(&not_ours, &["mine.txt"]);
        std::fs::write(old.join("index.html"), "last good").unwrap();
        clear_stale(&out);
        assert!(!staging.exists() && !old.exists() && !trash.exists());
        assert!(foreign.exists() && not_ours.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "last good"
        );
    }

    #[test]
    fn removal_keeps_the_marker_to_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Leftover::Staging.path(&out, "1");
        folder(&staging, &[MARKER, "a/b/c.html", "z.xml"]);
        remove(&staging, &out).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
