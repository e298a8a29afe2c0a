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

/// A build of the site's sources into a fresh folder: what every build of
/// the same sources must equal.
fn clean_build(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("public");
    let run = site.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_pulled_brief_never_comes_back_after_a_failed_build() {
    let site = good_site();
    let pulled = "content/briefs/2024-03-01-pulled.md";
    site.write(pulled, &brief("Pulled", "2024-03-01", "topics: [Legal]\n"));
    site.build_ok(&[]);
    assert!(site.exists("briefs/pulled/index.html") && site.exists("topics/legal/index.html"));
    site.write(
        pulled,
        &brief("Pulled", "2024-03-01", "topics: [Legal]\ndraft: true\n"),
    );
    site.build_ok(&[]);
    assert!(!site.exists("briefs/pulled/index.html"));
    let other = "content/briefs/2024-02-01-two.md";
    site.write(other, &brief("Two", "2024-13-45", "topics: [Iran]\n"));
    assert_eq!(site.run(&["build"]).status, 1);
    site.write(other, &brief("Two", "2024-02-01", "topics: [Iran]\n"));
    for _ in 0..3 {
        site.build_ok(&[]);
        assert!(
            !site.exists("briefs/pulled/index.html"),
            "the pulled brief is back"
        );
        assert!(!site.exists("topics/legal/index.html"), "its topic is back");
        assert!(
            !site.exists("topics/legal/feed.xml"),
            "its topic's feed is back"
        );
        assert_eq!(site.snapshot(), clean_build(&site));
    }
}

#[test]
fn output_paths_with_dots_are_normalised() {
    let site = good_site();
    site.build_ok(&[]);
    site.build_ok(&["--output", "public/../public"]);
    site.build_ok(&["--output", "./public/."]);
    assert_eq!(site.snapshot(), clean_build(&site));
    assert_eq!(leftovers(&site), None);
}

#[test]
fn the_current_directory_is_refused_as_output() {
    let site = good_site();
    site.build_ok(&[]);
    let good = site.snapshot();
    let public = site.root().join("public");
    for (cwd, out) in [(&public, "."), (&public, "../public")] {
        let run: crate::harness::Run = std::process::Command::new(env!("CARGO_BIN_EXE_briefs"))
            .args(["build", "--root", "..", "--output", out])
            .current_dir(cwd)
            .output()
            .unwrap()
            .into();
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("it is the current directory"),
            "{}",
            run.stderr
        );
        assert_eq!(site.snapshot(), good);
        assert_eq!(leftovers(&site), None);
        assert!(!public.join(".public.briefs.spare").exists());
    }
}

#[test]
fn the_output_folder_never_goes_missing() {
    let site = good_site();
    site.build_ok(&[]);
    let public = site.root().join("public");
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let (public, done) = (public.clone(), done.clone());
        std::thread::spawn(move || {
            let (mut polls, mut missing) = (0u64, 0u64);
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                polls += 1;
                if !public.join("index.html").exists() {
                    missing += 1;
                }
            }
            (polls, missing)
        })
    };
    for i in 0..20 {
        site.write(
            "content/pages/about.md",
            &format!("---\ntitle: About\n---\nUs {i}.\n"),
        );
        site.build_ok(&[]);
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (polls, missing) = poller.join().unwrap();
    assert!(polls > 100, "the poller hardly ran");
    assert_eq!(
        missing, 0,
        "public/ was missing in {missing} of {polls} polls"
    );
}

#[test]
fn two_builds_at_once_take_turns() {
    let site = good_site();
    site.build_ok(&[]);
    let mut waited = false;
    for _ in 0..24 {
        let start = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_briefs"))
                .arg("build")
                .current_dir(site.root())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (start(), start());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{stderr}");
            waited |= stderr.contains("waiting for another build of");
        }
        assert_eq!(site.snapshot(), clean_build(&site));
        assert_eq!(leftovers(&site), None);
    }
    // Not guaranteed on a busy machine, but two builds started together
    // nearly always meet.
    eprintln!("a build waited for the other: {waited}");
}

#[test]
fn a_folder_half_removed_by_a_killed_build_is_removed_by_the_next() {
    let site = good_site();
    site.build_ok(&[]);
    // A dead build's staging folder, renamed for removal and half emptied
    // when that build was killed: the marker goes last, so it is still ours.
    let trash = ".public.briefs-trash-999999999-0";
    site.write(&format!("{trash}/.briefs-output"), "");
    site.write(&format!("{trash}/briefs/x/index.html"), "half");
    site.build_ok(&[]);
    assert_eq!(leftovers(&site), None);
    assert_eq!(site.snapshot(), clean_build(&site));
}

#[cfg(unix)]
#[test]
fn an_output_given_as_a_symlink_is_built_at_its_target() {
    let site = good_site();
    site.build_ok(&[]);
    std::os::unix::fs::symlink(site.root().join("public"), site.root().join("live")).unwrap();
    for i in 0..3 {
        site.write(
            "content/pages/about.md",
            &format!("---\ntitle: About\n---\nUs {i}.\n"),
        );
        site.build_ok(&["--output", "live"]);
        let link = std::fs::symlink_metadata(site.root().join("live")).unwrap();
        assert!(link.file_type().is_symlink(), "the link was replaced");
        assert!(site.read("about/index.html").contains(&format!("Us {i}.")));
        assert_eq!(site.snapshot(), clean_build(&site));
    }
}
