//! `briefs serve`: runs the development server and prints its progress
//! (address, each rebuild and how long it took, diagnostics of failed builds).

use crate::cli::ServeArgs;
use briefs::{Event, ServeOptions};
use std::sync::Arc;
use std::time::Duration;

/// Serves until Ctrl-C.
pub(crate) fn run(args: ServeArgs) -> anyhow::Result<()> {
    let opts = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        header_timeout: header_timeout(),
    };
    let verbose = args.verbose;
    briefs::serve(opts, Arc::new(move |event| print(event, verbose)))
}

/// `BRIEFS_HEADER_TIMEOUT_MS` shortens the header deadline (for tests).
fn header_timeout() -> Duration {
    std::env::var("BRIEFS_HEADER_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(briefs::SERVE_HEADER_TIMEOUT, Duration::from_millis)
}

/// Prints one event; `verbose` adds the path each rebuild took.
fn print(event: Event, verbose: bool) {
    match event {
        Event::Listening { url } => println!("serving at {url} (Ctrl-C to stop)"),
        Event::Built {
            rebuild,
            generation,
            since_change,
        } => {
            for w in &rebuild.warnings.0 {
                eprintln!("{w}\n");
            }
            let latency = since_change
                .map(|d| format!(", {d:.0?} after the change"))
                .unwrap_or_default();
            let later = match rebuild.deferred.len() {
                0 => String::new(),
                n => format!(" ({n} more that only shifted, feeds and sitemap follow)"),
            };
            println!(
                "build {generation}: {} of {} pages and feeds rendered, {} files read, in {:.0?}{latency}{later}",
                rebuild.written, rebuild.outputs, rebuild.reparsed, rebuild.elapsed
            );
            if verbose {
                println!("  {}", rebuild.path_taken());
            }
        }
        Event::Failed { text, elapsed } => {
            eprintln!("{text}\n(build failed after {elapsed:.0?})");
        }
        Event::WatchError(text) => eprintln!("warning: {text}"),
        Event::Stopping => println!("stopping"),
    }
}
