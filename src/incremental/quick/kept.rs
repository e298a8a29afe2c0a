//! The site model kept from the last rebuild, and how one brief file's
//! change beyond its text is taken into it: the brief's URL and
//! publication checked, the briefs citing it found, its topic and kind
//! names added, then the brief put in, taken out or replaced (see
//! [`super::apply`]), and groups left empty taken out.

use super::super::Cached;
use super::super::fallback::FallbackReason;
use super::super::fingerprint::more;
use super::PendingRenders;
use super::renders::group_outputs;
use crate::diag::Diagnostics;
use crate::model::{self, BriefId, Grouping, Site, index};
use crate::parse::ParsedFile;
use crate::parse::{ParsedBrief, Text};
use crate::render::feeds::{Items, Spec};
use crate::render::pages::Job;
use crate::render::values::Values;
use jiff::Timestamp;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The site of the last full rebuild, kept so text edits can patch it.
pub(crate) struct Model {
    pub(crate) site: Site,
    pub(crate) values: Values,
    pub(crate) templates: u64,
    /// Published briefs by source path.
    pub(crate) ids: FxHashMap<Arc<Path>, BriefId>,
    /// Published briefs by slug, and the unpublished ones with why.
    pub(crate) slugs: FxHashMap<Text, BriefId>,
    pub(crate) unpublished: FxHashMap<Text, &'static str>,
    /// The briefs citing each brief (as a related piece).
    pub(crate) cited_by: FxHashMap<BriefId, Vec<BriefId>>,
    /// Feed items built so far.
    pub(crate) items: Items,
    pub(crate) warnings: Diagnostics,
    /// The earliest embargo still ahead: once it passes, a brief is
    /// published and the site changes shape.
    pub(crate) next_embargo: Option<Timestamp>,
    /// What each brief's page shows under "More on this topic", by source
    /// path (ids shift as briefs come and go).
    pub(crate) more: FxHashMap<Arc<Path>, u64>,
}

impl Model {
    /// Keeps `site` and its values; `files` are all content files parsed
    /// (for the briefs it does not publish, and when an embargo ends).
    pub(crate) fn new(
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
            let ParsedFile::Brief(b) = &cached.item else {
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
        let cited_by = index::cited_by(&site.briefs);
        let more = more_shown(&site);
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
            more,
        }
    }

    /// The briefs whose "More on this topic" shows something else than
    /// when last rendered (another brief there, or one of them retitled,
    /// redated or of another kind); remembers what each shows now. With
    /// `near`, only `near` and the briefs weighed with them are looked at
    /// (enough when no brief moved); otherwise every brief.
    pub(crate) fn more_changed(&mut self, near: Option<&[BriefId]>) -> Vec<BriefId> {
        let Some(near) = near else {
            let now = more_shown(&self.site);
            let changed = (self.site.briefs.iter().enumerate())
                .filter(|(_, b)| self.more.get(&b.source) != now.get(&b.source))
                .map(|(id, _)| id)
                .collect();
            self.more = now;
            return changed;
        };
        let mut ids: Vec<BriefId> = near
            .iter()
            .flat_map(|&id| model::more::weighed(&self.site, id))
            .chain(near.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut changed = Vec::new();
        for id in ids {
            let shown = more(&self.site, id);
            let source = self.site.briefs[id].source.clone();
            if self.more.insert(source, shown) != Some(shown) {
                changed.push(id);
            }
        }
        changed
    }

    /// Takes in one brief file's change that is more than text: `id` is
    /// its published id before, `older` and `newer` its parsed versions
    /// (`None`: the file is new, or deleted). A [`FallbackReason`] (and a
    /// model the caller must drop) when the site would change beyond what
    /// the quick path handles.
    pub(super) fn apply_reference_edit(
        &mut self,
        id: Option<BriefId>,
        older: Option<&ParsedBrief>,
        newer: Option<&ParsedBrief>,
        now: Timestamp,
        files: &FxHashMap<PathBuf, Cached>,
        pending: &mut PendingRenders,
    ) -> Result<(), FallbackReason> {
        let config = &self.site.config;
        let published = newer.filter(|n| model::is_published(n, config.drafts, now));
        let unpublished_before = older.filter(|_| id.is_none());
        let unpublished_after = newer.filter(|_| published.is_none());
        let parsed_of = |path: &Path| match files.get(path).map(|c| &c.item) {
            Some(ParsedFile::Brief(b)) => Some(&**b),
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
        if let Some(n) = published {
            self.add_group_names(n, pending);
        }
        let mut at = id;
        // Another URL: out at the old one, in at the new one.
        if let (Some(old), Some(o), Some(n)) = (id, older, published) {
            if o.slug != n.slug {
                self.apply(Some(old), None, &parsed_of, pending)?;
                at = None;
            }
        }
        match (at, published) {
            (Some(old), None) => self.apply(Some(old), None, &parsed_of, pending)?,
            (at, Some(n)) => {
                let (brief, found) =
                    model::resolve_again(&self.site, n, &self.slugs, &self.unpublished)
                        .ok_or_else(|| FallbackReason::Unresolved(n.source.to_path_buf()))?;
                self.apply(at, Some((brief, n, found)), &parsed_of, pending)?;
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
            self.apply(Some(id), Some((brief, parsed, found)), &parsed_of, pending)?;
        }
        self.drop_empty_groups(pending);
        Ok(())
    }

    /// A topic or kind `published` names that no brief named yet: a group
    /// of its own, or another spelling of one the site has.
    fn add_group_names(&mut self, published: &ParsedBrief, pending: &mut PendingRenders) {
        let topics = published.topics.iter();
        let group_names = (topics.map(|t| (Grouping::Topics, t.id.as_str())))
            .chain([(Grouping::Kinds, published.kind.as_str())]);
        for (g, name) in group_names {
            if let Some(at) = self.site.add_written_name(g, name) {
                self.values.insert_group(&self.site, g, at);
                pending.shift_groups(g, at);
                pending.sitemap = true;
            }
        }
    }

    /// The other briefs to resolve again when one brief file changes from
    /// `older` to `newer` (`id`: its published id before; `published`:
    /// whether it is now), or [`FallbackReason::LinkWouldBreak`] when
    /// their links would break (the full path reports that). A brief
    /// unpublished under its URL turns the links to it into titles with a
    /// warning, one published links again, and an unpublished one changing
    /// why it is (draft, embargo) changes the warning.
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

    /// Takes out every topic and kind left without briefs, with its
    /// listing pages and feeds. The pages it had are those `pending`
    /// names: the briefs leaving it noted every page it had before
    /// (`note_pages`), which are gone now.
    fn drop_empty_groups(&mut self, pending: &mut PendingRenders) {
        for g in [Grouping::Topics, Grouping::Kinds] {
            let empty = |site: &Site| site.grouping(g).0.iter().position(|x| x.briefs.is_empty());
            while let Some(id) = empty(&self.site) {
                let (listing, scope) = group_outputs(g, id);
                let noted = (pending.pages.iter()).filter_map(|job| match *job {
                    Job::Listing(l, n) if l == listing => Some(n),
                    _ => None,
                });
                let pages = noted.max().unwrap_or(1);
                let gone = (1..=pages).map(|n| Job::Listing(listing, n).output_path(&self.site));
                pending.gone.extend(gone);
                let feeds = Spec::all(&self.site)
                    .into_iter()
                    .filter(|f| f.scope == scope);
                pending.gone.extend(feeds.map(|f| f.path(&self.site)));
                self.site.remove_group(g, id);
                self.values.remove_group(g, id);
                pending.forget_group(g, id);
                pending.sitemap = true;
            }
        }
    }
}

/// What every brief's page shows under "More on this topic", by source path.
fn more_shown(site: &Site) -> FxHashMap<Arc<Path>, u64> {
    use rayon::prelude::*;
    (0..site.briefs.len())
        .into_par_iter()
        .map(|id| (site.briefs[id].source.clone(), more(site, id)))
        .collect()
}
