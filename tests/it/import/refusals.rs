//! Imports that must write nothing: malformed or hostile XML, a dry run,
//! unreadable sources, manifest paths leaving the content folders, a write
//! that fails half-way.

use super::*;

/// A malformed file is an error at its line and column, and nothing is
/// written, not even from the good sources beside it.
#[test]
fn malformed_export_writes_nothing() {
    let site = TestSite::with_files(&[]);
    let before = tree(site.root());
    let run = site.run(&["import", &fixture("export.xml"), &fixture("malformed.xml")]);
    failed(
        &run,
        &["malformed.xml:9:22: error: malformed XML", "`</titel>`"],
    );
    assert_eq!(tree(site.root()), before);
}

/// Entity declarations (an entity bomb) and external DTDs are refused at
/// the DOCTYPE; an undeclared entity is left as written, not expanded.
#[test]
fn hostile_xml_is_refused_or_left_unexpanded() {
    let site = TestSite::with_files(&[]);
    for (file, message) in [
        (
            "entity-bomb.xml:2:1: error: the DOCTYPE declares entities",
            "entity-bomb.xml",
        ),
        (
            "external-entity.xml:2:1: error: the DOCTYPE names an external DTD",
            "external-entity.xml",
        ),
    ] {
        let run = site.run(&["import", &fixture(message)]);
        failed(&run, &[file]);
    }
    assert!(!site.root().join("content").exists());
    let feed = "<rss version=\"2.0\"><channel><link>https://o.example.org</link><item><title>Caf&#233; &amp; &nbsp; &xxe;</title><link>https://o.example.org/cafe/</link><pubDate>Tue, 01 Oct 2024 14:00:00 +0000</pubDate><description>&lt;p&gt;Hi&lt;/p&gt;</description></item></channel></rss>";
    site.write("feed.xml", feed);
    ok(site.run(&["import", "feed.xml"]));
    let (front, body) = parsed(&site.root().join("content/briefs/2024/2024-10-01-cafe.md"));
    assert_eq!(front["title"], "Café & &nbsp; &xxe;");
    assert_eq!(body, "Hi\n");
}

#[test]
fn dry_run_writes_nothing() {
    let site = TestSite::with_files(&[]);
    let before = tree(site.root());
    let run = ok(site.run(&["import", &fixture("export.xml"), "--dry-run"]));
    assert!(
        run.stdout.contains("would import 7 briefs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("would create (13)"), "{}", run.stdout);
    assert_eq!(tree(site.root()), before);
}

/// Sources that cannot be read are errors naming the file (with the line
/// of the first byte that is not UTF-8), all reported together; and an
/// XML file that is neither an export nor a feed is refused.
#[test]
fn unreadable_sources_are_errors() {
    let site = TestSite::with_files(&[("page.xml", "<html><body>Hi</body></html>")]);
    std::fs::write(site.root().join("bad.txt"), b"Title line\n\xff\xfe bad\n").unwrap();
    let before = tree(site.root());
    let run = site.run(&[
        "import",
        "missing.xml",
        "bad.txt",
        "page.xml",
        "--title",
        "T",
        "--date",
        "2024-01-01",
    ]);
    failed(
        &run,
        &[
            "missing.xml: error: cannot read the file:",
            "bad.txt:2:1: error: the text is not UTF-8",
            "page.xml: error: XML that is neither a WordPress export (WXR) nor an RSS 2.0 feed",
            "3 errors found",
        ],
    );
    assert_eq!(tree(site.root()), before);
}

/// The manifest is a file anyone can edit: a path in it that leaves the
/// site's content folders is never written.
#[test]
fn manifest_paths_cannot_leave_the_content_folders() {
    let manifest = r#"{"version": 1, "files": {"content/briefs/../../outside.md": {"sha256": "0", "source": "https://www.fdd.org/?p=253108"}}}"#;
    let site = TestSite::with_files(&[("briefs-import.json", manifest)]);
    ok(site.run(&["import", &fixture("seed-feed.xml")]));
    assert!(!site.root().join("../outside.md").exists());
    assert!(site.root().join(DEMO_BRIEF).is_file());
}

/// A file that cannot be written (here `content/pages` is a file, not a
/// folder) fails the import before any other file is in place.
#[test]
fn a_failed_write_leaves_the_site_as_it_was() {
    let site = TestSite::with_files(&[("content/pages", "not a folder")]);
    let before = tree(site.root());
    let run = site.run(&["import", &fixture("export.xml")]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(run.stderr.contains("cannot create"), "{}", run.stderr);
    assert_eq!(tree(site.root()), before, "files were written");
}
