//! The quick path for the commonest edits while serving: brief files
//! saved, added or deleted (up to [`MAX_REFERENCE_EDITS`] of them changing more
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
//! Brief pages whose "More on this topic" list changed (other briefs
//! listing an edited one) are found by comparing what each shows with
//! what it showed, and rendered in the second step too.
//! Anything else takes the full path: links of other briefs that would
//! break, experts, pages, templates, site.yaml, a larger burst, an embargo
//! passing.

mod apply;
mod edits;
mod kept;
mod renders;

use edits::Edit;
pub(super) use kept::Model;
pub(super) use renders::DeferredRenders;
use renders::{PendingRenders, split_renders};

use super::fallback::{FallbackReason, QuickRebuild};
use super::{Output, Rebuild, Session, Store, site_files};
use crate::config::Config;
use crate::parse::ParsedFile;
use crate::render::pages;
use crate::render::{self, Templates};
use crate::write::MemorySink;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The most brief files of one burst changing more than their text (their
/// references, dates, slug or publication) that the quick path takes.
pub(super) const MAX_REFERENCE_EDITS: usize = 16;

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
        let reparsed = edits.len();
        let references_changed = edits.iter().any(|e| !e.text_only);
        let pending = match self.apply_edits(&mut model, edits, config) {
            Ok(mut pending) => {
                // Text edits move no brief: only briefs near the edited
                // ones can show them under "More on this topic".
                let near = (!references_changed).then(|| pending.briefs.clone());
                pending.more = model.more_changed(near.as_deref());
                pending
            }
            Err(reason) => {
                // Half changed: the full path assembles the site again.
                crate::background::discard(model);
                return fallback(reason);
            }
        };
        stages.push(("values", started.elapsed()));
        let (jobs, later, gone) = split_renders(&mut model, pending, templates);
        stages.push(("fingerprints", started.elapsed()));

        // Render into memory first, so a template error changes nothing.
        let fresh = MemorySink::default();
        // On an error the patched model is dropped here (it no longer
        // matches the store), so the next rebuild takes the full path.
        render::render_jobs(&model.site, &later.templates, &model.values, &jobs, &fresh)?;
        stages.push(("render", started.elapsed()));
        let deferred = later.paths(&model.site, &self.site_files);
        let written = self.store_first_step(fresh, &deferred, &gone, store)?;
        stages.push(("store", started.elapsed()));
        self.deferred = Some(later);
        let warnings = model.warnings.clone();
        self.model = Some(model);
        Ok(QuickRebuild::Patched(Rebuild {
            patched: true,
            fallback: None,
            reparsed,
            written,
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

    /// Takes the edits into `model` one after another, each file's new
    /// version in place before the next is looked at; returns what to
    /// render again, or why the model cannot take them (it is half changed
    /// then: the caller drops it).
    fn apply_edits(
        &mut self,
        model: &mut Model,
        edits: Vec<Edit>,
        config: &Config,
    ) -> Result<PendingRenders, FallbackReason> {
        let mut pending = PendingRenders::default();
        for edit in edits {
            let newer = match edit.cached.as_ref().map(|c| &c.item) {
                Some(ParsedFile::Brief(b)) => Some(&**b),
                _ => None,
            };
            let id = model.ids.get(edit.path.as_path()).copied();
            let image_before = id.and_then(|i| sitemap_image(&model.site.briefs[i]));
            if edit.text_only {
                if let (Some(id), Some(newer)) = (id, newer) {
                    model.site.briefs[id] = model.site.briefs[id].with_text(newer);
                    pending.briefs.push(id);
                }
            } else {
                let older = match self.files.get(&edit.path).map(|c| &c.item) {
                    Some(ParsedFile::Brief(b)) => Some(&**b),
                    _ => None,
                };
                let files = &self.files;
                model.apply_reference_edit(id, older, newer, config.now, files, &mut pending)?;
            }
            // The sitemap names each brief's lead image.
            let after = model.ids.get(edit.path.as_path()).copied();
            pending.sitemap |=
                image_before != after.and_then(|i| sitemap_image(&model.site.briefs[i]));
            match edit.cached {
                Some(cached) => self.files.insert(edit.path, cached),
                None => self.files.remove(&edit.path),
            };
        }
        model.refresh_brief_values(&pending);
        Ok(pending)
    }
}

/// Where a brief's lead image is, as the sitemap names it.
fn sitemap_image(b: &crate::model::Brief) -> Option<crate::parse::media::Location> {
    b.publication
        .image
        .as_ref()
        .map(|i| i.asset.location.clone())
}

impl Session {
    /// Puts the first step's pages (`fresh`) in `store` and removes `gone`;
    /// marks them, and the `deferred` ones, as unknown to the fingerprints.
    /// Returns how many files were written.
    fn store_first_step(
        &mut self,
        fresh: MemorySink,
        deferred: &[String],
        gone: &[String],
        store: &dyn Store,
    ) -> anyhow::Result<usize> {
        let fresh = fresh.into_files();
        // Pages and feeds only: the sitemap has a fingerprint of its own.
        for path in fresh.keys().chain(deferred) {
            if !self.site_files.contains(path) {
                self.outputs.insert(path.clone(), Output::Dirty);
            }
        }
        for (path, bytes) in &fresh {
            store.write(path, bytes)?;
        }
        for path in gone {
            self.outputs.insert(path.clone(), Output::Removed);
            store.remove(path)?;
        }
        Ok(fresh.len())
    }

    /// Renders what the last quick rebuild left for later (listing pages
    /// that only shifted, feeds, the sitemap) into `store`; returns how many
    /// files it wrote. On an error the kept model is dropped, so the next
    /// rebuild takes the full path.
    pub fn finish(&mut self, store: &dyn Store) -> anyhow::Result<usize> {
        let Some(later) = self.deferred.take() else {
            return Ok(0);
        };
        let Some(mut model) = self.model.take() else {
            return Ok(0);
        };
        let fresh = MemorySink::default();
        let rendered = (|| {
            let site = &model.site;
            render::render_jobs(site, &later.templates, &model.values, &later.jobs, &fresh)?;
            let words = later.templates.strings.words(&site.config.language);
            render::feeds::render_kept(site, &words, &later.feeds, &mut model.items, &fresh)?;
            if later.sitemap {
                render::write_site_files(site, &pages::jobs(site), &fresh)?;
            }
            anyhow::Ok(())
        })();
        if let Err(e) = rendered {
            crate::background::discard(model);
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
}
