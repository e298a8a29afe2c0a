//! The command line, declared with clap: one `Args` struct per subcommand.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// A static site generator for think-tank policy briefs.
#[derive(Debug, Parser)]
#[command(name = "briefs", version, about, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into public/ (or --output).
    #[command(
        after_help = "Examples:\n  briefs build\n  briefs build --root ../site --output /tmp/out\n  briefs build --base-url https://preview.example.org/ --drafts"
    )]
    Build(BuildArgs),
    /// Serve the site locally, rebuilding and reloading the browser on every change.
    #[command(
        after_help = "Builds the site into memory with base_url http://BIND:PORT/ and serves it; \
watches site.yaml, content/, static/, templates/ and themes/, rebuilds on change and reloads \
open pages. A broken edit shows its errors in the terminal and over the page while the last \
good site stays up. Nothing is written to disk. Ctrl-C stops it.\n\n\
Examples:\n  briefs serve\n  briefs serve --drafts --port 8080\n  briefs serve --root ../site --bind 127.0.0.1"
    )]
    Serve(ServeArgs),
    /// Validate everything a build does plus every internal link and anchor; write nothing.
    #[command(
        after_help = "Renders the whole site into memory and follows every same-site link of every \
page and feed: each must point at a page, file or #anchor that exists, and no page may have \
two elements with the same id. Exit status 0 when clean, 1 on any problem (fit for a \
pre-commit hook).\n\n\
Examples:\n  briefs check\n  briefs check --drafts\n  briefs check --root ../site\n  \
briefs check --base-url https://org.github.io/briefs/"
    )]
    Check(CheckArgs),
    /// Make a new brief or expert file with complete front matter.
    #[command(
        subcommand,
        after_help = "Examples:\n  briefs new brief \"Iran Tests New Missile\" --expert clifford-d-may --topic Iran\n  briefs new expert \"Clifford D. May\""
    )]
    New(NewCommand),
    /// Make a new site in DIR that builds at once.
    #[command(
        after_help = "DIR must be missing or empty. The site uses the theme built into briefs; \
--theme copies it into DIR/themes/default/ to customise.\n\n\
Examples:\n  briefs init my-briefs\n  briefs init my-briefs --theme\n  cd my-briefs && briefs serve"
    )]
    Init(InitArgs),
    /// Import briefs, experts and pages from WordPress exports, WordPress feeds or pasted flash briefs.
    #[command(
        after_help = "Writes only when every source was read; never overwrites a file an editor changed. \
Prints what it wrote, what it skipped and why, what to review, and the links into the old site \
that still point there. Hashes of the files it wrote are kept in briefs-import.json.\n\n\
Examples:\n  briefs import export.xml --dry-run\n  briefs import export.xml --uploads ~/backup/wp-content/uploads\n  \
briefs import feed.xml --update\n  briefs import arabic-feed.xml --lang ar\n  briefs import brief.txt --title \"Troops Clash\" --date 2024-11-07 --topic Russia --author \"John Hardie\""
    )]
    Import(ImportArgs),
}

/// `briefs new ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// Write content/briefs/YYYY-MM-DD-<slug>.md, dated today, as a draft.
    #[command(
        after_help = "The brief is a draft (draft: true): `briefs serve --drafts` or `briefs build --drafts` shows it. \
Each --expert becomes a response to fill in; unknown expert ids are an error listing the known ones.\n\n\
Examples:\n  briefs new brief \"Iran Tests New Missile\"\n  briefs new brief \"Troops Clash\" --expert clifford-d-may --topic Russia --topic Ukraine --kind \"Flash Brief\""
    )]
    Brief(NewBriefArgs),
    /// Write content/experts/<id>.md; the id is the slug of the name.
    #[command(
        after_help = "Examples:\n  briefs new expert \"Clifford D. May\"    # writes content/experts/clifford-d-may.md\n  briefs new expert \"أمل حداد\" --id amal-haddad"
    )]
    Expert(NewExpertArgs),
}

/// `briefs serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The IP address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include briefs and pages marked draft.
    #[arg(long)]
    pub drafts: bool,
    /// After each rebuild, say which path it took (quick or full) and,
    /// for the full path, why.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `briefs check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Override base_url from site.yaml, as `build --base-url` does.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include briefs and pages marked draft.
    #[arg(long)]
    pub drafts: bool,
}

/// `briefs new brief`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewBriefArgs {
    /// The brief's title.
    pub title: String,
    /// An expert id to quote (repeatable).
    #[arg(long = "expert", value_name = "ID")]
    pub experts: Vec<String>,
    /// A topic (repeatable).
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// The kind [default: Brief].
    #[arg(long)]
    pub kind: Option<String>,
    /// The URL slug (for a title in a non-Latin script) [default: from the title].
    #[arg(long)]
    pub slug: Option<String>,
    /// The brief's language, when not the site's default (`lang:`).
    #[arg(long)]
    pub lang: Option<String>,
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// `briefs new expert`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewExpertArgs {
    /// The expert's full name.
    pub name: String,
    /// The expert's id (file name and URL) [default: from the name].
    #[arg(long)]
    pub id: Option<String>,
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// `briefs init`.
#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to make the site in (missing or empty).
    pub dir: PathBuf,
    /// Copy the default theme into DIR/themes/default/ for customising.
    #[arg(long)]
    pub theme: bool,
}

/// `briefs build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
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

/// `briefs import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// WordPress exports (WXR), WordPress RSS feeds or pasted flash-brief
    /// text files; each kind is told by its content.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Say what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rewrite files imported before that nobody has edited since.
    #[arg(long)]
    pub update: bool,
    /// A copy of the old site's wp-content/uploads folder: linked files
    /// found there are copied into static/uploads/.
    #[arg(long, value_name = "DIR")]
    pub uploads: Option<PathBuf>,
    /// The title of pasted text [default: from its "The post … appeared first on …" line].
    #[arg(long)]
    pub title: Option<String>,
    /// The date of pasted text (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub date: Option<String>,
    /// A topic of pasted text (repeatable).
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// An author of pasted text, by name or expert id (repeatable).
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// The language of what is imported, a language of the site (default:
    /// each export's or feed's <language>; the default language's files get
    /// no `lang:`).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
}
