//! Benchmarks of the build stages on generated corpora (divan):
//! `parse` (load, parse and assemble: `load_site`), `render` (templates and
//! every output file, into a sink that discards), and `full_build` (the whole
//! build to disk, staging and swap included). Run: `cargo bench --bench build`.
//!
//! (`corpus` runs past 80 lines: it writes the corpus's site.yaml,
//! experts and briefs, one kind of file after another.)

use briefs::{BuildOptions, MemorySink, Session, Sink};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

/// Corpus sizes measured.
const SIZES: &[usize] = &[250, 1000];

/// A sink that throws everything away: measures rendering alone.
struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, bytes: &[u8]) -> std::io::Result<()> {
        divan::black_box(bytes.len());
        Ok(())
    }
    fn copy(&self, _: &Path, _: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes (once per size) a corpus shaped like ../shared/bench/gen_corpus.py:
/// 200 experts, 40 topics, 4 kinds, ~4 KB bodies, 3 responses, 4 related.
fn corpus(n: usize) -> PathBuf {
    let root = std::env::temp_dir().join(format!("briefs-bench-{n}"));
    if root.join("site.yaml").exists() {
        return root;
    }
    let write = |p: &str, text: &str| {
        let path = root.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.yaml",
        "title: Bench Institute\nbase_url: https://bench.example.org\norganisation: BI\n",
    );
    let words = "artillery troops deployment sanctions escalation ceasefire oblast offensive drones missile alliance treaty parliament ministry".split(' ').collect::<Vec<_>>();
    let mut seed = 7u64;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    let para = |next: &mut dyn FnMut(usize) -> usize, sentences: usize| {
        let mut s = String::new();
        for _ in 0..sentences {
            for i in 0..14 {
                let w = words[next(words.len())];
                if i == 0 {
                    s.push_str(&w[..1].to_uppercase());
                    s.push_str(&w[1..]);
                } else {
                    s.push(' ');
                    s.push_str(w);
                }
            }
            s.push_str(". ");
        }
        s
    };
    for e in 0..200 {
        write(
            &format!("content/experts/expert-{e:04}.md"),
            &format!(
                "---\nname: \"Expert {e}\"\nrole: Senior Fellow\n---\n{}\n",
                para(&mut next, 5)
            ),
        );
    }
    for i in 0..n {
        let mut fm = format!(
            "title: \"Brief {i} {}\"\ndate: {}-{:02}-{:02}\nkind: K{}\ntopics: [\"Topic {}\", \"Topic {}\"]\nauthors: [expert-{:04}]\nresponses:\n",
            words[next(words.len())],
            2015 + i % 10,
            1 + i % 12,
            1 + i % 28,
            next(4),
            next(40),
            next(40),
            next(200)
        );
        for _ in 0..3 {
            let _ = write!(
                fm,
                "  - expert: expert-{:04}\n    quote: \"{}\"\n",
                next(200),
                para(&mut next, 3)
            );
        }
        fm.push_str("related:\n");
        for r in 0..4 {
            let _ = write!(
                fm,
                "  - title: \"Related {r}\"\n    by: [expert-{:04}]\n    url: https://example.org/a/{}\n",
                next(200),
                next(1_000_000)
            );
        }
        let body = format!(
            "## Latest Developments\n\n- **Lead:** {}\n- **Second:** {}\n- **Third:** {}\n\n{}\n",
            para(&mut next, 3),
            para(&mut next, 3),
            para(&mut next, 3),
            para(&mut next, 3)
        );
        write(
            &format!("content/briefs/{}/brief-{i:06}.md", 2015 + i % 10),
            &format!("---\n{fm}---\n{body}"),
        );
    }
    root
}

fn options(root: PathBuf) -> BuildOptions {
    BuildOptions {
        output: Some(root.join("public")),
        root,
        ..BuildOptions::default()
    }
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse(bencher: divan::Bencher, n: usize) {
    let opts = options(corpus(n));
    bencher.bench(|| briefs::bench::load(&opts).ok());
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn render(bencher: divan::Bencher, n: usize) {
    let opts = options(corpus(n));
    let Ok(render) = briefs::bench::renderer(&opts) else {
        panic!("corpus or templates do not load")
    };
    bencher.bench(|| render(&NullSink).ok());
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn full_build(bencher: divan::Bencher, n: usize) {
    let opts = options(corpus(n));
    bencher.bench(|| {
        briefs::build(&opts, false)
            .ok()
            .map(|r| r.render.html_pages)
    });
}

/// Save-to-updated latency while serving: one brief's file is rewritten and
/// an incremental session brings the in-memory site up to date. Unhinted,
/// the session checks every file and takes the full path (re-assembling the
/// model); told the path, as the watcher tells it, a text edit takes the
/// quick path (patching the kept model).
#[divan::bench(args = [1000, 10000], sample_count = 10)]
fn incremental_edit(bencher: divan::Bencher, n: usize) {
    edit_loop(bencher, n, false);
}

/// [`incremental_edit`] told the changed path: the quick path.
#[divan::bench(args = [1000, 10000], sample_count = 10)]
fn incremental_text_edit(bencher: divan::Bencher, n: usize) {
    edit_loop(bencher, n, true);
}

fn edit_loop(bencher: divan::Bencher, n: usize, hinted: bool) {
    let root = corpus(n);
    let store = MemorySink::default();
    let mut session = Session::new(options(root.clone()));
    let Ok(_) = session.rebuild(&store) else {
        panic!("corpus does not build")
    };
    let path = root.join("content/briefs/2015/brief-000000.md");
    let original = std::fs::read_to_string(&path).unwrap_or_default();
    let mut edits = 0usize;
    bencher.bench_local(|| {
        edits += 1;
        let edited = format!("{original}\nEdit number {edits}.\n");
        std::fs::write(&path, edited).ok();
        let rebuilt = match hinted {
            true => session.rebuild_paths(&store, std::slice::from_ref(&path)),
            false => session.rebuild(&store),
        };
        rebuilt.map(|r| r.written).ok()
    });
    std::fs::write(&path, original).ok();
}

/// A new brief saved, the newest of all, then deleted, in turn, told the
/// path: the quick path puts it in and takes it out of the kept model; every
/// home page shows the count, so each is rendered again (all of it counted
/// here; `serve` publishes the pages showing the brief first).
#[divan::bench(args = [1000, 10000], sample_count = 10)]
fn incremental_add_delete(bencher: divan::Bencher, n: usize) {
    let root = corpus(n);
    let store = MemorySink::default();
    let mut session = Session::new(options(root.clone()));
    let Ok(_) = session.rebuild(&store) else {
        panic!("corpus does not build")
    };
    let original = std::fs::read_to_string(root.join("content/briefs/2015/brief-000000.md"))
        .unwrap_or_default();
    let text = match original.find("\ndate: ") {
        Some(at) => {
            let end = at + 1 + original[at + 1..].find('\n').unwrap_or(0);
            format!("{}\ndate: 2030-01-01{}", &original[..at], &original[end..])
        }
        None => original.clone(),
    };
    let path = root.join("content/briefs/2015/bench-added.md");
    bencher.bench_local(|| {
        if path.exists() {
            std::fs::remove_file(&path).ok();
        } else {
            std::fs::write(&path, &text).ok();
        }
        let rebuilt = session.rebuild_paths(&store, std::slice::from_ref(&path));
        rebuilt.map(|r| r.written).ok()
    });
    std::fs::remove_file(&path).ok();
}
