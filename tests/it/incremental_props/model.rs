//! The model the saves act on: a small site of briefs sharing a few
//! topics, kinds and experts, written out as files.
//!
//! (`Model::apply` runs past 80 lines: one short `match` arm per kind of
//! save, which reads best side by side.)

use super::*;

/// Topic names: "Cyber Security" and "cyber security" are one topic spelt
/// two ways (a rename when its newest brief spells it the other way);
/// "Iran" is a topic no brief starts with.
pub(super) const TOPICS: [&str; 5] = [
    "Energy",
    "Sanctions",
    "Cyber Security",
    "cyber security",
    "Iran",
];
/// Kinds, again with one spelt two ways.
pub(super) const KINDS: [&str; 3] = ["Analysis", "Flash Brief", "flash brief"];
pub(super) const EXPERTS: usize = 4;

/// One brief of the model.
#[derive(Clone, Debug)]
pub(super) struct Brief {
    pub(super) id: usize,
    pub(super) title: u32,
    pub(super) body: u32,
    pub(super) quote: u32,
    /// `slug: s<id>-<n>`, or none: the slug comes from the file name.
    pub(super) slug: Option<u8>,
    /// Days after 2024-01-01 (several briefs may share a day).
    pub(super) day: u8,
    pub(super) topics: Vec<usize>,
    pub(super) kind: usize,
    pub(super) author: usize,
    pub(super) quoted: usize,
    pub(super) draft: bool,
    pub(super) embargo: bool,
    /// The slug named in `related: - brief:`, as written.
    pub(super) cites: Option<String>,
}

impl Brief {
    /// A brief as first written: every text at revision 0, published.
    pub(super) fn fresh(
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

    pub(super) fn path(&self) -> String {
        format!("content/briefs/b{}.md", self.id)
    }

    pub(super) fn slug(&self) -> String {
        match self.slug {
            Some(n) => format!("s{}-{n}", self.id),
            None => format!("b{}", self.id),
        }
    }

    pub(super) fn text(&self) -> String {
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
pub(super) struct Model {
    pub(super) briefs: Vec<Brief>,
    pub(super) next_id: usize,
    /// Revisions of each expert's name and role.
    pub(super) experts: [(u32, u32); EXPERTS],
    pub(super) template: u32,
    pub(super) description: u32,
    pub(super) paginate: u8,
    pub(super) page: u32,
}

/// A brief as the initial site has it: day, topic, kind, author, quoted
/// expert, and whether it cites the first brief.
pub(super) type Seed = (u8, u8, u8, u8, u8, bool);

impl Model {
    pub(super) fn new(seeds: &[Seed]) -> Model {
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
    pub(super) fn files(&self) -> BTreeMap<String, String> {
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
                include_str!("../../../themes/default/templates/card.html"),
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
    pub(super) fn pick(&mut self, i: u8) -> Option<&mut Brief> {
        let n = self.briefs.len();
        (n > 0).then(|| &mut self.briefs[usize::from(i) % n])
    }

    /// Applies one operation; says what it did (`None`: nothing).
    pub(super) fn apply(&mut self, op: &Op) -> Option<String> {
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
    pub(super) fn fix_links(&mut self) -> Vec<String> {
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
