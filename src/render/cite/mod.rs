//! "Cite this brief": a brief as one bibliographic [`Reference`], taken
//! from the model, then formatted by a CSL processor (hayagriva, [`csl`])
//! for the page and written as BibTeX, RIS and CSL-JSON ([`files`]) for
//! `/briefs/<slug>/cite.{bib,ris,json}`. An unsigned brief is cited with
//! the organisation as its author.

pub(crate) mod csl;
pub(crate) mod files;
pub(crate) mod locale;
pub(crate) mod memo;

use crate::model::{BriefId, Site, paths};

/// One of the citation files written beside each brief's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CiteFile {
    Bib,
    Ris,
    Json,
}

impl CiteFile {
    /// Every citation file, in output order.
    pub(crate) const ALL: [CiteFile; 3] = [CiteFile::Bib, CiteFile::Ris, CiteFile::Json];

    /// The file name: `cite.bib`, `cite.ris`, `cite.json`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CiteFile::Bib => "cite.bib",
            CiteFile::Ris => "cite.ris",
            CiteFile::Json => "cite.json",
        }
    }

    /// The file's bytes for `reference`.
    pub(crate) fn render(self, reference: &Reference) -> Vec<u8> {
        match self {
            CiteFile::Bib => files::bibtex(reference),
            CiteFile::Ris => files::ris(reference),
            CiteFile::Json => files::csl_json(reference),
        }
        .into_bytes()
    }
}

/// Who is credited: people, or the organisation for an unsigned brief.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Creator {
    Person { family: String, given: String },
    Organisation(String),
}

/// A brief as a bibliographic reference (a report).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Reference {
    /// The citation key: the brief's slug.
    pub(crate) key: String,
    pub(crate) title: String,
    pub(crate) creators: Vec<Creator>,
    /// Publication date: year, month (1–12), day (1–31), in the site's time zone.
    pub(crate) issued: (i16, i8, i8),
    /// The organisation in full.
    pub(crate) publisher: String,
    pub(crate) place: Option<String>,
    /// The brief's permalink.
    pub(crate) url: String,
    pub(crate) doi: Option<String>,
    pub(crate) number: Option<String>,
    /// The series, else the kind ("Flash Brief").
    pub(crate) genre: String,
    pub(crate) language: String,
    pub(crate) summary: String,
    /// The PDF's absolute URL.
    pub(crate) pdf: Option<String>,
}

impl Reference {
    /// The reference of brief `id`.
    pub(crate) fn of(site: &Site, id: BriefId) -> Reference {
        let b = &site.briefs[id];
        let c = &site.config;
        let p = &b.publication;
        let creators = if b.authors.is_empty() {
            vec![Creator::Organisation(c.publisher.full_name.clone())]
        } else {
            b.authors
                .iter()
                .map(|&a| person(&site.experts[a]))
                .collect()
        };
        let z = b.date.zoned(&c.timezone);
        Reference {
            key: b.slug.to_string(),
            title: b.title.to_string(),
            creators,
            issued: (z.year(), z.month(), z.day()),
            publisher: c.publisher.full_name.clone(),
            place: c.publisher.place.clone(),
            url: c.permalink(&paths::brief(&b.slug)),
            doi: p.doi.clone(),
            number: p.number.clone(),
            genre: p
                .series
                .clone()
                .unwrap_or_else(|| site.kinds[b.kind].name.clone()),
            language: c.language.clone(),
            summary: b.summary.to_string(),
            pdf: p.pdf.as_ref().map(|a| site.asset_url(a)),
        }
    }
}

/// An expert's name as family and given names, from the sort name
/// ("May, Clifford D.") when it has a comma, else the last word of the name.
fn person(e: &crate::model::Expert) -> Creator {
    let (family, given) = match e.sort_name.split_once(", ") {
        Some((family, given)) => (family, given),
        None => match e.name.trim().rsplit_once(' ') {
            Some((given, family)) => (family, given),
            None => (e.name.trim(), ""),
        },
    };
    Creator::Person {
        family: family.trim().to_string(),
        given: given.trim().to_string(),
    }
}
