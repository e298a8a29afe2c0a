//! "More on this topic": for one brief, up to [`MORE`] other briefs that
//! share its experts or topics. Deterministic and cheap on large sites:
//! only the briefs nearest in listing order in each shared list are
//! weighed (a shared expert counts twice a shared topic); ties go to the
//! brief nearest in time, then the newer.

use super::{BriefId, Site};

/// The most briefs shown under "More on this topic".
pub(crate) const MORE: usize = 4;

/// How many briefs on each side of a brief, in each list it is in, are weighed.
const WINDOW: usize = 12;

/// The briefs to show as "More on this topic" on brief `id`'s page, best first.
pub(crate) fn more_on_topic(site: &Site, id: BriefId) -> Vec<BriefId> {
    let mut weighed: Vec<(BriefId, u32)> = Vec::with_capacity(16 * WINDOW);
    candidates(site, id, &mut weighed);
    let mut scores: rustc_hash::FxHashMap<BriefId, u32> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(weighed.len(), Default::default());
    for (b, w) in weighed {
        *scores.entry(b).or_default() += w;
    }
    // The best MORE by (score, nearness, id), kept sorted: no full sort.
    let rank = |b: BriefId, score: u32| (std::cmp::Reverse(score), b.abs_diff(id), b);
    let mut best: Vec<(BriefId, u32)> = Vec::with_capacity(MORE + 1);
    for (b, score) in scores {
        if best.len() == MORE && rank(b, score) >= rank(best[MORE - 1].0, best[MORE - 1].1) {
            continue;
        }
        let at = best.partition_point(|&(c, s)| rank(c, s) < rank(b, score));
        best.insert(at, (b, score));
        best.truncate(MORE);
    }
    best.into_iter().map(|(b, _)| b).collect()
}

/// The briefs near `id` in each of its topics (weight 1) and each list of
/// an expert who wrote it or is quoted in it (weight 2), once per list.
fn candidates(site: &Site, id: BriefId, weighed: &mut Vec<(BriefId, u32)>) {
    let b = &site.briefs[id];
    for &t in &b.topics {
        near(&site.topics[t].briefs, id, 1, weighed);
    }
    let mut experts: Vec<usize> = b
        .authors
        .iter()
        .chain(b.responses.iter().map(|r| &r.expert))
        .copied()
        .collect();
    experts.sort_unstable();
    experts.dedup();
    for e in experts {
        near(&site.experts[e].appears_in, id, 2, weighed);
    }
}

/// Every brief weighed for brief `id`: those near it in its lists. As
/// nearness is mutual, these are also the briefs that may show `id`.
pub(crate) fn weighed(site: &Site, id: BriefId) -> Vec<BriefId> {
    let mut out = Vec::new();
    candidates(site, id, &mut out);
    out.into_iter().map(|(b, _)| b).collect()
}

/// Adds the briefs within [`WINDOW`] of `id` in `list` (sorted ids), but
/// not `id` itself, with `weight`.
fn near(list: &[BriefId], id: BriefId, weight: u32, out: &mut Vec<(BriefId, u32)>) {
    let at = list.binary_search(&id).unwrap_or_else(|at| at);
    let from = at.saturating_sub(WINDOW);
    let to = (at + WINDOW + 1).min(list.len());
    out.extend(
        list[from..to]
            .iter()
            .filter(|&&b| b != id)
            .map(|&b| (b, weight)),
    );
}

#[cfg(test)]
mod tests {
    use super::near;

    #[test]
    fn window_is_symmetric_and_skips_self() {
        let list: Vec<usize> = (0..100).collect();
        let mut out = Vec::new();
        near(&list, 50, 1, &mut out);
        assert_eq!(out.len(), 24);
        assert!(out.iter().all(|&(b, _)| b != 50 && b.abs_diff(50) <= 12));
        out.clear();
        near(&list, 0, 2, &mut out);
        assert_eq!(out.first(), Some(&(1, 2)));
        assert_eq!(out.len(), 12);
    }
}
