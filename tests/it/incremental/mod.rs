//! Incremental rebuilds equal full builds byte for byte: a session rebuilds
//! after edits, additions, deletions and renames of briefs, experts,
//! templates and site.yaml, and its output is compared with a fresh build.

use crate::harness::{TestSite, brief, expert};
use briefs::{BuildOptions, MemorySink, Rebuild, Session};
use std::collections::BTreeMap;

mod briefs_added;
mod full_path;
mod reference_edits;
mod text_edits;

/// A named change to a site.
type Step = (&'static str, Box<dyn Fn(&TestSite)>);

fn generated(n: usize) -> TestSite {
    let site = TestSite::with_files(&[]);
    for e in 0..10 {
        site.write(
            &format!("content/experts/e{e}.md"),
            &expert(&format!("Expert {e}"), "Fellow"),
        );
    }
    for i in 0..n {
        site.write(
            &format!("content/briefs/b{i:03}.md"),
            &brief_text(i, "Brief"),
        );
    }
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout us.\n",
    );
    site
}

fn brief_text(i: usize, title: &str) -> String {
    let fm = format!(
        "kind: K{}\ntopics: [T{}]\nauthors: [e{}]\nresponses:\n  - expert: e{}\n    quote: \"Q{i}\"\nrelated:\n  - title: Earlier\n    brief: b000\n",
        i % 3,
        i % 5,
        i % 10,
        (i + 3) % 10
    );
    brief(
        &format!("{title} {i}"),
        &format!("2021-01-01T00:{:02}:{:02}Z", (i / 60) % 60, i % 60),
        &fm,
    )
}

/// A full build, less the search bundle (`pagefind/`): a session leaves
/// that to `serve`'s background indexer, so an incremental rebuild equals
/// a full build without it.
pub(crate) fn full(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let sink = MemorySink::default();
    briefs::build_into(&opts(site), &sink).unwrap();
    crate::harness::without_search_bundle(sink.into_files())
}

pub(crate) fn opts(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    }
}

pub(crate) fn assert_same(store: &MemorySink, site: &TestSite, step: &str) {
    let got = store.files.lock().unwrap().clone();
    let want = full(site);
    let got_keys: Vec<_> = got.keys().collect();
    let want_keys: Vec<_> = want.keys().collect();
    assert_eq!(got_keys, want_keys, "files differ after {step}");
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{path} differs after {step}");
    }
}

/// An unpublished brief.
const DRAFT: &str = "---\ntitle: Draft\ndate: 2021-02-01\ndraft: true\n---\nNot yet.\n";

/// A session that has built `site` once, and its store.
pub(crate) fn started(site: &TestSite) -> (MemorySink, Session) {
    let store = MemorySink::default();
    let mut session = Session::new(opts(site));
    session.rebuild(&store).unwrap();
    (store, session)
}

/// A brief whose text can vary while the rest (URL, date, kind, topics,
/// experts and briefs named, at the same front-matter lines) stays put.
fn text_variant(i: usize, title: &str, quote: &str, piece: &str, url: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2021-01-01T00:{:02}:{:02}Z\nsummary: \"Summary of {title}\"\nkind: K{}\ntopics: [T{}]\nauthors: [e{}]\nresponses:\n  - expert: e{}\n    quote: \"{quote}\"\nrelated:\n  - title: \"{piece}\"\n    by: [e1]\n    url: \"{url}\"\n  - title: Earlier\n    brief: b000\nextra:\n  note: \"{title}\"\n---\n{body}\n",
        (i / 60) % 60,
        i % 60,
        i % 3,
        i % 5,
        i % 10,
        (i + 3) % 10
    )
}

/// `r` patched the kept model, and the store and the warnings equal those
/// of a fresh full build.
fn assert_patched_like_full(r: &Rebuild, store: &MemorySink, site: &TestSite, what: &str) {
    assert!(r.patched, "{what} should patch the model");
    assert_same(store, site, what);
    let fresh = Session::new(opts(site))
        .rebuild(&MemorySink::default())
        .unwrap();
    assert_eq!(
        r.warnings.to_string(),
        fresh.warnings.to_string(),
        "warnings after {what}"
    );
}

/// `brief_text(i)` with front-matter lines replaced.
fn brief_changed(i: usize, changes: &[(&str, &str)]) -> String {
    let mut text = brief_text(i, "Brief");
    for (from, to) in changes {
        assert!(text.contains(from), "{from:?} not in brief {i}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// A brief file's slug: its `slug:` line, or its file name.
fn page_slug(site: &TestSite, path: &str) -> String {
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    match text.lines().find_map(|l| l.strip_prefix("slug: ")) {
        Some(slug) => slug.to_string(),
        None => path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string(),
    }
}
