//! Measures save-to-updated latency of an incremental session on a site:
//! `cargo run --release --example edit_latency -- SITE_ROOT BRIEF_FILE [N] [text|updated|date|topic|add|publish|rename|full]`.
//! `text` (the default) appends a line to the body; `updated` sets the
//! brief's `updated:` date (the sitemap and feeds show it); `date` moves
//! its `date:` to another day of December 2024, and so its place in the
//! listing order; `topic` adds a topic no brief had (a new topic page: the
//! full path); `add` saves a new brief, the newest of all, beside it, then
//! deletes it, in turn (every home page shows the count, so every one is
//! rendered again); `publish` makes the brief a draft, then publishes it
//! again, in turn; `rename` spells the brief's first topic in lower case,
//! then as it was, in turn (the newest brief names the topic: every brief
//! in it shows the new name); `full` is the text edit through the full path (the
//! rebuild told nothing of what changed: the baseline). Prints a median of
//! the rebuild times, and how many rebuilds took the full path and why.

use briefs::{BuildOptions, MemorySink, Session};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// The allocator `briefs serve` runs on (src/main.rs), so the figures are
/// the server's.
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
        [
            "text", "updated", "date", "topic", "add", "publish", "rename", "full"
        ]
        .contains(&edit),
        "unknown edit `{edit}`: text, updated, date, topic, add, publish, rename or full"
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
    let probe = brief.with_file_name("2025-06-01-latency-probe.md");
    // To the pages showing the edit (what `serve` publishes first), and
    // to the rest (listing pages that only shifted, feeds, sitemap).
    let mut times = Vec::new();
    let mut whole = Vec::new();
    let mut fallbacks: BTreeMap<String, usize> = BTreeMap::new();
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
            "date" => with_date(&original, &format!("2024-12-{day:02}"))?,
            "topic" => original.replacen("\ntopics: [", &format!("\ntopics: [\"Probe {i}\", "), 1),
            "publish" if i % 2 == 0 => original.replacen("\n---\n", "\ndraft: true\n---\n", 1),
            "rename" if i % 2 == 0 => match original.split_once("\ntopics: [\"") {
                Some((head, tail)) => {
                    let end = tail.find('"').unwrap_or(0);
                    let lower = tail[..end].to_lowercase();
                    format!("{head}\ntopics: [\"{lower}{}", &tail[end..])
                }
                None => anyhow::bail!("no `topics: [\"...` line to rename"),
            },
            "add" | "publish" | "rename" => original.clone(),
            _ => format!("{original}\nEdit {i}.\n"),
        };
        let changed = match edit {
            "add" => probe.clone(),
            _ => brief.clone(),
        };
        match edit {
            "add" if i % 2 == 1 => std::fs::remove_file(&probe)?,
            "add" => std::fs::write(&probe, with_date(&edited, "2025-06-01")?)?,
            _ => std::fs::write(&brief, edited)?,
        }
        let t = Instant::now();
        let r = match edit {
            "full" => session.rebuild(&store)?,
            _ => session.rebuild_paths_first(&store, std::slice::from_ref(&changed))?,
        };
        times.push(t.elapsed());
        if let Some(reason) = &r.fallback {
            *fallbacks.entry(reason.to_string()).or_default() += 1;
        }
        let later = session.finish(&store)?;
        whole.push(t.elapsed());
        if i == 0 {
            println!(
                "one edit: reparsed {}, wrote {} then {later}, removed {}",
                r.reparsed, r.written, r.removed
            );
            for (stage, at) in &r.stages {
                println!("  {stage:<14} done at {at:?}");
            }
        }
    }
    std::fs::write(&brief, original)?;
    if probe.exists() {
        std::fs::remove_file(&probe)?;
    }
    for (what, times) in [
        ("rebuild after an edit", &mut times),
        ("with what follows", &mut whole),
    ] {
        times.sort();
        println!(
            "{what}: median {:?}, min {:?}, max {:?} over {n}",
            times[n / 2],
            times[0],
            times[n - 1]
        );
    }
    let fell_back: usize = fallbacks.values().sum();
    println!("full path taken: {fell_back} of {n} rebuilds");
    for (reason, count) in &fallbacks {
        println!("  {count}x {reason}");
    }
    Ok(())
}

/// A brief's text with its `date:` set to `date`.
fn with_date(text: &str, date: &str) -> anyhow::Result<String> {
    let start = text.find("\ndate: ").map(|i| i + "\ndate: ".len());
    let start = start.ok_or_else(|| anyhow::anyhow!("no `date:` line"))?;
    let end = start + text[start..].find('\n').unwrap_or(0);
    Ok(format!("{}{date}{}", &text[..start], &text[end..]))
}
