//! Incremental rebuilds equal full builds byte for byte: a session rebuilds
//! after edits, additions, deletions and renames of briefs, experts,
//! templates and site.yaml, and its output is compared with a fresh build.

use crate::harness::{TestSite, brief, expert};
use briefs::config::BuildOptions;
use briefs::incremental::Session;
use briefs::write::MemorySink;
use std::collections::BTreeMap;

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

fn full(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let sink = MemorySink::default();
    briefs::build_into(&opts(site), &sink).unwrap();
    sink.into_files()
}

fn opts(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    }
}

fn assert_same(store: &MemorySink, site: &TestSite, step: &str) {
    let got = store.files.lock().unwrap().clone();
    let want = full(site);
    let got_keys: Vec<_> = got.keys().collect();
    let want_keys: Vec<_> = want.keys().collect();
    assert_eq!(got_keys, want_keys, "files differ after {step}");
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{path} differs after {step}");
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = generated(300);
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    let first = session.rebuild(&store).unwrap();
    assert_eq!(first.reparsed, 311);
    assert_same(&store, &site, "first build");

    let steps: Vec<Step> = vec![
        (
            "editing a brief",
            Box::new(|s| s.write("content/briefs/b150.md", &brief_text(150, "Edited title"))),
        ),
        (
            "adding a brief",
            Box::new(|s| s.write("content/briefs/b999.md", &brief_text(999, "New"))),
        ),
        (
            "deleting a brief",
            Box::new(|s| s.remove("content/briefs/b007.md")),
        ),
        (
            "renaming a brief",
            Box::new(|s| {
                std::fs::rename(
                    s.root().join("content/briefs/b200.md"),
                    s.root().join("content/briefs/renamed.md"),
                )
                .unwrap();
            }),
        ),
        (
            "editing an expert",
            Box::new(|s| {
                s.write(
                    "content/experts/e4.md",
                    &expert("Expert Four", "Director of Research"),
                )
            }),
        ),
        (
            "adding an expert",
            Box::new(|s| s.write("content/experts/e99.md", &expert("New Expert", "Fellow"))),
        ),
        (
            "deleting an unused expert",
            Box::new(|s| s.remove("content/experts/e99.md")),
        ),
        (
            "adding a static file",
            Box::new(|s| s.write("static/x.txt", "x")),
        ),
        (
            "overriding a template",
            Box::new(|s| {
                s.write(
                    "templates/card.html",
                    "<article class=card><h2>{{ brief.title }}</h2></article>",
                )
            }),
        ),
        (
            "changing site.yaml",
            Box::new(|s| {
                s.write(
                    "site.yaml",
                    "title: Renamed Institute\nbase_url: https://test.example.org/\npaginate: 7\n",
                )
            }),
        ),
        (
            "removing a page",
            Box::new(|s| s.remove("content/pages/about.md")),
        ),
    ];
    for (step, change) in steps {
        change(&site);
        let r = session.rebuild(&store).unwrap();
        assert_same(&store, &site, step);
        if step == "editing a brief" {
            assert_eq!(r.reparsed, 1);
            assert!(
                r.written * 10 < r.outputs,
                "{step}: wrote {} of {}",
                r.written,
                r.outputs
            );
        }
    }
}

#[test]
fn a_broken_edit_leaves_the_store_untouched() {
    let site = generated(20);
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    let before = store.files.lock().unwrap().clone();
    site.write(
        "content/briefs/b005.md",
        "---\ntitle: Broken\ndate: 2024-13-45\n---\n",
    );
    assert!(session.rebuild(&store).is_err());
    site.write("templates/brief.html", "{{ brief.nope.missing }}");
    site.write("content/briefs/b005.md", &brief_text(5, "Fixed"));
    assert!(session.rebuild(&store).is_err());
    assert!(*store.files.lock().unwrap() == before);
    site.remove("templates/brief.html");
    session.rebuild(&store).unwrap();
    assert_same(&store, &site, "fixing both");
}

#[test]
fn rebuilds_told_the_changed_paths_equal_full_builds() {
    let site = generated(40);
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    let path = |p: &str| site.root().join(p);
    site.write("content/briefs/b010.md", &brief_text(10, "Hinted edit"));
    let r = session
        .rebuild_paths(&store, &[path("content/briefs/b010.md")])
        .unwrap();
    assert_eq!(r.reparsed, 1);
    assert_same(&store, &site, "a hinted edit");
    site.write("content/briefs/new.md", &brief_text(77, "Hinted new"));
    site.remove("content/briefs/b011.md");
    session
        .rebuild_paths(
            &store,
            &[
                path("content/briefs/new.md"),
                path("content/briefs/b011.md"),
            ],
        )
        .unwrap();
    assert_same(&store, &site, "a hinted add and delete");
    // A folder as a hint means "look at everything".
    site.write(
        "content/briefs/sub/deep.md",
        &brief_text(78, "In a new folder"),
    );
    session
        .rebuild_paths(&store, &[path("content/briefs/sub")])
        .unwrap();
    assert_same(&store, &site, "a new folder");
}
