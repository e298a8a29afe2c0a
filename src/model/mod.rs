//! Stage 3: the assembled [`Site`]: every published brief, expert, topic,
//! kind and page, with references resolved to indexes and the reverse
//! indexes (expert -> briefs, topic -> briefs) built in one pass. Briefs are
//! sorted newest first (ties by slug), so a `BriefId` order is listing order.

mod assemble;
pub(crate) mod dek;
mod group_move;
mod group_translations;
mod groups;
pub(crate) mod index;
mod languages;
pub(crate) mod more;
pub(crate) mod reading;
mod renumber;
mod resolve;
mod translations;
mod update;

pub(crate) use assemble::{
    assemble, assemble_refs, group_slug, idle_warning, is_idle, is_published, why_unpublished,
};
pub(crate) use groups::Grouping;
pub(crate) use languages::{Files, assemble_languages};
pub(crate) use renumber::Renumber;
pub(crate) use resolve::resolve_again;
pub(crate) use translations::{Alternate, Translations};
pub use update::Refusal;
pub(crate) use update::{Moved, update_brief};

use crate::config::Config;
use crate::parse::{BriefCore, Moment, ParsedBrief, ParsedExpert, Text};
use std::sync::Arc;

/// Index into [`Site::briefs`]; smaller is newer.
pub(crate) type BriefId = usize;
/// Index into [`Site::experts`]; ordered by sort name.
pub(crate) type ExpertId = usize;
/// Index into [`Site::topics`]; ordered by slug.
pub(crate) type TopicId = usize;
/// Index into [`Site::kinds`]; ordered by slug.
pub(crate) type KindId = usize;

/// A whole site, ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    pub(crate) config: Config,
    pub(crate) briefs: Vec<Brief>,
    pub(crate) experts: Vec<Expert>,
    pub(crate) topics: Vec<Topic>,
    pub(crate) kinds: Vec<Kind>,
    pub(crate) pages: Vec<Page>,
    /// Which topic and kind each name written in front matter names.
    pub(crate) written_names: WrittenNames,
    /// The other languages, and which pages are translations.
    pub(crate) translations: Translations,
}

/// Every way a topic or kind name is written in the briefs, and the group
/// it names (`North Korea` and `north korea` name one topic).
#[derive(Debug, Default)]
pub(crate) struct WrittenNames {
    pub(crate) topics: rustc_hash::FxHashMap<String, TopicId>,
    pub(crate) kinds: rustc_hash::FxHashMap<String, KindId>,
}

/// Listing order: newest first, ties by slug (so a `BriefId` order is
/// listing order).
pub(crate) fn listing_order(a: (Moment, &str), b: (Moment, &str)) -> std::cmp::Ordering {
    b.0.timestamp.cmp(&a.0.timestamp).then_with(|| a.1.cmp(b.1))
}

/// A published brief: its [`BriefCore`] as written (read through
/// `Deref`: `brief.title`) and its references resolved to ids.
#[derive(Debug)]
pub(crate) struct Brief {
    pub(crate) core: BriefCore,
    pub(crate) kind: KindId,
    pub(crate) topics: Vec<TopicId>,
    pub(crate) authors: Vec<ExpertId>,
    pub(crate) responses: Vec<Response>,
    pub(crate) related: Vec<Related>,
}

impl std::ops::Deref for Brief {
    type Target = BriefCore;

    fn deref(&self) -> &BriefCore {
        &self.core
    }
}

impl Brief {
    /// This brief with the text of a newer version of its file, which must
    /// differ from it only in text ([`ParsedBrief::differs_only_in_text`]): every reference
    /// stays resolved as it was, so nothing else in the site changes.
    pub(crate) fn with_text(&self, newer: &ParsedBrief) -> Brief {
        Brief {
            // Only the text differs: the file, slug, dates and publication are the same.
            core: newer.core.clone(),
            kind: self.kind,
            topics: self.topics.clone(),
            authors: self.authors.clone(),
            responses: self
                .responses
                .iter()
                .zip(&newer.responses)
                .map(|(r, n)| Response {
                    expert: r.expert,
                    quote: n.quote.clone(),
                })
                .collect(),
            related: self
                .related
                .iter()
                .zip(&newer.related)
                .map(|(r, n)| Related {
                    title: n.title.clone(),
                    by: r.by.clone(),
                    by_name: n.by_name.clone(),
                    label: n.label.clone(),
                    link: match &n.url {
                        Some(url) => Link::External(url.clone()),
                        None => r.link.clone(),
                    },
                })
                .collect(),
        }
    }

    /// The groups of list `g` the brief is in: its topics, or its one kind.
    /// The one rule of group membership: assembly, the quick path's group
    /// moves and renumbering all read it.
    pub(crate) fn groups(&self, g: Grouping) -> &[usize] {
        match g {
            Grouping::Topics => &self.topics,
            Grouping::Kinds => std::slice::from_ref(&self.kind),
        }
    }

    /// [`Brief::groups`], to renumber.
    pub(crate) fn groups_mut(&mut self, g: Grouping) -> &mut [usize] {
        match g {
            Grouping::Topics => &mut self.topics,
            Grouping::Kinds => std::slice::from_mut(&mut self.kind),
        }
    }

    /// Every expert the brief names, in order: authors, quoted experts,
    /// authors of related pieces (an expert may come more than once).
    pub(crate) fn experts(&self) -> impl Iterator<Item = ExpertId> + '_ {
        self.authors
            .iter()
            .chain(self.responses.iter().map(|r| &r.expert))
            .chain(self.related.iter().flat_map(|r| &r.by))
            .copied()
    }

    /// The later of `date` and `updated`.
    pub(crate) fn last_modified(&self) -> Moment {
        self.updated.unwrap_or(self.date).max(self.date)
    }
}

/// A quote in a brief's "Expert Response" section.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) expert: ExpertId,
    pub(crate) quote: Text,
}

/// A "Background and Analysis" entry.
#[derive(Debug)]
pub(crate) struct Related {
    pub(crate) title: Text,
    pub(crate) by: Vec<ExpertId>,
    pub(crate) by_name: Arc<[String]>,
    /// Where the piece appeared, as written (`label:`).
    pub(crate) label: Option<Text>,
    pub(crate) link: Link,
}

impl Related {
    /// Whether the title ends in its own punctuation (then no comma follows
    /// it before the attribution: “Is It War?” by …).
    pub(crate) fn title_ends_in_punctuation(&self) -> bool {
        self.title.ends_with(['?', '!', '.', '…'])
    }
}

/// Where a related piece lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Link {
    /// Not online, or not given.
    None,
    External(Text),
    Brief(BriefId),
}

/// One quote an expert gave: the brief and the index of the response in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteRef {
    pub(crate) brief: BriefId,
    pub(crate) response: usize,
}

/// A related piece an expert wrote: the brief citing it and the entry's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RelatedRef {
    pub(crate) brief: BriefId,
    pub(crate) related: usize,
}

/// An expert and everything they contributed.
#[derive(Debug)]
pub(crate) struct Expert {
    /// The expert's file as written: name, honorific, role, program,
    /// photo, links, bio… (read through `Deref`: `expert.name`). A key
    /// added to an expert's front matter reaches the model with no copy.
    pub(crate) profile: ParsedExpert,
    /// Briefs this expert wrote, newest first.
    pub(crate) authored: Vec<BriefId>,
    /// Quotes this expert gave, newest brief first.
    pub(crate) quoted: Vec<QuoteRef>,
    /// Related pieces this expert wrote, newest citing brief first.
    pub(crate) related: Vec<RelatedRef>,
    /// Briefs the expert wrote or is quoted in, newest first (the expert feed).
    pub(crate) appears_in: Vec<BriefId>,
}

impl std::ops::Deref for Expert {
    type Target = ParsedExpert;

    fn deref(&self) -> &ParsedExpert {
        &self.profile
    }
}

/// A named group of briefs: a topic, or a kind ("Flash Brief").
#[derive(Debug)]
pub(crate) struct Group {
    /// The first spelling seen (in listing order).
    pub(crate) name: String,
    pub(crate) slug: String,
    /// Its briefs, newest first.
    pub(crate) briefs: Vec<BriefId>,
}

/// A topic and its briefs.
pub(crate) type Topic = Group;
/// A kind of brief and its briefs.
pub(crate) type Kind = Group;

/// A plain page: kept as parsed, since the model adds nothing to it.
pub(crate) type Page = crate::parse::ParsedPage;

/// Site paths (relative to the site root, ending in `/`) of every kind of page.
/// (Joined with `concat`, which allocates once: `format!` grows its string
/// piece by piece, and these run for every link of every page.)
pub(crate) mod paths {
    /// `briefs/<slug>/`
    pub(crate) fn brief(slug: &str) -> String {
        ["briefs/", slug, "/"].concat()
    }
    /// `experts/<id>/`
    pub(crate) fn expert(id: &str) -> String {
        ["experts/", id, "/"].concat()
    }
    /// `topics/<slug>/`
    pub(crate) fn topic(slug: &str) -> String {
        ["topics/", slug, "/"].concat()
    }
    /// `kinds/<slug>/`
    pub(crate) fn kind(slug: &str) -> String {
        ["kinds/", slug, "/"].concat()
    }
    /// Page `n` (1-based) of a listing rooted at `base` (`""` for the home page).
    pub(crate) fn listing_page(base: &str, n: usize) -> String {
        if n <= 1 {
            base.to_string()
        } else {
            format!("{base}page/{n}/")
        }
    }
    /// First path segments that belong to generated pages, refused for plain pages.
    pub(crate) const RESERVED: &[&str] = &[
        "briefs",
        "experts",
        "topics",
        "kinds",
        "page",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "static",
        "style.css",
        "search",
        "pagefind",
    ];
}

impl Site {
    /// `briefs/<slug>/` for a brief.
    pub(crate) fn brief_path(&self, id: BriefId) -> String {
        paths::brief(&self.briefs[id].slug)
    }

    /// A related piece's link (root-relative for this site's briefs and
    /// paths, as written for other URLs) and, for one of this site's briefs,
    /// that brief's kind.
    pub(crate) fn related_target(&self, r: &Related) -> (Option<String>, Option<&str>) {
        match &r.link {
            Link::None => (None, None),
            Link::External(u) => (Some(self.config.local_url(u)), None),
            Link::Brief(target) => {
                let t = &self.briefs[*target];
                (
                    Some(self.config.url(&paths::brief(&t.slug))),
                    Some(self.kinds[t.kind].name.as_str()),
                )
            }
        }
    }

    /// The absolute URL of a brief's image or PDF.
    pub(crate) fn asset_url(&self, a: &crate::parse::media::Asset) -> String {
        match &a.location {
            crate::parse::media::Location::Site { path, .. } => self.config.permalink(path),
            crate::parse::media::Location::Url(u) => u.clone(),
        }
    }

    /// The display name with honorific: "RADM (Ret.) Mark Montgomery".
    pub(crate) fn expert_full_name(&self, id: ExpertId) -> String {
        let e = &self.experts[id];
        if e.honorific.is_empty() {
            e.name.clone()
        } else {
            format!("{} {}", e.honorific, e.name)
        }
    }
}
