//! The one rule for the reverse indexes of an assembled [`Site`](super::Site): what a
//! brief puts in its experts' lists (authored, quoted, related pieces,
//! appears in), its topics' and its kind's lists, and the briefs it cites.
//! A full assembly joins every brief in listing order ([`join_groups`],
//! [`join_experts`]); the quick path takes one brief out ([`leave_experts`])
//! and puts it in again at its place. Every list is ordered by brief id.

use rustc_hash::FxHashMap;

use super::{Brief, BriefId, Expert, ExpertId, Grouping, Kind, Link, QuoteRef, RelatedRef, Topic};

/// One entry a brief puts in an expert's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// The expert wrote the brief.
    Authored(ExpertId),
    /// The expert wrote it or is quoted in it (the expert feed).
    AppearsIn(ExpertId),
    Quoted(ExpertId, QuoteRef),
    /// The expert wrote a piece the brief cites.
    Related(ExpertId, RelatedRef),
}

/// Every entry brief `b` (id `id`) puts in its experts' lists, in the
/// order each list holds them.
pub(crate) fn entries(b: &Brief, id: BriefId) -> impl Iterator<Item = Entry> + '_ {
    let authors = (b.authors.iter()).flat_map(|&e| [Entry::Authored(e), Entry::AppearsIn(e)]);
    let quoted = (b.responses.iter().enumerate()).flat_map(move |(response, r)| {
        let quote = QuoteRef {
            brief: id,
            response,
        };
        [Entry::Quoted(r.expert, quote), Entry::AppearsIn(r.expert)]
    });
    let related = (b.related.iter().enumerate()).flat_map(move |(related, r)| {
        let entry = RelatedRef { brief: id, related };
        r.by.iter().map(move |&e| Entry::Related(e, entry))
    });
    authors.chain(quoted).chain(related)
}

/// Puts brief `b` (id `id`) into the lists of every expert it names,
/// after any entries for it there (a full assembly appends; the quick
/// path has taken the brief out first, see [`leave_experts`]).
pub(crate) fn join_experts(experts: &mut [Expert], b: &Brief, id: BriefId) {
    for entry in entries(b, id) {
        match entry {
            Entry::Authored(e) => insert_once(&mut experts[e].authored, id),
            Entry::AppearsIn(e) => insert_once(&mut experts[e].appears_in, id),
            Entry::Quoted(e, q) => insert_last(&mut experts[e].quoted, |q| q.brief, q),
            Entry::Related(e, r) => insert_last(&mut experts[e].related, |r| r.brief, r),
        }
    }
}

/// Inserts `id` into a sorted list of ids unless it holds it already.
fn insert_once(list: &mut Vec<BriefId>, id: BriefId) {
    let at = list.partition_point(|&b| b <= id);
    if at == 0 || list[at - 1] != id {
        list.insert(at, id);
    }
}

/// Inserts `item` after every entry of its brief or an earlier one.
fn insert_last<T>(list: &mut Vec<T>, brief: impl Fn(&T) -> BriefId, item: T) {
    let id = brief(&item);
    let at = list.partition_point(|x| brief(x) <= id);
    list.insert(at, item);
}

/// Takes brief `id` out of the lists of experts `named`.
pub(crate) fn leave_experts(experts: &mut [Expert], named: &[ExpertId], id: BriefId) {
    for &e in named {
        let x = &mut experts[e];
        splice(&mut x.authored, |&b| b, id, []);
        splice(&mut x.appears_in, |&b| b, id, []);
        splice(&mut x.quoted, |q| q.brief, id, []);
        splice(&mut x.related, |r| r.brief, id, []);
    }
}

/// Appends brief `b` (id `id`, past every brief listed so far) to its
/// topics' and its kind's lists.
pub(crate) fn join_groups(topics: &mut [Topic], kinds: &mut [Kind], b: &Brief, id: BriefId) {
    for (g, groups) in [(Grouping::Topics, topics), (Grouping::Kinds, kinds)] {
        for &group in b.groups(g) {
            groups[group].briefs.push(id);
        }
    }
}

/// The briefs `b` cites as related pieces, in order.
pub(crate) fn citations(b: &Brief) -> impl Iterator<Item = BriefId> + '_ {
    b.related.iter().filter_map(|r| match r.link {
        Link::Brief(target) => Some(target),
        _ => None,
    })
}

/// The briefs citing each brief (as a related piece), in order.
pub(crate) fn cited_by(briefs: &[Brief]) -> FxHashMap<BriefId, Vec<BriefId>> {
    let mut cited_by: FxHashMap<BriefId, Vec<BriefId>> = FxHashMap::default();
    for (id, b) in briefs.iter().enumerate() {
        for target in citations(b) {
            cited_by.entry(target).or_default().push(id);
        }
    }
    cited_by
}

/// Replaces the entries of brief `id` in a list ordered by brief.
pub(crate) fn splice<T>(
    list: &mut Vec<T>,
    brief: impl Fn(&T) -> BriefId,
    id: BriefId,
    new: impl IntoIterator<Item = T>,
) {
    let start = list.partition_point(|x| brief(x) < id);
    let end = start + list[start..].partition_point(|x| brief(x) == id);
    list.splice(start..end, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_replaces_one_briefs_entries_in_place() {
        type Case = (&'static [usize], usize, &'static [usize], &'static [usize]);
        let cases: &[Case] = &[
            // (list, id, new entries, expected)
            (&[], 3, &[3], &[3]),
            (&[1, 5], 3, &[3], &[1, 3, 5]),
            (&[1, 3, 3, 5], 3, &[], &[1, 5]),
            (&[1, 3, 5], 3, &[3, 3], &[1, 3, 3, 5]),
            (&[1, 5], 7, &[7], &[1, 5, 7]),
            (&[1, 5], 0, &[0], &[0, 1, 5]),
            (&[1, 5], 3, &[], &[1, 5]),
        ];
        for &(list, id, new, expected) in cases {
            let mut got = list.to_vec();
            splice(&mut got, |&b| b, id, new.iter().copied());
            assert_eq!(got, expected, "splice {new:?} for {id} into {list:?}");
        }
    }

    fn brief(authors: &[ExpertId], quoted: &[ExpertId], related_by: &[&[ExpertId]]) -> Brief {
        use super::super::{Related, Response};
        let text = |s: &str| -> crate::parse::Text { s.into() };
        let moment = crate::parse::Moment {
            timestamp: jiff::Timestamp::UNIX_EPOCH,
            date_only: true,
        };
        Brief {
            core: crate::parse::BriefCore {
                source: std::path::Path::new("content/briefs/x.md").into(),
                slug: text("x"),
                title: text("X"),
                date: moment,
                updated: None,
                summary: text(""),
                summary_written: false,
                body_html: text(""),
                draft: false,
                publication: Default::default(),
                extra: Default::default(),
            },
            kind: 0,
            topics: vec![],
            authors: authors.to_vec(),
            responses: (quoted.iter())
                .map(|&expert| Response {
                    expert,
                    quote: text("q"),
                })
                .collect(),
            related: (related_by.iter())
                .map(|by| Related {
                    title: text("r"),
                    by: by.to_vec(),
                    by_name: Vec::new().into(),
                    label: None,
                    link: Link::None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_brief_gives_each_expert_the_entries_a_full_assembly_makes() {
        let b = brief(&[1, 2], &[2, 3, 2], &[&[3], &[1, 3]]);
        let q = |response| QuoteRef { brief: 9, response };
        let r = |related| RelatedRef { brief: 9, related };
        use Entry::*;
        let expected = vec![
            Authored(1),
            AppearsIn(1),
            Authored(2),
            AppearsIn(2),
            Quoted(2, q(0)),
            AppearsIn(2),
            Quoted(3, q(1)),
            AppearsIn(3),
            Quoted(2, q(2)),
            AppearsIn(2),
            Related(3, r(0)),
            Related(1, r(1)),
            Related(3, r(1)),
        ];
        assert_eq!(entries(&b, 9).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn insert_once_keeps_ids_sorted_and_single() {
        let cases: &[(&[BriefId], BriefId, &[BriefId])] = &[
            (&[], 4, &[4]),
            (&[1, 5], 4, &[1, 4, 5]),
            (&[1, 4, 5], 4, &[1, 4, 5]),
            (&[1, 5], 7, &[1, 5, 7]),
        ];
        for &(list, id, expected) in cases {
            let mut got = list.to_vec();
            insert_once(&mut got, id);
            assert_eq!(got, expected, "{id} into {list:?}");
        }
    }

    #[test]
    fn insert_last_goes_after_the_entries_of_its_brief() {
        // (brief, n-th entry) pairs.
        let mut list = vec![(1, 0), (4, 0), (4, 1), (6, 0)];
        insert_last(&mut list, |x| x.0, (4, 2));
        insert_last(&mut list, |x| x.0, (0, 0));
        insert_last(&mut list, |x| x.0, (9, 0));
        let expected = [(0, 0), (1, 0), (4, 0), (4, 1), (4, 2), (6, 0), (9, 0)];
        assert_eq!(list, expected);
    }
}
