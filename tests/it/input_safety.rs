//! What a build takes from the site folder: symbolic links that stay inside
//! the site root keep working, links leaving it are refused by `build`,
//! `check` and `serve`, and files editors leave behind (hidden files, lock,
//! swap and backup files) are never content and never published.

use crate::bad_input::good_site;
use crate::harness::TestSite;
use std::path::Path;

#[cfg(unix)]
fn link(site: &TestSite, path: &str, target: &str) {
    let p = site.root().join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(Path::new(target), p).unwrap();
}

#[cfg(unix)]
#[test]
fn symbolic_links_inside_the_root_keep_working() {
    let site = good_site();
    site.write("shared/logo.svg", "<svg/>");
    site.write("shared/css/extra.css", "p{}");
    site.write(
        "shared/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>Linked page template</p>{% endblock content %}",
    );
    site.write(
        "shared/2024-03-03-linked.md",
        "---\ntitle: Linked\ndate: 2024-03-03\ntopics: [Iran]\n---\nLinked body.\n",
    );
    link(&site, "static/logo.svg", "../shared/logo.svg");
    link(&site, "static/assets", "../shared/css");
    link(&site, "templates/page.html", "../shared/page.html");
    link(
        &site,
        "content/briefs/2024-03-03-linked.md",
        "../../shared/2024-03-03-linked.md",
    );
    site.build_ok(&[]);
    assert_eq!(site.read("logo.svg"), "<svg/>");
    assert_eq!(site.read("assets/extra.css"), "p{}");
    assert!(site.exists("briefs/linked/index.html"));
    assert!(
        site.read("about/index.html")
            .contains("Linked page template"),
        "a linked template is used"
    );

    // The same site reached through a link to its folder.
    let outer = tempfile::tempdir().unwrap();
    let alias = outer.path().join("alias");
    std::os::unix::fs::symlink(site.root(), &alias).unwrap();
    let run = site.run(&["build", "--root", alias.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let run = site.run(&["check", "--root", alias.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn links_leaving_the_root_are_refused_by_build_and_check() {
    let site = good_site();
    site.build_ok(&[]);
    let before = site.snapshot();
    link(&site, "static/passwd.txt", "/etc/passwd");
    link(&site, "static/etc", "/etc");
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(run.status, 1, "{command}: {}", run.stderr);
        for path in ["static/passwd.txt", "static/etc"] {
            let want = format!("{path}: error: symbolic link to ");
            assert!(
                run.stderr.contains(&want) && run.stderr.contains("outside the site"),
                "{command}: {}",
                run.stderr
            );
        }
    }
    assert_eq!(site.snapshot(), before, "nothing was written");
    assert!(!site.exists("passwd.txt"));
}

#[cfg(unix)]
#[test]
fn serve_reports_a_link_leaving_the_root() {
    let site = good_site();
    link(&site, "static/passwd.txt", "/etc/passwd");
    // The first build ran before the server printed its address.
    let server = crate::serve::start(site.root(), &[]);
    let status = server.status().expect("serve answered");
    assert_eq!(status["ok"], false, "{status}");
    let error = status["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("static/passwd.txt: error: symbolic link to /etc/passwd"),
        "{error}"
    );
}

/// Files editors leave beside the ones they edit, in every source folder.
const LEFTOVERS: &[&str] = &[
    "content/briefs/.2024-01-01-one.md.swp",
    "content/briefs/.2024-01-01-one.md.swo",
    "content/briefs/2024-01-01-one.md~",
    "content/briefs/#2024-01-01-one.md#",
    "content/briefs/4913",
    "content/briefs/.git/HEAD",
    "content/briefs/.git/notes.md",
    "content/experts/.ann-lee.md.swp",
    "content/pages/about.md~",
    "content/pages/.drafts/secret.md",
    "static/.DS_Store",
    "static/.hidden/x.css",
    "static/site.css~",
    "static/#site.css#",
    "static/.site.css.swp",
    "static/5036",
    "templates/page.html~",
    "templates/.page.html.swp",
    "themes/default/static/style.css~",
    "themes/default/templates/.base.html.swo",
];

#[cfg(unix)]
#[test]
fn editor_leftovers_are_never_content() {
    let site = good_site();
    site.write("static/site.css", "p{}");
    site.write("static/.well-known/security.txt", "Contact: mailto:a@b.org");
    site.write("static/.htaccess", "ErrorDocument 404 /404.html");
    for path in LEFTOVERS {
        site.write(path, "{% broken");
    }
    // Emacs lock files are dangling links.
    link(
        &site,
        "content/briefs/.#2024-01-01-one.md",
        "editor@host.4242:1700000000",
    );
    link(
        &site,
        "templates/.#page.html",
        "editor@host.4242:1700000000",
    );
    link(&site, "static/.#site.css", "editor@host.4242:1700000000");
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let published: Vec<String> = site.snapshot().into_iter().map(|(p, _)| p).collect();
    for p in &published {
        let name = p.rsplit('/').next().unwrap_or(p);
        if [".briefs-output", ".htaccess", "security.txt"].contains(&name) {
            continue;
        }
        assert!(
            !name.starts_with(['.', '#']) && !name.ends_with('~') && !p.contains("5036"),
            "published {p}"
        );
    }
    assert!(published.contains(&"site.css".to_string()));
    // Hidden names meant for the web stay.
    assert!(published.contains(&".well-known/security.txt".to_string()));
    assert!(published.contains(&".htaccess".to_string()));
    assert!(!published.iter().any(|p| p.contains("hidden")));
    assert!(!published.iter().any(|p| p.contains("secret")));
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn init_publishes_no_hidden_files() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["init", "site"]).status, 0);
    assert!(site.root().join("site/static/.gitkeep").is_file());
    let run = site.run(&["build", "--root", "site"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(site.root().join("site/public/index.html").is_file());
    assert!(!site.root().join("site/public/.gitkeep").exists());
}

/// The rebuilds `serve` runs, told which files changed: an editor's files
/// change nothing (the quick path goes on), and a link leaving the site is
/// refused there too, whichever path the rebuild takes.
#[cfg(unix)]
#[test]
fn serve_rebuilds_skip_leftovers_and_refuse_links_out() {
    use briefs::{BuildOptions, MemorySink, Session};
    let site = good_site();
    let opts = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let store = MemorySink::default();
    let mut session = Session::new(opts.clone());
    session.rebuild(&store).unwrap();
    let one = "content/briefs/2024-01-01-one.md";
    let text = std::fs::read_to_string(site.root().join(one)).unwrap();
    site.write(one, &text.replace("First paragraph", "Edited paragraph"));
    site.write("content/briefs/.2024-01-01-one.md.swp", "swap");
    site.write("content/briefs/2024-01-01-one.md~", "backup");
    link(
        &site,
        "content/briefs/.#2024-01-01-one.md",
        "editor@host.1:1",
    );
    let hints: Vec<_> = [
        one,
        "content/briefs/.2024-01-01-one.md.swp",
        "content/briefs/2024-01-01-one.md~",
        "content/briefs/.#2024-01-01-one.md",
    ]
    .iter()
    .map(|p| site.root().join(p))
    .collect();
    let done = session.rebuild_paths(&store, &hints).unwrap();
    assert!(done.patched, "the quick path took the edit");
    let page = store.files.lock().unwrap()["briefs/one/index.html"].clone();
    assert!(String::from_utf8_lossy(&page).contains("Edited paragraph"));
    let full = MemorySink::default();
    briefs::build_into(&opts, &full).unwrap();
    assert_eq!(
        *store.files.lock().unwrap(),
        crate::harness::without_search_bundle(full.into_files())
    );

    link(&site, "content/briefs/2024-03-01-x.md", "/etc/passwd");
    let hint = [site.root().join("content/briefs/2024-03-01-x.md")];
    let err = session.rebuild_paths(&store, &hint).unwrap_err();
    assert!(
        format!("{err:#}")
            .contains("content/briefs/2024-03-01-x.md: error: symbolic link to /etc/passwd"),
        "{err:#}"
    );
}
