//! `briefs import` into a site in several languages: a feed's or export's
//! channel `<language>` (`ar`, `fr-FR`) gives the files it writes their
//! `lang:` (the site's own tag), `--lang` overrides it, the default
//! language's files get none, and a language the site lacks is an error
//! that writes nothing. (Apart from tests/it/import/.)

use crate::harness::{Run, TestSite, repo_root};

fn fixture(name: &str) -> String {
    let path = repo_root().join("tests/fixtures/import").join(name);
    path.display().to_string()
}

/// The `lang:` line of a written file, if any.
fn lang_of(site: &TestSite, path: &str) -> Option<String> {
    let text =
        std::fs::read_to_string(site.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let front = text.split("\n---\n").next().unwrap_or("");
    (front.lines())
        .find_map(|l| l.strip_prefix("lang: "))
        .map(str::to_string)
}

fn ok(run: Run) -> Run {
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

#[test]
fn an_arabic_feed_writes_arabic_briefs() {
    let site = TestSite::fixture("i18n-ar");
    ok(site.run(&["import", &fixture("feed-ar.xml")]));
    for slug in ["2024-12-02-oil-sanctions", "2024-12-03-geneva-talks"] {
        let path = format!("content/briefs/2024/{slug}.md");
        assert_eq!(lang_of(&site, &path).as_deref(), Some("ar"), "{path}");
    }
    site.build_ok(&[]);
    let page = site.html("ar/briefs/oil-sanctions/index.html");
    assert_eq!(page.attrs("html", "lang"), ["ar"]);
    assert!(!site.exists("briefs/oil-sanctions/index.html"));
}

#[test]
fn a_french_export_writes_french_briefs_and_pages() {
    // `fr-FR` in the export is the site's `fr`.
    let site = TestSite::fixture("i18n-fr-zh");
    ok(site.run(&["import", &fixture("export-fr.xml")]));
    let brief = "content/briefs/2024/2024-12-02-commerce-reprend.md";
    assert_eq!(lang_of(&site, brief).as_deref(), Some("fr"));
    assert_eq!(
        lang_of(&site, "content/pages/a-propos.md").as_deref(),
        Some("fr")
    );
    site.build_ok(&[]);
    assert!(site.exists("fr/briefs/commerce-reprend/index.html"));
    assert!(site.exists("fr/a-propos/index.html"));
}

#[test]
fn the_flag_overrides_the_channel_and_the_default_language_gets_no_lang() {
    let site = TestSite::fixture("i18n-ar");
    // The seed feed says en-US: the default language, so no `lang:`.
    ok(site.run(&["import", &fixture("seed-feed.xml")]));
    let seed = "content/briefs/2024/2024-11-07-north-korean-and-ukrainian-troops-clash.md";
    assert_eq!(lang_of(&site, seed), None);
    // `--lang en` makes an Arabic feed's items English: no `lang:` either.
    let other = TestSite::fixture("i18n-ar");
    ok(other.run(&["import", &fixture("feed-ar.xml"), "--lang", "EN"]));
    let path = "content/briefs/2024/2024-12-02-oil-sanctions.md";
    assert_eq!(lang_of(&other, path), None);
    // And `--lang ar` an English feed's items Arabic.
    let third = TestSite::fixture("i18n-ar");
    ok(third.run(&["import", &fixture("seed-feed.xml"), "--lang", "ar"]));
    assert_eq!(lang_of(&third, seed).as_deref(), Some("ar"));
    third.build_ok(&[]);
}

#[test]
fn a_language_the_site_lacks_is_an_error_that_writes_nothing() {
    let site = TestSite::fixture("i18n-fr-zh");
    let before = crate::harness::snapshot_of(&site.root().join("content"));
    let run = site.run(&["import", &fixture("feed-ar.xml")]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    for want in [
        "feed-ar.xml",
        "the source's language `ar`",
        "none of this site's languages (en, fr, zh)",
        "--lang TAG",
    ] {
        assert!(
            run.stderr.contains(want),
            "{want:?} not in:\n{}",
            run.stderr
        );
    }
    let run = site.run(&["import", &fixture("export-fr.xml"), "--lang", "de"]);
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "--lang de: `de` is not a language of this site; its languages are en, fr, zh"
        ),
        "{}",
        run.stderr
    );
    let run = site.run(&["import", &fixture("export-fr.xml"), "--lang", "not a tag"]);
    assert!(
        run.stderr.contains("is not a BCP 47 language tag"),
        "{}",
        run.stderr
    );
    assert_eq!(
        crate::harness::snapshot_of(&site.root().join("content")),
        before
    );
    assert!(!site.root().join("briefs-import.json").exists());
}
