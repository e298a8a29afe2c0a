//! `briefs build` on small sites: every page kind of SPEC section 5, judged
//! by parsing the produced HTML.

use crate::harness::{TestSite, brief, expert};

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

/// Every `href` and `src` on the page, checked to be under `base_url`
/// (absolute, or as a path) or on another host.
fn assert_links_under(site: &TestSite, page: &str, base_url: &str) {
    let path = &base_url[base_url.find("://").unwrap() + 3..];
    let path = &path[path.find('/').unwrap()..];
    let html = site.html(page);
    let links = [
        html.attrs("a, link", "href"),
        html.attrs("img, script", "src"),
    ]
    .concat();
    assert!(!links.is_empty());
    for link in &links {
        assert!(
            link.starts_with('#')
                || link.starts_with("mailto:")
                || link.starts_with("https://x.com/")
                || link.starts_with("https://www.linkedin.com/")
                || link.starts_with(path)
                || link.starts_with(base_url)
                || link.starts_with("https://example.org/"),
            "{page}: {link}"
        );
    }
}

#[test]
fn base_url_path_prefixes_every_internal_link() {
    let site = TestSite::fixture("base-path");
    site.build_ok(&[]);
    for page in [
        "briefs/three/index.html",
        "index.html",
        "about/index.html",
        "404.html",
    ] {
        assert_links_under(&site, page, "https://org.github.io/policy/");
    }
    let page = site.html("briefs/three/index.html");
    assert!(
        page.attrs("link", "href")
            .contains(&"/policy/style.css".to_string())
    );
    assert_eq!(
        page.attrs("link[rel=canonical]", "href"),
        ["https://org.github.io/policy/briefs/three/"]
    );
    assert_eq!(page.attrs(".body a", "href"), ["/policy/briefs/one/"]);
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://org.github.io/policy/briefs/one/</loc>")
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://org.github.io/policy/sitemap.xml")
    );
    // --base-url replaces site.yaml's, path and all.
    site.build_ok(&["--base-url", "https://preview.example.net/pr-7/"]);
    assert_links_under(
        &site,
        "briefs/three/index.html",
        "https://preview.example.net/pr-7/",
    );
    assert_eq!(
        site.html("briefs/three/index.html")
            .attrs("link[rel=canonical]", "href"),
        ["https://preview.example.net/pr-7/briefs/three/"]
    );
}

#[test]
fn plain_pages_sitemap_robots_and_404() {
    let site = quotes_site();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About us\n---\nWe *write* briefs.\n",
    );
    site.write(
        "static/images/logo.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    site.build_ok(&[]);
    assert_eq!(site.html("about/index.html").texts("article em"), ["write"]);
    assert_eq!(site.html("404.html").texts("h1"), ["Page not found"]);
    assert!(site.exists("images/logo.svg") && site.exists("style.css"));
    let sitemap = site.read("sitemap.xml");
    for loc in [
        "https://test.example.org/",
        "https://test.example.org/about/",
        "https://test.example.org/experts/ann-lee/",
        "https://test.example.org/topics/iran/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
    }
    assert!(!sitemap.contains("404"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = quotes_site();
    site.build_ok(&[]);
    let first = site.snapshot();
    site.build_ok(&[]);
    assert_eq!(first, site.snapshot());
}

#[test]
fn unknown_expert_names_brief_line_and_nearest_id() {
    let site = quotes_site();
    site.write("content/briefs/2024-03-01-three.md", "---\ntitle: Three\ndate: 2024-03-01\nresponses:\n  - expert: ann-le\n    quote: Q\n---\nx\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("content/briefs/2024-03-01-three.md:5:13: error: unknown expert `ann-le`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `ann-lee`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn failed_build_leaves_the_last_good_site_untouched() {
    let site = quotes_site();
    site.build_ok(&[]);
    let before = site.snapshot();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.org/\npaginte: 3\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .contains("site.yaml:3:1: error: unknown field `paginte`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `paginate`?"),
        "{}",
        run.stderr
    );
    assert_eq!(before, site.snapshot());
    let left = crate::bad_input::leftovers(&site);
    assert!(left.is_none(), "left behind: {left:?}");
}

#[test]
fn usage_errors_exit_2() {
    let site = quotes_site();
    assert_eq!(site.run(&["build", "--no-such-flag"]).status, 2);
}

#[test]
fn many_briefs_give_every_page() {
    let site = TestSite::with_files(&[]);
    let (n, experts, topics) = (450, 12, 7);
    for e in 0..experts {
        site.write(
            &format!("content/experts/e{e}.md"),
            &expert(&format!("Expert {e}"), "Fellow"),
        );
    }
    for i in 0..n {
        let fm = format!(
            "kind: K{}\ntopics: [T{}, T{}]\nauthors: [e{}]\nresponses:\n  - expert: e{}\n    quote: \"Q{i}\"\n",
            i % 3,
            i % topics,
            (i + 1) % topics,
            i % experts,
            (i + 5) % experts
        );
        let date = format!("2020-01-01T00:{:02}:{:02}Z", i / 60, i % 60);
        site.write(
            &format!("content/briefs/{}/b{i}.md", 2020 + i % 4),
            &brief(&format!("Brief {i}"), &date, &fm),
        );
    }
    let run = site.build_ok(&[]);
    assert!(
        run.stdout.contains(&format!(
            "built {n} briefs, {experts} experts, {topics} topics, 3 kinds"
        )),
        "{}",
        run.stdout
    );
    let count = |prefix: &str| {
        site.snapshot()
            .iter()
            .filter(|(p, _)| p.starts_with(prefix) && p.ends_with("index.html"))
            .count()
    };
    assert_eq!(count("briefs/"), n);
    assert_eq!(count("experts/"), experts + 1);
    assert_eq!(count("page/"), n.div_ceil(20) - 1);
    // Each topic holds 2 * 450 / 7 briefs or so: its pages, plus the index.
    let topic_pages: usize = (0..topics)
        .map(|t| {
            let in_topic = (0..n)
                .filter(|i| i % topics == t || (i + 1) % topics == t)
                .count();
            in_topic.div_ceil(20)
        })
        .sum();
    assert_eq!(count("topics/"), topic_pages + 1);
    assert_eq!(count("kinds/"), 3 * (150usize).div_ceil(20));
    let quotes = site
        .html("experts/e0/index.html")
        .count(".expert blockquote");
    assert_eq!(quotes, (0..n).filter(|i| (i + 5) % experts == 0).count());
}
