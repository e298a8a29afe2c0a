//! The two moves a build makes on the output folder's parent: swapping the
//! new site in for the old one in one step (Linux's `renameat2` with
//! `RENAME_EXCHANGE`, so the output folder never goes missing; two renames
//! elsewhere), and the lock that makes a second build of the same output
//! wait for the first.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Exchanges the folders `a` and `b` atomically. `Ok(false)` where the
/// system or file system cannot (the caller falls back to two renames).
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// An exclusive lock on an output folder, held until dropped: a file
/// `.<name>.briefs.lock` beside the folder, locked with the system's
/// advisory file locks (released by the system when a build dies).
pub(crate) struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Takes the lock of `output`, calling `on_wait` once first if another
    /// build holds it. Where the file system has no locks, goes on without.
    pub(crate) fn take(output: &Path, on_wait: &dyn Fn(&Path)) -> anyhow::Result<OutputLock> {
        let path = lock_path(output);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot open the lock file {}: {e}", path.display()))?;
        if !try_lock(&file)? {
            on_wait(output);
            lock(&file).map_err(|e| anyhow::anyhow!("cannot lock {}: {e}", path.display()))?;
        }
        Ok(OutputLock { _file: file })
    }
}

/// Takes the lock if free: `Ok(false)` when another process holds it. A
/// file system without locks (some network mounts) counts as free.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(rustix::io::Errno::NOLCK | rustix::io::Errno::OPNOTSUPP) => Ok(true),
        Err(e) => Err(e.into()),
    }
}

/// Waits for the lock.
#[cfg(unix)]
fn lock(file: &File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    Ok(flock(file, FlockOperation::LockExclusive)?)
}

/// Elsewhere builds do not take turns (no lock).
#[cfg(not(unix))]
fn try_lock(_: &File) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(not(unix))]
fn lock(_: &File) -> std::io::Result<()> {
    Ok(())
}

/// `.<name>.briefs.lock` beside the output folder.
fn lock_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.briefs.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "from a").unwrap();
        if exchange(&a, &b).unwrap() {
            assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "from a");
            assert!(!a.join("x").exists());
        }
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = OutputLock::take(&out, &|_| panic!("nobody holds it")).unwrap();
        let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = waited.clone();
        let out2 = out.clone();
        let second = std::thread::spawn(move || {
            let _lock = OutputLock::take(&out2, &|_| {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
            })
            .unwrap();
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !waited.load(std::sync::atomic::Ordering::SeqCst) {
            assert!(
                std::time::Instant::now() < deadline,
                "the second never waited"
            );
            std::thread::yield_now();
        }
        drop(first);
        second.join().unwrap();
        assert!(waited.load(std::sync::atomic::Ordering::SeqCst));
    }
}
