//! `briefs serve` and search: the bundle is built on a background thread
//! (a request for it before the first one is ready waits), and after an
//! edit the newest bundle replaces it once ready, while the page itself is
//! served by the incremental rebuild as before. In a site of several
//! languages every language's bundle is built and served, and made again
//! after an edit.

use crate::harness::TestSite;
use crate::serve::{BRIEF_FILE, start, wait_until};
use std::time::Duration;

fn meta_file(entry: &str) -> String {
    language_meta_file(entry, "", "en")
}

/// The index file of language `lang` that an entry file of the bundle
/// under `prefix` (`ar/`) names.
fn language_meta_file(entry: &str, prefix: &str, lang: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(entry).unwrap();
    let hash = v["languages"][lang]["hash"].as_str().unwrap();
    format!("/{prefix}pagefind/pagefind.{hash}.pf_meta")
}

#[test]
fn serve_builds_the_bundle_in_the_background_and_serves_the_newest() {
    let site = TestSite::demo();
    let server = start(site.root(), &[]);
    let entry = server.get("/pagefind/pagefind-entry.json");
    assert_eq!(entry.status, 200, "{}", entry.body);
    assert_eq!(server.get(&meta_file(&entry.body)).status, 200);
    assert_eq!(server.get("/pagefind/pagefind.js").status, 200);
    let page = server.get("/search/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("data-bundle=\"/pagefind/\""),
        "{}",
        page.body
    );
    let status = server.status().unwrap();
    assert!(status["search_bundles"].as_u64().unwrap() >= 1, "{status}");

    let path = site.root().join(BRIEF_FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\nA word only the new index has: Zanzibarquux.\n"),
    )
    .unwrap();
    let mut newer = String::new();
    wait_until(Duration::from_secs(60), "a new search bundle", || {
        newer = server.get("/pagefind/pagefind-entry.json").body;
        newer != entry.body
    });
    assert_eq!(
        server.get(&meta_file(&newer)).status,
        200,
        "the new index is served whole"
    );
    assert_eq!(server.get("/pagefind/no-such-file").status, 404);
}

#[test]
fn serve_with_search_off_has_no_bundle() {
    let site = TestSite::demo();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}\nsearch: false\n"));
    let server = start(site.root(), &[]);
    assert_eq!(server.get("/search/").status, 404);
    assert_eq!(server.get("/pagefind/pagefind.js").status, 404);
    assert!(!server.get("/").body.contains("role=\"search\""));
}

#[test]
fn serve_builds_and_rebuilds_every_language_bundle() {
    let site = TestSite::fixture("i18n-ar");
    let server = start(site.root(), &[]);
    let entry = server.get("/ar/pagefind/pagefind-entry.json");
    assert_eq!(entry.status, 200, "{}", entry.body);
    let meta = language_meta_file(&entry.body, "ar/", "ar");
    assert_eq!(server.get(&meta).status, 200);
    assert_eq!(server.get("/pagefind/pagefind-entry.json").status, 200);
    let page = server.get("/ar/search/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("data-bundle=\"/ar/pagefind/\""),
        "{}",
        page.body
    );

    let file = "content/briefs/2024-08-01-arabic-only.md";
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    site.write(file, &format!("{text}\nكلمة جديدة في الفهرس.\n"));
    let mut newer = String::new();
    wait_until(Duration::from_secs(60), "a new Arabic bundle", || {
        newer = server.get("/ar/pagefind/pagefind-entry.json").body;
        newer != entry.body
    });
    let meta = language_meta_file(&newer, "ar/", "ar");
    assert_eq!(server.get(&meta).status, 200, "the new index is served");
    assert_eq!(server.get("/ar/pagefind/no-such-file").status, 404);
}
