//! The rebuild of a site in several languages (or with Unicode slugs):
//! the quick path's patches and the full path's fingerprints know one
//! language's model, so here every rebuild assembles and renders the whole
//! site into memory and writes only the files whose bytes changed, removing
//! those it no longer makes. Equal to a full build by construction.

use super::{Output, Pass, Rebuild, Session, hash_of, site_files};
use crate::config::Config;
use crate::render::{self, Plan, Templates};
use crate::write::MemorySink;
use std::collections::HashMap;

impl Session {
    /// Renders the whole site and brings `store` up to date with it.
    pub(super) fn render_all(&mut self, config: Config, pass: Pass) -> anyhow::Result<Rebuild> {
        self.last_fallback = Some(pass.fallback.clone());
        let (store, started) = (pass.store, pass.started);
        self.model = None;
        self.deferred = None;
        self.brief_values.clear();
        let mut stages = Vec::new();
        let mut lap = |what: &'static str| stages.push((what, started.elapsed()));
        let reparsed = self.refresh(&config, pass.hints)?;
        let (site, warnings) = self.assemble(config)?;
        lap("assemble");
        let templates = Templates::load(&site.config)?;
        let statics = Plan::new(&site)?.statics;
        let sink = MemorySink::default();
        render::render(&site, &templates, &sink)?;
        lap("render");
        let mut files = sink.into_files();
        files.retain(|path, _| !statics.contains_key(path));
        let site_files = site_files(&files);
        let outputs: HashMap<String, Output> = (files.iter())
            .filter(|(p, _)| !site_files.contains(p))
            .map(|(p, bytes)| (p.clone(), Output::Fresh(hash_of(bytes))))
            .collect();
        let changed: Vec<&String> = (files.keys())
            .filter(|p| site_files.contains(p) || self.outputs.get(*p) != outputs.get(*p))
            .collect();
        for path in &changed {
            store.write(path, &files[*path])?;
        }
        let stamps: HashMap<String, crate::load::Stamp> = (statics.iter())
            .map(|(p, s)| (p.clone(), s.stamp()))
            .collect();
        let changed_statics =
            (statics.iter()).filter(|(p, _)| self.statics.get(*p) != stamps.get(*p));
        render::copy_statics(changed_statics, store)?;
        let gone: Vec<String> = (self.outputs.keys())
            .filter(|p| !outputs.contains_key(*p))
            .chain(self.statics.keys().filter(|p| !stamps.contains_key(*p)))
            .chain(self.site_files.iter().filter(|p| !site_files.contains(p)))
            .cloned()
            .collect();
        for path in &gone {
            store.remove(path)?;
        }
        lap("store");
        self.outputs = outputs;
        self.statics = stamps;
        self.site_files = site_files;
        // The one-language path renders the sitemap again if it takes over.
        self.sitemap = Output::Dirty;
        Ok(Rebuild {
            patched: false,
            fallback: Some(pass.fallback),
            reparsed,
            written: changed.len(),
            removed: gone.len(),
            outputs: self.outputs.len(),
            deferred: Vec::new(),
            warnings,
            elapsed: started.elapsed(),
            stages,
        })
    }
}
