//! Links into the old site: a link to a post or page the import brings
//! becomes a link to its new address; a link to a file under
//! `wp-content/uploads/` becomes `/uploads/…` when `--uploads` has the file
//! (which is then copied into `static/uploads/`); every other link into
//! the old site is kept as it is and reported, so no broken link goes
//! unnoticed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What happens to one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Not into the old site: left alone.
    Outside,
    /// Rewritten to this site's address (root-relative).
    Moved(String),
    /// An upload copied: (new address, file to copy, path under the site root).
    Copied(String, PathBuf, String),
    /// Into the old site, but not brought by the import: kept, with why.
    Left(String),
}

/// The old site's addresses and where the import puts what they held.
#[derive(Debug, Default)]
pub(crate) struct OldSite {
    /// (host without `www.`, path prefix without trailing slash).
    bases: Vec<(String, String)>,
    /// Normalised old address -> new root-relative address.
    moved: HashMap<String, String>,
    uploads: Option<PathBuf>,
    /// The first base, against which root-relative links are resolved.
    first: Option<url::Url>,
}

impl OldSite {
    /// The old site at `bases` (absolute URLs), its files in `uploads`.
    pub(crate) fn new(bases: &[String], uploads: Option<&Path>) -> OldSite {
        let first = bases.first().and_then(|b| url::Url::parse(b).ok());
        let bases = bases
            .iter()
            .filter_map(|b| url::Url::parse(b).ok())
            .filter_map(|u| Some((host(&u)?, u.path().trim_end_matches('/').to_string())))
            .collect();
        OldSite {
            bases,
            moved: HashMap::new(),
            uploads: uploads.map(Path::to_path_buf),
            first,
        }
    }

    /// Records that the old address `old` now lives at `new`.
    pub(crate) fn moved(&mut self, old: &str, new: &str) {
        if let Some(key) = key(old) {
            self.moved.insert(key, new.to_string());
        }
    }

    /// A link of the old site's HTML made absolute: a root-relative one
    /// (`/2024/11/x/`) pointed into the old site, not this one.
    pub(crate) fn absolute(&self, url: &str) -> String {
        match &self.first {
            Some(base) if url.starts_with('/') && !url.starts_with("//") => base
                .join(url)
                .map_or_else(|_| url.to_string(), String::from),
            _ => url.to_string(),
        }
    }

    /// What becomes of a link to `url` (as [`OldSite::absolute`] makes it).
    pub(crate) fn fate(&self, url: &str) -> Fate {
        let url = self.absolute(url.trim());
        let url = url.as_str();
        let Ok(parsed) = url::Url::parse(url) else {
            return Fate::Outside;
        };
        let Some(h) = host(&parsed) else {
            return Fate::Outside;
        };
        let inside = self
            .bases
            .iter()
            .any(|(bh, bp)| *bh == h && parsed.path().starts_with(bp.as_str()));
        if !inside {
            return Fate::Outside;
        }
        if let Some(new) = key(url).and_then(|k| self.moved.get(&k)) {
            return Fate::Moved(new.clone());
        }
        match parsed.path().split_once("/wp-content/uploads/") {
            Some((_, rest)) => self.upload(rest),
            None => Fate::Left("the import did not bring the page it points to".into()),
        }
    }

    fn upload(&self, rest: &str) -> Fate {
        let rest = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
        let Some(dir) = &self.uploads else {
            return Fate::Left("an uploaded file: pass --uploads DIR to copy it".into());
        };
        let safe = !rest.is_empty()
            && rest
                .split('/')
                .all(|s| !s.is_empty() && !s.starts_with('.'))
            && crate::portable::check_path(&rest).is_ok();
        let source = dir.join(&*rest);
        if !safe || !source.is_file() {
            return Fate::Left(format!("an uploaded file not found in {}", dir.display()));
        }
        Fate::Copied(
            format!("/uploads/{rest}"),
            source,
            format!("static/uploads/{rest}"),
        )
    }
}

fn host(u: &url::Url) -> Option<String> {
    let h = u.host_str()?.to_ascii_lowercase();
    Some(h.strip_prefix("www.").unwrap_or(&h).to_string())
}

/// An old address as a key: host without `www.`, path without trailing
/// slash, and only the `p`/`page_id` query (`/?p=12` permalinks).
fn key(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    let query: Vec<String> = u
        .query_pairs()
        .filter(|(k, _)| k == "p" || k == "page_id")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    Some(format!(
        "{}{}?{}",
        host(&u)?,
        u.path().trim_end_matches('/'),
        query.join("&")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2024/11")).unwrap();
        std::fs::write(dir.path().join("2024/11/a.pdf"), b"%PDF").unwrap();
        let mut old = OldSite::new(&["https://www.old.org".into()], Some(dir.path()));
        old.moved("https://www.old.org/2024/11/07/clash/", "/briefs/clash/");
        old.moved("https://www.old.org/?p=12", "/briefs/twelve/");
        assert_eq!(
            old.fate("https://old.org/2024/11/07/clash"),
            Fate::Moved("/briefs/clash/".into())
        );
        assert_eq!(
            old.fate("http://www.old.org/?p=12&utm=x"),
            Fate::Moved("/briefs/twelve/".into())
        );
        assert_eq!(old.fate("https://elsewhere.org/x"), Fate::Outside);
        assert!(matches!(old.fate("/relative"), Fate::Left(_)));
        assert_eq!(
            old.fate("/2024/11/07/clash/"),
            Fate::Moved("/briefs/clash/".into())
        );
        assert_eq!(OldSite::default().fate("/relative"), Fate::Outside);
        assert!(matches!(
            old.fate("https://www.old.org/about-us/"),
            Fate::Left(_)
        ));
        assert!(
            matches!(old.fate("https://www.old.org/wp-content/uploads/2024/11/a.pdf"), Fate::Copied(u, _, d) if u == "/uploads/2024/11/a.pdf" && d == "static/uploads/2024/11/a.pdf")
        );
        assert!(matches!(
            old.fate("https://www.old.org/wp-content/uploads/../../etc/passwd"),
            Fate::Left(_)
        ));
        assert!(matches!(
            old.fate("https://www.old.org/wp-content/uploads/2024/11/missing.pdf"),
            Fate::Left(_)
        ));
    }
}
