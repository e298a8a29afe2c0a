//! Stage 4: the site rendered into output files, handed to a [`Sink`] as
//! they are made (so 100,000 pages never sit in memory at once). Templates
//! are parsed once; values are converted once and shared; pages render in
//! parallel, and so do the feeds ([`feeds`]). Render never touches the disk except through the sink.

pub(crate) mod alternates;
mod builtin;
mod cards;
pub(crate) mod cite;
pub(crate) mod feeds;
pub(crate) mod filters;
pub(crate) mod i18n;
pub(crate) mod meta;
pub(crate) mod pages;
pub(crate) mod paginator;
pub(crate) mod publication;
pub(crate) mod shows;
pub(crate) mod sitemap;
pub(crate) mod statics;
pub(crate) mod templates;
pub(crate) mod values;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use pages::Job;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
pub(crate) use templates::Templates;
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
    /// HTML pages rendered from templates.
    pub html_pages: usize,
    /// Feed files (RSS, Atom, JSON Feed).
    pub feeds: usize,
    /// Static files copied.
    pub static_files: usize,
    /// Sitemaps and robots.txt.
    pub other_files: usize,
    /// Files of the search index and its assets (none with `search: false`).
    pub search_files: usize,
}

/// A static file to copy: from disk or from the binary.
#[derive(Debug, Clone)]
pub(crate) enum StaticSource {
    Disk(PathBuf),
    BuiltIn(&'static [u8]),
}

impl StaticSource {
    /// Changes when the file changes (size and modification time, or the
    /// built-in bytes' size): enough to decide whether to copy it again.
    pub(crate) fn stamp(&self) -> crate::load::Stamp {
        match self {
            StaticSource::Disk(p) => crate::load::stamp(p),
            StaticSource::BuiltIn(b) => (b.len() as u64, None),
        }
    }
}

/// Everything a site's output consists of, before anything is rendered.
pub(crate) struct Plan {
    /// Every HTML page.
    pub(crate) jobs: Vec<Job>,
    /// Static files by output path.
    pub(crate) statics: BTreeMap<String, StaticSource>,
}

impl Plan {
    /// Lists the pages and static files, refusing static files that would
    /// overwrite generated ones.
    pub(crate) fn new(site: &Site) -> anyhow::Result<Plan> {
        let jobs = pages::jobs(site);
        let statics = static_files(site)?;
        check_collisions(site, &jobs, &statics)?;
        Ok(Plan { jobs, statics })
    }
}

/// Renders the whole site into `sink`: every language (the others under
/// their prefix), one sitemap and one set of static files.
pub(crate) fn render(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
) -> anyhow::Result<RenderReport> {
    let plan = Plan::new(site)?;
    let mut report = render_language(site, templates, &plan.jobs, sink)?;
    for other in &site.translations.others {
        let jobs = pages::jobs(other);
        let prefixed = Prefixed {
            sink,
            prefix: &other.config.lang_prefix,
        };
        let r = render_language(other, templates, &jobs, &prefixed)?;
        report.html_pages += r.html_pages;
        report.feeds += r.feeds;
    }
    report.other_files = write_site_files(site, &plan.jobs, sink)?;
    report.static_files = copy_statics(plan.statics.iter(), sink)?;
    Ok(report)
}

/// The pages and feeds of one language.
fn render_language(
    site: &Site,
    templates: &Templates,
    jobs: &[Job],
    sink: &dyn Sink,
) -> anyhow::Result<RenderReport> {
    let values = Values::new(site);
    render_jobs(site, templates, &values, jobs, sink)?;
    crate::background::discard(values);
    Ok(RenderReport {
        html_pages: jobs.iter().filter(|j| j.is_page()).count(),
        feeds: feeds::render(site, &templates.strings.words(&site.config.language), sink)?,
        ..RenderReport::default()
    })
}

/// A sink writing below a language's folder (`ar/`).
struct Prefixed<'a> {
    sink: &'a dyn Sink,
    prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.sink.write(&format!("{}{path}", self.prefix), bytes)
    }

    fn copy(&self, from: &Path, path: &str) -> std::io::Result<()> {
        self.sink.copy(from, &format!("{}{path}", self.prefix))
    }
}

/// Renders these pages, in parallel.
pub(crate) fn render_jobs(
    site: &Site,
    templates: &Templates,
    values: &Values,
    jobs: &[Job],
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    let cards = cards::Cards::new(site.briefs.len());
    jobs.par_iter()
        .try_for_each(|job| render_job(site, templates, (values, &cards), sink, job))
}

/// Writes sitemap.xml (and its parts) and robots.txt; returns the file count.
pub(crate) fn write_site_files(
    site: &Site,
    jobs: &[Job],
    sink: &dyn Sink,
) -> anyhow::Result<usize> {
    let mut entries: Vec<sitemap::Entry> = jobs
        .iter()
        .filter(|j| j.in_sitemap())
        .map(|j| sitemap_entry(site, j))
        .collect();
    for other in &site.translations.others {
        let jobs = pages::jobs(other);
        let listed = jobs.iter().filter(|j| j.in_sitemap());
        entries.extend(listed.map(|j| sitemap_entry(other, j)));
    }
    let mut count = 0;
    for (path, bytes) in sitemap::sitemaps(site, &entries) {
        write(sink, &path, &bytes)?;
        count += 1;
    }
    write(sink, "robots.txt", &sitemap::robots(site))?;
    Ok(count + 1)
}

/// Copies static files into the sink; returns how many.
pub(crate) fn copy_statics<'a>(
    statics: impl Iterator<Item = (&'a String, &'a StaticSource)>,
    sink: &dyn Sink,
) -> anyhow::Result<usize> {
    let mut count = 0;
    for (dest, src) in statics {
        match src {
            StaticSource::Disk(from) => sink
                .copy(from, dest)
                .map_err(|e| anyhow::anyhow!("cannot copy {} to {dest}: {e}", from.display()))?,
            StaticSource::BuiltIn(bytes) => write(sink, dest, bytes)?,
        }
        count += 1;
    }
    Ok(count)
}

fn write(sink: &dyn Sink, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
    sink.write(path, bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {path}: {e}"))
}

fn render_job(
    site: &Site,
    templates: &Templates,
    (values, cards): (&Values, &cards::Cards),
    sink: &dyn Sink,
    job: &Job,
) -> anyhow::Result<()> {
    if let Job::Cite(b, file) = *job {
        let bytes = file.render(&cite::Reference::of(site, b));
        return write(sink, &job.output_path(site), &bytes);
    }
    let words = templates.strings.words(&site.config.language);
    let (template, mut ctx) = job.context(site, values, &words);
    ctx.insert_value("words", templates.words.words(&site.config.language));
    let mut buf = Vec::with_capacity(16 * 1024);
    let listed = match *job {
        Job::Listing(l, n) => cards.of(&pages::listed(site, l, n), &ctx, templates, values),
        _ => Ok(tera::Value::none()),
    };
    listed
        .map(|list| {
            if !list.is_none() {
                ctx.insert_value("cards", list);
            }
        })
        .and_then(|()| templates.tera.render_to(template, &ctx, &mut buf))
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
    let (lastmod, image) = match job {
        Job::Brief(b) => {
            let brief = &site.briefs[*b];
            let m = brief.last_modified();
            let image = brief.publication.image.as_ref();
            (
                Some(m.rfc3339(&site.config.timezone)),
                image.map(|i| site.asset_url(&i.asset)),
            )
        }
        _ => (None, None),
    };
    let path = job.site_path(site);
    let alternates = site.alternates(&path);
    let mut links: Vec<(String, String)> = (alternates.iter())
        .map(|a| (a.lang.clone(), a.permalink.clone()))
        .collect();
    if let Some(x) = alternates::x_default(alternates) {
        links.push(("x-default".into(), x));
    }
    sitemap::Entry {
        loc: site.config.permalink(&path),
        lastmod,
        alternates: links,
        image,
    }
}

/// Static files by output path: built-in theme, then theme folder, then the
/// site's static/ (later ones override earlier ones).
fn static_files(site: &Site) -> anyhow::Result<BTreeMap<String, StaticSource>> {
    let mut out = BTreeMap::new();
    let theme = templates::theme_dir(&site.config);
    for (name, bytes) in templates::BUILTIN_STATIC {
        out.insert((*name).to_string(), StaticSource::BuiltIn(bytes));
    }
    let dirs = theme
        .map(|t| t.join("static"))
        .into_iter()
        .chain([site.config.root.join("static")]);
    let mut problems = Diagnostics::default();
    for dir in dirs.filter(|d| d.is_dir()) {
        for entry in crate::input::walk(&site.config.root, &dir) {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    out.insert(
                        rel.to_string_lossy().replace('\\', "/"),
                        StaticSource::Disk(e.path().to_path_buf()),
                    );
                }
                Ok(_) => {}
                Err(d) => problems.push(d),
            }
        }
    }
    // A brief's image and PDF beside its file go beside its page.
    let adjacent =
        (site.briefs.iter()).flat_map(|b| b.publication.assets().filter_map(|a| a.adjacent()));
    for (from, path) in adjacent {
        out.insert(
            path.to_string(),
            StaticSource::Disk(site.config.root.join(from)),
        );
    }
    if !site.config.search {
        // The search page's script, unless the site's static/ has its own.
        let site_static = site.config.root.join("static");
        let theirs =
            |s: &StaticSource| matches!(s, StaticSource::Disk(p) if p.starts_with(&site_static));
        if out.get("search.js").is_some_and(|s| !theirs(s)) {
            out.remove("search.js");
        }
    }
    statics::check_names(&site.config.root, &out, &mut problems);
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
    let bundles = crate::search::folders(&site.config);
    let mut generated = feeds::paths(site);
    generated.extend(["sitemap.xml".into(), "robots.txt".into()]);
    for (path, src) in statics {
        let StaticSource::Disk(from) = src else {
            continue;
        };
        let clash = generated.contains(path)
            || crate::search::is_bundle_file(&bundles, path)
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
    let every_generated = || {
        let pages = jobs.iter().map(|j| j.output_path(site));
        pages.chain(generated.iter().cloned()).collect()
    };
    statics::check_generated(&site.config.root, statics, every_generated, &mut problems);
    problems.into_result().map(|_| ())
}
