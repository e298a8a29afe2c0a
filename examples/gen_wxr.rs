//! Writes a generated WordPress export of N posts to stdout, for measuring
//! `briefs import`: `cargo run --release --example gen_wxr -- N > export.xml`.
//! The generator is the round-trip test's (`tests/it/wxr_gen.rs`).

#[path = "../tests/it/wxr_gen.rs"]
mod wxr_gen;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    print!("{}", wxr_gen::generated_export(n));
}
