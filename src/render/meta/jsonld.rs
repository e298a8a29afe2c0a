//! JSON-LD for a page's `<script type="application/ld+json">`, built with
//! serde_json from the model (never by templates): one `@graph` per page
//! with the brief (a `Report`, or the type its kind maps to in site.yaml),
//! its authors and quoted experts as `Person`s, the publisher as the
//! `Organization`, one `Quotation` per expert response and a
//! `BreadcrumbList`; an expert's `ProfilePage`; a listing's
//! `CollectionPage` and the `WebSite`.

use crate::model::{BriefId, ExpertId, Site, paths};
use serde_json::{Map, Value, json};

/// The `@id` of the publisher's node.
fn org_id(site: &Site) -> String {
    format!("{}#organization", site.config.base_url)
}

/// The `@id` of the site's node.
fn site_id(site: &Site) -> String {
    format!("{}#website", site.config.base_url)
}

/// The `@id` of an expert's `Person` node.
pub(super) fn person_id(site: &Site, e: ExpertId) -> String {
    format!(
        "{}#person",
        site.config.permalink(&paths::expert(&site.experts[e].id))
    )
}

/// A whole graph.
pub(super) fn graph(nodes: Vec<Value>) -> Value {
    json!({ "@context": "https://schema.org", "@graph": nodes })
}

/// The publishing organisation.
pub(super) fn organization(site: &Site) -> Value {
    let p = &site.config.publisher;
    let mut v = json!({
        "@type": "Organization",
        "@id": org_id(site),
        "name": p.full_name,
        "url": p.url,
    });
    let m = obj(&mut v);
    if p.name != p.full_name {
        m.insert("alternateName".into(), Value::from(p.name.as_str()));
    }
    if let Some(logo) = &p.logo {
        m.insert(
            "logo".into(),
            json!({ "@type": "ImageObject", "url": logo }),
        );
    }
    if let Some(place) = &p.place {
        m.insert(
            "location".into(),
            json!({ "@type": "Place", "name": place }),
        );
    }
    v
}

/// The site itself.
pub(super) fn website(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "@type": "WebSite",
        "@id": site_id(site),
        "name": c.title,
        "description": c.description,
        "url": c.base_url,
        "inLanguage": c.language,
        "publisher": { "@id": org_id(site) },
    })
}

/// An expert as a `Person`: `sameAs` holds the ORCID URL and their links.
pub(super) fn person(site: &Site, id: ExpertId) -> Value {
    let e = &site.experts[id];
    let url = site.config.permalink(&paths::expert(&e.id));
    let mut v = json!({
        "@type": "Person",
        "@id": person_id(site, id),
        "name": e.name,
        "url": url,
    });
    let m = obj(&mut v);
    if !e.role.is_empty() {
        m.insert("jobTitle".into(), Value::from(e.role.as_str()));
    }
    if !e.honorific.is_empty() {
        m.insert("honorificPrefix".into(), Value::from(e.honorific.as_str()));
    }
    if let Some(photo) = &e.photo {
        m.insert("image".into(), Value::from(absolute(site, photo)));
    }
    let same_as: Vec<Value> = (e.orcid.iter().map(|o| format!("https://orcid.org/{o}")))
        .chain(e.links.values().map(|u| absolute(site, u)))
        .map(Value::from)
        .collect();
    if !same_as.is_empty() {
        m.insert("sameAs".into(), Value::from(same_as));
    }
    m.insert("worksFor".into(), json!({ "@id": org_id(site) }));
    v
}

/// A URL from content made absolute (root-relative ones on this site).
pub(super) fn absolute(site: &Site, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => site.config.permalink(rest),
        _ => url.to_string(),
    }
}

/// The graph of a brief's page.
pub(super) fn brief(site: &Site, id: BriefId) -> Value {
    let b = &site.briefs[id];
    let c = &site.config;
    let url = c.permalink(&paths::brief(&b.slug));
    let mut nodes = vec![report(site, id, &url)];
    let mut people: Vec<ExpertId> = b.authors.clone();
    for (r, anchor) in b.responses.iter().zip(super::response_anchors(site, id)) {
        nodes.push(json!({
            "@type": "Quotation",
            "@id": format!("{url}#{anchor}"),
            "text": &*r.quote,
            "creator": { "@id": person_id(site, r.expert) },
            "isPartOf": { "@id": url },
        }));
        people.push(r.expert);
    }
    let mut seen = Vec::new();
    for e in people {
        if !seen.contains(&e) {
            seen.push(e);
            nodes.push(person(site, e));
        }
    }
    nodes.push(organization(site));
    nodes.push(website(site));
    let kind = &site.kinds[b.kind];
    nodes.push(breadcrumbs(
        &url,
        &[
            (c.title.as_str(), c.base_url.clone()),
            (kind.name.as_str(), c.permalink(&paths::kind(&kind.slug))),
            (&b.title, url.clone()),
        ],
    ));
    graph(nodes)
}

/// The brief as a `Report` (or its kind's type).
fn report(site: &Site, id: BriefId, url: &str) -> Value {
    let b = &site.briefs[id];
    let c = &site.config;
    let p = &b.publication;
    let kind = &site.kinds[b.kind];
    let ty = c
        .schema_types
        .get(&kind.slug)
        .map_or("Report", String::as_str);
    let authors: Vec<Value> = if b.authors.is_empty() {
        vec![json!({ "@id": org_id(site) })]
    } else {
        b.authors
            .iter()
            .map(|&a| json!({ "@id": person_id(site, a) }))
            .collect()
    };
    let mut v = json!({
        "@type": ty,
        "@id": url,
        "url": url,
        "headline": &*b.title,
        "name": &*b.title,
        "description": crate::model::dek::description(&b.summary, p.summary_written),
        "datePublished": b.date.rfc3339(&c.timezone),
        "dateModified": b.last_modified().rfc3339(&c.timezone),
        "inLanguage": c.language,
        "author": authors,
        "publisher": { "@id": org_id(site) },
        "about": b.topics.iter().map(|&t| json!({
            "@type": "Thing",
            "name": site.topics[t].name,
            "url": c.permalink(&paths::topic(&site.topics[t].slug)),
        })).collect::<Vec<_>>(),
        "isPartOf": [
            { "@type": "CreativeWorkSeries", "name": p.series.as_deref().unwrap_or(&kind.name) },
            { "@id": site_id(site) },
        ],
        "mainEntityOfPage": url,
        "breadcrumb": { "@id": format!("{url}#breadcrumb") },
    });
    let m = obj(&mut v);
    let mut ids = Vec::new();
    if let Some(doi) = &p.doi {
        ids.push(json!({ "@type": "PropertyValue", "propertyID": "DOI", "value": doi, "url": format!("https://doi.org/{doi}") }));
        m.insert(
            "sameAs".into(),
            Value::from(format!("https://doi.org/{doi}")),
        );
    }
    if let Some(n) = &p.number {
        ids.push(json!({ "@type": "PropertyValue", "propertyID": "report number", "value": n }));
    }
    if !ids.is_empty() {
        m.insert("identifier".into(), Value::from(ids));
    }
    if let Some(image) = &p.image {
        let mut img = json!({ "@type": "ImageObject", "url": site.asset_url(&image.asset), "description": image.alt });
        for (key, value) in [("caption", &image.caption), ("creditText", &image.credit)] {
            if let Some(text) = value {
                obj(&mut img).insert(key.into(), Value::from(text.as_str()));
            }
        }
        m.insert("image".into(), img);
    }
    if let Some(pdf) = &p.pdf {
        m.insert(
            "associatedMedia".into(),
            json!({
                "@type": "MediaObject",
                "contentUrl": site.asset_url(pdf),
                "encodingFormat": "application/pdf",
                "contentSize": crate::parse::media::human_size(pdf.size),
            }),
        );
    }
    v
}

/// A `BreadcrumbList` of `(name, URL)` steps, for the page at `url`.
pub(super) fn breadcrumbs(url: &str, steps: &[(&str, String)]) -> Value {
    let items: Vec<Value> = steps
        .iter()
        .enumerate()
        .map(|(i, (name, item))| json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": item }))
        .collect();
    json!({ "@type": "BreadcrumbList", "@id": format!("{url}#breadcrumb"), "itemListElement": items })
}

/// The graph of an expert's page: a `ProfilePage` about the `Person`.
pub(super) fn expert(site: &Site, id: ExpertId) -> Value {
    let url = site.config.permalink(&paths::expert(&site.experts[id].id));
    graph(vec![
        json!({
            "@type": "ProfilePage",
            "@id": url,
            "url": url,
            "name": site.expert_full_name(id),
            "mainEntity": { "@id": person_id(site, id) },
            "isPartOf": { "@id": site_id(site) },
        }),
        person(site, id),
        organization(site),
        website(site),
    ])
}

/// The graph of another page of the site: a `CollectionPage` (a listing
/// or an index) or a `WebPage` (a plain page), with the `WebSite`.
pub(super) fn page(site: &Site, ty: &str, title: &str, url: &str, description: &str) -> Value {
    graph(vec![
        json!({
            "@type": ty,
            "@id": url,
            "url": url,
            "name": title,
            "description": description,
            "inLanguage": site.config.language,
            "isPartOf": { "@id": site_id(site) },
        }),
        website(site),
        organization(site),
    ])
}

fn obj(v: &mut Value) -> &mut Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => unreachable!("every node is built as an object"),
    }
}
