//! Formatted citations kept between builds. The CSL processor costs about
//! a third of a millisecond per brief and style — on 10,000 briefs, more than
//! the rest of the build — and its result depends only on the reference, so
//! each reference's citations are kept under a hash of the reference (and of
//! the processor's version): in memory for the process (`serve` formats a
//! brief again only when its reference changed), and on disk in
//! `.briefs-cache/citations` under the site root for the next build. The
//! output is the same with or without it; deleting the folder is always
//! safe. The file holds the citations of the last build only, so it never
//! grows past the site.

use super::Reference;
use super::csl::{self, Formatted, STYLES};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// The cache file, relative to the site root.
pub(crate) const FILE: &str = ".briefs-cache/citations";

/// Changes whenever what is kept, or how it is keyed, changes.
const FORMAT: &[u8] = b"briefs citations 2\n";

/// The processor whose output is kept (a new hayagriva formats anew).
const PROCESSOR: &str = "hayagriva 0.10";

#[derive(Default)]
struct Memo {
    /// Citations by reference hash.
    known: FxHashMap<u64, Arc<Vec<Formatted>>>,
    /// The hashes a build used, and whether any was formatted anew.
    used: FxHashSet<u64>,
    formatted: bool,
}

static MEMO: LazyLock<Mutex<Memo>> = LazyLock::new(Mutex::default);

fn memo() -> std::sync::MutexGuard<'static, Memo> {
    MEMO.lock().unwrap_or_else(|e| e.into_inner())
}

/// The reference's citations in every style, formatted once.
pub(crate) fn format(reference: &Reference) -> Arc<Vec<Formatted>> {
    let key = key(reference);
    {
        let mut m = memo();
        if let Some(found) = m.known.get(&key).cloned() {
            m.used.insert(key);
            return found;
        }
    }
    let formatted = Arc::new(csl::format(reference));
    let mut m = memo();
    m.known.insert(key, formatted.clone());
    m.used.insert(key);
    m.formatted = true;
    formatted
}

fn key(reference: &Reference) -> u64 {
    let mut h = FxHasher::default();
    (PROCESSOR, reference).hash(&mut h);
    h.finish()
}

/// The cache file's entries, read and decoded but not yet in use: a
/// build reads them on a thread of its own while the site loads.
#[derive(Default)]
pub(crate) struct Stored(Vec<(u64, Arc<Vec<Formatted>>)>);

/// Reads the cache file of the site at `root` (a missing or unreadable
/// one holds no entries).
pub(crate) fn read(root: &Path) -> Stored {
    let read = std::fs::read(root.join(FILE)).ok();
    Stored(read.as_deref().and_then(decode).unwrap_or_default())
}

/// Puts entries read by [`read`] in use and starts counting what the
/// build uses.
pub(crate) fn install(stored: Stored) {
    let mut m = memo();
    m.known.extend(stored.0);
    m.used.clear();
    m.formatted = false;
}

/// Writes what this build used to the cache file, if anything was
/// formatted anew or left unused; a site root that cannot be written to
/// is no error (the next build formats again).
pub(crate) fn save(root: &Path) {
    let mut m = memo();
    if !m.formatted && m.used.len() == m.known.len() {
        return;
    }
    let used = std::mem::take(&mut m.used);
    m.known.retain(|k, _| used.contains(k));
    m.formatted = false;
    let bytes = encode(&m.known);
    drop(m);
    let path = root.join(FILE);
    let _ = write_atomically(&path, &bytes);
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = PathBuf::from(format!("{}.{}.tmp", path.display(), std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The file: [`FORMAT`], then per entry its key, its number of
/// citations, and per citation the style's index in [`STYLES`], the HTML
/// and the text (each length-prefixed), in key order.
fn encode(known: &FxHashMap<u64, Arc<Vec<Formatted>>>) -> Vec<u8> {
    let mut keys: Vec<&u64> = known.keys().collect();
    keys.sort_unstable();
    let mut out = FORMAT.to_vec();
    for key in keys {
        out.extend(key.to_le_bytes());
        let citations = &known[key];
        out.push(u8::try_from(citations.len()).unwrap_or(0));
        for f in citations.iter() {
            let style = STYLES.iter().position(|(id, ..)| *id == f.id);
            out.push(style.and_then(|s| u8::try_from(s).ok()).unwrap_or(u8::MAX));
            for text in [&f.html, &f.text] {
                out.extend(u32::try_from(text.len()).unwrap_or(0).to_le_bytes());
                out.extend(text.as_bytes());
            }
        }
    }
    out
}

/// The entries of a cache file; `None` when it is not one this version
/// wrote whole (then the build formats everything again).
fn decode(bytes: &[u8]) -> Option<Vec<(u64, Arc<Vec<Formatted>>)>> {
    let mut r = Reader(bytes.strip_prefix(FORMAT)?);
    let mut entries = Vec::new();
    while !r.0.is_empty() {
        let key = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let count = r.take(1)?[0];
        let mut citations = Vec::with_capacity(usize::from(count));
        for _ in 0..count {
            let (id, label, _) = STYLES.get(usize::from(r.take(1)?[0]))?;
            let html = r.text()?;
            let text = r.text()?;
            citations.push(Formatted {
                id,
                label,
                html,
                text,
            });
        }
        entries.push((key, Arc::new(citations)));
    }
    Some(entries)
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn text(&mut self) -> Option<String> {
        let len = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        let bytes = self.take(usize::try_from(len).ok()?)?;
        String::from_utf8(bytes.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(id: &'static str, label: &'static str, html: &str) -> Formatted {
        Formatted {
            id,
            label,
            html: html.into(),
            text: format!("{html} as text"),
        }
    }

    #[test]
    fn the_file_reads_back_what_was_written() {
        let mut known = FxHashMap::default();
        let citations = vec![
            formatted("chicago", "Chicago", "May, Clifford. “Ä”."),
            formatted("mla", "MLA", ""),
        ];
        known.insert(7, Arc::new(citations.clone()));
        known.insert(3, Arc::new(Vec::new()));
        let bytes = encode(&known);
        let mut back = decode(&bytes).expect("a whole file reads");
        back.sort_by_key(|(k, _)| *k);
        assert_eq!(back.len(), 2);
        assert_eq!((back[0].0, back[0].1.len()), (3, 0));
        assert_eq!((back[1].0, &*back[1].1), (7, &citations));
        // Cut short, or from another version: formatted anew.
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(decode(b"briefs citations 0\n").is_none());
    }
}
