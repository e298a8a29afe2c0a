//! The rebuild of `serve` on sites in several languages equals a full
//! build after edits to a translation, to its original, to a theme
//! translation file, and when languages come and go; on a one-language
//! site, an edited translation file is rendered again too.

use crate::harness::{TestSite, brief};
use crate::incremental::{assert_same, started};
use briefs::{FallbackReason, MemorySink, Session};

fn rebuild(session: &mut Session, store: &MemorySink, site: &TestSite, path: &str) {
    let done = session
        .rebuild_paths(store, &[site.root().join(path)])
        .unwrap_or_else(|e| panic!("after {path}: {e:#}"));
    assert!(!done.patched, "{path}");
}

#[test]
fn edits_to_translations_originals_and_translation_files_equal_full_builds() {
    let site = TestSite::fixture("i18n-ar");
    let (store, mut session) = started(&site);
    assert_same(&store, &site, "first build");
    let translation = "content/briefs/2024-11-07-troops-clash.ar.md";
    let text = std::fs::read_to_string(site.root().join(translation)).unwrap();
    site.write(translation, &text.replace("اشتباك القوات", "اشتباك جديد"));
    rebuild(&mut session, &store, &site, translation);
    assert_eq!(
        session.last_fallback(),
        Some(&FallbackReason::SeveralLanguages)
    );
    assert_same(&store, &site, "an edited translation");

    let original = "content/briefs/2024-11-07-troops-clash.md";
    let text = std::fs::read_to_string(site.root().join(original)).unwrap();
    site.write(
        original,
        &text
            .replace("date: 2024-11-07", "date: 2024-11-10")
            .replace("Clash", "Fight"),
    );
    rebuild(&mut session, &store, &site, original);
    assert_same(&store, &site, "an edited original");

    site.write("i18n/ar.yaml", "updated: عُدّل في\nmonth_11: تشرين الثاني\n");
    rebuild(&mut session, &store, &site, "i18n/ar.yaml");
    assert_same(&store, &site, "a new translation file");
    let page = site_page(&store, "ar/briefs/troops-clash/index.html");
    assert!(
        page.contains("عُدّل في") && page.contains("7 تشرين الثاني 2024"),
        "{page}"
    );

    site.remove(translation);
    rebuild(&mut session, &store, &site, translation);
    assert_same(&store, &site, "a translation removed");
    assert!(
        !store
            .files
            .lock()
            .unwrap()
            .contains_key("ar/briefs/troops-clash/index.html")
    );

    site.write(
        "content/briefs/2024-11-07-troops-clash.ar.md",
        &text_of_translation(),
    );
    rebuild(&mut session, &store, &site, translation);
    assert_same(&store, &site, "a translation added");
}

#[test]
fn languages_coming_and_going_equal_full_builds() {
    let site = TestSite::fixture("i18n-ar");
    let (store, mut session) = started(&site);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    // One language: the Arabic files go, and with them every /ar/ page.
    for f in [
        "content/briefs/2024-11-07-troops-clash.ar.md",
        "content/briefs/2024-08-01-arabic-only.md",
        "content/briefs/2024-07-01-sanctions.ar.md",
        "content/experts/john-hardie-ar.md",
        "content/experts/amal-haddad.md",
        "content/pages/about-ar.md",
    ] {
        site.remove(f);
    }
    let one = yaml.split("slugs:").next().unwrap().to_string();
    site.write("site.yaml", &one);
    session.rebuild(&store).unwrap();
    assert_same(&store, &site, "back to one language");
    assert!(
        store
            .files
            .lock()
            .unwrap()
            .keys()
            .all(|k| !k.starts_with("ar/"))
    );
    // And a brief edited on the quick path of the one-language site.
    let b = "content/briefs/2024-09-01-english-only.md";
    site.write(
        b,
        &brief(
            "English Only, Edited",
            "2024-09-01",
            "topics: [Russia]\nauthors: [john-hardie]\n",
        ),
    );
    session
        .rebuild_paths(&store, &[site.root().join(b)])
        .unwrap();
    assert_same(&store, &site, "a quick edit");
    site.write("site.yaml", &yaml);
    site.write("content/briefs/2024-08-01-arabic-only.md", &arabic_only());
    site.write(
        "content/experts/amal-haddad.md",
        "---\nname: أمل حداد\nlang: ar\n---\nباحثة.\n",
    );
    session.rebuild(&store).unwrap();
    assert_same(&store, &site, "languages again");
}

#[test]
fn a_translation_file_of_a_one_language_site_renders_again() {
    let site = TestSite::fixture("good");
    let (store, mut session) = started(&site);
    site.write("i18n/en.yaml", "briefs: Papers\nmonth_1: Jan.\n");
    rebuild(&mut session, &store, &site, "i18n/en.yaml");
    assert_eq!(
        session.last_fallback(),
        Some(&FallbackReason::StringsChanged)
    );
    assert_same(&store, &site, "a site translation file");
    assert!(site_page(&store, "index.html").contains(">Papers</a>"));
    // A brief that names a language is checked by the full path.
    let b = "content/briefs/2024-01-01-one.md";
    site.write(
        b,
        &brief(
            "One",
            "2024-01-01",
            "topics: [Iran]\nauthors: [bo-chen]\nlang: fr\n",
        ),
    );
    assert!(
        session
            .rebuild_paths(&store, &[site.root().join(b)])
            .is_err()
    );
    let reason = FallbackReason::Translation(b.into());
    assert_eq!(
        reason.to_string(),
        format!("{b} names a language or an original")
    );
    assert_eq!(session.last_fallback(), Some(&reason));
}

fn site_page(store: &MemorySink, path: &str) -> String {
    String::from_utf8(store.files.lock().unwrap()[path].clone()).unwrap()
}

fn text_of_translation() -> String {
    "---\ntitle: \"ترجمة جديدة\"\ndate: 2024-11-07\nlang: ar\ntranslation_of: troops-clash\nauthors: [john-hardie]\ntopics: [روسيا]\n---\nنص.\n".into()
}

fn arabic_only() -> String {
    "---\ntitle: \"موجز\"\ndate: 2024-08-01\nslug: arabic-only\nlang: ar\ntopics: [الشرق الأوسط]\nauthors: [amal-haddad]\n---\nنص.\n".into()
}
