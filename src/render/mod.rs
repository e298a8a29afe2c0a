//! Stage 4: the site rendered into output files, handed to a [`Sink`] as
//! they are made (so 100,000 pages never sit in memory at once). Templates
//! are parsed once; values are converted once and shared; pages render in
//! parallel. Render never touches the disk except through the sink.

pub mod filters;
pub mod pages;
pub mod sitemap;
pub mod templates;
pub mod values;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use pages::Job;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
pub use templates::Templates;
use values::Values;

/// Where output files go. Implementations must accept calls from many threads.
pub trait Sink: Sync {
    /// Stores `bytes` at `path` (relative, `/`-separated) in the output.
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Copies the file `from` to `path` in the output.
    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()>;
}

/// What a render produced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RenderReport {
    pub html_pages: usize,
    pub feeds: usize,
    pub static_files: usize,
    pub other_files: usize,
}

/// A static file to copy: from disk or from the binary.
enum StaticSource {
    Disk(PathBuf),
    BuiltIn(&'static [u8]),
}

/// Renders the whole site into `sink`.
pub fn render(site: &Site, templates: &Templates, sink: &dyn Sink) -> anyhow::Result<RenderReport> {
    let values = Values::new(site);
    let jobs = pages::jobs(site);
    let statics = static_files(site)?;
    check_collisions(site, &jobs, &statics)?;

    jobs.par_iter()
        .try_for_each(|job| render_job(site, templates, &values, sink, job))?;

    let mut report = RenderReport {
        html_pages: jobs.len(),
        ..RenderReport::default()
    };
    let entries: Vec<sitemap::Entry> = jobs
        .iter()
        .filter(|j| j.in_sitemap())
        .map(|j| sitemap_entry(site, j))
        .collect();
    for (path, bytes) in sitemap::sitemaps(site, &entries) {
        write(sink, &path, &bytes)?;
        report.other_files += 1;
    }
    write(sink, "robots.txt", &sitemap::robots(site))?;
    report.other_files += 1;
    for (dest, src) in &statics {
        match src {
            StaticSource::Disk(from) => sink
                .copy(from, dest)
                .map_err(|e| anyhow::anyhow!("cannot copy {} to {dest}: {e}", from.display()))?,
            StaticSource::BuiltIn(bytes) => write(sink, dest, bytes)?,
        }
        report.static_files += 1;
    }
    Ok(report)
}

fn write(sink: &dyn Sink, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
    sink.write(path, bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {path}: {e}"))
}

fn render_job(
    site: &Site,
    templates: &Templates,
    values: &Values,
    sink: &dyn Sink,
    job: &Job,
) -> anyhow::Result<()> {
    let (template, ctx) = job.context(site, values);
    let mut buf = Vec::with_capacity(16 * 1024);
    templates
        .tera
        .render_to(template, &ctx, &mut buf)
        .map_err(|e| {
            let d = templates.diagnostic(&e);
            let page = format!("while rendering /{}", job.site_path(site));
            let hint = match &d.hint {
                Some(h) => format!("{h} ({page})"),
                None => page,
            };
            Diagnostics(vec![d.hint(hint)])
        })?;
    write(sink, &job.output_path(site), &buf)
}

fn sitemap_entry(site: &Site, job: &Job) -> sitemap::Entry {
    let lastmod = match job {
        Job::Brief(b) => {
            let m = site.briefs[*b].last_modified();
            Some(
                m.zoned(&site.config.timezone)
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string(),
            )
        }
        _ => None,
    };
    sitemap::Entry {
        loc: site.config.permalink(&job.site_path(site)),
        lastmod,
    }
}

/// Static files by output path: built-in theme, then theme folder, then the
/// site's static/ (later ones override earlier ones).
fn static_files(site: &Site) -> anyhow::Result<BTreeMap<String, StaticSource>> {
    let mut out = BTreeMap::new();
    let theme = templates::theme_dir(&site.config);
    if theme.is_none() {
        for (name, bytes) in templates::BUILTIN_STATIC {
            out.insert((*name).to_string(), StaticSource::BuiltIn(bytes));
        }
    }
    let dirs = theme
        .map(|t| t.join("static"))
        .into_iter()
        .chain([site.config.root.join("static")]);
    let mut problems = Diagnostics::default();
    for dir in dirs.filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    out.insert(
                        rel.to_string_lossy().replace('\\', "/"),
                        StaticSource::Disk(e.path().to_path_buf()),
                    );
                }
                Ok(_) => {}
                Err(e) => problems.push(Diagnostic::error(
                    crate::load::relative(&site.config.root, e.path().unwrap_or(&dir)),
                    format!("cannot read static file: {e}"),
                )),
            }
        }
    }
    if problems.has_errors() {
        return Err(problems.sorted().into());
    }
    Ok(out)
}

fn check_collisions(
    site: &Site,
    jobs: &[Job],
    statics: &BTreeMap<String, StaticSource>,
) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    let generated = [
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "atom.xml",
        "feed.json",
    ];
    for (path, src) in statics {
        let StaticSource::Disk(from) = src else {
            continue;
        };
        let clash = generated.contains(&path.as_str())
            || (path.ends_with("index.html") && jobs.iter().any(|j| j.output_path(site) == *path));
        if clash {
            problems.push(
                Diagnostic::error(
                    crate::load::relative(&site.config.root, from),
                    format!("static file would overwrite the generated /{path}"),
                )
                .hint("rename or move the static file"),
            );
        }
    }
    problems.into_result().map(|_| ())
}
