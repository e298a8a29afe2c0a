//! A property test of the incremental session: random sequences of saves
//! (text edits, new and deleted briefs, slug, date, topic, kind and expert
//! changes, drafts and embargoes, citations, expert, page, template and
//! site.yaml edits, bursts of many files at once) go through the session the way
//! `serve` calls it, and after every save the served files must equal a
//! fresh full build of the same sources byte for byte, with the same
//! warnings; a save the full build refuses (a citation broken by a
//! deleted brief or a changed slug) must fail in the session too, and the
//! fix that follows must bring it back. The briefs share a few topics
//! and experts, so the brief pages compared carry "More on this topic"
//! lists (other briefs' titles, dates and kinds) that the saves change.
//!
//! Bugs of the engine the property found are kept as tests at the end
//! (all fixed), each with its minimal reproduction.
//!
//! `PROPTEST_CASES` runs more or fewer cases (default [`CASES`]).

use crate::harness::TestSite;
use briefs::{BuildOptions, MemorySink, Session, Staged, Store};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

mod model;
mod ops;
mod run;

use model::*;
use ops::*;
use run::*;

/// Cases run by default: a few seconds in a debug build.
const CASES: u32 = 40;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        // The reproduction of a failure is the printed story, kept as a
        // test of its own.
        failure_persistence: None,
        max_shrink_iters: 1024,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn incremental_saves_equal_full_builds(
        seeds in seeds(),
        saves in prop::collection::vec(save(), 1..=12),
    ) {
        check(&seeds, &saves);
    }
}

/// Bug 1 (fixed), found by the property: a save of site.yaml alone, hinted as `serve`
/// hints it, gives a site with no briefs, experts or pages. The changed
/// configuration empties the session's cache of parsed files, and the
/// hints (no content file among them) then have nothing read again.
#[test]
fn a_hinted_site_yaml_edit_keeps_the_content() {
    check(&[(0, 0, 0, 0, 0, false); 5], &[vec![Op::Description]]);
}

/// Bug 2 (fixed), found by the property: with `paginate: 3`, four briefs in topic
/// Energy (two listing pages) and one in Sanctions, one brief moved from
/// Energy to Sanctions. `topics/energy/page/2/index.html` is removed, but
/// the served `sitemap.xml` still lists `topics/energy/page/2/`. The same
/// with a kind (`kinds/analysis/page/2/`), and the other way round: a
/// listing that gains a page by a topic or kind change has it rendered,
/// but the sitemap does not list it. (When a brief page comes or goes in
/// the same save, the sitemap is right.)
#[test]
fn a_listing_gaining_or_losing_a_page_changes_the_sitemap() {
    let mut seeds = vec![(0, 0, 0, 0, 0, false); 4];
    seeds.push((0, 1, 0, 0, 0, false));
    check(&seeds, &[vec![Op::Topics(3, vec![1])]]);
    seeds[4] = (0, 0, 1, 0, 0, false);
    check(&seeds, &[vec![Op::Kind(3, 1)]]);
    // Gaining: three briefs in Energy, two in Sanctions; one joins Energy.
    let mut seeds = vec![(0, 0, 0, 0, 0, false); 3];
    seeds.extend([(0, 1, 0, 0, 0, false); 2]);
    check(&seeds, &[vec![Op::Topics(4, vec![0])]]);
}

/// Bug 3 (fixed), found by the property: a site of one brief, `b0.md` in topic Energy;
/// one save takes Energy off `b0.md` and adds `b1.md` in Energy. The
/// served site has no `topics/energy/index.html` (the quick path takes
/// `b0.md` first, removes the emptied topic's page, and does not render it
/// again when `b1.md` brings the topic back).
#[test]
fn a_topic_emptied_and_filled_in_one_save_keeps_its_page() {
    check(
        &[(0, 0, 0, 0, 0, false)],
        &[vec![
            Op::Topics(0, vec![]),
            Op::Add {
                day: 0,
                topic: 0,
                kind: 0,
                expert: 0,
            },
        ]],
    );
}

/// Bug 4 (fixed), found by the property: two briefs of kind "Flash Brief", `b0.md`
/// (dated 2024-02-14, the newest) and `b1.md` (2024-01-01) citing it
/// (`related: - brief: b0`). Save 1: `b0.md` spells its kind "flash brief"
/// (the kind is renamed). Save 2: `b0.md` gets `embargo:` in the future (or
/// `draft: true`). The session panics: index out of bounds in
/// `Site::related_target` (src/model/mod.rs), called from
/// `render::values::related` — a citation still holds the id of the brief
/// taken out. The same with a topic: `b0.md` (2024-02-04, topic Energy),
/// `b1.md` (2024-01-01, topic "Cyber Security", citing b0); save 1: `b0.md`
/// takes topic "cyber security" (renamed); save 2: `draft: true` in
/// `b0.md`. Not when the citing brief is in no group the rename touches,
/// nor when the rename and the embargo come in one save.
#[test]
fn unpublishing_a_cited_brief_that_renamed_its_group() {
    let seeds = [(44, 0, 1, 0, 0, false), (0, 0, 1, 0, 0, true)];
    check(&seeds, &[vec![Op::Kind(0, 2)], vec![Op::Embargo(0)]]);
    check(&seeds, &[vec![Op::Kind(0, 2)], vec![Op::Draft(0)]]);
    let seeds = [(34, 0, 0, 0, 0, false), (0, 2, 0, 0, 0, true)];
    check(&seeds, &[vec![Op::Topics(0, vec![3])], vec![Op::Draft(0)]]);
}

/// Bug 5 (fixed), found by the property: with `paginate: 3`, four briefs in topic
/// Sanctions (two listing pages) and one in Energy; one save takes the
/// topic off all four (or gives them another, or `draft: true`; the same
/// with a kind of two pages whose briefs all change kind). The served site
/// keeps `topics/sanctions/page/2/index.html` (`kinds/flash-brief/page/2/
/// index.html`), which a full build no longer has.
#[test]
fn a_listing_of_several_pages_emptied_in_one_save_is_removed_whole() {
    let mut seeds = vec![(0, 1, 0, 0, 0, false); 4];
    seeds.push((0, 0, 0, 0, 0, false));
    let all = |op: fn(u8) -> Op| (0..4).map(op).collect::<Vec<_>>();
    check(&seeds, &[all(|i| Op::Topics(i, vec![]))]);
    check(&seeds, &[all(Op::Draft)]);
    let mut seeds = vec![(0, 0, 1, 0, 0, false); 4];
    seeds.push((0, 0, 0, 0, 0, false));
    check(&seeds, &[all(|i| Op::Kind(i, 0))]);
}
