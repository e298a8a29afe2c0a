//! The one-language demo site, byte for byte: every file of its build is
//! compared, by an FNV-1a hash, with `tests/golden/demo-hashes.txt`,
//! written from the build before several languages were supported
//! (`BRIEFS_BLESS=1` rewrites it). A site with one language must come out
//! exactly as it did. The one file left out is `style.css`, the theme's
//! stylesheet copied as it is (it moved to CSS logical properties for
//! right-to-left pages): it is compared with the theme's file instead.
//! When search learnt several languages, two hashes were blessed again:
//! `search.js` (its words now come from the page) and `search/index.html`
//! (which gives them, as `data-words`; without that attribute the page is
//! what it was). The Pagefind index did not change then; it did when its
//! files came to be gzipped by zlib-rs instead of miniz_oxide (a faster
//! compressor, other deflate bytes, the same uncompressed content and the
//! same file names, which hash that content). Other blessings since: the
//! copy button's translated messages (`actions.js` and the brief page) and
//! the expert pages' linked topics.

use crate::harness::{TestSite, repo_root};

/// FNV-1a, 64 bits: stable across Rust releases, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn the_demo_site_is_byte_for_byte_what_it_was() {
    let site = TestSite::demo();
    site.build_ok(&[]);
    let files = site.snapshot();
    let css = std::fs::read(repo_root().join("themes/default/static/style.css")).unwrap();
    let copied = files.iter().find(|(p, _)| p == "style.css").map(|(_, b)| b);
    assert_eq!(copied, Some(&css), "style.css is the theme's, as it is");
    let got: String = files
        .iter()
        .filter(|(path, _)| path != "style.css")
        .map(|(path, bytes)| format!("{path} {:016x}\n", fnv1a(bytes)))
        .collect();
    let golden = repo_root().join("tests/golden/demo-hashes.txt");
    if std::env::var("BRIEFS_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&golden, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden).unwrap();
    let differ: Vec<&str> = (want.lines().zip(got.lines()))
        .filter(|(w, g)| w != g)
        .map(|(w, _)| w)
        .collect();
    assert!(
        want == got,
        "the demo site's output changed ({} lines vs {}); first differences: {:?}",
        want.lines().count(),
        got.lines().count(),
        &differ[..differ.len().min(5)]
    );
}
