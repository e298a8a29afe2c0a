//! A model-based test of the output folder: random histories over a small
//! site (edits, new and deleted briefs, unpublishing, embargoes, slug and
//! topic changes, broken files and their fixes, static files, builds killed
//! at a random moment, builds failing on a full disk) where, after every
//! successful build, `public/` must equal a clean build of the same sources
//! byte for byte, and after every failed one the last good `public/`.
//!
//! `HISTORY_STEPS` and `HISTORY_SEED` run longer or other histories
//! (`scripts/soak` runs thousands of steps).

use crate::harness::{TestSite, expert};
use briefs::{BuildOptions, DiskOptions};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A small, seeded random number generator (splitmix64): the same seed
/// gives the same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One brief as the history has it.
#[derive(Clone)]
struct Brief {
    id: usize,
    revision: usize,
    topic: usize,
    day: usize,
    slug: Option<usize>,
    draft: bool,
    embargoed: bool,
    broken: bool,
}

impl Brief {
    fn path(&self) -> String {
        format!("content/briefs/b{}.md", self.id)
    }

    fn text(&self) -> String {
        let mut fm = format!(
            "title: \"Brief {} r{}\"\ndate: 2024-{:02}-{:02}\ntopics: [Topic {}]\nauthors: [ann-lee]\n",
            self.id,
            self.revision,
            1 + self.day / 28,
            1 + self.day % 28,
            self.topic
        );
        if self.broken {
            fm = fm.replace("date: 2024-", "date: 2024-13-45\nx_date: 2024-");
        }
        if let Some(s) = self.slug {
            fm.push_str(&format!("slug: s{s}\n"));
        }
        if self.draft {
            fm.push_str("draft: true\n");
        }
        if self.embargoed {
            fm.push_str("embargo: 2099-01-01T00:00:00Z\n");
        }
        format!(
            "---\n{fm}---\nBody of brief {} in revision {}.\n",
            self.id, self.revision
        )
    }
}

/// What the history does next.
#[derive(Debug, Clone, Copy)]
enum Step {
    Edit,
    Add,
    Delete,
    Unpublish,
    Embargo,
    Slug,
    Topic,
    Break,
    Fix,
    StaticFile,
    Kill,
    DiskFull,
}

const STEPS: [Step; 12] = [
    Step::Edit,
    Step::Add,
    Step::Delete,
    Step::Unpublish,
    Step::Embargo,
    Step::Slug,
    Step::Topic,
    Step::Break,
    Step::Fix,
    Step::StaticFile,
    Step::Kill,
    Step::DiskFull,
];

/// Every file below `dir`, relative, sorted, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

/// What differs between two trees, by path, for the failure message.
fn differences(got: &[(String, Vec<u8>)], want: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (p, b) in got {
        match want.iter().find(|(q, _)| q == p) {
            None => out.push(format!("extra {p}")),
            Some((_, c)) if c != b => out.push(format!("differs {p}")),
            _ => {}
        }
    }
    for (p, _) in want {
        if !got.iter().any(|(q, _)| q == p) {
            out.push(format!("missing {p}"));
        }
    }
    out
}

fn options(root: &Path, output: Option<&Path>) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: output.map(Path::to_path_buf),
        base_url: None,
        drafts: false,
        now: None,
    }
}

struct History {
    site: TestSite,
    rng: Rng,
    briefs: Vec<Brief>,
    next_id: usize,
    statics: Vec<usize>,
    /// `public/` after the last successful build.
    good: Vec<(String, Vec<u8>)>,
    log: Vec<String>,
}

impl History {
    fn new(seed: u64) -> History {
        let site = TestSite::with_files(&[
            ("content/experts/ann-lee.md", &expert("Ann Lee", "Fellow")),
            ("content/pages/about.md", "---\ntitle: About\n---\nUs.\n"),
        ]);
        let mut h = History {
            site,
            rng: Rng(seed),
            briefs: Vec::new(),
            next_id: 0,
            statics: Vec::new(),
            good: Vec::new(),
            log: Vec::new(),
        };
        for _ in 0..4 {
            h.add();
        }
        h
    }

    fn add(&mut self) {
        let b = Brief {
            id: self.next_id,
            revision: 0,
            topic: self.rng.below(3),
            day: self.rng.below(300),
            slug: None,
            draft: false,
            embargoed: false,
            broken: false,
        };
        self.next_id += 1;
        self.site.write(&b.path(), &b.text());
        self.briefs.push(b);
    }

    /// Changes a random brief with `change` and writes it.
    fn change(&mut self, change: impl FnOnce(&mut Brief, &mut Rng)) {
        if self.briefs.is_empty() {
            return self.add();
        }
        let i = self.rng.below(self.briefs.len());
        change(&mut self.briefs[i], &mut self.rng);
        let b = &self.briefs[i];
        self.site.write(&b.path(), &b.text());
    }

    fn broken(&self) -> bool {
        self.briefs.iter().any(|b| b.broken)
    }

    /// The public/ a clean build of the current sources gives.
    fn clean(&self) -> Vec<(String, Vec<u8>)> {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        briefs::build(&options(self.site.root(), Some(&out)), false)
            .unwrap_or_else(|e| panic!("clean build failed: {e:#}\n{}", self.log.join("\n")));
        tree(&out)
    }

    fn public(&self) -> Vec<(String, Vec<u8>)> {
        tree(&self.site.root().join("public"))
    }

    /// Builds; a build that should fail must fail and leave the last good
    /// site, one that should succeed must equal a clean build.
    fn build(&mut self, space: Option<u64>) {
        let disk = DiskOptions {
            space,
            ..Default::default()
        };
        let result = briefs::build_with(&options(self.site.root(), None), &disk);
        let should_fail = self.broken() || space.is_some_and(|s| s < 64);
        match result {
            Ok(_) => {
                assert!(
                    !self.broken(),
                    "a broken site built\n{}",
                    self.log.join("\n")
                );
                let (got, want) = (self.public(), self.clean());
                assert!(
                    got == want,
                    "public/ is not a clean build: {:?}\nhistory:\n{}",
                    differences(&got, &want),
                    self.log.join("\n")
                );
                self.good = got;
            }
            Err(e) => {
                assert!(
                    should_fail || space.is_some(),
                    "build failed: {e:#}\n{}",
                    self.log.join("\n")
                );
                assert!(
                    self.public() == self.good,
                    "a failed build changed public/\n{}",
                    self.log.join("\n")
                );
            }
        }
    }

    /// Starts the real binary and kills it after a random moment.
    fn kill(&mut self) {
        let delay = self.rng.below(40) as u64;
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefs"))
            .arg("build")
            .current_dir(self.site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let finished = child.wait().is_ok_and(|s| s.success());
        self.log
            .push(format!("  killed after {delay} ms (finished: {finished})"));
        let now = self.public();
        if finished && !self.broken() {
            self.good = now;
        } else {
            assert!(
                now == self.good,
                "a killed build left a changed public/\n{}",
                self.log.join("\n")
            );
        }
    }

    fn step(&mut self) {
        let step = STEPS[self.rng.below(STEPS.len())];
        self.log.push(format!("{step:?}"));
        match step {
            Step::Edit => self.change(|b, _| b.revision += 1),
            Step::Add => self.add(),
            Step::Delete => {
                if !self.briefs.is_empty() {
                    let b = self.briefs.remove(self.rng.below(self.briefs.len()));
                    self.site.remove(&b.path());
                }
            }
            Step::Unpublish => self.change(|b, _| b.draft = !b.draft),
            Step::Embargo => self.change(|b, _| b.embargoed = !b.embargoed),
            Step::Slug => self.change(|b, r| b.slug = Some(r.below(1000) + 1000 * b.id)),
            Step::Topic => self.change(|b, r| b.topic = r.below(4)),
            Step::Break => self.change(|b, _| b.broken = true),
            Step::Fix => {
                for b in self.briefs.iter_mut().filter(|b| b.broken) {
                    b.broken = false;
                    self.site.write(&b.path(), &b.text());
                }
            }
            Step::StaticFile => {
                let n = self.rng.below(4);
                let path = format!("static/files/f{n}.txt");
                if let Some(i) = self.statics.iter().position(|&s| s == n) {
                    self.statics.remove(i);
                    self.site.remove(&path);
                } else {
                    self.statics.push(n);
                    self.site.write(&path, &format!("static {n}"));
                }
            }
            Step::Kill => return self.kill(),
            Step::DiskFull => {
                let size: usize = self.good.iter().map(|(_, b)| b.len()).sum();
                let space = self.rng.below(size.max(1)) as u64;
                self.log.push(format!("  {space} bytes free"));
                return self.build(Some(space));
            }
        }
        self.build(None);
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn every_successful_build_equals_a_clean_build() {
    let steps = env_number("HISTORY_STEPS", 200);
    let seed = env_number("HISTORY_SEED", 11);
    let mut h = History::new(seed);
    h.build(None);
    for _ in 0..steps {
        h.step();
    }
}
