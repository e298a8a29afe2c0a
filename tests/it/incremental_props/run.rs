//! Runs saves through a session as `serve` does and compares every step
//! with a full build.
//!
//! (`check` runs past 80 lines: one save's whole story, applied, rebuilt,
//! compared and logged, in the order it happens.)

use super::*;

/// The site on disk, with a clock of its own for modification times (so
/// two saves of a file within one tick of the file system's clock are
/// still told apart, as they are for a person typing).
pub(super) struct Disk {
    pub(super) site: TestSite,
    pub(super) files: BTreeMap<String, String>,
    pub(super) clock: SystemTime,
}

impl Disk {
    pub(super) fn new(model: &Model) -> Disk {
        let mut disk = Disk {
            site: TestSite::empty(),
            files: BTreeMap::new(),
            clock: SystemTime::now() - Duration::from_secs(1_000_000),
        };
        disk.sync(model);
        disk
    }

    /// Writes what changed and removes what is gone; returns the paths
    /// touched, as the watcher would report them.
    pub(super) fn sync(&mut self, model: &Model) -> Vec<PathBuf> {
        let want = model.files();
        let mut touched = Vec::new();
        for path in self.files.keys() {
            if !want.contains_key(path) {
                self.site.remove(path);
                touched.push(self.site.root().join(path));
            }
        }
        for (path, text) in &want {
            if self.files.get(path) != Some(text) {
                self.site.write(path, text);
                self.clock += Duration::from_secs(1);
                std::fs::File::options()
                    .write(true)
                    .open(self.site.root().join(path))
                    .unwrap()
                    .set_modified(self.clock)
                    .unwrap();
                touched.push(self.site.root().join(path));
            }
        }
        self.files = want;
        touched
    }

    pub(super) fn opts(&self) -> BuildOptions {
        BuildOptions {
            root: self.site.root().to_path_buf(),
            ..BuildOptions::default()
        }
    }
}

/// What differs between two file maps, for the failure message.
pub(super) fn differences(
    got: &BTreeMap<String, Vec<u8>>,
    want: &BTreeMap<String, Vec<u8>>,
) -> String {
    let mut out = Vec::new();
    for (path, bytes) in got {
        match want.get(path) {
            None => out.push(format!("  extra   {path}")),
            Some(w) if w != bytes => {
                let (g, w) = (String::from_utf8_lossy(bytes), String::from_utf8_lossy(w));
                let (g, w): (Vec<char>, Vec<char>) = (g.chars().collect(), w.chars().collect());
                let at = (0..g.len().min(w.len()))
                    .find(|&i| g[i] != w[i])
                    .unwrap_or(g.len().min(w.len()));
                let excerpt = |s: &[char]| -> String {
                    s[at.saturating_sub(80).min(s.len())..(at + 120).min(s.len())]
                        .iter()
                        .collect()
                };
                out.push(format!(
                    "  differs {path} at character {at}:\n    served: {:?}\n    full:   {:?}",
                    excerpt(&g),
                    excerpt(&w)
                ));
            }
            _ => {}
        }
    }
    for path in want.keys() {
        if !got.contains_key(path) {
            out.push(format!("  missing {path}"));
        }
    }
    if out.len() > 20 {
        let more = out.len() - 20;
        out.truncate(20);
        out.push(format!("  and {more} more"));
    }
    out.join("\n")
}

/// Diagnostics without the source excerpts under them (`   |`, `12 |`).
pub(super) fn without_excerpts(text: &str) -> String {
    let excerpt = |line: &str| {
        line.trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .starts_with('|')
    };
    let kept: Vec<&str> = text.split('\n').filter(|l| !excerpt(l)).collect();
    kept.join("\n")
}

/// Applies one rebuild's staged changes to the served files.
pub(super) fn apply(staged: Staged, store: &MemorySink) {
    staged.apply_to(store as &dyn Store).unwrap();
}

/// Runs the saves through a session as `serve` does and checks every step
/// against a full build; panics with the story so far on a difference.
pub(super) fn check(seeds: &[Seed], saves: &[Vec<Op>]) {
    let mut model = Model::new(seeds);
    let mut disk = Disk::new(&model);
    let store = MemorySink::default();
    let mut session = Session::new(disk.opts());
    let mut log = vec![format!(
        "a site of {} briefs: {:?}",
        model.briefs.len(),
        model
            .briefs
            .iter()
            .map(|b| format!(
                "b{} day {} {:?} {:?} e{}/e{}{}",
                b.id,
                b.day,
                TOPICS[b.topics[0]],
                KINDS[b.kind],
                b.author,
                b.quoted,
                b.cites
                    .as_ref()
                    .map_or(String::new(), |s| format!(" cites {s}"))
            ))
            .collect::<Vec<_>>()
    )];
    let first = Staged::default();
    session.rebuild(&first).unwrap();
    apply(first, &store);

    let mut pending: Vec<Vec<String>> = Vec::new();
    let mut saves = saves.iter();
    loop {
        // A save of the sequence, or the fix after a refused one.
        let done: Vec<String> = match pending.pop() {
            Some(fix) => fix,
            None => match saves.next() {
                Some(ops) => ops.iter().filter_map(|op| model.apply(op)).collect(),
                None => break,
            },
        };
        let hints = disk.sync(&model);
        if hints.is_empty() {
            continue;
        }
        log.push(format!("save {}: {}", log.len(), done.join("; ")));

        // As serve does: the first pages, then what follows.
        let story = || log.join("\n");
        let first = Staged::default();
        let served = session.rebuild_paths_first(&first, &hints);
        let served = served.and_then(|r| {
            apply(first, &store);
            if !r.deferred.is_empty() {
                let later = Staged::default();
                session.finish(&later)?;
                apply(later, &store);
            }
            Ok(r)
        });
        let fresh = MemorySink::default();
        match (briefs::build_into(&disk.opts(), &fresh), served) {
            (Ok(full), Ok(r)) => {
                let got = store.files.lock().unwrap().clone();
                let want = crate::harness::without_search_bundle(fresh.into_files());
                if got != want {
                    panic!(
                        "the served site differs from a full build after:\n{}\n{}",
                        story(),
                        differences(&got, &want)
                    );
                }
                // A session names warnings without the source excerpt a
                // build prints under each; what they say must be the same.
                let fresh = Session::new(disk.opts())
                    .rebuild(&MemorySink::default())
                    .unwrap();
                assert_eq!(
                    r.warnings.to_string(),
                    fresh.warnings.to_string(),
                    "warnings differ from a new session's after:\n{}",
                    story()
                );
                assert_eq!(
                    r.warnings.to_string(),
                    without_excerpts(&full.warnings.to_string()),
                    "warnings differ from a full build's after:\n{}",
                    story()
                );
            }
            (Err(e), Err(_)) => {
                let fix = model.fix_links();
                assert!(
                    !fix.is_empty(),
                    "the full build failed with no broken citation to fix after:\n{}\n{e:#}",
                    story()
                );
                pending.push(fix);
            }
            (Ok(_), Err(e)) => panic!(
                "the session failed where a full build succeeds, after:\n{}\n{e:#}",
                story()
            ),
            (Err(e), Ok(_)) => panic!(
                "the session succeeded where a full build fails, after:\n{}\n{e:#}",
                story()
            ),
        }
    }
}
