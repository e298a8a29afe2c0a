//! An expert file: strict front matter (SPEC section 4) and a Markdown
//! biography. The file stem is the expert's id.

use super::url::URL_HINT;
use super::{UrlUse, check_url, frontmatter, markdown};
use crate::config::Config;
use crate::diag::Diagnostic;
use indexmap::IndexMap;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpert {
    name: String,
    #[serde(default)]
    honorific: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    program: String,
    sort_name: Option<String>,
    photo: Option<String>,
    email: Option<String>,
    orcid: Option<String>,
    #[serde(default)]
    links: IndexMap<String, String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
    lang: Option<String>,
    translation_of: Option<String>,
}

/// An expert as written.
#[derive(Debug, Clone)]
pub(crate) struct ParsedExpert {
    pub(crate) source: PathBuf,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) honorific: String,
    pub(crate) role: String,
    pub(crate) program: String,
    pub(crate) sort_name: String,
    pub(crate) photo: Option<String>,
    pub(crate) email: Option<String>,
    /// Bare ORCID iD (`0000-0002-1825-0097`), checksum-checked.
    pub(crate) orcid: Option<String>,
    pub(crate) links: IndexMap<String, String>,
    pub(crate) topics: Vec<String>,
    pub(crate) bio_html: String,
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// `lang:` and `translation_of:` (the original's id, which this
    /// profile then takes in its language).
    pub(crate) translation: super::Translation,
}

/// Parses one expert file.
pub(crate) fn parse(
    path: &Path,
    text: &str,
    config: &Config,
) -> Result<ParsedExpert, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let front = split.front;
    let raw: RawExpert = front.parse(path).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    problems.extend(id_problem(path, &stem));
    if raw.name.trim().is_empty() {
        let (l, c) = front.find_key("name").unwrap_or((1, 1));
        problems.push(
            Diagnostic::error(path, "`name` is empty")
                .at(front.file, l, c)
                .hint("write the expert's full name"),
        );
    }
    problems.extend(url_problems(path, &front, &raw));
    if let Some(photo) = raw.photo.as_deref() {
        problems.extend(photo_missing(path, &front, photo, &config.root));
    }
    let orcid = raw.orcid.as_deref().and_then(|o| {
        super::identifiers::check_orcid(o)
            .map_err(|m| {
                let (l, c) = front.find_value(o.trim(), Some("orcid"));
                problems.push(Diagnostic::error(path, m).at(front.file, l, c).hint(
                    "copy the iD from the expert's orcid.org page, e.g. 0000-0002-1825-0097",
                ));
            })
            .ok()
    });
    if let Some(email) = raw.email.as_deref() {
        problems.extend(email_problem(path, &front, email));
    }
    let cx = markdown::Context {
        base_path: &config.base_path,
        reserved_ids: &[],
    };
    let (bio, bio_problems) = markdown::render_body(path, front.file, split.body, &cx);
    problems.extend(bio_problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ParsedExpert {
        translation: super::Translation::read(&front, raw.lang, raw.translation_of),
        source: path.to_path_buf(),
        sort_name: raw
            .sort_name
            .unwrap_or_else(|| default_sort_name(&raw.name)),
        id: stem,
        name: raw.name,
        honorific: raw.honorific,
        role: raw.role,
        program: raw.program,
        photo: raw.photo.filter(|p| !p.is_empty()),
        email: raw.email.filter(|e| !e.is_empty()),
        orcid,
        links: raw.links,
        topics: raw.topics,
        bio_html: bio.html,
        extra: raw.extra,
    })
}

/// The photo and links that are not URLs this site can use.
fn url_problems(path: &Path, front: &crate::yaml::Block, raw: &RawExpert) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let urls = raw
        .photo
        .iter()
        .map(|u| ("photo", u, UrlUse::Image))
        .chain(raw.links.values().map(|u| ("links", u, UrlUse::Link)));
    for (key, url, usage) in urls {
        if let Err(m) = check_url(url, usage) {
            let (l, c) = front.find_value(url, Some(key));
            problems.push(
                Diagnostic::error(path, m)
                    .at(front.file, l, c)
                    .hint(URL_HINT),
            );
        }
    }
    problems
}

/// Why the file's stem `stem` cannot be an expert's id, if it cannot.
fn id_problem(path: &Path, stem: &str) -> Option<Diagnostic> {
    if !is_expert_id(stem) {
        return Some(
            Diagnostic::error(path, format!("`{stem}` is not a valid expert id"))
                .at_line(1, 1)
                .hint(format!(
                    "rename the file to `{}.md`: ids are lowercase letters, digits and hyphens",
                    slug::slugify(stem)
                )),
        );
    }
    let problem = crate::portable::check(stem).err()?;
    Some(
        Diagnostic::error(path, format!("the expert id {}", problem.describe(stem)))
            .at_line(1, 1)
            .hint("rename the file: its name (without .md) is the expert's id and URL"),
    )
}

/// Why `email` is not an email address, if it is not (empty is none).
fn email_problem(path: &Path, front: &crate::yaml::Block, email: &str) -> Option<Diagnostic> {
    let malformed = !email.contains('@')
        || email.contains(char::is_whitespace)
        || email.contains(['<', '>', '"']);
    if email.is_empty() || !malformed {
        return None;
    }
    let (l, c) = front.find_key("email").unwrap_or((1, 1));
    Some(
        Diagnostic::error(path, format!("`{email}` is not an email address"))
            .at(front.file, l, c)
            .hint("write it as name@example.org"),
    )
}

/// A photo on this site (`/images/x.jpg`) must be a file under static/.
fn photo_missing(
    path: &Path,
    front: &crate::yaml::Block,
    photo: &str,
    root: &Path,
) -> Option<Diagnostic> {
    let site_path = photo.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
    let file = site_path.split(['?', '#']).next().unwrap_or("");
    let on_disk = Path::new("static").join(file);
    if root.join(&on_disk).is_file() {
        return None;
    }
    let (l, c) = front.find_value(photo, Some("photo"));
    Some(
        Diagnostic::error(
            path,
            format!("photo `{photo}` not found: there is no file {}", on_disk.display()),
        )
        .at(front.file, l, c)
        .hint("put the photo under static/ (`/images/x.jpg` is static/images/x.jpg), or give an http(s) URL"),
    )
}

/// Whether `id` is a valid expert id: lowercase ASCII letters, digits and
/// single inner hyphens.
pub(crate) fn is_expert_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// "Clifford D. May" -> "May, Clifford D.".
fn default_sort_name(name: &str) -> String {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((first, last)) => format!("{last}, {first}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_names() {
        for (name, want) in [("Clifford D. May", "May, Clifford D."), ("Plato", "Plato")] {
            assert_eq!(default_sort_name(name), want);
        }
    }

    #[test]
    fn ids() {
        for (id, ok) in [
            ("john-hardie", true),
            ("John", false),
            ("a--b", false),
            ("x_y", false),
            ("", false),
        ] {
            assert_eq!(is_expert_id(id), ok, "{id}");
        }
    }

    #[test]
    fn bad_file_name_and_javascript_link() {
        let text = "---\nname: A B\nlinks:\n  Site: javascript:alert(1)\n---\nBio\n";
        let config = Config::from_text(
            "title: T\nbase_url: https://x.org\n",
            &crate::config::BuildOptions::default(),
        )
        .unwrap();
        let e = parse(Path::new("content/experts/A_B.md"), text, &config).unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("not a valid expert id"));
        assert_eq!(e[1].line, Some(4));
    }
}
