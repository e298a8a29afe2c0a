//! Brief ids when one brief moves in the listing order: the briefs
//! between its old and new place shift by one, in every list and link of
//! the site (plain integer work over contiguous lists).

use super::{Brief, BriefId, Link, Site};

/// Brief ids when the brief at `from` moves to `to`: those between shift by one.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Renumber {
    pub(crate) from: BriefId,
    pub(crate) to: BriefId,
}

impl Renumber {
    /// The new id of brief `b`.
    pub(crate) fn id(self, b: BriefId) -> BriefId {
        let Renumber { from, to } = self;
        if b == from {
            to
        } else if from < to && b > from && b <= to {
            b - 1
        } else if to < from && b >= to && b < from {
            b + 1
        } else {
            b
        }
    }

    /// Whether any id changes.
    pub(crate) fn moves(self) -> bool {
        self.from != self.to
    }

    /// Applies the same move to a list indexed by brief id.
    pub(crate) fn reorder<T>(self, list: &mut [T]) {
        let Renumber { from, to } = self;
        if from < to {
            list[from..=to].rotate_left(1);
        } else if to < from {
            list[to..=from].rotate_right(1);
        }
    }
}

/// Renumbers every brief id in the site's lists and links but the moved
/// brief's own entries, which the caller has taken out or replaces.
pub(super) fn renumber_everything(site: &mut Site, renumber: Renumber) {
    for g in site.topics.iter_mut().chain(site.kinds.iter_mut()) {
        for b in &mut g.briefs {
            *b = renumber.id(*b);
        }
    }
    for x in &mut site.experts {
        x.authored.iter_mut().for_each(|b| *b = renumber.id(*b));
        x.appears_in.iter_mut().for_each(|b| *b = renumber.id(*b));
        x.quoted
            .iter_mut()
            .for_each(|q| q.brief = renumber.id(q.brief));
        x.related
            .iter_mut()
            .for_each(|r| r.brief = renumber.id(r.brief));
    }
    for b in &mut site.briefs {
        renumber_links(b, renumber);
    }
}

/// Renumbers the briefs `b` links to.
pub(super) fn renumber_links(b: &mut Brief, renumber: Renumber) {
    for r in &mut b.related {
        if let Link::Brief(t) = &mut r.link {
            *t = renumber.id(*t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumber_shifts_the_briefs_between_the_two_places() {
        // (from, to, ids 0..6 become)
        let cases: &[(BriefId, BriefId, [BriefId; 6])] = &[
            (2, 2, [0, 1, 2, 3, 4, 5]),
            (1, 4, [0, 4, 1, 2, 3, 5]),
            (4, 1, [0, 2, 3, 4, 1, 5]),
            (0, 5, [5, 0, 1, 2, 3, 4]),
            // A new brief comes in from just past the end.
            (6, 0, [1, 2, 3, 4, 5, 6]),
        ];
        for &(from, to, expected) in cases {
            let renumber = Renumber { from, to };
            let got: Vec<BriefId> = (0..6).map(|b| renumber.id(b)).collect();
            assert_eq!(got, expected, "{from} -> {to}");
            assert_eq!(renumber.moves(), from != to);
        }
    }

    #[test]
    fn reorder_moves_a_list_by_brief_id_the_same_way() {
        let cases: &[(BriefId, BriefId, &str)] = &[
            (2, 2, "abcdef"),
            (1, 4, "acdebf"),
            (4, 1, "aebcdf"),
            (5, 0, "fabcde"),
        ];
        for &(from, to, expected) in cases {
            let mut list: Vec<char> = "abcdef".chars().collect();
            let renumber = Renumber { from, to };
            renumber.reorder(&mut list);
            assert_eq!(list.iter().collect::<String>(), expected, "{from} -> {to}");
            // Each item sits at the new id of its old place.
            for (old, c) in "abcdef".chars().enumerate() {
                assert_eq!(list[renumber.id(old)], c);
            }
        }
    }
}
