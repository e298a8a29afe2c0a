//! JSON-LD for a page's `<script type="application/ld+json">`, built from
//! the model (never by templates): one `@graph` per page with the brief (a
//! `Report`, or the type its kind maps to in site.yaml), its authors and
//! quoted experts as `Person`s, the publisher as the `Organization`, one
//! `Quotation` per expert response and a `BreadcrumbList`; an expert's
//! `ProfilePage`; a listing's `CollectionPage` and the `WebSite`.
//!
//! Each node is a struct serialised by serde (every page of a large site
//! carries one graph, so no intermediate JSON tree is built). Fields are
//! declared in the byte order of their names, so the JSON text comes out
//! with sorted keys: the same page, the same bytes.

use crate::model::{BriefId, ExpertId, Site, paths};
use serde::Serialize;

/// A whole graph: `{"@context":"https://schema.org","@graph":[…]}`.
#[derive(Serialize)]
pub(super) struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    nodes: Vec<Node<'a>>,
}

fn graph(nodes: Vec<Node<'_>>) -> Graph<'_> {
    Graph {
        context: "https://schema.org",
        nodes,
    }
}

/// One node of a graph.
#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Report(Box<Report<'a>>),
    Quotation(Quotation<'a>),
    Person(Person<'a>),
    Organization(Organization<'a>),
    WebSite(WebSite<'a>),
    Breadcrumbs(Breadcrumbs<'a>),
    Page(Page<'a>),
    ProfilePage(ProfilePage),
}

/// `{"@id": …}`: a reference to a node.
#[derive(Serialize)]
struct Id {
    #[serde(rename = "@id")]
    id: String,
}

fn id(id: String) -> Id {
    Id { id }
}

/// `{"@type": …, "name": …}` (and a `url` when given).
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    ty: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageRef<'a>>,
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct ImageRef<'a> {
    #[serde(rename = "@type")]
    ty: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: &'static str,
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    name: &'a str,
    publisher: Id,
    url: &'a str,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(rename = "honorificPrefix", skip_serializing_if = "Option::is_none")]
    honorific_prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
    url: String,
    #[serde(rename = "worksFor")]
    works_for: Id,
}

#[derive(Serialize)]
struct Quotation<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: &'static str,
    creator: Id,
    #[serde(rename = "isPartOf")]
    is_part_of: Id,
    text: &'a str,
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    ty: &'a str,
    about: Vec<Named<'a>>,
    #[serde(rename = "associatedMedia", skip_serializing_if = "Option::is_none")]
    associated_media: Option<MediaObject>,
    author: Vec<Id>,
    breadcrumb: Id,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: String,
    headline: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identifier: Vec<PropertyValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject<'a>>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: (Named<'a>, Id),
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    name: &'a str,
    publisher: Id,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    url: &'a str,
}

#[derive(Serialize)]
struct MediaObject {
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(rename = "contentSize")]
    content_size: String,
    #[serde(rename = "contentUrl")]
    content_url: String,
    #[serde(rename = "encodingFormat")]
    encoding_format: &'static str,
}

#[derive(Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(rename = "propertyID")]
    property_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    value: &'a str,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<&'a str>,
    #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
    credit_text: Option<&'a str>,
    description: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Breadcrumbs<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    ty: &'static str,
    item: String,
    name: &'a str,
    position: usize,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    ty: &'a str,
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: Id,
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct ProfilePage {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: &'static str,
    #[serde(rename = "isPartOf")]
    is_part_of: Id,
    #[serde(rename = "mainEntity")]
    main_entity: Id,
    name: String,
    url: String,
}

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
