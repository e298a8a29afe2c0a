//! `briefs import`: WordPress exports (WXR 1.0–1.2), WordPress RSS feeds
//! and pasted flash briefs into a site's brief, expert and page files.
//!
//! The import as a recipe:
//!
//! 1. [`site`]: the site as it is, and the [`manifest`] of files imported before;
//! 2. [`sources`]: each source read by its [`detect`]ed kind ([`wxr`],
//!    [`feed`] — both streamed through [`xml`], dates in the export's
//!    [`zone`] — or [`text`]) into an
//!    [`archive`], each with its [`language`]; any error stops the import
//!    before anything is written;
//! 3. [`slugs`]: a file for every entry, clashes resolved and reported;
//! 4. [`assemble`]: bodies converted ([`html`], [`shortcode`], [`links`]),
//!    the flash-brief shape recognised ([`flash`], [`people`]), experts
//!    gathered ([`experts`]), briefs composed ([`compose`]) and rendered
//!    ([`files`]);
//! 5. [`plan`]: each file compared with the disk and the manifest, then all
//!    written or none;
//! 6. [`report`]: what was written, skipped and should be reviewed.

mod archive;
mod assemble;
mod compose;
mod detect;
mod experts;
mod feed;
mod files;
mod flash;
mod html;
mod language;
mod links;
mod manifest;
mod people;
mod plan;
mod report;
mod shortcode;
mod site;
mod slugs;
mod sources;
mod text;
mod wxr;
mod xml;
mod zone;

pub use manifest::FILE as MANIFEST_FILE;
pub use report::{Counts, ImportReport, Note};

use plan::Action;
use std::path::PathBuf;
use std::time::Instant;

/// What `briefs import` is told.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site root (holding site.yaml).
    pub root: PathBuf,
    /// The files to import.
    pub sources: Vec<PathBuf>,
    /// Decide everything, write nothing.
    pub dry_run: bool,
    /// Rewrite files imported before that nobody has edited since.
    pub update: bool,
    /// A copy of the old site's `wp-content/uploads` folder.
    pub uploads: Option<PathBuf>,
    /// The title of pasted text.
    pub title: Option<String>,
    /// The date of pasted text.
    pub date: Option<String>,
    /// Topics of pasted text.
    pub topics: Vec<String>,
    /// Authors (names or expert ids) of pasted text.
    pub authors: Vec<String>,
    /// The language of everything imported (a tag of the site), instead
    /// of what each source declares.
    pub lang: Option<String>,
}

/// Imports `opts.sources` into the site at `opts.root`.
pub fn import(opts: &ImportOptions) -> anyhow::Result<ImportReport> {
    let started = Instant::now();
    let site = site::read(&opts.root)?;
    let manifest = manifest::Manifest::load(&opts.root)?;
    let opts = &ImportOptions {
        lang: (opts.lang.as_deref())
            .map(|l| language::flag(l, &site.config))
            .transpose()?,
        ..opts.clone()
    };
    let (mut archive, sources) = sources::read_all(opts, &site.config)?;
    archive.attach_media();
    let mut report = ImportReport {
        sources,
        dry_run: opts.dry_run,
        ..ImportReport::default()
    };
    drop_repeats(&mut archive, &mut report);
    let placements = slugs::place(&archive.entries, &site, &manifest, &mut report.clashes);
    let old = old_site(&archive, &placements, opts);
    let titles = assemble::titles(&site, &archive, &placements);
    let mut experts = experts::Registry::new(&site, &manifest);
    let mut found = report::Findings::default();
    let inputs = assemble::Inputs {
        archive: &archive,
        placements: &placements,
        old: &old,
        titles: &titles,
        config: &site.config,
    };
    let assembled = assemble::assemble(&inputs, &mut experts, &mut found);
    report.clashes.append(&mut experts.clashes);
    report.skipped.extend(assembled.skipped);
    let (decided, next) = plan::decide(&opts.root, assembled.outputs, &manifest, opts.update)?;
    if !opts.dry_run {
        plan::write(&opts.root, &decided, (next != manifest).then_some(&next))?;
    }
    report.review = found.review;
    for (out, action) in decided {
        match action {
            Action::Create if out.path.starts_with("content/experts/") => {
                let why = "a new expert, made from an author or a quote's attribution: check the name, honorific, role and program".into();
                report.review.push(Note {
                    what: out.path.clone(),
                    why,
                });
                report.created.push(out.path);
            }
            Action::Create => report.created.push(out.path),
            Action::Update => report.updated.push(out.path),
            Action::Unchanged => report.unchanged.push(out.path),
            Action::Skip(why) => report.skipped.push(Note {
                what: out.path,
                why,
            }),
        }
    }
    report.counts = assembled.counts;
    report.warnings = found.warnings;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Keeps the first of entries with the same identity (one post in two
/// sources), reporting the others as skipped.
fn drop_repeats(archive: &mut archive::Archive, report: &mut ImportReport) {
    for (what, why) in archive.skipped.drain(..) {
        report.skipped.push(Note { what, why });
    }
    let mut seen = std::collections::HashMap::new();
    archive.entries.retain(|e| match seen.get(&e.key) {
        Some(first) => {
            report.skipped.push(Note {
                what: e.origin.clone(),
                why: format!("the same item as {first}"),
            });
            false
        }
        None => {
            seen.insert(e.key.clone(), e.origin.clone());
            true
        }
    });
}

/// The old site, knowing where each published entry now lives.
fn old_site(
    archive: &archive::Archive,
    placements: &[slugs::Placement],
    opts: &ImportOptions,
) -> links::OldSite {
    let mut old = links::OldSite::new(&archive.old_sites, opts.uploads.as_deref());
    for (e, p) in archive.entries.iter().zip(placements) {
        if e.status != archive::Status::Published {
            continue;
        }
        let new = if e.is_page {
            format!("/{}/", p.slug)
        } else {
            format!("/briefs/{}/", p.slug)
        };
        for old_url in e.link.iter().chain(std::iter::once(&e.key)) {
            old.moved(old_url, &new);
        }
    }
    old
}
