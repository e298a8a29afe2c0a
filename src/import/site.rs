//! The site imported into, as it is before the import: its configuration
//! and the experts, briefs and pages it already has (read with the build's
//! own loader and parsers), for matching names and titles and keeping
//! clear of the slugs and ids it uses.

use crate::config::{BuildOptions, Config};
use std::path::{Path, PathBuf};

/// An expert the site has.
#[derive(Debug, Clone)]
pub(crate) struct KnownExpert {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// A brief the site has.
#[derive(Debug, Clone)]
pub(crate) struct KnownBrief {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) path: PathBuf,
    pub(crate) published: bool,
}

/// What the site holds.
#[derive(Debug)]
pub(crate) struct Site {
    pub(crate) config: Config,
    pub(crate) experts: Vec<KnownExpert>,
    pub(crate) briefs: Vec<KnownBrief>,
    /// The URL paths of its pages (`about`, `team/jobs`).
    pub(crate) pages: Vec<String>,
}

/// Reads the site at `root`; its configuration must be valid.
pub(crate) fn read(root: &Path) -> anyhow::Result<Site> {
    let config = Config::load(&BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    })?;
    let sources = crate::load::load(root, config.max_file_size);
    let (parsed, _) = crate::parse::parse_all(&sources.files, &config);
    let now = config.now;
    let briefs = parsed
        .briefs
        .iter()
        .map(|b| KnownBrief {
            slug: b.slug.to_string(),
            title: b.title.to_string(),
            path: b.source.to_path_buf(),
            published: !b.draft && b.embargo.is_none_or(|e| e.timestamp <= now),
        })
        .collect();
    let experts = parsed
        .experts
        .iter()
        .map(|e| KnownExpert {
            id: e.id.clone(),
            name: e.name.clone(),
        })
        .collect();
    let pages = parsed.pages.iter().map(|p| p.path.clone()).collect();
    Ok(Site {
        config,
        experts,
        briefs,
        pages,
    })
}
