//! `briefs build` on small sites: every page kind of SPEC section 5, judged
//! by parsing the produced HTML.

use crate::harness::{TestSite, brief, expert};

mod site_wide;

/// Three briefs, two kinds, two topics; Ann is quoted in all three, Bo
/// wrote One and is quoted in Two, Ida has nothing yet; Three cites One and
/// a piece by Bo.
fn quotes_site() -> TestSite {
    TestSite::fixture("quotes")
}

#[test]
fn demo_site_builds_with_the_sample_brief() {
    let site = TestSite::demo();
    site.build_ok(&[]);
    let page = site.html("briefs/north-korean-and-ukrainian-troops-clash/index.html");
    assert_eq!(
        page.texts("h1"),
        [
            "In Escalation of Russian Invasion, North Korean and Ukrainian Troops Clash for First Time"
        ]
    );
    assert_eq!(
        page.texts(".body li strong"),
        [
            "Clashes Reported in Kursk Region:",
            "New Level of Escalation:",
            "Reviving Cold-War Defense Pact:"
        ]
    );
    assert_eq!(page.count(".responses blockquote"), 3);
    assert_eq!(page.texts(".responses h2"), ["FDD Expert Response"]);
    assert!(
        !site
            .read("briefs/north-korean-and-ukrainian-troops-clash/index.html")
            .contains("appeared first on")
    );
}

#[test]
fn brief_page_attributes_each_quote_with_its_anchor() {
    let site = quotes_site();
    site.build_ok(&[]);
    let page = site.html("briefs/two/index.html");
    assert_eq!(
        page.attrs(".responses figure", "id"),
        ["response-ann-lee", "response-bo-chen"]
    );
    assert_eq!(
        page.texts(".responses blockquote"),
        ["Quote two.", "Bo on two."]
    );
    // Cards led by photo or initials, bold name, role, then the quote.
    assert_eq!(
        page.texts(".responses figcaption .name"),
        ["Ann Lee", "Bo Chen"]
    );
    assert_eq!(
        page.texts(".responses figcaption .role"),
        ["Senior Fellow", "Director"]
    );
    assert_eq!(page.texts(".responses figcaption .avatar").len(), 2);
    assert_eq!(
        page.attrs(".responses figcaption a.anchor", "href"),
        ["#response-ann-lee", "#response-bo-chen"]
    );
    assert_eq!(page.texts(".responses h2"), ["TI Expert Response"]);
    let three = site.html("briefs/three/index.html");
    assert_eq!(
        three.attrs(".background a", "href"),
        ["/briefs/one/", "https://example.org/x", "/experts/bo-chen/"]
    );
}

#[test]
fn expert_page_lists_every_quote_with_links() {
    let site = quotes_site();
    site.build_ok(&[]);
    let page = site.html("experts/ann-lee/index.html");
    assert_eq!(
        page.texts(".expert blockquote"),
        ["Quote three.", "Quote two.", "Quote one."]
    );
    let links: Vec<String> = page.attrs(".expert figcaption a", "href");
    assert_eq!(
        links,
        [
            "/briefs/three/#response-ann-lee",
            "/briefs/two/#response-ann-lee",
            "/briefs/one/#response-ann-lee"
        ]
    );
    let bo = site.html("experts/bo-chen/index.html");
    assert_eq!(bo.texts("#briefs + ul a"), ["One"]);
    assert_eq!(bo.texts("#related + ul li"), ["ElsewhereCited in Three"]);
}

#[test]
fn expert_with_nothing_yet_still_gets_a_page() {
    let site = quotes_site();
    let run = site.build_ok(&[]);
    let page = site.html("experts/idle-ida/index.html");
    assert_eq!(page.texts("h1"), ["Ida Idle"]);
    assert!(
        run.stderr.contains(
            "content/experts/idle-ida.md: warning: expert `idle-ida` has no briefs or quotes yet"
        ),
        "{}",
        run.stderr
    );
    let index = site.html("experts/index.html");
    // Sorted by sort_name: Chen, Idle, Lee.
    assert_eq!(
        index.texts(".expert-grid .name"),
        ["Bo Chen", "Ida Idle", "Ann Lee"]
    );
    assert_eq!(index.texts(".az-index h3"), ["C", "I", "L"]);
}

#[test]
fn topics_and_kinds_list_exactly_their_briefs() {
    let site = quotes_site();
    site.build_ok(&[]);
    assert_eq!(
        site.html("topics/russia/index.html").texts(".card h2"),
        ["Two", "One"]
    );
    assert_eq!(
        site.html("topics/iran/index.html").texts(".card h2"),
        ["Three", "Two"]
    );
    assert_eq!(
        site.html("kinds/flash-brief/index.html").texts(".card h2"),
        ["Three", "One"]
    );
    assert_eq!(
        site.html("kinds/analysis/index.html").texts(".card h2"),
        ["Two"]
    );
    assert_eq!(
        site.html("topics/index.html").texts(".tags li a"),
        ["Iran 2", "Russia 2", "Analysis 1", "Flash Brief 2"]
    );
}

#[test]
fn home_paginates_at_paginate() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://t.example.org/\npaginate: 2\n",
    );
    for i in 1..=5 {
        site.write(
            &format!("content/briefs/b{i}.md"),
            &brief(&format!("B{i}"), &format!("2024-01-0{i}"), "topics: [X]\n"),
        );
    }
    site.build_ok(&[]);
    assert_eq!(site.html("index.html").texts(".card h2"), ["B5", "B4"]);
    assert_eq!(
        site.html("page/2/index.html").texts(".card h2"),
        ["B3", "B2"]
    );
    assert_eq!(site.html("page/3/index.html").texts(".card h2"), ["B1"]);
    assert!(!site.exists("page/4/index.html"));
    let two = site.html("page/2/index.html");
    assert_eq!(
        two.texts(".pagination a"),
        ["First", "Newer", "1", "2", "3", "Older", "Last"]
    );
    assert_eq!(
        two.attrs(".pagination a", "href"),
        [
            "/", "/", "/", "/page/2/", "/page/3/", "/page/3/", "/page/3/"
        ]
    );
    assert_eq!(two.texts(".pagination [aria-current=page]"), ["2"]);
    assert_eq!(two.attrs("link[rel=prev]", "href"), ["/"]);
    assert_eq!(two.attrs("link[rel=next]", "href"), ["/page/3/"]);
    assert_eq!(two.texts("title"), ["Latest briefs — Page 2 of 3 | T"]);
    assert_eq!(
        site.html("topics/x/page/2/index.html").texts("title"),
        ["X — Page 2 of 3 | T"]
    );
    assert_eq!(
        site.html("topics/x/page/3/index.html").texts(".card h2"),
        ["B1"]
    );
}

#[test]
fn drafts_and_embargoed_briefs_appear_nowhere() {
    let site = TestSite::fixture("drafts-and-embargo");
    site.build_ok(&[]);
    let files = site.snapshot();
    assert!(files.iter().any(|(p, _)| p == "briefs/open/index.html"));
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("Secret Draft") && !text.contains("Draft quote"),
            "draft in {path}"
        );
        assert!(
            !text.contains("Embargoed Piece") && !text.contains("/briefs/later/"),
            "embargoed in {path}"
        );
    }
    assert!(!site.exists("briefs/draft/index.html"));
    site.build_ok(&["--drafts"]);
    assert_eq!(
        site.html("briefs/draft/index.html").texts("h1"),
        ["Secret Draft"]
    );
    assert_eq!(
        site.html("experts/ann-lee/index.html")
            .texts(".expert blockquote"),
        ["Draft quote.", "Published quote."]
    );
    assert!(!site.exists("briefs/later/index.html"));
}

#[test]
fn site_template_overrides_the_theme() {
    let site = quotes_site();
    site.write("templates/brief.html", "<!DOCTYPE html><title>{{ brief.title }}</title><p id=marker>brief|{{ brief.title }}|{{ brief.responses | length }}</p>");
    site.build_ok(&[]);
    assert_eq!(
        site.html("briefs/two/index.html").texts("#marker"),
        ["brief|Two|2"]
    );
    assert_eq!(site.html("index.html").count(".card"), 3);
}

#[test]
fn a_theme_overriding_one_template_falls_back_to_the_built_in_ones() {
    let site = quotes_site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}theme: mine\n"));
    site.write(
        "themes/mine/templates/brief.html",
        "{% extends \"base.html\" %}{% block content %}<p id=marker>theme|{{ brief.title }}</p>{% endblock content %}",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.html("briefs/two/index.html").texts("#marker"),
        ["theme|Two"]
    );
    // Every other template, and the stylesheet, come from the built-in theme.
    assert_eq!(site.html("index.html").count(".card"), 3);
    assert!(site.exists("experts/index.html") && site.exists("404.html"));
    assert!(site.exists("style.css"));
    // The site's templates/ still override the theme's.
    site.write(
        "templates/brief.html",
        "<!DOCTYPE html><title>{{ brief.title }}</title><p id=marker>site|{{ brief.title }}</p>",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.html("briefs/two/index.html").texts("#marker"),
        ["site|Two"]
    );
}
