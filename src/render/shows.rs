//! What each page shows of the model: the one declaration both rebuild
//! paths read. The full path fingerprints a page from it
//! (`incremental/fingerprint.rs`: a page is rendered again when anything it
//! shows changed); the quick path finds the pages showing an edited brief by
//! it (`incremental/quick/renders.rs`). A new kind of page says here what it
//! shows, and both paths follow. Feeds declare theirs in
//! [`Spec::briefs`](super::feeds::Spec::briefs).

use super::pages::{Job, Listing};
use crate::model::{BriefId, ExpertId, Grouping, Site};
use std::ops::Range;

/// What one page shows of the model.
#[derive(Default)]
pub(crate) struct Shows<'s> {
    /// The briefs the page shows, each as much as its page does at most
    /// (title, dates, summary, experts, groups, related pieces).
    pub(crate) briefs: Briefs<'s>,
    /// The brief whose "More on this topic" list the page shows (titles,
    /// kinds, dates of the briefs in it).
    pub(crate) more_of: Option<BriefId>,
    /// The group the page lists: its name and slug.
    pub(crate) group: Option<(Grouping, usize)>,
    /// How long the list is that the page is one page of (its page count
    /// and total follow).
    pub(crate) list_len: Option<usize>,
    /// The expert cards the page shows (name, role, photo, counts).
    pub(crate) cards: Cards,
    /// Every topic and kind with its number of briefs.
    pub(crate) group_counts: bool,
    /// A plain page: its own file.
    pub(crate) page: Option<usize>,
}

/// The briefs a page shows.
#[derive(Default)]
pub(crate) enum Briefs<'s> {
    /// None.
    #[default]
    None,
    /// One brief: its own page.
    One(BriefId),
    /// A run of the site's list, newest first (a home page).
    Run(Range<BriefId>),
    /// A run of a group's list (a topic or kind page).
    Slice(&'s [BriefId]),
    /// What an expert wrote, was quoted in, or wrote a piece cited by.
    Expert(ExpertId),
}

/// The expert cards a page shows.
#[derive(Default, Clone, Copy)]
pub(crate) enum Cards {
    /// None.
    #[default]
    None,
    /// One expert's (their own page).
    One(ExpertId),
    /// Every expert's (the experts index).
    All,
}

impl Briefs<'_> {
    /// Every brief shown, in the page's order.
    pub(crate) fn each(&self, site: &Site, mut f: impl FnMut(BriefId)) {
        match self {
            Briefs::None => {}
            Briefs::One(b) => f(*b),
            Briefs::Run(range) => range.clone().for_each(f),
            Briefs::Slice(ids) => ids.iter().copied().for_each(f),
            Briefs::Expert(e) => {
                let x = &site.experts[*e];
                (x.authored.iter().copied())
                    .chain(x.quoted.iter().map(|q| q.brief))
                    .chain(x.related.iter().map(|r| r.brief))
                    .for_each(f);
            }
        }
    }

    /// Whether `wanted` holds a brief shown.
    pub(crate) fn any(&self, site: &Site, wanted: impl Fn(BriefId) -> bool) -> bool {
        let mut found = false;
        self.each(site, |b| found = found || wanted(b));
        found
    }
}

impl Job {
    /// What the page shows of the model.
    pub(crate) fn shows<'s>(&self, site: &'s Site) -> Shows<'s> {
        match *self {
            Job::Brief(b) => Shows {
                briefs: Briefs::One(b),
                more_of: Some(b),
                ..Shows::default()
            },
            // A citation file shows what the brief's page shows of it.
            Job::Cite(b, _) => Shows {
                briefs: Briefs::One(b),
                ..Shows::default()
            },
            Job::Listing(listing, n) => listing_shows(site, listing, n),
            Job::ExpertIndex => Shows {
                cards: Cards::All,
                ..Shows::default()
            },
            Job::Expert(e) => Shows {
                briefs: Briefs::Expert(e),
                cards: Cards::One(e),
                ..Shows::default()
            },
            Job::TopicIndex => Shows {
                group_counts: true,
                ..Shows::default()
            },
            Job::Page(p) => Shows {
                page: Some(p),
                ..Shows::default()
            },
            Job::NotFound => Shows::default(),
        }
    }
}

/// Page `n` of a listing: its run of the list, the list's length and group.
fn listing_shows(site: &Site, listing: Listing, n: usize) -> Shows<'_> {
    let per = site.config.paginate;
    let (briefs, list_len) = match listing {
        Listing::Home => {
            let len = site.briefs.len();
            (
                Briefs::Run(((n - 1) * per).min(len)..(n * per).min(len)),
                len,
            )
        }
        Listing::Topic(_) | Listing::Kind(_) => {
            let all = listing.briefs(site);
            let run = &all[((n - 1) * per).min(all.len())..(n * per).min(all.len())];
            (Briefs::Slice(run), all.len())
        }
    };
    Shows {
        briefs,
        group: listing.grouping(),
        list_len: Some(list_len),
        ..Shows::default()
    }
}
