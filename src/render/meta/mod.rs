//! The head metadata of a page (the `meta` value of `meta.html`): the
//! meta description, OpenGraph and `article:*` properties, the Twitter
//! card, Highwire Press `citation_*` tags for Google Scholar and Zotero,
//! and the JSON-LD ([`jsonld`]) as ready, script-safe JSON text. A local
//! `og:image` carries its type, width and height, read with the file. Takes the
//! site, the page's job and its title and description; returns one value.

mod jsonld;

use super::pages::Job;
use super::values::map;
use crate::model::{BriefId, Site, paths};
use tera::Value;

/// `(attribute value, content)` pairs of one kind of `<meta>` tag.
type Tags = Vec<(String, String)>;

/// A page's `og:image`: absolute URL, alt text, and the pixel size and
/// type of a local file (read when the file was, never per page).
type Image = (String, String, Option<crate::image_size::ImageInfo>);

/// The `meta` value of a page; `description` is cut to length already.
pub(crate) fn of(site: &Site, job: &Job, title: &str, description: &str, path: &str) -> Value {
    let c = &site.config;
    let url = c.permalink(path);
    let mut og: Tags = vec![
        tag("og:title", title),
        tag("og:description", description),
        tag("og:url", &url),
        tag("og:site_name", &c.title),
    ];
    let mut highwire = Tags::new();
    let mut image: Option<Image> =
        (c.social_image.as_ref()).map(|i| (i.url.clone(), i.alt.clone(), i.info));
    let (kind, graph) = match *job {
        Job::Brief(b) => {
            if let Some(i) = &site.briefs[b].publication.image {
                image = Some((site.asset_url(&i.asset), i.alt.clone(), i.asset.image));
            }
            article(site, b, &mut og);
            highwire = citation_tags(site, b);
            ("article", jsonld::brief(site, b, &url))
        }
        Job::Expert(e) => {
            if let Some(photo) = &site.experts[e].photo {
                image = Some((
                    jsonld::absolute(site, photo),
                    site.expert_full_name(e),
                    None,
                ));
            }
            ("profile", jsonld::expert(site, e))
        }
        Job::NotFound | Job::Cite(..) => return Value::none(),
        // A plain page is a page of the site; the rest list briefs or experts.
        Job::Page(_) => (
            "website",
            jsonld::page(site, "WebPage", title, &url, description),
        ),
        _ => (
            "website",
            jsonld::page(site, "CollectionPage", title, &url, description),
        ),
    };
    og.insert(3, tag("og:type", kind));
    let mut twitter: Tags = vec![tag(
        "twitter:card",
        if image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
    )];
    if let Some(handle) = &c.x_handle {
        twitter.push(tag("twitter:site", handle));
    }
    twitter.push(tag("twitter:title", title));
    twitter.push(tag("twitter:description", description));
    if let Some((src, alt, info)) = &image {
        og.push(tag("og:image", src));
        if let Some(i) = info {
            og.push(tag("og:image:type", i.mime));
            og.push(tag("og:image:width", &i.width.to_string()));
            og.push(tag("og:image:height", &i.height.to_string()));
        }
        og.push(tag("og:image:alt", alt));
        twitter.push(tag("twitter:image", src));
        twitter.push(tag("twitter:image:alt", alt));
    }
    let json = serde_json::to_string(&graph).unwrap_or_else(|_| "{}".into());
    map! {
        "description" => description,
        "og" => list(og, "property"),
        "twitter" => list(twitter, "name"),
        "citation" => list(highwire, "name"),
        "jsonld" => Value::safe_string(&super::filters::script_safe(&json)),
    }
}

fn tag(key: &str, content: &str) -> (String, String) {
    (key.to_string(), content.to_string())
}

fn list(tags: Tags, attribute: &'static str) -> Value {
    let items: Vec<Value> = tags
        .into_iter()
        .map(|(key, content)| {
            let mut m = tera::Map::with_capacity_and_hasher(2, Default::default());
            m.insert(attribute.into(), Value::from(key));
            m.insert("content".into(), Value::from(content));
            Value::from(m)
        })
        .collect();
    Value::from(items)
}

/// `article:*` properties of brief `id`.
fn article(site: &Site, id: BriefId, og: &mut Tags) {
    let b = &site.briefs[id];
    let tz = &site.config.timezone;
    og.push(tag("article:published_time", &b.date.rfc3339(tz)));
    og.push(tag("article:modified_time", &b.last_modified().rfc3339(tz)));
    for &a in &b.authors {
        og.push(tag(
            "article:author",
            &site.config.permalink(&paths::expert(&site.experts[a].id)),
        ));
    }
    og.push(tag("article:section", &site.kinds[b.kind].name));
    for &t in &b.topics {
        og.push(tag("article:tag", &site.topics[t].name));
    }
}

/// Highwire Press tags of brief `id`, as Google Scholar reads them.
fn citation_tags(site: &Site, id: BriefId) -> Tags {
    let b = &site.briefs[id];
    let c = &site.config;
    let p = &b.publication;
    let slash = |m: crate::parse::Moment| m.zoned(&c.timezone).strftime("%Y/%m/%d").to_string();
    let mut tags = vec![tag("citation_title", &b.title)];
    if b.authors.is_empty() {
        tags.push(tag("citation_author", &c.publisher.full_name));
    }
    for &a in &b.authors {
        tags.push(tag("citation_author", &site.experts[a].name));
    }
    tags.push(tag("citation_publication_date", &slash(b.date)));
    tags.push(tag("citation_online_date", &slash(b.date)));
    tags.push(tag(
        "citation_technical_report_institution",
        &c.publisher.full_name,
    ));
    if let Some(n) = &p.number {
        tags.push(tag("citation_technical_report_number", n));
    }
    if let Some(doi) = &p.doi {
        tags.push(tag("citation_doi", doi));
    }
    if let Some(pdf) = &p.pdf {
        tags.push(tag("citation_pdf_url", &site.asset_url(pdf)));
    }
    tags.push(tag(
        "citation_abstract_html_url",
        &c.permalink(&paths::brief(&b.slug)),
    ));
    tags.push(tag("citation_language", &c.language));
    tags
}

/// The anchors of brief `id`'s responses (`response-<expert-id>`, …).
fn response_anchors(site: &Site, id: BriefId) -> Vec<String> {
    let b = &site.briefs[id];
    crate::parse::ids::response_anchors(
        b.responses
            .iter()
            .map(|r| site.experts[r.expert].id.as_str()),
    )
}
