//! Search records -> the files of a Pagefind bundle (its index, fragments,
//! filters, the WebAssembly search engine and its scripts and styles),
//! through Pagefind's Rust API (`pagefind::api::PagefindIndex`) and its
//! custom records: the index is fed from the model, never from written
//! HTML. Pagefind's API is async (tokio); a small runtime of its own runs
//! it here, so callers stay synchronous.

use super::records::Record;
use anyhow::Context;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The output folder of the bundle.
pub(crate) const BUNDLE: &str = "pagefind/";

/// The bundle's files for `records`, as (output path, bytes), sorted by
/// path. `language` (the site's BCP 47 tag) picks the stemmer.
pub(crate) fn bundle(
    records: Vec<Record>,
    language: &str,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let language = index_language(language);
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

async fn index(
    records: Vec<Record>,
    language: String,
) -> anyhow::Result<Vec<pagefind::api::SyntheticFile>> {
    let config = PagefindServiceConfig::builder()
        .force_language(language.clone())
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(config)).context("cannot set up the search index")?;
    for r in records {
        let url = r.url.clone();
        index
            .add_custom_record(
                r.url,
                r.content,
                language.clone(),
                Some(r.meta),
                Some(r.filters),
                Some(r.sort),
            )
            .await
            .with_context(|| format!("cannot index {url}"))?;
    }
    index
        .get_files()
        .await
        .context("cannot build the search index")
}

/// Pagefind names languages in lower case (`en`, `pt-br`) and matches them
/// against the page's `<html lang>` lower-cased; its stemmers go by the
/// part before the `-`.
fn index_language(tag: &str) -> String {
    tag.to_ascii_lowercase()
}
