//! Duplicate ids: takes the ids extracted from every HTML page and returns
//! one error per id that a page has more than once, at the page's source
//! file (and the line of `id="…"` there when it is written so, as in raw
//! HTML) or else at the page's URL.

use super::extract::Extracted;
use crate::config::Config;
use crate::diag::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The duplicate ids of the HTML pages among `extracted`.
pub(super) fn duplicates(
    config: &Config,
    extracted: &[(&str, Extracted)],
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (page, e) in extracted {
        if !page.ends_with(".html") {
            continue;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for id in &e.ids {
            *counts.entry(id.as_str()).or_default() += 1;
        }
        for (id, n) in counts.into_iter().filter(|(_, n)| *n > 1) {
            out.push(diagnostic(config, page, id, n, sources));
        }
    }
    out
}

fn diagnostic(
    config: &Config,
    page: &str,
    id: &str,
    n: usize,
    sources: &HashMap<String, PathBuf>,
) -> Diagnostic {
    let url = config.url(page.strip_suffix("index.html").unwrap_or(page));
    let message = format!("the id `{id}` is used {n} times on {url}");
    let hint = "ids must be unique on a page, or `#` links go to the first: rename one (a heading's `{#id}`, or an `id` in raw HTML)";
    let Some(source) = sources.get(page) else {
        return Diagnostic::error(&url, message).hint(hint);
    };
    let d = Diagnostic::error(source, message).hint(hint);
    let text = std::fs::read_to_string(config.root.join(source)).unwrap_or_default();
    let written = [
        format!("id=\"{id}\""),
        format!("id='{id}'"),
        format!("{{#{id}"),
    ];
    match written.iter().find_map(|w| text.find(w.as_str())) {
        Some(at) => {
            let (line, col) = crate::diag::line_col(&text, at);
            d.at(&text, line, col)
        }
        None => d,
    }
}
