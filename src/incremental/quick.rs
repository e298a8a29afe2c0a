//! The quick path for the commonest edit while serving: the text of one or
//! a few briefs changed (body, summary, title, quotes, related titles) and
//! nothing that places them in the site (URL, dates, publication, kind,
//! topics, the experts and briefs they name). Then the model of the last
//! rebuild is patched in place — no other brief is touched, so the cost
//! does not grow with the site — and only the pages and feeds that show
//! those briefs are rendered again. Anything else takes the full path.

use super::{Cached, Rebuild, Session, Stamp, Store, hash_of, relative, stamp};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::{self, Collection};
use crate::model::{BriefId, Site};
use crate::parse::{self, One};
use crate::render::feeds::Spec;
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
    pub warnings: Diagnostics,
    /// The earliest embargo still ahead: once it passes, a brief is
    /// published and the site changes shape.
    pub next_embargo: Option<Timestamp>,
}

impl Model {
    pub fn new(
        site: Site,
        values: Values,
        templates: u64,
        warnings: Diagnostics,
        next_embargo: Option<Timestamp>,
    ) -> Model {
        let ids = site
            .briefs
            .iter()
            .enumerate()
            .map(|(id, b)| (b.source.clone(), id))
            .collect();
        Model {
            site,
            values,
            templates,
            ids,
            warnings,
            next_embargo,
        }
    }
}

/// A changed brief file, parsed, and where it sits in the model (`None`:
/// not published, so no output shows it).
struct Edit {
    path: PathBuf,
    cached: Cached,
    id: Option<BriefId>,
}

impl Session {
    /// Applies a change of brief text only, if `hints` are exactly that;
    /// `Ok(None)` means the full path is needed (nothing was changed).
    pub(super) fn patch(
        &mut self,
        config: &Config,
        hints: &[PathBuf],
        store: &dyn Store,
        started: Instant,
    ) -> anyhow::Result<Option<Rebuild>> {
        let mut stages: Vec<(&'static str, Duration)> = Vec::new();
        let Some(edits) = self.text_edits(config, hints) else {
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
        for edit in &edits {
            let (Some(id), One::Brief(newer)) = (edit.id, &edit.cached.item) else {
                continue;
            };
            model.site.briefs[id] = model.site.briefs[id].with_text(newer);
            model.values.refresh_brief(&model.site, id);
            shown.push(id);
        }
        stages.push(("values", started.elapsed()));
        let jobs = pages_showing(&model.site, &shown);
        let feeds: Vec<Spec> = Spec::all(&model.site)
            .into_iter()
            .filter(|spec| spec.briefs(&model.site).iter().any(|b| shown.contains(b)))
            .collect();
        stages.push(("fingerprints", started.elapsed()));

        // Render into memory first, so a template error changes nothing.
        let fresh = MemorySink::default();
        // On an error the patched model is dropped here (it no longer
        // matches the store), so the next rebuild takes the full path.
        render::render_jobs(&model.site, &templates, &model.values, &jobs, &fresh)?;
        stages.push(("render pages", started.elapsed()));
        render::feeds::render_specs(&model.site, &feeds, &fresh)?;
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
    /// session already holds and every new version has the same shape.
    fn text_edits(&self, config: &Config, hints: &[PathBuf]) -> Option<Vec<Edit>> {
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
            if !older.same_shape(newer) {
                return None;
            }
            let id = model.ids.get(path.as_path()).copied();
            edits.push(Edit {
                path,
                cached: Cached {
                    stamp: now,
                    hash,
                    item,
                },
                id,
            });
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
