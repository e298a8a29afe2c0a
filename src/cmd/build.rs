//! `briefs build`: builds the site and prints what it made and how long it took.

use crate::cli::BuildArgs;
use briefs::{BuildOptions, DiskOptions};

/// Runs the build; warnings go to stderr, the summary to stdout.
pub(crate) fn run(args: BuildArgs) -> anyhow::Result<()> {
    let opts = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        now: None,
    };
    let on_wait = |output: &std::path::Path| {
        eprintln!(
            "waiting for another build of {} to finish...",
            output.display()
        );
    };
    let disk = DiskOptions {
        force: args.force,
        on_wait: &on_wait,
        space: None,
    };
    let report = briefs::build_with(&opts, &disk)?;
    for w in &report.warnings.0 {
        eprintln!("{w}\n");
    }
    if args.verbose {
        for (stage, took) in &report.stages {
            println!("  {stage:<18} {took:>10.2?}");
        }
    }
    let r = &report.render;
    println!(
        "built {} briefs, {} experts, {} topics, {} kinds, {} pages: {} HTML pages, {} feeds, {} static files{} in {:.2?}",
        report.briefs,
        report.experts,
        report.topics,
        report.kinds,
        report.pages,
        r.html_pages,
        r.feeds,
        r.static_files,
        match r.search_files {
            0 => String::new(),
            n => format!(", {n} search files"),
        },
        report.elapsed
    );
    Ok(())
}
