//! The `briefs` binary: parses arguments, runs one command, prints every
//! error with its causes, and exits 0 (ok), 1 (content or build error) or
//! 2 (usage error, from clap).

mod cli;
mod cmd;

use briefs::Diagnostics;
use clap::Parser;
use std::process::ExitCode;

/// jemalloc: a build with search allocates and frees a great deal (see
/// Cargo.toml). Not on musl, where Pagefind's library brings its own.
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::Import(args) => cmd::import::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}

fn report(e: &anyhow::Error) {
    if let Some(diags) = e.downcast_ref::<Diagnostics>() {
        eprintln!("{diags}");
        return;
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
