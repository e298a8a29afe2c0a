//! A plain page (about, contact) under `content/pages/`: a title, optional
//! slug and description, and a Markdown body, served at `/<slug>/`.

use super::{check_slug, frontmatter, markdown};
use crate::config::Config;
use crate::diag::Diagnostic;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    slug: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
    lang: Option<String>,
    translation_of: Option<String>,
}

/// A plain page as written.
#[derive(Debug, Clone)]
pub(crate) struct ParsedPage {
    pub(crate) source: PathBuf,
    pub(crate) title: String,
    /// URL path below the site root, without slashes at either end.
    pub(crate) path: String,
    /// Where the URL came from: the `slug:` line, or line 1 for the file name.
    pub(crate) slug_at: (usize, usize),
    pub(crate) description: String,
    pub(crate) draft: bool,
    pub(crate) body_html: String,
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// `lang:` and `translation_of:` (the original page's slug).
    pub(crate) translation: super::Translation,
}

/// Parses one page file; `rel_in_pages` is its path below `content/pages/`.
pub(crate) fn parse(
    path: &Path,
    rel_in_pages: &Path,
    text: &str,
    config: &Config,
) -> Result<ParsedPage, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let front = split.front;
    let raw: RawPage = front.parse(path).map_err(|d| vec![d])?;
    let url_path = match &raw.slug {
        Some(slug) => {
            check_slug(slug).map_err(|bad| {
                let (l, c) = front.find_key("slug").unwrap_or((1, 1));
                let hint = bad
                    .hint
                    .unwrap_or_else(|| "use lowercase letters, digits and hyphens".into());
                vec![
                    Diagnostic::error(path, bad.message)
                        .at(front.file, l, c)
                        .hint(hint),
                ]
            })?;
            slug.clone()
        }
        None => {
            let no_ext = rel_in_pages.with_extension("");
            let parts: Vec<String> = no_ext
                .iter()
                .map(|p| slug::slugify(p.to_string_lossy()))
                .collect();
            if parts.iter().any(String::is_empty) {
                return Err(vec![
                    Diagnostic::error(path, "this file name gives no usable URL")
                        .at_line(1, 1)
                        .hint("rename the file, or set `slug:`"),
                ]);
            }
            let joined = parts.join("/");
            if let Err((_, segment, problem)) = crate::portable::check_path(&joined) {
                return Err(vec![
                    Diagnostic::error(
                        path,
                        format!("the page's URL segment {}", problem.describe(segment)),
                    )
                    .at_line(1, 1)
                    .hint("rename the file or folder, or set `slug:`"),
                ]);
            }
            joined
        }
    };
    let cx = markdown::Context {
        base_path: &config.base_path,
        reserved_ids: &[],
    };
    let (body, problems) = markdown::render_body(path, front.file, split.body, &cx);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ParsedPage {
        translation: super::Translation::read(&front, raw.lang, raw.translation_of),
        slug_at: front.find_key("slug").unwrap_or((1, 1)),
        source: path.to_path_buf(),
        title: raw.title,
        path: url_path,
        description: raw.description,
        draft: raw.draft,
        body_html: body.html,
        extra: raw.extra,
    })
}
