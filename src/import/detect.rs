//! Which kind a source is, told by its content (never its extension): a
//! WordPress export (WXR 1.0, 1.1 or 1.2: `<rss>` with the `wp:`
//! namespace), an RSS 2.0 feed, or pasted plain text.

use std::io::Read;
use std::path::Path;

/// The kinds of source `briefs import` reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// A WordPress export, with its WXR version ("1.2").
    Wxr(String),
    /// An RSS 2.0 feed (WordPress's, with `content:encoded`).
    Feed,
    /// Plain text of a flash brief, as pasted from an e-mail or document.
    Text,
}

impl std::fmt::Display for SourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceKind::Wxr(v) => write!(f, "WordPress export (WXR {v})"),
            SourceKind::Feed => f.write_str("RSS feed"),
            SourceKind::Text => f.write_str("plain text"),
        }
    }
}

/// How much of a file is looked at to tell its kind.
const HEAD: u64 = 64 * 1024;

/// Tells the kind of the file at `path` from its first 64 KiB; the
/// message says what is wrong otherwise.
pub(crate) fn detect(path: &Path) -> Result<SourceKind, String> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD).read_to_end(&mut head))
        .map_err(|e| format!("cannot read the file: {e}"))?;
    kind_of(&String::from_utf8_lossy(&head))
}

/// The kind of a source whose beginning is `head`.
pub(crate) fn kind_of(head: &str) -> Result<SourceKind, String> {
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if !head.starts_with('<') {
        return if head.is_empty() {
            Err("the file is empty".into())
        } else {
            Ok(SourceKind::Text)
        };
    }
    if let Some(at) = head.find("wordpress.org/export/") {
        let version: String = head[at + "wordpress.org/export/".len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return match version.as_str() {
            "1.0" | "1.1" | "1.2" => Ok(SourceKind::Wxr(version)),
            v => Err(format!(
                "a WordPress export of WXR version `{v}`, which is not one of 1.0, 1.1, 1.2"
            )),
        };
    }
    if head.contains("<rss") && head.contains("<channel") {
        return Ok(SourceKind::Feed);
    }
    Err("XML that is neither a WordPress export (WXR) nor an RSS 2.0 feed".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        let wxr = |v: &str| {
            format!(
                "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/{v}/\"><channel>"
            )
        };
        for (head, want) in [
            (wxr("1.0"), Ok(SourceKind::Wxr("1.0".into()))),
            (wxr("1.1"), Ok(SourceKind::Wxr("1.1".into()))),
            (wxr("1.2"), Ok(SourceKind::Wxr("1.2".into()))),
            (
                "\u{feff}<rss version=\"2.0\"><channel>".into(),
                Ok(SourceKind::Feed),
            ),
            ("Latest Developments\n• A: b".into(), Ok(SourceKind::Text)),
            ("  \n".into(), Err(())),
            ("<html><body>".into(), Err(())),
            (wxr("9.9"), Err(())),
        ] {
            assert_eq!(kind_of(&head).map_err(|_| ()), want, "{head}");
        }
    }
}
