//! One topic or kind a brief is in before or after a change, checked:
//! its list of briefs afterwards, whether the brief joined or left it or
//! moved within it, and its new name when its first brief spells it
//! another way now. (The table test at the bottom runs past 80 lines:
//! one row per case, as rustfmt lays them out.)

use super::update::Refusal;
use super::{BriefId, Group, Renumber};

/// One group the brief is in before or after, checked.
pub(super) struct GroupMove {
    pub(crate) group: usize,
    /// The group's brief list afterwards.
    pub(crate) after: Vec<BriefId>,
    /// Whether the brief joined or left it.
    pub(crate) joined_or_left: bool,
    /// Its listing positions before and after, when it stayed.
    pub(crate) positions: Option<(usize, usize)>,
    /// Its new name, when its first brief spells it another way now.
    pub(crate) renamed: Option<String>,
}

/// Checks one group the brief is in before or after (`was`, `is`): the
/// change keeps the group's name (its first brief's spelling, `spelling`
/// for this brief, `spelling_of` for another by old id). A group left
/// empty is the caller's to take out.
pub(super) fn group_move(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, briefs: &[BriefId]) -> Group {
        Group {
            name: name.to_string(),
            slug: slug::slugify(name),
            briefs: briefs.to_vec(),
        }
    }

    #[test]
    fn group_moves_keep_lists_ordered_and_name_groups_by_their_first_brief() {
        // The others spell the group "T" except brief 1, which spells it "t".
        let spelling_of = |b: BriefId| Some(if b == 1 { "t" } else { "T" }.to_string());
        type Case = (
            &'static str,
            &'static [BriefId],
            (BriefId, BriefId),
            (bool, bool),
            Option<&'static str>,
            Result<
                (
                    &'static [BriefId],
                    bool,
                    Option<(usize, usize)>,
                    Option<&'static str>,
                ),
                (),
            >,
        );
        let cases: &[Case] = &[
            // (what, briefs, from -> to, (was, is), own spelling,
            //  Ok((after, joined or left, positions, renamed)))
            (
                "stays put",
                &[0, 2, 4],
                (2, 2),
                (true, true),
                Some("T"),
                Ok((&[0, 2, 4], false, Some((1, 1)), None)),
            ),
            (
                "moves down",
                &[0, 2, 4],
                (0, 3),
                (true, true),
                Some("T"),
                Ok((&[1, 3, 4], false, Some((0, 1)), None)),
            ),
            (
                "joins first",
                &[2, 4],
                (5, 0),
                (false, true),
                Some("T"),
                Ok((&[0, 3, 5], true, None, None)),
            ),
            (
                "joins first, spelt anew",
                &[2, 4],
                (5, 0),
                (false, true),
                Some("t2"),
                Ok((&[0, 3, 5], true, None, Some("t2"))),
            ),
            (
                "leaves first place to brief 1",
                &[0, 1],
                (0, 0),
                (true, false),
                None,
                Ok((&[1], true, None, Some("t"))),
            ),
            (
                "leaves last",
                &[3],
                (3, 3),
                (true, false),
                None,
                Ok((&[], true, None, None)),
            ),
            (
                "first, unspelt",
                &[2, 4],
                (5, 0),
                (false, true),
                None,
                Err(()),
            ),
        ];
        for &(what, briefs, (from, to), was_is, own, expected) in cases {
            let g = group("T", briefs);
            let got = group_move(7, &g, Renumber { from, to }, was_is, own, &spelling_of);
            match (got, expected) {
                (Ok(m), Ok((after, joined_or_left, positions, renamed))) => {
                    assert_eq!(m.group, 7, "{what}");
                    assert_eq!(m.after, after, "{what}");
                    assert_eq!(m.joined_or_left, joined_or_left, "{what}");
                    assert_eq!(m.positions, positions, "{what}");
                    assert_eq!(m.renamed.as_deref(), renamed, "{what}");
                }
                (Err(why), Err(())) => assert_eq!(why, Refusal::GroupUnnamed("T".into())),
                (got, _) => panic!("{what}: got {:?}", got.map(|m| m.after)),
            }
        }
    }
}
