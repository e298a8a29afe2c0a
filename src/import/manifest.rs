//! The import manifest, `briefs-import.json` at the site root: for every
//! file the importer wrote, the SHA-256 of what it wrote and the source
//! item it came from. A file whose content still has that hash was not
//! edited since; `--update` rewrites only those, and a second import of
//! the same source finds its files by the source item.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name, at the site root.
pub const FILE: &str = "briefs-import.json";

/// One file the importer wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Record {
    /// SHA-256 of the bytes written, in hex.
    pub(crate) sha256: String,
    /// The source item (guid, link or title) it came from.
    pub(crate) source: String,
}

/// Every file the importer wrote, by path relative to the site root.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    pub(crate) version: u32,
    pub(crate) files: BTreeMap<String, Record>,
}

impl Manifest {
    /// The manifest of the site at `root`; empty if there is none.
    pub(crate) fn load(root: &Path) -> anyhow::Result<Manifest> {
        let path = root.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Manifest {
                    version: 1,
                    files: BTreeMap::new(),
                });
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        serde_json::from_str(&text).with_context(|| {
            format!(
                "{} is not an import manifest; move it away to import afresh",
                path.display()
            )
        })
    }

    /// The manifest as written to disk.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    /// The path of each source item's file: source -> path.
    pub(crate) fn by_source(&self) -> std::collections::HashMap<&str, &str> {
        self.files
            .iter()
            .map(|(p, r)| (r.source.as_str(), p.as_str()))
            .collect()
    }
}

/// Whether `path` from a manifest (which anyone can edit) is one the
/// importer may write: a Markdown file below `folder`, every segment a
/// plain, portable name (no `..`, no absolute path, nothing hidden).
pub(crate) fn is_safe(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder).is_some_and(|rest| {
        rest.ends_with(".md")
            && rest
                .split('/')
                .all(|s| !s.is_empty() && !s.starts_with('.'))
            && crate::portable::check_path(rest).is_ok()
    })
}

/// The hex SHA-256 of `bytes`.
pub(crate) fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_paths_are_safe() {
        for (path, safe) in [
            ("content/briefs/2024/2024-11-07-x.md", true),
            ("content/briefs/../../etc/x.md", false),
            ("content/briefs//x.md", false),
            ("content/briefs/.hidden.md", false),
            ("/etc/passwd", false),
            ("content/briefs/x.txt", false),
            ("content/pages/about.md", false),
        ] {
            assert_eq!(is_safe(path, "content/briefs/"), safe, "{path}");
        }
    }
}
