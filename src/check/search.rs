//! `check` on search: every language's Pagefind bundle must be there (its
//! script, its entry file naming its language, and that language's index), and
//! every search result must lead somewhere: the URL of each record, read
//! back from the bundle's fragment files, is checked as a link like any
//! other (a quote's `#response-…` anchor included).

use super::Files;
use super::extract::Extracted;
use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics};
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

/// Problems with the bundles among `files`, every language's: none when
/// search is off.
pub(crate) fn bundle_problems(config: &Config, files: &Files) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let tags = std::iter::once(&config.language).chain(config.languages.iter().map(|l| &l.tag));
    for (folder, tag) in crate::search::folders(config).iter().zip(tags) {
        language_problems(folder, tag, files, &mut problems);
    }
    problems
}

fn missing(what: &str) -> Diagnostic {
    Diagnostic::error(CONFIG_FILE, format!("the search index is incomplete: {what}"))
        .hint("this is a bug of briefs; `search: false` in site.yaml builds the site without search meanwhile")
}

/// The bundle in `folder` must have its script and entry file, the entry
/// must name the language `tag` (unless the index is empty), and each
/// language the entry names must have its index.
fn language_problems(folder: &str, tag: &str, files: &Files, problems: &mut Diagnostics) {
    for file in ["pagefind.js", "pagefind-entry.json"] {
        if !files.contains_key(&format!("{folder}{file}")) {
            problems.push(missing(&format!("/{folder}{file} is missing")));
        }
    }
    let entry = files
        .get(&format!("{folder}pagefind-entry.json"))
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok());
    let languages = entry
        .as_ref()
        .and_then(|e| e.get("languages")?.as_object().cloned())
        .unwrap_or_default();
    if entry.is_some() && languages.is_empty() {
        problems.push(
            Diagnostic::warning(
                CONFIG_FILE,
                format!(
                    "the search index /{folder} is empty: the language {tag} has nothing to find"
                ),
            )
            .hint("add a brief, an expert or a page, or set `search: false`"),
        );
    } else if entry.is_some() && !languages.contains_key(&tag.to_ascii_lowercase()) {
        problems.push(missing(&format!(
            "/{folder}pagefind-entry.json has no index of the language {tag}"
        )));
    }
    for (language, meta) in &languages {
        let hash = meta.get("hash").and_then(|h| h.as_str()).unwrap_or("");
        let index = format!("{folder}pagefind.{hash}.pf_meta");
        if !files.contains_key(&index) {
            problems.push(missing(&format!(
                "/{index} (language {language}) is missing"
            )));
        }
    }
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
    fn every_language_must_have_its_bundle() {
        let yaml = "title: T\nbase_url: https://x.org\nlanguages:\n  ar: {}\n";
        let config = Config::from_text(yaml, &crate::config::BuildOptions::default()).unwrap();
        let entry = |lang: &str| format!(r#"{{"languages":{{"{lang}":{{"hash":"h"}}}}}}"#);
        let mut files = Files::new();
        for (path, bytes) in [
            ("pagefind/pagefind.js", String::new()),
            ("pagefind/pagefind-entry.json", entry("en")),
            ("pagefind/pagefind.h.pf_meta", String::new()),
        ] {
            files.insert(path.into(), bytes.into_bytes());
        }
        let messages = |files: &Files| -> Vec<String> {
            let problems = bundle_problems(&config, files).0;
            problems.into_iter().map(|d| d.message).collect()
        };
        let incomplete = "the search index is incomplete: ";
        assert_eq!(
            messages(&files),
            [
                format!("{incomplete}/ar/pagefind/pagefind.js is missing"),
                format!("{incomplete}/ar/pagefind/pagefind-entry.json is missing"),
            ]
        );
        files.insert("ar/pagefind/pagefind.js".into(), Vec::new());
        files.insert(
            "ar/pagefind/pagefind-entry.json".into(),
            entry("en").into_bytes(),
        );
        assert_eq!(
            messages(&files),
            [
                format!(
                    "{incomplete}/ar/pagefind/pagefind-entry.json has no index of the language ar"
                ),
                format!("{incomplete}/ar/pagefind/pagefind.h.pf_meta (language en) is missing"),
            ]
        );
        files.insert(
            "ar/pagefind/pagefind-entry.json".into(),
            entry("ar").into_bytes(),
        );
        files.insert("ar/pagefind/pagefind.h.pf_meta".into(), Vec::new());
        assert_eq!(messages(&files), Vec::<String>::new());
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
