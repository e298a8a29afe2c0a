//! Where a build may write: the output folder named on the command line,
//! made absolute and normalised (`public/../public` is `public`, a symlink
//! is followed to the folder it names), and refused where replacing it would
//! destroy sources, a folder briefs did not make, or the current directory.

use super::MARKER;
use anyhow::{Context, bail};
use std::path::{Component, Path, PathBuf};

/// The output folder a build writes, as an absolute normalised path:
/// `output` if given, else `root/public`. Refused with a message saying why
/// when replacing it would be unsafe (see [`check_output`]).
pub(crate) fn output_folder(
    root: &Path,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<PathBuf> {
    let named = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    check_output(root, &named, force)?;
    let out = normalise(&named)?;
    if let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) {
        if cwd.starts_with(&out) {
            bail!(
                "refusing to replace {}: it is the current directory or holds it, and a build swaps the whole folder; run briefs from outside it (for example from the site root)",
                named.display()
            );
        }
    }
    Ok(out)
}

/// Refuses output folders that would overwrite or delete sources: the site
/// root or an ancestor, a source folder or anything inside one, and a
/// non-empty folder briefs did not make (unless `force`).
pub(crate) fn check_output(root: &Path, output: &Path, force: bool) -> anyhow::Result<()> {
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
    if out.exists() && !out.is_dir() {
        bail!(
            "refusing to replace {}: it is a file, not a folder; choose a folder such as public/",
            output.display()
        );
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
pub(crate) fn normalise(p: &Path) -> anyhow::Result<PathBuf> {
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
        std::fs::write(root.join("a-file"), "x").unwrap();
        let err = check_output(&root, &root.join("a-file"), true).unwrap_err();
        assert!(
            err.to_string().contains("it is a file, not a folder"),
            "{err}"
        );
    }

    #[test]
    fn output_paths_are_normalised_and_links_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let public = root.join("public");
        assert_eq!(
            output_folder(&root, Some(&root.join("public/../public")), false).unwrap(),
            public
        );
        assert_eq!(
            output_folder(&root, Some(&root.join("./public/./")), false).unwrap(),
            public
        );
        std::fs::create_dir_all(&public).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&public, root.join("live")).unwrap();
            assert_eq!(
                output_folder(&root, Some(&root.join("live")), false).unwrap(),
                public
            );
        }
    }
}
