//! Integration tests: one binary, a small harness that copies a fixture site
//! (or generates one) into a temporary folder, runs the real `briefs` binary
//! on it, and reads the produced files with real parsers.

mod bad_input;
mod build;
mod check;
mod demo_bytes;
mod escaping;
mod feeds;
mod golden;
mod harness;
mod history;
mod i18n_check;
mod i18n_feeds;
mod i18n_groups;
mod i18n_incremental;
mod i18n_pages;
mod i18n_search;
mod i18n_serve;
mod import;
mod import_lang;
mod incremental;
mod incremental_props;
mod input_safety;
mod links;
mod og_image;
mod output_safety;
mod publication;
mod scaffold;
mod search;
mod serve;
mod serve_search;
mod theme;
mod wxr_gen;
