//! Atom 1.0, written by the `atom_syndication` crate: takes a [`Feed`],
//! returns the XML document.

use super::{Entry, Feed, item::Person};
use crate::parse::Moment;
use atom_syndication::{
    Category, Content, Entry as AtomEntry, Feed as AtomFeed, FixedDateTime, Generator, Link,
    Person as AtomPerson, Text,
};

/// The instant an empty feed claims as its update: fixed, never the clock.
const EPOCH: &str = "1970-01-01T00:00:00+00:00";

/// The feed as an Atom 1.0 document.
pub(super) fn render(feed: &Feed) -> anyhow::Result<Vec<u8>> {
    let entries = feed
        .entries
        .iter()
        .map(|e| entry(feed, e))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let updated = match feed.updated() {
        Some(m) => date(m, feed)?,
        None => parse(EPOCH)?,
    };
    let atom = AtomFeed {
        title: Text::plain(feed.title.clone()),
        id: feed.home_url.clone(),
        updated,
        authors: vec![person(&feed.publisher)],
        generator: Some(Generator {
            value: feed.generator.into(),
            ..Generator::default()
        }),
        links: vec![
            link(&feed.home_url, "alternate", "text/html"),
            link(&feed.self_url, "self", "application/atom+xml"),
        ],
        subtitle: Some(Text::plain(feed.description.clone())),
        lang: Some(feed.language.to_string()),
        entries,
        ..AtomFeed::default()
    };
    let mut out = atom.write_with_config(
        Vec::new(),
        atom_syndication::WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        },
    )?;
    out.push(b'\n');
    Ok(out)
}

fn entry(feed: &Feed, e: &Entry) -> anyhow::Result<AtomEntry> {
    let it = e.item;
    Ok(AtomEntry {
        title: Text::plain(it.title.clone()),
        id: it.url.clone(),
        updated: date(it.modified(), feed)?,
        published: Some(date(it.date, feed)?),
        authors: it.authors.iter().map(person).collect(),
        categories: it
            .categories
            .iter()
            .map(|c| Category {
                term: c.clone(),
                ..Category::default()
            })
            .collect(),
        links: std::iter::once(link(&it.url, "alternate", "text/html"))
            .chain(it.pdf.as_ref().map(|(url, size)| Link {
                length: Some(size.to_string()),
                ..link(url, "enclosure", "application/pdf")
            }))
            .collect(),
        summary: Some(Text::plain(e.summary())),
        content: Some(Content {
            value: Some(e.content()),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..AtomEntry::default()
    })
}

fn person(p: &Person) -> AtomPerson {
    AtomPerson {
        name: p.name.clone(),
        uri: Some(p.url.clone()),
        ..AtomPerson::default()
    }
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: href.into(),
        rel: rel.into(),
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

fn date(m: Moment, feed: &Feed) -> anyhow::Result<FixedDateTime> {
    parse(&m.rfc3339(feed.timezone))
}

fn parse(s: &str) -> anyhow::Result<FixedDateTime> {
    FixedDateTime::parse_from_rfc3339(s).map_err(|e| anyhow::anyhow!("bad date {s}: {e}"))
}
