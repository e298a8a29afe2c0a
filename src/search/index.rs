//! Search records -> the files of a Pagefind bundle (its index, fragments,
//! filters, the WebAssembly search engine and its scripts and styles),
//! through Pagefind's Rust API (`pagefind::api::PagefindIndex`). Records
//! come from the model, never from the written pages: experts and pages
//! as custom records, briefs as small HTML documents made from the model
//! (Pagefind turns their anchored headings into sub-results, which its
//! custom records cannot have). All records go to Pagefind in one batch,
//! which it parses and indexes on all threads (`add_records`, a method of
//! our patch of Pagefind: vendor/pagefind/PATCHES.md). The rest of
//! Pagefind's API is async (tokio); a small runtime of its own runs it
//! here, so callers stay synchronous.

use super::records::{Content, Record};
use crate::escape;
use anyhow::Context;
use pagefind::api::{NewRecord, PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;
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
    let mut out: Vec<(String, Vec<u8>)> = index(records, language)?
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            (format!("{BUNDLE}{name}"), f.contents)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Indexes `records` on the calling thread's rayon pool (so `serve`'s
/// indexer keeps to its own low-priority thread) and builds the bundle.
fn index(records: Vec<Record>, language: String) -> anyhow::Result<Vec<SyntheticFile>> {
    let config = PagefindServiceConfig::builder()
        .force_language(language.clone())
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(config)).context("cannot set up the search index")?;
    let batch = records
        .into_par_iter()
        .map(|r| match r.content {
            Content::Text(content) => NewRecord::Custom {
                url: r.url,
                content,
                language: language.clone(),
                meta: r.meta,
                filters: r.filters,
                sort: r.sort,
            },
            Content::Html(body) => NewRecord::Html {
                content: document(&language, &r.meta, &r.filters, &r.sort, &body),
                url: r.url,
            },
        })
        .collect();
    (index.add_records(batch)).context("cannot index the search records")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("cannot start the search indexer's runtime")?;
    (runtime.block_on(index.get_files())).context("cannot build the search index")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Vec<Record> {
        let meta = |title: &str| BTreeMap::from([("title".to_string(), title.to_string())]);
        let filters = |kind: &str| BTreeMap::from([("kind".to_string(), vec![kind.to_string()])]);
        let brief = |n: usize| Record {
            url: format!("/briefs/b{n}/"),
            content: Content::Html(format!(
                "<h1>Brief {n}</h1><p>Sanctions on grain {n}, ports and shipping.</p>\
                 <h2 id=\"response-{n}\">Response</h2><p>A quote about ports {n}.</p>"
            )),
            meta: meta(&format!("Brief {n}")),
            filters: filters("Brief"),
            sort: BTreeMap::from([("date".to_string(), format!("2024-01-{:02}", n + 1))]),
        };
        let mut out: Vec<Record> = (0..24).map(brief).collect();
        out.push(Record {
            url: "/experts/ada/".into(),
            content: Content::Text("Ada Lovelace\nAnalyst of engines".into()),
            meta: meta("Ada Lovelace"),
            filters: filters("Expert"),
            sort: BTreeMap::new(),
        });
        // A URL given twice: the later record replaces the earlier in place.
        let mut again = brief(3);
        again.content = Content::Html("<h1>Brief 3</h1><p>Rewritten about tariffs.</p>".into());
        out.push(again);
        out
    }

    /// What Pagefind's own API makes of `records`, one call per record.
    fn one_at_a_time(records: Vec<Record>, language: &str) -> Vec<(String, Vec<u8>)> {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(config)).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let files = runtime.block_on(async {
            for r in records {
                match r.content {
                    Content::Text(text) => {
                        let (meta, filters, sort) = (Some(r.meta), Some(r.filters), Some(r.sort));
                        let lang = language.to_string();
                        (index.add_custom_record(r.url, text, lang, meta, filters, sort)).await
                    }
                    Content::Html(body) => {
                        let doc = document(language, &r.meta, &r.filters, &r.sort, &body);
                        index.add_html_file(None, Some(r.url), doc).await
                    }
                }
                .unwrap();
            }
            index.get_files().await.unwrap()
        });
        let mut out: Vec<(String, Vec<u8>)> = (files.into_iter())
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_batch_makes_the_bundle_the_api_makes_one_record_at_a_time() {
        let batch = bundle(records(), "en").unwrap();
        let single = one_at_a_time(records(), "en");
        let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
            files.iter().map(|(n, _)| n.clone()).collect()
        };
        let batch_names: Vec<String> = (names(&batch).iter())
            .map(|n| n.strip_prefix(BUNDLE).unwrap().to_string())
            .collect();
        assert_eq!(batch_names, names(&single));
        assert!(batch_names.iter().any(|n| n.ends_with(".pf_fragment")));
        for ((name, a), (_, b)) in batch.iter().zip(&single) {
            assert!(a == b, "{name} differs");
        }
    }

    #[test]
    fn the_batch_answers_for_each_record_in_order() {
        let mut index = PagefindIndex::new(None).unwrap();
        let html = |url: &str, words: &str| NewRecord::Html {
            url: url.into(),
            content: format!("<html lang=\"en\"><body><p>{words}</p></body></html>"),
        };
        let custom = NewRecord::Custom {
            url: "/c/".into(),
            content: "three plain words".into(),
            language: "en".into(),
            meta: BTreeMap::from([("title".to_string(), "C".to_string())]),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        };
        let added = index
            .add_records(vec![html("/a/", "one"), custom, html("/b/", "two more")])
            .unwrap();
        let got: Vec<(&str, u32)> = (added.iter())
            .map(|r| (r.page_url.as_str(), r.page_word_count))
            .collect();
        assert_eq!(got, [("/a/", 1), ("/c/", 3), ("/b/", 2)]);
        assert_eq!(
            added[1].page_meta.get("title").map(String::as_str),
            Some("C")
        );
    }
}
