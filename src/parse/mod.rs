//! Stage 2: every source file parsed, in parallel, into briefs, experts and
//! pages. References between them stay ids (with their file positions) until
//! the model resolves them.

pub(crate) mod brief;
pub(crate) mod date;
pub(crate) mod expert;
pub(crate) mod footnotes;
pub(crate) mod frontmatter;
pub(crate) mod identifiers;
pub(crate) mod ids;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod media;
pub(crate) mod page;
pub(crate) mod publication;
pub(crate) mod slugs;
pub(crate) mod srcset;
pub(crate) mod translation;
pub(crate) mod url;

pub(crate) use brief::{BriefCore, ParsedBrief};
pub(crate) use date::Moment;
pub(crate) use expert::ParsedExpert;
pub(crate) use page::ParsedPage;
pub(crate) use translation::Translation;
pub(crate) use url::{UrlUse, check_url};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Collection, SourceFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Text shared between the parsed file, the model and every rebuild's model.
pub(crate) type Text = std::sync::Arc<str>;

/// An id or name used in front matter, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ref {
    pub(crate) id: String,
    pub(crate) line: usize,
    pub(crate) col: usize,
}

/// Everything parsed from `content/`.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) briefs: Vec<ParsedBrief>,
    pub(crate) experts: Vec<ParsedExpert>,
    pub(crate) pages: Vec<ParsedPage>,
    /// Files that could not be read or parsed (their errors are reported
    /// already): references to them are not reported again.
    pub(crate) failed: Vec<PathBuf>,
}

/// One parsed content file.
#[derive(Debug, Clone)]
pub(crate) enum ParsedFile {
    Brief(Box<ParsedBrief>),
    Expert(Box<ParsedExpert>),
    Page(Box<ParsedPage>),
}

/// Parses every file that could be read; the problems of all files come
/// back together with whatever parsed.
pub(crate) fn parse_all(files: &[SourceFile], config: &Config) -> (Parsed, Diagnostics) {
    let results: Vec<Result<ParsedFile, Vec<Diagnostic>>> =
        files.par_iter().map(|f| parse_one(f, config)).collect();
    let mut parsed = Parsed::default();
    let mut problems = Diagnostics::default();
    for (r, f) in results.into_iter().zip(files) {
        match r {
            Ok(ParsedFile::Brief(b)) => parsed.briefs.push(*b),
            Ok(ParsedFile::Expert(e)) => parsed.experts.push(*e),
            Ok(ParsedFile::Page(p)) => parsed.pages.push(*p),
            Err(ds) => {
                parsed.failed.push(f.rel.clone());
                problems.extend(ds);
            }
        }
    }
    (parsed, problems)
}

/// Parses one content file.
pub(crate) fn parse_one(f: &SourceFile, config: &Config) -> Result<ParsedFile, Vec<Diagnostic>> {
    match f.collection {
        Collection::Brief => {
            brief::parse(&f.rel, &f.text, config).map(|b| ParsedFile::Brief(Box::new(b)))
        }
        Collection::Expert => {
            expert::parse(&f.rel, &f.text, config).map(|e| ParsedFile::Expert(Box::new(e)))
        }
        Collection::Page => {
            let inner = f.rel.strip_prefix("content/pages").unwrap_or(&f.rel);
            page::parse(&f.rel, inner, &f.text, config).map(|p| ParsedFile::Page(Box::new(p)))
        }
    }
}

/// Why a slug is refused, and the fix when there is an obvious one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadSlug {
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl From<String> for BadSlug {
    fn from(message: String) -> Self {
        BadSlug {
            message,
            hint: None,
        }
    }
}

/// Checks a slug (written in front matter, or made from a file name): one
/// URL path segment of safe characters, lower case, and a name every host
/// can store ([`crate::portable`]).
pub(crate) fn check_slug(slug: &str) -> Result<(), BadSlug> {
    if slug.is_empty() {
        return Err(String::from("the slug is empty").into());
    }
    if slug.contains(['/', '\\']) || slug.contains("..") || slug.starts_with('.') {
        return Err(format!(
            "the slug `{slug}` must be a single URL segment (no `/`, `\\` or `..`)"
        )
        .into());
    }
    if let Some(c) = slug
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!("the slug `{slug}` contains `{c}`, which is not safe in a URL").into());
    }
    if let Err(problem) = crate::portable::check(slug) {
        return Err(BadSlug {
            message: format!("the slug {}", problem.describe(slug)),
            hint: Some(problem.hint().to_string()),
        });
    }
    if slug.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = slug.to_ascii_lowercase();
        return Err(BadSlug {
            message: format!("the slug `{slug}` has upper-case letters"),
            hint: Some(format!(
                "write it `{lower}`: URLs that differ only by case are one file on macOS and Windows"
            )),
        });
    }
    Ok(())
}

/// The file stem without a leading `YYYY-MM-DD-`, made URL-safe.
pub(crate) fn slug_from_file(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bytes[10] == b'-';
    let rest = if dated { &stem[11..] } else { &stem[..] };
    slug::slugify(rest)
}

/// Runs every parser on arbitrary bytes as if they were a brief, an expert
/// and a page file, formatting any diagnostics: the entry point of the fuzz
/// target in `fuzz/`. It must never panic, whatever the input.
pub fn fuzz_one(bytes: &[u8]) {
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        Config::from_text(
            "title: Fuzz\nbase_url: https://fuzz.example.org/sub/\n",
            &crate::config::BuildOptions::default(),
        )
        .expect("the fuzz configuration is valid")
    });
    let text = String::from_utf8_lossy(bytes);
    let show = |ds: Vec<Diagnostic>| ds.iter().map(ToString::to_string).count();
    if let Err(ds) = brief::parse(Path::new("content/briefs/2024-01-01-f.md"), &text, config) {
        show(ds);
    }
    if let Err(ds) = expert::parse(Path::new("content/experts/f.md"), &text, config) {
        show(ds);
    }
    if let Err(ds) = page::parse(
        Path::new("content/pages/f.md"),
        Path::new("f.md"),
        &text,
        config,
    ) {
        show(ds);
    }
    let _ = markdown::render(&text, &markdown::Context::default());
    let _ = markdown::to_text(&text);
    let _ = check_slug(&text);
    let _ = check_url(&text, UrlUse::Link);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_from_file_names() {
        for (file, want) in [
            ("2024-11-07-nk-troops-clash.md", "nk-troops-clash"),
            ("nk troops.md", "nk-troops"),
            ("2024-11-07.md", "2024-11-07"),
        ] {
            assert_eq!(slug_from_file(Path::new(file)), want, "{file}");
        }
    }

    #[test]
    fn slugs() {
        for (s, ok) in [
            ("nk-troops", true),
            ("", false),
            ("a/b", false),
            ("..", false),
            ("a b", false),
            ("a\\b", false),
            ("v1.2", true),
            ("Brief", false),
            ("con", false),
            ("com1.txt", false),
            ("brief.", false),
            (&"a".repeat(256), false),
        ] {
            assert_eq!(check_slug(s).is_ok(), ok, "{s:?}");
        }
    }
}
