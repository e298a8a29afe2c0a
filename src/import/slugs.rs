//! Slugs for imported briefs and pages and the files they go in: made
//! from the source's slug (or the title), kept clear of every slug the site
//! and the import already use by a numbered suffix (`-2`, `-3`, in source
//! order, so the same sources always give the same slugs), each clash
//! reported. An item imported before keeps the file it was written to.

use super::archive::Entry;
use super::manifest::Manifest;
use super::site::Site;
use std::collections::{HashMap, HashSet};

/// Where an entry goes.
#[derive(Debug, Clone)]
pub(crate) struct Placement {
    pub(crate) slug: String,
    /// Path below the site root, with `/`.
    pub(crate) path: String,
}

/// A slug from `wanted`, or `fallback` when it gives none: lower-case
/// ASCII words joined by hyphens, at most 80 characters, portable.
pub(crate) fn clean(wanted: &str, fallback: &str) -> String {
    let mut slug = slug::slugify(wanted);
    if slug.is_empty() {
        slug = slug::slugify(fallback);
    }
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "untitled".into();
    }
    if crate::parse::check_slug(&slug).is_err() {
        slug.push_str("-1");
    }
    slug
}

/// `base`, or the first of `base-2`, `base-3`, … not in `taken`; taken then.
pub(crate) fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut slug = base.to_string();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(slug.clone());
    slug
}

/// Places every entry; clashes are described in `clashes`.
pub(crate) fn place(
    entries: &[Entry],
    site: &Site,
    manifest: &Manifest,
    clashes: &mut Vec<String>,
) -> Vec<Placement> {
    let mut owners = slug_owners(site);
    let mut taken: HashSet<String> = owners.keys().cloned().collect();
    // Items imported before keep their files (and slugs).
    let mut kept = kept_placements(entries, manifest);
    let prefix = |page: bool| if page { "p:" } else { "b:" };
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if let Some(p) = kept.remove(&i) {
                taken.insert(format!("{}{}", prefix(e.is_page), p.slug));
                return p;
            }
            let base = format!("{}{}", prefix(e.is_page), clean(&e.slug, &e.title));
            let slug = unique(&base, &mut taken)[2..].to_string();
            if slug != base[2..] {
                let owner = owners
                    .get(&base)
                    .cloned()
                    .unwrap_or_else(|| "another item of this import".into());
                clashes.push(format!(
                    "{}: the slug `{}` is taken by {owner}; imported as `{slug}`",
                    e.origin,
                    &base[2..]
                ));
            }
            owners
                .entry(format!("{}{slug}", prefix(e.is_page)))
                .or_insert_with(|| e.origin.clone());
            let path = if e.is_page {
                format!("content/pages/{slug}.md")
            } else {
                format!(
                    "content/briefs/{}/{}-{slug}.md",
                    &e.date[..4],
                    &e.date[..10]
                )
            };
            Placement { slug, path }
        })
        .collect()
}

/// Who has each slug already (`b:` brief slugs, `p:` page slugs), for the
/// messages about clashes.
fn slug_owners(site: &Site) -> HashMap<String, String> {
    let mut owners: HashMap<String, String> = HashMap::new();
    for b in &site.briefs {
        owners.insert(format!("b:{}", b.slug), b.path.display().to_string());
    }
    for p in &site.pages {
        owners.insert(format!("p:{p}"), format!("the page /{p}/"));
    }
    for r in crate::model::paths::RESERVED {
        owners.insert(format!("p:{r}"), format!("briefs’s own /{r}/"));
    }
    owners
}

/// The placements of entries imported before (by index), which keep their
/// files and slugs.
fn kept_placements(entries: &[Entry], manifest: &Manifest) -> HashMap<usize, Placement> {
    let earlier = manifest.by_source();
    let mut kept: HashMap<usize, Placement> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let folder = if e.is_page {
            "content/pages/"
        } else {
            "content/briefs/"
        };
        let earlier = earlier
            .get(e.key.as_str())
            .filter(|p| super::manifest::is_safe(p, folder));
        if let Some(path) = earlier {
            let slug = if e.is_page {
                page_slug(path)
            } else {
                crate::parse::slug_from_file(std::path::Path::new(path))
            };
            kept.insert(
                i,
                Placement {
                    slug,
                    path: path.to_string(),
                },
            );
        }
    }
    kept
}

fn page_slug(path: &str) -> String {
    path.trim_start_matches("content/pages/")
        .trim_end_matches(".md")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_slugs() {
        for (wanted, fallback, want) in [
            ("troops-clash", "T", "troops-clash"),
            ("", "North Korean Troops", "north-korean-troops"),
            ("", "!!!", "untitled"),
            ("при", "", "pri"),
            ("con", "", "con-1"),
        ] {
            assert_eq!(clean(wanted, fallback), want, "{wanted:?}");
        }
        assert!(clean(&"word-".repeat(40), "").len() <= 80);
    }

    #[test]
    fn unique_numbers_in_order() {
        let mut taken = HashSet::new();
        let got: Vec<String> = (0..3).map(|_| unique("a", &mut taken)).collect();
        assert_eq!(got, ["a", "a-2", "a-3"]);
    }
}
