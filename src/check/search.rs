//! `check` on search: the Pagefind bundle must be there (its script, its
//! entry file naming the site's language, and that language's index), and
//! every search result must lead somewhere: the URL of each record, read
//! back from the bundle's fragment files, is checked as a link like any
//! other (a quote's `#response-…` anchor included).

use super::Files;
use super::extract::Extracted;
use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::search::BUNDLE;
use std::io::Read;

/// The links of one fragment (`pagefind/fragment/<hash>.pf_fragment`:
/// gzip of `pagefind_dcd` and a JSON object with the record's `url` and
/// its `anchors`, each a sub-result at `url#id`), written relative to the
/// fragment, as Pagefind's script resolves them: against the folder
/// holding `pagefind/`.
pub(crate) fn fragment_links(bytes: &[u8]) -> Extracted {
    let mut text = Vec::new();
    let read = flate2::read::GzDecoder::new(bytes).read_to_end(&mut text);
    let json = text.strip_prefix(b"pagefind_dcd").unwrap_or(&text);
    let record = read
        .ok()
        .and_then(|_| serde_json::from_slice::<serde_json::Value>(json).ok());
    let Some(url) = record.as_ref().and_then(|r| r.get("url")?.as_str()) else {
        return Extracted::default();
    };
    let url = format!("../../{}", url.trim_start_matches('/'));
    let anchors = (record.as_ref())
        .and_then(|r| r.get("anchors")?.as_array())
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("id")?.as_str())
        .map(|id| format!("{url}#{id}"))
        .collect::<Vec<_>>();
    Extracted {
        links: std::iter::once(url).chain(anchors).collect(),
        ids: Vec::new(),
    }
}

/// Problems with the bundle among `files`: none when search is off.
pub(crate) fn bundle_problems(config: &Config, files: &Files) -> Diagnostics {
    let mut problems = Diagnostics::default();
    if !config.search {
        return problems;
    }
    let missing = |what: &str| {
        Diagnostic::error(CONFIG_FILE, format!("the search index is incomplete: {what}"))
            .hint("this is a bug of briefs; `search: false` in site.yaml builds the site without search meanwhile")
    };
    for file in ["pagefind.js", "pagefind-entry.json"] {
        if !files.contains_key(&format!("{BUNDLE}{file}")) {
            problems.push(missing(&format!("/{BUNDLE}{file} is missing")));
        }
    }
    let entry = files
        .get(&format!("{BUNDLE}pagefind-entry.json"))
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok());
    let languages = entry
        .as_ref()
        .and_then(|e| e.get("languages")?.as_object().cloned())
        .unwrap_or_default();
    if entry.is_some() && languages.is_empty() {
        problems.push(
            Diagnostic::warning(
                CONFIG_FILE,
                "the search index is empty: the site has nothing to find",
            )
            .hint("add a brief, an expert or a page, or set `search: false`"),
        );
    }
    for (language, meta) in &languages {
        let hash = meta.get("hash").and_then(|h| h.as_str()).unwrap_or("");
        let index = format!("{BUNDLE}pagefind.{hash}.pf_meta");
        if !files.contains_key(&index) {
            problems.push(missing(&format!(
                "/{index} (language {language}) is missing"
            )));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn fragment(json: &str) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"pagefind_dcd").unwrap();
        gz.write_all(json.as_bytes()).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn a_fragment_links_to_its_record_and_every_anchor() {
        let bytes = fragment(
            r#"{"url":"/briefs/x/","content":"","anchors":[{"element":"h2","id":"response-a","text":"A","location":3}]}"#,
        );
        assert_eq!(
            fragment_links(&bytes).links,
            ["../../briefs/x/", "../../briefs/x/#response-a"]
        );
        assert_eq!(fragment_links(b"not gzip").links, Vec::<String>::new());
    }
}
