//! The saves: file operations on the model, and their proptest strategies.

use super::*;

/// One file operation of a save; brief numbers are taken modulo the number
/// of briefs, so any sequence (and any shrunk one) applies.
#[derive(Clone, Debug)]
pub(super) enum Op {
    Title(u8),
    Body(u8),
    Quote(u8),
    Add {
        day: u8,
        topic: u8,
        kind: u8,
        expert: u8,
    },
    Delete(u8),
    Slug(u8, Option<u8>),
    Date(u8, u8),
    Topics(u8, Vec<u8>),
    Kind(u8, u8),
    Author(u8, u8),
    Quoted(u8, u8),
    Draft(u8),
    Embargo(u8),
    Cite(u8, u8),
    Uncite(u8),
    /// Expert file edit: the name (`true`) or the role.
    Expert(u8, bool),
    /// A `git checkout`: every brief dated `shift` days later (modulo 60)
    /// and new briefs added, `files` briefs (at least) in one save.
    Checkout {
        shift: u8,
        files: u8,
    },
    Template,
    Description,
    Paginate(u8),
    Page,
}

/// Operations that change a brief's shape (no text edits): what large
/// bursts are made of.
pub(super) fn reference_edit() -> impl Strategy<Value = Op> {
    let b = any::<u8>();
    prop_oneof![
        (0u8..60, any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(day, topic, kind, expert)| {
            Op::Add {
                day,
                topic,
                kind,
                expert,
            }
        }),
        (b, 0u8..60).prop_map(|(i, d)| Op::Date(i, d)),
        (b, prop::collection::vec(any::<u8>(), 0..=2)).prop_map(|(i, t)| Op::Topics(i, t)),
        (b, any::<u8>()).prop_map(|(i, k)| Op::Kind(i, k)),
        (b, any::<u8>()).prop_map(|(i, e)| Op::Author(i, e)),
        (b, any::<u8>()).prop_map(|(i, e)| Op::Quoted(i, e)),
    ]
}

/// Any operation.
pub(super) fn op() -> impl Strategy<Value = Op> {
    let b = any::<u8>();
    prop_oneof![
        3 => b.prop_map(Op::Title),
        3 => b.prop_map(Op::Body),
        2 => b.prop_map(Op::Quote),
        6 => reference_edit(),
        2 => b.prop_map(Op::Delete),
        2 => (b, prop::option::of(0u8..3)).prop_map(|(i, s)| Op::Slug(i, s)),
        2 => b.prop_map(Op::Draft),
        2 => b.prop_map(Op::Embargo),
        2 => (b, any::<u8>()).prop_map(|(i, j)| Op::Cite(i, j)),
        1 => b.prop_map(Op::Uncite),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(e, n)| Op::Expert(e, n)),
        1 => Just(Op::Template),
        1 => Just(Op::Page),
        1 => Just(Op::Description),
        1 => any::<u8>().prop_map(Op::Paginate),
    ]
}

/// One save: a burst of file operations seen by the watcher at once.
pub(super) fn save() -> impl Strategy<Value = Vec<Op>> {
    prop_oneof![
        12 => prop::collection::vec(op(), 1..=3),
        // A brief and an expert saved together.
        2 => (op(), (any::<u8>(), any::<bool>()).prop_map(|(e, n)| Op::Expert(e, n)))
            .prop_map(|(a, b)| vec![a, b]),
        // Up to the quick path's limit of briefs changing references.
        2 => prop::collection::vec(reference_edit(), 4..=16),
        // Past it (a checkout).
        1 => (1u8..60, 17u8..=20).prop_map(|(shift, files)| vec![Op::Checkout { shift, files }]),
    ]
}

pub(super) fn seeds() -> impl Strategy<Value = Vec<Seed>> {
    prop::collection::vec(
        (
            0u8..60,
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<bool>(),
        ),
        5..=12,
    )
}
