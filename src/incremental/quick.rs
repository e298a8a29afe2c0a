//! The quick path for the commonest edits while serving: one brief's file
//! saved, its place in the site kept. Either only its text changed (body,
//! summary, title, quotes, related titles, names and URLs), or also what it
//! refers to (experts, quotes added or removed, topics, kind, related
//! pieces, dates that keep its place in the listing order). Then the model
//! of the last rebuild is patched in place — the brief replaced, the reverse
//! indexes it is in mended — so the cost does not grow with the site, and
//! only the pages and feeds that show the brief, or whose lists it joined or
//! left, are rendered again. Anything else takes the full path: files
//! added or removed, another slug, date order, publication, a new topic or
//! kind, experts, pages, templates, site.yaml.

use super::{Cached, Rebuild, Session, Stamp, Store, hash_of, relative, stamp};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::diag::Diagnostics;
use crate::load::{self, Collection};
use crate::model::{self, BriefId, Link, Site};
use crate::parse::{self, One};
use crate::parse::{ParsedBrief, Text};
use crate::render::feeds::{Items, Scope, Spec};
use crate::render::pages;
use crate::render::pages::{Job, Listing};
use crate::render::{self, Templates, values::Values};
use crate::write::MemorySink;
use jiff::Timestamp;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// An output whose fingerprint is unknown: the full path renders it again.
pub const DIRTY: u64 = u64::MAX;

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
                let why = if b.draft { "a draft" } else { "under embargo" };
                unpublished.insert(b.slug.clone(), why);
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

    /// Replaces brief `id` with `newer`, whose references changed; `None`
    /// (and the model as it was) when the site would change beyond what the
    /// quick path handles.
    fn reshape(
        &mut self,
        id: BriefId,
        newer: &ParsedBrief,
        files: &FxHashMap<PathBuf, Cached>,
    ) -> Option<Redo> {
        let (brief, found) =
            model::resolve_again(&self.site, newer, &self.slugs, &self.unpublished)?;
        let cited_before: Vec<BriefId> = citations(&self.site.briefs[id]).collect();
        let parsed_of = |path: &Path| match files.get(path).map(|c| &c.item) {
            Some(One::Brief(b)) => Some(&**b),
            _ => None,
        };
        let moved = model::replace_brief(&mut self.site, id, brief, newer, &parsed_of)?;
        let renumber = moved.renumber;
        let to = renumber.to;
        if renumber.moves() {
            for b in self.ids.values_mut().chain(self.slugs.values_mut()) {
                *b = renumber.id(*b);
            }
            renumber.reorder(&mut self.values.briefs);
            self.items.renumber(renumber);
            self.cited_by = cited_by(&self.site);
        } else {
            for target in cited_before {
                if let Some(list) = self.cited_by.get_mut(&target) {
                    list.retain(|&b| b != id);
                }
            }
            for target in citations(&self.site.briefs[id]) {
                let list = self.cited_by.entry(target).or_default();
                let at = list.partition_point(|&b| b < id);
                list.insert(at, id);
            }
        }
        // The brief's own warnings (a related brief unpublished, no topics).
        let source = self.site.briefs[to].source.clone();
        let mut warnings: Vec<Diagnostic> = std::mem::take(&mut self.warnings.0);
        warnings.retain(|d| d.path.as_path() != &*source);
        warnings.extend(found.0);
        self.warnings = Diagnostics(warnings).sorted();

        let mut changed = vec![to];
        if moved.kind_changed {
            changed.extend(self.cited_by.get(&to).into_iter().flatten().copied());
        }
        for &b in &changed {
            self.values.refresh_brief(&self.site, b);
        }
        let per = self.site.config.paginate;
        let page = |at: usize| at / per + 1;
        let mut jobs = vec![Job::ExpertIndex, Job::TopicIndex];
        let mut scopes = Vec::new();
        // Home pages between its old and new place show other briefs now.
        let (lo, hi) = (renumber.from.min(to), renumber.from.max(to));
        jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(Listing::Home, n)));
        if renumber.moves() {
            scopes.push(Scope::Site);
        }
        for &e in &moved.experts {
            self.values.refresh_expert_card(&self.site, e);
            jobs.push(Job::Expert(e));
            scopes.push(Scope::Expert(e));
        }
        // Every page of a listing shows its count; a brief moving within
        // one changes the pages between its two places.
        for &t in &moved.topics {
            self.values.refresh_topic_count(&self.site, t);
            let pages = self.site.topics[t].briefs.len().div_ceil(per);
            jobs.extend((1..=pages).map(|n| Job::Listing(Listing::Topic(t), n)));
            scopes.push(Scope::Topic(t));
        }
        for &k in &moved.kinds {
            self.values.refresh_kind_count(&self.site, k);
            let pages = self.site.kinds[k].briefs.len().div_ceil(per);
            jobs.extend((1..=pages).map(|n| Job::Listing(Listing::Kind(k), n)));
            scopes.push(Scope::Kind(k));
        }
        for &(t, lo, hi) in &moved.shifted_topics {
            jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(Listing::Topic(t), n)));
            scopes.push(Scope::Topic(t));
        }
        for &(k, lo, hi) in &moved.shifted_kinds {
            jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(Listing::Kind(k), n)));
            scopes.push(Scope::Kind(k));
        }
        Some(Redo {
            briefs: changed,
            pages: jobs,
            feeds: scopes,
            // The sitemap lists brief pages in order, with their last change.
            sitemap: moved.last_modified_changed || renumber.moves(),
        })
    }
}

/// What a brief whose references changed makes render again.
struct Redo {
    /// Briefs whose values changed: the pages and feeds showing them.
    briefs: Vec<BriefId>,
    /// Pages besides those: lists the brief joined or left, expert pages.
    pages: Vec<Job>,
    /// Feeds whose lists the brief may have joined or left.
    feeds: Vec<Scope>,
    /// The sitemap (a brief's last change moved).
    sitemap: bool,
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

/// A changed brief file, parsed, and where it sits in the model (`None`:
/// not published, so no output shows it).
struct Edit {
    path: PathBuf,
    cached: Cached,
    id: Option<BriefId>,
    /// Only its text changed ([`ParsedBrief::same_shape`]).
    text_only: bool,
}

impl Session {
    /// Applies the edits of brief files `hints` name, if the quick path can;
    /// `Ok(None)` means the full path is needed (nothing was changed).
    pub(super) fn patch(
        &mut self,
        config: &Config,
        hints: &[PathBuf],
        store: &dyn Store,
        started: Instant,
    ) -> anyhow::Result<Option<Rebuild>> {
        let mut stages: Vec<(&'static str, Duration)> = Vec::new();
        let Some(edits) = self.edits(config, hints) else {
            return Ok(None);
        };
        let Some(model) = self.model.as_ref() else {
            return Ok(None);
        };
        if model.next_embargo.is_some_and(|due| due <= config.now) {
            return Ok(None);
        }
        stages.push(("refresh", started.elapsed()));
        let templates = Templates::load(config)?;
        if templates.fingerprint != model.templates {
            return Ok(None);
        }
        stages.push(("plan", started.elapsed()));

        let mut model = self.model.take().expect("checked above");
        let mut shown: Vec<BriefId> = Vec::new();
        let mut jobs: Vec<Job> = Vec::new();
        let mut scopes: Vec<Scope> = Vec::new();
        let mut sitemap = false;
        for edit in &edits {
            let (Some(id), One::Brief(newer)) = (edit.id, &edit.cached.item) else {
                continue;
            };
            if edit.text_only {
                model.site.briefs[id] = model.site.briefs[id].with_text(newer);
                model.values.refresh_brief(&model.site, id);
                shown.push(id);
                continue;
            }
            // Only a burst of one edit may reshape (checked in `edits`).
            let Some(redo) = model.reshape(id, newer, &self.files) else {
                self.model = Some(model);
                return Ok(None);
            };
            shown.extend(redo.briefs);
            jobs.extend(redo.pages);
            scopes.extend(redo.feeds);
            sitemap |= redo.sitemap;
        }
        for &b in &shown {
            model.items.forget(b);
        }
        stages.push(("values", started.elapsed()));
        for job in pages_showing(&model.site, &shown) {
            if !jobs.contains(&job) {
                jobs.push(job);
            }
        }
        let feeds: Vec<Spec> = Spec::all(&model.site)
            .into_iter()
            .filter(|spec| {
                scopes.contains(&spec.scope)
                    || spec.briefs(&model.site).iter().any(|b| shown.contains(b))
            })
            .collect();
        stages.push(("fingerprints", started.elapsed()));

        // Render into memory first, so a template error changes nothing.
        let fresh = MemorySink::default();
        // On an error the patched model is dropped here (it no longer
        // matches the store), so the next rebuild takes the full path.
        render::render_jobs(&model.site, &templates, &model.values, &jobs, &fresh)?;
        stages.push(("render pages", started.elapsed()));
        render::feeds::render_kept(&model.site, &feeds, &mut model.items, &fresh)?;
        if sitemap {
            render::write_site_files(&model.site, &pages::jobs(&model.site), &fresh)?;
            self.sitemap_fp = DIRTY;
        }
        stages.push(("render feeds", started.elapsed()));
        let reparsed = edits.len();
        for edit in edits {
            self.files.insert(edit.path, edit.cached);
        }
        let fresh = fresh.into_files();
        for path in fresh.keys() {
            self.outputs.insert(path.clone(), DIRTY);
        }
        for (path, bytes) in &fresh {
            store.write(path, bytes)?;
        }
        stages.push(("store", started.elapsed()));
        let warnings = model.warnings.clone();
        self.model = Some(model);
        Ok(Some(Rebuild {
            patched: true,
            reparsed,
            written: fresh.len(),
            removed: 0,
            outputs: self.outputs.len(),
            warnings,
            elapsed: started.elapsed(),
            stages,
        }))
    }

    /// The hinted files parsed again, if every hint is a brief file this
    /// session already holds, and either every new version has the same
    /// shape or there is one, of a published brief keeping its publication.
    fn edits(&self, config: &Config, hints: &[PathBuf]) -> Option<Vec<Edit>> {
        if !self.complete || hints.is_empty() {
            return None;
        }
        let root = &config.root;
        let model = self.model.as_ref()?;
        let mut paths: Vec<PathBuf> = hints
            .iter()
            .map(|h| relative(root, h))
            .collect::<Option<_>>()?;
        paths.sort();
        paths.dedup();
        let mut edits = Vec::new();
        for path in paths {
            // A file that came and went within the burst (an editor's
            // swap or backup file) changed nothing; a folder moved away
            // with files in it did.
            let vanished = !root.join(&path).exists();
            if vanished && !self.files.keys().any(|known| known.starts_with(&path)) {
                continue;
            }
            let in_briefs = path.starts_with("content/briefs");
            let is_markdown = path.extension().is_some_and(|e| e == "md");
            let old = self.files.get(&path)?;
            let One::Brief(older) = &old.item else {
                return None;
            };
            if !in_briefs || !is_markdown {
                return None;
            }
            let now: Stamp = stamp(&root.join(&path));
            if now == old.stamp {
                continue;
            }
            let file =
                load::read_source(root, Collection::Brief, &path, config.max_file_size).ok()?;
            let hash = hash_of(&file.text);
            let item = parse::parse_one(&file, config).ok()?;
            let One::Brief(newer) = &item else {
                return None;
            };
            let id = model.ids.get(path.as_path()).copied();
            let same_publication = (older.draft, older.embargo) == (newer.draft, newer.embargo);
            // An unpublished brief that stays so under its slug shows
            // nowhere whatever it says (only its slug is checked, and named
            // in warnings): its text only, as far as the site goes.
            let unseen = id.is_none() && same_publication && older.slug == newer.slug;
            let text_only = unseen || older.same_shape(newer);
            // Another shape: only a published brief keeping its publication.
            if !text_only && (id.is_none() || !same_publication) {
                return None;
            }
            edits.push(Edit {
                path,
                cached: Cached {
                    stamp: now,
                    hash,
                    item,
                },
                id,
                text_only,
            });
        }
        // A reshaping edit comes alone, so refusing it changes nothing.
        if edits.len() > 1 && edits.iter().any(|e| !e.text_only) {
            return None;
        }
        Some(edits)
    }
}

/// Every HTML page that shows one of `briefs`: its own page, the listing
/// pages it is on (home, each topic, its kind) and the pages of the experts
/// who wrote it, are quoted in it or wrote a piece it cites.
fn pages_showing(site: &Site, briefs: &[BriefId]) -> Vec<Job> {
    let per = site.config.paginate;
    let mut jobs = Vec::new();
    let mut add = |job: Job| {
        if !jobs.contains(&job) {
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
