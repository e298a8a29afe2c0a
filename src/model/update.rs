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

use super::{Brief, BriefId, ExpertId, Group, KindId, Link, Site, TopicId, index, listing_order};
use crate::parse::ParsedBrief;
use std::cmp::Ordering;
use std::path::Path;

/// Why [`update_brief`] refused a change (the caller takes the full path).
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
pub struct Moved {
    /// The brief's id before and after (different when its date moved it).
    pub renumber: Renumber,
    /// Experts the brief names before or after.
    pub experts: Vec<ExpertId>,
    /// Topics whose brief list changed (every page of theirs shows the count).
    pub topics: Vec<TopicId>,
    /// Kinds whose brief list changed.
    pub kinds: Vec<KindId>,
    /// Topics and kinds the brief stayed in but moved within: the first and
    /// last listing positions between its old and new place.
    pub shifted_topics: Vec<(TopicId, usize, usize)>,
    pub shifted_kinds: Vec<(KindId, usize, usize)>,
    /// Topics and kinds whose name changed (their first brief spells them
    /// another way now): every brief in them shows it.
    pub renamed_topics: Vec<TopicId>,
    pub renamed_kinds: Vec<KindId>,
    /// The kind changed: briefs citing this one show its kind.
    pub kind_changed: bool,
    /// The date of the last change moved (the sitemap shows it).
    pub last_modified_changed: bool,
}

/// Brief ids when the brief at `from` moves to `to`: those between shift by one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Renumber {
    pub from: BriefId,
    pub to: BriefId,
}

impl Renumber {
    /// The new id of brief `b`.
    pub fn id(self, b: BriefId) -> BriefId {
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
    pub fn moves(self) -> bool {
        self.from != self.to
    }

    /// Applies the same move to a list indexed by brief id.
    pub fn reorder<T>(self, list: &mut [T]) {
        let Renumber { from, to } = self;
        if from < to {
            list[from..=to].rotate_left(1);
        } else if to < from {
            list[to..=from].rotate_right(1);
        }
    }
}

/// One group the brief is in before or after, checked.
struct GroupMove {
    group: usize,
    /// The group's brief list afterwards.
    after: Vec<BriefId>,
    /// Whether the brief joined or left it.
    joined_or_left: bool,
    /// Its listing positions before and after, when it stayed.
    positions: Option<(usize, usize)>,
    /// Its new name, when its first brief spells it another way now.
    renamed: Option<String>,
}

/// A published brief's new version, resolved, with the file it came from.
pub type Newer<'p> = (Brief, &'p ParsedBrief);

/// Puts `newer` in place of published brief `old`, adds it (`old` is
/// `None`: a new or newly published brief) or removes brief `old`
/// (`newer` is `None`: deleted or unpublished), or refuses (a [`Refusal`]) as the
/// module says; a refusal may leave the site half changed, so the caller
/// must drop it. `parsed_of` gives the parsed file of another brief by
/// source path: when the brief leaves the first place of a group, the
/// spelling of the group's new first brief must be its name.
pub fn update_brief<'a>(
    site: &mut Site,
    old: Option<BriefId>,
    newer: Option<Newer<'_>>,
    parsed_of: &dyn Fn(&Path) -> Option<&'a ParsedBrief>,
) -> Result<Moved, Refusal> {
    let count = site.briefs.len();
    let older = old.map(|id| &site.briefs[id]);
    // A topic listed twice (not side by side) puts the brief twice in its list.
    let twice = |b: &Brief| (1..b.topics.len()).any(|i| b.topics[..i].contains(&b.topics[i]));
    let (new_brief, parsed) = match &newer {
        Some((b, p)) => (Some(b), Some(*p)),
        None => (None, None),
    };
    if let (Some(o), Some(n)) = (older, new_brief) {
        if n.slug != o.slug || n.draft != o.draft {
            return Err(Refusal::UrlOrDraftChanged);
        }
    }
    if older.is_some_and(twice) || new_brief.is_some_and(twice) {
        return Err(Refusal::TopicListedTwice);
    }
    if older.is_none() && new_brief.is_none() {
        return Err(Refusal::NothingToUpdate);
    }
    let listed_before = |a: &Brief, b: &Brief| {
        listing_order((a.date, &a.slug), (b.date, &b.slug)) == Ordering::Less
    };
    // A new brief comes in from just past the end; a removed one leaves there.
    let from = old.unwrap_or(count);
    let to = match new_brief {
        Some(n) => {
            let ahead = site.briefs.partition_point(|b| listed_before(b, n));
            ahead - usize::from(older.is_some_and(|o| listed_before(o, n)))
        }
        None => count - 1,
    };
    let renumber = Renumber { from, to };
    let in_topic = |b: Option<&Brief>, t: TopicId| b.is_some_and(|b| b.topics.contains(&t));
    let in_kind = |b: Option<&Brief>, k: KindId| b.is_some_and(|b| b.kind == k);

    // Check every group first.
    let topic_spelling = |p: &ParsedBrief, t: TopicId| {
        (p.topics.iter().map(|r| r.id.clone())).find(|n| site.spellings.topics.get(n) == Some(&t))
    };
    let spelled = |b: BriefId, of: &dyn Fn(&ParsedBrief) -> Option<String>| {
        parsed_of(&site.briefs[b].source).and_then(of)
    };
    let mut topic_moves = Vec::new();
    for (t, group) in site.topics.iter().enumerate() {
        let (was, is) = (in_topic(older, t), in_topic(new_brief, t));
        if was || is {
            let name = |b: BriefId| spelled(b, &|p| topic_spelling(p, t));
            let spelling = parsed.and_then(|p| topic_spelling(p, t));
            let moved = group_move(t, group, renumber, (was, is), spelling.as_deref(), &name);
            topic_moves.push(moved?);
        }
    }
    let mut kind_moves: Vec<GroupMove> = Vec::new();
    for k in older.into_iter().chain(new_brief).map(|b| b.kind) {
        let (was, is) = (in_kind(older, k), in_kind(new_brief, k));
        let name = |b: BriefId| spelled(b, &|p| Some(p.kind.clone()));
        let spelling = parsed.filter(|_| is).map(|p| p.kind.as_str());
        if !kind_moves.iter().any(|m| m.group == k) {
            let moved = group_move(k, &site.kinds[k], renumber, (was, is), spelling, &name);
            kind_moves.push(moved?);
        }
    }
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
        index::leave_experts(&mut site.experts, &experts, from);
    }
    if renumber.moves() {
        renumber_everything(site, renumber);
    }
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
    let Some((newer, _)) = newer else {
        renumber.reorder(&mut site.briefs);
        site.briefs.pop();
        moved.experts = experts;
        return Ok(moved);
    };
    if old.is_none() {
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
    moved.experts = experts;
    Ok(moved)
}

/// Checks one group the brief is in before or after (`was`, `is`): the
/// change keeps the group's name (its first brief's spelling, `spelling`
/// for this brief, `spelling_of` for another by old id). A group left
/// empty is the caller's to take out.
fn group_move(
    g: usize,
    group: &Group,
    renumber: Renumber,
    (was, is): (bool, bool),
    spelling: Option<&str>,
    spelling_of: &dyn Fn(BriefId) -> Option<String>,
) -> Result<GroupMove, Refusal> {
    let mut after: Vec<BriefId> = (group.briefs.iter())
        .filter(|&&b| b != renumber.from)
        .map(|&b| renumber.id(b))
        .collect();
    let new_position = is.then(|| {
        let at = after.partition_point(|&b| b < renumber.to);
        after.insert(at, renumber.to);
        at
    });
    let first_before = group.briefs.first().copied();
    let first_after = after.first().copied();
    // The group's name is its first brief's spelling of it.
    let first_spelling = if after.is_empty() {
        None
    } else if first_after == Some(renumber.to) {
        Some(spelling.map(str::to_string))
    } else if first_before == Some(renumber.from) {
        // Another brief is first now: the first of the others, as before.
        let next = group.briefs.iter().copied().find(|&b| b != renumber.from);
        Some(next.and_then(spelling_of))
    } else {
        None
    };
    let renamed = match first_spelling {
        Some(None) => return Err(Refusal::GroupUnnamed(group.name.clone())),
        Some(Some(name)) => (name != group.name).then_some(name),
        None => None,
    };
    let old_position = (group.briefs.iter()).position(|&b| b == renumber.from);
    Ok(GroupMove {
        group: g,
        after,
        joined_or_left: was != is,
        positions: old_position.zip(new_position),
        renamed,
    })
}

/// Renumbers every brief id in the site's lists and links but the moved
/// brief's own entries, which the caller has taken out or replaces.
fn renumber_everything(site: &mut Site, renumber: Renumber) {
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

fn renumber_links(b: &mut Brief, renumber: Renumber) {
    for r in &mut b.related {
        if let Link::Brief(t) = &mut r.link {
            *t = renumber.id(*t);
        }
    }
}
