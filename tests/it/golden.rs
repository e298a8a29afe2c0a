//! Golden output trees: a fixture built and compared, every file byte for
//! byte, with `tests/golden/<fixture>/` (see `TestSite::assert_golden`;
//! `BRIEFS_BLESS=1` rewrites the tree). Marker templates keep the pages to
//! the values the theme contract hands them, so a golden diff shows what
//! changed in that contract, in the file layout, the feeds or the sitemap.

use crate::harness::TestSite;

/// Two briefs, two experts, a page, `paginate: 1`, every template a marker
/// line and a stylesheet of the site's own.
#[test]
fn marker_theme_site_matches_its_golden_tree() {
    let site = TestSite::fixture("marker-theme");
    site.build_ok(&[]);
    site.assert_golden("marker-theme");
}
