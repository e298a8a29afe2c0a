//! Output safety (SPEC section 8): the output folder may not be a source
//! folder or one briefs did not make (unless `--force`); a failed, killed or
//! interrupted build leaves the last good site whole; nothing else on disk
//! is touched.

use crate::bad_input::{B, good_site, leftovers};
use crate::harness::{TestSite, brief};

/// Every file and folder below the site root, with file bytes: proof
/// nothing was touched.
fn tree(site: &TestSite) -> Vec<(String, Option<Vec<u8>>)> {
    let mut all: Vec<(String, Option<Vec<u8>>)> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(site.root()).unwrap();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel.to_string_lossy().into_owned(), bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn output_that_would_destroy_sources_is_refused() {
    let site = good_site();
    site.write("static/logo.svg", "<svg/>");
    site.write("templates/.keep", "");
    site.build_ok(&[]);
    let before = tree(&site);
    for out in [
        ".",
        "..",
        "content",
        "content/briefs",
        "themes",
        "themes/default/templates",
        "templates",
        "static",
        "public/..",
        "site.yaml",
    ] {
        let run = site.run(&["build", "--output", out]);
        assert_eq!(run.status, 1, "--output {out}: {}", run.stderr);
        assert!(
            run.stderr.contains("error: refusing to"),
            "--output {out}: {}",
            run.stderr
        );
        assert_eq!(tree(&site), before, "--output {out} touched the site");
    }
}

#[test]
fn a_folder_briefs_did_not_make_is_refused_unless_forced() {
    let site = good_site();
    site.write("mine/notes.txt", "keep me");
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("refusing to replace mine") && run.stderr.contains("pass --force"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("mine/notes.txt")).unwrap(),
        "keep me"
    );
    site.build_ok(&["--output", "mine", "--force"]);
    assert!(!site.root().join("mine/notes.txt").exists());
    assert!(site.root().join("mine/.briefs-output").exists());
    assert!(site.root().join("mine/briefs/one/index.html").exists());
    // Once briefs made it, no --force is needed again.
    site.build_ok(&["--output", "mine"]);
}

#[test]
fn stale_staging_from_a_killed_build_does_not_break_the_next() {
    let site = good_site();
    site.build_ok(&[]);
    let good = site.snapshot();
    // What a build killed half-way through leaves beside public/.
    let dead = 999_999_999u32;
    site.write(&format!(".public.briefs-staging-{dead}/.briefs-output"), "");
    site.write(
        &format!(".public.briefs-staging-{dead}/briefs/x.html"),
        "half",
    );
    site.build_ok(&[]);
    assert_eq!(site.snapshot(), good);
    assert_eq!(leftovers(&site), None);

    // Killed between moving public/ aside and moving the new site in:
    // public/ is gone, the last good site sits in the old folder.
    let old = site.root().join(format!(".public.briefs-old-{dead}"));
    std::fs::rename(site.root().join("public"), &old).unwrap();
    site.write(B, "---\ntitle: X\ndate: 2024-02-30\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(site.snapshot(), good, "the last good site is back");
    assert_eq!(leftovers(&site), None);
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = good_site();
    for i in 0..300 {
        site.write(
            &format!("content/briefs/2023/b{i}.md"),
            &brief(&format!("B{i}"), "2023-01-01", "topics: [Iran]\n"),
        );
    }
    site.build_ok(&[]);
    let good = site.snapshot();
    for delay_ms in [5, 20, 60, 150] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefs"))
            .arg("build")
            .current_dir(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Either the old site or the new one, whole; never a mix.
        let now = site.snapshot();
        assert!(now.is_empty() || now == good, "after {delay_ms} ms");
        site.build_ok(&[]);
        assert_eq!(site.snapshot(), good, "after {delay_ms} ms");
        assert_eq!(leftovers(&site), None, "after {delay_ms} ms");
    }
}
