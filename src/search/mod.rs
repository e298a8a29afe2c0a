//! Stage 5b: site search. The model becomes search records
//! ([`records`]), Pagefind turns them into an index and its assets under
//! `pagefind/` ([`index`]); the `/search/` page itself is an ordinary page
//! ([`crate::render::pages::Job::Search`]). With `search: false` in
//! site.yaml none of it is made.
//!
//! `build` and `check` write the bundle after the pages. `serve` leaves it
//! out of its incremental rebuilds (so they stay byte-equal to a full build
//! without the bundle) and makes it on a background thread instead (see
//! `serve::search`).

pub(crate) mod index;
pub(crate) mod records;
pub(crate) mod text;

use crate::model::Site;
use crate::render::Sink;

pub(crate) use index::BUNDLE;

/// Whether `path` (an output path) belongs to the search bundle.
pub(crate) fn is_bundle_file(path: &str) -> bool {
    path.starts_with(BUNDLE)
}

/// The bundle's files for `site`; none when search is off.
pub(crate) fn bundle(site: &Site) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    if !site.config.search {
        return Ok(Vec::new());
    }
    index::bundle(records::records(site), &site.config.language)
}

/// Writes the bundle into `sink`; returns how many files.
pub(crate) fn write(site: &Site, sink: &dyn Sink) -> anyhow::Result<usize> {
    let files = bundle(site)?;
    for (path, bytes) in &files {
        sink.write(path, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {path}: {e}"))?;
    }
    Ok(files.len())
}
