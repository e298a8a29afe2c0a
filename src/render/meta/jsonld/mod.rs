//! JSON-LD for a page's `<script type="application/ld+json">`, built from
//! the model (never by templates): one `@graph` per page with the brief (a
//! `Report`, or the type its kind maps to in site.yaml), its authors and
//! quoted experts as `Person`s, the publisher as the `Organization`, one
//! `Quotation` per expert response and a `BreadcrumbList`; an expert's
//! `ProfilePage`; a listing's `CollectionPage` and the `WebSite`.
//! Each node is a struct of [`nodes`], serialised by serde.

mod nodes;

use crate::model::{BriefId, ExpertId, Site, paths};
use nodes::*;

/// The `@id` of the publisher's node.
fn org_id(site: &Site) -> String {
    [site.config.base_url.as_str(), "#organization"].concat()
}

/// The `@id` of the site's node.
fn site_id(site: &Site) -> String {
    [site.config.base_url.as_str(), "#website"].concat()
}

/// The `@id` of an expert's `Person` node.
fn person_id(site: &Site, e: ExpertId) -> String {
    let mut id = site.config.permalink(&paths::expert(&site.experts[e].id));
    id.push_str("#person");
    id
}

/// The publishing organisation.
fn organization(site: &Site) -> Node<'_> {
    let p = &site.config.publisher;
    Node::Organization(Organization {
        id: org_id(site),
        ty: "Organization",
        alternate_name: (p.name != p.full_name).then_some(p.name.as_str()),
        location: (p.place.as_deref()).map(|place| Named {
            ty: "Place",
            name: place,
            url: None,
        }),
        logo: (p.logo.as_deref()).map(|url| ImageRef {
            ty: "ImageObject",
            url,
        }),
        name: &p.full_name,
        url: &p.url,
    })
}

/// The site itself.
fn website(site: &Site) -> Node<'_> {
    let c = &site.config;
    Node::WebSite(WebSite {
        id: site_id(site),
        ty: "WebSite",
        description: &c.description,
        in_language: &c.language,
        name: &c.title,
        publisher: id(org_id(site)),
        url: &c.base_url,
    })
}

/// An expert as a `Person`: `sameAs` holds the ORCID URL and their links.
fn person(site: &Site, e: ExpertId) -> Node<'_> {
    let x = &site.experts[e];
    Node::Person(Person {
        id: person_id(site, e),
        ty: "Person",
        honorific_prefix: (!x.honorific.is_empty()).then_some(x.honorific.as_str()),
        image: x.photo.as_deref().map(|photo| absolute(site, photo)),
        job_title: (!x.role.is_empty()).then_some(x.role.as_str()),
        name: &x.name,
        same_as: (x.orcid.iter().map(|o| format!("https://orcid.org/{o}")))
            .chain(x.links.values().map(|u| absolute(site, u)))
            .collect(),
        url: site.config.permalink(&paths::expert(&x.id)),
        works_for: id(org_id(site)),
    })
}

/// A URL from content made absolute (root-relative ones on this site).
pub(super) fn absolute(site: &Site, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => site.config.permalink(rest),
        _ => url.to_string(),
    }
}

/// The graph of a brief's page, whose permalink is `url`.
pub(super) fn brief<'a>(site: &'a Site, b: BriefId, url: &'a str) -> Graph<'a> {
    let brief = &site.briefs[b];
    let c = &site.config;
    let mut nodes = vec![Node::Report(Box::new(report(site, b, url)))];
    let mut people: Vec<ExpertId> = brief.authors.clone();
    for (r, anchor) in brief.responses.iter().zip(super::response_anchors(site, b)) {
        nodes.push(Node::Quotation(Quotation {
            id: format!("{url}#{anchor}"),
            ty: "Quotation",
            creator: id(person_id(site, r.expert)),
            is_part_of: id(url.to_string()),
            text: &r.quote,
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
    let kind = &site.kinds[brief.kind];
    nodes.push(breadcrumbs(
        url,
        [
            (c.title.as_str(), c.base_url.clone()),
            (kind.name.as_str(), c.permalink(&paths::kind(&kind.slug))),
            (&brief.title, url.to_string()),
        ],
    ));
    graph(nodes)
}

/// The brief as a `Report` (or its kind's type).
fn report<'a>(site: &'a Site, b: BriefId, url: &'a str) -> Report<'a> {
    let brief = &site.briefs[b];
    let c = &site.config;
    let p = &brief.publication;
    let kind = &site.kinds[brief.kind];
    let ty = (c.schema_types.get(&kind.slug)).map_or("Report", String::as_str);
    let author = if brief.authors.is_empty() {
        vec![id(org_id(site))]
    } else {
        (brief.authors.iter())
            .map(|&a| id(person_id(site, a)))
            .collect()
    };
    let mut identifier = Vec::new();
    if let Some(doi) = &p.doi {
        identifier.push(PropertyValue {
            ty: "PropertyValue",
            property_id: "DOI",
            url: Some(format!("https://doi.org/{doi}")),
            value: doi,
        });
    }
    if let Some(n) = &p.number {
        identifier.push(PropertyValue {
            ty: "PropertyValue",
            property_id: "report number",
            url: None,
            value: n,
        });
    }
    Report {
        id: url,
        ty,
        about: (brief.topics.iter())
            .map(|&t| Named {
                ty: "Thing",
                name: &site.topics[t].name,
                url: Some(c.permalink(&paths::topic(&site.topics[t].slug))),
            })
            .collect(),
        associated_media: p.pdf.as_ref().map(|pdf| MediaObject {
            ty: "MediaObject",
            content_size: crate::parse::media::human_size(pdf.size),
            content_url: site.asset_url(pdf),
            encoding_format: "application/pdf",
        }),
        author,
        breadcrumb: id(format!("{url}#breadcrumb")),
        date_modified: brief.last_modified().rfc3339(&c.timezone),
        date_published: brief.date.rfc3339(&c.timezone),
        description: crate::model::dek::description(&brief.summary, p.summary_written),
        headline: &brief.title,
        identifier,
        image: p.image.as_ref().map(|image| ImageObject {
            ty: "ImageObject",
            caption: image.caption.as_deref(),
            credit_text: image.credit.as_deref(),
            description: &image.alt,
            url: site.asset_url(&image.asset),
        }),
        in_language: &c.language,
        is_part_of: (
            Named {
                ty: "CreativeWorkSeries",
                name: p.series.as_deref().unwrap_or(&kind.name),
                url: None,
            },
            id(site_id(site)),
        ),
        main_entity_of_page: url,
        name: &brief.title,
        publisher: id(org_id(site)),
        same_as: p.doi.as_ref().map(|doi| format!("https://doi.org/{doi}")),
        url,
    }
}

/// A `BreadcrumbList` of `(name, URL)` steps, for the page at `url`.
fn breadcrumbs<'a, const N: usize>(url: &str, steps: [(&'a str, String); N]) -> Node<'a> {
    Node::Breadcrumbs(Breadcrumbs {
        id: format!("{url}#breadcrumb"),
        ty: "BreadcrumbList",
        items: (steps.into_iter().enumerate())
            .map(|(i, (name, item))| ListItem {
                ty: "ListItem",
                item,
                name,
                position: i + 1,
            })
            .collect(),
    })
}

/// The graph of an expert's page: a `ProfilePage` about the `Person`.
pub(super) fn expert(site: &Site, e: ExpertId) -> Graph<'_> {
    let url = site.config.permalink(&paths::expert(&site.experts[e].id));
    graph(vec![
        Node::ProfilePage(ProfilePage {
            id: url.clone(),
            ty: "ProfilePage",
            is_part_of: id(site_id(site)),
            main_entity: id(person_id(site, e)),
            name: site.expert_full_name(e),
            url,
        }),
        person(site, e),
        organization(site),
        website(site),
    ])
}

/// The graph of another page of the site: a `CollectionPage` (a listing
/// or an index) or a `WebPage` (a plain page), with the `WebSite`.
pub(super) fn page<'a>(
    site: &'a Site,
    ty: &'a str,
    title: &'a str,
    url: &'a str,
    description: &'a str,
) -> Graph<'a> {
    graph(vec![
        Node::Page(Page {
            id: url,
            ty,
            description,
            in_language: &site.config.language,
            is_part_of: id(site_id(site)),
            name: title,
            url,
        }),
        website(site),
        organization(site),
    ])
}
