//! The full path of a rebuild: every content file checked (or those the
//! watcher named), the model assembled again, and only the outputs whose
//! inputs' fingerprint changed rendered; outputs no longer in the site are
//! removed. The assembled model is then kept for the quick path.

use super::fingerprint::{self, Inputs};
use super::{
    Cached, Output, Pass, Rebuild, Session, Store, content_files, content_hash, hash_of, quick,
    site_files,
};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, Collection};
use crate::load::{Stamp, stamp};
use crate::model::{self, Site};
use crate::parse::{self, ParsedFile};
use crate::render::feeds::Spec;
use crate::render::pages::Job;
use crate::render::{self, Plan, Templates, values::Values};
use crate::write::MemorySink;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every page and feed with the fingerprint of its inputs.
struct Fingerprints {
    pages: Vec<(String, u64, Job)>,
    feeds: Vec<(String, u64, Spec)>,
    /// The sitemap's (and robots.txt's).
    sitemap: Output,
}

impl Session {
    /// Assembles the site again and renders what changed into `store`;
    /// `fallback` says why the quick path was not taken.
    pub(super) fn full_rebuild(
        &mut self,
        config: Config,
        config_hash: u64,
        pass: Pass,
    ) -> anyhow::Result<Rebuild> {
        let Pass {
            hints,
            store,
            started,
            fallback,
        } = pass;
        // The kept model is out of date from here on, even if this
        // rebuild fails.
        self.last_fallback = Some(fallback.clone());
        let old_model = self.model.take();
        let mut stages: Vec<(&'static str, Duration)> = Vec::new();
        let mut lap = |what: &'static str| stages.push((what, started.elapsed()));
        lap("config");
        let reparsed = self.refresh(&config, hints)?;
        lap("refresh");
        let (site, warnings) = self.assemble(config)?;
        lap("assemble");
        let templates = Templates::load(&site.config)?;
        let plan = Plan::new(&site)?;
        lap("plan");
        let sources = |p: &Path| self.files.get(p).map_or(0, |c| c.hash);
        let global = fingerprint::global(&site, config_hash, templates.fingerprint);
        let inputs = Inputs::new(&site, global, &sources);
        let values = Values::reusing(&site, &inputs.briefs, &self.brief_values);
        lap("values");
        let fps = fingerprints(&site, &plan, global, &inputs, &sources);
        lap("fingerprints");
        let fresh = self.render_stale(&site, &templates, &values, &plan, &fps)?;
        lap("render");
        let removed = self.store_changes(&fresh, &plan, fps, store)?;
        lap("store");
        let written = (fresh.keys())
            .filter(|p| self.outputs.contains_key(*p))
            .count();
        let brief_values = (inputs.briefs.iter().copied())
            .zip(values.briefs.iter().cloned())
            .collect();
        let old_values = std::mem::replace(&mut self.brief_values, brief_values);
        let kept = quick::Model::new(
            site,
            values,
            templates.fingerprint,
            warnings.clone(),
            &self.files,
        );
        self.model = Some(kept);
        // Off the path between the save and the served page.
        crate::background::discard((old_model, plan, old_values, fresh));
        Ok(Rebuild {
            patched: false,
            fallback: Some(fallback),
            reparsed,
            written,
            removed,
            outputs: self.outputs.len(),
            deferred: Vec::new(),
            warnings,
            elapsed: started.elapsed(),
            stages,
        })
    }

    /// Renders into memory (so a template error changes nothing) the pages
    /// and feeds whose fingerprint changed, and the sitemap if it did.
    fn render_stale(
        &self,
        site: &Site,
        templates: &Templates,
        values: &Values,
        plan: &Plan,
        fps: &Fingerprints,
    ) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
        let stale = |path: &String, fp: u64| self.outputs.get(path) != Some(&Output::Fresh(fp));
        let pages: Vec<Job> = (fps.pages.iter())
            .filter(|(path, fp, _)| stale(path, *fp))
            .map(|(_, _, job)| *job)
            .collect();
        let fresh = MemorySink::default();
        render::render_jobs(site, templates, values, &pages, &fresh)?;
        let feeds: Vec<Spec> = (fps.feeds.iter())
            .filter(|(path, fp, _)| stale(path, *fp))
            .map(|(_, _, spec)| *spec)
            .collect();
        let words = templates.strings.words(&site.config.language);
        render::feeds::render_specs(site, &words, &feeds, &fresh)?;
        if fps.sitemap != self.sitemap {
            render::write_site_files(site, &plan.jobs, &fresh)?;
        }
        Ok(fresh.into_files())
    }

    /// Writes the `fresh` files and the changed static files to `store`,
    /// removes what the site no longer has, and remembers the new
    /// fingerprints. Returns how many files were removed.
    fn store_changes(
        &mut self,
        fresh: &BTreeMap<String, Vec<u8>>,
        plan: &Plan,
        fps: Fingerprints,
        store: &dyn Store,
    ) -> anyhow::Result<usize> {
        let statics: HashMap<String, Stamp> = (plan.statics.iter())
            .map(|(p, s)| (p.clone(), s.stamp()))
            .collect();
        let changed_statics =
            (plan.statics.iter()).filter(|(p, _)| self.statics.get(*p) != statics.get(*p));
        let fresh_fp = |(p, fp): (String, u64)| (p, Output::Fresh(fp));
        let new_outputs: HashMap<String, Output> = (fps.pages.into_iter())
            .map(|(p, fp, _)| fresh_fp((p, fp)))
            .chain(fps.feeds.into_iter().map(|(p, fp, _)| fresh_fp((p, fp))))
            .collect();
        let mut gone: Vec<String> = (self.outputs.keys())
            .filter(|p| !new_outputs.contains_key(*p))
            .cloned()
            .collect();
        gone.extend(
            (self.statics.keys())
                .filter(|p| !statics.contains_key(*p))
                .cloned(),
        );
        let site_files: Vec<String> = if fps.sitemap == self.sitemap {
            self.site_files.clone()
        } else {
            site_files(fresh)
        };
        gone.extend(
            (self.site_files.iter())
                .filter(|p| !site_files.contains(p))
                .cloned(),
        );
        for (path, bytes) in fresh {
            store.write(path, bytes)?;
        }
        render::copy_statics(changed_statics, store)?;
        for path in &gone {
            store.remove(path)?;
        }
        let old_outputs = std::mem::replace(&mut self.outputs, new_outputs);
        self.statics = statics;
        self.site_files = site_files;
        self.sitemap = fps.sitemap;
        crate::background::discard(old_outputs);
        Ok(gone.len())
    }

    /// Re-reads changed content files; returns how many were parsed again.
    pub(super) fn refresh(
        &mut self,
        config: &Config,
        hints: Option<&[PathBuf]>,
    ) -> Result<usize, Diagnostics> {
        let root = &config.root;
        let targeted = hints
            .filter(|_| self.complete)
            .and_then(|h| content_files(root, h));
        let (mut paths, mut problems) = self.paths_to_read(root, targeted);
        // A brief's image or PDF changed, an expert's photo went: read again.
        let moved = (self.files.iter()).filter(|(_, c)| !files_unchanged(c, root));
        let moved: Vec<PathBuf> = moved.map(|(p, _)| p.clone()).collect();
        let missing: Vec<(Collection, PathBuf)> = (moved.iter())
            .filter(|p| !paths.iter().any(|(_, q)| q == *p))
            .map(|p| (collection_of(&self.files[p].item), p.clone()))
            .collect();
        paths.extend(missing);
        let changed: Vec<(Collection, &PathBuf, Stamp)> = paths
            .iter()
            .map(|(c, p)| (*c, p, stamp(&root.join(p))))
            .filter(|(_, p, s)| {
                self.files
                    .get(*p)
                    .is_none_or(|c| c.stamp != *s || moved.contains(p))
            })
            .collect();
        let parsed: Vec<(PathBuf, Result<Cached, Vec<Diagnostic>>)> = changed
            .par_iter()
            .map(|(collection, rel, stamp)| {
                let result = load::read_source(root, *collection, rel, config.max_file_size)
                    .map_err(|d| vec![d])
                    .and_then(|file| {
                        parse::parse_one(&file, config).map(|item| Cached {
                            stamp: *stamp,
                            hash: content_hash(&file.text, &item),
                            item,
                        })
                    });
                ((*rel).clone(), result)
            })
            .collect();
        let reparsed = parsed.len();
        for (path, result) in parsed {
            match result {
                Ok(cached) => {
                    self.files.insert(path, cached);
                }
                Err(ds) => {
                    self.files.remove(&path);
                    problems.extend(ds);
                }
            }
        }
        self.complete = !problems.has_errors();
        match problems.into_result() {
            Ok(_) => Ok(reparsed),
            Err(e) => Err(e.with_snippets(root)),
        }
    }

    /// The content files to look at: the hinted ones still there (the
    /// others are forgotten), or every file listed anew (forgetting those
    /// gone); with the listing's warnings.
    fn paths_to_read(
        &mut self,
        root: &Path,
        targeted: Option<Vec<(Collection, PathBuf)>>,
    ) -> (Vec<(Collection, PathBuf)>, Diagnostics) {
        match targeted {
            Some(paths) => {
                for (_, p) in &paths {
                    if !root.join(p).is_file() {
                        self.files.remove(p);
                    }
                }
                let present = paths
                    .into_iter()
                    .filter(|(_, p)| root.join(p).is_file())
                    .collect();
                (present, self.list_warnings.clone())
            }
            None => {
                let (paths, problems) = load::list(root);
                let listed: std::collections::HashSet<&PathBuf> =
                    paths.iter().map(|(_, p)| p).collect();
                self.files.retain(|p, _| listed.contains(p));
                self.list_warnings = problems.clone();
                (paths, problems)
            }
        }
    }

    pub(super) fn assemble(
        &self,
        config: Config,
    ) -> Result<(model::Site, Diagnostics), Diagnostics> {
        let root = config.root.clone();
        let (mut briefs, mut experts, mut pages) = (Vec::new(), Vec::new(), Vec::new());
        for cached in self.files.values() {
            match &cached.item {
                ParsedFile::Brief(b) => briefs.push(&**b),
                ParsedFile::Expert(e) => experts.push(&**e),
                ParsedFile::Page(p) => pages.push(&**p),
            }
        }
        pages.sort_by(|a: &&crate::parse::ParsedPage, b| a.source.cmp(&b.source));
        let files = model::Files {
            briefs: &briefs,
            experts: &experts,
            pages: &pages,
            failed: &[],
        };
        model::assemble_languages(&files, config).map_err(|d| d.with_snippets(&root))
    }
}

/// The collection a cached file belongs to.
fn collection_of(item: &ParsedFile) -> Collection {
    match item {
        ParsedFile::Brief(_) => Collection::Brief,
        ParsedFile::Expert(_) => Collection::Expert,
        ParsedFile::Page(_) => Collection::Page,
    }
}

/// Whether the files a cached brief names (image, PDF) are as it read
/// them, and an expert's photo on this site is still there.
fn files_unchanged(cached: &Cached, root: &Path) -> bool {
    match &cached.item {
        ParsedFile::Brief(b) => b.publication.assets().all(|a| a.unchanged(root)),
        ParsedFile::Expert(e) => e.photo.as_deref().is_none_or(|p| {
            let site_path = p.strip_prefix('/').filter(|s| !s.starts_with('/'));
            let file = site_path.map(|s| s.split(['?', '#']).next().unwrap_or(""));
            file.is_none_or(|f| root.join("static").join(f).is_file())
        }),
        ParsedFile::Page(_) => true,
    }
}

/// Fingerprints every page and feed of the plan, and the sitemap.
fn fingerprints(
    site: &Site,
    plan: &Plan,
    global: u64,
    inputs: &Inputs,
    sources: &dyn Fn(&Path) -> u64,
) -> Fingerprints {
    let pages = fingerprint::outputs(site, plan, global, inputs, sources);
    let feeds = fingerprint::feeds(site, global, inputs, sources);
    // The sitemap lists every page with its brief's last change.
    let sitemap = hash_of((
        pages.iter().map(|(p, _, _)| p).collect::<Vec<_>>(),
        (site.briefs.iter())
            .map(|b| b.last_modified())
            .collect::<Vec<_>>(),
        (site.briefs.iter())
            .map(|b| b.publication.image.as_ref().map(|i| &i.asset.location))
            .collect::<Vec<_>>(),
        global,
    ));
    Fingerprints {
        pages,
        feeds,
        sitemap: Output::Fresh(sitemap),
    }
}
