//! The command line, declared with clap: one `Args` struct per subcommand.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// A static site generator for think-tank policy briefs.
#[derive(Debug, Parser)]
#[command(name = "briefs", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output).
    #[command(
        after_help = "Examples:\n  briefs build\n  briefs build --root ../site --output /tmp/out\n  briefs build --base-url https://preview.example.org/ --drafts"
    )]
    Build(BuildArgs),
    /// Deletes a previous output folder moved aside by `build` (internal).
    #[command(hide = true, name = "__remove-trash")]
    RemoveTrash {
        /// A `.<name>.briefs-old-<pid>` folder.
        dir: PathBuf,
    },
}

/// `briefs build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder [default: ROOT/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override base_url from site.yaml (for preview deploys).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include briefs and pages marked draft.
    #[arg(long)]
    pub drafts: bool,
    /// Replace a non-empty output folder that briefs did not make.
    #[arg(long)]
    pub force: bool,
    /// Also print how long each stage took.
    #[arg(long, short)]
    pub verbose: bool,
}
