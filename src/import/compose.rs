//! An entry made into a brief or page file: its converted body and shape,
//! its authors and speakers as expert ids, its related lines resolved
//! (expert bylines as `by`, other names as `by_name`, one of the site's
//! briefs named by title or linked as `brief:`), its topics checked, its
//! featured image and PDF attachments kept under `extra` (by the caller).

use super::archive::{Entry, Status};
use super::experts::Registry;
use super::files::{BriefFront, PageFront, Related, Response};
use super::flash::{Line, Shape};
use super::links::{Fate, OldSite};
use super::people::fold;
use super::report::Findings;
use std::collections::HashMap;

/// What composing needs besides the entry.
pub(crate) struct Context<'a> {
    pub(crate) old: &'a OldSite,
    /// Folded title -> slug of every published brief, the site's and the import's.
    pub(crate) titles: &'a HashMap<String, String>,
    /// WordPress login -> display name.
    pub(crate) people: &'a HashMap<String, String>,
}

/// A brief's front matter (without `related`, which waits for every
/// expert of the import); what the editor should know goes to `found`.
pub(crate) fn brief(
    e: &Entry,
    shape: &Shape,
    experts: &mut Registry,
    cx: &Context,
    found: &mut Findings,
) -> BriefFront {
    let authors = e.authors.iter().map(|a| match cx.people.get(a) {
        Some(name) => experts.author(a, name, &e.origin),
        // An expert id given as an author (`--author john-hardie`).
        None if experts.lookup(a).is_none() && experts.is_id(a) => a.clone(),
        None => experts.author(a, a, &e.origin),
    });
    let authors: Vec<String> = dedup(authors.collect());
    let responses: Vec<Response> = shape
        .responses
        .iter()
        .map(|q| Response {
            expert: experts.speaker(&q.speaker, &e.origin),
            quote: q.quote.clone(),
        })
        .collect();
    let mut topics = Vec::new();
    for t in &e.topics {
        let segment = slug::slugify(t);
        if segment.is_empty() || crate::portable::check(&segment).is_err() {
            found.review(
                &e.origin,
                format!("the topic “{t}” gives no usable URL: left out"),
            );
        } else {
            topics.push(t.clone());
        }
    }
    BriefFront {
        title: e.title.clone(),
        date: e.date.clone(),
        updated: e.updated.clone(),
        lang: e.lang.clone(),
        kind: shape.is_flash_brief.then(|| "Flash Brief".to_string()),
        topics,
        authors,
        responses,
        related: Vec::new(),
        draft: e.status == Status::Draft,
        embargo: (e.status == Status::Embargo).then(|| e.date.clone()),
        extra: serde_json::Map::new(),
    }
}

/// The `related` entries of a brief (whose own slug is `own`), resolved
/// once every expert of the import is known.
pub(crate) fn related(
    lines: &[Line],
    own: &str,
    experts: &Registry,
    cx: &Context,
    origin: &str,
    found: &mut Findings,
) -> Vec<Related> {
    lines
        .iter()
        .map(|l| {
            let mut r = Related { title: l.title.clone(), ..Related::default() };
            for name in &l.authors {
                match experts.lookup(name) {
                    Some(id) => r.by.push(id.to_string()),
                    None => r.by_name.push(name.clone()),
                }
            }
            // The body's links are rewritten already: `/briefs/<slug>/` is ours.
            let url = l.url.as_deref();
            let by_link = url
                .and_then(|u| u.strip_prefix("/briefs/"))
                .map(|s| s.trim_end_matches('/').to_string());
            let by_title = cx.titles.get(&title_key(&l.title)).cloned();
            r.brief = by_link.or(by_title).filter(|s| s != own);
            if r.brief.is_none() {
                let absolute = url.filter(|u| !u.starts_with('/'));
                if let Some(Fate::Left(why)) = absolute.map(|u| cx.old.fate(u)) {
                    let u = url.unwrap_or_default();
                    found.warn(origin, format!("related “{}” links to {u}: {why}", l.title));
                }
                r.url = url.map(str::to_string);
                if let Some(label) = &l.label {
                    r.label = Some(label.clone());
                    found.review(origin, format!("related “{}” names no brief of the site: it is kept as a citation labelled “{label}”", l.title));
                }
            }
            r
        })
        .collect()
}

/// A page's front matter.
pub(crate) fn page(e: &Entry) -> PageFront {
    PageFront {
        title: e.title.clone(),
        lang: e.lang.clone(),
        draft: e.status != Status::Published,
    }
}

/// A title as compared: case, spacing, curly or straight quotes and a
/// trailing comma or period ignored.
pub(crate) fn title_key(title: &str) -> String {
    fold(title)
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .trim_end_matches([',', '.'])
        .to_string()
}

fn dedup(mut ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    ids
}
