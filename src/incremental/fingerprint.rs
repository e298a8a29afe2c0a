//! Fingerprints of the inputs of every output file: two builds give an
//! output the same fingerprint only if everything the page shows is the same.
//! A brief's fingerprint covers its own file and what it shows of others
//! (expert names and roles, topic and kind names, internal related briefs);
//! a page that lists briefs folds in their fingerprints.

use super::hash_of;
use crate::model::{BriefId, Site, index};
use crate::render::Plan;
use crate::render::feeds::{Scope, Spec};
use crate::render::pages::{Job, Listing};
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
    let cards: Vec<u64> = site
        .experts
        .iter()
        .zip(&inputs.experts)
        .map(|(e, fp)| hash_of((fp, e.authored.len(), e.quoted.len(), e.related.len())))
        .collect();
    plan.jobs
        .iter()
        .map(|job| {
            let mut h = FxHasher::default();
            let path = job.output_path(site);
            (global, &path).hash(&mut h);
            job_inputs(site, job, &inputs.briefs, &cards, source, &mut h);
            (path, h.finish(), *job)
        })
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

fn job_inputs(
    site: &Site,
    job: &Job,
    briefs: &[u64],
    cards: &[u64],
    source: &dyn Fn(&Path) -> u64,
    h: &mut FxHasher,
) {
    match *job {
        Job::Brief(b) => briefs[b].hash(h),
        Job::Listing(listing, n) => {
            let per = site.config.paginate;
            let all: Vec<BriefId>;
            let ids: &[BriefId] = match listing {
                Listing::Home => {
                    all = ((n - 1) * per..(n * per).min(site.briefs.len())).collect();
                    site.briefs.len().hash(h);
                    &all
                }
                Listing::Topic(_) | Listing::Kind(_) => listing.briefs(site),
            };
            ids.len().hash(h);
            let skip = if listing == Listing::Home {
                0
            } else {
                (n - 1) * per
            };
            if let Listing::Topic(t) = listing {
                (&site.topics[t].name, &site.topics[t].slug).hash(h);
            }
            if let Listing::Kind(k) = listing {
                (&site.kinds[k].name, &site.kinds[k].slug).hash(h);
            }
            for &b in ids.iter().skip(skip).take(per) {
                briefs[b].hash(h);
            }
        }
        Job::ExpertIndex => cards.hash(h),
        Job::Expert(e) => {
            let x = &site.experts[e];
            cards[e].hash(h);
            for &b in x
                .authored
                .iter()
                .chain(x.quoted.iter().map(|q| &q.brief))
                .chain(x.related.iter().map(|r| &r.brief))
            {
                briefs[b].hash(h);
            }
        }
        Job::TopicIndex => {
            for g in site.topics.iter().chain(&site.kinds) {
                (&g.name, &g.slug, g.briefs.len()).hash(h);
            }
        }
        Job::Page(p) => source(&site.pages[p].source).hash(h),
        // Both show only what every page shows (the global fingerprint).
        Job::Search | Job::NotFound => {}
    }
}

/// `(output path, fingerprint, feed)` for every feed: a feed changes when
/// any brief it lists changes, or what it says of its expert or group.
pub(super) fn feeds(site: &Site, global: u64, inputs: &Inputs) -> Vec<(String, u64, Spec)> {
    Spec::all(site)
        .into_iter()
        .map(|spec| {
            let mut h = FxHasher::default();
            let path = spec.path(site);
            (global, &path).hash(&mut h);
            match spec.scope {
                Scope::Site => {}
                Scope::Expert(e) => inputs.experts[e].hash(&mut h),
                Scope::Topic(t) => (&site.topics[t].name, &site.topics[t].slug).hash(&mut h),
                Scope::Kind(k) => (&site.kinds[k].name, &site.kinds[k].slug).hash(&mut h),
            }
            for b in spec.briefs(site) {
                inputs.briefs[b].hash(&mut h);
            }
            (path, h.finish(), spec)
        })
        .collect()
}
