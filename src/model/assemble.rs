//! Assembles parsed files into a [`Site`]: drops drafts and embargoed briefs,
//! sorts, resolves every expert and brief reference (suggesting the nearest
//! id for an unknown one), refuses URL collisions, and builds the reverse
//! indexes in one pass over the briefs.

use super::groups::written_names;
use super::resolve::Resolver;
use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::{Parsed, ParsedBrief, ParsedExpert, ParsedPage};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::path::Path;

/// Builds the site model (in every language: [`super::assemble_languages`]);
/// all reference problems are reported together.
/// Warnings (nothing wrong, but worth a look) come back with the site.
pub(crate) fn assemble(
    parsed: &Parsed,
    config: Config,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let briefs: Vec<&ParsedBrief> = parsed.briefs.iter().collect();
    let experts: Vec<&ParsedExpert> = parsed.experts.iter().collect();
    let pages: Vec<&ParsedPage> = parsed.pages.iter().collect();
    let files = super::Files {
        briefs: &briefs,
        experts: &experts,
        pages: &pages,
        failed: &parsed.failed,
    };
    super::assemble_languages(&files, config)
}

/// [`assemble`] over borrowed files (as a rebuild cache holds them); pages
/// must come in path order. `failed` names files that did not parse (their
/// problems are reported already, so references to them are not).
pub(crate) fn assemble_refs(
    briefs: &[&ParsedBrief],
    experts: &[&ParsedExpert],
    pages: &[&ParsedPage],
    failed: &[std::path::PathBuf],
    config: Config,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut problems = Diagnostics::default();
    check_brief_slugs(briefs, &mut problems);
    check_page_paths(pages, &mut problems);

    let (published, unpublished) = publication(briefs, &config);
    let experts = in_expert_order(experts);
    let expert_ids: HashMap<&str, ExpertId> = experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let brief_ids: HashMap<&str, BriefId> = published
        .iter()
        .enumerate()
        .map(|(i, b)| (&*b.slug, i))
        .collect();
    let spelled = |g| published.iter().flat_map(move |b| written_names(b, g));
    let unicode = config.unicode_slugs;
    let (mut topics, topic_of) = group(spelled(Grouping::Topics), unicode);
    let (mut kinds, kind_of) = group(spelled(Grouping::Kinds), unicode);

    let resolver = Resolver::new(failed, &expert_ids, &brief_ids, &unpublished);
    let briefs = resolve_all(&resolver, &published, (&topic_of, &kind_of), &mut problems)?;
    let mut experts: Vec<Expert> = experts.into_iter().map(expert).collect();
    index(&briefs, &mut experts, &mut topics, &mut kinds);
    warn_idle(&briefs, &experts, &mut problems);
    let pages = pages
        .iter()
        .copied()
        .filter(|p| config.drafts || !p.draft)
        .cloned()
        .collect();
    let site = Site {
        config,
        briefs,
        experts,
        topics,
        kinds,
        pages,
        written_names: WrittenNames {
            topics: topic_of,
            kinds: kind_of,
        },
        translations: Translations::default(),
    };
    Ok((site, problems.sorted()))
}

/// The published briefs in listing order, and why each other one is not.
fn publication<'b>(
    briefs: &[&'b ParsedBrief],
    config: &Config,
) -> (Vec<&'b ParsedBrief>, HashMap<&'b str, &'static str>) {
    let (mut published, unpublished): (Vec<&ParsedBrief>, Vec<&ParsedBrief>) = briefs
        .iter()
        .copied()
        .partition(|b| is_published(b, config.drafts, config.now));
    published.sort_by(|a, b| listing_order((a.date, &a.slug), (b.date, &b.slug)));
    let unpublished = unpublished
        .into_iter()
        .map(|b| (&*b.slug, why_unpublished(b)))
        .collect();
    (published, unpublished)
}

/// The experts by sort name (case-insensitive), then id.
fn in_expert_order<'e>(experts: &[&'e ParsedExpert]) -> Vec<&'e ParsedExpert> {
    let mut experts = experts.to_vec();
    experts.sort_by(|a, b| {
        a.sort_name
            .to_lowercase()
            .cmp(&b.sort_name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
    experts
}

/// Resolves every published brief in parallel; every problem found, and
/// the briefs only if none is an error.
fn resolve_all(
    resolver: &Resolver<'_, &str>,
    published: &[&ParsedBrief],
    (topic_of, kind_of): (&HashMap<String, usize>, &HashMap<String, usize>),
    problems: &mut Diagnostics,
) -> Result<Vec<Brief>, Diagnostics> {
    let resolved: Vec<(Option<Brief>, Diagnostics)> = published
        .par_iter()
        .map(|b| {
            let mut found = Diagnostics::default();
            (resolver.brief(b, topic_of, kind_of, &mut found), found)
        })
        .collect();
    let mut briefs = Vec::with_capacity(published.len());
    for (brief, found) in resolved {
        problems.extend(found.0);
        briefs.extend(brief);
    }
    if problems.has_errors() {
        return Err(std::mem::take(problems).sorted());
    }
    Ok(briefs)
}

/// Why a brief is not on the site, as warnings about links to it say.
pub(crate) fn why_unpublished(b: &ParsedBrief) -> &'static str {
    if b.draft { "a draft" } else { "under embargo" }
}

/// Whether a brief is on the site at `now` (drafts only when `drafts`).
pub(crate) fn is_published(b: &ParsedBrief, drafts: bool, now: jiff::Timestamp) -> bool {
    (drafts || !b.draft) && b.embargo.is_none_or(|e| e.timestamp <= now)
}

/// Groups names by slug; the first spelling seen names the group.
/// Each distinct spelling is slugified once, however many briefs use it.
fn group<'a>(
    names: impl Iterator<Item = &'a str>,
    unicode: bool,
) -> (Vec<Group>, HashMap<String, usize>) {
    let mut spellings: HashMap<&str, String> = HashMap::default();
    let mut by_slug: BTreeMap<String, &str> = BTreeMap::new();
    for n in names {
        if !spellings.contains_key(n) {
            let slug = group_slug(n, unicode);
            by_slug.entry(slug.clone()).or_insert(n);
            spellings.insert(n, slug);
        }
    }
    let index: HashMap<&str, usize> = by_slug
        .keys()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let of = spellings
        .iter()
        .map(|(name, slug)| (name.to_string(), index[slug.as_str()]))
        .collect();
    let groups = by_slug
        .into_iter()
        .map(|(slug, name)| Group {
            name: name.to_string(),
            slug,
            briefs: Vec::new(),
        })
        .collect();
    (groups, of)
}

/// The URL segment of a topic or kind name: ASCII (`slug::slugify`
/// transliterates), or with `slugs: unicode` its own letters, lower case,
/// words joined by hyphens.
pub(crate) fn group_slug(name: &str, unicode: bool) -> String {
    if !unicode {
        return slug::slugify(name);
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn check_brief_slugs(briefs: &[&ParsedBrief], problems: &mut Diagnostics) {
    let mut sorted: Vec<&ParsedBrief> = briefs.to_vec();
    sorted.sort_by(|a, b| a.source.as_os_str().cmp(b.source.as_os_str()));
    let mut seen: HashMap<&str, &Path> = HashMap::default();
    for b in sorted {
        if let Some(first) = seen.insert(&b.slug, &b.source) {
            seen.insert(&b.slug, first);
            problems.push(
                Diagnostic::error(
                    &*b.source,
                    format!(
                        "URL /briefs/{}/ is also the URL of {}",
                        b.slug,
                        first.display()
                    ),
                )
                .at_line(b.slug_at.0, b.slug_at.1)
                .hint("give one of the two briefs a different `slug:`"),
            );
        }
    }
}

fn check_page_paths(pages: &[&ParsedPage], problems: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Path> = HashMap::default();
    for p in pages {
        let first_segment = p.path.split('/').next().unwrap_or("");
        if paths::RESERVED.contains(&first_segment) {
            problems.push(
                Diagnostic::error(
                    &p.source,
                    format!("URL /{}/ belongs to pages briefs generates", p.path),
                )
                .at_line(p.slug_at.0, p.slug_at.1)
                .hint("give the page another `slug:` or file name"),
            );
        } else if let Some(first) = seen.insert(&p.path, &p.source) {
            problems.push(
                Diagnostic::error(
                    &p.source,
                    format!("URL /{}/ is also the URL of {}", p.path, first.display()),
                )
                .at_line(p.slug_at.0, p.slug_at.1)
                .hint("give one of the two pages a different `slug:`"),
            );
        }
    }
}

fn expert(e: &ParsedExpert) -> Expert {
    Expert {
        profile: e.clone(),
        authored: Vec::new(),
        quoted: Vec::new(),
        related: Vec::new(),
        appears_in: Vec::new(),
    }
}

/// One pass over the briefs, newest first, fills every reverse index
/// (the rule is [`super::index`]'s).
fn index(briefs: &[Brief], experts: &mut [Expert], topics: &mut [Topic], kinds: &mut [Kind]) {
    for (id, b) in briefs.iter().enumerate() {
        super::index::join_groups(topics, kinds, b, id);
        super::index::join_experts(experts, b, id);
    }
}

fn warn_idle(briefs: &[Brief], experts: &[Expert], problems: &mut Diagnostics) {
    for e in experts.iter().filter(|e| is_idle(e)) {
        problems.push(idle_warning(e));
    }
    for b in briefs {
        problems.extend(topicless(b));
    }
}

/// Whether an expert has no briefs, quotes or related pieces.
pub(crate) fn is_idle(e: &Expert) -> bool {
    e.appears_in.is_empty() && e.related.is_empty()
}

/// The warning for an idle expert ([`is_idle`]).
pub(crate) fn idle_warning(e: &Expert) -> Diagnostic {
    Diagnostic::warning(
        &e.source,
        format!("expert `{}` has no briefs or quotes yet", e.id),
    )
}

/// The warning for a brief without topics.
pub(super) fn topicless(b: &Brief) -> Option<Diagnostic> {
    b.topics.is_empty().then(|| {
        Diagnostic::warning(&*b.source, "brief has no topics")
            .hint("add `topics: [...]` so readers can find it")
    })
}
