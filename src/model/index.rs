//! The one rule for the reverse indexes of an assembled [`Site`](super::Site): what a
//! brief puts in its experts' lists (authored, quoted, related pieces,
//! appears in), its topics' and its kind's lists, and the briefs it cites.
//! A full assembly joins every brief in listing order ([`join_groups`],
//! [`join_experts`]); the quick path takes one brief out ([`leave_experts`])
//! and puts it in again at its place. Every list is ordered by brief id.

use rustc_hash::FxHashMap;

use super::{Brief, BriefId, Expert, ExpertId, Kind, Link, QuoteRef, RelatedRef, Topic};

/// Expert `e`'s entries for one brief, as the indexes hold them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpertEntries {
    pub authored: Option<BriefId>,
    pub appears_in: Option<BriefId>,
    pub quoted: Vec<QuoteRef>,
    pub related: Vec<RelatedRef>,
}

/// Expert `e`'s entries for brief `b`, whose id is `id`.
pub fn expert_entries(b: &Brief, e: ExpertId, id: BriefId) -> ExpertEntries {
    let wrote = b.authors.contains(&e);
    let quoted: Vec<QuoteRef> = (b.responses.iter().enumerate())
        .filter(|(_, r)| r.expert == e)
        .map(|(response, _)| QuoteRef {
            brief: id,
            response,
        })
        .collect();
    let related: Vec<RelatedRef> = (b.related.iter().enumerate())
        .flat_map(|(i, r)| r.by.iter().filter(move |&&by| by == e).map(move |_| i))
        .map(|related| RelatedRef { brief: id, related })
        .collect();
    ExpertEntries {
        authored: wrote.then_some(id),
        appears_in: (wrote || !quoted.is_empty()).then_some(id),
        quoted,
        related,
    }
}

/// Every expert brief `b` names, once each, in id order.
pub fn experts_of(b: &Brief) -> Vec<ExpertId> {
    let mut experts: Vec<ExpertId> = b.experts().collect();
    experts.sort_unstable();
    experts.dedup();
    experts
}

/// Puts brief `b` (id `id`) into the lists of every expert it names, in
/// place of any entries for `id` there.
pub fn join_experts(experts: &mut [Expert], b: &Brief, id: BriefId) {
    for e in experts_of(b) {
        let entries = expert_entries(b, e, id);
        let x = &mut experts[e];
        splice(&mut x.authored, |&b| b, id, entries.authored);
        splice(&mut x.appears_in, |&b| b, id, entries.appears_in);
        splice(&mut x.quoted, |q| q.brief, id, entries.quoted);
        splice(&mut x.related, |r| r.brief, id, entries.related);
    }
}

/// Takes brief `id` out of the lists of experts `named`.
pub fn leave_experts(experts: &mut [Expert], named: &[ExpertId], id: BriefId) {
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
pub fn join_groups(topics: &mut [Topic], kinds: &mut [Kind], b: &Brief, id: BriefId) {
    kinds[b.kind].briefs.push(id);
    for &t in &b.topics {
        topics[t].briefs.push(id);
    }
}

/// The briefs `b` cites as related pieces, in order.
pub fn citations(b: &Brief) -> impl Iterator<Item = BriefId> + '_ {
    b.related.iter().filter_map(|r| match r.link {
        Link::Brief(target) => Some(target),
        _ => None,
    })
}

/// The briefs citing each brief (as a related piece), in order.
pub fn cited_by(briefs: &[Brief]) -> FxHashMap<BriefId, Vec<BriefId>> {
    let mut cited_by: FxHashMap<BriefId, Vec<BriefId>> = FxHashMap::default();
    for (id, b) in briefs.iter().enumerate() {
        for target in citations(b) {
            cited_by.entry(target).or_default().push(id);
        }
    }
    cited_by
}

/// Replaces the entries of brief `id` in a list ordered by brief.
pub fn splice<T>(
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
            source: std::path::Path::new("content/briefs/x.md").into(),
            slug: text("x"),
            title: text("X"),
            date: moment,
            updated: None,
            kind: 0,
            summary: text(""),
            body_html: text(""),
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
                    link: Link::None,
                })
                .collect(),
            draft: false,
            extra: Default::default(),
        }
    }

    #[test]
    fn a_brief_gives_each_expert_the_entries_a_full_assembly_makes() {
        let b = brief(&[1, 2], &[2, 3, 2], &[&[3], &[1, 3]]);
        let q = |response| QuoteRef { brief: 9, response };
        let r = |related| RelatedRef { brief: 9, related };
        let cases = [
            // (expert, authored, appears_in, quoted, related)
            (1, Some(9), Some(9), vec![], vec![r(1)]),
            (2, Some(9), Some(9), vec![q(0), q(2)], vec![]),
            (3, None, Some(9), vec![q(1)], vec![r(0), r(1)]),
            (4, None, None, vec![], vec![]),
        ];
        for (e, authored, appears_in, quoted, related) in cases {
            let expected = ExpertEntries {
                authored,
                appears_in,
                quoted,
                related,
            };
            assert_eq!(expert_entries(&b, e, 9), expected, "expert {e}");
        }
        assert_eq!(experts_of(&b), vec![1, 2, 3]);
    }
}
