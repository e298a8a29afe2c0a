//! The feeds of every language, parsed by an independent reader (feed-rs):
//! under the language's prefix, with the language set, its own title,
//! links and items.

use crate::harness::TestSite;

fn parse(site: &TestSite, path: &str) -> feed_rs::model::Feed {
    let text = site.read(path);
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn arabic_feeds_say_arabic_and_list_arabic_briefs() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    for path in ["ar/feed.xml", "ar/atom.xml", "ar/feed.json"] {
        let feed = parse(&site, path);
        assert_eq!(feed.language.as_deref(), Some("ar"), "{path}");
        let title = feed.title.map(|t| t.content).unwrap_or_default();
        assert_eq!(title, "معهد الشرق الأوسط", "{path}");
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert!(
            ids.iter()
                .all(|id| id.starts_with("https://mei.example.org/ar/briefs/")),
            "{path}: {ids:?}"
        );
        assert_eq!(ids.len(), 3, "{path}");
    }
    for path in [
        "ar/experts/john-hardie/feed.xml",
        "ar/topics/روسيا/feed.xml",
    ] {
        assert_eq!(parse(&site, path).language.as_deref(), Some("ar"), "{path}");
    }
    let en = parse(&site, "feed.xml");
    assert_eq!(en.language.as_deref(), Some("en"));
    assert_eq!(en.entries.len(), 3);
    let rss = site.read("ar/feed.xml");
    assert!(
        rss.contains("<link>https://mei.example.org/ar/</link>"),
        "{rss}"
    );
    assert!(rss.contains("ظهر المقال"), "the Arabic feed footer");
}

#[test]
fn french_and_chinese_feeds_carry_their_language() {
    let site = TestSite::fixture("i18n-fr-zh");
    site.build_ok(&[]);
    for (path, lang) in [
        ("fr/feed.xml", "fr"),
        ("zh/atom.xml", "zh"),
        ("zh/feed.json", "zh"),
        ("feed.xml", "en"),
    ] {
        assert_eq!(parse(&site, path).language.as_deref(), Some(lang), "{path}");
    }
}

#[test]
fn feed_text_is_in_the_feed_language() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let expert = parse(&site, "ar/experts/john-hardie/feed.xml");
    let description = expert.description.map(|d| d.content).unwrap_or_default();
    assert_eq!(description, "موجزات بقلم جون هاردي أو تقتبس منه");
    let feed = parse(&site, "ar/feed.xml");
    let clash = (feed.entries.iter())
        .find(|e| e.id.ends_with("/ar/briefs/troops-clash/"))
        .expect("the Arabic brief");
    let content = clash
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default();
    assert!(content.contains("<h2>ردّ خبراء المعهد</h2>"), "{content}");
    let en = parse(&site, "experts/john-hardie/feed.xml");
    let description = en.description.map(|d| d.content).unwrap_or_default();
    assert_eq!(description, "Briefs by or quoting John Hardie");
}
