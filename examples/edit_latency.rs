//! Measures save-to-updated latency of an incremental session on a site:
//! `cargo run --release --example edit_latency -- SITE_ROOT BRIEF_FILE [N] [text|updated|date|topic]`.
//! `text` (the default) appends a line to the body; `updated` sets the
//! brief's `updated:` date (the sitemap and feeds show it); `date` moves
//! its `date:` to another day of December 2024, and so its place in the
//! listing order; `topic` adds a topic no brief had (a new topic page: the
//! full path). Prints each rebuild's time and a median.

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
    let edit = args.get(4).map_or("text", String::as_str);
    anyhow::ensure!(
        ["text", "updated", "date", "topic"].contains(&edit),
        "unknown edit `{edit}`: text, updated, date or topic"
    );
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
        let day = i % 28 + 1;
        let edited = match edit {
            "updated" => {
                original.replacen("\n---\n", &format!("\nupdated: 2025-01-{day:02}\n---\n"), 1)
            }
            "date" => {
                let start = original.find("\ndate: ").map(|i| i + "\ndate: ".len());
                let start = start.ok_or_else(|| anyhow::anyhow!("no `date:` line"))?;
                let end = start + original[start..].find('\n').unwrap_or(0);
                format!("{}2024-12-{day:02}{}", &original[..start], &original[end..])
            }
            "topic" => original.replacen("\ntopics: [", &format!("\ntopics: [\"Probe {i}\", "), 1),
            _ => format!("{original}\nEdit {i}.\n"),
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
