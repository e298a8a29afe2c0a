//! Feeds of SPEC sections 5–6, judged by an independent parser (feed-rs):
//! items, order, ids, absolute links, dates, authors, categories, expert
//! feeds with quotes, the limit, the footer, hazardous text, reproducibility.

use crate::harness::{TestSite, brief, expert};
use feed_rs::model::{Entry, Feed};

mod robustness;

/// `public/<path>` parsed by feed-rs.
fn parse(site: &TestSite, path: &str) -> Feed {
    let text = site.read(path);
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}\n{text}"))
}

fn ids(feed: &Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.id.clone()).collect()
}

fn titles(feed: &Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            e.title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default()
        })
        .collect()
}

fn content(e: &Entry) -> String {
    e.content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default()
}

fn summary(e: &Entry) -> String {
    e.summary
        .as_ref()
        .map(|s| s.content.clone())
        .unwrap_or_default()
}

fn authors(e: &Entry) -> Vec<String> {
    e.authors.iter().map(|a| a.name.clone()).collect()
}

fn categories(e: &Entry) -> Vec<String> {
    e.categories.iter().map(|c| c.term.clone()).collect()
}

/// Ann is quoted in One and Two and wrote Three; Bo wrote One and is quoted
/// in Two; Three has a related internal brief and a root-relative link.
fn quotes_site() -> TestSite {
    TestSite::with_files(&[
        (
            "content/experts/ann-lee.md",
            &expert("Ann Lee", "Senior Fellow"),
        ),
        ("content/experts/bo-chen.md", &expert("Bo Chen", "Director")),
        (
            "content/briefs/2024-01-01-one.md",
            &brief(
                "One",
                "2024-01-01",
                "kind: Flash Brief\ntopics: [Russia]\nauthors: [bo-chen]\nresponses:\n  - expert: ann-lee\n    quote: \"Quote one.\"\n",
            ),
        ),
        (
            "content/briefs/2024-02-01-two.md",
            &brief(
                "Two",
                "2024-02-01",
                "kind: Analysis\ntopics: [Russia, Iran]\nupdated: 2024-02-03\nresponses:\n  - expert: ann-lee\n    quote: \"Quote two.\"\n  - expert: bo-chen\n    quote: \"Bo on two.\"\n",
            ),
        ),
        (
            "content/briefs/2024-03-01-three.md",
            "---\ntitle: Three\ndate: 2024-03-01\nkind: Flash Brief\ntopics: [Iran]\nauthors: [ann-lee, bo-chen]\nrelated:\n  - title: \"Earlier\"\n    brief: one\n  - title: \"Elsewhere\"\n    by: [bo-chen]\n    url: https://example.org/x\n---\nSee [the map](/maps/iran/) and ![chart](chart.png) and [a note](#note).\n",
        ),
    ])
}

const BASE: &str = "https://test.example.org/";

#[test]
fn site_feeds_hold_the_same_items_in_every_format() {
    let site = quotes_site();
    site.build_ok(&[]);
    let want: Vec<String> = ["three", "two", "one"]
        .iter()
        .map(|s| format!("{BASE}briefs/{s}/"))
        .collect();
    for path in ["feed.xml", "atom.xml", "feed.json"] {
        let feed = parse(&site, path);
        assert_eq!(ids(&feed), want, "{path}");
        assert_eq!(titles(&feed), ["Three", "Two", "One"], "{path}");
        let three = &feed.entries[0];
        assert_eq!(three.links[0].href, want[0], "{path}");
        assert_eq!(authors(three), ["Ann Lee", "Bo Chen"], "{path}");
        assert_eq!(categories(three), ["Iran", "Flash Brief"], "{path}");
        assert_eq!(
            categories(&feed.entries[1]),
            ["Russia", "Iran", "Analysis"],
            "{path}"
        );
        assert_eq!(
            summary(three),
            "See the map and chart and a note.",
            "{path}"
        );
        let published: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.published.map(|d| d.to_rfc3339()).unwrap_or_default())
            .collect();
        assert_eq!(
            published,
            [
                "2024-03-01T00:00:00+00:00",
                "2024-02-01T00:00:00+00:00",
                "2024-01-01T00:00:00+00:00"
            ],
            "{path}"
        );
        // Build date = the newest date or update of an item, never the clock
        // (JSON Feed has no feed-level date).
        if path != "feed.json" {
            assert_eq!(
                feed.updated.map(|d| d.to_rfc3339()).as_deref(),
                Some("2024-03-01T00:00:00+00:00"),
                "{path}"
            );
        }
        assert_eq!(feed.language.as_deref(), Some("en"), "{path}");
    }
    let rss = site.read("feed.xml");
    assert!(rss.contains(
        "<atom:link href=\"https://test.example.org/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>"
    ));
    // One dc:creator per author: two on Three, one on One.
    assert_eq!(rss.matches("<dc:creator>").count(), 3);
    let atom = parse(&site, "atom.xml");
    assert_eq!(
        atom.entries[1].updated.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-02-03T00:00:00+00:00")
    );
    assert!(site.read("atom.xml").contains("rel=\"self\""));
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], format!("{BASE}feed.json"));
    assert_eq!(json["home_page_url"], BASE);
    assert_eq!(
        json["items"][1]["date_modified"],
        "2024-02-03T00:00:00+00:00"
    );
}

#[test]
fn content_carries_body_responses_and_related_with_absolute_links() {
    let site = quotes_site();
    site.build_ok(&[]);
    for path in ["feed.xml", "atom.xml", "feed.json"] {
        let feed = parse(&site, path);
        let three = content(&feed.entries[0]);
        for href in [
            "href=\"https://test.example.org/maps/iran/\"",
            "src=\"https://test.example.org/briefs/three/chart.png\"",
            "href=\"https://test.example.org/briefs/three/#note\"",
            "href=\"https://test.example.org/briefs/one/\"",
            "href=\"https://example.org/x\"",
            "href=\"https://test.example.org/experts/bo-chen/\"",
        ] {
            assert!(three.contains(href), "{path}: {href} not in {three}");
        }
        assert!(three.contains("TI Background and Analysis"), "{path}");
        let two = content(&feed.entries[1]);
        assert!(two.contains("TI Expert Response"), "{path}");
        assert!(two.contains("<p>Quote two.</p>"), "{path}");
        assert!(two.contains("<p>Bo on two.</p>"), "{path}");
        assert!(
            !two.contains("href=\"/"),
            "{path}: root-relative link in {two}"
        );
    }
}

#[test]
fn expert_feed_holds_briefs_written_and_quoted_in() {
    let site = quotes_site();
    site.write(
        "content/briefs/2024-04-01-four.md",
        &brief("Four", "2024-04-01", "authors: [bo-chen]\n"),
    );
    site.build_ok(&[]);
    let ann = parse(&site, "experts/ann-lee/feed.xml");
    assert_eq!(titles(&ann), ["Three", "Two", "One"]);
    assert!(!content(&ann.entries[0]).contains("is quoted"));
    for (entry, quote) in ann.entries[1..].iter().zip(["Quote two.", "Quote one."]) {
        let html = content(entry);
        assert!(
            html.contains("<strong>Ann Lee</strong> is quoted in this brief"),
            "{html}"
        );
        assert!(
            html.contains(&format!("<blockquote><p>{quote}</p>")),
            "{html}"
        );
        assert!(summary(entry).starts_with(&format!("Ann Lee is quoted: “{quote}”")));
    }
    let bo = parse(&site, "experts/bo-chen/feed.xml");
    assert_eq!(titles(&bo), ["Four", "Three", "Two", "One"]);
    assert!(content(&bo.entries[2]).contains("<p>Bo on two.</p>"));
    assert!(site.read("experts/bo-chen/feed.xml").contains(
        "<atom:link href=\"https://test.example.org/experts/bo-chen/feed.xml\" rel=\"self\""
    ));
}

#[test]
fn topic_and_kind_feeds_hold_their_briefs() {
    let site = quotes_site();
    let run = site.build_ok(&[]);
    assert_eq!(
        titles(&parse(&site, "topics/iran/feed.xml")),
        ["Three", "Two"]
    );
    assert_eq!(
        titles(&parse(&site, "topics/russia/feed.xml")),
        ["Two", "One"]
    );
    assert_eq!(
        titles(&parse(&site, "kinds/flash-brief/feed.xml")),
        ["Three", "One"]
    );
    assert_eq!(titles(&parse(&site, "kinds/analysis/feed.xml")), ["Two"]);
    // 3 site-wide + 2 experts + 2 topics + 2 kinds.
    assert!(run.stdout.contains("9 feeds"), "{}", run.stdout);
    let page = site.html("topics/iran/index.html");
    assert!(
        page.attrs("link[rel=alternate]", "href")
            .contains(&"/topics/iran/feed.xml".to_string())
    );
}

#[test]
fn limit_applies_newest_first_ties_by_slug() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://t.example.org/\nfeed:\n  limit: 3\n",
    );
    for (slug, date) in [
        ("a", "2024-01-05"),
        ("b", "2024-01-05"),
        ("c", "2024-01-04"),
        ("d", "2024-01-05"),
        ("e", "2024-01-01"),
    ] {
        site.write(
            &format!("content/briefs/{slug}.md"),
            &brief(slug, date, "topics: [X]\n"),
        );
    }
    site.build_ok(&[]);
    for path in ["feed.xml", "atom.xml", "feed.json", "topics/x/feed.xml"] {
        assert_eq!(titles(&parse(&site, path)), ["a", "b", "d"], "{path}");
    }
}

#[test]
fn build_date_is_the_newest_date_or_update_in_the_site_time_zone() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\n",
    );
    site.write(
        "content/briefs/old.md",
        &brief("Old", "2024-01-01", "updated: 2024-07-04T09:30:00\n"),
    );
    site.write("content/briefs/new.md", &brief("New", "2024-03-01", ""));
    site.build_ok(&[]);
    let rss = site.read("feed.xml");
    assert!(
        rss.contains("<lastBuildDate>Thu, 4 Jul 2024 09:30:00 -0400</lastBuildDate>"),
        "{rss}"
    );
    assert!(rss.contains("<pubDate>Fri, 1 Mar 2024 00:00:00 -0500</pubDate>"));
    assert!(
        site.read("atom.xml")
            .contains("<updated>2024-07-04T09:30:00-04:00</updated>")
    );
    let feed = parse(&site, "feed.json");
    assert_eq!(
        feed.entries[0].published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-03-01T05:00:00+00:00")
    );
}

#[test]
fn footer_is_filled_and_escaped() {
    let site = TestSite::with_files(&[(
        "content/briefs/x.md",
        &brief("Tom & <Jerry>", "2024-01-01", ""),
    )]);
    site.write(
        "site.yaml",
        "title: \"R&D <Institute>\"\nbase_url: https://t.example.org/\nfeed:\n  footer: \"The post {title} appeared first on {site} & at {url}. {other}\"\n",
    );
    site.build_ok(&[]);
    let want = "<p class=\"feed-footer\">The post <a href=\"https://t.example.org/briefs/x/\">Tom &amp; &lt;Jerry&gt;</a> appeared first on <a href=\"https://t.example.org/\">R&amp;D &lt;Institute&gt;</a> &amp; at <a href=\"https://t.example.org/briefs/x/\">https://t.example.org/briefs/x/</a>. {other}</p>";
    for path in ["feed.xml", "atom.xml", "feed.json", "kinds/brief/feed.xml"] {
        let html = content(&parse(&site, path).entries[0]);
        assert!(html.contains(want), "{path}: {html}");
    }
    assert!(!site.read("briefs/x/index.html").contains("appeared first"));

    let plain = TestSite::with_files(&[("content/briefs/x.md", &brief("X", "2024-01-01", ""))]);
    plain.build_ok(&[]);
    assert!(!content(&parse(&plain, "feed.xml").entries[0]).contains("feed-footer"));
}

#[test]
fn base_url_with_a_path_reaches_every_feed_url() {
    let site = quotes_site();
    site.build_ok(&["--base-url", "https://org.github.io/briefs/"]);
    let base = "https://org.github.io/briefs/";
    for path in ["feed.xml", "atom.xml", "feed.json"] {
        let feed = parse(&site, path);
        assert_eq!(feed.entries[0].id, format!("{base}briefs/three/"), "{path}");
        let html = content(&feed.entries[0]);
        assert!(
            html.contains(&format!("href=\"{base}briefs/one/\"")),
            "{path}"
        );
        assert!(
            html.contains(&format!("src=\"{base}briefs/three/chart.png\"")),
            "{path}"
        );
        assert!(
            html.contains(&format!("href=\"{base}experts/bo-chen/\"")),
            "{path}"
        );
        assert_eq!(authors(&feed.entries[0]).len(), 2);
    }
    assert!(
        site.read("feed.xml")
            .contains(&format!("<atom:link href=\"{base}feed.xml\" rel=\"self\""))
    );
    assert!(
        site.read("experts/ann-lee/feed.xml")
            .contains(&format!("<link>{base}experts/ann-lee/</link>"))
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["feed_url"], format!("{base}feed.json"));
    assert_eq!(
        json["items"][0]["authors"][0]["url"],
        format!("{base}experts/ann-lee/")
    );
}

/// Every character that breaks naive XML, in every front-matter field a
/// feed shows; `\x01` and `\x1b` are YAML escapes for control characters.
const HAZARD: &str = r#"Tom & Jerry <b>bold</b> \"dq\" 'sq' ]]> end 🛰️ العربية עברית \x01\x1b!"#;
const HAZARD_TEXT: &str = "Tom & Jerry <b>bold</b> \"dq\" 'sq' ]]> end 🛰️ العربية עברית !";

#[test]
fn demo_site_feeds_parse() {
    let site = TestSite::demo();
    site.build_ok(&[]);
    let feed = parse(&site, "feed.xml");
    assert_eq!(feed.entries.len(), 1);
    let first = content(&feed.entries[0]);
    assert!(first.contains(
        "“Russia Acquires North Korean Missiles, Eyes Iranian Missiles,” (FDD Flash Brief)"
    ));
    assert!(first.contains("FDD Expert Response"));
    assert!(first.contains("appeared first on"));
    let may = parse(&site, "experts/clifford-d-may/feed.xml");
    assert_eq!(may.entries.len(), 1);
    assert!(content(&may.entries[0]).contains("is quoted in this brief"));
}
