//! `briefs check`: validates the site and its internal links, writes
//! nothing, and prints what it looked at.

use crate::cli::CheckArgs;
use briefs::BuildOptions;

/// Runs the check; warnings go to stderr, the summary to stdout.
pub(crate) fn run(args: CheckArgs) -> anyhow::Result<()> {
    let opts = BuildOptions {
        root: args.root,
        base_url: args.base_url,
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let report = briefs::check(&opts)?;
    for w in &report.warnings.0 {
        eprintln!("{w}\n");
    }
    println!(
        "checked {} briefs: {} files, {} links, no problems in {:.2?}",
        report.briefs, report.files, report.links, report.elapsed
    );
    Ok(())
}
