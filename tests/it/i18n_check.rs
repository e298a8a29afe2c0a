//! `briefs check` on a site in several languages: an unknown language
//! tag, a `translation_of` naming no brief and two translations of one
//! brief into one language are errors at their file, line and column; theme
//! strings a language lacks are listed; `new` writes non-Latin briefs and
//! experts with an explicit slug or id.

use crate::harness::{TestSite, brief, expert};

fn check_fails_with(site: &TestSite, want: &str) {
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(want),
        "want `{want}` in:\n{}",
        run.stderr
    );
}

#[test]
fn the_fixtures_pass_check() {
    for name in ["i18n-ar", "i18n-fr-zh"] {
        let site = TestSite::fixture(name);
        let run = site.run(&["check"]);
        assert_eq!(run.status, 0, "{name}: {}\n{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("missing"), "{name}: {}", run.stderr);
    }
}

/// Front matter of a new brief in the Arabic fixture, and the error it gives.
const BAD: &[(&str, &str, &str)] = &[
    (
        "content/briefs/2024-01-01-x.md",
        "lang: fa\n",
        "content/briefs/2024-01-01-x.md:4:7: error: `fa` is not a language of this site",
    ),
    (
        "content/briefs/2024-01-01-x.md",
        "lang: \"x_y\"\n",
        "`x_y` is not a BCP 47 language tag",
    ),
    (
        "content/briefs/2024-01-01-x.md",
        "lang: ar\ntranslation_of: no-such-brief\n",
        "content/briefs/2024-01-01-x.md:5:17: error: `translation_of: no-such-brief` names no brief in a language other than `ar`",
    ),
    (
        "content/briefs/2024-11-09-again.md",
        "lang: ar\nslug: troops-clash-2\ntranslation_of: troops-clash\n",
        "content/briefs/2024-11-09-again.md:6:17: error: a second `ar` version of one brief: content/briefs/2024-11-07-troops-clash.ar.md is one already",
    ),
];

#[test]
fn bad_languages_and_translations_are_named_at_their_line() {
    for (path, extra, want) in BAD {
        let site = TestSite::fixture("i18n-ar");
        site.write(path, &brief("X", "2024-11-09", extra));
        check_fails_with(&site, want);
    }
}

#[test]
fn a_one_language_site_refuses_other_languages() {
    let site = TestSite::with_files(&[
        ("content/experts/ann-lee.md", &expert("Ann Lee", "Fellow")),
        (
            "content/briefs/2024-01-01-x.md",
            &brief("X", "2024-01-01", "authors: [ann-lee]\nlang: fr\n"),
        ),
    ]);
    check_fails_with(
        &site,
        "content/briefs/2024-01-01-x.md:5:7: error: `fr` is not a language of this site",
    );
    let extra = "authors: [ann-lee]\nlang: en\ntranslation_of: y\n";
    site.write(
        "content/briefs/2024-01-01-x.md",
        &brief("X", "2024-01-01", extra),
    );
    check_fails_with(
        &site,
        "content/briefs/2024-01-01-x.md:6:17: error: `translation_of: y` names nothing in another language",
    );
}

#[test]
fn missing_theme_strings_are_listed_and_fall_back() {
    let site = TestSite::fixture("i18n-fr-zh");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}  he:\n    title: מכון\n"));
    site.write("i18n/he.yaml", "language_name: עברית\nbriefs: תדריכים\n");
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("theme strings are missing in `he`"), "{all}");
    assert!(
        all.contains("expert_response, experts, experts_az_label"),
        "{all}"
    );
    site.build_ok(&[]);
    let he = site.html("he/index.html");
    assert_eq!(he.attrs("html", "dir"), ["rtl"]);
    assert_eq!(
        he.texts("nav[aria-label] li a")[..2],
        ["תדריכים", "Experts"]
    );
}

#[test]
fn new_writes_non_latin_briefs_and_experts_with_explicit_ids() {
    let site = TestSite::fixture("i18n-ar");
    let run = site.run(&["new", "expert", "سلمى خوري", "--id", "salma-khoury"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        site.root()
            .join("content/experts/salma-khoury.md")
            .is_file()
    );
    let run = site.run(&[
        "new",
        "brief",
        "تطورات جديدة",
        "--slug",
        "new-developments",
        "--lang",
        "ar",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let path = run.stdout.trim();
    assert!(path.ends_with("-new-developments.md"), "{path}");
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    assert!(
        text.contains("slug: new-developments\nlang: ar\nkind: \"موجز\"\n"),
        "the Arabic default kind: {text}"
    );
    let run = site.run(&["new", "expert", "سلمى", "--id", "Bad Id"]);
    assert_eq!(run.status, 1);
}

#[test]
fn an_expert_translation_of_nobody_and_a_page_on_a_language_prefix_are_refused() {
    let site = TestSite::fixture("i18n-ar");
    site.write(
        "content/experts/nobody-ar.md",
        "---\nname: لا أحد\nlang: ar\ntranslation_of: nobody\n---\nنص.\n",
    );
    check_fails_with(
        &site,
        "content/experts/nobody-ar.md:4:17: error: `translation_of: nobody` names no expert in a language other than `ar`",
    );
    site.remove("content/experts/nobody-ar.md");
    site.write("content/pages/ar.md", "---\ntitle: Arabic\n---\nText.\n");
    check_fails_with(
        &site,
        "content/pages/ar.md:1:1: error: URL /ar/ belongs to the pages of language `ar`",
    );
}
