//! Files a brief's front matter points at (its lead `image:` and its
//! `pdf:`): takes the value as written and returns where the file is on
//! disk and in the site, or a diagnostic at the value's line. A value
//! starting with `/` names a file under `static/`; a plain file name, a
//! file beside the brief (copied to `/briefs/<slug>/<name>`); an http(s)
//! URL, an image elsewhere (images only: a PDF's size must be known).

use crate::diag::Diagnostic;
use crate::load::{Stamp, stamp};
use crate::yaml::Block;
use std::path::{Path, PathBuf};

/// Where a brief's file lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Location {
    /// A file of this site: its site path (`briefs/x/lead.jpg`, no leading
    /// `/`) and where it is on disk (relative to the site root).
    Site {
        path: String,
        from: PathBuf,
        /// Beside the brief (copied with it), not under `static/`.
        adjacent: bool,
    },
    /// An absolute http(s) URL.
    Url(String),
}

/// A file a brief links, with its size and stamp when it is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Asset {
    pub(crate) location: Location,
    /// Bytes; 0 for a URL.
    pub(crate) size: u64,
    /// Changes when the file does (a rebuild reads the brief again then).
    pub(crate) stamp: Stamp,
    /// A local image's pixel size and type; none for a URL or a PDF.
    pub(crate) image: Option<crate::image_size::ImageInfo>,
}

impl Asset {
    /// The file beside the brief to copy, and its output path.
    pub(crate) fn adjacent(&self) -> Option<(&Path, &str)> {
        match &self.location {
            Location::Site {
                path,
                from,
                adjacent: true,
            } => Some((from, path)),
            _ => None,
        }
    }

    /// Whether the file on disk still has the stamp it was read with.
    pub(crate) fn unchanged(&self, root: &Path) -> bool {
        match &self.location {
            Location::Site { from, .. } => stamp(&root.join(from)) == self.stamp,
            Location::Url(_) => true,
        }
    }
}

/// What a file is used for: which extensions it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    Image,
    Pdf,
}

const IMAGE_TYPES: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"];
const RESERVED_NAMES: &[&str] = &["index.html", "cite.bib", "cite.ris", "cite.json"];

/// Resolves file values of one brief.
pub(crate) struct Resolver<'a> {
    pub(crate) root: &'a Path,
    /// The brief's file, relative to the root.
    pub(crate) source: &'a Path,
    pub(crate) slug: &'a str,
    pub(crate) front: &'a Block<'a>,
}

impl<'a> Resolver<'a> {
    /// Resolves for the brief at `source` (relative to `root`) with `slug`.
    pub(crate) fn new(
        root: &'a Path,
        source: &'a Path,
        slug: &'a str,
        front: &'a Block<'a>,
    ) -> Self {
        Resolver {
            root,
            source,
            slug,
            front,
        }
    }

    /// The file `value` of key `key` names, or the problem with it.
    pub(crate) fn resolve(&self, key: &str, value: &str, usage: Use) -> Result<Asset, Diagnostic> {
        let (l, c) = self.front.find_value(value, Some(key));
        let fail = |(message, hint): Problem| {
            Diagnostic::error(self.source, message)
                .at(self.front.file, l, c)
                .hint(hint)
        };
        let v = value.trim();
        let lower = v.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return url_asset(v, usage).map_err(fail);
        }
        check_name(v, usage).map_err(fail)?;
        let (path, from, adjacent) = self.place(v).map_err(fail)?;
        let on_disk = self.root.join(&from);
        let stamp = stamp(&on_disk);
        match std::fs::metadata(&on_disk) {
            Ok(m) if m.is_file() => Ok(Asset {
                size: m.len(),
                stamp,
                image: (usage == Use::Image)
                    .then(|| crate::image_size::of(&on_disk, stamp))
                    .flatten(),
                location: Location::Site {
                    path,
                    from,
                    adjacent,
                },
            }),
            _ => Err(fail((
                format!("`{v}` not found: there is no file {}", from.display()),
                "add the file, or correct the name (a leading `/` means under static/)".into(),
            ))),
        }
    }

    /// Where file `v` is: its site path, its path on disk (relative to
    /// the root) and whether it sits beside the brief.
    fn place(&self, v: &str) -> Result<(String, PathBuf, bool), Problem> {
        if let Some(rest) = v.strip_prefix('/') {
            if rest
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..")
            {
                let hint = "write the file's path under static/, e.g. /files/brief.pdf";
                return Err((format!("`{v}` is not a path under static/"), hint.into()));
            }
            return Ok((rest.to_string(), Path::new("static").join(rest), false));
        }
        if v.contains('/') || v.starts_with('.') || RESERVED_NAMES.contains(&v) {
            let hint = "name a file in the brief's folder (`lead.jpg`), or a file under static/ with a leading `/`";
            return Err((
                format!("`{v}` is not a file name beside the brief"),
                hint.into(),
            ));
        }
        if let Err(p) = crate::portable::check(v) {
            return Err((format!("the file name {}", p.describe(v)), p.hint().into()));
        }
        let folder = self.source.parent().unwrap_or(Path::new(""));
        Ok((format!("briefs/{}/{v}", self.slug), folder.join(v), true))
    }
}

/// What is wrong with a value, and the hint.
type Problem = (String, String);

/// An image elsewhere on the web; a PDF must be a file of the site.
fn url_asset(v: &str, usage: Use) -> Result<Asset, Problem> {
    match (usage, url::Url::parse(v)) {
        (Use::Image, Ok(_)) => Ok(Asset {
            location: Location::Url(v.to_string()),
            size: 0,
            stamp: (0, None),
            image: None,
        }),
        (Use::Image, Err(e)) => Err((
            format!("`{v}` is not a URL: {e}"),
            "write an absolute http(s) URL".into(),
        )),
        (Use::Pdf, _) => Err((
            format!("the PDF `{v}` must be a file of this site"),
            "put the PDF beside the brief or under static/, so its size can be shown".into(),
        )),
    }
}

/// A file name usable in a URL, with the extension its use wants.
fn check_name(v: &str, usage: Use) -> Result<(), Problem> {
    if v.is_empty() || v.contains(char::is_whitespace) || v.contains(['\\', '?', '#', '%', ':']) {
        let hint = "use letters, digits, `-`, `_` and `.` in file names";
        return Err((format!("`{v}` is not a usable file name"), hint.into()));
    }
    let extension = Path::new(v)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let extension = extension.to_ascii_lowercase();
    let (typed, what, hint) = match usage {
        Use::Image => (
            IMAGE_TYPES.contains(&extension.as_str()),
            "an image",
            "a lead image is a .jpg, .jpeg, .png, .gif, .webp, .avif or .svg file",
        ),
        Use::Pdf => (
            extension == "pdf",
            "a PDF",
            "`pdf:` names the brief's .pdf file",
        ),
    };
    if typed {
        Ok(())
    } else {
        Err((
            format!("`{v}` does not have the extension of {what}"),
            hint.into(),
        ))
    }
}

/// A size as people read it: `840 kB`, `1.2 MB`.
pub(crate) fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} kB", b.div_ceil(1_000)),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        for (n, want) in [(512, "512 bytes"), (1_500, "2 kB"), (1_234_567, "1.2 MB")] {
            assert_eq!(human_size(n), want);
        }
    }

    #[test]
    fn values() {
        let text = "image: x\n";
        let front = Block {
            text,
            first_line: 2,
            file: text,
        };
        let r = Resolver {
            root: Path::new("/nonexistent"),
            source: Path::new("content/briefs/a.md"),
            slug: "a",
            front: &front,
        };
        assert!(
            r.resolve("image", "https://x.org/a.jpg", Use::Image)
                .is_ok()
        );
        for (v, usage, want) in [
            (
                "https://x.org/a.pdf",
                Use::Pdf,
                "must be a file of this site",
            ),
            ("a.txt", Use::Image, "extension"),
            ("../a.jpg", Use::Image, "beside the brief"),
            ("/a/../b.pdf", Use::Pdf, "under static/"),
            ("cite.json", Use::Image, "extension"),
            (
                "lead.jpg",
                Use::Image,
                "not found: there is no file content/briefs/lead.jpg",
            ),
        ] {
            let e = r.resolve("image", v, usage).unwrap_err();
            assert!(e.message.contains(want), "{v}: {}", e.message);
        }
    }
}
