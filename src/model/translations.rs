//! Which pages are one page in several languages. Each brief and plain
//! page gets a translation key: its original's language and path
//! (`en:briefs/x/`), named by `translation_of:`; the home page, the
//! experts and topics indexes, the search page and an expert's page are
//! the same page in every language; topic and kind pages get theirs from
//! [`super::group_translations`]. [`index`] lists, per key, every
//! language's version.

use super::languages::Files;
use super::{Site, paths};
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::{Ref, Translation};
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

/// The translation key of each brief and page of one language, by site path.
pub(crate) type Keys = HashMap<String, String>;

/// One language's version of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alternate {
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
    /// Root-relative.
    pub(crate) url: String,
    pub(crate) permalink: String,
}

/// A site's place among its languages (empty in a site of one language).
#[derive(Debug, Default)]
pub(crate) struct Translations {
    /// The sites of the other languages (only the default language's site
    /// has them), in site.yaml order.
    pub(crate) others: Vec<Site>,
    /// This language's keys.
    pub(crate) keys: Keys,
    /// Every key with more than one language, shared by all languages.
    pub(crate) index: Arc<HashMap<String, Vec<Alternate>>>,
}

impl Site {
    /// Every language's version of the page at `path` (this one included),
    /// in site.yaml order; empty when it has no translation.
    pub(crate) fn alternates(&self, path: &str) -> &[Alternate] {
        let t = &self.translations;
        let shared = || format!("*:{path}");
        let key = t.keys.get(path).cloned().unwrap_or_else(shared);
        t.index.get(&key).map_or(&[], Vec::as_slice)
    }

    /// This site and the sites of its other languages.
    pub(crate) fn languages(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(self).chain(&self.translations.others)
    }
}

/// The keys of every language's briefs and pages; a `translation_of`
/// naming nothing, or a second translation into one language, is reported.
pub(crate) fn keys(files: &Files, tags: &[String], problems: &mut Diagnostics) -> Vec<Keys> {
    let default = tags[0].as_str();
    let briefs = files.briefs.iter().map(|b| Item {
        source: &b.source,
        t: &b.translation,
        path: paths::brief(&b.slug),
        what: "brief",
    });
    let pages = files.pages.iter().map(|p| Item {
        source: &p.source,
        t: &p.translation,
        path: format!("{}/", p.path),
        what: "page",
    });
    let mut out = vec![Keys::default(); tags.len()];
    for items in [briefs.collect::<Vec<_>>(), pages.collect()] {
        let known: HashMap<(&str, &str), bool> = (items.iter())
            .map(|i| ((i.t.tag(default), i.path.as_str()), i.t.of.is_none()))
            .collect();
        let mut taken: HashMap<(String, &str), &Path> = HashMap::default();
        for item in &items {
            let tag = item.t.tag(default);
            let Some(lang) = tags.iter().position(|t| t == tag) else {
                continue;
            };
            let key = match &item.t.of {
                None => format!("{tag}:{}", item.path),
                Some(of) => match original(item, of, tags, &known) {
                    Some(key) => key,
                    None => {
                        problems.push(no_original(item, of, tag));
                        continue;
                    }
                },
            };
            if let Some(first) = taken.insert((key.clone(), tag), item.source) {
                problems.push(second_translation(item, tag, first));
            }
            out[lang].insert(item.path.clone(), key);
        }
    }
    out
}

/// A brief or page, as the key finder sees it.
struct Item<'a> {
    source: &'a Path,
    t: &'a Translation,
    path: String,
    what: &'static str,
}

/// The key of the original `of` names: in another language, itself no
/// translation; the default language first, then site.yaml order.
fn original(
    item: &Item,
    of: &Ref,
    tags: &[String],
    known: &HashMap<(&str, &str), bool>,
) -> Option<String> {
    let own = item.t.tag(&tags[0]);
    let path = match item.what {
        "brief" => paths::brief(&of.id),
        _ => format!("{}/", of.id.trim_matches('/')),
    };
    tags.iter()
        .filter(|t| t.as_str() != own)
        .find(|t| known.get(&(t.as_str(), path.as_str())) == Some(&true))
        .map(|t| format!("{t}:{path}"))
}

fn no_original(item: &Item, of: &Ref, tag: &str) -> Diagnostic {
    Diagnostic::error(
        item.source,
        format!(
            "`translation_of: {}` names no {} in a language other than `{tag}`",
            of.id, item.what
        ),
    )
    .at_line(of.line, of.col)
    .hint(format!(
        "write the slug of the original {} (itself no translation)",
        item.what
    ))
}

fn second_translation(item: &Item, tag: &str, first: &Path) -> Diagnostic {
    let (line, col) = (item.t.of.as_ref()).map_or((1, 1), |r| (r.line, r.col));
    Diagnostic::error(
        item.source,
        format!(
            "a second `{tag}` version of one {}: {} is one already",
            item.what,
            first.display()
        ),
    )
    .at_line(line, col)
    .hint(
        "a brief has at most one translation per language: remove one, or fix its `translation_of`",
    )
}

/// Every key with versions in more than one language.
pub(crate) fn index(sites: &[Site], keys: &[Keys]) -> HashMap<String, Vec<Alternate>> {
    let mut index: HashMap<String, Vec<Alternate>> = HashMap::default();
    for (site, keys) in sites.iter().zip(keys) {
        let c = &site.config;
        let search = c.search.then(|| "search/".to_string());
        let shared = ["", "experts/", "topics/"]
            .map(String::from)
            .into_iter()
            .chain(search);
        let experts = site.experts.iter().map(|e| paths::expert(&e.id));
        let groups = (site.topics.iter().map(|t| paths::topic(&t.slug)))
            .chain(site.kinds.iter().map(|k| paths::kind(&k.slug)));
        let own = (site.briefs.iter().map(|b| paths::brief(&b.slug)))
            .chain(site.pages.iter().map(|p| format!("{}/", p.path)))
            .chain(groups);
        let shared = shared.chain(experts).map(|p| (format!("*:{p}"), p));
        let own = own.filter_map(|p| keys.get(&p).map(|k| (k.clone(), p)));
        for (key, path) in shared.chain(own) {
            index.entry(key).or_default().push(Alternate {
                lang: c.language.clone(),
                dir: c.dir,
                url: c.url(&path),
                permalink: c.permalink(&path),
            });
        }
    }
    index.retain(|_, v| v.len() > 1);
    index
}
