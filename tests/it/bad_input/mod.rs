//! The bad-input suite (SPEC section 8): one broken thing per case, each
//! built on top of a good site that was built first. Every case must exit 1,
//! name the file, line and column and what is wrong, and leave the previous
//! `public/` byte-identical. The table is the specification: one row per
//! problem an editor can make.

use crate::harness::{Run, TestSite, brief, copy_dir, repo_root};
use std::path::Path;

/// One change to the good site.
enum Step {
    /// Writes a file (creating folders).
    Write(&'static str, &'static [u8]),
    /// Writes a file of `n` bytes of front matter padding.
    Big(&'static str, usize),
    /// Makes a symbolic link at `.0` pointing to `.1`.
    Link(&'static str, &'static str),
    /// Removes a file.
    Remove(&'static str),
    /// Makes a named pipe (FIFO).
    Fifo(&'static str),
}

use Step::{Big, Fifo, Link, Remove, Write};

/// One bad input and what the build must say about it.
struct Case {
    name: &'static str,
    steps: &'static [Step],
    /// `path:line:col` (or `path:` when no position is known) of the error.
    at: &'static str,
    /// A fragment of the message on the same line.
    message: &'static str,
    /// A fragment of the help, when one is promised.
    help: Option<&'static str>,
}

pub(crate) const B: &str = "content/briefs/2024-03-01-bad.md";

macro_rules! case {
    ($name:literal, [$($step:expr),* $(,)?], $at:literal, $msg:literal $(, help: $help:literal)?) => {
        Case {
            name: $name,
            steps: &[$($step),*],
            at: $at,
            message: $msg,
            help: { #[allow(unused_mut, unused_assignments)] let mut h = None; $(h = Some($help);)? h },
        }
    };
}

mod content;
mod front_matter;
mod portability;
mod publication;
mod site;
mod stalls;

use content::{CONTENT, MARKDOWN_URLS};
use front_matter::FRONT_MATTER;
use portability::PORTABILITY;
use publication::PUBLICATION;
use site::SITE_AND_TEMPLATES;
use stalls::STALLS;

/// A good site (`tests/fixtures/good/`: two experts, two briefs, a page)
/// with the default theme on disk, for cases that break a theme file.
pub(crate) fn good_site() -> TestSite {
    let site = TestSite::fixture("good");
    copy_dir(
        &repo_root().join("themes/default"),
        &site.root().join("themes/default"),
    );
    site
}

fn apply(site: &TestSite, step: &Step) {
    match step {
        Write(path, bytes) => {
            let p = site.root().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        Big(path, n) => {
            let head = "---\ntitle: Big\ndate: 2024-03-01\n---\n";
            let text = format!("{head}{}", "x".repeat(n - head.len()));
            site.write(path, &text);
        }
        Remove(path) => site.remove(path),
        Fifo(path) => {
            let status = std::process::Command::new("mkfifo")
                .arg(site.root().join(path))
                .status()
                .unwrap();
            assert!(status.success());
        }
        Link(path, target) => {
            let p = site.root().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            symlink(Path::new(target), &p);
        }
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) {
    let _ = std::os::windows::fs::symlink_dir(target, link);
}

/// Runs one case; returns what went wrong, if anything.
fn check(case: &Case) -> Option<String> {
    let site = good_site();
    site.build_ok(&[]);
    let before = site.snapshot();
    for step in case.steps {
        apply(&site, step);
    }
    let run = site.run(&["build"]);
    if std::env::var_os("BAD_INPUT_SHOW").is_some() {
        eprintln!("=== {}\n{}", case.name, run.stderr);
    }
    let mut wrong = Vec::new();
    if run.status != 1 {
        wrong.push(format!("exit status {} (want 1)", run.status));
    }
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(case.at) && l.contains(": error: "));
    match line {
        None => wrong.push(format!("no error line starting `{}`", case.at)),
        Some(l) if !l.contains(case.message) => {
            wrong.push(format!("error line lacks `{}`: {l}", case.message));
        }
        Some(_) => {}
    }
    if let Some(help) = case.help {
        let helped = run
            .stderr
            .lines()
            .any(|l| l.starts_with("  = help: ") && l.contains(help));
        if !helped {
            wrong.push(format!("no help with `{help}`"));
        }
    }
    if let Some(problem) = summary_problem(&run.stderr) {
        wrong.push(problem);
    }
    if site.snapshot() != before {
        wrong.push("public/ changed".into());
    }
    if let Some(left) = leftovers(&site) {
        wrong.push(format!("left behind: {left}"));
    }
    (!wrong.is_empty()).then(|| describe(case, &wrong, &run))
}

/// What is wrong with the last line of `stderr`, which must be the summary
/// `N error(s) found; nothing was written` counting the `: error: ` lines.
fn summary_problem(stderr: &str) -> Option<String> {
    let n = stderr.lines().filter(|l| l.contains(": error: ")).count();
    let want = match n {
        1 => "1 error found; nothing was written".to_string(),
        n => format!("{n} errors found; nothing was written"),
    };
    let last = stderr.lines().last().unwrap_or_default();
    (last != want).then(|| format!("last line `{last}` is not the summary `{want}`"))
}

pub(crate) fn leftovers(site: &TestSite) -> Option<String> {
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The citation cache a good build keeps is no leftover.
        .filter(|n| n.contains("briefs-") && n != ".briefs-cache")
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn describe(case: &Case, wrong: &[String], run: &Run) -> String {
    format!(
        "case `{}`:\n  - {}\n--- stderr ---\n{}",
        case.name,
        wrong.join("\n  - "),
        run.stderr
    )
}

/// Runs a table, in parallel, and fails listing every case that failed.
fn run_table(cases: &[Case]) {
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(4).max(1))
            .map(|chunk| s.spawn(move || chunk.iter().filter_map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every table, each run by its own `#[test]`. A table left out of this
/// list is an unused constant, which `cargo clippy -- -D warnings` refuses.
macro_rules! tables {
    ($($test:ident: $table:ident),* $(,)?) => {
        const TABLES: &[&[Case]] = &[$($table),*];
        $(
            #[test]
            fn $test() {
                run_table($table);
            }
        )*
    };
}

tables! {
    front_matter_problems: FRONT_MATTER,
    content_problems: CONTENT,
    site_and_template_problems: SITE_AND_TEMPLATES,
    stalls_and_misplaced_positions: STALLS,
    portability_and_containment_problems: PORTABILITY,
    markdown_url_problems: MARKDOWN_URLS,
    publication_problems: PUBLICATION,
}

/// Adding or removing a case changes this number on purpose.
#[test]
fn suite_has_a_case_for_every_promise() {
    let n: usize = TABLES.iter().map(|t| t.len()).sum();
    assert_eq!(n, 145, "cases in all tables");
}

#[test]
fn all_problems_of_a_build_come_together_sorted() {
    let site = good_site();
    site.build_ok(&[]);
    let before = site.snapshot();
    site.write(
        "content/experts/ann-lee.md",
        "---\nname: Ann Lee\nrol: Fellow\n---\n",
    );
    site.write(
        "content/briefs/2024-03-01-bad.md",
        "---\ntitle: X\ndate: 2024-03-01\nupdated: 2024-02-30\n---\n",
    );
    site.write(
        "content/briefs/2024-03-02-ref.md",
        "---\ntitle: Y\ndate: 2024-03-02\ntopics: [Iran]\nauthors: [bo-chn, ann-lee]\n---\n",
    );
    site.write(
        "content/briefs/2024-01-01-one.md",
        "---\ntitle: One\ndate: 2024-01-01\ntopics: Iran\n---\n",
    );
    std::fs::write(
        site.root().join("content/pages/about.md"),
        b"---\ntitle: \xff\n---\n",
    )
    .unwrap();
    site.write("templates/page.html", "{{ page.title | shout }}");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(
        errors,
        [
            "content/briefs/2024-01-01-one.md:4:9",
            "content/briefs/2024-03-01-bad.md:4:10",
            "content/briefs/2024-03-02-ref.md:5:11",
            "content/experts/ann-lee.md:3:1",
            "content/pages/about.md:2:8",
            "templates/page.html:1:17",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("6 errors found; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot(), before);
}

#[test]
fn warnings_are_printed_and_do_not_fail() {
    let site = good_site();
    site.write(
        "content/briefs/2024-03-01-quiet.md",
        &brief("Quiet", "2024-03-01", ""),
    );
    site.write("content/briefs/notes.txt", "scratch");
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("content/briefs/2024-03-01-quiet.md: warning: brief has no topics"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/briefs/notes.txt: warning: not a Markdown file; ignored"),
        "{}",
        run.stderr
    );
    assert!(site.exists("briefs/quiet/index.html"));
}

#[test]
fn errors_print_like_rustc_with_the_caret_under_wide_characters() {
    let site = good_site();
    site.write(
        B,
        "---\ntitle: X\ndate: 2024-03-01\ntopics: [Iran]\nresponses: [{quote: \"日本語\", expert: ann-le}]\n---\nB\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    let want = "content/briefs/2024-03-01-bad.md:5:36: error: unknown expert `ann-le` (quoted expert)\n  |\n5 | responses: [{quote: \"日本語\", expert: ann-le}]\n  |                                       ^\n  = help: did you mean `ann-lee`? Experts are files in content/experts/; `briefs new expert \"Full Name\"` makes one\n\n1 error found; nothing was written\n";
    // 35 characters before the caret, three of them two columns wide.
    assert_eq!(run.stderr, want);
}
