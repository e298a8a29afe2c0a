//! `briefs import`: the seed brief (as pasted text and as a WordPress feed
//! item) imports into the demo site's hand conversion; fixture WordPress
//! exports import into the files, errors and report they should; a
//! generated export of hundreds of posts imports, builds, checks clean and
//! imports again without changing a file; `--update` and `--dry-run`.

use crate::harness::{Run, TestSite, repo_root};
use std::collections::BTreeMap;
use std::path::Path;

const SEED: &str = "../shared/seed/000_5875c0b535182659.txt";
const DEMO_BRIEF: &str =
    "content/briefs/2024/2024-11-07-north-korean-and-ukrainian-troops-clash.md";

fn fixture(name: &str) -> String {
    repo_root()
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn seed() -> String {
    repo_root().join(SEED).display().to_string()
}

/// A content file's front matter as parsed YAML values, and its body.
fn parsed(path: &Path) -> (serde_json::Value, String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter closes");
    let front: serde_json::Value = serde_yaml::from_str(&rest[..end + 1]).unwrap();
    (front, rest[end + 5..].to_string())
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn ok(run: Run) -> Run {
    assert_eq!(
        run.status, 0,
        "import failed:\n{}\n{}",
        run.stdout, run.stderr
    );
    run
}

/// The demo site without its hand-converted brief (kept for comparing).
fn demo_without_seed() -> (TestSite, (serde_json::Value, String)) {
    let site = TestSite::demo();
    let want = parsed(&site.root().join(DEMO_BRIEF));
    site.remove(DEMO_BRIEF);
    (site, want)
}

fn check_clean(site: &TestSite) {
    let run = site.run(&["check"]);
    assert_eq!(
        run.status, 0,
        "check failed:\n{}\n{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

/// The seed text, exactly as in ../shared/seed/, imports into the demo's
/// hand conversion. Compared: the whole front matter as parsed YAML values
/// (title, date, kind, topics, authors, the three responses with their
/// expert ids and quotes, the four related entries with by / by_name /
/// brief) and the body, byte for byte. Topics and authors are not in the
/// text: they are given with --topic and --author. Not compared: the file
/// name (the text has no slug, so it comes from the title).
#[test]
fn seed_text_imports_as_the_demo_brief() {
    let (site, (want_front, want_body)) = demo_without_seed();
    let run = ok(site.run(&[
        "import",
        &seed(),
        "--date",
        "2024-11-07",
        "--topic",
        "Russia",
        "--topic",
        "Ukraine",
        "--topic",
        "North Korea",
        "--author",
        "John Hardie",
    ]));
    let path = "content/briefs/2024/2024-11-07-in-escalation-of-russian-invasion-north-korean-and-ukrainian-troops-clash-for.md";
    assert!(run.stdout.contains(path), "{}", run.stdout);
    let (front, body) = parsed(&site.root().join(path));
    assert_eq!(front, want_front);
    assert_eq!(body, want_body);
    assert!(!body.contains("appeared first on"));
    assert!(
        run.stdout.contains("1 briefs, 0 experts"),
        "experts are matched by name, not made: {}",
        run.stdout
    );
    check_clean(&site);
}

/// The same brief as HTML in a WordPress RSS item (dc:creator, categories,
/// a permalink whose last segment is the demo's slug) imports the same
/// way: the same file name, front matter and body, except `date`, which the
/// feed gives with a time of day: compared as the day in the site's time
/// zone (America/New_York).
#[test]
fn seed_as_feed_item_imports_the_same() {
    let (site, (mut want_front, want_body)) = demo_without_seed();
    let run = ok(site.run(&["import", &fixture("seed-feed.xml")]));
    assert!(run.stdout.contains("RSS feed"), "{}", run.stdout);
    let (mut front, body) = parsed(&site.root().join(DEMO_BRIEF));
    assert_eq!(front["date"], "2024-11-07T20:31:00Z");
    let day = "2024-11-07T20:31:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap()
        .in_tz("America/New_York")
        .unwrap()
        .date();
    assert_eq!(day.to_string(), want_front["date"]);
    front["date"] = want_front["date"].take();
    want_front["date"] = front["date"].clone();
    assert_eq!(front, want_front);
    assert_eq!(body, want_body);
    assert!(
        !run.stdout.contains("warning"),
        "the footer's links went with it: {}",
        run.stdout
    );
    check_clean(&site);
}

/// Speakers the site lacks become experts with honorific, role and program.
#[test]
fn seed_speakers_become_experts() {
    let (site, _) = demo_without_seed();
    let demo_experts = ["clifford-d-may", "mark-montgomery", "john-hardie"];
    let mut want = Vec::new();
    for id in demo_experts {
        let path = format!("content/experts/{id}.md");
        want.push(parsed(&site.root().join(&path)).0);
        site.remove(&path);
    }
    ok(site.run(&[
        "import",
        &seed(),
        "--date",
        "2024-11-07",
        "--topic",
        "Russia",
    ]));
    for (id, want) in demo_experts.iter().zip(want) {
        let (got, _) = parsed(&site.root().join(format!("content/experts/{id}.md")));
        for key in ["name", "honorific", "role", "program"] {
            assert_eq!(
                got.get(key).unwrap_or(&"".into()),
                want.get(key).unwrap_or(&"".into()),
                "{id}: {key}"
            );
        }
    }
    check_clean(&site);
}

#[test]
fn pasted_text_needs_a_title_and_a_date() {
    let site = TestSite::with_files(&[("brief.txt", "Latest Developments\n• A: b\n")]);
    let run = site.run(&["import", "brief.txt", "--date", "2024-11-07"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("brief.txt: error: pasted text has no title"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--title"), "{}", run.stderr);
    let run = site.run(&["import", "brief.txt", "--title", "T"]);
    assert!(
        run.stderr.contains("pasted text has no date"),
        "{}",
        run.stderr
    );
    let run = site.run(&[
        "import",
        "brief.txt",
        "--title",
        "T",
        "--date",
        "2024-02-30",
    ]);
    assert!(run.stderr.contains("--date"), "{}", run.stderr);
    assert!(!site.root().join("content").exists());
}
