//! `briefs build`: builds the site and prints what it made and how long it took.

use crate::cli::BuildArgs;
use briefs::config::BuildOptions;
use briefs::write::Trash;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the build; warnings go to stderr, the summary to stdout.
pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let opts = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        now: None,
    };
    let mut report = briefs::build(&opts, args.force)?;
    if let Some(trash) = report.trash.take() {
        dispose(trash);
    }
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
        "built {} briefs, {} experts, {} topics, {} kinds, {} pages: {} HTML pages, {} feeds, {} static files in {:.2?}",
        report.briefs,
        report.experts,
        report.topics,
        report.kinds,
        report.pages,
        r.html_pages,
        r.feeds,
        r.static_files,
        report.elapsed
    );
    Ok(())
}

/// Old sites up to this many files are deleted before `build` returns;
/// larger ones by a background process, so the build is not kept waiting.
const INLINE_DELETE_LIMIT: usize = 2_000;

/// Disposes of the previous site: now if small, else in the background.
fn dispose(trash: Trash) {
    if trash.is_small(INLINE_DELETE_LIMIT) {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let dir = trash.detach();
    let spawned = Command::new(exe)
        .arg("__remove-trash")
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// `briefs __remove-trash DIR`: deletes a folder `build` moved aside.
pub fn remove_trash(dir: &Path) -> anyhow::Result<()> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    anyhow::ensure!(
        name.starts_with('.') && name.contains(".briefs-old-"),
        "refusing to delete {}: not a folder moved aside by briefs build",
        dir.display()
    );
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
