//! The files an import writes, as text: front matter serialised with
//! serde (the shape the parsers in `crate::parse` read, empty keys left
//! out) between `---` lines, then the Markdown body; and each checked by
//! parsing it back with the build's own parser.

use crate::config::Config;
use serde::Serialize;
use std::path::Path;

/// A brief's front matter.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct BriefFront {
    pub(crate) title: String,
    pub(crate) date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) kind: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) topics: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) authors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) responses: Vec<Response>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) related: Vec<Related>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) embargo: Option<String>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

/// One `responses` entry.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Response {
    pub(crate) expert: String,
    pub(crate) quote: String,
}

/// One `related` entry.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Related {
    pub(crate) title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) by: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) by_name: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) brief: Option<String>,
    /// The publication label ("FDD Flash Brief") of a piece naming no
    /// brief of the site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) label: Option<String>,
}

/// An expert's front matter.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ExpertFront {
    pub(crate) name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) honorific: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) role: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) program: String,
}

/// A page's front matter.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PageFront {
    pub(crate) title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) draft: bool,
}

/// `---`, the front matter as YAML, `---`, the body.
pub(crate) fn text(front: &impl Serialize, body: &str) -> String {
    // Plain structs of strings, lists and maps always serialise.
    let yaml = serde_yaml::to_string(front).unwrap_or_default();
    let mut out = format!("---\n{yaml}---\n");
    if !body.trim().is_empty() {
        out.push_str(body.trim_start_matches('\n'));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Which parser reads a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Brief,
    Expert,
    Page,
}

/// Parses `text` as the file at `path` would be; the problems, if any.
pub(crate) fn check(kind: FileKind, path: &str, text: &str, config: &Config) -> Result<(), String> {
    let p = Path::new(path);
    let problems = match kind {
        FileKind::Brief => crate::parse::brief::parse(p, text, config).err(),
        FileKind::Expert => crate::parse::expert::parse(p, text, config).err(),
        FileKind::Page => {
            let inner = p.strip_prefix("content/pages").unwrap_or(p);
            crate::parse::page::parse(p, inner, text, config).err()
        }
    };
    match problems {
        None => Ok(()),
        Some(ds) => Err(ds
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awkward_values_survive_the_round_trip() {
        let config =
            Config::from_text("title: T\nbase_url: https://x.org\n", &Default::default()).unwrap();
        for title in [
            "a: b",
            "---",
            "# x",
            "\"quoted\" 'single'",
            "yes",
            "2024-01-01",
            "é 🛰️\nsecond line",
            "- item",
            "[x]",
        ] {
            let front = BriefFront {
                title: title.into(),
                date: "2024-11-07".into(),
                ..BriefFront::default()
            };
            let t = text(&front, "Body.\n");
            check(
                FileKind::Brief,
                "content/briefs/2024-11-07-x.md",
                &t,
                &config,
            )
            .unwrap_or_else(|e| panic!("{title:?}: {e}\n{t}"));
            let b = crate::parse::brief::parse(
                Path::new("content/briefs/2024-11-07-x.md"),
                &t,
                &config,
            )
            .unwrap();
            assert_eq!(&*b.title, title);
        }
    }
}
