//! The site model -> search records, one per thing a reader may look for:
//! a brief (title, summary, body, responses, background titles, authors;
//! each response under its own anchored heading, so it is found on its
//! own, linking to its anchor and naming the expert), an expert page
//! (name, role, program, bio) and a plain page.
//! Listings, the 404 page and navigation chrome are never records. Only
//! what the model holds is indexed, so drafts (without `--drafts`) and
//! embargoed briefs, which it leaves out, are never in the index. The
//! words records add ("Response from", "Expert", a date's month) are the
//! theme's, in the site's language ([`Words`]).

use super::text;
use crate::escape;
use crate::lang::{dates, strings::Words};
use crate::model::{Brief, BriefId, ExpertId, Site, paths};
use crate::parse::Moment;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The translation key, and the English, of the kind shown for (and
/// filtering) an expert page.
const EXPERT_KIND: (&str, &str) = ("search_kind_expert", "Expert");
/// The same for a plain page.
const PAGE_KIND: (&str, &str) = ("search_kind_page", "Page");

/// One search result to be: what Pagefind's custom records take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// The site path with a leading `/` and no base path (`/briefs/x/`,
    /// `/briefs/x/#response-y`): Pagefind's script puts the base path in
    /// front, from where its bundle is served.
    pub(crate) url: String,
    /// What is searched and excerpted.
    pub(crate) content: Content,
    /// `title`, `kind`, `date` (as shown) and, when there is one, `image`.
    pub(crate) meta: BTreeMap<String, String>,
    /// `kind`, `topic`, `expert`, `year`.
    pub(crate) filters: BTreeMap<String, Vec<String>>,
    /// `date` (YYYY-MM-DD) for briefs.
    pub(crate) sort: BTreeMap<String, String>,
}

/// A record's text, or an HTML document body (for a brief, whose
/// headings with ids become anchors: Pagefind's sub-results).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Content {
    Text(String),
    Html(String),
}

/// The text of `key` in `words`, or `english` when it has none.
fn word<'a>(words: &'a Words, (key, english): (&str, &'a str)) -> &'a str {
    words.get(key).map_or(english, String::as_str)
}

/// Every record of one language's site, in a stable order (briefs in
/// listing order, then experts, then pages), in the words of `words`.
pub(crate) fn records(site: &Site, words: &Words) -> Vec<Record> {
    let mut out = Vec::with_capacity(site.briefs.len() + site.experts.len() + site.pages.len());
    // In parallel: the records are made while the pages render.
    (0..site.briefs.len())
        .into_par_iter()
        .map(|id| brief(site, words, id))
        .collect_into_vec(&mut out);
    out.extend((0..site.experts.len()).map(|e| expert(site, words, e)));
    let page_kind = word(words, PAGE_KIND);
    out.extend(site.pages.iter().map(|p| Record {
        url: format!("/{}/", p.path),
        content: Content::Text(text::defused(text::of_html(&p.body_html))),
        meta: meta(&p.title, page_kind, None, None),
        filters: BTreeMap::from([("kind".into(), vec![page_kind.into()])]),
        sort: BTreeMap::new(),
    }));
    out
}

/// The URL of a brief's lead image, shown beside its result.
fn lead_image(site: &Site, brief: &Brief) -> Option<String> {
    let image = brief.publication.image.as_ref()?;
    Some(crate::render::publication::asset_href(site, &image.asset))
}

fn brief(site: &Site, words: &Words, id: BriefId) -> Record {
    let b = &site.briefs[id];
    let kind = site.kinds[b.kind].name.as_str();
    // Without a lead image, an empty one: else Pagefind would take the
    // first image of the body.
    let image = lead_image(site, b).unwrap_or_default();
    Record {
        url: format!("/{}", paths::brief(&b.slug)),
        content: Content::Html(brief_html(site, words, b)),
        meta: meta(
            &b.title,
            kind,
            Some(date_shown(site, words, b.date)),
            Some(image),
        ),
        filters: brief_filters(site, b, kind, authors_and_quoted(b)),
        sort: date_sort(site, b.date),
    }
}

/// A brief as the HTML document Pagefind indexes, made from the model:
/// title, summary, body, each response under a heading with its anchor
/// (so a quote is found on its own, as a sub-result that links to the
/// anchor and names the expert), background titles, authors.
fn brief_html(site: &Site, words: &Words, b: &Brief) -> String {
    let text = |s: &str| escape::markup(&escape::html_safe(s));
    let mut html = String::with_capacity(b.body_html.len() + 1024);
    let _ = writeln!(html, "<h1>{}</h1>", text(&b.title));
    // A summary taken from the body's first paragraph is there already.
    if !opens_with(&b.body_html, &b.summary) {
        let _ = writeln!(html, "<p>{}</p>", text(&b.summary));
    }
    html.push_str(&b.body_html);
    let anchors = crate::render::values::response_anchors(site, b);
    let response_from = word(words, ("search_response_from", "Response from {name}"));
    for (r, anchor) in b.responses.iter().zip(anchors) {
        let heading = response_from.replace("{name}", &site.expert_full_name(r.expert));
        let _ = write!(
            html,
            "\n<h2 id=\"{anchor}\">{}</h2>\n<p>{}</p>",
            text(&heading),
            text(&r.quote)
        );
    }
    if !b.related.is_empty() {
        let background = word(words, ("search_background", "Background and Analysis"));
        let _ = write!(html, "\n<h2>{}</h2>\n<ul>", text(background));
        for r in &b.related {
            let _ = write!(html, "<li>{}</li>", text(&r.title));
        }
        html.push_str("</ul>");
    }
    if !b.authors.is_empty() {
        let names: Vec<String> = b
            .authors
            .iter()
            .map(|&a| site.expert_full_name(a))
            .collect();
        let by = word(words, ("by", "By"));
        let _ = write!(
            html,
            "\n<p>{}</p>",
            text(&format!("{by} {}", names.join(", ")))
        );
    }
    html
}

fn expert(site: &Site, words: &Words, id: ExpertId) -> Record {
    let e = &site.experts[id];
    let name = site.expert_full_name(id);
    let lines = [
        name.as_str(),
        &e.role,
        &e.program,
        &text::of_html(&e.bio_html),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("\n");
    let kind = word(words, EXPERT_KIND);
    let mut filters = BTreeMap::from([
        ("kind".to_string(), vec![kind.to_string()]),
        ("expert".to_string(), vec![name.clone()]),
    ]);
    if !e.topics.is_empty() {
        filters.insert("topic".into(), e.topics.clone());
    }
    let image = e.photo.as_deref().map(|p| site.config.local_url(p));
    Record {
        url: format!("/{}", paths::expert(&e.id)),
        content: Content::Text(text::defused(lines)),
        meta: meta(&name, kind, None, image),
        filters,
        sort: BTreeMap::new(),
    }
}

fn meta(
    title: &str,
    kind: &str,
    date: Option<String>,
    image: Option<String>,
) -> BTreeMap<String, String> {
    let mut meta = BTreeMap::from([
        ("title".to_string(), title.to_string()),
        ("kind".to_string(), kind.to_string()),
    ]);
    if let Some(d) = date {
        meta.insert("date".into(), d);
    }
    if let Some(i) = image {
        if !i.is_empty() {
            meta.insert("image_alt".into(), String::new());
        }
        meta.insert("image".into(), i);
    }
    meta
}

/// Kind, topics, experts (each once, in order) and year of a brief.
fn brief_filters(
    site: &Site,
    b: &Brief,
    kind: &str,
    experts: Vec<ExpertId>,
) -> BTreeMap<String, Vec<String>> {
    let mut names: Vec<String> = Vec::with_capacity(experts.len());
    for e in experts {
        let name = site.expert_full_name(e);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let topics = b
        .topics
        .iter()
        .map(|&t| site.topics[t].name.clone())
        .collect();
    let year = b.date.zoned(&site.config.timezone).year().to_string();
    BTreeMap::from([
        ("kind".to_string(), vec![kind.to_string()]),
        ("topic".to_string(), topics),
        ("expert".to_string(), names),
        ("year".to_string(), vec![year]),
    ])
}

/// Whether the first paragraph of `body_html` reads `summary`.
fn opens_with(body_html: &str, summary: &str) -> bool {
    let Some(start) = body_html.find("<p>") else {
        return false;
    };
    let first = &body_html[start..];
    let end = first.find("</p>").unwrap_or(first.len());
    text::of_html(&first[..end]) == summary.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The brief's authors, then its quoted experts.
fn authors_and_quoted(b: &Brief) -> Vec<ExpertId> {
    let quoted = b.responses.iter().map(|r| r.expert);
    b.authors.iter().copied().chain(quoted).collect()
}

/// A brief's date as its page shows it, in the language's words.
fn date_shown(site: &Site, words: &Words, m: Moment) -> String {
    let ymd = m.zoned(&site.config.timezone).strftime("%Y-%m-%d");
    dates::format(&ymd.to_string(), words)
}

fn date_sort(site: &Site, m: Moment) -> BTreeMap<String, String> {
    let ymd = m
        .zoned(&site.config.timezone)
        .strftime("%Y-%m-%d")
        .to_string();
    BTreeMap::from([("date".to_string(), ymd)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_from_the_first_paragraph_is_not_repeated() {
        let cases = [
            ("<p>First  para.</p><p>Second.</p>", "First para.", true),
            (
                "<h2>x</h2>\n<p>First <em>para</em>.</p>",
                "First para.",
                true,
            ),
            ("<p>Other.</p>", "First para.", false),
            ("<ul><li>no paragraph</li></ul>", "no paragraph", false),
        ];
        for (body, summary, want) in cases {
            assert_eq!(opens_with(body, summary), want, "{body}");
        }
    }
}
