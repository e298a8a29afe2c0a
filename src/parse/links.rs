//! Links and images of a Markdown body, on the event stream: every
//! destination (inline, autolink, reference-style, and reference
//! definitions nothing uses) must pass the one URL rule of [`check_url`],
//! and a root-relative one (`/pdf/x.pdf`) gets the site's base path
//! (`/briefs/pdf/x.pdf`), as front-matter URLs do. Raw HTML is not
//! touched. Problems point at the URL in the source (or at the link when
//! the URL is not there as written, e.g. with character references).

use super::markdown::Problem;
use super::url::{URL_HINT, UrlUse, check_url};
use pulldown_cmark::{CowStr, Event, LinkType, RefDefs, Tag};
use std::ops::Range;

/// Checks every link and image of `events` (parsed from `source`) and
/// prefixes root-relative ones with `base_path` (`/` or `/briefs/`).
pub(crate) fn check_and_rebase(
    events: &mut [(Event<'_>, Range<usize>)],
    source: &str,
    defs: &RefDefs<'_>,
    base_path: &str,
    problems: &mut Vec<Problem>,
) {
    for (event, range) in events.iter_mut() {
        let (usage, link_type, dest, id) = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => (UrlUse::Link, *link_type, dest_url, id),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => (UrlUse::Image, *link_type, dest_url, id),
            _ => continue,
        };
        // An email autolink's destination is the address; `mailto:` is added on output.
        if link_type == LinkType::Email {
            continue;
        }
        if let Err(m) = check_url(dest, usage) {
            let at = match defs.get(id).filter(|_| is_reference(link_type)) {
                Some(def) => find(source, def.span.clone(), &def.dest),
                None => find(source, range.clone(), dest),
            };
            problems.push(Problem::new(at, m, URL_HINT));
        }
        if let Some(rebased) = rebase(dest, base_path) {
            *dest = CowStr::from(rebased);
        }
    }
    // Definitions no link uses are not in the output, but are refused
    // alike; those in use were reported above (duplicates are dropped).
    for (_, def) in defs.iter() {
        if let Err(m) = check_url(&def.dest, UrlUse::Image) {
            let at = find(source, def.span.clone(), &def.dest);
            problems.push(Problem::new(at, m, URL_HINT));
        }
    }
}

/// `dest` with the base path, if it is root-relative and the base path is
/// not just `/`.
pub(crate) fn rebase(dest: &str, base_path: &str) -> Option<String> {
    let rest = dest.strip_prefix('/')?;
    if rest.starts_with('/') || base_path == "/" {
        return None;
    }
    Some(format!("{base_path}{rest}"))
}

fn is_reference(t: LinkType) -> bool {
    matches!(
        t,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// Where `dest` is written in `source[range]` (its last occurrence: the
/// text of `[javascript:x](javascript:x)` comes first), else the range start.
fn find(source: &str, range: Range<usize>, dest: &str) -> usize {
    source
        .get(range.clone())
        .filter(|_| !dest.is_empty())
        .and_then(|s| s.rfind(dest))
        .map_or(range.start, |i| range.start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebases_root_relative_only() {
        for (dest, base, want) in [
            ("/pdf/x.pdf", "/briefs/", Some("/briefs/pdf/x.pdf")),
            ("/", "/briefs/", Some("/briefs/")),
            ("/pdf/x.pdf", "/", None),
            ("//cdn.org/x", "/briefs/", None),
            ("pdf/x.pdf", "/briefs/", None),
            ("https://x.org/a", "/briefs/", None),
            ("#fn-1", "/briefs/", None),
        ] {
            assert_eq!(rebase(dest, base).as_deref(), want, "{dest}");
        }
    }
}
