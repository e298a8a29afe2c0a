//! Stage 5b: site search. The model becomes search records
//! ([`records`]), Pagefind turns them into an index and its assets under
//! `pagefind/` ([`index`]); the `/search/` page itself is an ordinary page
//! ([`crate::render::pages::Job::Search`]). With `search: false` in
//! site.yaml none of it is made.
//!
//! A site in several languages gets one bundle per language, each in its
//! language's folder (`pagefind/`, `ar/pagefind/`), holding that
//! language's records only and stemmed for it; the bundles are built one
//! after another on the indexing thread.
//!
//! `build` and `check` build the bundles while the pages render, and write
//! them after them. `serve` leaves them
//! out of its incremental rebuilds (so they stay byte-equal to a full build
//! without the bundles) and makes them on a background thread instead (see
//! `serve::search`).

pub(crate) mod index;
pub(crate) mod records;
pub(crate) mod text;

use crate::config::Config;
use crate::lang::strings::Strings;
use crate::model::Site;
use crate::render::{self, RenderReport, Sink, Templates};

pub(crate) use index::BUNDLE;

/// The output folders of the site's bundles: `pagefind/`, then
/// `<lang>/pagefind/` for each other language; none when search is off.
pub(crate) fn folders(config: &Config) -> Vec<String> {
    if !config.search {
        return Vec::new();
    }
    let others = (config.languages.iter()).map(|l| format!("{}/{BUNDLE}", l.tag));
    std::iter::once(BUNDLE.to_string()).chain(others).collect()
}

/// Whether `path` (an output path) belongs to one of the bundles in
/// `folders` (see [`folders`]).
pub(crate) fn is_bundle_file(folders: &[String], path: &str) -> bool {
    folders.iter().any(|f| path.starts_with(f.as_str()))
}

/// The bundles' files for `site`, every language's (each under its
/// language's folder), in words of `strings`; none when search is off.
pub(crate) fn bundle(site: &Site, strings: &Strings) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    if !site.config.search {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for language in site.languages() {
        let c = &language.config;
        let words = strings.words(&c.language);
        let files = index::bundle(records::records(language, &words), &c.language)?;
        let prefixed = files.into_iter().map(|(path, bytes)| {
            let path = if c.lang_prefix.is_empty() {
                path
            } else {
                format!("{}{path}", c.lang_prefix)
            };
            (path, bytes)
        });
        out.extend(prefixed);
    }
    Ok(out)
}

/// Renders the site's pages into `sink` (see [`render::render`]) while
/// the search bundles are built beside them, then writes the bundles too.
pub(crate) fn render_with_bundle(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
) -> anyhow::Result<RenderReport> {
    if !site.config.search {
        return render::render(site, templates, sink);
    }
    // The pages render on a pool of all threads but one, the indexer on
    // rayon's global pool (all threads): the indexer is the longer of the
    // two and gets every core once the pages are done. One pool shared by
    // both was slower (the pages' small jobs kept the indexer waiting).
    let threads = rayon::current_num_threads().saturating_sub(1).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let (report, files) = std::thread::scope(|s| {
        let files = s.spawn(|| bundle(site, &templates.strings));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BuildOptions;

    #[test]
    fn one_bundle_folder_per_language() {
        let cases = [
            ("title: T\nbase_url: https://x.org\n", vec!["pagefind/"]),
            (
                "title: T\nbase_url: https://x.org\nlanguages:\n  ar: {}\n  fr: {}\n",
                vec!["pagefind/", "ar/pagefind/", "fr/pagefind/"],
            ),
            ("title: T\nbase_url: https://x.org\nsearch: false\n", vec![]),
        ];
        for (yaml, want) in cases {
            let c = Config::from_text(yaml, &BuildOptions::default()).unwrap();
            let got = folders(&c);
            assert_eq!(got, want, "{yaml}");
            let inside = |p: &str| is_bundle_file(&got, p);
            assert_eq!(inside("pagefind/pagefind.js"), !want.is_empty());
            assert!(!inside("briefs/pagefind/x"));
            assert_eq!(inside("ar/pagefind/pagefind.js"), want.len() > 1);
        }
    }
}
