//! What an import did, for the command to print: the sources read, the
//! files written, left unchanged or skipped (and why), the clashes
//! resolved, what an editor should review, and the links into the old
//! site that still point there.

use std::fmt;
use std::path::PathBuf;

/// Something the report says about one item or file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The item or file.
    pub what: String,
    /// What about it.
    pub why: String,
}

/// What `briefs import` did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Each source and the kind it was recognised as.
    pub sources: Vec<(PathBuf, String)>,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
    /// Files created, below the site root.
    pub created: Vec<String>,
    /// Files rewritten (`--update`).
    pub updated: Vec<String>,
    /// Files that already held what the import would write.
    pub unchanged: Vec<String>,
    /// Items and files not written, and why.
    pub skipped: Vec<Note>,
    /// Slug and id clashes and how they were resolved.
    pub clashes: Vec<String>,
    /// What an editor should look at: kept shortcodes, guesses, notes.
    pub review: Vec<Note>,
    /// Links into the old site that the import did not bring.
    pub warnings: Vec<Note>,
    /// Briefs, experts and pages in the import, and uploads copied.
    pub counts: Counts,
    /// How long the import took.
    pub elapsed: std::time::Duration,
}

/// How many of each the import holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Briefs.
    pub briefs: usize,
    /// Experts created (or written again).
    pub experts: usize,
    /// Pages.
    pub pages: usize,
    /// Uploaded files copied.
    pub uploads: usize,
}

/// Lists at most this many lines of one section; the rest are counted.
const SHOWN: usize = 50;

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (path, kind) in &self.sources {
            writeln!(f, "read {}: {kind}", path.display())?;
        }
        let c = self.counts;
        let verb = if self.dry_run {
            "would import"
        } else {
            "imported"
        };
        writeln!(
            f,
            "{verb} {} briefs, {} experts, {} pages, {} uploads in {:.2?}",
            c.briefs, c.experts, c.pages, c.uploads, self.elapsed
        )?;
        let (new, changed) = if self.dry_run {
            ("would create", "would update")
        } else {
            ("created", "updated")
        };
        list(f, new, self.created.iter().map(|p| p.to_string()))?;
        list(f, changed, self.updated.iter().map(|p| p.to_string()))?;
        if !self.unchanged.is_empty() {
            writeln!(f, "unchanged: {} files", self.unchanged.len())?;
        }
        list(
            f,
            "skipped",
            self.skipped
                .iter()
                .map(|n| format!("{}: {}", n.what, n.why)),
        )?;
        list(f, "clashes resolved", self.clashes.iter().cloned())?;
        list(
            f,
            "to review",
            self.review.iter().map(|n| format!("{}: {}", n.what, n.why)),
        )?;
        list(
            f,
            "warning: links into the old site not brought",
            self.warnings
                .iter()
                .map(|n| format!("{}: {}", n.what, n.why)),
        )
    }
}

fn list(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    lines: impl ExactSizeIterator<Item = String>,
) -> fmt::Result {
    let n = lines.len();
    if n == 0 {
        return Ok(());
    }
    writeln!(f, "{title} ({n}):")?;
    for line in lines.take(SHOWN) {
        writeln!(f, "  {line}")?;
    }
    if n > SHOWN {
        writeln!(f, "  … and {} more", n - SHOWN)?;
    }
    Ok(())
}

/// Notes gathered while importing, before the report is made.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub(crate) review: Vec<Note>,
    pub(crate) warnings: Vec<Note>,
}

impl Findings {
    /// Something for an editor to look at.
    pub(crate) fn review(&mut self, what: &str, why: String) {
        self.review.push(Note {
            what: what.to_string(),
            why,
        });
    }

    /// A link into the old site that still points there.
    pub(crate) fn warn(&mut self, what: &str, why: String) {
        self.warnings.push(Note {
            what: what.to_string(),
            why,
        });
    }
}
