//! Inputs that once stalled a build or pointed at the wrong place.

use super::*;

/// Inputs that once stalled a build or pointed at the wrong place: nesting
/// past the limit (checked before libyaml, which is quadratic in it), an
/// alias bomb at the alias, an unknown key of a related entry at its line.
pub(super) const STALLS: &[Case] = &[
    case!("deep flow nesting in a brief",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nextra:\n  a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:5:68", "nest more than 64 levels deep"),
    case!("deep block nesting in a brief",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nextra:\n  a:\n  - b:\n    - b:\n      - b:\n        - b:\n          - b:\n            - b:\n              - b:\n                - b:\n                  - b:\n                    - b:\n                      - b:\n                        - b:\n                          - b:\n                            - b:\n                              - b:\n                                - b:\n                                  - b:\n                                    - b:\n                                      - b:\n                                        - b:\n                                          - b:\n                                            - b:\n                                              - b:\n                                                - b:\n                                                  - b:\n                                                    - b:\n                                                      - b:\n                                                        - b:\n                                                          - b:\n                                                            - b:\n                                                              - b:\n                                                                - b:\n                                                                  - b:\n                                                                    - b:\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:37:65", "nest more than 64 levels deep"),
    case!("deep nesting in site.yaml",
        [Write("site.yaml", b"title: T\nbase_url: https://x.org/\nextra:\n  a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n")],
        "site.yaml:4:68", "nest more than 64 levels deep"),
    case!("nesting brackets in quotes and comments do not count",
        [Write(B, b"---\ntitle: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\"\ndate: 2024-03-01 # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\nautors: []\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:4:1", "unknown field `autors`"),
    case!("alias bomb, at the alias passing the limit",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nextra:\n  a: &a [x,x,x,x,x,x,x,x,x]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:9:34", "repetition limit exceeded"),
    case!("unknown field of a related entry, at its own line",
        [Write(B, b"---\ntitle: X\ndate: 2024-03-01\nkind: Brief\nrelated:\n  - title: A\n  - title: B\n  - title: C\n  - title: D\n    kind: Analysis\n---\nB\n")],
        "content/briefs/2024-03-01-bad.md:10:5", "related[3]: unknown field `kind`"),
];

/// 200 KB of `[` on one line took over a minute; it is refused at once.
#[test]
fn deep_nesting_is_refused_in_milliseconds() {
    let site = good_site();
    let n = 100 * 1024;
    site.write(
        B,
        &format!(
            "---\ntitle: X\ndate: 2024-03-01\nextra:\n  a: {}{}\n---\nB\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    let started = std::time::Instant::now();
    let run = site.run(&["build"]);
    let took = started.elapsed();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .starts_with("content/briefs/2024-03-01-bad.md:5:68: error: lists and maps nest"),
        "{}",
        &run.stderr[..run.stderr.len().min(300)]
    );
    assert!(took < std::time::Duration::from_secs(3), "took {took:?}");
}
