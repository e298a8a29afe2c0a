//! Assembles parsed files into a [`Site`]: drops drafts and embargoed briefs,
//! sorts, resolves every expert and brief reference (suggesting the nearest
//! id for an unknown one), refuses URL collisions, and builds the reverse
//! indexes in one pass over the briefs.

use super::*;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::parse::{Parsed, ParsedBrief, ParsedExpert, ParsedPage, Ref};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::Path;

/// Builds the site model; all reference problems are reported together.
/// Warnings (nothing wrong, but worth a look) come back with the site.
pub(crate) fn assemble(
    parsed: &Parsed,
    config: Config,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let briefs: Vec<&ParsedBrief> = parsed.briefs.iter().collect();
    let experts: Vec<&ParsedExpert> = parsed.experts.iter().collect();
    let pages: Vec<&ParsedPage> = parsed.pages.iter().collect();
    assemble_refs(&briefs, &experts, &pages, &parsed.failed, config)
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

    let (mut published, unpublished): (Vec<&ParsedBrief>, Vec<&ParsedBrief>) = briefs
        .iter()
        .copied()
        .partition(|b| is_published(b, config.drafts, config.now));
    published.sort_by(|a, b| listing_order((a.date, &a.slug), (b.date, &b.slug)));
    let unpublished: HashMap<&str, &'static str> = unpublished
        .into_iter()
        .map(|b| (&*b.slug, why_unpublished(b)))
        .collect();

    let mut experts: Vec<&ParsedExpert> = experts.to_vec();
    experts.sort_by(|a, b| {
        a.sort_name
            .to_lowercase()
            .cmp(&b.sort_name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
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
    let (topics, topic_of) = group(
        published
            .iter()
            .flat_map(|b| b.topics.iter().map(|t| t.id.as_str())),
    );
    let (kinds, kind_of) = group(published.iter().map(|b| b.kind.as_str()));

    let failed_experts: Vec<String> = failed
        .iter()
        .filter(|p| p.starts_with("content/experts"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let resolver = Resolver {
        failed_experts: &failed_experts,
        any_failed_brief: failed.iter().any(|p| p.starts_with("content/briefs")),
        experts: &expert_ids,
        expert_names: {
            let mut v: Vec<&str> = expert_ids.keys().copied().collect();
            v.sort_unstable();
            v
        },
        briefs: &brief_ids,
        unpublished: &unpublished,
    };
    let resolved: Vec<(Option<Brief>, Diagnostics)> = published
        .par_iter()
        .map(|b| {
            let mut found = Diagnostics::default();
            (resolver.brief(b, &topic_of, &kind_of, &mut found), found)
        })
        .collect();
    let mut briefs = Vec::with_capacity(published.len());
    for (brief, found) in resolved {
        problems.extend(found.0);
        briefs.push(brief);
    }
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    let briefs: Vec<Brief> = briefs.into_iter().flatten().collect();
    let mut experts: Vec<Expert> = experts.into_iter().map(expert).collect();
    let mut topics = topics;
    let mut kinds = kinds;
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
        spellings: Spellings {
            topics: topic_of,
            kinds: kind_of,
        },
    };
    Ok((site, problems.sorted()))
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
fn group<'a>(names: impl Iterator<Item = &'a str>) -> (Vec<Group>, HashMap<String, usize>) {
    let mut spellings: HashMap<&str, String> = HashMap::default();
    let mut by_slug: BTreeMap<String, &str> = BTreeMap::new();
    for n in names {
        if !spellings.contains_key(n) {
            let slug = slug::slugify(n);
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

fn lookup_group(of: &HashMap<String, usize>, name: &str) -> usize {
    of.get(name)
        .or_else(|| of.get(&slug::slugify(name)))
        .copied()
        .unwrap_or(0)
}

/// Resolves references against the published briefs by slug (`S`: a
/// borrowed or a shared string) and the experts by id.
struct Resolver<'a, S> {
    /// Ids of expert files that failed to parse: already reported.
    failed_experts: &'a [String],
    /// A brief failed to parse, so an unknown slug may be its: not reported.
    any_failed_brief: bool,
    experts: &'a HashMap<&'a str, ExpertId>,
    expert_names: Vec<&'a str>,
    briefs: &'a HashMap<S, BriefId>,
    unpublished: &'a HashMap<S, &'static str>,
}

impl<S: Borrow<str> + Hash + Eq> Resolver<'_, S> {
    fn brief(
        &self,
        b: &ParsedBrief,
        topic_of: &HashMap<String, usize>,
        kind_of: &HashMap<String, usize>,
        problems: &mut Diagnostics,
    ) -> Option<Brief> {
        let before = problems.error_count();
        let authors = self.experts_of(&b.source, &b.authors, "author", problems);
        let responses = b
            .responses
            .iter()
            .filter_map(|r| {
                let expert = self.expert(&b.source, &r.expert, "quoted expert", problems)?;
                Some(Response {
                    expert,
                    quote: r.quote.clone(),
                })
            })
            .collect();
        let related = b
            .related
            .iter()
            .map(|r| Related {
                title: r.title.clone(),
                by: self.experts_of(&b.source, &r.by, "related piece author", problems),
                by_name: r.by_name.clone(),
                label: r.label.clone(),
                link: match (&r.url, &r.brief) {
                    (Some(url), _) => Link::External(url.clone()),
                    (None, Some(target)) => self.brief_link(&b.source, target, problems),
                    (None, None) => Link::None,
                },
            })
            .collect();
        if problems.error_count() > before {
            return None;
        }
        let mut topics: Vec<TopicId> = b
            .topics
            .iter()
            .map(|t| lookup_group(topic_of, &t.id))
            .collect();
        topics.dedup();
        Some(Brief {
            source: b.source.clone(),
            slug: b.slug.clone(),
            title: b.title.clone(),
            date: b.date,
            updated: b.updated,
            kind: lookup_group(kind_of, &b.kind),
            summary: b.summary.clone(),
            summary_written: b.summary_written,
            body_html: b.body_html.clone(),
            topics,
            authors,
            responses,
            related,
            draft: b.draft,
            extra: b.extra.clone(),
        })
    }

    fn experts_of(
        &self,
        source: &Path,
        refs: &[Ref],
        role: &str,
        problems: &mut Diagnostics,
    ) -> Vec<ExpertId> {
        refs.iter()
            .filter_map(|r| self.expert(source, r, role, problems))
            .collect()
    }

    fn expert(
        &self,
        source: &Path,
        r: &Ref,
        role: &str,
        problems: &mut Diagnostics,
    ) -> Option<ExpertId> {
        let found = self.experts.get(r.id.as_str()).copied();
        if found.is_none() && !self.failed_experts.contains(&r.id) {
            // An expert file whose name is not an id yet (`John_Hardie.md`).
            let broken = self
                .failed_experts
                .iter()
                .find(|stem| slug::slugify(stem) == r.id);
            if let Some(stem) = broken {
                problems.push(
                    Diagnostic::error(source, format!("unknown expert `{}` ({role})", r.id))
                        .at_line(r.line, r.col)
                        .hint(format!(
                            "content/experts/{stem}.md may be meant: fix its own errors first"
                        )),
                );
                return None;
            }
            problems.push(
                Diagnostic::error(source, format!("unknown expert `{}` ({role})", r.id))
                    .at_line(r.line, r.col)
                    .hint(format!(
                        "{} Experts are files in content/experts/; `briefs new expert \"Full Name\"` makes one",
                        did_you_mean(&r.id, self.expert_names.iter().copied())
                    )),
            );
        }
        found
    }

    fn brief_link(&self, source: &Path, r: &Ref, problems: &mut Diagnostics) -> Link {
        if let Some(id) = self.briefs.get(r.id.as_str()) {
            return Link::Brief(*id);
        }
        if let Some(why) = self.unpublished.get(r.id.as_str()) {
            problems.push(
                Diagnostic::warning(
                    source,
                    format!(
                        "related brief `{}` is {why}; it is listed without a link",
                        r.id
                    ),
                )
                .at_line(r.line, r.col),
            );
            return Link::None;
        }
        if self.any_failed_brief {
            return Link::None;
        }
        let mut known: Vec<&str> = self.briefs.keys().map(|k| k.borrow()).collect();
        known.sort_unstable();
        problems.push(
            Diagnostic::error(source, format!("related brief `{}` names no brief", r.id))
                .at_line(r.line, r.col)
                .hint(format!(
                    "{} `brief:` takes another brief's slug",
                    did_you_mean(&r.id, known)
                )),
        );
        Link::None
    }
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
        id: e.id.clone(),
        source: e.source.clone(),
        name: e.name.clone(),
        honorific: e.honorific.clone(),
        role: e.role.clone(),
        program: e.program.clone(),
        sort_name: e.sort_name.clone(),
        photo: e.photo.clone(),
        email: e.email.clone(),
        links: e.links.clone(),
        topics: e.topics.clone(),
        bio_html: e.bio_html.clone(),
        extra: e.extra.clone(),
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

/// Resolves a newer version of a published brief's file against an
/// assembled site: the published briefs by slug (`slugs`), the unpublished
/// ones (`unpublished`, for the warning about linking to them), the experts
/// and the topic and kind spellings already in the site. `None` if it names
/// anything unknown (a full assembly reports that) or a new spelling of a
/// topic or kind; otherwise the brief and the warnings about it.
pub(crate) fn resolve_again(
    site: &Site,
    newer: &ParsedBrief,
    slugs: &HashMap<Text, BriefId>,
    unpublished: &HashMap<Text, &'static str>,
) -> Option<(Brief, Diagnostics)> {
    let known = |of: &HashMap<String, usize>, name: &str| of.contains_key(name);
    if !newer
        .topics
        .iter()
        .all(|t| known(&site.spellings.topics, &t.id))
        || !known(&site.spellings.kinds, &newer.kind)
    {
        return None;
    }
    let experts: HashMap<&str, ExpertId> = site
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let resolver = Resolver {
        failed_experts: &[],
        any_failed_brief: false,
        experts: &experts,
        expert_names: Vec::new(),
        briefs: slugs,
        unpublished,
    };
    let mut found = Diagnostics::default();
    let brief = resolver.brief(
        newer,
        &site.spellings.topics,
        &site.spellings.kinds,
        &mut found,
    )?;
    if found.has_errors() {
        return None;
    }
    found.extend(topicless(&brief));
    Some((brief, found))
}
