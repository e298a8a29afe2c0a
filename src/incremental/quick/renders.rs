//! What a quick rebuild must render: the pages and feeds it notes while
//! edits are applied ([`PendingRenders`]), what it leaves for
//! [`Session::finish`] ([`DeferredRenders`]), and the pages showing a brief.

use crate::model::{BriefId, Grouping, Site};
use crate::render::Templates;
use crate::render::feeds::{Scope, Spec};
use crate::render::pages::{Job, Listing, jobs};
use crate::render::shows::Shows;
use rustc_hash::FxHashSet;

use super::Model;

/// What a quick rebuild leaves for [`Session::finish`].
pub(crate) struct DeferredRenders {
    pub(super) jobs: Vec<Job>,
    pub(super) feeds: Vec<Spec>,
    pub(super) sitemap: bool,
    pub(super) templates: Templates,
}

impl DeferredRenders {
    /// The output files it will write (the sitemap's as they are now).
    pub(super) fn paths(&self, site: &Site, site_files: &[String]) -> Vec<String> {
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
pub(super) struct PendingRenders {
    /// Briefs whose values changed: the pages and feeds showing them.
    pub(super) briefs: Vec<BriefId>,
    /// Briefs whose values changed with a group's name: the pages showing
    /// them come in the second step.
    pub(super) later: Vec<BriefId>,
    /// Pages besides those: lists the brief joined or left, expert pages.
    /// Listing pages past the end of their list are gone.
    pub(super) pages: Vec<Job>,
    /// Feeds whose lists the brief may have joined or left.
    pub(super) feeds: Vec<Scope>,
    /// The sitemap (a brief's last change moved).
    pub(super) sitemap: bool,
    /// Output files of pages that no longer exist.
    pub(super) gone: Vec<String>,
    /// Briefs whose "More on this topic" changed: the pages showing it
    /// ([`Shows::more_of`](crate::render::shows::Shows::more_of)) come in
    /// the second step.
    pub(super) more: Vec<BriefId>,
}

impl PendingRenders {
    /// Renumbers the groups of `g` from `at` on, one new there.
    pub(super) fn shift_groups(&mut self, g: Grouping, at: usize) {
        self.renumber_groups(g, |t| {
            *t += usize::from(*t >= at);
            true
        });
    }

    /// Drops what names group `id` of `g` (taken out of the site) and
    /// renumbers the groups after it.
    pub(super) fn forget_group(&mut self, g: Grouping, id: usize) {
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
        self.feeds.retain_mut(|scope| match scope {
            Scope::Group(of, id) if *of == g => keep(id),
            _ => true,
        });
    }
}

/// Splits what `pending` names into the pages to render now (those
/// showing the edit), what to leave for [`Session::finish`] (listing pages
/// that only shifted or show a new count, feeds, the sitemap) and the
/// output files that are gone.
pub(super) fn split_renders(
    model: &mut Model,
    pending: PendingRenders,
    templates: Templates,
) -> (Vec<Job>, DeferredRenders, Vec<String>) {
    let PendingRenders {
        briefs: shown,
        later: shown_later,
        pages: mut jobs,
        feeds: scopes,
        sitemap,
        mut gone,
        more,
    } = pending;
    for &b in shown.iter().chain(&shown_later) {
        model.items.forget(b);
    }
    let site = &model.site;
    let showing = pages_showing(site, &shown);
    let showing_later = pages_showing(site, &shown_later);
    let mut seen: FxHashSet<Job> = FxHashSet::default();
    jobs.retain(|job| seen.insert(*job));
    for job in showing.iter().chain(&showing_later) {
        if seen.insert(*job) {
            jobs.push(*job);
        }
    }
    // Listing pages past the end of a shorter list are gone.
    let (kept, past_end): (Vec<Job>, Vec<Job>) =
        jobs.into_iter().partition(|job| exists(site, job));
    gone.extend(past_end.iter().map(|job| job.output_path(site)));
    gone.sort();
    gone.dedup();
    // What shows the edit comes first; listing pages that only
    // shifted or show a new count come later, with feeds and sitemap.
    let (jobs, mut later_jobs): (Vec<Job>, Vec<Job>) = kept.into_iter().partition(|job| {
        let shifted = matches!(job, Job::Listing(_, n) if *n > 1);
        showing.contains(job) || !(shifted || showing_later.contains(job))
    });
    // The pages showing a "More on this topic" list that changed.
    let more: FxHashSet<BriefId> = more.into_iter().collect();
    let showing_more = if more.is_empty() {
        Vec::new()
    } else {
        pages_where(site, |shows| {
            shows.more_of.is_some_and(|b| more.contains(&b))
        })
    };
    for job in showing_more {
        if seen.insert(job) {
            later_jobs.push(job);
        }
    }
    let touched: FxHashSet<BriefId> = shown.iter().chain(&shown_later).copied().collect();
    let feeds: Vec<Spec> = Spec::all(site)
        .into_iter()
        .filter(|spec| {
            scopes.contains(&spec.scope)
                || spec.shows(site).briefs.any(site, |b| touched.contains(&b))
        })
        .collect();
    // A page or feed taken out and put in again within the save (a group
    // emptied, then joined by a later file) is not gone: it is rendered.
    if !gone.is_empty() {
        let written: FxHashSet<String> = (jobs.iter().chain(&later_jobs))
            .map(|job| job.output_path(site))
            .chain(feeds.iter().map(|f| f.path(site)))
            .collect();
        gone.retain(|path| !written.contains(path));
    }
    let later = DeferredRenders {
        jobs: later_jobs,
        feeds,
        sitemap,
        templates,
    };
    (jobs, later, gone)
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
pub(super) fn group_outputs(g: Grouping, id: usize) -> (Listing, Scope) {
    let listing = match g {
        Grouping::Topics => Listing::Topic(id),
        Grouping::Kinds => Listing::Kind(id),
    };
    (listing, Scope::Group(g, id))
}

/// Every HTML page that shows one of `briefs`, by what each page declares
/// it shows ([`Job::shows`]): its own page, the listing pages it is on and
/// the pages of its experts.
fn pages_showing(site: &Site, briefs: &[BriefId]) -> Vec<Job> {
    if briefs.is_empty() {
        return Vec::new();
    }
    let touched: FxHashSet<BriefId> = briefs.iter().copied().collect();
    pages_where(site, |shows| {
        shows.briefs.any(site, |b| touched.contains(&b))
    })
}

/// Every HTML page whose declaration of what it shows ([`Job::shows`])
/// meets `wanted`.
fn pages_where(site: &Site, wanted: impl Fn(&Shows) -> bool) -> Vec<Job> {
    jobs(site)
        .into_iter()
        .filter(|job| wanted(&job.shows(site)))
        .collect()
}
