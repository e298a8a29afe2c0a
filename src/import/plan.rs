//! The plan of an import and its writing, all or nothing. Each file the
//! import would write is compared with the disk and the manifest: created
//! when missing, left when the same, rewritten (with `--update`) only when
//! the importer wrote it and nobody edited it since, otherwise skipped (a
//! file deleted since it was imported is not written again).
//! Writing puts every new file beside its target under a temporary name
//! first and renames them only when all were written; on any failure the
//! temporary files go and the site is as it was.

use super::manifest::{self, Manifest, Record};
use anyhow::Context;
use std::io::ErrorKind::{NotADirectory, NotFound};
use std::path::{Path, PathBuf};

/// What a file holds: text made by the import, or an upload to copy.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    Text(String),
    Copy(PathBuf),
}

/// One file the import would write.
#[derive(Debug, Clone)]
pub(crate) struct Output {
    /// Below the site root, with `/`.
    pub(crate) path: String,
    /// The source item's key, for the manifest.
    pub(crate) source: String,
    pub(crate) content: Content,
}

/// What becomes of one output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Update,
    Unchanged,
    Skip(String),
}

/// Decides every output; returns the decisions and the manifest after them.
pub(crate) fn decide(
    root: &Path,
    outputs: Vec<Output>,
    manifest: &Manifest,
    update: bool,
) -> anyhow::Result<(Vec<(Output, Action)>, Manifest)> {
    let mut next = manifest.clone();
    let mut decided = Vec::with_capacity(outputs.len());
    for out in outputs {
        let bytes = match &out.content {
            Content::Text(t) => t.as_bytes().to_vec(),
            Content::Copy(from) => {
                std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?
            }
        };
        let new_hash = manifest::hash(&bytes);
        let target = root.join(&out.path);
        let action = match std::fs::read(&target) {
            // A folder on the way that is a file: missing too (writing says why).
            Err(e) if matches!(e.kind(), NotFound | NotADirectory) => {
                if manifest.files.contains_key(&out.path) {
                    Action::Skip("deleted since it was imported: not written again (remove its entry from briefs-import.json to import it anew)".into())
                } else {
                    Action::Create
                }
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", target.display())),
            Ok(current) if manifest::hash(&current) == new_hash => Action::Unchanged,
            Ok(current) => match manifest.files.get(&out.path) {
                Some(r) if r.sha256 == manifest::hash(&current) && update => Action::Update,
                Some(r) if r.sha256 == manifest::hash(&current) => {
                    Action::Skip("imported earlier and not edited since, but the import now differs: --update rewrites it".into())
                }
                Some(_) => Action::Skip("edited since it was imported: left alone".into()),
                None => Action::Skip("exists and was not written by the importer: left alone".into()),
            },
        };
        if !matches!(action, Action::Skip(_)) {
            next.files.insert(
                out.path.clone(),
                Record {
                    sha256: new_hash,
                    source: out.source.clone(),
                },
            );
        }
        decided.push((out, action));
    }
    Ok((decided, next))
}

/// Writes every created or updated file and the manifest (if it changed),
/// all or nothing.
pub(crate) fn write(
    root: &Path,
    decided: &[(Output, Action)],
    manifest: Option<&Manifest>,
) -> anyhow::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = stage_all(root, decided, manifest, &mut staged);
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = std::fs::remove_file(temp);
        }
        return Err(e);
    }
    for (i, (temp, target)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(temp, target) {
            // Renames within one folder do not fail but for a vanished
            // folder or a full disk; leave no temporary file behind.
            for (rest, _) in &staged[i..] {
                let _ = std::fs::remove_file(rest);
            }
            return Err(e).with_context(|| format!("cannot move {} into place", target.display()));
        }
    }
    Ok(())
}

fn stage_all(
    root: &Path,
    decided: &[(Output, Action)],
    manifest: Option<&Manifest>,
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> anyhow::Result<()> {
    for (out, action) in decided {
        if !matches!(action, Action::Create | Action::Update) {
            continue;
        }
        let target = root.join(&out.path);
        let temp = stage(&target, |temp| match &out.content {
            Content::Text(t) => std::fs::write(temp, t),
            Content::Copy(from) => std::fs::copy(from, temp).map(|_| ()),
        })?;
        staged.push((temp, target));
    }
    if let Some(m) = manifest {
        let target = root.join(manifest::FILE);
        let bytes = m.to_bytes();
        staged.push((stage(&target, |temp| std::fs::write(temp, &bytes))?, target));
    }
    Ok(())
}

/// Writes a temporary file beside `target` (a hidden name the site loader
/// skips) with `fill`; returns its path.
fn stage(
    target: &Path,
    fill: impl FnOnce(&Path) -> std::io::Result<()>,
) -> anyhow::Result<PathBuf> {
    let parent = target.parent().context("a file to write has no folder")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.briefs-import"));
    if let Err(e) = fill(&temp) {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write {}", temp.display()));
    }
    Ok(temp)
}
