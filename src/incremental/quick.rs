//! The quick path for the commonest edits while serving: brief files
//! saved, added or deleted (up to [`MAX_RESHAPES`] of them changing more
//! than their text in one burst). Text-only changes (body, summary, title,
//! quotes, related titles, names and URLs) are taken over as they are; any
//! other change — what a brief refers to (experts, quotes, topics, kind,
//! related pieces), its dates and so its place in the listing order, its
//! URL or its publication, a new file or a gone one — is applied to the
//! model of the last rebuild in place, one file after another: the brief
//! put in, taken out or replaced, the reverse indexes it is in mended, the
//! briefs after it renumbered, briefs citing it resolved again when it is
//! unpublished or published, topics and kinds coming and going with the
//! briefs naming them. So the cost hardly grows with the site, and only the
//! pages and feeds that show the brief, or whose lists changed, are
//! rendered again — those showing the change first, what only shifted
//! later (see [`Session::finish`]). A topic or kind whose newest brief
//! spells it another way is renamed, and every brief in it (for a kind,
//! also every brief citing one) shows the new name, in the second step.
//! Anything else takes the full path: links of other briefs that would
//! break, experts, pages, templates, site.yaml, a larger burst, an embargo
//! passing.

use super::fallback::{FallbackReason, QuickRebuild};
use super::{Cached, Output, Rebuild, Session, Stamp, Store, hash_of, relative, site_files, stamp};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::diag::Diagnostics;
use crate::load::{self, Collection};
use crate::model::{self, BriefId, Grouping, Link, Site};
use crate::parse::{self, One};
use crate::parse::{ParsedBrief, Text};
use crate::render::feeds::{Items, Scope, Spec};
use crate::render::pages;
use crate::render::pages::{Job, Listing};
use crate::render::{self, Templates, values::Values};
use crate::write::MemorySink;
use jiff::Timestamp;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The most files of one burst whose shape changed that the quick path takes.
pub const MAX_RESHAPES: usize = 16;

/// The site of the last full rebuild, kept so text edits can patch it.
pub struct Model {
    pub site: Site,
    pub values: Values,
    pub templates: u64,
    /// Published briefs by source path.
    pub ids: FxHashMap<Arc<Path>, BriefId>,
    /// Published briefs by slug, and the unpublished ones with why.
    pub slugs: FxHashMap<Text, BriefId>,
    pub unpublished: FxHashMap<Text, &'static str>,
    /// The briefs citing each brief (as a related piece).
    pub cited_by: FxHashMap<BriefId, Vec<BriefId>>,
    /// Feed items built so far.
    pub items: Items,
    pub warnings: Diagnostics,
    /// The earliest embargo still ahead: once it passes, a brief is
    /// published and the site changes shape.
    pub next_embargo: Option<Timestamp>,
}

impl Model {
    /// Keeps `site` and its values; `files` are all content files parsed
    /// (for the briefs it does not publish, and when an embargo ends).
    pub fn new(
        site: Site,
        values: Values,
        templates: u64,
        warnings: Diagnostics,
        files: &FxHashMap<PathBuf, Cached>,
    ) -> Model {
        let mut ids = FxHashMap::default();
        let mut slugs = FxHashMap::default();
        for (id, b) in site.briefs.iter().enumerate() {
            ids.insert(b.source.clone(), id);
            slugs.insert(b.slug.clone(), id);
        }
        let mut unpublished = FxHashMap::default();
        let mut next_embargo: Option<Timestamp> = None;
        for cached in files.values() {
            let One::Brief(b) = &cached.item else {
                continue;
            };
            if !ids.contains_key(&*b.source) {
                unpublished.insert(b.slug.clone(), model::why_unpublished(b));
            }
            if let Some(due) = b
                .embargo
                .map(|m| m.timestamp)
                .filter(|t| *t > site.config.now)
            {
                next_embargo = Some(next_embargo.map_or(due, |n| n.min(due)));
            }
        }
        let cited_by = cited_by(&site);
        Model {
            site,
            values,
            templates,
            ids,
            slugs,
            unpublished,
            cited_by,
            items: Items::default(),
            warnings,
            next_embargo,
        }
    }

    /// Takes in one brief file's change that is more than text: `id` is
    /// its published id before, `older` and `newer` its parsed versions
    /// (`None`: the file is new, or deleted). A [`FallbackReason`] (and a
    /// model the caller must drop) when the site would change beyond what
    /// the quick path handles.
    fn reshape(
        &mut self,
        id: Option<BriefId>,
        older: Option<&ParsedBrief>,
        newer: Option<&ParsedBrief>,
        now: Timestamp,
        files: &FxHashMap<PathBuf, Cached>,
        redo: &mut Redo,
    ) -> Result<(), FallbackReason> {
        let config = &self.site.config;
        let published = newer.filter(|n| model::is_published(n, config.drafts, now));
        let unpublished_before = older.filter(|_| id.is_none());
        let unpublished_after = newer.filter(|_| published.is_none());
        let parsed_of = |path: &Path| match files.get(path).map(|c| &c.item) {
            Some(One::Brief(b)) => Some(&**b),
            _ => None,
        };
        // Another file's URL: the full path reports the collision.
        if let Some(n) = newer {
            let own = |slug: &str| older.is_some_and(|o| &*o.slug == slug);
            let taken = self.slugs.contains_key(&n.slug) || self.unpublished.contains_key(&n.slug);
            if taken && !own(&n.slug) {
                return Err(FallbackReason::UrlTaken(n.slug.to_string()));
            }
        }
        let relink = self.relinks(id, older, newer, published.is_some(), &parsed_of)?;
        if let Some(o) = unpublished_before {
            self.unpublished.remove(&o.slug);
        }
        if let Some(n) = unpublished_after {
            self.unpublished
                .insert(n.slug.clone(), model::why_unpublished(n));
            if let Some(due) = n.embargo.map(|m| m.timestamp).filter(|t| *t > now) {
                self.next_embargo = Some(self.next_embargo.map_or(due, |d| d.min(due)));
            }
        }

        // A topic or kind no brief named yet: a group of its own, or
        // another spelling of one the site has.
        if let Some(n) = published {
            let spellings = (n.topics.iter().map(|t| (Grouping::Topics, t.id.as_str())))
                .chain([(Grouping::Kinds, n.kind.as_str())]);
            for (g, spelling) in spellings {
                if let Some(at) = self.site.add_spelling(g, spelling) {
                    self.values.insert_group(&self.site, g, at);
                    redo.shift_groups(g, at);
                    redo.sitemap = true;
                }
            }
        }
        let mut at = id;
        // Another URL: out at the old one, in at the new one.
        if let (Some(old), Some(o), Some(n)) = (id, older, published) {
            if o.slug != n.slug {
                self.apply(Some(old), None, &parsed_of, redo)?;
                at = None;
            }
        }
        match (at, published) {
            (Some(old), None) => self.apply(Some(old), None, &parsed_of, redo)?,
            (at, Some(n)) => {
                let (brief, found) =
                    model::resolve_again(&self.site, n, &self.slugs, &self.unpublished)
                        .ok_or_else(|| FallbackReason::Unresolved(n.source.to_path_buf()))?;
                self.apply(at, Some((brief, n, found)), &parsed_of, redo)?;
            }
            (None, None) => {}
        }
        for source in relink {
            let unknown = || FallbackReason::Unknown(source.to_path_buf());
            let id = *self.ids.get(&*source).ok_or_else(unknown)?;
            let parsed = parsed_of(&source).ok_or_else(unknown)?;
            let (brief, found) =
                model::resolve_again(&self.site, parsed, &self.slugs, &self.unpublished)
                    .ok_or_else(|| FallbackReason::Unresolved(source.to_path_buf()))?;
            self.apply(Some(id), Some((brief, parsed, found)), &parsed_of, redo)?;
        }
        self.drop_empty_groups(redo);
        Ok(())
    }

    /// The other briefs to resolve again when one brief file changes from
    /// `older` to `newer` (`id`: its published id before; `published`:
    /// whether it is now), or [`FallbackReason::LinkWouldBreak`] when their
    /// links would break (the full path reports that). A brief unpublished under its URL turns the
    /// links to it into titles with a warning, one published links again,
    /// and an unpublished one changing why it is (draft, embargo) changes
    /// the warning.
    fn relinks<'a>(
        &self,
        id: Option<BriefId>,
        older: Option<&ParsedBrief>,
        newer: Option<&ParsedBrief>,
        published: bool,
        parsed_of: &dyn Fn(&Path) -> Option<&'a ParsedBrief>,
    ) -> Result<Vec<Arc<Path>>, FallbackReason> {
        let Some(o) = older else {
            return Ok(Vec::new());
        };
        let breaks = || FallbackReason::LinkWouldBreak(o.slug.to_string());
        let keeps_url = newer.is_some_and(|n| n.slug == o.slug);
        let mut relink: Vec<Arc<Path>> = Vec::new();
        match id {
            Some(id) => {
                let citing = self.cited_by.get(&id).map_or(&[][..], Vec::as_slice);
                if !published {
                    relink.extend(citing.iter().map(|&c| self.site.briefs[c].source.clone()));
                }
                if !citing.is_empty() && !keeps_url {
                    return Err(breaks());
                }
            }
            None => {
                let why = model::why_unpublished;
                let same = !published && keeps_url && newer.is_some_and(|n| why(n) == why(o));
                let names = |p: &ParsedBrief| {
                    (p.related.iter()).any(|r| r.brief.as_ref().is_some_and(|t| t.id == *o.slug))
                };
                if !same {
                    let naming = (self.site.briefs.iter())
                        .filter(|b| parsed_of(&b.source).is_some_and(names))
                        .map(|b| b.source.clone());
                    relink.extend(naming);
                }
                if !relink.is_empty() && !keeps_url {
                    return Err(breaks());
                }
            }
        }
        relink.retain(|source| *source != o.source);
        Ok(relink)
    }

    /// Takes out every topic and kind left without briefs, with its page
    /// and feeds.
    fn drop_empty_groups(&mut self, redo: &mut Redo) {
        for g in [Grouping::Topics, Grouping::Kinds] {
            let empty = |site: &Site| site.grouping(g).0.iter().position(|x| x.briefs.is_empty());
            while let Some(id) = empty(&self.site) {
                let (listing, scope) = group_outputs(g, id);
                redo.gone
                    .push(Job::Listing(listing, 1).output_path(&self.site));
                let feeds = Spec::all(&self.site)
                    .into_iter()
                    .filter(|f| f.scope == scope);
                redo.gone.extend(feeds.map(|f| f.path(&self.site)));
                self.site.remove_group(g, id);
                self.values.remove_group(g, id);
                redo.forget_group(g, id);
                redo.sitemap = true;
            }
        }
    }

    /// Puts one brief in, out or in place of another (see
    /// [`model::update_brief`]) and brings the indexes, values, feed items
    /// and warnings kept beside the site along; adds what to render again
    /// to `redo`.
    fn apply<'a>(
        &mut self,
        old: Option<BriefId>,
        newer: Option<(model::Brief, &ParsedBrief, Diagnostics)>,
        parsed_of: &dyn Fn(&Path) -> Option<&'a ParsedBrief>,
        redo: &mut Redo,
    ) -> Result<(), FallbackReason> {
        let cited_before: Vec<BriefId> = old
            .map(|id| citations(&self.site.briefs[id]).collect())
            .unwrap_or_default();
        let gone = old.map(|id| {
            let b = &self.site.briefs[id];
            (b.source.clone(), b.slug.clone(), self.site.brief_path(id))
        });
        let newer_is_none = newer.is_none();
        let (newer, found) = match newer {
            Some((brief, parsed, found)) => (Some((brief, parsed)), found),
            None => (None, Diagnostics::default()),
        };
        let moved = model::update_brief(&mut self.site, old, newer, parsed_of)?;
        let renumber = moved.renumber;
        let to = renumber.to;
        let inserted = old.is_none();
        let removed = newer_is_none;
        if let Some((source, slug, path)) = &gone {
            if removed {
                self.ids.remove(&**source);
                self.slugs.remove(slug);
                redo.gone.push(format!("{path}index.html"));
            }
        }
        if renumber.moves() {
            for b in self.ids.values_mut().chain(self.slugs.values_mut()) {
                *b = renumber.id(*b);
            }
        }
        if inserted {
            let b = &self.site.briefs[to];
            self.ids.insert(b.source.clone(), to);
            self.slugs.insert(b.slug.clone(), to);
            self.values.briefs.push(tera::Value::none());
        }
        renumber.reorder(&mut self.values.briefs);
        self.values.briefs.truncate(self.site.briefs.len());
        self.items
            .follow(renumber, inserted, self.site.briefs.len());
        if renumber.moves() || inserted || removed {
            self.cited_by = cited_by(&self.site);
        } else {
            for target in cited_before {
                if let Some(list) = self.cited_by.get_mut(&target) {
                    list.retain(|&b| b != to);
                }
            }
            for target in citations(&self.site.briefs[to]) {
                let list = self.cited_by.entry(target).or_default();
                let at = list.partition_point(|&b| b < to);
                list.insert(at, to);
            }
        }
        // The brief's own warnings (a related brief unpublished, no
        // topics), and the experts it leaves idle or no longer idle.
        let mut warnings: Vec<Diagnostic> = std::mem::take(&mut self.warnings.0);
        if let Some((source, _, _)) = &gone {
            warnings.retain(|d| d.path.as_path() != &**source);
        }
        if !removed {
            let source = &self.site.briefs[to].source;
            warnings.retain(|d| d.path.as_path() != &**source);
        }
        warnings.extend(found.0);
        for &e in &moved.experts {
            let x = &self.site.experts[e];
            let idle = model::idle_warning(x);
            warnings.retain(|d| *d != idle);
            if model::is_idle(x) {
                warnings.push(idle);
            }
        }
        self.warnings = Diagnostics(warnings).sorted();

        let mut changed = Vec::new();
        if !removed {
            changed.push(to);
            if moved.kind_changed {
                changed.extend(self.cited_by.get(&to).into_iter().flatten().copied());
            }
        }
        // A group renamed: every brief in it shows the name (and, for a
        // kind, every brief citing one), on pages that may come later.
        let mut later: Vec<BriefId> = Vec::new();
        let renamed = (moved.renamed_topics.iter().map(|&t| (Grouping::Topics, t)))
            .chain(moved.renamed_kinds.iter().map(|&k| (Grouping::Kinds, k)));
        for (g, id) in renamed {
            self.values.refresh_group(&self.site, g, id);
            let members = &self.site.grouping(g).0[id].briefs;
            later.extend(members);
            if g == Grouping::Kinds {
                let citing = members.iter().filter_map(|b| self.cited_by.get(b));
                later.extend(citing.flatten());
            }
            let (listing, scope) = group_outputs(g, id);
            let pages = listing.pages(&self.site);
            redo.pages
                .extend((1..=pages).map(|n| Job::Listing(listing, n)));
            redo.feeds.push(scope);
        }
        later.sort_unstable();
        later.dedup();
        later.retain(|b| !changed.contains(b));
        for &b in &changed {
            self.values.refresh_brief(&self.site, b);
        }
        self.values.regroup_briefs(&self.site, &later);
        let per = self.site.config.paginate;
        let page = |at: usize| at / per + 1;
        let jobs = &mut redo.pages;
        for job in [Job::ExpertIndex, Job::TopicIndex] {
            if !jobs.contains(&job) {
                jobs.push(job);
            }
        }
        // Home pages between its old and new place show other briefs now;
        // a brief more or fewer changes the count every page may show.
        let (lo, hi) = match inserted || removed {
            true => (0, self.site.briefs.len()),
            false => (renumber.from.min(to), renumber.from.max(to)),
        };
        jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(Listing::Home, n)));
        if renumber.moves() || inserted || removed {
            redo.feeds.push(Scope::Site);
        }
        for &e in &moved.experts {
            self.values.refresh_expert_card(&self.site, e);
            jobs.push(Job::Expert(e));
            redo.feeds.push(Scope::Expert(e));
        }
        // Every page of a listing shows its count; a brief moving within
        // one changes the pages between its two places. A list one shorter
        // may have lost its last page.
        let topics = (moved.topics.iter()).map(|&t| (Grouping::Topics, t));
        let kinds = (moved.kinds.iter()).map(|&k| (Grouping::Kinds, k));
        for (g, id) in topics.chain(kinds) {
            self.values.refresh_group(&self.site, g, id);
            let (listing, scope) = group_outputs(g, id);
            let pages = (self.site.grouping(g).0[id].briefs.len() + 1).div_ceil(per);
            jobs.extend((1..=pages).map(|n| Job::Listing(listing, n)));
            redo.feeds.push(scope);
        }
        let shifted = (moved.shifted_topics.iter().map(|s| (Grouping::Topics, s)))
            .chain(moved.shifted_kinds.iter().map(|s| (Grouping::Kinds, s)));
        for (g, &(id, lo, hi)) in shifted {
            let (listing, scope) = group_outputs(g, id);
            jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(listing, n)));
            redo.feeds.push(scope);
        }
        for list in [&mut redo.briefs, &mut redo.later] {
            list.retain(|&b| !removed || b != renumber.from);
            list.iter_mut().for_each(|b| *b = renumber.id(*b));
        }
        redo.briefs.extend(changed);
        redo.later.extend(later);
        // The sitemap lists brief pages in order, with their last change.
        redo.sitemap |= moved.last_modified_changed || renumber.moves();
        Ok(())
    }
}

/// What a quick rebuild leaves for [`Session::finish`].
pub struct Later {
    jobs: Vec<Job>,
    feeds: Vec<Spec>,
    sitemap: bool,
    templates: Templates,
}

impl Later {
    /// The output files it will write (the sitemap's as they are now).
    fn paths(&self, site: &Site, site_files: &[String]) -> Vec<String> {
        let mut paths: Vec<String> = (self.jobs.iter().map(|j| j.output_path(site)))
            .chain(self.feeds.iter().map(|f| f.path(site)))
            .collect();
        if self.sitemap {
            paths.extend(site_files.iter().cloned());
        }
        paths
    }
}

/// What a brief whose references changed makes render again.
#[derive(Default)]
struct Redo {
    /// Briefs whose values changed: the pages and feeds showing them.
    briefs: Vec<BriefId>,
    /// Briefs whose values changed with a group's name: the pages showing
    /// them come in the second step.
    later: Vec<BriefId>,
    /// Pages besides those: lists the brief joined or left, expert pages.
    /// Listing pages past the end of their list are gone.
    pages: Vec<Job>,
    /// Feeds whose lists the brief may have joined or left.
    feeds: Vec<Scope>,
    /// The sitemap (a brief's last change moved).
    sitemap: bool,
    /// Output files of pages that no longer exist.
    gone: Vec<String>,
}

impl Redo {
    /// Renumbers the groups of `g` from `at` on, one new there.
    fn shift_groups(&mut self, g: Grouping, at: usize) {
        self.renumber_groups(g, |t| {
            *t += usize::from(*t >= at);
            true
        });
    }

    /// Drops what names group `id` of `g` (taken out of the site) and
    /// renumbers the groups after it.
    fn forget_group(&mut self, g: Grouping, id: usize) {
        self.renumber_groups(g, |t| {
            let kept = *t != id;
            *t -= usize::from(*t > id);
            kept
        });
    }

    /// Applies `keep` to every group id of `g` named; drops what it refuses.
    fn renumber_groups(&mut self, g: Grouping, keep: impl Fn(&mut usize) -> bool) {
        self.pages.retain_mut(|job| match (g, job) {
            (Grouping::Topics, Job::Listing(Listing::Topic(t), _)) => keep(t),
            (Grouping::Kinds, Job::Listing(Listing::Kind(k), _)) => keep(k),
            _ => true,
        });
        self.feeds.retain_mut(|scope| match (g, scope) {
            (Grouping::Topics, Scope::Topic(t)) => keep(t),
            (Grouping::Kinds, Scope::Kind(k)) => keep(k),
            _ => true,
        });
    }
}

/// The briefs citing each brief, in order.
fn cited_by(site: &Site) -> FxHashMap<BriefId, Vec<BriefId>> {
    let mut cited_by: FxHashMap<BriefId, Vec<BriefId>> = FxHashMap::default();
    for (id, b) in site.briefs.iter().enumerate() {
        for target in citations(b) {
            cited_by.entry(target).or_default().push(id);
        }
    }
    cited_by
}

/// The briefs `b` cites as related pieces.
fn citations(b: &model::Brief) -> impl Iterator<Item = BriefId> + '_ {
    b.related.iter().filter_map(|r| match r.link {
        Link::Brief(target) => Some(target),
        _ => None,
    })
}

/// A changed brief file, parsed.
struct Edit {
    path: PathBuf,
    /// The new version; `None` when the file was deleted.
    cached: Option<Cached>,
    /// Only its text changed ([`ParsedBrief::same_shape`]).
    text_only: bool,
}

impl Session {
    /// Applies the edits of brief files `hints` name, if the quick path can;
    /// otherwise says why the full path is needed (nothing was changed).
    pub(super) fn patch(
        &mut self,
        config: &Config,
        hints: &[PathBuf],
        store: &dyn Store,
        started: Instant,
    ) -> anyhow::Result<QuickRebuild> {
        let fallback = |reason| Ok(QuickRebuild::Fallback { reason });
        let mut stages: Vec<(&'static str, Duration)> = Vec::new();
        let edits = match self.edits(config, hints) {
            Ok(edits) => edits,
            Err(reason) => return fallback(reason),
        };
        let Some(model) = self.model.as_ref() else {
            return fallback(FallbackReason::NoKeptModel);
        };
        if model.next_embargo.is_some_and(|due| due <= config.now) {
            return fallback(FallbackReason::EmbargoPassed);
        }
        stages.push(("refresh", started.elapsed()));
        let templates = Templates::load(config)?;
        if templates.fingerprint != model.templates {
            return fallback(FallbackReason::TemplateChanged);
        }
        stages.push(("plan", started.elapsed()));

        let mut model = self.model.take().expect("checked above");
        // One edit after another, each file's new version in place before
        // the next is looked at.
        let reparsed = edits.len();
        let mut redo = Redo::default();
        for edit in edits {
            let newer = match edit.cached.as_ref().map(|c| &c.item) {
                Some(One::Brief(b)) => Some(&**b),
                _ => None,
            };
            let id = model.ids.get(edit.path.as_path()).copied();
            if edit.text_only {
                if let (Some(id), Some(newer)) = (id, newer) {
                    model.site.briefs[id] = model.site.briefs[id].with_text(newer);
                    model.values.refresh_brief(&model.site, id);
                    redo.briefs.push(id);
                }
            } else {
                let older = match self.files.get(&edit.path).map(|c| &c.item) {
                    Some(One::Brief(b)) => Some(&**b),
                    _ => None,
                };
                let done = model.reshape(id, older, newer, config.now, &self.files, &mut redo);
                if let Err(reason) = done {
                    // Half changed: the full path assembles the site again.
                    crate::discard(model);
                    return fallback(reason);
                }
            }
            match edit.cached {
                Some(cached) => self.files.insert(edit.path, cached),
                None => self.files.remove(&edit.path),
            };
        }
        let Redo {
            briefs: shown,
            later: shown_later,
            pages: mut jobs,
            feeds: scopes,
            sitemap,
            mut gone,
        } = redo;
        for &b in shown.iter().chain(&shown_later) {
            model.items.forget(b);
        }
        stages.push(("values", started.elapsed()));
        let showing = pages_showing(&model.site, &shown);
        let showing_later = pages_showing(&model.site, &shown_later);
        let mut seen: FxHashSet<Job> = FxHashSet::default();
        jobs.retain(|job| seen.insert(*job));
        for job in showing.iter().chain(&showing_later) {
            if seen.insert(*job) {
                jobs.push(*job);
            }
        }
        // Listing pages past the end of a shorter list are gone.
        let (kept, past_end): (Vec<Job>, Vec<Job>) =
            jobs.into_iter().partition(|job| exists(&model.site, job));
        gone.extend(past_end.iter().map(|job| job.output_path(&model.site)));
        gone.sort();
        gone.dedup();
        // What shows the edit comes first; listing pages that only
        // shifted or show a new count come later, with feeds and sitemap.
        let (jobs, later_jobs): (Vec<Job>, Vec<Job>) = kept.into_iter().partition(|job| {
            let shifted = matches!(job, Job::Listing(_, n) if *n > 1);
            showing.contains(job) || !(shifted || showing_later.contains(job))
        });
        let touched: FxHashSet<BriefId> = shown.iter().chain(&shown_later).copied().collect();
        let feeds: Vec<Spec> = Spec::all(&model.site)
            .into_iter()
            .filter(|spec| {
                scopes.contains(&spec.scope)
                    || spec.briefs(&model.site).iter().any(|b| touched.contains(b))
            })
            .collect();
        stages.push(("fingerprints", started.elapsed()));

        // Render into memory first, so a template error changes nothing.
        let fresh = MemorySink::default();
        // On an error the patched model is dropped here (it no longer
        // matches the store), so the next rebuild takes the full path.
        render::render_jobs(&model.site, &templates, &model.values, &jobs, &fresh)?;
        stages.push(("render", started.elapsed()));
        let later = Later {
            jobs: later_jobs,
            feeds,
            sitemap,
            templates,
        };
        let deferred = later.paths(&model.site, &self.site_files);
        let fresh = fresh.into_files();
        // Pages and feeds only: the sitemap has a fingerprint of its own.
        for path in fresh.keys().chain(&deferred) {
            if !self.site_files.contains(path) {
                self.outputs.insert(path.clone(), Output::Dirty);
            }
        }
        for (path, bytes) in &fresh {
            store.write(path, bytes)?;
        }
        for path in &gone {
            self.outputs.insert(path.clone(), Output::Removed);
            store.remove(path)?;
        }
        stages.push(("store", started.elapsed()));
        self.later = Some(later);
        let warnings = model.warnings.clone();
        self.model = Some(model);
        Ok(QuickRebuild::Patched(Rebuild {
            patched: true,
            fallback: None,
            reparsed,
            written: fresh.len(),
            removed: gone.len(),
            outputs: (self.outputs.values())
                .filter(|o| **o != Output::Removed)
                .count(),
            deferred,
            warnings,
            elapsed: started.elapsed(),
            stages,
        }))
    }

    /// Renders what the last quick rebuild left for later (listing pages
    /// that only shifted, feeds, the sitemap) into `store`; returns how many
    /// files it wrote. On an error the kept model is dropped, so the next
    /// rebuild takes the full path.
    pub fn finish(&mut self, store: &dyn Store) -> anyhow::Result<usize> {
        let Some(later) = self.later.take() else {
            return Ok(0);
        };
        let Some(mut model) = self.model.take() else {
            return Ok(0);
        };
        let fresh = MemorySink::default();
        let rendered = (|| {
            let site = &model.site;
            render::render_jobs(site, &later.templates, &model.values, &later.jobs, &fresh)?;
            render::feeds::render_kept(site, &later.feeds, &mut model.items, &fresh)?;
            if later.sitemap {
                render::write_site_files(site, &pages::jobs(site), &fresh)?;
            }
            anyhow::Ok(())
        })();
        if let Err(e) = rendered {
            crate::discard(model);
            return Err(e);
        }
        let fresh = fresh.into_files();
        if later.sitemap {
            self.sitemap = Output::Dirty;
            // The number of the sitemap's parts may change.
            let old = std::mem::replace(&mut self.site_files, site_files(&fresh));
            for path in old.iter().filter(|p| !self.site_files.contains(p)) {
                store.remove(path)?;
            }
        }
        for (path, bytes) in &fresh {
            if !self.site_files.contains(path) {
                self.outputs.insert(path.clone(), Output::Dirty);
            }
            store.write(path, bytes)?;
        }
        self.model = Some(model);
        Ok(fresh.len())
    }

    /// The hinted files parsed again, if every hint is a brief file this
    /// session already holds, and either every new version has the same
    /// shape or there is one, of a published brief keeping its publication.
    fn edits(&self, config: &Config, hints: &[PathBuf]) -> Result<Vec<Edit>, FallbackReason> {
        if !self.complete {
            return Err(FallbackReason::IncompleteCache);
        }
        if hints.is_empty() {
            return Err(FallbackReason::NothingNamed);
        }
        let root = &config.root;
        let model = self.model.as_ref().ok_or(FallbackReason::NoKeptModel)?;
        let mut paths: Vec<PathBuf> = hints
            .iter()
            .map(|h| relative(root, h).ok_or_else(|| FallbackReason::OutsideRoot(h.clone())))
            .collect::<Result<_, _>>()?;
        paths.sort();
        paths.dedup();
        let mut edits = Vec::new();
        for path in paths {
            if crate::input::is_ignored(&path) {
                // An editor's swap, lock or backup file: never content.
                continue;
            }
            let full = root.join(&path);
            if full.is_symlink() {
                // Checked by the full path: it may leave the site or dangle.
                return Err(FallbackReason::Symlink(path));
            }
            let known = self.files.get(&path);
            if !full.exists() && known.is_none() {
                // A file that came and went within the burst (an editor's
                // swap or backup file) changed nothing; a folder moved
                // away with files in it did.
                if self.files.keys().any(|k| k.starts_with(&path)) {
                    return Err(FallbackReason::FolderChanged(path));
                }
                continue;
            }
            let in_briefs = path.starts_with("content/briefs");
            let is_markdown = path.extension().is_some_and(|e| e == "md");
            if !in_briefs || !is_markdown || path.file_name().is_none() {
                return Err(FallbackReason::not_a_brief(&path));
            }
            let older = match known.map(|c| &c.item) {
                Some(One::Brief(b)) => Some(&**b),
                Some(_) => return Err(FallbackReason::OtherFile(path)),
                None => None,
            };
            let id = model.ids.get(path.as_path()).copied();
            if !full.exists() {
                edits.push(Edit {
                    path,
                    cached: None,
                    text_only: false,
                });
                continue;
            }
            let now: Stamp = stamp(&full);
            if !full.is_file() || known.is_some_and(|k| k.stamp == now) {
                // A folder is looked at whole by the full path.
                if full.is_file() {
                    continue;
                }
                return Err(FallbackReason::FolderChanged(path));
            }
            let broken = || FallbackReason::BrokenBrief(path.clone());
            let file = load::read_source(root, Collection::Brief, &path, config.max_file_size)
                .map_err(|_| broken())?;
            let hash = hash_of(&file.text);
            let item = parse::parse_one(&file, config).map_err(|_| broken())?;
            let One::Brief(newer) = &item else {
                return Err(FallbackReason::OtherFile(path));
            };
            // An unpublished brief that stays so under its slug shows
            // nowhere whatever it says (only its slug is checked, and named
            // in warnings): its text only, as far as the site goes.
            let text_only = older.is_some_and(|older| {
                let same_publication = (older.draft, older.embargo) == (newer.draft, newer.embargo);
                let unseen = id.is_none() && same_publication && older.slug == newer.slug;
                unseen || older.same_shape(newer)
            });
            edits.push(Edit {
                path,
                cached: Some(Cached {
                    stamp: now,
                    hash,
                    item,
                }),
                text_only,
            });
        }
        // Past a handful (a checkout, a bulk rename) assembling the site
        // once costs less than reshaping it file by file.
        let reshaping = edits.iter().filter(|e| !e.text_only).count();
        if reshaping > MAX_RESHAPES {
            return Err(FallbackReason::TooManyReshapes(reshaping));
        }
        Ok(edits)
    }
}

/// Whether a page job names a page the site has (a listing page may lie
/// past the end of a list that got shorter).
fn exists(site: &Site, job: &Job) -> bool {
    match *job {
        Job::Listing(l, n) => n <= l.pages(site),
        _ => true,
    }
}

/// The listing pages and the feed of group `id` of `g`.
fn group_outputs(g: Grouping, id: usize) -> (Listing, Scope) {
    match g {
        Grouping::Topics => (Listing::Topic(id), Scope::Topic(id)),
        Grouping::Kinds => (Listing::Kind(id), Scope::Kind(id)),
    }
}

/// Every HTML page that shows one of `briefs`: its own page, the listing
/// pages it is on (home, each topic, its kind) and the pages of the experts
/// who wrote it, are quoted in it or wrote a piece it cites.
fn pages_showing(site: &Site, briefs: &[BriefId]) -> Vec<Job> {
    let per = site.config.paginate;
    let mut jobs = Vec::new();
    let mut seen: FxHashSet<Job> = FxHashSet::default();
    let mut add = |job: Job| {
        if seen.insert(job) {
            jobs.push(job);
        }
    };
    for &id in briefs {
        let b = &site.briefs[id];
        let page_in = |ids: &[BriefId]| ids.binary_search(&id).map_or(1, |at| at / per + 1);
        add(Job::Brief(id));
        add(Job::Listing(Listing::Home, id / per + 1));
        for &t in &b.topics {
            add(Job::Listing(
                Listing::Topic(t),
                page_in(&site.topics[t].briefs),
            ));
        }
        add(Job::Listing(
            Listing::Kind(b.kind),
            page_in(&site.kinds[b.kind].briefs),
        ));
        for e in b.experts() {
            add(Job::Expert(e));
        }
    }
    jobs
}
