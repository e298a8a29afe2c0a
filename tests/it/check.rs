//! `briefs check`: the demo site passes; broken internal links, missing
//! anchors and unknown related briefs are each reported with the file that
//! holds them, exit status 1, and nothing written.

use crate::harness::{TestSite, brief, expert};

/// The feed URLs every page links to; the feeds are made by another part of
/// briefs and may not exist in this build yet.
fn is_feed_problem(line: &str) -> bool {
    ["feed.xml`", "atom.xml`", "feed.json`"]
        .iter()
        .any(|f| line.contains(f))
}

#[test]
fn demo_site_passes() {
    let site = TestSite::demo();
    let run = site.run(&["check"]);
    assert!(!site.root().join("public").exists(), "check writes nothing");
    site.build_ok(&[]);
    if site.exists("feed.xml") {
        assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("no problems"));
    } else {
        // Without feeds, the only problems are the links to them.
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(": error:"))
            .collect();
        assert!(errors.iter().all(|l| is_feed_problem(l)), "{}", run.stderr);
    }
}

fn broken_site() -> TestSite {
    TestSite::with_files(&[
        ("content/experts/ann-lee.md", &expert("Ann Lee", "Fellow")),
        (
            "content/briefs/2024-01-01-x.md",
            &brief(
                "X",
                "2024-01-01",
                "topics: [Iran]\nresponses:\n  - expert: ann-lee\n    quote: \"Q.\"\n",
            ),
        ),
        (
            "content/briefs/2024-02-01-y.md",
            "---\ntitle: Y\ndate: 2024-02-01\ntopics: [Iran]\n---\nSee <a href=\"/briefs/nope/\">nope</a>, \
             <a href=\"/briefs/x/#nope\">a missing anchor</a>, \
             <a href=\"/briefs/x/#response-ann-lee\">a good quote anchor</a> and \
             [x](/briefs/x/).\n",
        ),
    ])
}

#[test]
fn broken_links_and_anchors_are_named() {
    let site = broken_site();
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error:") && !is_feed_problem(l))
        .collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    // Each is reported at the line of the brief that holds the link.
    assert!(
        errors[0].starts_with("content/briefs/2024-02-01-y.md:6:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("error: link `/briefs/nope/` points at no page"));
    assert!(
        errors[1].starts_with("content/briefs/2024-02-01-y.md:6:"),
        "{}",
        errors[1]
    );
    assert!(errors[1].contains("error: link `/briefs/x/#nope` points at a missing anchor"));
    assert!(errors[1].contains("no element with id `nope`"));
    assert!(!run.stderr.contains("response-ann-lee`"));
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn unknown_related_brief_is_named() {
    let site = TestSite::with_files(&[(
        "content/briefs/2024-01-01-x.md",
        &brief(
            "X",
            "2024-01-01",
            "related:\n  - title: \"Gone\"\n    brief: no-such-brief\n",
        ),
    )]);
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("content/briefs/2024-01-01-x.md:")
            && run.stderr.contains("related brief `no-such-brief`"),
        "{}",
        run.stderr
    );
}

#[test]
fn drafts_are_checked_only_with_drafts() {
    let site = broken_site();
    site.write(
        "content/briefs/2024-03-01-d.md",
        "---\ntitle: D\ndate: 2024-03-01\ndraft: true\n---\n<a href=\"/briefs/draft-nope/\">x</a>\n",
    );
    assert!(!site.run(&["check"]).stderr.contains("draft-nope"));
    assert!(
        site.run(&["check", "--drafts"])
            .stderr
            .contains("draft-nope")
    );
}

#[test]
fn a_broken_body_link_is_reported_at_its_own_line() {
    // The title mentions the same URL: the link in the body is the one meant.
    let site = TestSite::with_files(&[(
        "content/briefs/2024-01-01-x.md",
        "---\ntitle: \"Why /briefs/nope/ went away\"\ndate: 2024-01-01\ntopics: [Iran]\n---\nFirst paragraph.\n\nSee [the old brief](/briefs/nope/).\n",
    )]);
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("link `/briefs/nope/` points at no page"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.starts_with("content/briefs/2024-01-01-x.md:8:21: error:"),
        "{line}"
    );
}
