//! Rebuilds on the full path (fingerprints) equal full builds, whatever
//! changed; the quick path's refusals are named; a rebuild never renders more
//! than a full build.
//!
//! (`incremental_rebuilds_equal_full_builds` runs past 80 lines: a list of
//! named changes, each applied in turn on the last.)

use super::*;

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
            site.write(&path, &brief_changed(i, &[(kind.as_str(), other.as_str())]));
            site.root().join(path)
        })
        .collect();
    let r = session.rebuild_paths(&store, &hints).unwrap();
    assert_eq!(r.fallback, Some(FallbackReason::TooManyReferenceEdits(17)));
    assert_eq!(
        r.fallback.unwrap().to_string(),
        "more than 16 briefs changed more than their text (17)"
    );
    assert_same(&store, &site, "seventeen briefs changing references");

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
