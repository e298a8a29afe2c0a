//! The test harness: fixture sites (`tests/fixtures/<name>/`, or written
//! by a test) copied into temporary folders, the real binary run on them,
//! HTML parsed with an HTML5 parser (scraper) for assertions, and output
//! trees compared with golden trees in `tests/golden/<name>/`.

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder.
pub(crate) struct TestSite {
    pub dir: tempfile::TempDir,
}

/// The result of running the binary.
pub(crate) struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            status: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// The repository root (the demo site).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>/`.
    pub(crate) fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_dir(&repo_root().join("tests/fixtures").join(name), site.root());
        site
    }

    /// A copy of the repository's demo site (site.yaml, content/, themes/).
    pub(crate) fn demo() -> TestSite {
        let site = TestSite::empty();
        std::fs::copy(repo_root().join("site.yaml"), site.root().join("site.yaml")).unwrap();
        for d in ["content", "themes"] {
            copy_dir(&repo_root().join(d), &site.root().join(d));
        }
        site
    }

    /// An empty folder.
    pub(crate) fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A minimal site: site.yaml plus the given files.
    pub(crate) fn with_files(files: &[(&str, &str)]) -> TestSite {
        let site = TestSite::empty();
        site.write(
            "site.yaml",
            "title: Test Institute\nbase_url: https://test.example.org/\norganisation: TI\n",
        );
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file below the site root, creating folders.
    pub(crate) fn write(&self, path: &str, text: &str) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub(crate) fn remove(&self, path: &str) {
        std::fs::remove_file(self.root().join(path)).unwrap();
    }

    /// Runs `briefs <args>` in the site root.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Command::new(env!("CARGO_BIN_EXE_briefs"))
            .args(args)
            .current_dir(self.root())
            .output()
            .unwrap()
            .into()
    }

    /// Runs `briefs build <extra>` and asserts success.
    pub(crate) fn build_ok(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert_eq!(
            run.status, 0,
            "build failed:\n{}\n{}",
            run.stdout, run.stderr
        );
        run
    }

    /// Whether `public/<path>` exists.
    pub(crate) fn exists(&self, path: &str) -> bool {
        self.root().join("public").join(path).exists()
    }

    /// The text of `public/<path>`.
    pub(crate) fn read(&self, path: &str) -> String {
        let p = self.root().join("public").join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    /// `public/<path>` parsed as an HTML5 document.
    pub(crate) fn html(&self, path: &str) -> Page {
        Page(Html::parse_document(&self.read(path)))
    }

    /// Every file under public/, relative, sorted, with its bytes.
    pub(crate) fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        snapshot_of(&self.root().join("public"))
    }

    /// Asserts that public/ is byte for byte `tests/golden/<name>/`, every
    /// file and no other. With `BRIEFS_BLESS=1` it writes public/ there
    /// instead, to be reviewed as a diff.
    pub(crate) fn assert_golden(&self, name: &str) {
        let golden = repo_root().join("tests/golden").join(name);
        // The search bundle's own files (Pagefind's scripts, WebAssembly and
        // gzipped index) are left out; `.briefs-output` still lists them,
        // and tests/it/search.rs reads them.
        let got: Vec<_> = (self.snapshot().into_iter())
            .filter(|(path, _)| !is_search_bundle(path))
            .collect();
        if std::env::var("BRIEFS_BLESS").is_ok_and(|v| v == "1") {
            bless(&golden, &got);
            return;
        }
        let want = snapshot_of(&golden);
        let problems = golden_differences(&want, &got);
        assert!(
            problems.is_empty(),
            "public/ differs from tests/golden/{name}/:\n{}\n\
             If the change is meant, run the test with BRIEFS_BLESS=1 and review `git diff tests/golden/`.",
            problems.join("\n")
        );
    }
}

/// Every file under `dir`, relative with `/`, sorted, with its bytes.
pub(crate) fn snapshot_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            (rel.join("/"), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Replaces the golden tree with `files`.
fn bless(golden: &Path, files: &[(String, Vec<u8>)]) {
    if golden.exists() {
        std::fs::remove_dir_all(golden).unwrap();
    }
    for (path, bytes) in files {
        let to = golden.join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
}

/// One line per file missing, extra or different, with its first
/// differing line.
fn golden_differences(want: &[(String, Vec<u8>)], got: &[(String, Vec<u8>)]) -> Vec<String> {
    let want: std::collections::BTreeMap<_, _> = want.iter().map(|(p, b)| (p, b)).collect();
    let got: std::collections::BTreeMap<_, _> = got.iter().map(|(p, b)| (p, b)).collect();
    let mut problems = Vec::new();
    for (path, bytes) in &want {
        match got.get(path) {
            None => problems.push(format!("  missing: {path}")),
            Some(g) if g != bytes => {
                problems.push(format!("  differs: {path}: {}", first_difference(bytes, g)));
            }
            Some(_) => {}
        }
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        problems.push(format!("  extra:   {path}"));
    }
    problems
}

/// The first line where two texts differ, both ways.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let mut want_lines = want.lines();
    let mut got_lines = got.lines();
    for n in 1.. {
        let (w, g) = (want_lines.next(), got_lines.next());
        if w != g || (w.is_none() && g.is_none()) {
            return format!("line {n}\n    want: {w:?}\n    got:  {g:?}");
        }
    }
    unreachable!()
}

/// A parsed HTML page.
pub(crate) struct Page(pub Html);

impl Page {
    /// Text of every element matching `css`, whitespace collapsed.
    pub(crate) fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.0
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The `attr` of every element matching `css`.
    pub(crate) fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.0
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// How many elements match `css`.
    pub(crate) fn count(&self, css: &str) -> usize {
        self.0.select(&Selector::parse(css).unwrap()).count()
    }
}

/// A brief file's text from a few fields.
pub(crate) fn brief(title: &str, date: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\nFirst paragraph of {title}.\n")
}

/// An expert file's text.
pub(crate) fn expert(name: &str, role: &str) -> String {
    format!("---\nname: \"{name}\"\nrole: \"{role}\"\n---\nBio of {name}.\n")
}

/// Whether an output path is a file of a search bundle: the default
/// language's (`pagefind/`) or another language's (`ar/pagefind/`).
pub(crate) fn is_search_bundle(path: &str) -> bool {
    let in_language = path
        .split_once('/')
        .is_some_and(|(_, rest)| rest.starts_with("pagefind/"));
    path.starts_with("pagefind/") || in_language
}

/// `files` (a built site by output path) without the search bundles
/// (`pagefind/`, `<lang>/pagefind/`): what an incremental session makes,
/// since `serve` builds the bundles on a background thread of its own.
pub(crate) fn without_search_bundle(
    mut files: std::collections::BTreeMap<String, Vec<u8>>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    files.retain(|path, _| !is_search_bundle(path));
    files
}
