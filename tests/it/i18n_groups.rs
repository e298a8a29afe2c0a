//! Topic and kind pages in several languages: a group is the translation
//! of the group with its slug in another language (each language's default
//! kind of the others'), else of the group that translated briefs name in
//! the same place. Each such page carries
//! hreflang alternates both ways plus `x-default`, in its `<head>` and in
//! the sitemap; a group found in one language only, and a listing's later
//! pages, carry none.

use crate::harness::{Page, TestSite};
use crate::i18n_pages::sitemap_alternates;

fn hreflangs(page: &Page) -> Vec<(String, String)> {
    let langs = page.attrs("head link[hreflang]", "hreflang");
    let hrefs = page.attrs("head link[hreflang]", "href");
    langs.into_iter().zip(hrefs).collect()
}

/// `(hreflang, absolute URL)` of an English and an Arabic page, and the
/// English one as `x-default`.
fn en_ar(en: &str, ar: &str) -> Vec<(String, String)> {
    let base = "https://mei.example.org/";
    vec![
        ("en".into(), format!("{base}{en}")),
        ("ar".into(), format!("{base}ar/{ar}")),
        ("x-default".into(), format!("{base}{en}")),
    ]
}

/// `(English path, Arabic path as written on disk, Arabic path in URLs)`.
const GROUPS: &[(&str, &str, &str)] = &[
    // Named in the same place by a brief and its translation.
    (
        "topics/russia/",
        "topics/روسيا/",
        "topics/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/",
    ),
    (
        "topics/middle-east/",
        "topics/الشرق-الأوسط/",
        "topics/%D8%A7%D9%84%D8%B4%D8%B1%D9%82-%D8%A7%D9%84%D8%A3%D9%88%D8%B3%D8%B7/",
    ),
    (
        "kinds/flash-brief/",
        "kinds/موجز-سريع/",
        "kinds/%D9%85%D9%88%D8%AC%D8%B2-%D8%B3%D8%B1%D9%8A%D8%B9/",
    ),
    // Each language's default kind (the theme's `default_kind` word).
    (
        "kinds/brief/",
        "kinds/موجز/",
        "kinds/%D9%85%D9%88%D8%AC%D8%B2/",
    ),
];

#[test]
fn topic_and_kind_pages_link_their_translations_both_ways() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    for (en, ar_disk, ar_url) in GROUPS {
        let want = en_ar(en, ar_url);
        let en_page = site.html(&format!("{en}index.html"));
        let ar_page = site.html(&format!("ar/{ar_disk}index.html"));
        assert_eq!(hreflangs(&en_page), want, "/{en}");
        assert_eq!(hreflangs(&ar_page), want, "/ar/{ar_disk}");
        assert_eq!(
            ar_page.attrs("nav.languages a", "href"),
            [format!("/{en}")],
            "/ar/{ar_disk}"
        );
    }
    // A listing's later pages hold other briefs in each language: no alternates.
    let later = site.html("ar/topics/الشرق-الأوسط/page/2/index.html");
    assert!(hreflangs(&later).is_empty());
}

#[test]
fn the_sitemap_carries_the_groups_alternates() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let urls = sitemap_alternates(&site.read("sitemap.xml"));
    for (en, _, ar_url) in GROUPS {
        let want = en_ar(en, ar_url);
        let at = |p: String| &urls[&format!("https://mei.example.org/{p}")];
        assert_eq!(at(en.to_string()), &want, "/{en}");
        assert_eq!(at(format!("ar/{ar_url}")), &want, "/ar/{ar_url}");
    }
}

#[test]
fn groups_without_a_counterpart_have_no_alternates() {
    let site = TestSite::fixture("i18n-ar");
    // An Arabic-only topic, and a translation naming a different number of
    // topics than its original (which says nothing about which is which).
    site.write(
        "content/briefs/2024-06-01-iran.md",
        "---\ntitle: Iran Talks\ndate: 2024-06-01\ntopics: [Iran, Oil]\n---\nTalks.\n",
    );
    site.write(
        "content/briefs/2024-06-01-iran.ar.md",
        "---\ntitle: محادثات إيران\ndate: 2024-06-01\nlang: ar\ntranslation_of: iran\ntopics: [إيران]\n---\nمحادثات.\n",
    );
    site.build_ok(&[]);
    for path in ["topics/iran/", "topics/oil/", "ar/topics/إيران/"] {
        let page = site.html(&format!("{path}index.html"));
        assert!(hreflangs(&page).is_empty(), "/{path}");
        assert_eq!(page.count("nav.languages"), 0, "/{path}");
    }
    // The brief itself is still a translation.
    assert_eq!(hreflangs(&site.html("briefs/iran/index.html")).len(), 3);
}

#[test]
fn a_topic_links_every_language_it_is_translated_into() {
    let site = TestSite::fixture("i18n-fr-zh");
    site.build_ok(&[]);
    let base = "https://gpi.example.org/policy/";
    let want = vec![
        ("en".to_string(), format!("{base}topics/trade/")),
        ("fr".to_string(), format!("{base}fr/topics/commerce/")),
        ("zh".to_string(), format!("{base}zh/topics/mao-yi/")),
        ("x-default".to_string(), format!("{base}topics/trade/")),
    ];
    for path in ["topics/trade/", "fr/topics/commerce/", "zh/topics/mao-yi/"] {
        assert_eq!(
            hreflangs(&site.html(&format!("{path}index.html"))),
            want,
            "/{path}"
        );
    }
    assert!(hreflangs(&site.html("topics/climate/index.html")).is_empty());
    // The default kinds: "Brief", "Note", "简报".
    let kinds = hreflangs(&site.html("fr/kinds/note/index.html"));
    assert_eq!(
        kinds
            .iter()
            .map(|(_, href)| href.as_str())
            .collect::<Vec<_>>(),
        [
            format!("{base}kinds/brief/"),
            format!("{base}fr/kinds/note/"),
            format!("{base}zh/kinds/jian-bao/"),
            format!("{base}kinds/brief/"),
        ]
    );
}

#[test]
fn groups_with_one_slug_are_one_page() {
    let site = TestSite::fixture("i18n-ar");
    let text = |title: &str, lang: &str| {
        format!("---\ntitle: {title}\ndate: 2024-05-01\n{lang}topics: [NATO]\n---\nText.\n")
    };
    site.write(
        "content/briefs/2024-05-01-nato.md",
        &text("NATO Summit", ""),
    );
    site.write(
        "content/briefs/2024-05-01-nato-ar.md",
        &text("قمة الناتو", "lang: ar\n"),
    );
    site.build_ok(&[]);
    let want = en_ar("topics/nato/", "topics/nato/");
    assert_eq!(hreflangs(&site.html("topics/nato/index.html")), want);
    assert_eq!(hreflangs(&site.html("ar/topics/nato/index.html")), want);
}
