//! briefs: a static site generator for think-tank policy briefs.
//!
//! A build is a pipeline of stages, each using only earlier ones:
//!
//! 1. `config`: `site.yaml` -> `Config`
//! 2. `load`: walk `content/` -> source files
//! 3. `parse`: front matter + Markdown -> parsed briefs, experts, pages
//! 4. `model`: resolve references, build indexes -> `Site`
//! 5. `render`: site + templates -> output files, handed to a [`Sink`]
//!    and `search`: site -> Pagefind index and its assets, into the same sink
//! 6. `write`: staging folder -> atomic swap into `public/`
//!
//! Beside the pipeline: `check` (the build plus internal links, in memory),
//! `serve` (a live-reloading dev server on the same stages) and
//! `scaffold` (new briefs, experts and sites) and `import` (WordPress
//! exports and feeds and pasted flash briefs into content files).
//!
//! The modules are private; this is the whole public interface:
//!
//! - Build: [`build`], [`build_with`], [`build_into`], told by
//!   [`BuildOptions`] and [`DiskOptions`], returning a [`BuildReport`]
//!   (with its [`RenderReport`]); output goes to a [`Sink`], such as a
//!   [`MemorySink`].
//! - Check: [`check`] -> [`CheckReport`].
//! - Serve: [`serve`] with [`ServeOptions`] (default header deadline
//!   [`SERVE_HEADER_TIMEOUT`]), reporting [`Event`]s to a [`Reporter`].
//! - Rebuild in memory: [`Session`] -> [`Rebuild`] into a [`Store`]; a
//!   [`FallbackReason`] (perhaps a [`Refusal`]) says why a rebuild took the
//!   full path; [`Staged`] holds one rebuild's changes to apply at once.
//! - Scaffold: [`init_site`], [`new_brief`] ([`NewBrief`]), [`new_expert`].
//! - Import: [`import`] with [`ImportOptions`] -> [`ImportReport`] (its
//!   [`ImportCounts`] and [`ImportNote`]s); the manifest file is [`IMPORT_MANIFEST`].
//! - Problems: a [`Diagnostic`] (of a [`Severity`]), collected in
//!   [`Diagnostics`]; the library never prints.
//!
//! Hidden, for the benchmarks and the fuzz target only: [`bench`] and
//! [`fuzz_parse`].

mod background;
mod check;
mod config;
mod diag;
mod escape;
mod image_size;
mod import;
mod incremental;
mod input;
mod lang;
mod load;
mod model;
mod parse;
mod portable;
mod publisher;
mod render;
mod scaffold;
mod search;
mod serve;
mod write;
mod yaml;

pub use check::{CheckReport, check};
pub use config::BuildOptions;
pub use diag::{Diagnostic, Diagnostics, Severity};
pub use import::{
    Counts as ImportCounts, ImportOptions, ImportReport, MANIFEST_FILE as IMPORT_MANIFEST,
    Note as ImportNote, import,
};
pub use incremental::{FallbackReason, Rebuild, Session, Staged, Store};
pub use model::Refusal;
pub use render::{RenderReport, Sink};
pub use scaffold::{NewBrief, init as init_site, new_brief, new_expert};
pub use serve::{
    Event, HEADER_TIMEOUT as SERVE_HEADER_TIMEOUT, Reporter, ServeOptions, run as serve,
};
pub use write::{DiskOptions, MemorySink};

/// Fuzz target entry point: arbitrary bytes through front matter, brief,
/// expert and page parsing, diagnostics and Markdown rendering.
#[doc(hidden)]
pub use parse::fuzz_one as fuzz_parse;

use config::Config;
use model::Site;
use render::Templates;
use std::time::{Duration, Instant};

/// What a build made.
#[derive(Debug)]
pub struct BuildReport {
    /// Briefs in the site.
    pub briefs: usize,
    /// Experts in the site.
    pub experts: usize,
    /// Topics in the site.
    pub topics: usize,
    /// Kinds in the site.
    pub kinds: usize,
    /// Stand-alone pages.
    pub pages: usize,
    /// The files rendered.
    pub render: RenderReport,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// The whole build, wall clock.
    pub elapsed: Duration,
    /// How long each stage took, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

/// Measures the stages of one build.
struct Stopwatch {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Records the time since the previous lap as stage `name`.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }
}

/// Stages 1–4: reads and validates a whole site into its model. Returns the
/// site and its warnings, or every error found.
///
/// A file that cannot be read or parsed does not stop the others: every
/// stage still checks what it can, so one build reports every problem.
pub(crate) fn load_site(opts: &BuildOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    load_site_timed(opts, &mut Stopwatch::new())
}

fn load_site_timed(
    opts: &BuildOptions,
    clock: &mut Stopwatch,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let config = Config::load(opts)?;
    let sources = load::load(&config.root, config.max_file_size);
    clock.lap("load");
    let mut problems = sources.problems;
    let (mut parsed, parse_problems) = parse::parse_all(&sources.files, &config);
    background::discard(sources.files);
    clock.lap("parse");
    problems.extend(parse_problems.0);
    for d in problems.0.iter().filter(|d| d.is_error()) {
        parsed.failed.push(d.path.clone());
    }
    let failed_before = problems.has_errors();
    let assembled = model::assemble(&parsed, config);
    background::discard(parsed);
    clock.lap("assemble");
    match assembled {
        Ok((site, warnings)) => {
            // With files missing, "expert has no briefs" may be untrue: skip.
            if !failed_before {
                problems.extend(warnings.0);
            }
            problems.into_result().map(|w| (site, w))
        }
        Err(errors) => {
            problems.extend(errors.0);
            Err(problems.sorted())
        }
    }
}

/// Stages 1–5 into any sink: the whole build except the disk.
pub fn build_into(opts: &BuildOptions, sink: &dyn Sink) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let mut clock = Stopwatch::new();
    // The citation cache (13 MB for 10,000 briefs) is read while the site loads.
    let stored = std::thread::spawn({
        let root = opts.root.clone();
        move || render::cite::memo::read(&root)
    });
    let (site, warnings) = match load_site_timed(opts, &mut clock) {
        Ok(v) => v,
        Err(mut problems) => {
            // Template problems are reported with content ones, not a build later.
            if let Ok(config) = Config::load(opts) {
                if let Err(t) = Templates::load(&config) {
                    problems.extend(t.0);
                }
            }
            return Err(problems.sorted().with_snippets(&opts.root).into());
        }
    };
    let templates = Templates::load(&site.config)?;
    render::cite::memo::install(stored.join().unwrap_or_default());
    let render = search::render_with_bundle(&site, &templates, sink)?;
    render::cite::memo::save(&site.config.root);
    clock.lap("render, index and write");
    let count = |of: fn(&Site) -> usize| site.languages().map(of).sum();
    let report = BuildReport {
        briefs: count(|s| s.briefs.len()),
        experts: count(|s| s.experts.len()),
        topics: count(|s| s.topics.len()),
        kinds: count(|s| s.kinds.len()),
        pages: count(|s| s.pages.len()),
        render,
        warnings: warnings.with_snippets(&opts.root),
        elapsed: started.elapsed(),
        stages: clock.stages,
    };
    background::discard(site);
    Ok(report)
}

/// A full build: renders into a staging folder and swaps it in as the
/// output folder only if everything succeeded.
pub fn build(opts: &BuildOptions, force: bool) -> anyhow::Result<BuildReport> {
    build_with(
        opts,
        &write::DiskOptions {
            force,
            ..Default::default()
        },
    )
}

/// [`build`] with every way of writing spelled out: waits for another build
/// of the same output to finish first (telling `disk.on_wait`).
pub fn build_with(opts: &BuildOptions, disk: &write::DiskOptions) -> anyhow::Result<BuildReport> {
    let output = write::output_folder(&opts.root, opts.output.as_deref(), disk.force)?;
    let _lock = write::OutputLock::take(&output, disk.on_wait)?;
    // Checked again: the build we waited for may have changed the folder.
    write::check_output(&opts.root, &output, disk.force)?;
    let mut staging = write::Staging::new(&output)?;
    let sink = staging.sink(disk.space);
    let mut report = build_into(opts, &sink)?;
    let swap = Instant::now();
    staging.prune(&sink.written())?;
    staging.publish()?;
    report.stages.push(("prune and swap", swap.elapsed()));
    report.elapsed += swap.elapsed();
    Ok(report)
}

/// For the benchmarks only: the stages measured apart, without exposing
/// the model they pass between them.
#[doc(hidden)]
pub mod bench {
    use crate::config::BuildOptions;
    use crate::diag::Diagnostics;
    use crate::render::{self, RenderReport, Sink, Templates};

    /// Stages 1–4 (load, parse, assemble); returns how many briefs the
    /// site has.
    pub fn load(opts: &BuildOptions) -> Result<usize, Diagnostics> {
        crate::load_site(opts).map(|(site, _)| site.briefs.len())
    }

    /// Loads the site and its templates once; the closure returned renders
    /// them (stage 5) into a sink, as often as it is called.
    pub fn renderer(
        opts: &BuildOptions,
    ) -> anyhow::Result<impl Fn(&dyn Sink) -> anyhow::Result<RenderReport>> {
        let (site, _) = crate::load_site(opts)?;
        let templates = Templates::load(&site.config)?;
        Ok(move |sink: &dyn Sink| render::render(&site, &templates, sink))
    }
}
