//! Puts one brief into an assembled [`Site`], takes it out, or replaces it
//! with a newer version whose references or dates changed (other experts,
//! quotes, topics, kind, related pieces, a date that moves it in the
//! listing order): the lists it is in are mended in place, and the briefs
//! between its old and new place are renumbered (plain integer work over
//! contiguous lists, no string is touched). A new brief comes in from just
//! past the end, a removed one leaves there. A group whose first brief
//! spells it another way now takes that name. Another URL while replacing
//! is refused (the caller takes the brief out and puts it in again); a
//! group left without briefs stays, empty, for the caller to take out.

use super::group_move::{GroupMove, group_move};
use super::renumber::{Renumber, renumber_everything, renumber_links};
use super::{
    Brief, BriefId, ExpertId, Grouping, KindId, Site, TopicId, groups, index, listing_order,
};
use crate::parse::ParsedBrief;
use std::cmp::Ordering;
use std::path::Path;

/// Why the quick path could not patch a brief into the kept model (the
/// rebuild takes the full path instead); see `update_brief`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Replacing a brief with one under another URL or another draft
    /// setting (the caller takes it out and puts it in again).
    UrlOrDraftChanged,
    /// A topic listed twice, not side by side, in the brief.
    TopicListedTwice,
    /// Neither an old brief nor a newer one.
    NothingToUpdate,
    /// A group's new first brief does not spell its name.
    GroupUnnamed(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::UrlOrDraftChanged => write!(f, "a brief changed its URL or draft setting"),
            Refusal::TopicListedTwice => write!(f, "a brief lists a topic twice"),
            Refusal::NothingToUpdate => write!(f, "no brief to update"),
            Refusal::GroupUnnamed(name) => {
                write!(f, "the new first brief of `{name}` does not name it")
            }
        }
    }
}

/// What moved when a brief was replaced.
#[derive(Debug, Default)]
pub(crate) struct Moved {
    /// The brief's id before and after (different when its date moved it).
    pub(crate) renumber: Renumber,
    /// Experts the brief names before or after.
    pub(crate) experts: Vec<ExpertId>,
    /// Topics whose brief list changed (every page of theirs shows the count).
    pub(crate) topics: Vec<TopicId>,
    /// Kinds whose brief list changed.
    pub(crate) kinds: Vec<KindId>,
    /// Topics and kinds the brief stayed in but moved within: the first and
    /// last listing positions between its old and new place.
    pub(crate) shifted_topics: Vec<(TopicId, usize, usize)>,
    pub(crate) shifted_kinds: Vec<(KindId, usize, usize)>,
    /// Topics and kinds whose name changed (their first brief spells them
    /// another way now): every brief in them shows it.
    pub(crate) renamed_topics: Vec<TopicId>,
    pub(crate) renamed_kinds: Vec<KindId>,
    /// The kind changed: briefs citing this one show its kind.
    pub(crate) kind_changed: bool,
    /// The date of the last change moved (the sitemap shows it).
    pub(crate) last_modified_changed: bool,
}

/// A published brief's new version, resolved, with the file it came from.
pub(crate) type Newer<'p> = (Brief, &'p ParsedBrief);

/// Puts `newer` in place of published brief `old`, adds it (`old` is
/// `None`: a new or newly published brief) or removes brief `old`
/// (`newer` is `None`: deleted or unpublished), or refuses (a [`Refusal`]) as the
/// module says; a refusal may leave the site half changed, so the caller
/// must drop it. `parsed_of` gives the parsed file of another brief by
/// source path: when the brief leaves the first place of a group, the
/// spelling of the group's new first brief must be its name.
pub(crate) fn update_brief<'a>(
    site: &mut Site,
    old: Option<BriefId>,
    newer: Option<Newer<'_>>,
    parsed_of: &dyn Fn(&Path) -> Option<&'a ParsedBrief>,
) -> Result<Moved, Refusal> {
    let older = old.map(|id| &site.briefs[id]);
    let (new_brief, parsed) = match &newer {
        Some((b, p)) => (Some(b), Some(*p)),
        None => (None, None),
    };
    check(older, new_brief)?;
    let renumber = new_place(site, old, new_brief);
    // Check every group first.
    let versions = (older, new_brief, parsed);
    let group_moves = check_group_moves(site, versions, renumber, parsed_of)?;
    let mut experts: Vec<ExpertId> = (older.into_iter().chain(new_brief))
        .flat_map(Brief::experts)
        .collect();
    experts.sort_unstable();
    experts.dedup();
    let mut moved = Moved {
        renumber,
        kind_changed: matches!((older, new_brief), (Some(o), Some(n)) if o.kind != n.kind),
        last_modified_changed: match (older, new_brief) {
            (Some(o), Some(n)) => o.last_modified() != n.last_modified(),
            _ => true,
        },
        ..Moved::default()
    };
    if old.is_some() {
        index::leave_experts(&mut site.experts, &experts, renumber.from);
    }
    if renumber.moves() {
        renumber_everything(site, renumber);
    }
    apply_group_moves(site, group_moves, &mut moved);
    place_brief(site, old.is_none(), newer.map(|(b, _)| b), renumber);
    moved.experts = experts;
    Ok(moved)
}

/// Refuses what [`update_brief`] does not do.
fn check(older: Option<&Brief>, newer: Option<&Brief>) -> Result<(), Refusal> {
    // A topic listed twice (not side by side) puts the brief twice in its list.
    let twice = |b: &Brief| (1..b.topics.len()).any(|i| b.topics[..i].contains(&b.topics[i]));
    if let (Some(o), Some(n)) = (older, newer) {
        if n.slug != o.slug || n.draft != o.draft {
            return Err(Refusal::UrlOrDraftChanged);
        }
    }
    if older.is_some_and(twice) || newer.is_some_and(twice) {
        return Err(Refusal::TopicListedTwice);
    }
    if older.is_none() && newer.is_none() {
        return Err(Refusal::NothingToUpdate);
    }
    Ok(())
}

/// The brief's move from its old place (`old`; a new brief comes in from
/// just past the end) to its new one (a removed brief leaves at the end).
fn new_place(site: &Site, old: Option<BriefId>, newer: Option<&Brief>) -> Renumber {
    let count = site.briefs.len();
    let older = old.map(|id| &site.briefs[id]);
    let listed_before = |a: &Brief, b: &Brief| {
        listing_order((a.date, &a.slug), (b.date, &b.slug)) == Ordering::Less
    };
    let from = old.unwrap_or(count);
    let to = match newer {
        Some(n) => {
            let ahead = site.briefs.partition_point(|b| listed_before(b, n));
            ahead - usize::from(older.is_some_and(|o| listed_before(o, n)))
        }
        None => count - 1,
    };
    Renumber { from, to }
}

/// The brief's versions before and after, and the file of the newer one.
type Versions<'b, 'p> = (
    Option<&'b Brief>,
    Option<&'b Brief>,
    Option<&'p ParsedBrief>,
);

/// Checks the move of every topic and kind the brief is in before or after:
/// the moves of topics, then of kinds, each in id order.
fn check_group_moves<'a>(
    site: &Site,
    (older, newer, parsed): Versions<'_, '_>,
    renumber: Renumber,
    parsed_of: &dyn Fn(&Path) -> Option<&'a ParsedBrief>,
) -> Result<[Vec<GroupMove>; 2], Refusal> {
    let mut moves: [Vec<GroupMove>; 2] = Default::default();
    for (g, moves) in Grouping::BOTH.into_iter().zip(&mut moves) {
        let (groups, spellings) = site.grouping(g);
        let in_group = |b: Option<&Brief>, id: usize| b.is_some_and(|b| b.groups(g).contains(&id));
        // The brief's spelling of group `id`: the first it gives that names it.
        let spelling = |p: &ParsedBrief, id: usize| {
            groups::written_names(p, g)
                .find(|n| spellings.get(*n) == Some(&id))
                .map(str::to_string)
        };
        let mut ids: Vec<usize> = (older.into_iter().chain(newer))
            .flat_map(|b| b.groups(g).iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let (was, is) = (in_group(older, id), in_group(newer, id));
            let name = |b: BriefId| parsed_of(&site.briefs[b].source).and_then(|p| spelling(p, id));
            let own = parsed.and_then(|p| spelling(p, id));
            moves.push(group_move(
                id,
                &groups[id],
                renumber,
                (was, is),
                own.as_deref(),
                &name,
            )?);
        }
    }
    Ok(moves)
}

/// Puts the checked group moves in place and notes them in `moved`.
fn apply_group_moves(
    site: &mut Site,
    [topic_moves, kind_moves]: [Vec<GroupMove>; 2],
    moved: &mut Moved,
) {
    for (list, moves, changed, shifted, renamed) in [
        (
            &mut site.topics,
            topic_moves,
            &mut moved.topics,
            &mut moved.shifted_topics,
            &mut moved.renamed_topics,
        ),
        (
            &mut site.kinds,
            kind_moves,
            &mut moved.kinds,
            &mut moved.shifted_kinds,
            &mut moved.renamed_kinds,
        ),
    ] {
        for m in moves {
            list[m.group].briefs = m.after;
            if let Some(name) = m.renamed {
                list[m.group].name = name;
                renamed.push(m.group);
            }
            if m.joined_or_left {
                changed.push(m.group);
            } else if let Some((a, b)) = m.positions.filter(|(a, b)| a != b) {
                shifted.push((m.group, a.min(b), a.max(b)));
            }
        }
    }
}

/// Puts `newer` at its new place (`inserted`: it is new to the site), or
/// takes the brief out (`newer` is `None`), and joins its experts' lists.
fn place_brief(site: &mut Site, inserted: bool, newer: Option<Brief>, renumber: Renumber) {
    let Some(newer) = newer else {
        renumber.reorder(&mut site.briefs);
        site.briefs.pop();
        return;
    };
    let to = renumber.to;
    if inserted {
        site.briefs.push(newer);
        renumber.reorder(&mut site.briefs);
    } else {
        renumber.reorder(&mut site.briefs);
        site.briefs[to] = newer;
    }
    if renumber.moves() {
        // The new version's links were resolved against the old ids.
        renumber_links(&mut site.briefs[to], renumber);
    }
    index::join_experts(&mut site.experts, &site.briefs[to], to);
}
