//! Search records -> the files of a Pagefind bundle (its index, fragments,
//! filters, the WebAssembly search engine and its scripts and styles),
//! through Pagefind's Rust API (`pagefind::api::PagefindIndex`). Records
//! come from the model, never from the written pages: experts and pages
//! as custom records, briefs as small HTML documents made from the model
//! (Pagefind turns their anchored headings into sub-results, which its
//! custom records cannot have). Pagefind's API is async (tokio); a small
//! runtime of its own runs it here, so callers stay synchronous.

use super::records::{Content, Record};
use crate::escape;
use anyhow::Context;
use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The output folder of the bundle.
pub(crate) const BUNDLE: &str = "pagefind/";

/// The bundle's files for `records`, as (output path, bytes), sorted by
/// path. `language` (the site's BCP 47 tag) picks the stemmer.
pub(crate) fn bundle(
    records: Vec<Record>,
    language: &str,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    // Pagefind names languages in lower case (`pt-br`), as it reads them
    // from `<html lang>`; its stemmers go by the part before the `-`.
    let language = language.to_ascii_lowercase();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("cannot start the search indexer's runtime")?;
    let files = runtime.block_on(index(records, language))?;
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            (format!("{BUNDLE}{name}"), f.contents)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

async fn index(records: Vec<Record>, language: String) -> anyhow::Result<Vec<SyntheticFile>> {
    let config = PagefindServiceConfig::builder()
        .force_language(language.clone())
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(config)).context("cannot set up the search index")?;
    for r in records {
        let url = r.url.clone();
        let added = match r.content {
            Content::Text(text) => {
                let (meta, filters, sort) = (Some(r.meta), Some(r.filters), Some(r.sort));
                (index.add_custom_record(r.url, text, language.clone(), meta, filters, sort)).await
            }
            Content::Html(body) => {
                let doc = document(&language, &r.meta, &r.filters, &r.sort, &body);
                index.add_html_file(None, Some(r.url), doc).await
            }
        };
        added.with_context(|| format!("cannot index {url}"))?;
    }
    (index.get_files().await).context("cannot build the search index")
}

/// An HTML document of `body` carrying meta, filters and sorts as
/// Pagefind's attributes (values taken whole from `content`, so commas
/// and colons in them are safe).
fn document(
    language: &str,
    meta: &BTreeMap<String, String>,
    filters: &BTreeMap<String, Vec<String>>,
    sort: &BTreeMap<String, String>,
    body: &str,
) -> String {
    let mut doc = String::with_capacity(body.len() + 1024);
    let _ = write!(
        doc,
        "<!DOCTYPE html><html lang=\"{}\"><head>",
        attr(language)
    );
    let mut tag = |what: &str, key: &str, value: &str| {
        let (key, value) = (attr(key), attr(value));
        let _ = write!(
            doc,
            "<meta data-pagefind-{what}=\"{key}[content]\" content=\"{value}\">"
        );
    };
    for (key, value) in meta {
        tag("meta", key, value);
    }
    for (key, values) in filters {
        for value in values {
            tag("filter", key, value);
        }
    }
    for (key, value) in sort {
        tag("sort", key, value);
    }
    doc.push_str("</head><body>\n");
    doc.push_str(body);
    doc.push_str("\n</body></html>");
    doc
}

fn attr(value: &str) -> String {
    escape::markup(&escape::html_safe(value))
}
