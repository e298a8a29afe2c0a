//! Sinks that store a build's output: [`DiskSink`] writes into a folder
//! (overwriting an earlier build in place), [`MemorySink`] keeps files in
//! memory for `check` and tests.

use crate::render::Sink;
use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// A [`Sink`] writing into a folder, remembering what it wrote.
pub(crate) struct DiskSink {
    dir: PathBuf,
    written: Mutex<Vec<String>>,
    /// The folder holds an earlier build: leave files whose bytes are the
    /// same, and clear whatever stands in a file's way.
    over_earlier: bool,
    /// Bytes that may still be written before the disk counts as full
    /// (`None`: no limit but the disk's own). Tests simulate a full disk.
    space: Option<AtomicU64>,
}

impl DiskSink {
    /// Writes below `dir`, which must exist.
    pub(crate) fn new(dir: PathBuf) -> Self {
        DiskSink {
            dir,
            written: Mutex::new(Vec::new()),
            over_earlier: false,
            space: None,
        }
    }

    /// Writes below `dir`, which holds an earlier build: a file whose bytes
    /// would not change is left alone (no write, same modification time, so
    /// `rsync` or `aws s3 sync` upload only what changed), and a folder, link
    /// or file standing where a file or folder must go is removed first.
    pub(crate) fn over_earlier_build(dir: PathBuf) -> Self {
        DiskSink {
            over_earlier: true,
            ..DiskSink::new(dir)
        }
    }

    /// Fails every write past `bytes` in all, as a full disk would: the file
    /// being written is left cut short.
    pub(crate) fn with_space(mut self, bytes: Option<u64>) -> Self {
        self.space = bytes.map(AtomicU64::new);
        self
    }

    /// Every path written so far.
    pub(crate) fn written(&self) -> Vec<String> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The absolute path of output path `path`, refusing any that leaves the folder.
    pub(crate) fn target(&self, path: &str) -> std::io::Result<PathBuf> {
        let rel = Path::new(path);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(std::io::Error::other(format!(
                "refusing to write outside the output folder: {path}"
            )));
        }
        Ok(self.dir.join(rel))
    }

    /// Over an earlier build: whether `target` is a plain file holding
    /// exactly `bytes` (nothing to write); a folder or link standing there
    /// is removed. One `lstat` per file.
    fn holds(&self, target: &Path, bytes: &[u8]) -> std::io::Result<bool> {
        if !self.over_earlier {
            return Ok(false);
        }
        match earlier_file(target) {
            Earlier::File(file) => Ok(same_bytes(file, bytes)),
            Earlier::Other => clear_way(&self.dir, target).map(|()| false),
            Earlier::Nothing => Ok(false),
        }
    }

    /// Writes `bytes` to `target`, within the simulated space if any.
    fn put(&self, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let Some(space) = &self.space else {
            return std::fs::write(target, bytes);
        };
        let want = bytes.len() as u64;
        let left = space
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                Some(left.saturating_sub(want))
            })
            .unwrap_or(0);
        if left >= want {
            return std::fs::write(target, bytes);
        }
        let cut = usize::try_from(left).unwrap_or(bytes.len());
        std::fs::write(target, &bytes[..cut.min(bytes.len())])?;
        Err(std::io::Error::new(
            ErrorKind::StorageFull,
            "No space left on device (simulated)",
        ))
    }

    /// Runs `make` on the target of `path`. If its folder is missing it is
    /// created (so a recycled tree costs no mkdir calls at all); over an
    /// earlier build, whatever stands in the way is removed first.
    fn with_folder(
        &self,
        path: &str,
        make: impl Fn(&Path) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let target = self.target(path)?;
        match make(&target) {
            Err(e) if in_the_way(e.kind()) => {
                if self.over_earlier {
                    clear_way(&self.dir, &target)?;
                }
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                make(&target)?;
            }
            other => other?,
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }
}

/// What an earlier build left where a file goes.
enum Earlier {
    /// A plain file, open for reading.
    File(std::fs::File),
    /// A folder, link or anything else that must be cleared away.
    Other,
    /// Nothing (or nothing readable: the write will tell).
    Nothing,
}

/// Opens what stands at `target` without following a link: one open and
/// one `fstat` per file, where a `stat` and then a read would cost two of
/// each path walk (every file of every build passes here).
#[cfg(unix)]
fn earlier_file(target: &Path) -> Earlier {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK;
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(target);
    match opened {
        Ok(file) => match file.metadata() {
            Ok(m) if m.is_file() => Earlier::File(file),
            _ => Earlier::Other,
        },
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            Earlier::Other
        }
        Err(_) => Earlier::Nothing,
    }
}

#[cfg(not(unix))]
fn earlier_file(target: &Path) -> Earlier {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.is_file() => std::fs::File::open(target).map_or(Earlier::Nothing, Earlier::File),
        Ok(_) => Earlier::Other,
        Err(_) => Earlier::Nothing,
    }
}

/// Whether `file` holds exactly `bytes`. The old bytes are read into a
/// buffer each thread keeps (a fresh one per file would cost its pages
/// again every time).
fn same_bytes(file: std::fs::File, bytes: &[u8]) -> bool {
    use std::io::Read;
    thread_local! {
        static OLD: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    OLD.with_borrow_mut(|old| {
        old.clear();
        // One byte more than expected would show a file that grew meanwhile.
        match file.take(bytes.len() as u64 + 1).read_to_end(old) {
            Ok(_) => old.as_slice() == bytes,
            Err(_) => false,
        }
    })
}

/// Whether a failed write may succeed once folders are made or cleared.
fn in_the_way(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::NotFound
            | ErrorKind::IsADirectory
            | ErrorKind::NotADirectory
            | ErrorKind::AlreadyExists
    )
}

/// Removes what stands where a file must go below `root`: a folder or link
/// at `target` itself, and any file or link in place of one of its folders.
fn clear_way(root: &Path, target: &Path) -> std::io::Result<()> {
    let Ok(rel) = target.strip_prefix(root) else {
        return Ok(());
    };
    let mut at = root.to_path_buf();
    let parts: Vec<Component> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            return Ok(());
        };
        let last = i + 1 == parts.len();
        if last && meta.is_dir() {
            std::fs::remove_dir_all(&at)?;
        } else if !last && !meta.is_dir() || last && meta.file_type().is_symlink() {
            std::fs::remove_file(&at)?;
        }
    }
    Ok(())
}

impl Sink for DiskSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.with_folder(path, |t| {
            if self.holds(t, bytes)? {
                return Ok(());
            }
            self.put(t, bytes)
        })
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        if self.over_earlier || self.space.is_some() {
            let bytes = std::fs::read(from)?;
            return self.write(path, &bytes);
        }
        self.with_folder(path, |t| std::fs::copy(from, t).map(|_| ()))
    }
}

/// A [`Sink`] keeping files in memory (for `check` and tests).
#[derive(Default)]
pub struct MemorySink {
    /// The files written, by output path.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_sink_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DiskSink::new(dir.path().to_path_buf());
        assert!(sink.write("../x", b"").is_err());
        assert!(sink.write("/etc/x", b"").is_err());
        assert!(sink.write("a/b.html", b"x").is_ok());
    }

    #[test]
    fn what_stands_in_the_way_of_a_file_is_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // A folder where a file goes, a file where a folder goes, a link.
        std::fs::create_dir_all(root.join("docs/inner")).unwrap();
        std::fs::write(root.join("docs/inner/x"), "x").unwrap();
        std::fs::write(root.join("feed"), "file").unwrap();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret, root.join("link.html")).unwrap();
        let sink = DiskSink::over_earlier_build(root.to_path_buf());
        sink.write("docs", b"now a file").unwrap();
        sink.write("feed/index.xml", b"now a folder").unwrap();
        sink.write("link.html", b"page").unwrap();
        assert_eq!(std::fs::read(root.join("docs")).unwrap(), b"now a file");
        assert_eq!(
            std::fs::read(root.join("feed/index.xml")).unwrap(),
            b"now a folder"
        );
        assert!(
            std::fs::symlink_metadata(root.join("link.html"))
                .unwrap()
                .is_file()
        );
        assert_eq!(
            std::fs::read(&secret).unwrap(),
            b"secret",
            "never written through a link"
        );
    }

    #[test]
    fn a_full_disk_cuts_the_file_short_and_fails() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DiskSink::new(dir.path().to_path_buf()).with_space(Some(5));
        sink.write("a", b"abc").unwrap();
        let err = sink.write("b", b"defgh").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::StorageFull);
        assert_eq!(std::fs::read(dir.path().join("b")).unwrap(), b"de");
        assert_eq!(sink.written(), ["a"]);
    }
}
