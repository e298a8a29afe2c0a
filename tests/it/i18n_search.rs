//! Search in a site of several languages: one Pagefind bundle per
//! language (`pagefind/`, `ar/pagefind/`), each holding its language's
//! records only (read back from its fragment files), in its language's
//! words and stemmed for it; a search page per language (`/ar/search/`)
//! in the page's language, which its masthead form sends to; `check`
//! passing on both fixtures; `search: false` and drafts and embargoed
//! briefs leaving every language's index alone.

use crate::harness::TestSite;
use crate::search::records_in;
use serde_json::Value;

/// The languages `folder`'s entry file names.
fn entry_languages(site: &TestSite, folder: &str) -> Vec<String> {
    let entry: Value =
        serde_json::from_str(&site.read(&format!("{folder}pagefind-entry.json"))).unwrap();
    let languages = entry["languages"].as_object().unwrap();
    languages.keys().cloned().collect()
}

fn urls(site: &TestSite, folder: &str) -> Vec<String> {
    records_in(site, folder).into_keys().collect()
}

/// Whether `text` has a letter of the Arabic script.
fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[test]
fn each_language_has_its_own_index_of_its_own_briefs() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    assert_eq!(entry_languages(&site, "pagefind/"), ["en"]);
    assert_eq!(entry_languages(&site, "ar/pagefind/"), ["ar"]);
    assert!(site.exists("ar/pagefind/pagefind.js"));
    assert!(
        site.exists("ar/pagefind/wasm.ar.pagefind"),
        "Arabic stemming"
    );
    let en = urls(&site, "pagefind/");
    let ar = urls(&site, "ar/pagefind/");
    for url in ["/briefs/english-only/", "/briefs/iran-missiles/"] {
        assert!(en.contains(&url.to_string()), "{url} in {en:?}");
        assert!(!ar.contains(&url.to_string()), "{url} in {ar:?}");
    }
    for url in ["/briefs/arabic-only/", "/briefs/iran-sanctions/"] {
        assert!(ar.contains(&url.to_string()), "{url} in {ar:?}");
        assert!(!en.contains(&url.to_string()), "{url} in {en:?}");
    }
    // The brief in both languages is in each index in its own language.
    let english = records_in(&site, "pagefind/");
    let arabic = records_in(&site, "ar/pagefind/");
    let clash_en = &english["/briefs/troops-clash/"];
    let clash_ar = &arabic["/briefs/troops-clash/"];
    assert!(!has_arabic(&clash_en.to_string()), "{clash_en}");
    assert_eq!(
        clash_ar["meta"]["title"],
        "اشتباك القوات الكورية الشمالية والأوكرانية"
    );
    assert_eq!(clash_ar["meta"]["date"], "7 نوفمبر 2024");
    assert!(
        clash_ar["content"]
            .as_str()
            .unwrap()
            .contains("قذائف كورية شمالية"),
        "{clash_ar}"
    );
    // The words the records add are the theme's Arabic ones.
    let anchors = clash_ar["anchors"].as_array().unwrap();
    let quote = anchors.iter().find(|a| a["id"] == "response-clifford-may");
    let heading = quote.unwrap()["text"].as_str().unwrap();
    assert!(heading.starts_with("ردّ "), "{anchors:?}");
    assert_eq!(arabic["/experts/amal-haddad/"]["meta"]["kind"], "خبير");
    assert!(
        english
            .values()
            .all(|r| !has_arabic(&r["content"].to_string())),
        "no Arabic text in the English index"
    );
    // Only the Arabic site has the Arabic-only expert.
    assert!(!english.contains_key("/experts/amal-haddad/"));
}

#[test]
fn the_arabic_search_page_is_arabic_and_the_arabic_masthead_sends_to_it() {
    let site = TestSite::fixture("i18n-ar");
    site.build_ok(&[]);
    let page = site.html("ar/search/index.html");
    assert_eq!(page.attrs("html", "lang"), ["ar"]);
    assert_eq!(page.attrs("html", "dir"), ["rtl"]);
    assert_eq!(page.texts("main h1"), ["بحث"]);
    assert_eq!(
        page.texts("label[for=search-q]"),
        ["ابحث في الموجزات والخبراء والاقتباسات"]
    );
    assert_eq!(
        page.texts("#search-sort option"),
        ["الأكثر صلة", "الأحدث أولًا", "الأقدم أولًا"]
    );
    assert_eq!(page.attrs("#search-form", "action"), ["/ar/search/"]);
    assert_eq!(page.attrs("#search", "data-bundle"), ["/ar/pagefind/"]);
    assert_eq!(
        page.attrs("meta[name=description]", "content"),
        ["ابحث في موجزات معهد الشرق الأوسط وخبرائه واقتباساته"]
    );
    // The search script's words: filter names and every plural form.
    let words: Value =
        serde_json::from_str(&page.attrs("#search", "data-words").pop().unwrap()).unwrap();
    assert_eq!(words["search_filter_kind"], "النوع");
    assert_eq!(words["search_results_two"], "نتيجتان");
    assert_eq!(words["search_for"], " عن «{term}»");
    // The noscript links stay in the language.
    let noscript = site.read("ar/search/index.html");
    assert!(noscript.contains("href=\"/ar/topics/\""), "{noscript}");
    // Search pages are one page in every language.
    assert_eq!(
        page.attrs("head link[hreflang]", "hreflang"),
        ["en", "ar", "x-default"]
    );
    let home = site.html("ar/index.html");
    assert_eq!(home.attrs("form.site-search", "action"), ["/ar/search/"]);
    assert_eq!(home.attrs("#site-search-q", "placeholder"), ["بحث"]);
    let english = site.html("index.html");
    assert_eq!(english.attrs("form.site-search", "action"), ["/search/"]);
    let en_page = site.html("search/index.html");
    assert_eq!(en_page.texts("main h1"), ["Search"]);
    assert_eq!(en_page.attrs("#search", "data-bundle"), ["/pagefind/"]);
}

#[test]
fn english_and_french_under_a_base_path_each_have_their_index_and_page() {
    let site = TestSite::fixture("i18n-fr-zh");
    site.build_ok(&[]);
    assert_eq!(entry_languages(&site, "pagefind/"), ["en"]);
    assert_eq!(entry_languages(&site, "fr/pagefind/"), ["fr"]);
    assert_eq!(entry_languages(&site, "zh/pagefind/"), ["zh"]);
    assert!(
        site.exists("fr/pagefind/wasm.fr.pagefind"),
        "French stemming"
    );
    let fr = records_in(&site, "fr/pagefind/");
    let en = records_in(&site, "pagefind/");
    assert!(fr.contains_key("/briefs/trade/"), "{:?}", fr.keys());
    assert!(!fr.contains_key("/briefs/climate/"), "{:?}", fr.keys());
    assert!(en.contains_key("/briefs/climate/"), "{:?}", en.keys());
    assert_ne!(
        fr["/briefs/trade/"]["meta"]["title"],
        en["/briefs/trade/"]["meta"]["title"]
    );
    assert_eq!(fr["/briefs/trade/"]["meta"]["date"], "7 novembre 2024");
    let page = site.html("fr/search/index.html");
    assert_eq!(page.attrs("html", "lang"), ["fr"]);
    assert_eq!(page.texts("main h1"), ["Recherche"]);
    assert_eq!(
        page.attrs("#search", "data-bundle"),
        ["/policy/fr/pagefind/"]
    );
    assert_eq!(page.attrs("#search-form", "action"), ["/policy/fr/search/"]);
    let home = site.html("fr/index.html");
    assert_eq!(
        home.attrs("form.site-search", "action"),
        ["/policy/fr/search/"]
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn check_passes_with_every_language_index_and_search_page() {
    let site = TestSite::fixture("i18n-ar");
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
    assert!(!check.stderr.contains("search index"), "{}", check.stderr);
    // A broken link on the Arabic search page is found there.
    site.write(
        "templates/search.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.url }}nowhere/\">x</a>{% endblock content %}",
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status, 1, "{}", check.stdout);
    assert!(check.stderr.contains("`/ar/nowhere/`"), "{}", check.stderr);
    assert!(check.stderr.contains("/ar/search/"), "{}", check.stderr);
}

#[test]
fn search_false_writes_no_index_and_no_page_in_any_language() {
    let site = TestSite::fixture("i18n-ar");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}search: false\n"));
    site.build_ok(&[]);
    for path in [
        "pagefind",
        "search",
        "ar/pagefind",
        "ar/search",
        "search.js",
    ] {
        assert!(!site.exists(path), "{path} was written");
    }
    assert!(!site.read("ar/index.html").contains("role=\"search\""));
    let check = site.run(&["check"]);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn drafts_and_embargoed_briefs_are_in_no_language_index() {
    let site = TestSite::fixture("i18n-ar");
    site.write(
        "content/briefs/2024-10-02-draft.ar.md",
        "---\ntitle: \"مسودة سرية\"\ndate: 2024-10-02\nlang: ar\nslug: secret-draft\ndraft: true\n---\nنص المسودة.\n",
    );
    site.write(
        "content/briefs/2024-10-03-later.ar.md",
        "---\ntitle: \"موجز محظور\"\ndate: 2024-10-03\nlang: ar\nslug: held\nembargo: 2999-01-01T00:00:00Z\n---\nمحظور حتى الموعد.\n",
    );
    site.write(
        "content/briefs/2024-10-04-draft.md",
        "---\ntitle: \"English Draft\"\ndate: 2024-10-04\ndraft: true\n---\nStill being edited.\n",
    );
    site.build_ok(&[]);
    for folder in ["pagefind/", "ar/pagefind/"] {
        let all: String = records_in(&site, folder)
            .values()
            .map(Value::to_string)
            .collect();
        for secret in ["مسودة", "محظور", "English Draft", "Still being edited"] {
            assert!(!all.contains(secret), "{secret} is in /{folder}");
        }
    }
    site.build_ok(&["--drafts"]);
    let ar = urls(&site, "ar/pagefind/");
    assert!(ar.contains(&"/briefs/secret-draft/".to_string()), "{ar:?}");
    assert!(!ar.iter().any(|u| u.contains("held")), "{ar:?}");
    let en = urls(&site, "pagefind/");
    assert!(!en.contains(&"/briefs/secret-draft/".to_string()), "{en:?}");
}

#[test]
fn a_static_file_may_not_overwrite_another_language_bundle() {
    let site = TestSite::fixture("i18n-ar");
    site.write("static/ar/pagefind/pagefind.js", "// mine");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("static file would overwrite the generated /ar/pagefind/pagefind.js"),
        "{}",
        run.stderr
    );
}
