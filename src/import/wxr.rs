//! A WordPress export (WXR 1.0, 1.1, 1.2), streamed: posts become briefs,
//! pages become pages, `wp:author`s become people (experts to be),
//! categories and tags topics, attachments references; everything else
//! (menus, revisions, blocks, trash) is skipped with its reason.

use super::archive::{Archive, Attachment, Body, Entry, Person, Status};
use super::xml::{self, Group};
use super::zone::Offsets;
use crate::diag::Diagnostic;
use std::path::Path;

/// Reads the export at `path`.
pub(crate) fn read(path: &Path) -> Result<Archive, Diagnostic> {
    let (input, name) = xml::open(path)?;
    let mut archive = Archive::default();
    let mut offsets = Offsets::default();
    let channel = xml::read(path, input, |item| {
        offsets.observe(item.value("wp:post_date"), item.value("wp:post_date_gmt"));
        take_item(&name, &item, &mut archive);
    })?;
    for e in &mut archive.entries {
        // Dates with only a local time, read in the export's time zone.
        for date in std::iter::once(&mut e.date).chain(e.updated.as_mut()) {
            if !date.ends_with('Z') {
                if let Some(utc) = offsets.utc_of(date) {
                    *date = utc;
                }
            }
        }
    }
    for group in channel.groups.iter().filter(|g| g.name() == "wp:author") {
        if let Some(person) = person(group) {
            archive.people.push(person);
        }
    }
    archive.language = channel.value("language").map(str::to_string);
    for key in ["wp:base_site_url", "wp:base_blog_url", "link"] {
        if let Some(url) = channel.value(key) {
            let url = url.trim_end_matches('/').to_string();
            if url.starts_with("http") && !archive.old_sites.contains(&url) {
                archive.old_sites.push(url);
            }
        }
    }
    Ok(archive)
}

fn person(g: &Group) -> Option<Person> {
    let login = g.value("wp:author_login")?.to_string();
    let full = [
        g.value("wp:author_first_name"),
        g.value("wp:author_last_name"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let name = g
        .value("wp:author_display_name")
        .map(str::to_string)
        .or_else(|| (!full.is_empty()).then_some(full))
        .unwrap_or_else(|| login.clone());
    Some(Person { login, name })
}

fn take_item(file: &str, item: &Group, archive: &mut Archive) {
    let id = item.value("wp:post_id").and_then(|s| s.parse::<u64>().ok());
    let kind = item.value("wp:post_type").unwrap_or("post");
    let title = item.value("title").unwrap_or("").to_string();
    let origin = format!(
        "{file}: {kind} {} “{title}”",
        id.map_or("?".into(), |i| i.to_string())
    );
    match kind {
        "attachment" => {
            if let (Some(id), Some(url)) =
                (id, item.value("wp:attachment_url").or(item.value("guid")))
            {
                archive.attachments.push(Attachment {
                    id,
                    parent: item
                        .value("wp:post_parent")
                        .and_then(|s| s.parse().ok())
                        .filter(|p| *p != 0),
                    url: url.to_string(),
                    mime: item.value("wp:post_mime_type").unwrap_or("").to_string(),
                });
            }
        }
        "post" | "page" => match entry(item, origin.clone(), kind == "page", id) {
            Ok(e) => archive.entries.push(e),
            Err(why) => archive.skipped.push((origin, why)),
        },
        other => archive.skipped.push((
            origin,
            format!("a WordPress `{other}` item, not a post or page"),
        )),
    }
}

fn entry(
    item: &Group,
    origin: String,
    is_page: bool,
    post_id: Option<u64>,
) -> Result<Entry, String> {
    let raw_status = item.value("wp:status").unwrap_or("publish");
    let mut notes = Vec::new();
    let status = match raw_status {
        "publish" => Status::Published,
        "future" => Status::Embargo,
        "draft" | "pending" => Status::Draft,
        "private" => {
            notes.push("private in WordPress: imported as a draft".to_string());
            Status::Draft
        }
        other => {
            return Err(format!(
                "its status is `{other}` (only publish, future, draft, pending and private are imported)"
            ));
        }
    };
    if item.value("wp:post_password").is_some() {
        notes.push("password-protected in WordPress: the password is not carried over".into());
    }
    let date = wp_date(item.value("wp:post_date_gmt"), item.value("wp:post_date"))
        .ok_or("it has no usable date (wp:post_date)")?;
    let updated = wp_date(
        item.value("wp:post_modified_gmt"),
        item.value("wp:post_modified"),
    )
    .filter(|u| u.as_str() > date.as_str() && u.ends_with('Z') == date.ends_with('Z'));
    let mut title = item.value("title").unwrap_or("").to_string();
    if title.is_empty() {
        title = format!("Untitled {}", post_id.unwrap_or(0));
        notes.push("it had no title".into());
    }
    Ok(Entry {
        key: item
            .value("guid")
            .map_or_else(|| format!("wp:{}", post_id.unwrap_or(0)), str::to_string),
        origin,
        is_page,
        slug: percent_decode(item.value("wp:post_name").unwrap_or("")),
        authors: item
            .value("dc:creator")
            .map(|c| vec![c.to_string()])
            .unwrap_or_default(),
        topics: topics(item),
        body: Body::Html(item.get("content:encoded").unwrap_or("").to_string()),
        link: item.value("link").map(str::to_string),
        thumbnail: meta(item, "_thumbnail_id").and_then(|v| v.parse().ok()),
        title,
        date,
        updated,
        status,
        post_id,
        notes,
        ..Entry::default()
    })
}

/// Category and tag names, in order, without repeats or WordPress's
/// placeholder category "Uncategorized".
pub(crate) fn topics(item: &Group) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in item.all("category") {
        let domain = c.attr("domain").unwrap_or("category");
        let name = c.text.trim();
        let is_term = matches!(domain, "category" | "post_tag");
        let placeholder = c.attr("nicename") == Some("uncategorized") || name == "Uncategorized";
        if is_term
            && !placeholder
            && !name.is_empty()
            && !out.iter().any(|t| t.eq_ignore_ascii_case(name))
        {
            out.push(name.to_string());
        }
    }
    out
}

/// The value of the post meta `key`.
fn meta<'a>(item: &'a Group, key: &str) -> Option<&'a str> {
    let mut fields = item.fields.iter();
    while let Some(f) = fields.next() {
        if f.name == "wp:meta_key" && f.text.trim() == key {
            return fields
                .find(|f| f.name == "wp:meta_value")
                .map(|f| f.text.trim());
        }
    }
    None
}

/// A front-matter date from WordPress's GMT date (`2024-11-07 20:31:00`,
/// written with `Z`) or, when that is unset (`0000-00-00 00:00:00`, as
/// for drafts), its local date (read in the site's time zone).
fn wp_date(gmt: Option<&str>, local: Option<&str>) -> Option<String> {
    let parse = |s: &str| {
        s.trim()
            .replace(' ', "T")
            .parse::<jiff::civil::DateTime>()
            .ok()
    };
    if let Some(dt) = gmt.and_then(parse) {
        return Some(format!("{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S")));
    }
    local
        .and_then(parse)
        .map(|dt| dt.strftime("%Y-%m-%dT%H:%M:%S").to_string())
}

/// WordPress stores slugs with non-ASCII letters percent-encoded.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for (gmt, local, want) in [
            (
                Some("2024-11-07 20:31:00"),
                Some("2024-11-07 15:31:00"),
                Some("2024-11-07T20:31:00Z"),
            ),
            (
                Some("0000-00-00 00:00:00"),
                Some("2024-11-07 15:31:00"),
                Some("2024-11-07T15:31:00"),
            ),
            (None, None, None),
            (Some("garbage"), Some("2024-13-01 00:00:00"), None),
        ] {
            assert_eq!(wp_date(gmt, local).as_deref(), want, "{gmt:?}");
        }
    }

    #[test]
    fn slugs_are_decoded() {
        assert_eq!(percent_decode("%d0%bf%d1%80%d0%b8"), "при");
    }
}
