//! The quick path for text edits: the kept model takes the new text, a
//! template error changes nothing, an embargo passing ends the quick path,
//! and files a brief or expert names are checked again.
//!
//! (`text_edits_patch_the_kept_model_and_equal_full_builds` runs past 80
//! lines: a scenario of saves, each step checked against a full build and
//! building on the last.)

use super::*;

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
    site.write(new, &brief_changed(90, &[]));
    // Both steps at once: nothing changes.
    assert!(session.rebuild_paths(&store, &hint).is_err());
    assert!(*store.files.lock().unwrap() == before);
    site.remove(new);
    let r = session.rebuild_paths(&store, &hint).unwrap();
    assert!(!r.patched, "after an error the model is assembled again");
    assert_same(&store, &site, "taking the brief out");
    // Step by step (as serve goes): the first pages, then the error.
    site.write(new, &brief_changed(91, &[]));
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
            "another author (a reference edit)",
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
