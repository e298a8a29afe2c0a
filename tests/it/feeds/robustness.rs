//! Feeds that must stay valid whatever the site holds: hazardous text
//! round-trips through a feed parser, two builds give the same bytes, a
//! static file cannot overwrite a feed, a site without briefs gets empty
//! valid feeds. (The hazardous-text test runs past 80 lines: each format
//! and each field checked in turn.)

use super::*;

#[test]
fn hazardous_text_gives_parseable_feeds_that_round_trip() {
    let site = TestSite::with_files(&[]);
    site.write(
        "site.yaml",
        &format!("title: \"{HAZARD}\"\nbase_url: https://t.example.org/\ndescription: \"{HAZARD}\"\norganisation: \"{HAZARD}\"\nfeed:\n  footer: \"{{title}} on {{site}}\"\n"),
    );
    site.write(
        "content/experts/x.md",
        &format!("---\nname: \"{HAZARD}\"\nrole: \"{HAZARD}\"\n---\nBio.\n"),
    );
    site.write(
        "content/briefs/h.md",
        &format!(
            "---\ntitle: \"{HAZARD}\"\ndate: 2024-01-01\nsummary: \"{HAZARD}\"\nkind: \"{HAZARD}\"\ntopics: [\"{HAZARD}\"]\nauthors: [x]\nresponses:\n  - expert: x\n    quote: \"{HAZARD}\"\nrelated:\n  - title: \"{HAZARD}\"\n    by_name: [\"{HAZARD}\"]\n    url: \"https://e.org/?a=1&b=]]>\"\n---\nBody ]]> & <em>raw</em> \u{1}.\n"
        ),
    );
    site.build_ok(&[]);
    let kind_feed = site
        .snapshot()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.starts_with("kinds/") && p.ends_with("feed.xml"))
        .unwrap();
    for path in [
        "feed.xml",
        "atom.xml",
        "feed.json",
        "experts/x/feed.xml",
        &kind_feed,
    ] {
        let text = site.read(path);
        assert!(
            !text.contains('\u{1}') && !text.contains('\u{1b}'),
            "{path}"
        );
        let feed = parse(&site, path);
        let title = feed.title.as_ref().map(|t| t.content.clone());
        assert!(
            title.as_deref().unwrap_or("").contains(HAZARD_TEXT),
            "{path}: {title:?}"
        );
        let e = &feed.entries[0];
        assert_eq!(titles(&feed), [HAZARD_TEXT], "{path}");
        assert_eq!(authors(e), [HAZARD_TEXT], "{path}");
        assert_eq!(categories(e), [HAZARD_TEXT, HAZARD_TEXT], "{path}");
        // The summary is Markdown read as text (smart quotes, no tags).
        let want = "Tom & Jerry bold “dq” ‘sq’ ]]> end 🛰️ العربية עברית !";
        // RSS descriptions are HTML (readers render them), so the text is escaped there.
        let summary_text = if path.ends_with("atom.xml") || path.ends_with(".json") {
            summary(e)
        } else {
            summary(e)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        };
        assert!(summary_text.ends_with(want), "{path}: {summary_text:?}");
        let html = content(e);
        assert!(
            html.contains("Body ]]&gt; &amp; <em>raw</em> ."),
            "{path}: {html}"
        );
        let escaped = HAZARD_TEXT
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        assert!(
            html.contains(&format!("<p>{escaped}</p>")),
            "{path}: quote in {html}"
        );
        assert!(
            html.contains("href=\"https://e.org/?a=1&amp;b=]]%3E\"")
                || html.contains("href=\"https://e.org/?a=1&amp;b=]]&gt;\""),
            "{path}: {html}"
        );
    }
}

#[test]
fn two_builds_give_byte_identical_feeds() {
    let site = quotes_site();
    let feeds = |site: &TestSite| -> Vec<(String, Vec<u8>)> {
        site.snapshot()
            .into_iter()
            .filter(|(p, _)| p.ends_with(".xml") || p.ends_with(".json"))
            .filter(|(p, _)| !p.starts_with("pagefind/") && !p.ends_with("cite.json"))
            .collect()
    };
    site.build_ok(&[]);
    let first = feeds(&site);
    assert_eq!(first.len(), 10); // 9 feeds and the sitemap
    site.build_ok(&[]);
    assert_eq!(first, feeds(&site));
}

#[test]
fn static_file_may_not_overwrite_a_feed() {
    let site = quotes_site();
    site.write("static/experts/ann-lee/feed.xml", "<rss/>");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains(
            "static/experts/ann-lee/feed.xml: error: static file would overwrite the generated /experts/ann-lee/feed.xml"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn site_without_briefs_gives_empty_valid_feeds() {
    let site = TestSite::with_files(&[]);
    site.build_ok(&[]);
    for path in ["feed.xml", "atom.xml", "feed.json"] {
        assert!(parse(&site, path).entries.is_empty(), "{path}");
    }
    assert!(!site.read("feed.xml").contains("lastBuildDate"));
    // Atom requires `updated`: a fixed instant, never the clock.
    assert!(
        site.read("atom.xml")
            .contains("<updated>1970-01-01T00:00:00+00:00</updated>")
    );
}
