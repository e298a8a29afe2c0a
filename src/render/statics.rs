//! Static file names checked for every host ([`crate::portable`]): each
//! folder and file name of a static file's output path must be portable,
//! and no two output paths may differ only by case (on macOS and Windows
//! they are one file). Generated paths are lower case by construction
//! (slugs, ids and page paths are checked at their source), so only
//! static files can bring case into a clash. Each problem is reported
//! once, at the first folder or file of the source that causes it.

use super::StaticSource;
use crate::diag::{Diagnostic, Diagnostics};
use crate::portable;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Checks every static output path's names, and the static paths
/// against each other for clashes of case.
pub(crate) fn check_names(
    root: &Path,
    statics: &BTreeMap<String, StaticSource>,
    problems: &mut Diagnostics,
) {
    let mut reported = BTreeSet::new();
    // Folded name -> the first output path (or folder) with it, and its source.
    let mut folded: HashMap<Cow<'_, str>, (&str, &Path, usize)> = HashMap::new();
    for (path, src) in statics {
        let StaticSource::Disk(from) = src else {
            continue;
        };
        if let Err((i, name, problem)) = portable::check_path(path) {
            let at = source_of(root, from, path.split('/').count() - 1 - i);
            if reported.insert(at.clone()) {
                problems.push(Diagnostic::error(at, problem.describe(name)).hint(problem.hint()));
            }
            continue;
        }
        for (prefix, rest) in prefixes(path) {
            let (first, first_from, first_rest) = *folded
                .entry(portable::fold(prefix))
                .or_insert((prefix, from, rest));
            if first != prefix {
                let at = source_of(root, from, rest);
                let other = source_of(root, first_from, first_rest);
                if reported.insert(at.clone()) {
                    problems.push(clash(at, prefix, &other.display().to_string()));
                }
                break;
            }
        }
    }
}

/// Checks static output paths against the generated ones (`generated`
/// lists every generated file; called only if a static path has upper
/// case) for clashes of case: `static/Experts/` beside `experts/`.
pub(crate) fn check_generated(
    root: &Path,
    statics: &BTreeMap<String, StaticSource>,
    generated: impl FnOnce() -> Vec<String>,
    problems: &mut Diagnostics,
) {
    let cased = |p: &&String| p.chars().any(char::is_uppercase);
    if !statics.keys().any(|p| cased(&p)) {
        return;
    }
    let generated = generated();
    let mut known: HashSet<&str> = HashSet::new();
    for path in &generated {
        known.extend(prefixes(path).map(|(p, _)| p));
    }
    let mut reported = BTreeSet::new();
    for (path, src) in statics.iter().filter(|(p, _)| cased(p)) {
        let StaticSource::Disk(from) = src else {
            continue;
        };
        for (prefix, rest) in prefixes(path) {
            let lower = portable::fold(prefix);
            if lower != prefix && known.contains(lower.as_ref()) {
                let at = source_of(root, from, rest);
                let slash = if rest > 0 { "/" } else { "" };
                if reported.insert(at.clone()) {
                    problems.push(clash(at, prefix, &format!("the generated /{lower}{slash}")));
                }
                break;
            }
        }
    }
}

fn clash(at: PathBuf, prefix: &str, other: &str) -> Diagnostic {
    let name = prefix.rsplit('/').next().unwrap_or(prefix);
    Diagnostic::error(
        at,
        format!("`{name}` differs only by case from {other}: on macOS and Windows they are one"),
    )
    .hint("rename one of them")
}

/// Every folder of `path` and `path` itself (`a`, `a/b`, `a/b/c.css`),
/// each with how many names of `path` follow it.
fn prefixes(path: &str) -> impl Iterator<Item = (&str, usize)> {
    let total = path.split('/').count();
    path.match_indices('/')
        .map(|(at, _)| &path[..at])
        .chain([path])
        .enumerate()
        .map(move |(i, p)| (p, total - 1 - i))
}

/// The source of a static file with its last `up` names taken off: the
/// folder or file under `static/` that a name of the output path comes from.
fn source_of(root: &Path, from: &Path, up: usize) -> PathBuf {
    let mut at = from;
    for _ in 0..up {
        at = at.parent().unwrap_or(at);
    }
    crate::load::relative(root, at)
}
