//! Incremental rebuilds equal full builds byte for byte: a session rebuilds
//! after edits, additions, deletions and renames of briefs, experts,
//! templates and site.yaml, and its output is compared with a fresh build.

use crate::harness::{TestSite, brief, expert};
use briefs::{BuildOptions, MemorySink, Rebuild, Session};
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
                );
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
                );
            }),
        ),
        (
            "changing site.yaml",
            Box::new(|s| {
                s.write(
                    "site.yaml",
                    "title: Renamed Institute\nbase_url: https://test.example.org/\npaginate: 7\n",
                );
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

/// An unpublished brief.
const DRAFT: &str = "---\ntitle: Draft\ndate: 2021-02-01\ndraft: true\n---\nNot yet.\n";

/// A session that has built `site` once, and its store.
pub(crate) fn started(site: &TestSite) -> (MemorySink, Session) {
    let store = MemorySink::default();
    let mut session = Session::new(opts(site));
    session.rebuild(&store).unwrap();
    (store, session)
}

/// A brief whose text can vary while its shape (URL, date, kind, topics,
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

#[test]
fn text_edits_patch_the_kept_model_and_equal_full_builds() {
    let site = generated(70);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\norganisation: O\npaginate: 7\n",
    );
    site.write(
        "content/briefs/b033.md",
        &text_variant(33, "Start", "Q", "Piece", "https://a.example/", "Body."),
    );
    site.write("content/briefs/draft.md", DRAFT);
    let (store, mut session) = started(&site);
    assert_same(&store, &site, "the first build");
    let hint = |p: &str| vec![site.root().join(p)];
    let steps: Vec<(&str, &str, String)> = vec![
        (
            "the body",
            "content/briefs/b033.md",
            text_variant(
                33,
                "Start",
                "Q",
                "Piece",
                "https://a.example/",
                "A *new* body.",
            ),
        ),
        (
            "the title",
            "content/briefs/b033.md",
            text_variant(
                33,
                "Retitled",
                "Q",
                "Piece",
                "https://a.example/",
                "A *new* body.",
            ),
        ),
        (
            "a quote",
            "content/briefs/b033.md",
            text_variant(
                33,
                "Retitled",
                "New quote & more",
                "Piece",
                "https://a.example/",
                "A *new* body.",
            ),
        ),
        (
            "a related piece",
            "content/briefs/b033.md",
            text_variant(
                33,
                "Retitled",
                "New quote & more",
                "Other piece?",
                "https://b.example/x",
                "A *new* body.",
            ),
        ),
        (
            "a brief other briefs cite",
            "content/briefs/b000.md",
            brief_text(0, "Cited, retitled"),
        ),
        (
            "the oldest brief",
            "content/briefs/b069.md",
            brief_text(69, "Oldest, retitled"),
        ),
        (
            "a draft",
            "content/briefs/draft.md",
            "---\ntitle: Draft\ndate: 2021-02-01\ndraft: true\n---\nStill not.\n".into(),
        ),
    ];
    for (what, path, text) in &steps {
        site.write(path, text);
        let r = session.rebuild_paths(&store, &hint(path)).unwrap();
        assert!(r.patched, "editing {what} should patch the model");
        assert_eq!(r.reparsed, 1, "editing {what}");
        assert_same(&store, &site, &format!("editing {what}"));
    }
    // Saved the way vim does: a test file and a backup come and go.
    site.write(
        "content/briefs/b033.md",
        &text_variant(33, "Saved by vim", "Q", "P", "https://a.example/", "Body."),
    );
    let mut burst = hint("content/briefs/4913");
    burst.extend(hint("content/briefs/b033.md~"));
    burst.extend(hint("content/briefs/b033.md"));
    let r = session.rebuild_paths(&store, &burst).unwrap();
    assert_eq!((r.patched, r.reparsed), (true, 1));
    assert_same(&store, &site, "a save with swap files");
    // A folder of briefs moved away: one event, for the folder.
    site.write("content/briefs/sub/moved.md", &brief_text(80, "Moved away"));
    session.rebuild(&store).unwrap();
    std::fs::rename(
        site.root().join("content/briefs/sub"),
        site.root().join("elsewhere"),
    )
    .unwrap();
    let r = session
        .rebuild_paths(&store, &hint("content/briefs/sub"))
        .unwrap();
    assert!(!r.patched);
    assert_same(&store, &site, "a folder moved away");
    // A draft gains experts and topics: it still shows nowhere.
    site.write(
        "content/briefs/draft.md",
        &DRAFT.replace("draft: true", "draft: true\ntopics: [New]\nauthors: [e1]"),
    );
    let r = session
        .rebuild_paths(&store, &hint("content/briefs/draft.md"))
        .unwrap();
    assert_eq!((r.patched, r.written), (true, 0));
    assert_same(&store, &site, "a draft's references");
    // The draft shows nowhere: nothing to write.
    let r = session
        .rebuild_paths(&store, &hint("content/briefs/draft.md"))
        .unwrap();
    assert_eq!((r.patched, r.reparsed, r.written), (true, 0, 0));
    // Two briefs in one burst of saves.
    site.write("content/briefs/b001.md", &brief_text(1, "Both"));
    site.write("content/briefs/b050.md", &brief_text(50, "Both"));
    let mut both = hint("content/briefs/b001.md");
    both.extend(hint("content/briefs/b050.md"));
    let r = session.rebuild_paths(&store, &both).unwrap();
    assert_eq!((r.patched, r.reparsed), (true, 2));
    assert_same(&store, &site, "editing two briefs at once");
    // A full rebuild after patches renders what the patches touched again,
    // and agrees with a fresh build.
    site.write("content/experts/e1.md", &expert("Expert One", "Director"));
    let r = session.rebuild(&store).unwrap();
    assert!(!r.patched);
    assert_same(&store, &site, "a full rebuild after patches");
    // Back to the very first text of a brief patched before: still right.
    site.write("content/briefs/b000.md", &brief_text(0, "Brief"));
    session
        .rebuild_paths(&store, &hint("content/briefs/b000.md"))
        .unwrap();
    site.write("content/experts/e2.md", &expert("Expert Two", "Director"));
    session.rebuild(&store).unwrap();
    assert_same(&store, &site, "reverting a patched brief");
}

#[test]
fn a_template_error_met_on_the_quick_path_changes_nothing() {
    let site = generated(20);
    site.write(
        "templates/brief.html",
        "{% extends \"base.html\" %}{% block content %}{% if brief.title == \"Boom 7\" %}{{ brief.nope.missing }}{% endif %}{{ brief.title }}{% endblock %}",
    );
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    let before = store.files.lock().unwrap().clone();
    let hint = vec![site.root().join("content/briefs/b007.md")];
    site.write("content/briefs/b007.md", &brief_text(7, "Boom"));
    assert!(session.rebuild_paths(&store, &hint).is_err());
    assert!(*store.files.lock().unwrap() == before);
    site.write("content/briefs/b007.md", &brief_text(7, "Calm"));
    let r = session.rebuild_paths(&store, &hint).unwrap();
    assert!(!r.patched, "after an error the model is assembled again");
    assert_same(&store, &site, "fixing the text");
}

#[test]
fn a_template_error_in_what_follows_changes_nothing_or_only_the_first_pages() {
    let site = generated(20);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\norganisation: O\npaginate: 5\n",
    );
    // Home page 2 breaks once there are 21 briefs; page 1 never does.
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}{% if paginator.current == 2 and paginator.items == 21 %}{{ paginator.nope.missing }}{% endif %}{% for brief in briefs %}{{ brief.title }}{% endfor %}{% endblock content %}",
    );
    let (store, mut session) = started(&site);
    assert_same(&store, &site, "the first build");
    let before = store.files.lock().unwrap().clone();
    let new = "content/briefs/new.md";
    let hint = vec![site.root().join(new)];
    site.write(new, &reshaped(90, &[]));
    // Both steps at once: nothing changes.
    assert!(session.rebuild_paths(&store, &hint).is_err());
    assert!(*store.files.lock().unwrap() == before);
    site.remove(new);
    let r = session.rebuild_paths(&store, &hint).unwrap();
    assert!(!r.patched, "after an error the model is assembled again");
    assert_same(&store, &site, "taking the brief out");
    // Step by step (as serve goes): the first pages, then the error.
    site.write(new, &reshaped(91, &[]));
    let first = session.rebuild_paths_first(&store, &hint).unwrap();
    assert!(first.patched);
    assert!(first.deferred.contains(&"page/2/index.html".to_string()));
    assert!(
        store
            .files
            .lock()
            .unwrap()
            .contains_key("briefs/new/index.html")
    );
    assert!(session.finish(&store).is_err());
    site.remove(new);
    let r = session.rebuild_paths(&store, &hint).unwrap();
    assert!(!r.patched, "after an error the model is assembled again");
    assert_same(&store, &site, "taking the brief out again");
}

#[test]
fn an_embargo_that_passes_ends_the_quick_path() {
    let site = generated(10);
    let due = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    site.write(
        "content/briefs/later.md",
        &brief("Later", "2021-03-01", &format!("embargo: {due}\n")),
    );
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    site.write(
        "content/briefs/b003.md",
        &brief_text(3, "After the embargo"),
    );
    let r = session
        .rebuild_paths(&store, &[site.root().join("content/briefs/b003.md")])
        .unwrap();
    assert!(
        !r.patched,
        "a brief came out of embargo: the site changed shape"
    );
    assert!(
        store
            .files
            .lock()
            .unwrap()
            .contains_key("briefs/later/index.html")
    );
    assert_same(&store, &site, "the embargo passing");
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
fn reshaped(i: usize, changes: &[(&str, &str)]) -> String {
    let mut text = brief_text(i, "Brief");
    for (from, to) in changes {
        assert!(text.contains(from), "{from:?} not in brief {i}");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn reference_edits_patch_the_kept_model_and_equal_full_builds() {
    let site = generated(70);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\norganisation: O\npaginate: 10\nfeed:\n  limit: 12\n",
    );
    site.write("content/briefs/draft.md", DRAFT);
    let (store, mut session) = started(&site);
    // b033: kind K0, topic T3, author e3, quoted e6, cites b000.
    let (quote, second) = (
        "    quote: \"Q33\"\n",
        "  - expert: e1\n    quote: \"Also\"\n",
    );
    let piece = "related:\n  - title: Op-ed\n    by: [e5]\n    url: https://news.example/x\n";
    let steps: Vec<(&str, usize, &str, String)> = vec![
        (
            "an author added",
            33,
            "authors: [e3]",
            "authors: [e3, e7]".into(),
        ),
        ("the quoted expert", 33, "expert: e6", "expert: e8".into()),
        ("a second quote", 33, quote, format!("{quote}{second}")),
        ("another topic", 33, "topics: [T3]", "topics: [T4]".into()),
        (
            "a second topic",
            33,
            "topics: [T3]",
            "topics: [T3, T1]".into(),
        ),
        ("the kind", 33, "kind: K0", "kind: K2".into()),
        ("the cited brief", 33, "brief: b000", "brief: b069".into()),
        ("a cited draft", 33, "brief: b000", "brief: draft".into()),
        (
            "a related piece by an expert",
            33,
            "related:\n",
            piece.into(),
        ),
        (
            "an update date",
            33,
            "kind: K0",
            "updated: 2022-05-01\nkind: K0".into(),
        ),
        ("no topics", 33, "topics: [T3]\n", String::new()),
        (
            "the kind of a brief every brief cites",
            0,
            "kind: K0",
            "kind: K1".into(),
        ),
        (
            "the newest brief's experts",
            69,
            "authors: [e9]",
            "authors: [e0]".into(),
        ),
        (
            "the date, one place on",
            33,
            "00:00:33Z",
            "00:00:34Z".into(),
        ),
        ("the date, pages on", 33, "00:00:33Z", "00:00:59Z".into()),
        (
            "the date, to the end",
            33,
            "2021-01-01T00:00:33Z",
            "2020-01-01T00:00:00Z".into(),
        ),
        ("the date, to the top", 33, "00:00:33Z", "00:01:30Z".into()),
        (
            "the date of a brief all cite",
            0,
            "00:00:00Z",
            "00:00:45Z".into(),
        ),
        (
            "date and topic",
            20,
            "00:20Z\nkind: K2\ntopics: [T0]",
            "05Z\nkind: K2\ntopics: [T1]".into(),
        ),
    ];
    for (what, i, from, to) in &steps {
        let path = format!("content/briefs/b{i:03}.md");
        site.write(&path, &reshaped(*i, &[(from, to)]));
        let r = session
            .rebuild_paths(&store, &[site.root().join(&path)])
            .unwrap();
        assert_patched_like_full(&r, &store, &site, &format!("changing {what}"));
    }
}

#[test]
fn group_renames_patch_the_model_and_broken_links_take_the_full_path() {
    let site = generated(70);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\norganisation: O\npaginate: 10\n",
    );
    // T4's newest brief spells it `T4`, the next one `t4`.
    site.write(
        "content/briefs/b064.md",
        &reshaped(64, &[("topics: [T4]", "topics: [t4]")]),
    );
    site.write(
        "content/briefs/b010.md",
        &reshaped(10, &[("brief: b000", "brief: b020")]),
    );
    let (store, mut session) = started(&site);
    let b069 = "content/briefs/b069.md";
    site.write(
        b069,
        &reshaped(69, &[("2021-01-01T00:01:09Z", "2020-01-01T00:00:00Z")]),
    );
    let r = session
        .rebuild_paths(&store, &[site.root().join(b069)])
        .unwrap();
    // The topic's name becomes `t4`: every brief in it shows that.
    assert_patched_like_full(
        &r,
        &store,
        &site,
        "a topic renamed by moving its first brief",
    );
    // K0's newest brief spells it `k0`: so does every brief in it, and
    // every brief citing one (all cite b000) shows it.
    let b066 = "content/briefs/b066.md";
    site.write(b066, &reshaped(66, &[("kind: K0", "kind: k0")]));
    let first = session
        .rebuild_paths_first(&store, &[site.root().join(b066)])
        .unwrap();
    assert!(
        first
            .deferred
            .contains(&"briefs/b003/index.html".to_string())
    );
    assert!(
        !first
            .deferred
            .contains(&"briefs/b066/index.html".to_string())
    );
    session.finish(&store).unwrap();
    assert_patched_like_full(&first, &store, &site, "a kind renamed by its first brief");
    let b33 = "content/briefs/b033.md";
    let hint = vec![site.root().join(b33)];
    // b010 cites b020: its link would change, or break.
    let b020 = "content/briefs/b020.md";
    let before = store.files.lock().unwrap().clone();
    for broken in [
        Some(reshaped(20, &[("kind: K2", "slug: moved\nkind: K2")])),
        None,
    ] {
        match &broken {
            Some(text) => site.write(b020, text),
            None => site.remove(b020),
        }
        let err = session
            .rebuild_paths(&store, &[site.root().join(b020)])
            .unwrap_err();
        assert!(format!("{err:?}").contains("b020"), "b010's link: {err:?}");
        assert!(*store.files.lock().unwrap() == before);
    }
    site.write(b020, &brief_text(20, "Brief"));
    session
        .rebuild_paths(&store, &[site.root().join(b020)])
        .unwrap();
    assert_same(&store, &site, "restoring a cited brief");
    // Another file's URL: reported, and nothing changes.
    let before = store.files.lock().unwrap().clone();
    site.write(b33, &reshaped(33, &[("kind: K0", "slug: b034\nkind: K0")]));
    let err = session.rebuild_paths(&store, &hint).unwrap_err();
    assert!(format!("{err:?}").contains("b034"), "a taken URL: {err:?}");
    assert!(*store.files.lock().unwrap() == before);
    // An unknown expert: the full path reports it, and nothing changes.
    site.write(b33, &brief_text(33, "Brief"));
    session.rebuild_paths(&store, &hint).unwrap();
    let before = store.files.lock().unwrap().clone();
    site.write(
        b33,
        &reshaped(33, &[("authors: [e3]", "authors: [nobody]")]),
    );
    let err = session.rebuild_paths(&store, &hint).unwrap_err();
    assert!(err.to_string().contains("nobody") || format!("{err:?}").contains("nobody"));
    assert!(*store.files.lock().unwrap() == before);
    site.write(b33, &reshaped(33, &[("authors: [e3]", "authors: [e4]")]));
    session.rebuild_paths(&store, &hint).unwrap();
    assert_same(&store, &site, "fixing the unknown expert");
}

#[test]
fn briefs_added_removed_published_and_renamed_patch_the_kept_model() {
    let site = generated(70);
    // Seven to a page: the home listing has ten full pages, topic T0
    // fourteen briefs (two full pages), kind K0 twenty-four.
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\norganisation: O\npaginate: 7\nfeed:\n  limit: 12\n",
    );
    site.write("content/experts/idle.md", &expert("Idle Expert", "Fellow"));
    site.write("content/briefs/draft.md", DRAFT);
    let b010 = reshaped(10, &[("brief: b000", "brief: b020")]);
    site.write("content/briefs/b010.md", &b010);
    let (store, mut session) = started(&site);
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3600);
    let b033 = "content/briefs/b033.md";
    let new = "content/briefs/2021/new.md";
    let b050 = "content/briefs/b050.md";
    let b020 = "content/briefs/b020.md";
    let b040 = "content/briefs/b040.md";
    let d2 = "content/briefs/d2.md";
    let embargoed = format!("embargo: {later}\nkind: K0");
    // What each step writes to a file (`None`: deletes it).
    let steps: Vec<(&str, &str, Option<String>)> = vec![
        (
            "an idle expert's first brief",
            b033,
            Some(reshaped(33, &[("authors: [e3]", "authors: [e3, idle]")])),
        ),
        (
            "an idle expert's last brief",
            b033,
            Some(brief_text(33, "Brief")),
        ),
        (
            "the slug",
            b033,
            Some(reshaped(33, &[("kind: K0", "slug: elsewhere\nkind: K0")])),
        ),
        (
            "the slug and the date",
            b033,
            Some(reshaped(
                33,
                &[
                    ("kind: K0", "slug: again\nkind: K0"),
                    ("00:00:33Z", "00:01:05Z"),
                ],
            )),
        ),
        (
            "unpublishing",
            b033,
            Some(reshaped(33, &[("kind: K0", "draft: true\nkind: K0")])),
        ),
        (
            "a brief naming the unpublished one",
            b050,
            Some(reshaped(50, &[("brief: b000", "brief: b033")])),
        ),
        (
            "that brief naming another",
            b050,
            Some(brief_text(50, "Brief")),
        ),
        ("publishing again", b033, Some(brief_text(33, "Brief"))),
        (
            "an embargo ahead",
            b033,
            Some(reshaped(33, &[("kind: K0", &embargoed)])),
        ),
        ("the embargo lifted", b033, Some(brief_text(33, "Brief"))),
        (
            "a new brief at the top: a home page and a topic page more",
            new,
            Some(reshaped(
                90,
                &[
                    ("topics: [T0]", "topics: [T0, T2]"),
                    ("00:01:30Z", "00:05:00Z"),
                ],
            )),
        ),
        ("the new brief deleted", new, None),
        (
            "a new brief at the end",
            new,
            Some(reshaped(
                91,
                &[("2021-01-01T00:01:31Z", "2019-06-01T00:00:00Z")],
            )),
        ),
        ("a brief in the middle deleted", b040, None),
        (
            "it back, by the idle expert",
            b040,
            Some(reshaped(40, &[("authors: [e0]", "authors: [idle]")])),
        ),
        ("the oldest brief deleted", new, None),
        (
            "a new topic, sorting first",
            b033,
            Some(reshaped(33, &[("topics: [T3]", "topics: [T3, Brand new]")])),
        ),
        (
            "another spelling of a topic",
            b033,
            Some(reshaped(33, &[("topics: [T3]", "topics: [t3, Brand new]")])),
        ),
        (
            "the new topic's only brief leaving it",
            b033,
            Some(brief_text(33, "Brief")),
        ),
        (
            "a new kind",
            b033,
            Some(reshaped(33, &[("kind: K0", "kind: Explainer")])),
        ),
        (
            "a new brief of a new kind in a new topic",
            new,
            Some(reshaped(
                92,
                &[
                    ("kind: K2", "kind: Data note"),
                    ("topics: [T2]", "topics: [Zoning]"),
                ],
            )),
        ),
        ("that brief deleted", new, None),
        (
            "the new kind's only brief leaving it",
            b033,
            Some(brief_text(33, "Brief")),
        ),
        (
            "a brief another cites unpublished: its link goes",
            b020,
            Some(reshaped(20, &[("kind: K2", "draft: true\nkind: K2")])),
        ),
        (
            "that brief under embargo instead: the warning says so",
            b020,
            Some(reshaped(
                20,
                &[("kind: K2", &embargoed.replace("K0", "K2"))],
            )),
        ),
        (
            "that brief published again",
            b020,
            Some(brief_text(20, "Brief")),
        ),
        (
            "a new draft",
            d2,
            Some(DRAFT.replace("Draft", "Second draft")),
        ),
        ("the new draft deleted", d2, None),
        (
            "a draft citing a brief, published",
            "content/briefs/draft.md",
            Some(reshaped(95, &[("kind: K2", "slug: draft\nkind: K2")])),
        ),
    ];
    for (what, path, text) in &steps {
        match text {
            Some(text) => site.write(path, text),
            None => site.remove(path),
        }
        // The pages showing the change first: everything else is right
        // already; then what only shifted, the feeds and the sitemap.
        let r = session
            .rebuild_paths_first(&store, &[site.root().join(path)])
            .unwrap();
        assert!(r.patched, "{what} should patch the model");
        let want = full(&site);
        let got = store.files.lock().unwrap().clone();
        for (file, bytes) in &want {
            if !r.deferred.contains(file) {
                assert!(
                    got.get(file) == Some(bytes),
                    "{file} not ready after {what}"
                );
            }
        }
        if text.is_some() {
            let page = format!("briefs/{}/index.html", page_slug(&site, path));
            assert!(!r.deferred.contains(&page), "{page} deferred after {what}");
        }
        session.finish(&store).unwrap();
        assert_patched_like_full(&r, &store, &site, what);
    }
    // The full path picks up where the quick path left off.
    site.write(
        "content/experts/e4.md",
        &expert("Expert Four", "Director of Research"),
    );
    let r = session
        .rebuild_paths(&store, &[site.root().join("content/experts/e4.md")])
        .unwrap();
    assert!(!r.patched);
    assert_same(&store, &site, "an expert edited after the quick path");
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

#[test]
fn several_briefs_reshaped_in_one_save_patch_the_kept_model() {
    let site = generated(70);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: en\norganisation: O\npaginate: 7\n",
    );
    site.write("content/briefs/draft.md", DRAFT);
    let (store, mut session) = started(&site);
    let (b033, b034, b050) = (
        "content/briefs/b033.md",
        "content/briefs/b034.md",
        "content/briefs/b050.md",
    );
    let new = "content/briefs/new.md";
    type Burst<'a> = (&'a str, Vec<(&'a str, Option<String>)>);
    let bursts: Vec<Burst> = vec![
        (
            "a new brief, a deletion and a text edit",
            vec![
                (new, Some(reshaped(90, &[("00:01:30Z", "00:05:00Z")]))),
                ("content/briefs/b040.md", None),
                ("content/briefs/b010.md", Some(brief_text(10, "Edited"))),
            ],
        ),
        (
            // b050 comes first: it names a draft the next file publishes.
            "a brief naming a draft published in the same save",
            vec![
                (b050, Some(reshaped(50, &[("brief: b000", "brief: draft")]))),
                (
                    "content/briefs/draft.md",
                    Some(reshaped(95, &[("kind: K2", "slug: draft\nkind: K2")])),
                ),
            ],
        ),
        (
            // b033's topic pages are due when b034's new topic sorts first.
            "a topic changed, then a new topic sorting first",
            vec![
                (
                    b033,
                    Some(reshaped(33, &[("topics: [T3]", "topics: [T1]")])),
                ),
                (
                    b034,
                    Some(reshaped(34, &[("topics: [T4]", "topics: [Aardvarks, T4]")])),
                ),
            ],
        ),
        (
            "both out of it again, one to another new topic",
            vec![
                (b033, Some(brief_text(33, "Brief"))),
                (
                    b034,
                    Some(reshaped(34, &[("topics: [T4]", "topics: [Zebras]")])),
                ),
            ],
        ),
    ];
    for (what, files) in &bursts {
        for (path, text) in files {
            match text {
                Some(text) => site.write(path, text),
                None => site.remove(path),
            }
        }
        let hints: Vec<_> = files.iter().map(|(p, _)| site.root().join(p)).collect();
        let r = session.rebuild_paths(&store, &hints).unwrap();
        assert_patched_like_full(&r, &store, &site, what);
    }
}

/// "27 of 24 pages and feeds rendered": static files, the sitemap and
/// robots.txt were counted as rendered but not in the total.
#[test]
fn rendered_never_exceeds_all_pages_and_feeds() {
    let site = generated(12);
    site.write("static/a.css", "a{}");
    site.write("static/b.txt", "b");
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    let r = session.rebuild(&store).unwrap();
    assert_eq!(r.written, r.outputs, "a first build renders each once");
    let check = |r: &Rebuild, what: &str| {
        assert!(
            r.written + r.deferred.len() <= r.outputs + 2,
            "{what}: {} (+{} later) of {}",
            r.written,
            r.deferred.len(),
            r.outputs
        );
        assert!(
            r.written <= r.outputs,
            "{what}: {} of {}",
            r.written,
            r.outputs
        );
    };
    let steps: [Step; 4] = [
        (
            "adding",
            Box::new(|s| s.write("content/briefs/b100.md", &brief_text(100, "New"))),
        ),
        (
            "retitling",
            Box::new(|s| s.write("content/briefs/b100.md", &brief_text(100, "Newer"))),
        ),
        ("deleting", Box::new(|s| s.remove("content/briefs/b100.md"))),
        (
            "a static file",
            Box::new(|s| s.write("static/a.css", "a{b:c}")),
        ),
    ];
    for (what, change) in steps {
        change(&site);
        let hints = [
            site.root().join("content/briefs/b100.md"),
            site.root().join("static/a.css"),
        ];
        let hints = if what == "a static file" {
            &hints[1..]
        } else {
            &hints[..1]
        };
        let r = session.rebuild_paths_first(&store, hints).unwrap();
        check(&r, what);
        let later = session.finish(&store).unwrap();
        assert!(later <= r.deferred.len() + 2, "{what}: {later} later");
    }
    assert_same(&store, &site, "after the steps");
}

/// Every refusal of the quick path names its reason, kept by the session
/// even when the full path then fails; a quick save names none.
#[test]
fn the_full_path_names_why_the_quick_path_refused() {
    use briefs::FallbackReason;
    let site = generated(40);
    let (store, mut session) = started(&site);
    let first = session.rebuild(&store).unwrap();
    assert_eq!(first.fallback, Some(FallbackReason::NotTold));

    let b007 = "content/briefs/b007.md";
    site.write(b007, &brief_text(7, "Edited"));
    let r = session
        .rebuild_paths(&store, &[site.root().join(b007)])
        .unwrap();
    assert_eq!((r.patched, r.fallback.clone()), (true, None));
    assert_eq!(r.path_taken(), "quick path");
    assert_eq!(session.last_fallback(), None);

    let new_expert = "content/experts/e99.md";
    site.write(new_expert, &expert("Expert 99", "Fellow"));
    let r = session
        .rebuild_paths(&store, &[site.root().join(new_expert)])
        .unwrap();
    let reason = FallbackReason::ExpertChanged(new_expert.into());
    assert_eq!((r.patched, r.fallback.as_ref()), (false, Some(&reason)));
    assert_eq!(
        r.path_taken(),
        "full path: an expert file changed (content/experts/e99.md)"
    );

    let template = "templates/brief.html";
    site.write(
        template,
        "{% extends \"base.html\" %}{% block content %}{{ brief.title }}!{% endblock %}",
    );
    let r = session
        .rebuild_paths(&store, &[site.root().join(template)])
        .unwrap();
    assert_eq!(r.fallback, Some(FallbackReason::TemplateChanged));
    // Told of a brief only, the template change is still seen.
    site.write(
        template,
        "{% extends \"base.html\" %}{% block content %}{{ brief.title }}?{% endblock %}",
    );
    site.write(b007, &brief_text(7, "Again"));
    let r = session
        .rebuild_paths(&store, &[site.root().join(b007)])
        .unwrap();
    assert_eq!(r.fallback, Some(FallbackReason::TemplateChanged));
    assert_eq!(r.fallback.unwrap().to_string(), "a template changed");

    // Seventeen briefs moved to another kind in one save.
    let hints: Vec<_> = (10..27)
        .map(|i| {
            let path = format!("content/briefs/b{i:03}.md");
            let kind = format!("kind: K{}", i % 3);
            let other = format!("kind: K{}", (i + 1) % 3);
            site.write(&path, &reshaped(i, &[(kind.as_str(), other.as_str())]));
            site.root().join(path)
        })
        .collect();
    let r = session.rebuild_paths(&store, &hints).unwrap();
    assert_eq!(r.fallback, Some(FallbackReason::TooManyReshapes(17)));
    assert_eq!(
        r.fallback.unwrap().to_string(),
        "more than 16 briefs changed shape (17)"
    );
    assert_same(&store, &site, "seventeen briefs reshaped");

    // Every brief cites b000: deleting it would break their links.
    let b000 = "content/briefs/b000.md";
    site.remove(b000);
    assert!(
        session
            .rebuild_paths(&store, &[site.root().join(b000)])
            .is_err()
    );
    let reason = FallbackReason::LinkWouldBreak("b000".into());
    assert_eq!(session.last_fallback(), Some(&reason));
    assert_eq!(reason.to_string(), "a link to /briefs/b000/ would break");
}

/// A save that changes what a brief's citation says (its title, DOI,
/// authors or URL) renders its cite.bib, cite.ris and cite.json again
/// with its page, on the quick path, and removes them with the page.
#[test]
fn edits_that_change_a_citation_render_the_citation_files_again() {
    let site = generated(20);
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    let path = site.root().join("content/briefs/b005.md");
    let cite = |name: &str| {
        let files = store.files.lock().unwrap();
        files
            .get(name)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    let fm = |authors: &str, extra: &str| {
        format!("kind: K2\ntopics: [T0]\nauthors: [{authors}]\n{extra}")
    };
    let steps: [(&str, String); 3] = [
        (
            "a new title and a DOI (text only)",
            brief(
                "Cited Anew",
                "2021-01-01T00:00:05Z",
                &fm("e5", "doi: 10.5555/b.5\n"),
            ),
        ),
        (
            "another author (a reshaping edit)",
            brief(
                "Cited Anew",
                "2021-01-01T00:00:05Z",
                &fm("e7", "doi: 10.5555/b.5\n"),
            ),
        ),
        (
            "a new slug",
            brief(
                "Cited Anew",
                "2021-01-01T00:00:05Z",
                &fm("e7", "slug: cited\n"),
            ),
        ),
    ];
    for (step, text) in steps {
        site.write("content/briefs/b005.md", &text);
        let done = session
            .rebuild_paths(&store, std::slice::from_ref(&path))
            .unwrap();
        assert!(done.patched, "{step}: {}", done.path_taken());
        assert_same(&store, &site, step);
    }
    let bib = cite("briefs/cited/cite.bib").expect("cite.bib at the new URL");
    assert!(bib.contains("title = {{Cited Anew}}"), "{bib}");
    assert!(bib.contains("author = {7, Expert}"), "{bib}");
    assert!(
        cite("briefs/b005/cite.bib").is_none(),
        "the old URL's cite.bib is gone"
    );
    assert!(
        cite("briefs/b005/cite.json").is_none(),
        "the old URL's cite.json is gone"
    );
}

/// A brief's PDF replaced by a larger one, and an expert's photo removed
/// from static/: the rebuild reads the brief again (its page shows the new
/// size) and fails on the expert, as a full build would.
#[test]
fn files_a_brief_or_an_expert_names_are_checked_again() {
    let site = generated(5);
    site.write("content/briefs/b.pdf", "%PDF-1.4 small");
    let fm = "kind: K1\ntopics: [T1]\nauthors: [e1]\npdf: b.pdf\n";
    site.write(
        "content/briefs/b001.md",
        &brief("Brief 1", "2021-01-01T00:00:01Z", fm),
    );
    site.write("static/p.png", "not really a PNG");
    site.write(
        "content/experts/e2.md",
        "---\nname: Expert 2\nphoto: /p.png\n---\nBio.\n",
    );
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    site.write(
        "content/briefs/b.pdf",
        &format!("%PDF-1.4 {}", "x".repeat(5000)),
    );
    let pdf = site.root().join("content/briefs/b.pdf");
    session.rebuild_paths(&store, &[pdf]).unwrap();
    assert_same(&store, &site, "a larger PDF");
    let page = store.files.lock().unwrap()["briefs/b001/index.html"].clone();
    assert!(String::from_utf8_lossy(&page).contains("Download PDF (6 kB)"));
    site.remove("static/p.png");
    let photo = site.root().join("static/p.png");
    let err = session.rebuild_paths(&store, &[photo]).unwrap_err();
    assert!(
        format!("{err:#}").contains("photo `/p.png` not found"),
        "{err:#}"
    );
}

/// Retitling, re-topicking and deleting a brief change what other brief
/// pages list under "More on this topic": the quick path renders them
/// again, equal to a full build.
#[test]
fn more_on_this_topic_follows_edits_incrementally() {
    let site = crate::theme::related_site();
    let store = MemorySink::default();
    let mut session = Session::new(opts(&site));
    session.rebuild(&store).unwrap();
    let edits: [(&str, Option<String>); 4] = [
        (
            "b.md",
            Some(brief(
                "B retitled",
                "2024-01-09",
                "topics: [Russia]\nauthors: [ann]\n",
            )),
        ),
        (
            "c.md",
            Some(brief("C", "2024-01-08", "topics: [Trade]\nauthors: [cy]\n")),
        ),
        (
            "f.md",
            Some(brief(
                "F",
                "2024-01-11",
                "topics: [Russia, Iran]\nauthors: [ann]\n",
            )),
        ),
        ("b.md", None),
    ];
    for (file, text) in edits {
        let path = site.root().join("content/briefs").join(file);
        match &text {
            Some(t) => site.write(&format!("content/briefs/{file}"), t),
            None => std::fs::remove_file(&path).unwrap(),
        }
        let r = session.rebuild_paths(&store, &[path]).unwrap();
        assert!(r.patched, "{file}: {:?}", r.fallback);
        assert_same(&store, &site, file);
    }
    let a = String::from_utf8(store.files.lock().unwrap()["briefs/a/index.html"].clone()).unwrap();
    assert!(a.contains(">F</a>") && !a.contains("B retitled"));
}
