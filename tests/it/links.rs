//! Links in Markdown bodies and the ids of a page: root-relative body links
//! and images carry the base path in pages and in every feed (parsed with
//! feed-rs, their HTML with scraper); `data:image/…` images are allowed; a
//! brief quoting one expert twice has two anchors, both linked from the
//! expert page; body headings and footnotes never take the theme's ids;
//! `check` reports duplicate ids and takes `--base-url`; raw HTML links and
//! `srcset`s in a body become absolute in every feed format.

use crate::harness::{TestSite, brief, expert};
use scraper::{Html, Selector};
use std::collections::HashSet;

const BASE: &str = "https://org.github.io/briefs/";

/// A site on a base URL with a path, whose bodies use root-relative links.
fn base_path_site() -> TestSite {
    let site = TestSite::with_files(&[
        (
            "content/experts/ann-lee.md",
            "---\nname: Ann Lee\nrole: Fellow\n---\nBio with [her CV](/pdf/cv.pdf).\n",
        ),
        (
            "content/briefs/2024-01-01-b.md",
            "---\ntitle: B\ndate: 2024-01-01\ntopics: [Iran]\nauthors: [ann-lee]\n---\n\
             Read [the PDF](/pdf/x.pdf) and [the memo][memo].\n\n\
             ![Chart](/images/y.png)\n\n\
             ![Dot](data:image/png;base64,iVBORw0KGgo=)\n\n\
             [memo]: /pdf/memo.pdf\n",
        ),
        (
            "content/pages/about.md",
            "---\ntitle: About\n---\nSee [our brief](/briefs/b/).\n",
        ),
        ("static/pdf/x.pdf", "%PDF"),
        ("static/pdf/memo.pdf", "%PDF"),
        ("static/pdf/cv.pdf", "%PDF"),
        ("static/images/y.png", "png"),
    ]);
    site.write(
        "site.yaml",
        &format!("title: Test Institute\nbase_url: {BASE}\norganisation: TI\n"),
    );
    site
}

/// The `attr` of every `css` element of an HTML fragment.
fn fragment_attrs(html: &str, css: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn body_links_and_images_carry_the_base_path_in_pages_and_feeds() {
    let site = base_path_site();
    site.build_ok(&[]);
    let page = site.html("briefs/b/index.html");
    let hrefs = page.attrs(".body a", "href");
    assert_eq!(hrefs, ["/briefs/pdf/x.pdf", "/briefs/pdf/memo.pdf"]);
    let srcs = page.attrs(".body img", "src");
    assert_eq!(
        srcs,
        ["/briefs/images/y.png", "data:image/png;base64,iVBORw0KGgo="]
    );
    let bio = site.html("experts/ann-lee/index.html");
    assert_eq!(bio.attrs(".bio a", "href"), ["/briefs/pdf/cv.pdf"]);
    let about = site.html("about/index.html");
    assert_eq!(
        about.attrs("main a[href*='/b/']", "href"),
        ["/briefs/briefs/b/"]
    );

    for path in [
        "feed.xml",
        "atom.xml",
        "feed.json",
        "experts/ann-lee/feed.xml",
    ] {
        let text = site.read(path);
        let feed =
            feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        let html = feed.entries[0]
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .unwrap_or_default();
        let hrefs = fragment_attrs(&html, "a", "href");
        for want in [
            "https://org.github.io/briefs/pdf/x.pdf",
            "https://org.github.io/briefs/pdf/memo.pdf",
        ] {
            assert!(
                hrefs.iter().any(|h| h == want),
                "{path}: {want} not in {hrefs:?}"
            );
        }
        let srcs = fragment_attrs(&html, "img", "src");
        assert_eq!(
            srcs,
            [
                "https://org.github.io/briefs/images/y.png",
                "data:image/png;base64,iVBORw0KGgo="
            ],
            "{path}"
        );
        assert!(
            hrefs
                .iter()
                .chain(&srcs)
                .all(|u| !u.contains("/briefs/briefs/pdf")
                    && !u.starts_with("https://org.github.io/pdf")
                    && !u.starts_with("https://org.github.io/images")),
            "{path}: {hrefs:?} {srcs:?}"
        );
    }
    // The link checker follows them under the base path.
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn check_takes_base_url_like_build() {
    let site = base_path_site();
    let run = site.run(&["check", "--base-url", "https://preview.example.org/sub/"]);
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
    // Raw HTML is left as written: a root-relative link there misses the base path.
    site.write(
        "content/briefs/2024-02-01-raw.md",
        "---\ntitle: Raw\ndate: 2024-02-01\ntopics: [Iran]\n---\nSee <a href=\"/pdf/x.pdf\">the PDF</a>.\n",
    );
    let run = site.run(&["check", "--base-url", "https://preview.example.org/sub/"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/briefs/2024-02-01-raw.md:6:14: error: link `/pdf/x.pdf` points outside the site's base path /sub/"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_expert_quoted_twice_gets_two_anchors_both_linked() {
    let site = TestSite::with_files(&[
        ("content/experts/ann-lee.md", &expert("Ann Lee", "Fellow")),
        ("content/experts/bo-chen.md", &expert("Bo Chen", "Director")),
        (
            "content/briefs/2024-01-01-b.md",
            &brief(
                "B",
                "2024-01-01",
                "topics: [Iran]\nresponses:\n  - expert: ann-lee\n    quote: \"First.\"\n  - expert: bo-chen\n    quote: \"Bo.\"\n  - expert: ann-lee\n    quote: \"Second.\"\n",
            ),
        ),
    ]);
    site.build_ok(&[]);
    let page = site.html("briefs/b/index.html");
    assert_eq!(
        page.attrs("figure.response", "id"),
        ["response-ann-lee", "response-bo-chen", "response-ann-lee-2"]
    );
    let expert = site.html("experts/ann-lee/index.html");
    let links: HashSet<String> = expert
        .attrs("figure.response figcaption a", "href")
        .into_iter()
        .collect();
    let want: HashSet<String> = [
        "/briefs/b/#response-ann-lee",
        "/briefs/b/#response-ann-lee-2",
    ]
    .map(String::from)
    .into();
    assert_eq!(links, want);
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn body_headings_and_footnotes_never_take_the_themes_ids() {
    let site = TestSite::with_files(&[
        ("content/experts/ann-lee.md", &expert("Ann Lee", "Fellow")),
        (
            "content/briefs/2024-01-01-b.md",
            "---\ntitle: B\ndate: 2024-01-01\ntopics: [Iran]\nresponses:\n  - expert: ann-lee\n    quote: \"Q.\"\nrelated:\n  - title: \"R\"\n    url: https://example.org/r\n---\n\
             ## Expert Response\n\nAs noted[^background], twice[^background].\n\n## Background\n\n## Response Ann Lee\n\n\
             [^background]: The note.\n",
        ),
    ]);
    site.build_ok(&[]);
    let page = site.html("briefs/b/index.html");
    let ids = page.attrs("[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for id in [
        "expert-response",
        "background",
        "response-ann-lee",
        "fn-background",
        "fnref-background",
        "fnref-background-1",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} not in {ids:?}");
    }
    // The theme's sections keep their ids; the body's headings moved aside.
    assert_eq!(page.texts("#expert-response"), ["TI Expert Response"]);
    assert_eq!(page.texts("#background"), ["TI Background and Analysis"]);
    // Every footnote reference leads to the note, and the note back to each.
    assert_eq!(
        page.attrs(".footnote-reference a", "href"),
        ["#fn-background", "#fn-background"]
    );
    assert_eq!(
        page.attrs("#fn-background a.footnote-backref", "href"),
        ["#fnref-background", "#fnref-background-1"]
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn check_reports_a_duplicate_id() {
    let site = TestSite::with_files(&[(
        "content/briefs/2024-01-01-b.md",
        "---\ntitle: B\ndate: 2024-01-01\ntopics: [Iran]\n---\nText.\n\n<div id=\"dup\">a</div>\n<div id=\"dup\">b</div>\n",
    )]);
    site.build_ok(&[]);
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/briefs/2024-01-01-b.md:8:6: error: the id `dup` is used 2 times on /briefs/b/"
        ),
        "{}",
        run.stderr
    );
}

/// A body with raw HTML: inline links, a figure with `srcset`, a
/// `<picture>` whose `<source>` URL holds a comma, and a `<video>`.
const RAW_HTML_BODY: &str = "Raw HTML, <a href=\"notes/\">inline</a> and <a href='#fn'>to a note</a>.\n\n\
<figure>\n\
<a href=\"/maps/iran/\"><img src=\"/img/a.png\" srcset=\"/img/a.png 1x,  img/a@2x.png   2x\" alt=\"A\"></a>\n\
<figcaption>See <a href=\"../one/\">One</a> and <a href=\"https://example.org/x?a=1&amp;b=2\">elsewhere</a>.</figcaption>\n\
</figure>\n\n\
<picture><source srcset=\"/img/w,400.webp 400w, w800.webp 800w\"><img src=\"w.png\" alt=\"W\"></picture>\n\
<video src=\"clip.mp4\" poster=\"/img/p.jpg\"></video>\n";

#[test]
fn raw_html_links_in_feeds_become_absolute_against_the_permalink() {
    for (base, host) in [
        ("https://test.example.org/", "https://test.example.org"),
        (BASE, "https://org.github.io"),
    ] {
        let site = TestSite::with_files(&[(
            "content/briefs/2024-03-01-raw.md",
            &format!("---\ntitle: Raw\ndate: 2024-03-01\ntopics: [Iran]\n---\n{RAW_HTML_BODY}"),
        )]);
        site.write(
            "site.yaml",
            &format!("title: Test Institute\nbase_url: {base}\norganisation: TI\n"),
        );
        site.build_ok(&[]);
        // Raw HTML means on the page what it says: a root-relative URL there
        // is from the host, a relative one from the brief's page.
        let page = format!("{base}briefs/raw/");
        let want_hrefs = [
            format!("{page}notes/"),
            format!("{page}#fn"),
            format!("{host}/maps/iran/"),
            format!("{base}briefs/one/"),
            "https://example.org/x?a=1&b=2".to_string(),
        ];
        for path in ["feed.xml", "atom.xml", "feed.json", "topics/iran/feed.xml"] {
            let text = site.read(path);
            let feed =
                feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(feed.entries[0].id, page, "{path}");
            let html = feed.entries[0]
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .unwrap_or_default();
            assert_eq!(fragment_attrs(&html, "a", "href"), want_hrefs, "{path}");
            assert_eq!(
                fragment_attrs(&html, "img", "src"),
                [format!("{host}/img/a.png"), format!("{page}w.png")],
                "{path}"
            );
            assert_eq!(
                fragment_attrs(&html, "img[srcset]", "srcset"),
                [format!("{host}/img/a.png 1x, {page}img/a@2x.png 2x")],
                "{path}"
            );
            assert_eq!(
                fragment_attrs(&html, "source", "srcset"),
                [format!("{host}/img/w,400.webp 400w, {page}w800.webp 800w")],
                "{path}"
            );
            assert_eq!(
                fragment_attrs(&html, "video", "src"),
                [format!("{page}clip.mp4")],
                "{path}"
            );
            assert_eq!(
                fragment_attrs(&html, "video", "poster"),
                [format!("{host}/img/p.jpg")],
                "{path}"
            );
        }
        // The page itself keeps the raw HTML as written.
        let brief = site.html("briefs/raw/index.html");
        assert_eq!(
            brief.attrs(".body a", "href")[..2],
            ["notes/".to_string(), "#fn".to_string()]
        );
    }
}
