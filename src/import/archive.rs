//! What the sources hold, whatever their kind: the [`Archive`] of entries
//! (briefs and pages to be), people (WordPress authors) and the old site's
//! addresses, before any slug, id or file is decided.

/// How an entry is published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Status {
    /// Published now.
    #[default]
    Published,
    /// `draft: true` (WordPress draft, pending or private).
    Draft,
    /// `embargo:` at the entry's date (a scheduled post).
    Embargo,
}

/// The body of an entry, as the source has it.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// HTML from WordPress (a post's content, a feed item's `content:encoded`).
    Html(String),
    /// Markdown already (made from pasted plain text).
    Markdown(String),
}

impl Default for Body {
    fn default() -> Self {
        Body::Markdown(String::new())
    }
}

/// One post, feed item or pasted text: a brief to be, or a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// Where it came from, for the report: `export.xml: post 12 "Title"`.
    pub(crate) origin: String,
    /// Stable identity across imports (guid, link, or title).
    pub(crate) key: String,
    /// A WordPress page (`content/pages/`), not a brief.
    pub(crate) is_page: bool,
    pub(crate) title: String,
    /// A front-matter date (`YYYY-MM-DD` or RFC 3339, with or without offset).
    pub(crate) date: String,
    pub(crate) updated: Option<String>,
    pub(crate) status: Status,
    /// The slug the source asks for (not yet cleaned or de-duplicated).
    pub(crate) slug: String,
    /// Author names (or WordPress logins, resolved through the people).
    pub(crate) authors: Vec<String>,
    pub(crate) topics: Vec<String>,
    pub(crate) body: Body,
    /// The entry's address on the old site.
    pub(crate) link: Option<String>,
    /// WordPress post id, for attachments and featured images.
    pub(crate) post_id: Option<u64>,
    /// The attachment id of the featured image (`_thumbnail_id`).
    pub(crate) thumbnail: Option<u64>,
    /// Featured image and PDF attachments: addresses on the old site.
    pub(crate) featured_image: Option<String>,
    pub(crate) attachments: Vec<String>,
    /// Notes for the editor found while reading (a private post, …).
    pub(crate) notes: Vec<String>,
    /// `lang:` of its file: a language of the site other than the default.
    pub(crate) lang: Option<String>,
}

/// A WordPress user (`wp:author`), an expert to be.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) login: String,
    pub(crate) name: String,
}

/// A WordPress attachment: its id, parent post, address and MIME type.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    pub(crate) id: u64,
    pub(crate) parent: Option<u64>,
    pub(crate) url: String,
    pub(crate) mime: String,
}

/// Everything read from every source.
#[derive(Debug, Default)]
pub(crate) struct Archive {
    pub(crate) entries: Vec<Entry>,
    pub(crate) people: Vec<Person>,
    pub(crate) attachments: Vec<Attachment>,
    /// The old site's base addresses (`https://www.example.org`), no slash at the end.
    pub(crate) old_sites: Vec<String>,
    /// Items not imported, and why: (origin, reason).
    pub(crate) skipped: Vec<(String, String)>,
    /// The language one source declares (its channel's `<language>`).
    pub(crate) language: Option<String>,
}

impl Archive {
    /// Adds another source's archive to this one.
    pub(crate) fn merge(&mut self, other: Archive) {
        self.entries.extend(other.entries);
        self.people.extend(other.people);
        self.attachments.extend(other.attachments);
        for site in other.old_sites {
            if !self.old_sites.contains(&site) {
                self.old_sites.push(site);
            }
        }
        self.skipped.extend(other.skipped);
    }

    /// Fills each entry's featured image and PDF attachments from the
    /// attachments read (they may come after their post in an export).
    pub(crate) fn attach_media(&mut self) {
        use std::collections::HashMap;
        let by_id: HashMap<u64, &Attachment> = self.attachments.iter().map(|a| (a.id, a)).collect();
        let mut pdfs: HashMap<u64, Vec<String>> = HashMap::new();
        for a in self.attachments.iter().filter(|a| is_pdf(a)) {
            if let Some(parent) = a.parent {
                pdfs.entry(parent).or_default().push(a.url.clone());
            }
        }
        for e in &mut self.entries {
            if let Some(a) = e.thumbnail.and_then(|t| by_id.get(&t)) {
                e.featured_image = Some(a.url.clone());
            }
            if let Some(urls) = e.post_id.and_then(|id| pdfs.get(&id)) {
                e.attachments = urls.clone();
            }
        }
    }
}

fn is_pdf(a: &Attachment) -> bool {
    a.mime == "application/pdf" || a.url.to_ascii_lowercase().ends_with(".pdf")
}
