//! JSON Feed 1.1 with serde_json: takes a [`Feed`], returns the document.

use super::{Entry, Feed, item::Person};
use serde::Serialize;

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    summary: String,
    content_html: String,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'static str,
    size_in_bytes: u64,
}

/// The feed as a JSON Feed 1.1 document.
pub(super) fn render(feed: &Feed) -> anyhow::Result<Vec<u8>> {
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &feed.title,
        home_page_url: &feed.home_url,
        feed_url: &feed.self_url,
        description: &feed.description,
        language: feed.language,
        authors: vec![author(&feed.publisher)],
        items: feed.entries.iter().map(|e| item(feed, e)).collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc)?;
    out.push(b'\n');
    Ok(out)
}

fn item<'a>(feed: &Feed, e: &'a Entry) -> JsonItem<'a> {
    let it = e.item;
    JsonItem {
        id: &it.url,
        url: &it.url,
        title: &it.title,
        summary: e.summary(),
        content_html: e.content(),
        date_published: it.date.rfc3339(feed.timezone),
        date_modified: it.updated.map(|_| it.modified().rfc3339(feed.timezone)),
        authors: it.authors.iter().map(author).collect(),
        tags: &it.categories,
        image: it.image.as_deref(),
        attachments: (it.pdf.iter())
            .map(|(url, size)| Attachment {
                url,
                mime_type: "application/pdf",
                size_in_bytes: *size,
            })
            .collect(),
    }
}

fn author(p: &Person) -> Author<'_> {
    Author {
        name: &p.name,
        url: &p.url,
    }
}
