//! Which feeds a site has ([`Spec`]: a [`Scope`] and a [`Format`]), where
//! each is written, and which briefs it lists — declared once, for the
//! renderer and both rebuild paths ([`Spec::shows`]).

use crate::model::{BriefId, ExpertId, Grouping, Site, paths};
use crate::render::shows::{Briefs, Cards, Shows};

/// A feed's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Rss,
    Atom,
    Json,
}

/// Which briefs a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Site,
    Expert(ExpertId),
    /// A topic's or a kind's.
    Group(Grouping, usize),
}

/// One feed file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spec {
    pub(crate) scope: Scope,
    pub(crate) format: Format,
}

impl Spec {
    /// Every feed of the site, in a stable order.
    pub(crate) fn all(site: &Site) -> Vec<Spec> {
        specs(site)
    }

    /// The output path of this feed.
    pub(crate) fn path(&self, site: &Site) -> String {
        path(site, self)
    }

    /// What the feed shows of the model: the one declaration both rebuild
    /// paths read (see [`crate::render::shows`]).
    pub(crate) fn shows<'s>(&self, site: &'s Site) -> Shows<'s> {
        Shows {
            briefs: listed(site, self.scope),
            group: match self.scope {
                Scope::Group(g, id) => Some((g, id)),
                Scope::Site | Scope::Expert(_) => None,
            },
            cards: match self.scope {
                Scope::Expert(e) => Cards::One(e),
                Scope::Site | Scope::Group(..) => Cards::None,
            },
            ..Shows::default()
        }
    }
}

/// Every feed of the site, in a stable order.
fn specs(site: &Site) -> Vec<Spec> {
    let rss = |scope| Spec {
        scope,
        format: Format::Rss,
    };
    let mut specs: Vec<Spec> = [Format::Rss, Format::Atom, Format::Json]
        .into_iter()
        .map(|format| Spec {
            scope: Scope::Site,
            format,
        })
        .collect();
    specs.extend((0..site.experts.len()).map(|e| rss(Scope::Expert(e))));
    for g in [Grouping::Topics, Grouping::Kinds] {
        let groups = site.grouping(g).0.len();
        specs.extend((0..groups).map(|id| rss(Scope::Group(g, id))));
    }
    specs
}

impl Scope {
    /// The site path of the scope's HTML page (`""` for the home page).
    pub(crate) fn page_path(self, site: &Site) -> String {
        match self {
            Scope::Site => String::new(),
            Scope::Expert(e) => paths::expert(&site.experts[e].id),
            Scope::Group(g, id) => g.path(&site.group(g, id).slug),
        }
    }
}

/// The output path of a feed.
fn path(site: &Site, spec: &Spec) -> String {
    let file = match spec.format {
        Format::Rss => "feed.xml",
        Format::Atom => "atom.xml",
        Format::Json => "feed.json",
    };
    format!("{}{file}", spec.scope.page_path(site))
}

/// The briefs of a scope, newest first, at most `feed.limit`.
pub(super) fn brief_ids(site: &Site, scope: Scope) -> Vec<BriefId> {
    let mut ids = Vec::new();
    listed(site, scope).each(site, |b| ids.push(b));
    ids
}

/// What a feed of `scope` lists, as [`Shows`] says it.
fn listed(site: &Site, scope: Scope) -> Briefs<'_> {
    let limit = site.config.feed.limit;
    let ids: &[BriefId] = match scope {
        Scope::Site => return Briefs::Run(0..site.briefs.len().min(limit)),
        Scope::Expert(e) => &site.experts[e].appears_in,
        Scope::Group(g, id) => &site.group(g, id).briefs,
    };
    Briefs::Slice(&ids[..ids.len().min(limit)])
}
