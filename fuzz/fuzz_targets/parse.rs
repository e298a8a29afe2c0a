//! Fuzz target: arbitrary bytes through front matter splitting, brief,
//! expert and page parsing, diagnostics formatting and Markdown rendering.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    briefs::fuzz_parse(data);
});
