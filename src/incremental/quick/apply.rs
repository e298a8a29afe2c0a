//! One brief put into the kept model, taken out of it or put in place of
//! another, with everything kept beside the site (ids by path and slug,
//! values, feed items, warnings, the briefs citing each brief) brought
//! along, and what must be rendered again noted.

use super::super::fallback::FallbackReason;
use super::renders::group_outputs;
use super::{Model, PendingRenders};
use crate::diag::Diagnostic;
use crate::diag::Diagnostics;
use crate::model::{self, BriefId, Grouping, Moved, index};
use crate::parse::ParsedBrief;
use crate::render::feeds::Scope;
use crate::render::pages::{Job, Listing, page_count, page_of};
use std::path::Path;

/// One brief's change as [`model::update_brief`] made it.
struct Applied {
    moved: Moved,
    /// The brief is new to the site.
    inserted: bool,
    /// The brief left the site.
    removed: bool,
}

impl Applied {
    /// Whether brief ids changed (and so every list of them).
    fn renumbers(&self) -> bool {
        self.moved.renumber.moves() || self.inserted || self.removed
    }
}

impl Model {
    /// Puts one brief in, out or in place of another (see
    /// [`model::update_brief`]) and brings the indexes, values, feed items
    /// and warnings kept beside the site along; adds what to render again
    /// to `pending`.
    pub(super) fn apply<'a>(
        &mut self,
        old: Option<BriefId>,
        newer: Option<(model::Brief, &ParsedBrief, Diagnostics)>,
        parsed_of: &dyn Fn(&Path) -> Option<&'a ParsedBrief>,
        pending: &mut PendingRenders,
    ) -> Result<(), FallbackReason> {
        let cited_before: Vec<BriefId> = old
            .map(|id| index::citations(&self.site.briefs[id]).collect())
            .unwrap_or_default();
        let gone = old.map(|id| {
            let b = &self.site.briefs[id];
            (b.source.clone(), b.slug.clone(), self.site.brief_path(id))
        });
        let removed = newer.is_none();
        let (newer, found) = match newer {
            Some((brief, parsed, found)) => (Some((brief, parsed)), found),
            None => (None, Diagnostics::default()),
        };
        let moved = model::update_brief(&mut self.site, old, newer, parsed_of)?;
        let applied = Applied {
            moved,
            inserted: old.is_none(),
            removed,
        };
        if let Some((source, slug, path)) = &gone {
            if removed {
                self.ids.remove(&**source);
                self.slugs.remove(slug);
                pending.gone.push(format!("{path}index.html"));
                let cites = crate::render::cite::CiteFile::ALL.iter();
                pending
                    .gone
                    .extend(cites.map(|f| format!("{path}{}", f.name())));
            }
        }
        self.follow_ids(&applied);
        self.mend_cited_by(&applied, cited_before);
        let gone_source = gone.map(|(source, _, _)| source);
        self.mend_warnings(&applied, gone_source.as_deref(), found);
        self.note_shown_briefs(&applied, pending);
        self.note_pages(&applied, pending);
        Ok(())
    }

    /// Brings the ids by path and slug, the values and the feed items
    /// along with the briefs' new ids.
    fn follow_ids(&mut self, applied: &Applied) {
        let renumber = applied.moved.renumber;
        let to = renumber.to;
        if renumber.moves() {
            for b in self.ids.values_mut().chain(self.slugs.values_mut()) {
                *b = renumber.id(*b);
            }
        }
        if applied.inserted {
            let b = &self.site.briefs[to];
            self.ids.insert(b.source.clone(), to);
            self.slugs.insert(b.slug.clone(), to);
            self.values.briefs.push(tera::Value::none());
        }
        renumber.reorder(&mut self.values.briefs);
        self.values.briefs.truncate(self.site.briefs.len());
        (self.items).follow(renumber, applied.inserted, self.site.briefs.len());
    }

    /// The briefs citing each brief: counted again when ids changed, else
    /// the brief's old citations replaced by its new ones.
    fn mend_cited_by(&mut self, applied: &Applied, cited_before: Vec<BriefId>) {
        if applied.renumbers() {
            self.cited_by = index::cited_by(&self.site.briefs);
            return;
        }
        let to = applied.moved.renumber.to;
        for target in cited_before {
            if let Some(list) = self.cited_by.get_mut(&target) {
                list.retain(|&b| b != to);
            }
        }
        for target in index::citations(&self.site.briefs[to]) {
            let list = self.cited_by.entry(target).or_default();
            let at = list.partition_point(|&b| b < to);
            list.insert(at, to);
        }
    }

    /// The brief's own warnings (a related brief unpublished, no topics:
    /// `found`), and the experts it leaves idle or no longer idle.
    fn mend_warnings(&mut self, applied: &Applied, gone: Option<&Path>, found: Diagnostics) {
        let mut warnings: Vec<Diagnostic> = std::mem::take(&mut self.warnings.0);
        if let Some(source) = gone {
            warnings.retain(|d| d.path.as_path() != source);
        }
        if !applied.removed {
            let source = &self.site.briefs[applied.moved.renumber.to].source;
            warnings.retain(|d| d.path.as_path() != &**source);
        }
        warnings.extend(found.0);
        for &e in &applied.moved.experts {
            let x = &self.site.experts[e];
            let idle = model::idle_warning(x);
            warnings.retain(|d| *d != idle);
            if model::is_idle(x) {
                warnings.push(idle);
            }
        }
        self.warnings = Diagnostics(warnings).sorted();
    }

    /// Notes the briefs that show something new: the brief (and, its kind
    /// changed, the briefs citing it) first, every brief of a renamed group
    /// later. Their values are converted once every edit of the save is in
    /// ([`Model::refresh_brief_values`]): until then a brief may still link
    /// to one taken out (its citations are resolved again after).
    fn note_shown_briefs(&mut self, applied: &Applied, pending: &mut PendingRenders) {
        let (moved, renumber) = (&applied.moved, applied.moved.renumber);
        let mut changed = Vec::new();
        if !applied.removed {
            changed.push(renumber.to);
            if moved.kind_changed {
                let citing = self.cited_by.get(&renumber.to).into_iter().flatten();
                changed.extend(citing.copied());
            }
        }
        let mut later = self.refresh_renamed_groups(moved, pending);
        later.retain(|b| !changed.contains(b));
        for list in [&mut pending.briefs, &mut pending.later] {
            list.retain(|&b| !applied.removed || b != renumber.from);
            list.iter_mut().for_each(|b| *b = renumber.id(*b));
        }
        pending.briefs.extend(changed);
        pending.later.extend(later);
    }

    /// Converts the values of the briefs `pending` names again, once the
    /// model holds every edit of the save (each brief's links resolved):
    /// whole for those that show something new, only the fields showing
    /// group names for those whose group was renamed.
    pub(super) fn refresh_brief_values(&mut self, pending: &PendingRenders) {
        let mut shown = pending.briefs.clone();
        shown.sort_unstable();
        shown.dedup();
        let mut later = pending.later.clone();
        later.sort_unstable();
        later.dedup();
        later.retain(|b| shown.binary_search(b).is_err());
        for &b in &shown {
            self.values.refresh_brief(&self.site, b);
        }
        self.values.regroup_briefs(&self.site, &later);
    }

    /// A group renamed: every brief in it shows the name (and, for a kind,
    /// every brief citing one), on pages that may come later. Returns
    /// those briefs; notes the group's pages and feed.
    fn refresh_renamed_groups(
        &mut self,
        moved: &Moved,
        pending: &mut PendingRenders,
    ) -> Vec<BriefId> {
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
            pending
                .pages
                .extend((1..=pages).map(|n| Job::Listing(listing, n)));
            pending.feeds.push(scope);
        }
        later.sort_unstable();
        later.dedup();
        later
    }

    /// Notes the pages and feeds whose lists changed: the indexes, the
    /// home pages between the brief's two places, its experts', and the
    /// listings it joined, left or moved in; and the sitemap.
    fn note_pages(&mut self, applied: &Applied, pending: &mut PendingRenders) {
        let (moved, renumber) = (&applied.moved, applied.moved.renumber);
        let per = self.site.config.paginate;
        let page = |at: usize| page_of(at, per);
        let jobs = &mut pending.pages;
        for job in [Job::ExpertIndex, Job::TopicIndex] {
            if !jobs.contains(&job) {
                jobs.push(job);
            }
        }
        // Home pages between its old and new place show other briefs now;
        // a brief more or fewer changes the count every page may show.
        let (lo, hi) = match applied.inserted || applied.removed {
            true => (0, self.site.briefs.len()),
            false => (
                renumber.from.min(renumber.to),
                renumber.from.max(renumber.to),
            ),
        };
        jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(Listing::Home, n)));
        if applied.renumbers() {
            pending.feeds.push(Scope::Site);
        }
        for &e in &moved.experts {
            self.values.refresh_expert_card(&self.site, e);
            jobs.push(Job::Expert(e));
            pending.feeds.push(Scope::Expert(e));
        }
        // Every page of a listing shows its count; a brief moving within
        // one changes the pages between its two places. A list one shorter
        // may have lost its last page, one longer gained one: the sitemap
        // lists every page.
        let topics = (moved.topics.iter()).map(|&t| (Grouping::Topics, t));
        let kinds = (moved.kinds.iter()).map(|&k| (Grouping::Kinds, k));
        for (g, id) in topics.chain(kinds) {
            self.values.refresh_group(&self.site, g, id);
            let (listing, scope) = group_outputs(g, id);
            let briefs = &self.site.grouping(g).0[id].briefs;
            let joined = !applied.removed && briefs.binary_search(&renumber.to).is_ok();
            let before = match joined {
                true => briefs.len() - 1,
                false => briefs.len() + 1,
            };
            pending.sitemap |= page_count(before, per) != page_count(briefs.len(), per);
            let pages = page_count(briefs.len() + 1, per);
            jobs.extend((1..=pages).map(|n| Job::Listing(listing, n)));
            pending.feeds.push(scope);
        }
        let shifted = (moved.shifted_topics.iter().map(|s| (Grouping::Topics, s)))
            .chain(moved.shifted_kinds.iter().map(|s| (Grouping::Kinds, s)));
        for (g, &(id, lo, hi)) in shifted {
            let (listing, scope) = group_outputs(g, id);
            jobs.extend((page(lo)..=page(hi)).map(|n| Job::Listing(listing, n)));
            pending.feeds.push(scope);
        }
        // The sitemap lists brief pages in order, with their last change.
        pending.sitemap |= moved.last_modified_changed || renumber.moves();
    }
}
