//! A property test of the incremental session: random sequences of saves
//! (text edits, new and deleted briefs, slug, date, topic, kind and expert
//! changes, drafts and embargoes, citations, expert, page, template and
//! site.yaml edits, bursts of many files at once) go through the session the way
//! `serve` calls it, and after every save the served files must equal a
//! fresh full build of the same sources byte for byte, with the same
//! warnings; a save the full build refuses (a citation broken by a
//! deleted brief or a changed slug) must fail in the session too, and the
//! fix that follows must bring it back. The briefs share a few topics
//! and experts, so the brief pages compared carry "More on this topic"
//! lists (other briefs' titles, dates and kinds) that the saves change.
//!
//! Bugs of the engine the property found are kept as tests at the end
//! (all fixed), each with its minimal reproduction.
//!
//! `PROPTEST_CASES` runs more or fewer cases (default [`CASES`]).

use crate::harness::TestSite;
use briefs::{BuildOptions, MemorySink, Session, Staged, Store};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Cases run by default: a few seconds in a debug build.
const CASES: u32 = 40;

/// Topic names: "Cyber Security" and "cyber security" are one topic spelt
/// two ways (a rename when its newest brief spells it the other way);
/// "Iran" is a topic no brief starts with.
const TOPICS: [&str; 5] = [
    "Energy",
    "Sanctions",
    "Cyber Security",
    "cyber security",
    "Iran",
];
/// Kinds, again with one spelt two ways.
const KINDS: [&str; 3] = ["Analysis", "Flash Brief", "flash brief"];
const EXPERTS: usize = 4;

/// One brief of the model.
#[derive(Clone, Debug)]
struct Brief {
    id: usize,
    title: u32,
    body: u32,
    quote: u32,
    /// `slug: s<id>-<n>`, or none: the slug comes from the file name.
    slug: Option<u8>,
    /// Days after 2024-01-01 (several briefs may share a day).
    day: u8,
    topics: Vec<usize>,
    kind: usize,
    author: usize,
    quoted: usize,
    draft: bool,
    embargo: bool,
    /// The slug named in `related: - brief:`, as written.
    cites: Option<String>,
}

impl Brief {
    /// A brief as first written: every text at revision 0, published.
    fn fresh(
        id: usize,
        day: u8,
        (topic, kind): (usize, usize),
        (author, quoted): (usize, usize),
        cites: Option<String>,
    ) -> Brief {
        Brief {
            id,
            title: 0,
            body: 0,
            quote: 0,
            slug: None,
            day,
            topics: vec![topic],
            kind,
            author,
            quoted,
            draft: false,
            embargo: false,
            cites,
        }
    }

    fn path(&self) -> String {
        format!("content/briefs/b{}.md", self.id)
    }

    fn slug(&self) -> String {
        match self.slug {
            Some(n) => format!("s{}-{n}", self.id),
            None => format!("b{}", self.id),
        }
    }

    fn text(&self) -> String {
        let date = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(i64::from(self.day)))
            .unwrap();
        let mut fm = format!(
            "title: \"Brief {} title {}\"\ndate: {date}\nkind: {}\n",
            self.id, self.title, KINDS[self.kind]
        );
        if let Some(n) = self.slug {
            fm.push_str(&format!("slug: s{}-{n}\n", self.id));
        }
        let topics: Vec<&str> = self.topics.iter().map(|&t| TOPICS[t]).collect();
        fm.push_str(&format!("topics: [{}]\n", topics.join(", ")));
        fm.push_str(&format!(
            "authors: [e{}]\nresponses:\n  - expert: e{}\n    quote: \"Quote {} of brief {}\"\n",
            self.author, self.quoted, self.quote, self.id
        ));
        if let Some(slug) = &self.cites {
            fm.push_str(&format!(
                "related:\n  - title: \"See also\"\n    brief: {slug}\n"
            ));
        }
        if self.draft {
            fm.push_str("draft: true\n");
        }
        if self.embargo {
            fm.push_str("embargo: 2099-01-01T00:00:00Z\n");
        }
        format!(
            "---\n{fm}---\nBody {} of brief {}, with *emphasis*.\n\nA second paragraph.\n",
            self.body, self.id
        )
    }
}

/// The whole site as the saves see it.
#[derive(Clone, Debug)]
struct Model {
    briefs: Vec<Brief>,
    next_id: usize,
    /// Revisions of each expert's name and role.
    experts: [(u32, u32); EXPERTS],
    template: u32,
    description: u32,
    paginate: u8,
    page: u32,
}

/// A brief as the initial site has it: day, topic, kind, author, quoted
/// expert, and whether it cites the first brief.
type Seed = (u8, u8, u8, u8, u8, bool);

impl Model {
    fn new(seeds: &[Seed]) -> Model {
        let briefs = seeds
            .iter()
            .enumerate()
            .map(|(id, &(day, topic, kind, author, quoted, cites))| {
                Brief::fresh(
                    id,
                    day,
                    (usize::from(topic) % 3, usize::from(kind) % 2),
                    (usize::from(author) % EXPERTS, usize::from(quoted) % EXPERTS),
                    (cites && id > 0).then(|| "b0".to_string()),
                )
            })
            .collect::<Vec<_>>();
        Model {
            next_id: briefs.len(),
            briefs,
            experts: [(0, 0); EXPERTS],
            template: 0,
            description: 0,
            paginate: 3,
            page: 0,
        }
    }

    /// Every source file of the site, by path.
    fn files(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        files.insert(
            "site.yaml".to_string(),
            format!(
                "title: Property Institute\nbase_url: https://props.example.org/\ndescription: \"Description {}\"\nlanguage: en\norganisation: PI\npaginate: {}\n",
                self.description, self.paginate
            ),
        );
        files.insert(
            "templates/card.html".to_string(),
            format!(
                "{}<!-- card marker {} -->\n",
                include_str!("../../themes/default/templates/card.html"),
                self.template
            ),
        );
        files.insert(
            "content/pages/about.md".to_string(),
            format!(
                "---\ntitle: About\n---\nAbout us, revision {}.\n",
                self.page
            ),
        );
        for (e, (name, role)) in self.experts.iter().enumerate() {
            files.insert(
                format!("content/experts/e{e}.md"),
                format!(
                    "---\nname: \"Expert {e} name {name}\"\nrole: \"Role {role}\"\n---\nBio of expert {e}.\n"
                ),
            );
        }
        for b in &self.briefs {
            files.insert(b.path(), b.text());
        }
        files
    }

    /// The brief `i` points at (modulo the number of briefs).
    fn pick(&mut self, i: u8) -> Option<&mut Brief> {
        let n = self.briefs.len();
        (n > 0).then(|| &mut self.briefs[usize::from(i) % n])
    }

    /// Applies one operation; says what it did (`None`: nothing).
    fn apply(&mut self, op: &Op) -> Option<String> {
        let n = self.briefs.len();
        Some(match *op {
            Op::Title(i) => {
                let b = self.pick(i)?;
                b.title += 1;
                format!("edit the title of b{}", b.id)
            }
            Op::Body(i) => {
                let b = self.pick(i)?;
                b.body += 1;
                format!("edit the body of b{}", b.id)
            }
            Op::Quote(i) => {
                let b = self.pick(i)?;
                b.quote += 1;
                format!("edit the quote in b{}", b.id)
            }
            Op::Add {
                day,
                topic,
                kind,
                expert,
            } => {
                let id = self.next_id;
                self.next_id += 1;
                self.briefs.push(Brief::fresh(
                    id,
                    day,
                    (
                        usize::from(topic) % TOPICS.len(),
                        usize::from(kind) % KINDS.len(),
                    ),
                    (
                        usize::from(expert) % EXPERTS,
                        (usize::from(expert) + 1) % EXPERTS,
                    ),
                    None,
                ));
                format!(
                    "add b{id} (day {day}, topic {:?}, kind {:?})",
                    TOPICS[usize::from(topic) % TOPICS.len()],
                    KINDS[usize::from(kind) % KINDS.len()]
                )
            }
            Op::Delete(i) => {
                if n <= 1 {
                    return None;
                }
                let b = self.briefs.remove(usize::from(i) % n);
                format!("delete b{} (slug {})", b.id, b.slug())
            }
            Op::Slug(i, s) => {
                let b = self.pick(i)?;
                if b.slug == s {
                    return None;
                }
                let old = b.slug();
                b.slug = s;
                format!("change the slug of b{} from {old} to {}", b.id, b.slug())
            }
            Op::Date(i, day) => {
                let b = self.pick(i)?;
                b.day = day;
                format!("date b{} day {day}", b.id)
            }
            Op::Topics(i, ref ts) => {
                let b = self.pick(i)?;
                let mut topics: Vec<usize> = Vec::new();
                for &t in ts {
                    let t = usize::from(t) % TOPICS.len();
                    // One spelling of a topic per brief.
                    if !topics
                        .iter()
                        .any(|&u| TOPICS[u].eq_ignore_ascii_case(TOPICS[t]))
                    {
                        topics.push(t);
                    }
                }
                b.topics = topics;
                let names: Vec<&str> = b.topics.iter().map(|&t| TOPICS[t]).collect();
                format!("give b{} the topics {names:?}", b.id)
            }
            Op::Kind(i, k) => {
                let b = self.pick(i)?;
                b.kind = usize::from(k) % KINDS.len();
                format!("give b{} the kind {:?}", b.id, KINDS[b.kind])
            }
            Op::Author(i, e) => {
                let b = self.pick(i)?;
                b.author = usize::from(e) % EXPERTS;
                format!("make e{} the author of b{}", b.author, b.id)
            }
            Op::Quoted(i, e) => {
                let b = self.pick(i)?;
                b.quoted = usize::from(e) % EXPERTS;
                format!("quote e{} in b{}", b.quoted, b.id)
            }
            Op::Draft(i) => {
                let b = self.pick(i)?;
                b.draft = !b.draft;
                format!("set draft: {} on b{}", b.draft, b.id)
            }
            Op::Embargo(i) => {
                let b = self.pick(i)?;
                b.embargo = !b.embargo;
                format!(
                    "{} b{}",
                    if b.embargo {
                        "embargo"
                    } else {
                        "lift the embargo on"
                    },
                    b.id
                )
            }
            Op::Cite(i, j) => {
                if n < 2 {
                    return None;
                }
                let (i, mut j) = (usize::from(i) % n, usize::from(j) % n);
                if i == j {
                    j = (j + 1) % n;
                }
                let slug = self.briefs[j].slug();
                let b = &mut self.briefs[i];
                b.cites = Some(slug.clone());
                format!("make b{} cite {slug}", b.id)
            }
            Op::Uncite(i) => {
                let b = self.pick(i)?;
                b.cites.take()?;
                format!("drop the citation in b{}", b.id)
            }
            Op::Expert(e, name) => {
                let e = usize::from(e) % EXPERTS;
                if name {
                    self.experts[e].0 += 1;
                    format!("edit the name of e{e}")
                } else {
                    self.experts[e].1 += 1;
                    format!("edit the role of e{e}")
                }
            }
            Op::Checkout { shift, files } => {
                for b in &mut self.briefs {
                    b.day = (b.day + shift) % 60;
                }
                let added = usize::from(files).saturating_sub(n);
                for i in 0..added {
                    self.apply(&Op::Add {
                        day: (i * 7 % 60) as u8,
                        topic: i as u8,
                        kind: i as u8,
                        expert: i as u8,
                    });
                }
                format!("a checkout: every brief {shift} days later, {added} briefs added")
            }
            Op::Template => {
                self.template += 1;
                "edit the marker in templates/card.html".to_string()
            }
            Op::Description => {
                self.description += 1;
                "edit the description in site.yaml".to_string()
            }
            Op::Paginate(p) => {
                let p = 2 + p % 4;
                if p == self.paginate {
                    return None;
                }
                self.paginate = p;
                format!("set paginate: {p} in site.yaml")
            }
            Op::Page => {
                self.page += 1;
                "edit the about page".to_string()
            }
        })
    }

    /// The save that drops every citation of a slug no brief has (the fix
    /// after a save that broke one).
    fn fix_links(&mut self) -> Vec<String> {
        let slugs: Vec<String> = self.briefs.iter().map(Brief::slug).collect();
        let mut done = Vec::new();
        for b in &mut self.briefs {
            if b.cites.as_ref().is_some_and(|s| !slugs.contains(s)) {
                b.cites = None;
                done.push(format!("drop the broken citation in b{}", b.id));
            }
        }
        done
    }
}

/// One file operation of a save; brief numbers are taken modulo the number
/// of briefs, so any sequence (and any shrunk one) applies.
#[derive(Clone, Debug)]
enum Op {
    Title(u8),
    Body(u8),
    Quote(u8),
    Add {
        day: u8,
        topic: u8,
        kind: u8,
        expert: u8,
    },
    Delete(u8),
    Slug(u8, Option<u8>),
    Date(u8, u8),
    Topics(u8, Vec<u8>),
    Kind(u8, u8),
    Author(u8, u8),
    Quoted(u8, u8),
    Draft(u8),
    Embargo(u8),
    Cite(u8, u8),
    Uncite(u8),
    /// Expert file edit: the name (`true`) or the role.
    Expert(u8, bool),
    /// A `git checkout`: every brief dated `shift` days later (modulo 60)
    /// and new briefs added, `files` briefs (at least) in one save.
    Checkout {
        shift: u8,
        files: u8,
    },
    Template,
    Description,
    Paginate(u8),
    Page,
}

/// Operations that change a brief's shape (no text edits): what large
/// bursts are made of.
fn reshape() -> impl Strategy<Value = Op> {
    let b = any::<u8>();
    prop_oneof![
        (0u8..60, any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(day, topic, kind, expert)| {
            Op::Add {
                day,
                topic,
                kind,
                expert,
            }
        }),
        (b, 0u8..60).prop_map(|(i, d)| Op::Date(i, d)),
        (b, prop::collection::vec(any::<u8>(), 0..=2)).prop_map(|(i, t)| Op::Topics(i, t)),
        (b, any::<u8>()).prop_map(|(i, k)| Op::Kind(i, k)),
        (b, any::<u8>()).prop_map(|(i, e)| Op::Author(i, e)),
        (b, any::<u8>()).prop_map(|(i, e)| Op::Quoted(i, e)),
    ]
}

/// Any operation.
fn op() -> impl Strategy<Value = Op> {
    let b = any::<u8>();
    prop_oneof![
        3 => b.prop_map(Op::Title),
        3 => b.prop_map(Op::Body),
        2 => b.prop_map(Op::Quote),
        6 => reshape(),
        2 => b.prop_map(Op::Delete),
        2 => (b, prop::option::of(0u8..3)).prop_map(|(i, s)| Op::Slug(i, s)),
        2 => b.prop_map(Op::Draft),
        2 => b.prop_map(Op::Embargo),
        2 => (b, any::<u8>()).prop_map(|(i, j)| Op::Cite(i, j)),
        1 => b.prop_map(Op::Uncite),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(e, n)| Op::Expert(e, n)),
        1 => Just(Op::Template),
        1 => Just(Op::Page),
        1 => Just(Op::Description),
        1 => any::<u8>().prop_map(Op::Paginate),
    ]
}

/// One save: a burst of file operations seen by the watcher at once.
fn save() -> impl Strategy<Value = Vec<Op>> {
    prop_oneof![
        12 => prop::collection::vec(op(), 1..=3),
        // A brief and an expert saved together.
        2 => (op(), (any::<u8>(), any::<bool>()).prop_map(|(e, n)| Op::Expert(e, n)))
            .prop_map(|(a, b)| vec![a, b]),
        // Up to the quick path's limit of reshaped briefs.
        2 => prop::collection::vec(reshape(), 4..=16),
        // Past it (a checkout).
        1 => (1u8..60, 17u8..=20).prop_map(|(shift, files)| vec![Op::Checkout { shift, files }]),
    ]
}

fn seeds() -> impl Strategy<Value = Vec<Seed>> {
    prop::collection::vec(
        (
            0u8..60,
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<bool>(),
        ),
        5..=12,
    )
}

/// The site on disk, with a clock of its own for modification times (so
/// two saves of a file within one tick of the file system's clock are
/// still told apart, as they are for a person typing).
struct Disk {
    site: TestSite,
    files: BTreeMap<String, String>,
    clock: SystemTime,
}

impl Disk {
    fn new(model: &Model) -> Disk {
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
    fn sync(&mut self, model: &Model) -> Vec<PathBuf> {
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

    fn opts(&self) -> BuildOptions {
        BuildOptions {
            root: self.site.root().to_path_buf(),
            ..BuildOptions::default()
        }
    }
}

/// What differs between two file maps, for the failure message.
fn differences(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) -> String {
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
fn without_excerpts(text: &str) -> String {
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
fn apply(staged: Staged, store: &MemorySink) {
    staged.apply_to(store as &dyn Store).unwrap();
}

/// Runs the saves through a session as `serve` does and checks every step
/// against a full build; panics with the story so far on a difference.
fn check(seeds: &[Seed], saves: &[Vec<Op>]) {
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

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        // The reproduction of a failure is the printed story, kept as a
        // test of its own.
        failure_persistence: None,
        max_shrink_iters: 1024,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn incremental_saves_equal_full_builds(
        seeds in seeds(),
        saves in prop::collection::vec(save(), 1..=12),
    ) {
        check(&seeds, &saves);
    }
}

/// Bug 1 (fixed), found by the property: a save of site.yaml alone, hinted as `serve`
/// hints it, gives a site with no briefs, experts or pages. The changed
/// configuration empties the session's cache of parsed files, and the
/// hints (no content file among them) then have nothing read again.
#[test]
fn a_hinted_site_yaml_edit_keeps_the_content() {
    check(&[(0, 0, 0, 0, 0, false); 5], &[vec![Op::Description]]);
}

/// Bug 2 (fixed), found by the property: with `paginate: 3`, four briefs in topic
/// Energy (two listing pages) and one in Sanctions, one brief moved from
/// Energy to Sanctions. `topics/energy/page/2/index.html` is removed, but
/// the served `sitemap.xml` still lists `topics/energy/page/2/`. The same
/// with a kind (`kinds/analysis/page/2/`), and the other way round: a
/// listing that gains a page by a topic or kind change has it rendered,
/// but the sitemap does not list it. (When a brief page comes or goes in
/// the same save, the sitemap is right.)
#[test]
fn a_listing_gaining_or_losing_a_page_changes_the_sitemap() {
    let mut seeds = vec![(0, 0, 0, 0, 0, false); 4];
    seeds.push((0, 1, 0, 0, 0, false));
    check(&seeds, &[vec![Op::Topics(3, vec![1])]]);
    seeds[4] = (0, 0, 1, 0, 0, false);
    check(&seeds, &[vec![Op::Kind(3, 1)]]);
    // Gaining: three briefs in Energy, two in Sanctions; one joins Energy.
    let mut seeds = vec![(0, 0, 0, 0, 0, false); 3];
    seeds.extend([(0, 1, 0, 0, 0, false); 2]);
    check(&seeds, &[vec![Op::Topics(4, vec![0])]]);
}

/// Bug 3 (fixed), found by the property: a site of one brief, `b0.md` in topic Energy;
/// one save takes Energy off `b0.md` and adds `b1.md` in Energy. The
/// served site has no `topics/energy/index.html` (the quick path takes
/// `b0.md` first, removes the emptied topic's page, and does not render it
/// again when `b1.md` brings the topic back).
#[test]
fn a_topic_emptied_and_filled_in_one_save_keeps_its_page() {
    check(
        &[(0, 0, 0, 0, 0, false)],
        &[vec![
            Op::Topics(0, vec![]),
            Op::Add {
                day: 0,
                topic: 0,
                kind: 0,
                expert: 0,
            },
        ]],
    );
}

/// Bug 4 (fixed), found by the property: two briefs of kind "Flash Brief", `b0.md`
/// (dated 2024-02-14, the newest) and `b1.md` (2024-01-01) citing it
/// (`related: - brief: b0`). Save 1: `b0.md` spells its kind "flash brief"
/// (the kind is renamed). Save 2: `b0.md` gets `embargo:` in the future (or
/// `draft: true`). The session panics: index out of bounds in
/// `Site::related_target` (src/model/mod.rs), called from
/// `render::values::related` — a citation still holds the id of the brief
/// taken out. The same with a topic: `b0.md` (2024-02-04, topic Energy),
/// `b1.md` (2024-01-01, topic "Cyber Security", citing b0); save 1: `b0.md`
/// takes topic "cyber security" (renamed); save 2: `draft: true` in
/// `b0.md`. Not when the citing brief is in no group the rename touches,
/// nor when the rename and the embargo come in one save.
#[test]
fn unpublishing_a_cited_brief_that_renamed_its_group() {
    let seeds = [(44, 0, 1, 0, 0, false), (0, 0, 1, 0, 0, true)];
    check(&seeds, &[vec![Op::Kind(0, 2)], vec![Op::Embargo(0)]]);
    check(&seeds, &[vec![Op::Kind(0, 2)], vec![Op::Draft(0)]]);
    let seeds = [(34, 0, 0, 0, 0, false), (0, 2, 0, 0, 0, true)];
    check(&seeds, &[vec![Op::Topics(0, vec![3])], vec![Op::Draft(0)]]);
}

/// Bug 5 (fixed), found by the property: with `paginate: 3`, four briefs in topic
/// Sanctions (two listing pages) and one in Energy; one save takes the
/// topic off all four (or gives them another, or `draft: true`; the same
/// with a kind of two pages whose briefs all change kind). The served site
/// keeps `topics/sanctions/page/2/index.html` (`kinds/flash-brief/page/2/
/// index.html`), which a full build no longer has.
#[test]
fn a_listing_of_several_pages_emptied_in_one_save_is_removed_whole() {
    let mut seeds = vec![(0, 1, 0, 0, 0, false); 4];
    seeds.push((0, 0, 0, 0, 0, false));
    let all = |op: fn(u8) -> Op| (0..4).map(op).collect::<Vec<_>>();
    check(&seeds, &[all(|i| Op::Topics(i, vec![]))]);
    check(&seeds, &[all(Op::Draft)]);
    let mut seeds = vec![(0, 0, 1, 0, 0, false); 4];
    seeds.push((0, 0, 0, 0, 0, false));
    check(&seeds, &[all(|i| Op::Kind(i, 0))]);
}
