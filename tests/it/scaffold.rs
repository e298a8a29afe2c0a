//! `briefs init` and `briefs new`: what they write builds at once, and
//! nothing is ever overwritten.

use crate::harness::TestSite;

fn init_site() -> TestSite {
    let site = TestSite::empty();
    let run = site.run(&["init", "site"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("site.yaml"));
    site
}

/// Runs briefs in `<root>/site`.
fn run_in(site: &TestSite, args: &[&str]) -> crate::harness::Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", "site"]);
    site.run(&all)
}

fn build_in(site: &TestSite, extra: &[&str]) {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let run = run_in(site, &args);
    assert_eq!(run.status, 0, "{}\n{}", run.stdout, run.stderr);
}

fn public(site: &TestSite, path: &str) -> std::path::PathBuf {
    site.root().join("site/public").join(path)
}

#[test]
fn init_makes_a_site_that_builds() {
    let site = init_site();
    build_in(&site, &[]);
    assert!(public(&site, "briefs/welcome-to-briefs/index.html").exists());
    assert!(public(&site, "experts/jane-doe/index.html").exists());
    assert!(!site.root().join("site/themes").exists(), "built-in theme");
    let again = site.run(&["init", "site"]);
    assert_eq!(again.status, 1);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
}

#[test]
fn init_with_theme_copies_the_default_theme() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["init", "site", "--theme"]).status, 0);
    let theme = site.root().join("site/themes/default");
    assert!(theme.join("templates/base.html").is_file());
    assert!(theme.join("static/style.css").is_file());
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Custom 404</p>{% endblock content %}",
    )
    .unwrap();
    build_in(&site, &[]);
    let page = std::fs::read_to_string(public(&site, "404.html")).unwrap();
    assert!(page.contains("Custom 404"), "the copied theme is used");
}

#[test]
fn new_brief_is_a_draft_that_builds_and_is_never_overwritten() {
    let site = init_site();
    let args = [
        "new",
        "brief",
        "Iran & Missiles: A \"Test\"",
        "--expert",
        "jane-doe",
        "--topic",
        "Iran",
        "--topic",
        "Missiles",
        "--kind",
        "Flash Brief",
    ];
    let run = run_in(&site, &args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let path = std::path::PathBuf::from(run.stdout.trim());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with("-iran-missiles-a-test.md"), "{name}");
    assert!(
        path.starts_with("site/content/briefs"),
        "{}",
        path.display()
    );
    let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
    assert!(text.contains("draft: true") && text.contains("## Latest Developments"));

    build_in(&site, &[]);
    assert!(!public(&site, "briefs/iran-missiles-a-test/index.html").exists());
    build_in(&site, &["--drafts"]);
    let page =
        std::fs::read_to_string(public(&site, "briefs/iran-missiles-a-test/index.html")).unwrap();
    assert!(
        page.contains("Iran &amp; Missiles: A &quot;Test&quot;")
            || page.contains("Iran &amp; Missiles: A \"Test\"")
    );
    assert!(page.contains("Flash Brief") && page.contains("Jane Doe"));

    std::fs::write(site.root().join(&path), "mine").unwrap();
    let again = run_in(&site, &args);
    assert_eq!(again.status, 1);
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join(&path)).unwrap(),
        "mine"
    );
}

#[test]
fn new_brief_with_an_unknown_expert_lists_the_known_ones() {
    let site = init_site();
    let run = run_in(&site, &["new", "brief", "T", "--expert", "nobody"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("unknown expert `nobody`") && run.stderr.contains("jane-doe"),
        "{}",
        run.stderr
    );
    let briefs = std::fs::read_dir(site.root().join("site/content/briefs"))
        .unwrap()
        .count();
    assert_eq!(briefs, 1, "nothing written");
}

#[test]
fn new_expert_builds_and_is_never_overwritten() {
    let site = init_site();
    let run = run_in(&site, &["new", "expert", "Ann O'Neil-Smith"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "site/content/experts/ann-o-neil-smith.md"
    );
    build_in(&site, &[]);
    assert!(public(&site, "experts/ann-o-neil-smith/index.html").exists());
    let again = run_in(&site, &["new", "expert", "Ann O'Neil-Smith"]);
    assert_eq!(again.status, 1);
}

#[test]
fn every_command_has_help_with_examples() {
    let site = TestSite::empty();
    for cmd in [
        &["serve"][..],
        &["check"],
        &["init"],
        &["new"],
        &["new", "brief"],
        &["new", "expert"],
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let run = site.run(&args);
        assert_eq!(run.status, 0);
        assert!(run.stdout.contains("Examples:"), "{cmd:?}");
    }
    assert_eq!(site.run(&["serve", "--port", "x"]).status, 2, "usage error");
}
