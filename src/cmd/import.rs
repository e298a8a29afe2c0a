//! `briefs import`: reads the sources into the site and prints the report
//! (what was written, skipped, to review, and old-site links).

use crate::cli::ImportArgs;
use briefs::ImportOptions;
use std::io::Write;

/// Runs the import; the report goes to stdout.
pub(crate) fn run(args: ImportArgs) -> anyhow::Result<()> {
    let report = briefs::import(&ImportOptions {
        root: args.root,
        sources: args.sources,
        dry_run: args.dry_run,
        update: args.update,
        uploads: args.uploads,
        title: args.title,
        date: args.date,
        topics: args.topics,
        authors: args.authors,
        lang: args.lang,
    })?;
    // The import is done: a reader that stopped reading (`| head`) is no error.
    match write!(std::io::stdout().lock(), "{report}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
