//! Topics and kinds coming and going in an assembled [`Site`]: a spelling
//! no brief used before names an existing group (same slug) or a new one,
//! put in its place among the groups ordered by slug; a group left without
//! briefs is taken out. Group ids after the place shift by one in every
//! brief and spelling, as a full assembly would number them.

use super::{Group, Site, paths};
use crate::parse::ParsedBrief;
use rustc_hash::FxHashMap;

/// One of a site's two lists of groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    Topics,
    Kinds,
}

impl Grouping {
    /// Both lists, topics first.
    pub(crate) const BOTH: [Grouping; 2] = [Grouping::Topics, Grouping::Kinds];

    /// The site path of a group of this list with this slug
    /// (`topics/<slug>/`, `kinds/<slug>/`).
    pub(crate) fn path(self, slug: &str) -> String {
        match self {
            Grouping::Topics => paths::topic(slug),
            Grouping::Kinds => paths::kind(slug),
        }
    }
}

/// How a brief's file names its groups of list `g`: its topics' names as
/// written, or its kind's.
pub(crate) fn written_names(p: &ParsedBrief, g: Grouping) -> impl Iterator<Item = &str> {
    let (topics, kind) = match g {
        Grouping::Topics => (&p.topics[..], None),
        Grouping::Kinds => (&[][..], Some(p.kind.as_str())),
    };
    topics.iter().map(|t| t.id.as_str()).chain(kind)
}

impl Site {
    /// Group `id` of list `g`.
    pub(crate) fn group(&self, g: Grouping, id: usize) -> &Group {
        &self.grouping(g).0[id]
    }

    /// The groups of one list, and the written names naming them.
    pub(crate) fn grouping(&self, g: Grouping) -> (&[Group], &FxHashMap<String, usize>) {
        match g {
            Grouping::Topics => (&self.topics, &self.written_names.topics),
            Grouping::Kinds => (&self.kinds, &self.written_names.kinds),
        }
    }

    /// [`Site::grouping`], to change.
    fn grouping_mut(&mut self, g: Grouping) -> (&mut Vec<Group>, &mut FxHashMap<String, usize>) {
        match g {
            Grouping::Topics => (&mut self.topics, &mut self.written_names.topics),
            Grouping::Kinds => (&mut self.kinds, &mut self.written_names.kinds),
        }
    }

    /// Makes `written` name a group: an existing one with its slug, or a
    /// new, empty one named so. Returns the new group's id.
    pub(crate) fn add_written_name(&mut self, g: Grouping, written: &str) -> Option<usize> {
        if self.grouping(g).1.contains_key(written) {
            return None;
        }
        let slug = slug::slugify(written);
        let (groups, names) = self.grouping_mut(g);
        let at = match groups.binary_search_by(|x| x.slug.as_str().cmp(&slug)) {
            Ok(found) => {
                names.insert(written.to_string(), found);
                return None;
            }
            Err(at) => at,
        };
        groups.insert(
            at,
            Group {
                name: written.to_string(),
                slug,
                briefs: Vec::new(),
            },
        );
        names.values_mut().for_each(|v| *v += usize::from(*v >= at));
        names.insert(written.to_string(), at);
        self.renumber_groups(g, |v| v + usize::from(v >= at));
        Some(at)
    }

    /// Takes out group `id`, which no brief is in any more.
    pub(crate) fn remove_group(&mut self, g: Grouping, id: usize) {
        let (groups, names) = self.grouping_mut(g);
        groups.remove(id);
        names.retain(|_, v| *v != id);
        names.values_mut().for_each(|v| *v -= usize::from(*v > id));
        self.renumber_groups(g, |v| v - usize::from(v > id));
    }

    /// Applies `f` to every brief's group ids of one list.
    fn renumber_groups(&mut self, g: Grouping, f: impl Fn(usize) -> usize) {
        for b in &mut self.briefs {
            b.groups_mut(g).iter_mut().for_each(|id| *id = f(*id));
        }
    }
}
