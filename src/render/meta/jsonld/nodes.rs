//! The nodes of a JSON-LD graph as serde structs. Fields are declared in
//! the byte order of their names (`@id` < `@type` < `about` < …), so the
//! JSON text comes out with sorted keys, as a `serde_json` map would write
//! it, without building one: every page of a large site carries a graph.

use serde::Serialize;

/// A whole graph: `{"@context":"https://schema.org","@graph":[…]}`.
#[derive(Serialize)]
pub(in crate::render::meta) struct Graph<'a> {
    #[serde(rename = "@context")]
    pub(super) context: &'static str,
    #[serde(rename = "@graph")]
    pub(super) nodes: Vec<Node<'a>>,
}

pub(super) fn graph(nodes: Vec<Node<'_>>) -> Graph<'_> {
    Graph {
        context: "https://schema.org",
        nodes,
    }
}

/// One node of a graph.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Node<'a> {
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
pub(super) struct Id {
    #[serde(rename = "@id")]
    pub(super) id: String,
}

pub(super) fn id(id: String) -> Id {
    Id { id }
}

/// `{"@type": …, "name": …}` (and a `url` when given).
#[derive(Serialize)]
pub(super) struct Named<'a> {
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    pub(super) name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Organization<'a> {
    #[serde(rename = "@id")]
    pub(super) id: String,
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    pub(super) alternate_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) location: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) logo: Option<ImageRef<'a>>,
    pub(super) name: &'a str,
    pub(super) url: &'a str,
}

#[derive(Serialize)]
pub(super) struct ImageRef<'a> {
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    pub(super) url: &'a str,
}

#[derive(Serialize)]
pub(super) struct WebSite<'a> {
    #[serde(rename = "@id")]
    pub(super) id: String,
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    pub(super) description: &'a str,
    #[serde(rename = "inLanguage")]
    pub(super) in_language: &'a str,
    pub(super) name: &'a str,
    pub(super) publisher: Id,
    pub(super) url: &'a str,
}

#[derive(Serialize)]
pub(super) struct Person<'a> {
    #[serde(rename = "@id")]
    pub(super) id: String,
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(rename = "honorificPrefix", skip_serializing_if = "Option::is_none")]
    pub(super) honorific_prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) image: Option<String>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    pub(super) job_title: Option<&'a str>,
    pub(super) name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    pub(super) same_as: Vec<String>,
    pub(super) url: String,
    #[serde(rename = "worksFor")]
    pub(super) works_for: Id,
}

#[derive(Serialize)]
pub(super) struct Quotation<'a> {
    #[serde(rename = "@id")]
    pub(super) id: String,
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    pub(super) creator: Id,
    #[serde(rename = "isPartOf")]
    pub(super) is_part_of: Id,
    pub(super) text: &'a str,
}

#[derive(Serialize)]
pub(super) struct Report<'a> {
    #[serde(rename = "@id")]
    pub(super) id: &'a str,
    #[serde(rename = "@type")]
    pub(super) ty: &'a str,
    pub(super) about: Vec<Named<'a>>,
    #[serde(rename = "associatedMedia", skip_serializing_if = "Option::is_none")]
    pub(super) associated_media: Option<MediaObject>,
    pub(super) author: Vec<Id>,
    pub(super) breadcrumb: Id,
    #[serde(rename = "dateModified")]
    pub(super) date_modified: String,
    #[serde(rename = "datePublished")]
    pub(super) date_published: String,
    pub(super) description: String,
    pub(super) headline: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) identifier: Vec<PropertyValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) image: Option<ImageObject<'a>>,
    #[serde(rename = "inLanguage")]
    pub(super) in_language: &'a str,
    #[serde(rename = "isPartOf")]
    pub(super) is_part_of: (Named<'a>, Id),
    #[serde(rename = "mainEntityOfPage")]
    pub(super) main_entity_of_page: &'a str,
    pub(super) name: &'a str,
    pub(super) publisher: Id,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    pub(super) same_as: Option<String>,
    pub(super) url: &'a str,
}

#[derive(Serialize)]
pub(super) struct MediaObject {
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(rename = "contentSize")]
    pub(super) content_size: String,
    #[serde(rename = "contentUrl")]
    pub(super) content_url: String,
    #[serde(rename = "encodingFormat")]
    pub(super) encoding_format: &'static str,
}

#[derive(Serialize)]
pub(super) struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(rename = "propertyID")]
    pub(super) property_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    pub(super) value: &'a str,
}

#[derive(Serialize)]
pub(super) struct ImageObject<'a> {
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) caption: Option<&'a str>,
    #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
    pub(super) credit_text: Option<&'a str>,
    pub(super) description: &'a str,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct Breadcrumbs<'a> {
    #[serde(rename = "@id")]
    pub(super) id: String,
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(rename = "itemListElement")]
    pub(super) items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
pub(super) struct ListItem<'a> {
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    pub(super) item: String,
    pub(super) name: &'a str,
    pub(super) position: usize,
}

#[derive(Serialize)]
pub(super) struct Page<'a> {
    #[serde(rename = "@id")]
    pub(super) id: &'a str,
    #[serde(rename = "@type")]
    pub(super) ty: &'a str,
    pub(super) description: &'a str,
    #[serde(rename = "inLanguage")]
    pub(super) in_language: &'a str,
    #[serde(rename = "isPartOf")]
    pub(super) is_part_of: Id,
    pub(super) name: &'a str,
    pub(super) url: &'a str,
}

#[derive(Serialize)]
pub(super) struct ProfilePage {
    #[serde(rename = "@id")]
    pub(super) id: String,
    #[serde(rename = "@type")]
    pub(super) ty: &'static str,
    #[serde(rename = "isPartOf")]
    pub(super) is_part_of: Id,
    #[serde(rename = "mainEntity")]
    pub(super) main_entity: Id,
    pub(super) name: String,
    pub(super) url: String,
}
