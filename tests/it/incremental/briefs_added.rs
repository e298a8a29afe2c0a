//! The quick path for briefs added, removed, published and renamed.
//! (Its one test runs past 80 lines: a scenario of saves, each step
//! checked against a full build, where each step builds on the last.)

use super::*;

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
    let b010 = brief_changed(10, &[("brief: b000", "brief: b020")]);
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
            Some(brief_changed(
                33,
                &[("authors: [e3]", "authors: [e3, idle]")],
            )),
        ),
        (
            "an idle expert's last brief",
            b033,
            Some(brief_text(33, "Brief")),
        ),
        (
            "the slug",
            b033,
            Some(brief_changed(
                33,
                &[("kind: K0", "slug: elsewhere\nkind: K0")],
            )),
        ),
        (
            "the slug and the date",
            b033,
            Some(brief_changed(
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
            Some(brief_changed(33, &[("kind: K0", "draft: true\nkind: K0")])),
        ),
        (
            "a brief naming the unpublished one",
            b050,
            Some(brief_changed(50, &[("brief: b000", "brief: b033")])),
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
            Some(brief_changed(33, &[("kind: K0", &embargoed)])),
        ),
        ("the embargo lifted", b033, Some(brief_text(33, "Brief"))),
        (
            "a new brief at the top: a home page and a topic page more",
            new,
            Some(brief_changed(
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
            Some(brief_changed(
                91,
                &[("2021-01-01T00:01:31Z", "2019-06-01T00:00:00Z")],
            )),
        ),
        ("a brief in the middle deleted", b040, None),
        (
            "it back, by the idle expert",
            b040,
            Some(brief_changed(40, &[("authors: [e0]", "authors: [idle]")])),
        ),
        ("the oldest brief deleted", new, None),
        (
            "a new topic, sorting first",
            b033,
            Some(brief_changed(
                33,
                &[("topics: [T3]", "topics: [T3, Brand new]")],
            )),
        ),
        (
            "another spelling of a topic",
            b033,
            Some(brief_changed(
                33,
                &[("topics: [T3]", "topics: [t3, Brand new]")],
            )),
        ),
        (
            "the new topic's only brief leaving it",
            b033,
            Some(brief_text(33, "Brief")),
        ),
        (
            "a new kind",
            b033,
            Some(brief_changed(33, &[("kind: K0", "kind: Explainer")])),
        ),
        (
            "a new brief of a new kind in a new topic",
            new,
            Some(brief_changed(
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
            Some(brief_changed(20, &[("kind: K2", "draft: true\nkind: K2")])),
        ),
        (
            "that brief under embargo instead: the warning says so",
            b020,
            Some(brief_changed(
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
            Some(brief_changed(95, &[("kind: K2", "slug: draft\nkind: K2")])),
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
