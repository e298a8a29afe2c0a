//! New files and new sites: `briefs new brief`, `briefs new expert` and
//! `briefs init`. Each takes a site root (or a new folder) plus a few values
//! and returns the paths it wrote. Nothing existing is ever overwritten.

use crate::config::{BuildOptions, Config};
use crate::parse::expert::is_expert_id;
use crate::render::templates::{BUILTIN_STATIC, BUILTIN_TEMPLATES};
use anyhow::{Context, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `briefs new brief` is told.
#[derive(Debug, Clone, Default)]
pub struct NewBrief {
    /// The site root.
    pub root: PathBuf,
    /// The brief's title; its slug names the file.
    pub title: String,
    /// Expert ids, each becoming a `responses` entry to fill in.
    pub experts: Vec<String>,
    /// Topic names.
    pub topics: Vec<String>,
    /// Default: the theme's `default_kind` in the brief's language ("Brief").
    pub kind: Option<String>,
    /// The URL slug, for a title that gives none worth having (a title in
    /// Arabic or Chinese); default: the slug of the title.
    pub slug: Option<String>,
    /// The brief's language (`lang:`), when not the site's default.
    pub lang: Option<String>,
}

/// Writes `content/briefs/YYYY-MM-DD-<slug>.md` (today in the site's time
/// zone) as a draft; returns its path.
pub fn new_brief(req: &NewBrief) -> anyhow::Result<PathBuf> {
    let config = Config::load(&BuildOptions {
        root: req.root.clone(),
        ..BuildOptions::default()
    })?;
    if let Some(s) = &req.slug {
        if let Err(bad) = crate::parse::check_slug(s) {
            bail!("--slug: {}", bad.message);
        }
    }
    let slug = req
        .slug
        .clone()
        .unwrap_or_else(|| slug::slugify(&req.title));
    if slug.is_empty() {
        bail!(
            "the title `{}` gives an empty slug; use a title with letters or digits",
            req.title
        );
    }
    if let Err(problem) = crate::portable::check(&slug) {
        bail!(
            "the title `{}` gives the slug {}; add a word to the title",
            req.title,
            problem.describe(&slug)
        );
    }
    check_experts(&req.root, &req.experts)?;
    let date = config.now.to_zoned(config.timezone.clone()).date();
    let path = req
        .root
        .join("content/briefs")
        .join(format!("{date}-{slug}.md"));
    check_slug_free(&req.root, &slug, &path)?;
    let tag = req.lang.as_deref().unwrap_or(&config.default_language);
    let text = brief_text(req, &date.to_string(), config.default_kind(tag));
    write_new(&path, text.as_bytes())?;
    Ok(path)
}

/// Writes `content/experts/<id>.md` with every front-matter key; returns its path.
/// `id` (`--id`) names the file when the name gives no id worth having (a
/// name in Arabic or Chinese).
pub fn new_expert(root: &Path, name: &str, id: Option<&str>) -> anyhow::Result<PathBuf> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        bail!(
            "{} has no site.yaml; run briefs in a site folder or pass --root DIR",
            root.display()
        );
    }
    let id = id.map_or_else(|| slug::slugify(name), str::to_string);
    if !is_expert_id(&id) {
        bail!(
            "`{id}` (from the name `{name}` or --id) is no usable expert id; \
             pass --id with lowercase letters, digits and hyphens"
        );
    }
    if let Err(problem) = crate::portable::check(&id) {
        bail!(
            "the name `{name}` gives the expert id {}",
            problem.describe(&id)
        );
    }
    let path = root.join("content/experts").join(format!("{id}.md"));
    write_new(&path, expert_text(name, &id).as_bytes())?;
    Ok(path)
}

/// Makes a new site in `dir` (which must be missing or empty): site.yaml,
/// one example brief and one expert; with `theme`, a copy of the default
/// theme in themes/default/ to customise. Returns the files written.
pub fn init(dir: &Path, theme: bool) -> anyhow::Result<Vec<PathBuf>> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "refusing to make a site in {}: the folder is not empty",
                dir.display()
            );
        }
    }
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("site.yaml".into(), SITE_YAML.into()),
        (
            format!("content/briefs/{today}-welcome-to-briefs.md").into(),
            example_brief(&today.to_string()).into_bytes(),
        ),
        ("content/experts/jane-doe.md".into(), EXAMPLE_EXPERT.into()),
        ("static/.gitkeep".into(), Vec::new()),
    ];
    if theme {
        for (name, text) in BUILTIN_TEMPLATES {
            files.push((
                format!("themes/default/templates/{name}").into(),
                text.as_bytes().to_vec(),
            ));
        }
        for (name, bytes) in BUILTIN_STATIC {
            files.push((
                format!("themes/default/static/{name}").into(),
                bytes.to_vec(),
            ));
        }
    }
    let mut written = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        let path = dir.join(rel);
        write_new(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// The expert ids of a site: the stems of `content/experts/*.md`, sorted.
pub(crate) fn known_experts(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("content/experts")) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    ids.sort();
    ids
}

fn check_experts(root: &Path, wanted: &[String]) -> anyhow::Result<()> {
    let known = known_experts(root);
    let unknown: Vec<&str> = wanted
        .iter()
        .filter(|id| !known.contains(id))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let list = if known.is_empty() {
        "there are none yet; `briefs new expert \"Full Name\"` makes one".to_string()
    } else {
        format!("known experts: {}", known.join(", "))
    };
    bail!(
        "unknown expert{} `{}`; {list}",
        if unknown.len() == 1 { "" } else { "s" },
        unknown.join("`, `")
    )
}

/// Refuses a slug that another brief file (not `target`) takes by its name.
fn check_slug_free(root: &Path, slug: &str, target: &Path) -> anyhow::Result<()> {
    let dir = root.join("content/briefs");
    let taken = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path() != target)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .find(|e| crate::parse::slug_from_file(e.path()) == slug);
    match taken {
        Some(e) => bail!(
            "a brief with the slug `{slug}` exists already: {}; choose another title",
            e.path().display()
        ),
        None => Ok(()),
    }
}

/// Creates `path` (and its folders) only if it does not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                anyhow::anyhow!("refusing to overwrite {}: it exists", path.display())
            }
            _ => anyhow::Error::new(e).context(format!("cannot create {}", path.display())),
        })?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn flow_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The new brief's file; `default_kind` is its language's kind for briefs
/// that name none.
fn brief_text(req: &NewBrief, date: &str, default_kind: &str) -> String {
    let kind = req.kind.as_deref().unwrap_or(default_kind);
    let mut responses = String::new();
    for id in &req.experts {
        responses.push_str(&format!(
            "  - expert: {id}\n    quote: \"TODO: the quote from {id}.\"\n"
        ));
    }
    let responses = if responses.is_empty() {
        "responses: []\n".to_string()
    } else {
        format!("responses:\n{responses}")
    };
    let slug = (req.slug.clone()).unwrap_or_else(|| slug::slugify(&req.title));
    let slug_line = match &req.slug {
        Some(s) => format!("slug: {s}\n"),
        None => format!("# slug: {slug}\n"),
    };
    let lang = (req.lang.as_deref()).map_or_else(String::new, |l| format!("lang: {l}\n"));
    format!(
        "---\ntitle: {title}\ndate: {date}\n# updated: {date}\n{slug_line}{lang}kind: {kind}\n\
         # summary: \"One sentence for listings and feeds (default: the first paragraph).\"\n\
         topics: {topics}\nauthors: []\n{responses}\
         related: []\n#  - title: \"An earlier piece\"\n#    by: [expert-id]\n#    url: https://example.org/\n\
         draft: true\n# embargo: {date}T06:00:00-05:00\n\
         # image:\n#   src: lead.jpg\n#   alt: \"What the image shows\"\n#   caption: \"\"\n#   credit: \"\"\n\
         # pdf: {slug}.pdf\n# doi: 10.XXXX/...\n# number: \"\"\n# series: \"\"\n\
         extra: {{}}\n---\n\
         ## Latest Developments\n\n\
         - **First development:** What happened, in one or two sentences.\n\
         - **Second development:** Why it matters.\n",
        title = quoted(&req.title),
        kind = quoted(kind),
        topics = flow_list(&req.topics),
    )
}

fn expert_text(name: &str, id: &str) -> String {
    format!(
        "---\nname: {name}\nhonorific: \"\"\nrole: \"\"\nprogram: \"\"\n\
         # sort_name: \"Last, First\"\n# photo: /images/experts/{id}.jpg\n\
         # orcid: 0000-0000-0000-0000\n\
         email: \"\"\nlinks: {{}}\ntopics: []\nextra: {{}}\n---\n\
         Biography in Markdown.\n",
        name = quoted(name),
    )
}

const SITE_YAML: &str = "# The site configuration; see the briefs README for every key.
title: My Policy Briefs
base_url: https://example.org/
description: Briefs and expert responses.
language: en
organisation: My Institute
paginate: 20
timezone: UTC
feed:
  limit: 50
";

const EXAMPLE_EXPERT: &str = "---
name: Jane Doe
role: Senior Fellow
program: \"\"
links: {}
topics: [Example]
---
Jane Doe is an example expert. Replace this file with a real profile.
";

fn example_brief(date: &str) -> String {
    format!(
        "---
title: \"Welcome to briefs\"
date: {date}
kind: Flash Brief
topics: [Example]
authors: [jane-doe]
responses:
  - expert: jane-doe
    quote: \"This is what an expert response looks like.\"
related:
  - title: \"The briefs documentation\"
    url: https://example.org/
---
## Latest Developments

- **A new site:** `briefs init` made this site; `briefs build` turns it into public/.
- **Next steps:** edit site.yaml, then `briefs new brief \"Title\"` for a new brief.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_yaml() {
        for s in [
            "plain",
            "a \"quote\" & <b>",
            "colon: here",
            "# hash",
            "é 🛰️",
        ] {
            let text = format!("v: {}\n", quoted(s));
            let v: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            assert_eq!(v["v"], s);
        }
    }

    #[test]
    fn refuses_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.md");
        write_new(&p, b"one").unwrap();
        let e = write_new(&p, b"two").unwrap_err();
        assert!(e.to_string().contains("refusing to overwrite"));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
    }
}
