//! Fingerprints of the inputs of every output file: two builds give an
//! output the same fingerprint only if everything it shows is the same.
//! A brief's fingerprint covers its own file and what it shows of others
//! (expert names and roles, topic and kind names, internal related briefs);
//! a page or feed folds in what it declares it shows ([`Job::shows`],
//! [`Spec::shows`]): the fingerprints of the briefs it lists, its group,
//! expert cards, page file. Nothing here knows one kind of output from
//! another.

use super::hash_of;
use crate::model::{BriefId, Site, index};
use crate::render::Plan;
use crate::render::feeds::Spec;
use crate::render::pages::Job;
use crate::render::shows::{Cards, Shows};
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// What every page depends on: configuration, templates and the site-wide
/// navigation (plain pages).
pub(super) fn global(site: &Site, config_hash: u64, templates: u64) -> u64 {
    let pages: Vec<(&str, &str)> = site
        .pages
        .iter()
        .map(|p| (p.title.as_str(), p.path.as_str()))
        .collect();
    hash_of((config_hash, templates, pages))
}

/// The fingerprint of every expert's file and of every brief's value.
pub(super) struct Inputs {
    pub(crate) experts: Vec<u64>,
    pub(crate) briefs: Vec<u64>,
}

impl Inputs {
    /// Fingerprints the experts and briefs of `site`.
    pub(super) fn new(site: &Site, global: u64, source: &dyn Fn(&Path) -> u64) -> Inputs {
        let experts: Vec<u64> = site
            .experts
            .iter()
            .map(|e| hash_of((global, source(&e.source))))
            .collect();
        let briefs = (0..site.briefs.len())
            .map(|b| brief(site, b, global, &experts, source))
            .collect();
        Inputs { experts, briefs }
    }
}

/// `(output path, fingerprint, job)` for every page of the plan.
pub(super) fn outputs(
    site: &Site,
    plan: &Plan,
    global: u64,
    inputs: &Inputs,
    source: &dyn Fn(&Path) -> u64,
) -> Vec<(String, u64, Job)> {
    let cards = cards(site, inputs);
    plan.jobs
        .iter()
        .map(|job| {
            let mut h = FxHasher::default();
            let path = job.output_path(site);
            (global, &path).hash(&mut h);
            let shows = job.shows(site);
            fold_shows(site, &shows, &inputs.briefs, &cards, source, &mut h);
            (path, h.finish(), *job)
        })
        .collect()
}

/// `(output path, fingerprint, feed)` for every feed.
pub(super) fn feeds(
    site: &Site,
    global: u64,
    inputs: &Inputs,
    source: &dyn Fn(&Path) -> u64,
) -> Vec<(String, u64, Spec)> {
    let cards = cards(site, inputs);
    Spec::all(site)
        .into_iter()
        .map(|spec| {
            let mut h = FxHasher::default();
            let path = spec.path(site);
            (global, &path).hash(&mut h);
            let shows = spec.shows(site);
            fold_shows(site, &shows, &inputs.briefs, &cards, source, &mut h);
            (path, h.finish(), spec)
        })
        .collect()
}

/// Each expert's card: their file and how many briefs they appear in.
fn cards(site: &Site, inputs: &Inputs) -> Vec<u64> {
    (site.experts.iter())
        .zip(&inputs.experts)
        .map(|(e, fp)| hash_of((fp, e.authored.len(), e.quoted.len(), e.related.len())))
        .collect()
}

fn brief(
    site: &Site,
    id: BriefId,
    global: u64,
    experts: &[u64],
    source: &dyn Fn(&Path) -> u64,
) -> u64 {
    let b = &site.briefs[id];
    let mut h = FxHasher::default();
    (global, source(&b.source), &b.slug).hash(&mut h);
    let kind = &site.kinds[b.kind];
    (&kind.name, &kind.slug).hash(&mut h);
    for &t in &b.topics {
        (&site.topics[t].name, &site.topics[t].slug).hash(&mut h);
    }
    for e in b.experts() {
        experts[e].hash(&mut h);
    }
    for target in index::citations(b) {
        let t = &site.briefs[target];
        (&t.slug, &t.title, &site.kinds[t.kind].name).hash(&mut h);
    }
    h.finish()
}

/// What brief `id`'s page shows of the briefs under "More on this topic":
/// which they are, their titles, kinds and dates.
pub(super) fn more(site: &Site, id: BriefId) -> u64 {
    let mut h = FxHasher::default();
    for m in crate::model::more::more_on_topic(site, id) {
        let b = &site.briefs[m];
        (&b.slug, &b.title, &site.kinds[b.kind].name).hash(&mut h);
        (b.date.timestamp, b.date.date_only).hash(&mut h);
    }
    h.finish()
}

/// Folds what an output shows ([`Job::shows`], [`Spec::shows`]) into `h`.
fn fold_shows(
    site: &Site,
    shows: &Shows<'_>,
    briefs: &[u64],
    cards: &[u64],
    source: &dyn Fn(&Path) -> u64,
    h: &mut FxHasher,
) {
    shows.briefs.each(site, |b| briefs[b].hash(h));
    if let Some(b) = shows.more_of {
        more(site, b).hash(h);
    }
    shows.list_len.hash(h);
    if let Some((g, id)) = shows.group {
        let group = site.group(g, id);
        (&group.name, &group.slug).hash(h);
    }
    match shows.cards {
        Cards::None => {}
        Cards::One(e) => cards[e].hash(h),
        Cards::All => cards.hash(h),
    }
    if shows.group_counts {
        for g in site.topics.iter().chain(&site.kinds) {
            (&g.name, &g.slug, g.briefs.len()).hash(h);
        }
    }
    if let Some(p) = shows.page {
        source(&site.pages[p].source).hash(h);
    }
}
