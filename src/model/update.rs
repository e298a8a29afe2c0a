//! Replaces one brief of an assembled [`Site`] with a newer version of it
//! whose references changed (other experts, quotes, topics, kind, related
//! pieces, dates that keep its place): the reverse indexes it is in are
//! mended in place, so the cost does not grow with the site. What would
//! change the site beyond that is refused, and the caller assembles the
//! whole site again: another URL or place in the listing order, a topic or
//! kind gaining its first or losing its last brief or a listing page, the
//! name of a group changing, an expert gaining their first or losing their
//! last appearance (the idle-expert warning).

use super::{Brief, BriefId, ExpertId, Group, KindId, QuoteRef, RelatedRef, Site, TopicId};
use crate::parse::ParsedBrief;
use std::cmp::Ordering;

/// What moved when a brief was replaced.
#[derive(Debug, Default)]
pub struct Moved {
    /// Experts the brief names before or after.
    pub experts: Vec<ExpertId>,
    /// Topics whose brief list changed (every page of theirs shows the count).
    pub topics: Vec<TopicId>,
    /// Kinds whose brief list changed.
    pub kinds: Vec<KindId>,
    /// The kind changed: briefs citing this one show its kind.
    pub kind_changed: bool,
    /// The date of the last change moved (the sitemap shows it).
    pub last_modified_changed: bool,
}

/// Puts `newer` (resolved from `parsed`) in place of brief `id`, or refuses
/// (`None`, nothing changed) as the module says.
pub fn replace_brief(
    site: &mut Site,
    id: BriefId,
    newer: Brief,
    parsed: &ParsedBrief,
) -> Option<Moved> {
    let older = &site.briefs[id];
    let listed_before = |a: &Brief, b: &Brief| {
        b.date
            .timestamp
            .cmp(&a.date.timestamp)
            .then_with(|| a.slug.cmp(&b.slug))
    };
    let keeps_place = (id == 0 || listed_before(&site.briefs[id - 1], &newer) == Ordering::Less)
        && site
            .briefs
            .get(id + 1)
            .is_none_or(|next| listed_before(&newer, next) == Ordering::Less);
    // A topic listed twice (not side by side) puts the brief twice in its list.
    let twice = |b: &Brief| (1..b.topics.len()).any(|i| b.topics[..i].contains(&b.topics[i]));
    if newer.slug != older.slug
        || newer.draft != older.draft
        || !keeps_place
        || twice(older)
        || twice(&newer)
    {
        return None;
    }
    let per = site.config.paginate;
    let mut moved = Moved {
        kind_changed: newer.kind != older.kind,
        last_modified_changed: newer.last_modified() != older.last_modified(),
        ..Moved::default()
    };
    // Check every group first: refusing must leave the site as it was.
    let mut topic_moves = Vec::new();
    for (t, group) in site.topics.iter().enumerate() {
        let (was, is) = (older.topics.contains(&t), newer.topics.contains(&t));
        if was || is {
            let spelling = (parsed.topics.iter().map(|r| r.id.as_str()))
                .find(|n| site.spellings.topics.get(*n) == Some(&t));
            topic_moves.push((t, group_move(group, id, was, is, spelling, per)?));
        }
    }
    let mut kind_moves = Vec::new();
    for k in [older.kind, newer.kind] {
        let (was, is) = (older.kind == k, newer.kind == k);
        let spelling = (newer.kind == k).then_some(parsed.kind.as_str());
        if !kind_moves.iter().any(|(seen, _)| *seen == k) {
            kind_moves.push((k, group_move(&site.kinds[k], id, was, is, spelling, per)?));
        }
    }
    let mut experts: Vec<ExpertId> = older.experts().chain(newer.experts()).collect();
    experts.sort_unstable();
    experts.dedup();
    let appears = |b: &Brief, e: ExpertId| b.experts().any(|x| x == e);
    for &e in &experts {
        let x = &site.experts[e];
        let others = x
            .appears_in
            .iter()
            .chain(x.related.iter().map(|r| &r.brief));
        let elsewhere = others.clone().any(|&b| b != id);
        if !elsewhere && appears(older, e) != appears(&newer, e) {
            return None;
        }
    }

    for (t, change) in topic_moves {
        if apply(&mut site.topics[t], id, change) {
            moved.topics.push(t);
        }
    }
    for (k, change) in kind_moves {
        if apply(&mut site.kinds[k], id, change) {
            moved.kinds.push(k);
        }
    }
    for &e in &experts {
        reindex_expert(site, e, id, &newer);
    }
    moved.experts = experts;
    site.briefs[id] = newer;
    Some(moved)
}

/// How a group's brief list changes: `Some(true)` joins, `Some(false)`
/// leaves, `None` stays as it is.
type Change = Option<bool>;

/// Checks that the brief joining or leaving `group` changes neither its
/// name (the first spelling in listing order) nor its number of pages.
fn group_move(
    group: &Group,
    id: BriefId,
    was: bool,
    is: bool,
    spelling: Option<&str>,
    per: usize,
) -> Option<Change> {
    let len = group.briefs.len();
    let pages = |n: usize| n.div_ceil(per).max(1);
    let first = group.briefs.first().copied();
    let (change, len_after) = match (was, is) {
        (true, false) => (Some(false), len - 1),
        (false, true) => (Some(true), len + 1),
        _ => (None, len),
    };
    let first_after = match change {
        Some(false) => group.briefs.iter().copied().find(|&b| b != id),
        Some(true) => first.map(|f| f.min(id)).or(Some(id)),
        None => first,
    };
    let renamed = match (first == Some(id), first_after == Some(id)) {
        (true, false) => true,
        (_, true) => spelling != Some(group.name.as_str()),
        _ => false,
    };
    if len_after == 0 || pages(len_after) != pages(len) || renamed {
        return None;
    }
    Some(change)
}

/// Applies a checked change; returns whether the list changed.
fn apply(group: &mut Group, id: BriefId, change: Change) -> bool {
    let at = group.briefs.partition_point(|&b| b < id);
    match change {
        Some(true) => group.briefs.insert(at, id),
        Some(false) => {
            group.briefs.remove(at);
        }
        None => return false,
    }
    true
}

/// Rewrites expert `e`'s entries for brief `id` from the brief's new version.
fn reindex_expert(site: &mut Site, e: ExpertId, id: BriefId, newer: &Brief) {
    let x = &mut site.experts[e];
    let wrote = newer.authors.contains(&e);
    let quotes: Vec<QuoteRef> = (newer.responses.iter().enumerate())
        .filter(|(_, r)| r.expert == e)
        .map(|(response, _)| QuoteRef {
            brief: id,
            response,
        })
        .collect();
    let related: Vec<RelatedRef> = (newer.related.iter().enumerate())
        .flat_map(|(i, r)| r.by.iter().filter(move |&&by| by == e).map(move |_| i))
        .map(|related| RelatedRef { brief: id, related })
        .collect();
    splice(&mut x.authored, |&b| b, id, wrote.then_some(id));
    splice(
        &mut x.appears_in,
        |&b| b,
        id,
        (wrote || !quotes.is_empty()).then_some(id),
    );
    splice(&mut x.quoted, |q| q.brief, id, quotes);
    splice(&mut x.related, |r| r.brief, id, related);
}

/// Replaces the entries of brief `id` in a list ordered by brief.
fn splice<T>(
    list: &mut Vec<T>,
    brief: impl Fn(&T) -> BriefId,
    id: BriefId,
    new: impl IntoIterator<Item = T>,
) {
    let start = list.partition_point(|x| brief(x) < id);
    let end = start + list[start..].partition_point(|x| brief(x) == id);
    list.splice(start..end, new);
}
