//! Resolving a brief's references: its experts by id, the briefs it cites
//! by slug (suggesting the nearest for an unknown one, warning about links
//! to unpublished ones), its topics and kind by spelling. A full assembly
//! resolves every brief; the quick path resolves a newer version of one
//! ([`resolve_again`]).

use super::assemble::topicless;
use super::*;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::parse::{ParsedBrief, Ref};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::path::Path;

fn lookup_group(of: &HashMap<String, usize>, name: &str) -> usize {
    of.get(name)
        .or_else(|| of.get(&slug::slugify(name)))
        .copied()
        .unwrap_or(0)
}

/// Resolves references against the published briefs by slug (`S`: a
/// borrowed or a shared string) and the experts by id.
pub(super) struct Resolver<'a, S> {
    /// Ids of expert files that failed to parse: already reported.
    pub(super) failed_experts: Vec<String>,
    /// A brief failed to parse, so an unknown slug may be its: not reported.
    pub(super) any_failed_brief: bool,
    pub(super) experts: &'a HashMap<&'a str, ExpertId>,
    pub(super) expert_names: Vec<&'a str>,
    pub(super) briefs: &'a HashMap<S, BriefId>,
    pub(super) unpublished: &'a HashMap<S, &'static str>,
}

impl<'a> Resolver<'a, &'a str> {
    /// A resolver for a full assembly; `failed` names the files that did
    /// not parse (references to them are not reported again).
    pub(super) fn new(
        failed: &'a [std::path::PathBuf],
        experts: &'a HashMap<&'a str, ExpertId>,
        briefs: &'a HashMap<&'a str, BriefId>,
        unpublished: &'a HashMap<&'a str, &'static str>,
    ) -> Self {
        let failed_experts = failed
            .iter()
            .filter(|p| p.starts_with("content/experts"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        let mut expert_names: Vec<&str> = experts.keys().copied().collect();
        expert_names.sort_unstable();
        Resolver {
            failed_experts,
            any_failed_brief: failed.iter().any(|p| p.starts_with("content/briefs")),
            experts,
            expert_names,
            briefs,
            unpublished,
        }
    }
}

impl<S: Borrow<str> + Hash + Eq> Resolver<'_, S> {
    pub(super) fn brief(
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
            core: b.core.clone(),
            kind: lookup_group(kind_of, &b.kind),
            topics,
            authors,
            responses,
            related,
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
        .all(|t| known(&site.written_names.topics, &t.id))
        || !known(&site.written_names.kinds, &newer.kind)
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
        failed_experts: Vec::new(),
        any_failed_brief: false,
        experts: &experts,
        expert_names: Vec::new(),
        briefs: slugs,
        unpublished,
    };
    let mut found = Diagnostics::default();
    let brief = resolver.brief(
        newer,
        &site.written_names.topics,
        &site.written_names.kinds,
        &mut found,
    )?;
    if found.has_errors() {
        return None;
    }
    found.extend(topicless(&brief));
    Some((brief, found))
}
