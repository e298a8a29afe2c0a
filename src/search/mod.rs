//! Stage 5b: site search. The model becomes search records
//! ([`records`]), Pagefind turns them into an index and its assets under
//! `pagefind/` ([`index`]); the `/search/` page itself is an ordinary page
//! ([`crate::render::pages::Job::Search`]). With `search: false` in
//! site.yaml none of it is made.
//!
//! `build` and `check` build the bundle while the pages render, and write
//! it after them. `serve` leaves it
//! out of its incremental rebuilds (so they stay byte-equal to a full build
//! without the bundle) and makes it on a background thread instead (see
//! `serve::search`).

pub(crate) mod index;
pub(crate) mod records;
pub(crate) mod text;

use crate::model::Site;
use crate::render::{self, RenderReport, Sink, Templates};

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

/// Renders the site's pages into `sink` (see [`render::render`]) while
/// the search bundle is built beside them on a thread of its own (most of
/// Pagefind's indexing runs on one thread), then writes the bundle too.
pub(crate) fn render_with_bundle(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
) -> anyhow::Result<RenderReport> {
    if !site.config.search {
        return render::render(site, templates, sink);
    }
    // The pages render on all threads but one, which the indexer has to
    // itself: it is the longer of the two.
    let threads = rayon::current_num_threads().saturating_sub(1).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let (report, files) = std::thread::scope(|s| {
        let files = s.spawn(|| bundle(site));
        let render = || render::render(site, templates, sink);
        let report = match &pool {
            Ok(pool) => pool.install(render),
            Err(_) => render(),
        };
        let files =
            (files.join()).unwrap_or_else(|_| Err(anyhow::anyhow!("the search indexer failed")));
        (report, files)
    });
    let mut report = report?;
    report.search_files = write(files?, sink)?;
    Ok(report)
}

/// Writes the bundle's files into `sink`; returns how many.
fn write(files: Vec<(String, Vec<u8>)>, sink: &dyn Sink) -> anyhow::Result<usize> {
    for (path, bytes) in &files {
        sink.write(path, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {path}: {e}"))?;
    }
    Ok(files.len())
}
