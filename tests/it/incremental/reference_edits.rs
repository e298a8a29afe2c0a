//! The quick path for edits of what a brief refers to (experts, topics,
//! kind, related briefs, dates): the kept model is patched and equals a
//! full build, groups renamed by their first brief included.
//!
//! (Its first two tests run past 80 lines: each is a scenario of saves,
//! each step checked against a full build and building on the last.)

use super::*;

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
        site.write(&path, &brief_changed(*i, &[(from, to)]));
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
        &brief_changed(64, &[("topics: [T4]", "topics: [t4]")]),
    );
    site.write(
        "content/briefs/b010.md",
        &brief_changed(10, &[("brief: b000", "brief: b020")]),
    );
    let (store, mut session) = started(&site);
    let b069 = "content/briefs/b069.md";
    site.write(
        b069,
        &brief_changed(69, &[("2021-01-01T00:01:09Z", "2020-01-01T00:00:00Z")]),
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
    site.write(b066, &brief_changed(66, &[("kind: K0", "kind: k0")]));
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
        Some(brief_changed(20, &[("kind: K2", "slug: moved\nkind: K2")])),
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
    site.write(
        b33,
        &brief_changed(33, &[("kind: K0", "slug: b034\nkind: K0")]),
    );
    let err = session.rebuild_paths(&store, &hint).unwrap_err();
    assert!(format!("{err:?}").contains("b034"), "a taken URL: {err:?}");
    assert!(*store.files.lock().unwrap() == before);
    // An unknown expert: the full path reports it, and nothing changes.
    site.write(b33, &brief_text(33, "Brief"));
    session.rebuild_paths(&store, &hint).unwrap();
    let before = store.files.lock().unwrap().clone();
    site.write(
        b33,
        &brief_changed(33, &[("authors: [e3]", "authors: [nobody]")]),
    );
    let err = session.rebuild_paths(&store, &hint).unwrap_err();
    assert!(err.to_string().contains("nobody") || format!("{err:?}").contains("nobody"));
    assert!(*store.files.lock().unwrap() == before);
    site.write(
        b33,
        &brief_changed(33, &[("authors: [e3]", "authors: [e4]")]),
    );
    session.rebuild_paths(&store, &hint).unwrap();
    assert_same(&store, &site, "fixing the unknown expert");
}

#[test]
fn several_briefs_changing_references_in_one_save_patch_the_kept_model() {
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
                (new, Some(brief_changed(90, &[("00:01:30Z", "00:05:00Z")]))),
                ("content/briefs/b040.md", None),
                ("content/briefs/b010.md", Some(brief_text(10, "Edited"))),
            ],
        ),
        (
            // b050 comes first: it names a draft the next file publishes.
            "a brief naming a draft published in the same save",
            vec![
                (
                    b050,
                    Some(brief_changed(50, &[("brief: b000", "brief: draft")])),
                ),
                (
                    "content/briefs/draft.md",
                    Some(brief_changed(95, &[("kind: K2", "slug: draft\nkind: K2")])),
                ),
            ],
        ),
        (
            // b033's topic pages are due when b034's new topic sorts first.
            "a topic changed, then a new topic sorting first",
            vec![
                (
                    b033,
                    Some(brief_changed(33, &[("topics: [T3]", "topics: [T1]")])),
                ),
                (
                    b034,
                    Some(brief_changed(
                        34,
                        &[("topics: [T4]", "topics: [Aardvarks, T4]")],
                    )),
                ),
            ],
        ),
        (
            "both out of it again, one to another new topic",
            vec![
                (b033, Some(brief_text(33, "Brief"))),
                (
                    b034,
                    Some(brief_changed(34, &[("topics: [T4]", "topics: [Zebras]")])),
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
