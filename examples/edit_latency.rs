//! Measures save-to-updated latency of an incremental session on a site:
//! `cargo run --release --example edit_latency -- SITE_ROOT BRIEF_FILE [N] [text|updated]`.
//! `text` (the default) appends a line to the body, an edit of text only;
//! `updated` sets the brief's `updated:` date, an edit that moves the brief
//! in the site (the full path). Prints each rebuild's wall time and a median.

use briefs::config::BuildOptions;
use briefs::incremental::Session;
use briefs::write::MemorySink;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    anyhow::ensure!(
        args.len() >= 3,
        "usage: edit_latency SITE_ROOT BRIEF_FILE [N]"
    );
    let root = PathBuf::from(&args[1]);
    let brief = root.join(&args[2]);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
    let moving = match args.get(4).map(String::as_str) {
        None | Some("text") => false,
        Some("updated") => true,
        Some(other) => anyhow::bail!("unknown edit `{other}`: text or updated"),
    };
    let store = MemorySink::default();
    let mut session = Session::new(BuildOptions {
        root,
        ..BuildOptions::default()
    });
    let t = Instant::now();
    let first = session.rebuild(&store)?;
    println!(
        "initial build: {:?}, {} outputs",
        t.elapsed(),
        first.outputs
    );
    let original = std::fs::read_to_string(&brief)?;
    let mut times = Vec::new();
    for i in 0..n {
        // An editor saves every few seconds: let the previous rebuild's
        // background work (freeing the old model) finish first.
        std::thread::sleep(std::time::Duration::from_millis(
            std::env::var("EDIT_PAUSE_MS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(300),
        ));
        let edited = if moving {
            let updated = format!("updated: 2025-01-{:02}\n---\n", i % 28 + 1);
            original.replacen("\n---\n", &format!("\n{updated}"), 1)
        } else {
            format!("{original}\nEdit {i}.\n")
        };
        std::fs::write(&brief, edited)?;
        let t = Instant::now();
        let r = session.rebuild_paths(&store, std::slice::from_ref(&brief))?;
        times.push(t.elapsed());
        if i == 0 {
            println!(
                "one edit: reparsed {}, wrote {}, removed {}",
                r.reparsed, r.written, r.removed
            );
            for (stage, at) in &r.stages {
                println!("  {stage:<14} done at {at:?}");
            }
        }
    }
    std::fs::write(&brief, original)?;
    times.sort();
    println!(
        "rebuild after an edit: median {:?}, min {:?}, max {:?} over {n}",
        times[n / 2],
        times[0],
        times[n - 1]
    );
    Ok(())
}
