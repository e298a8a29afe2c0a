//! A site in several languages, built and read with an HTML5 parser: every
//! language's pages exist under its prefix with the right `lang` and `dir`,
//! hreflang alternates both ways plus `x-default`, a language switcher,
//! translated labels and dates with the language's month names, and the
//! sitemap's `xhtml:link` alternates (read with an XML parser).

use crate::harness::{Page, TestSite};

/// Pages of the English + Arabic fixture that exist in both languages.
const BOTH: &[&str] = &[
    "",
    "briefs/troops-clash/",
    "experts/",
    "experts/john-hardie/",
    "experts/clifford-may/",
    "topics/",
    "about/",
];

fn hreflangs(page: &Page) -> Vec<(String, String)> {
    let langs = page.attrs("head link[hreflang]", "hreflang");
    let hrefs = page.attrs("head link[hreflang]", "href");
    langs.into_iter().zip(hrefs).collect()
}

fn html_attr(page: &Page, attr: &str) -> String {
    page.attrs("html", attr).pop().unwrap_or_default()
}

#[test]
fn arabic_pages_have_lang_dir_and_alternates_both_ways() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let base = "https://mei.example.org/";
    for path in BOTH {
        let en = site.html(&format!("{path}index.html"));
        let ar = site.html(&format!("ar/{path}index.html"));
        assert_eq!(
            (html_attr(&en, "lang"), html_attr(&en, "dir")),
            ("en".into(), "ltr".into()),
            "/{path}"
        );
        assert_eq!(
            (html_attr(&ar, "lang"), html_attr(&ar, "dir")),
            ("ar".into(), "rtl".into()),
            "/ar/{path}"
        );
        let want = vec![
            ("en".to_string(), format!("{base}{path}")),
            ("ar".to_string(), format!("{base}ar/{path}")),
            ("x-default".to_string(), format!("{base}{path}")),
        ];
        assert_eq!(hreflangs(&en), want, "/{path}");
        assert_eq!(hreflangs(&ar), want, "/ar/{path}");
        assert_eq!(en.attrs("nav.languages a", "hreflang"), ["ar"], "/{path}");
        assert_eq!(
            ar.attrs("nav.languages a", "href"),
            [format!("/{path}")],
            "/ar/{path}"
        );
        assert_eq!(ar.texts("nav.languages a"), ["English"]);
        assert_eq!(en.texts("nav.languages a"), ["العربية"]);
    }
}

#[test]
fn pages_in_one_language_only_have_no_alternates_or_switcher() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let single = [
        "briefs/english-only/",
        "ar/briefs/arabic-only/",
        "ar/page/2/",
        "page/2/",
    ];
    for path in single {
        let page = site.html(&format!("{path}index.html"));
        assert!(hreflangs(&page).is_empty(), "{path}");
        assert_eq!(page.count("nav.languages"), 0, "{path}");
        assert!(
            !html_attr(&page, "dir").is_empty(),
            "{path}: every page has a dir"
        );
    }
}

/// Files of the Arabic site beyond the pages it shares with the English one.
const ARABIC_FILES: &[&str] = &[
    "ar/index.html",
    "ar/page/2/index.html",
    "ar/briefs/arabic-only/index.html",
    "ar/briefs/iran-sanctions/index.html",
    "ar/experts/amal-haddad/index.html",
    "ar/experts/amal-haddad/feed.xml",
    "ar/experts/john-hardie/feed.xml",
    "ar/topics/الشرق-الأوسط/index.html",
    "ar/topics/الشرق-الأوسط/page/2/index.html",
    "ar/topics/الشرق-الأوسط/feed.xml",
    "ar/kinds/موجز-سريع/index.html",
    "ar/kinds/موجز-سريع/feed.xml",
    "ar/feed.xml",
    "ar/atom.xml",
    "ar/feed.json",
    "ar/404.html",
    "topics/middle-east/index.html",
];

#[test]
fn every_language_has_its_listings_experts_and_feeds() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    for path in ARABIC_FILES {
        assert!(site.exists(path), "{path} is missing");
    }
    // English experts and briefs stay out of the Arabic site, and back.
    assert!(!site.exists("ar/briefs/english-only/index.html"));
    assert!(!site.exists("briefs/arabic-only/index.html"));
    assert!(!site.exists("experts/amal-haddad/index.html"));
    // The Arabic expert index lists the Arabic profile of a translated expert.
    let experts = site.html("ar/experts/index.html");
    assert!(
        experts
            .texts(".expert-grid a.name")
            .contains(&"جون هاردي".to_string())
    );
    let topic = site.html("ar/briefs/troops-clash/index.html");
    let href = topic.attrs(".brief-head .tags a", "href");
    assert!(
        href[0].starts_with("/ar/topics/%D8%A7%D9%84%D8%B4"),
        "{href:?}"
    );
}

#[test]
fn labels_and_dates_are_in_the_page_language() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let ar = site.html("ar/briefs/troops-clash/index.html");
    assert_eq!(ar.texts(".meta time"), ["7 نوفمبر 2024", "8 نوفمبر 2024"]);
    assert_eq!(ar.texts("#expert-response"), ["ردّ خبراء المعهد"]);
    assert_eq!(
        ar.texts("nav[aria-label] li a")[..3],
        ["الموجزات", "الخبراء", "الموضوعات"]
    );
    assert_eq!(ar.texts(".byline bdi"), ["جون هاردي"]);
    assert_eq!(ar.texts(".rail-heading")[0], "الكاتب");
    assert_eq!(
        ar.texts("title"),
        ["اشتباك القوات الكورية الشمالية والأوكرانية | معهد الشرق الأوسط"]
    );
    let en = site.html("briefs/troops-clash/index.html");
    assert_eq!(en.texts(".meta time"), ["November 7, 2024"]);
    assert_eq!(en.texts("#expert-response"), ["MEI Expert Response"]);
    let experts = site.html("ar/experts/index.html");
    assert!(
        experts
            .texts(".counts")
            .contains(&"موجز واحد · لا اقتباسات".to_string()),
        "{:?}",
        experts.texts(".counts")
    );
    assert_eq!(
        site.html("ar/experts/index.html").texts("title"),
        ["الخبراء | معهد الشرق الأوسط"]
    );
}

#[test]
fn french_and_chinese_pages_under_a_base_path() {
    let site = TestSite::fixture("i18n-fr-zh");
    // A theme's words override the built-in theme's; the site's, the theme's.
    site.write(
        "themes/default/i18n/fr.yaml",
        "experts: Spécialistes\nbriefs: Notes\n",
    );
    site.build_ok(&[]);
    let base = "https://gpi.example.org/policy/";
    let want = vec![
        ("en".to_string(), format!("{base}briefs/trade/")),
        ("fr".to_string(), format!("{base}fr/briefs/trade/")),
        ("zh".to_string(), format!("{base}zh/briefs/trade/")),
        ("x-default".to_string(), format!("{base}briefs/trade/")),
    ];
    for (path, lang, date) in [
        ("briefs/trade/index.html", "en", "November 7, 2024"),
        ("fr/briefs/trade/index.html", "fr", "7 novembre 2024"),
        ("zh/briefs/trade/index.html", "zh", "2024年11月7日"),
    ] {
        let page = site.html(path);
        assert_eq!(html_attr(&page, "lang"), lang);
        assert_eq!(html_attr(&page, "dir"), "ltr");
        assert_eq!(hreflangs(&page), want, "{path}");
        assert_eq!(page.texts(".meta time"), [date], "{path}");
        assert_eq!(page.count("nav.languages li"), 3);
    }
    // The site's i18n/fr.yaml overrides the theme's, which overrides the built-in one.
    let fr = site.html("fr/index.html");
    assert_eq!(
        fr.texts("nav[aria-label] li a")[..3],
        ["Analyses", "Spécialistes", "Sujets"]
    );
    assert_eq!(
        fr.attrs("link[rel=stylesheet]", "href"),
        ["/policy/style.css"]
    );
    let zh = site.html("zh/experts/li-wei/index.html");
    assert_eq!(zh.texts("h1"), ["李伟"]);
    assert!(site.exists("zh/feed.xml") && site.exists("fr/atom.xml"));
}

#[test]
fn the_sitemap_carries_the_alternates() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let xml = site.read("sitemap.xml");
    let urls = sitemap_alternates(&xml);
    let brief = |p: &str| format!("https://mei.example.org/{p}");
    let links = &urls[&brief("ar/briefs/troops-clash/")];
    assert_eq!(
        links,
        &vec![
            ("en".to_string(), brief("briefs/troops-clash/")),
            ("ar".to_string(), brief("ar/briefs/troops-clash/")),
            ("x-default".to_string(), brief("briefs/troops-clash/")),
        ]
    );
    assert_eq!(urls[&brief("briefs/troops-clash/")], *links);
    assert!(urls[&brief("briefs/english-only/")].is_empty());
    assert!(urls.contains_key(&brief("ar/briefs/arabic-only/")));
}

/// Each `<loc>` of a sitemap with its `xhtml:link` alternates.
pub(crate) fn sitemap_alternates(
    xml: &str,
) -> std::collections::HashMap<String, Vec<(String, String)>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = std::collections::HashMap::new();
    let (mut loc, mut in_loc, mut links) = (String::new(), false, Vec::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"loc" => in_loc = true,
            Event::Text(t) if in_loc => loc = String::from_utf8(t.to_vec()).unwrap(),
            Event::End(e) if e.name().as_ref() == b"loc" => in_loc = false,
            Event::Empty(e) if e.name().as_ref() == b"xhtml:link" => {
                let attr = |name: &[u8]| {
                    let a = e.try_get_attribute(name).unwrap().unwrap();
                    String::from_utf8(a.value.to_vec()).unwrap()
                };
                links.push((attr(b"hreflang"), attr(b"href")));
            }
            Event::End(e) if e.name().as_ref() == b"url" => {
                out.insert(std::mem::take(&mut loc), std::mem::take(&mut links));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn a_profile_in_another_language_says_so() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let fallback = site.html("ar/experts/clifford-may/index.html");
    assert_eq!(fallback.attrs(".bio", "lang"), ["en"]);
    let own = site.html("ar/experts/john-hardie/index.html");
    assert!(own.attrs(".bio", "lang").is_empty());
}

#[test]
fn feed_titles_copy_messages_and_citation_labels_are_translated() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let ar = site.html("ar/briefs/troops-clash/index.html");
    assert_eq!(
        ar.attrs("head link[type]", "title"),
        [
            "معهد الشرق الأوسط (خلاصة RSS)",
            "معهد الشرق الأوسط (خلاصة Atom)",
            "معهد الشرق الأوسط (خلاصة JSON)",
        ]
    );
    assert_eq!(ar.attrs("button[data-copy]", "data-copied"), ["نُسخ الرابط"]);
    assert_eq!(
        ar.attrs("button[data-copy]", "data-copy-failed"),
        ["تعذّر النسخ"]
    );
    assert_eq!(ar.texts(".cite dt"), ["شيكاغو", "APA", "MLA"]);
    // The references take the page language's CSL terms: no "7 Nov. 2024".
    let mla = ar.texts("#cite-mla").concat();
    assert!(mla.contains("7 نوفمبر") && !mla.contains("Nov."), "{mla}");
    assert_eq!(ar.attrs("form[role=search]", "aria-label"), ["الموقع"]);
    // English keeps its words; the script reads them from the page.
    let en = site.html("briefs/troops-clash/index.html");
    assert_eq!(
        en.attrs("button[data-copy]", "data-copied"),
        ["Link copied"]
    );
    assert_eq!(en.texts(".cite dt"), ["Chicago", "APA", "MLA"]);
    let script = site.read("actions.js");
    assert!(script.contains("b.dataset.copied") && script.contains("b.dataset.copyFailed"));
    let fr = TestSite::fixture("i18n-fr-zh");
    fr.build_ok(&[]);
    let page = fr.html("fr/index.html");
    assert_eq!(
        page.attrs("head link[type]", "title")[0],
        "Institut de politique mondiale (flux RSS)"
    );
    let brief = fr.html("fr/briefs/trade/index.html");
    let mla = brief.texts("#cite-mla").concat();
    assert!(mla.contains("7 novembre 2024"), "{mla}");
}
