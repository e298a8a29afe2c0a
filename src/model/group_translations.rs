//! Which topic and kind pages are one page in several languages. A group
//! of one language is the translation of a group of an earlier language
//! (the default language first, then site.yaml order) with the same slug;
//! each language's default kind (the theme's `default_kind`: "Brief",
//! "موجز") is the others'; failing that, a group is the translation of
//! the group that briefs which are translations of each
//! other name in the same place (`topics: [Middle East, Russia]` and
//! `topics: [الشرق الأوسط, روسيا]`; a brief's one kind) most often, when
//! that group is in turn the one most often named opposite it. Takes the
//! assembled sites and their brief keys; adds to each language's keys its
//! topic and kind pages (`topics/<slug>/` → its counterpart's key, else
//! its own, `en:topics/russia/`).

use super::translations::Keys;
use super::{BriefId, Grouping, Site, paths};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Adds the keys of every language's topic and kind pages to `keys`.
pub(crate) fn add(sites: &[Site], keys: &mut [Keys]) {
    let briefs: Vec<HashMap<&str, BriefId>> = sites
        .iter()
        .zip(keys.iter())
        .map(|(site, keys)| briefs_by_key(site, keys))
        .collect();
    let mut added: Vec<Vec<(String, String)>> = vec![Vec::new(); sites.len()];
    for g in Grouping::BOTH {
        for (lang, group_keys) in group_keys(sites, &briefs, g).into_iter().enumerate() {
            let site = &sites[lang];
            let paths = site.grouping(g).0.iter().map(|x| g.path(&x.slug));
            added[lang].extend(paths.zip(group_keys));
        }
    }
    for (keys, added) in keys.iter_mut().zip(added) {
        keys.extend(added);
    }
}

/// Each published brief of `site` by its translation key.
fn briefs_by_key<'k>(site: &Site, keys: &'k Keys) -> HashMap<&'k str, BriefId> {
    (site.briefs.iter().enumerate())
        .filter_map(|(id, b)| Some((keys.get(&paths::brief(&b.slug))?.as_str(), id)))
        .collect()
}

/// The key of every group of list `g`, per language, by group id.
fn group_keys(sites: &[Site], briefs: &[HashMap<&str, BriefId>], g: Grouping) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(sites.len());
    for (b, site) in sites.iter().enumerate() {
        let tag = &site.config.language;
        let groups = site.grouping(g).0;
        let mut keys: Vec<String> = (groups.iter())
            .map(|x| format!("{tag}:{}", g.path(&x.slug)))
            .collect();
        let mut matched = vec![false; groups.len()];
        let mut taken: HashSet<String> = HashSet::default();
        for a in 0..b {
            let pairs = pairs(&briefs[a], &briefs[b]);
            for (id, found) in counterparts(&sites[a], site, g, &pairs)
                .into_iter()
                .enumerate()
            {
                let Some(other) = found.filter(|_| !matched[id]) else {
                    continue;
                };
                let key = &out[a][other];
                if taken.insert(key.clone()) {
                    keys[id] = key.clone();
                    matched[id] = true;
                }
            }
        }
        out.push(keys);
    }
    out
}

/// `(brief in a, its translation in b)` for every brief translated
/// between the two languages.
fn pairs(a: &HashMap<&str, BriefId>, b: &HashMap<&str, BriefId>) -> Vec<(BriefId, BriefId)> {
    b.iter()
        .filter_map(|(key, &in_b)| Some((*a.get(key)?, in_b)))
        .collect()
}

/// For each group of list `g` of site `b`, its counterpart in site `a`:
/// the group with its slug, else the mutual best by votes of `pairs`.
fn counterparts(
    a: &Site,
    b: &Site,
    g: Grouping,
    pairs: &[(BriefId, BriefId)],
) -> Vec<Option<usize>> {
    let (groups_a, groups_b) = (a.grouping(g).0, b.grouping(g).0);
    let slug_of_a: HashMap<&str, usize> = (groups_a.iter().enumerate())
        .map(|(id, x)| (x.slug.as_str(), id))
        .collect();
    let mut out: Vec<Option<usize>> = (groups_b.iter())
        .map(|x| slug_of_a.get(x.slug.as_str()).copied())
        .collect();
    if g == Grouping::Kinds {
        if let (Some(x), Some(y)) = (default_kind(a), default_kind(b)) {
            if out[y].is_none() && !out.contains(&Some(x)) {
                out[y] = Some(x);
            }
        }
    }
    let by_slug: HashSet<usize> = out.iter().flatten().copied().collect();
    let mut votes: HashMap<(usize, usize), u32> = HashMap::default();
    for &(in_a, in_b) in pairs {
        let (ga, gb) = (a.briefs[in_a].groups(g), b.briefs[in_b].groups(g));
        if ga.len() != gb.len() {
            continue;
        }
        let open = |(x, y): (&usize, &usize)| out[*y].is_none() && !by_slug.contains(x);
        for (&x, &y) in ga.iter().zip(gb).filter(|&p| open(p)) {
            *votes.entry((x, y)).or_default() += 1;
        }
    }
    let best_for_b = best(votes.iter().map(|(&(x, y), &n)| (y, x, n)));
    let best_for_a = best(votes.iter().map(|(&(x, y), &n)| (x, y, n)));
    for (y, x) in best_for_b {
        if best_for_a.get(&x) == Some(&y) {
            out[y] = Some(x);
        }
    }
    out
}

/// The kind of `site` that its briefs naming no kind are in, if any is.
fn default_kind(site: &Site) -> Option<usize> {
    let c = &site.config;
    site.written_names
        .kinds
        .get(c.default_kind(&c.language))
        .copied()
}

/// For each `from`, the `to` with the most votes (the smaller id on a tie).
fn best(votes: impl Iterator<Item = (usize, usize, u32)>) -> HashMap<usize, usize> {
    let mut top: HashMap<usize, (u32, usize)> = HashMap::default();
    for (from, to, n) in votes {
        let e = top.entry(from).or_insert((n, to));
        if n > e.0 || (n == e.0 && to < e.1) {
            *e = (n, to);
        }
    }
    top.into_iter().map(|(from, (_, to))| (from, to)).collect()
}

#[cfg(test)]
mod tests {
    use super::best;

    /// `(from, to, votes)` cast, and the `(from, to)` chosen.
    type Case = (&'static [(usize, usize, u32)], &'static [(usize, usize)]);

    #[test]
    fn best_takes_the_most_votes_then_the_smaller_id() {
        let cases: &[Case] = &[
            (&[(0, 3, 1), (0, 2, 2)], &[(0, 2)]),
            (&[(0, 3, 2), (0, 1, 2)], &[(0, 1)]),
            (&[(0, 1, 1), (1, 0, 4)], &[(0, 1), (1, 0)]),
            (&[], &[]),
        ];
        for (votes, want) in cases {
            let got = best(votes.iter().copied());
            let mut got: Vec<(usize, usize)> = got.into_iter().collect();
            got.sort();
            assert_eq!(got, *want, "{votes:?}");
        }
    }
}
