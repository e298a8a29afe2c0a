//! Search: the Pagefind bundle a build writes, read back from its fragment
//! files (each one record: URL, text, meta, filters, anchors); drafts and
//! embargoed briefs never in it (drafts with `--drafts`); each quote under
//! its own anchor; the search page and masthead form under a base path; `search:
//! false` writing none of it; the same input giving the same bytes.

use crate::harness::TestSite;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

/// Every record in the site's bundle, by URL.
fn records(site: &TestSite) -> BTreeMap<String, Value> {
    records_in(site, "pagefind/")
}

/// Every record in the bundle in `folder` of the output (`pagefind/`,
/// `ar/pagefind/`), by URL.
pub(crate) fn records_in(site: &TestSite, folder: &str) -> BTreeMap<String, Value> {
    let dir = site.root().join("public").join(folder).join("fragment");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .unwrap();
        let json = text
            .strip_prefix(b"pagefind_dcd")
            .expect("Pagefind's marker");
        let record: Value = serde_json::from_slice(json).unwrap();
        out.insert(record["url"].as_str().unwrap().to_string(), record);
    }
    out
}

/// The `good` fixture with one more line in its site.yaml (line 4).
fn good_site_with(line: &str) -> TestSite {
    let site = TestSite::fixture("good");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}{line}\n"));
    site
}

fn urls(site: &TestSite) -> Vec<String> {
    records(site).into_keys().collect()
}

#[test]
fn the_bundle_holds_briefs_quotes_experts_and_pages_and_no_listing() {
    let site = TestSite::fixture("drafts-and-embargo");
    let run = site.build_ok(&[]);
    assert!(run.stdout.contains("search files"), "{}", run.stdout);
    for file in [
        "pagefind.js",
        "pagefind-entry.json",
        "wasm.en.pagefind",
        "pagefind-ui.css",
    ] {
        assert!(site.exists(&format!("pagefind/{file}")), "{file}");
    }
    assert_eq!(
        urls(&site),
        ["/briefs/open/", "/experts/ann-lee/", "/experts/bo-chen/"]
    );
    let all = records(&site);
    let brief = &all["/briefs/open/"];
    assert_eq!(brief["meta"]["title"], "Published Brief");
    assert_eq!(brief["meta"]["kind"], "Brief");
    assert_eq!(brief["meta"]["date"], "January 1, 2024");
    for word in ["every listing shows it", "Published quote.", "By Bo Chen"] {
        assert!(
            brief["content"].as_str().unwrap().contains(word),
            "{word}: {brief}"
        );
    }
    assert_eq!(
        brief["filters"]["topic"],
        serde_json::json!(["Russia", "Iran"])
    );
    assert_eq!(
        brief["filters"]["expert"],
        serde_json::json!(["Bo Chen", "Ann Lee"])
    );
    assert_eq!(brief["filters"]["year"], serde_json::json!(["2024"]));
    // Each response is an anchor: Pagefind's sub-result, at the quote's
    // anchor, named for the expert.
    let anchors = brief["anchors"].as_array().unwrap();
    let quote = anchors.iter().find(|a| a["id"] == "response-ann-lee");
    assert_eq!(
        quote.unwrap()["text"],
        "Response from Ann Lee",
        "{anchors:?}"
    );
    let expert = &all["/experts/ann-lee/"];
    assert_eq!(expert["meta"]["kind"], "Expert");
    assert_eq!(expert["meta"]["title"], "Ann Lee");
    assert!(
        expert["content"]
            .as_str()
            .unwrap()
            .contains("sanctions policy")
    );
}

#[test]
fn drafts_only_with_drafts_and_embargoed_briefs_never() {
    let site = TestSite::fixture("drafts-and-embargo");
    site.build_ok(&["--drafts"]);
    let with_drafts = urls(&site);
    assert!(
        with_drafts.contains(&"/briefs/draft/".to_string()),
        "{with_drafts:?}"
    );
    site.build_ok(&[]);
    let published = urls(&site);
    for url in published.iter().chain(&with_drafts) {
        assert!(!url.contains("/briefs/later/"), "{url}");
    }
    assert!(
        !published.iter().any(|u| u.contains("draft")),
        "{published:?}"
    );
    let everything: String = records(&site).values().map(Value::to_string).collect();
    for secret in [
        "Draft quote",
        "Still being edited",
        "Held until the embargo",
    ] {
        assert!(!everything.contains(secret), "{secret} is in the index");
    }
}

#[test]
fn search_page_and_masthead_form_carry_the_base_path() {
    let site = TestSite::fixture("base-path");
    site.build_ok(&[]);
    let page = site.read("search/index.html");
    let base = "/policy/";
    assert!(
        page.contains(&format!("data-bundle=\"{base}pagefind/\"")),
        "{page}"
    );
    assert!(page.contains(&format!("src=\"{base}search.js\"")), "{page}");
    assert!(
        page.contains("<noscript>"),
        "a page to browse without JavaScript"
    );
    let home = site.read("index.html");
    assert!(
        home.contains(&format!("action=\"{base}search/\"")),
        "{home}"
    );
    // Record URLs are site paths: Pagefind's script adds the base path.
    assert!(
        urls(&site)
            .iter()
            .all(|u| u.starts_with("/briefs/") || u.starts_with("/experts/") || u == "/about/")
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn search_false_writes_no_bundle_no_page_and_no_form() {
    let site = good_site_with("search: false");
    let run = site.build_ok(&[]);
    assert!(!run.stdout.contains("search files"), "{}", run.stdout);
    for path in ["pagefind", "search", "search.js"] {
        assert!(!site.exists(path), "{path} was written");
    }
    let home = site.read("index.html");
    assert!(!home.contains("role=\"search\""), "{home}");
    assert!(!site.read("sitemap.xml").contains("/search/"));
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn search_must_be_true_or_false() {
    let site = good_site_with("search: sometimes");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("site.yaml:4:"), "{}", run.stderr);
}

#[test]
fn the_same_input_gives_the_same_bundle() {
    let site = TestSite::demo();
    site.build_ok(&[]);
    let first = site.snapshot();
    site.build_ok(&["--output", "again"]);
    let again = crate::harness::snapshot_of(&site.root().join("again"));
    let bundle = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .cloned()
            .collect()
    };
    assert!(bundle(&first).len() > 10);
    assert!(
        bundle(&first) == bundle(&again),
        "two builds gave different bundles"
    );
}

#[test]
fn a_static_file_may_not_overwrite_the_bundle() {
    let site = TestSite::fixture("good");
    site.write("static/pagefind/pagefind.js", "// mine");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("static file would overwrite the generated /pagefind/pagefind.js"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_follows_the_search_page_links_and_every_result() {
    let site = TestSite::demo();
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    site.write(
        "templates/search.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.base_path }}nowhere/\">x</a>{% endblock content %}",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(run.stderr.contains("`/nowhere/`"), "{}", run.stderr);
    assert!(run.stderr.contains("/search/"), "{}", run.stderr);
}

#[test]
fn the_site_language_is_the_index_language() {
    let site = good_site_with("language: fr");
    site.build_ok(&[]);
    let entry: Value = serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    let languages = entry["languages"].as_object().unwrap();
    assert_eq!(languages.keys().collect::<Vec<_>>(), ["fr"], "{entry}");
    assert!(site.exists("pagefind/wasm.fr.pagefind"), "French stemming");
}
