//! RSS 2.0 with the `content`, `dc` and `atom` modules, written by the `rss`
//! crate: takes a [`Feed`], returns the XML document.

use super::{Entry, Feed, rfc2822};
use ::rss::extension::atom::{AtomExtension, Link};
use ::rss::extension::dublincore::DublinCoreExtension;
use ::rss::{Category, Channel, Guid, Item};

/// The feed as an RSS 2.0 document.
pub(super) fn render(feed: &Feed) -> anyhow::Result<Vec<u8>> {
    let items = feed
        .entries
        .iter()
        .map(|e| item(feed, e))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let channel = Channel {
        title: feed.title.clone(),
        link: feed.home_url.clone(),
        description: feed.description.clone(),
        language: Some(feed.language.to_string()),
        generator: Some(feed.generator.to_string()),
        docs: Some("https://www.rssboard.org/rss-specification".into()),
        last_build_date: feed
            .updated()
            .map(|m| rfc2822(m, feed.timezone))
            .transpose()?,
        atom_ext: Some(AtomExtension {
            links: vec![Link {
                href: feed.self_url.clone(),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Link::default()
            }],
        }),
        items,
        ..Channel::default()
    };
    let mut out = channel.pretty_write_to(Vec::new(), b' ', 2)?;
    out.push(b'\n');
    Ok(out)
}

fn item(feed: &Feed, e: &Entry) -> anyhow::Result<Item> {
    let it = e.item;
    let creators: Vec<String> = it.authors.iter().map(|a| a.name.clone()).collect();
    Ok(Item {
        title: Some(it.title.clone()),
        link: Some(it.url.clone()),
        // Readers show an RSS description as HTML: the text summary is escaped.
        description: Some(crate::render::sitemap::escape(&e.summary())),
        content: Some(e.content()),
        guid: Some(Guid {
            value: it.url.clone(),
            permalink: true,
        }),
        pub_date: Some(rfc2822(it.date, feed.timezone)?),
        categories: it
            .categories
            .iter()
            .map(|c| Category {
                name: c.clone(),
                domain: None,
            })
            .collect(),
        enclosure: it.pdf.as_ref().map(|(url, size)| ::rss::Enclosure {
            url: url.clone(),
            length: size.to_string(),
            mime_type: "application/pdf".into(),
        }),
        dublin_core_ext: (!creators.is_empty()).then(|| DublinCoreExtension {
            creators,
            ..DublinCoreExtension::default()
        }),
        ..Item::default()
    })
}
