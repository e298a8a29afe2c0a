//! A WordPress RSS feed (RSS 2.0 with `content:encoded`), streamed: each
//! item becomes a brief; `dc:creator` its authors, `category` its topics,
//! `pubDate` its date, the last segment of its link its slug.

use super::archive::{Archive, Body, Entry};
use super::xml::{self, Group};
use crate::diag::Diagnostic;
use std::path::Path;

/// Reads the feed at `path`.
pub(crate) fn read(path: &Path) -> Result<Archive, Diagnostic> {
    let (input, name) = xml::open(path)?;
    let mut archive = Archive::default();
    let mut n = 0;
    let channel = xml::read(path, input, |item| {
        n += 1;
        let title = item.value("title").unwrap_or("").to_string();
        let origin = format!("{name}: item {n} “{title}”");
        match entry(&item, origin.clone()) {
            Ok(e) => archive.entries.push(e),
            Err(why) => archive.skipped.push((origin, why)),
        }
    })?;
    archive.language = channel.value("language").map(str::to_string);
    if let Some(link) = channel.value("link").filter(|l| l.starts_with("http")) {
        archive
            .old_sites
            .push(link.trim_end_matches('/').to_string());
    }
    Ok(archive)
}

fn entry(item: &Group, origin: String) -> Result<Entry, String> {
    let title = item.value("title").ok_or("it has no title")?.to_string();
    let published = item.value("pubDate").ok_or("it has no pubDate")?;
    let date = jiff::fmt::rfc2822::parse(published)
        .map(|z| z.timestamp().to_string())
        .map_err(|e| format!("its pubDate `{published}` is not an RFC 2822 date: {e}"))?;
    let link = item.value("link").map(str::to_string);
    let html = item
        .get("content:encoded")
        .or(item.get("description"))
        .unwrap_or("");
    Ok(Entry {
        key: item
            .value("guid")
            .or(link.as_deref())
            .unwrap_or(&title)
            .to_string(),
        origin,
        slug: link.as_deref().map(last_segment).unwrap_or_default(),
        authors: item
            .all("dc:creator")
            .map(|c| c.text.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect(),
        topics: super::wxr::topics(item),
        body: Body::Html(html.to_string()),
        link,
        title,
        date,
        ..Entry::default()
    })
}

/// The last path segment of a permalink: WordPress's post name
/// (`https://x.org/2024/11/07/troops-clash/` → `troops-clash`).
fn last_segment(link: &str) -> String {
    let path = url::Url::parse(link)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_links() {
        for (link, want) in [
            (
                "https://x.org/analysis/2024/11/07/troops-clash/",
                "troops-clash",
            ),
            ("https://x.org/p", "p"),
            ("https://x.org/?p=12", ""),
            ("not a url", ""),
        ] {
            assert_eq!(last_segment(link), want, "{link}");
        }
    }
}
