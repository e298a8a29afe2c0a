//! Site-wide outputs and failures of `briefs build`: a base path on every
//! internal link, plain pages, sitemap, robots.txt and 404, byte-identical
//! rebuilds, errors and exit codes, and many briefs.

use super::*;

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
