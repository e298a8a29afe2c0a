//! Diagnostics: problems found in a site's content or templates, each naming
//! the file (relative to the site root), line and column, what is wrong and
//! how to fix it. Stages collect them; the build fails once with all of them.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Printed; the build goes on.
    Warning,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub col: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is a likely fix.
    pub hint: Option<Box<str>>,
    /// The offending source line, shown under the message with a caret.
    pub snippet: Option<Box<str>>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub(crate) fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            col: None,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    /// A warning about a whole file.
    pub(crate) fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the problem at `line`:`col` of `source` (the whole file's text),
    /// keeping that line as the snippet.
    pub(crate) fn at(mut self, source: &str, line: usize, col: usize) -> Self {
        self.line = Some(line.max(1));
        self.col = Some(col.max(1));
        self.snippet = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| printable(l.trim_end_matches('\r')).into());
        self
    }

    /// Places the problem at a line and column without a snippet.
    pub(crate) fn at_line(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line.max(1));
        self.col = Some(col.max(1));
        self
    }

    /// Adds a hint saying how to fix the problem.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    /// Whether this problem fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.col.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy().replace('\\', "/");
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (self.line, self.col) {
            (Some(l), Some(c)) => write!(f, "{path}:{l}:{c}: {level}: {}", self.message)?,
            (Some(l), None) => write!(f, "{path}:{l}: {level}: {}", self.message)?,
            _ => write!(f, "{path}: {level}: {}", self.message)?,
        }
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            let gutter = line.to_string().len();
            let col = self.col.unwrap_or(1);
            let pad = caret_pad(snippet, col);
            write!(
                f,
                "\n{:gutter$} |\n{line} | {snippet}\n{:gutter$} | {pad}^",
                "", ""
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// A source line made safe to print: a BOM is dropped and control
/// characters other than tabs are shown as `\u{fffd}`, so a hostile file
/// cannot send escape sequences to the terminal. Character count is kept.
fn printable(line: &str) -> String {
    line.strip_prefix('\u{feff}')
        .unwrap_or(line)
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The blanks that put a caret under character `col` (1-based) of `line`
/// in a terminal: tabs stay tabs, so they expand the same way above and
/// below; wide characters (CJK, emoji) take two columns; zero-width ones none.
fn caret_pad(line: &str, col: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut pad = String::new();
    for c in line.chars().take(col.saturating_sub(1)) {
        match c {
            '\t' => pad.push('\t'),
            c => pad.extend(std::iter::repeat_n(' ', c.width().unwrap_or(0))),
        }
    }
    pad
}

/// Every problem of one build, sorted by file and line. As an error it means
/// "the build failed because of these"; it never holds zero errors.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many problems.
    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Sorts by path, line and column, dropping exact repeats.
    pub(crate) fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// `Err(self)` (sorted) when any error is present, else `Ok(self)`.
    pub(crate) fn into_result(self) -> Result<Diagnostics, Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok(self.sorted())
        }
    }

    /// Fills in the source line of diagnostics that carry a line but no
    /// snippet, reading each file (relative to `root`) once.
    pub(crate) fn with_snippets(mut self, root: &Path) -> Diagnostics {
        let mut cache: std::collections::HashMap<PathBuf, Option<String>> = Default::default();
        for d in &mut self.0 {
            if d.snippet.is_some() {
                continue;
            }
            let (Some(line), Some(col)) = (d.line, d.col) else {
                continue;
            };
            let text = cache.entry(d.path.clone()).or_insert_with(|| {
                // Lossy, so a file that is not UTF-8 still shows where it breaks.
                let bytes = std::fs::read(root.join(&d.path)).ok()?;
                Some(String::from_utf8_lossy(&bytes).into_owned())
            });
            if let Some(text) = text {
                *d = d.clone().at(text, line, col);
            }
        }
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}\n")?;
        }
        let n = self.error_count();
        write!(
            f,
            "{n} error{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

/// The known name closest to `wrong`, if one is close enough to be a likely
/// typo: a few edits away (swapped letters count as one), or very similar.
pub(crate) fn nearest<'a>(
    wrong: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max_edits = 1 + wrong.chars().count() / 4;
    known
        .into_iter()
        .map(|k| {
            (
                strsim::damerau_levenshtein(wrong, k),
                strsim::jaro_winkler(wrong, k),
                k,
            )
        })
        .filter(|(edits, score, _)| *edits <= max_edits || *score > 0.85)
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| a.2.cmp(b.2))
        })
        .map(|(_, _, k)| k)
}

/// A hint naming the nearest known value, or listing a few known values.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    match nearest(wrong, known.clone()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => {
            let list: Vec<&str> = known.into_iter().take(8).collect();
            if list.is_empty() {
                "there are none yet.".to_string()
            } else {
                format!("known values include: {}.", list.join(", "))
            }
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub(crate) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..floor_char_boundary(text, at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_path_line_col_snippet_and_hint() {
        let d = Diagnostic::error("content/briefs/x.md", "unknown field `autor`")
            .at("---\nautor: x\n---\n", 2, 1)
            .hint("did you mean `authors`?");
        assert_eq!(
            d.to_string(),
            "content/briefs/x.md:2:1: error: unknown field `autor`\n  |\n2 | autor: x\n  | ^\n  = help: did you mean `authors`?"
        );
    }

    #[test]
    fn caret_sits_under_the_column_with_tabs_and_wide_characters() {
        for (line, col, want) in [
            ("abc", 3, "  ^"),
            ("\tab", 3, "\t ^"),
            ("日本 x", 4, "     ^"),
            ("é x", 3, "  ^"),
        ] {
            let d = Diagnostic::error("a.md", "m").at(line, 1, col);
            let shown = d.to_string();
            let caret = shown.lines().last().unwrap();
            assert_eq!(caret, format!("  | {want}"), "{line:?}");
        }
    }

    #[test]
    fn snippets_drop_bom_and_control_characters() {
        let d = Diagnostic::error("a.md", "m").at("\u{feff}a\u{1b}[31mb\n", 1, 1);
        assert_eq!(d.snippet.as_deref(), Some("a\u{fffd}[31mb"));
    }

    #[test]
    fn line_col_counts_characters() {
        for (text, at, want) in [
            ("abc", 0, (1, 1)),
            ("a\nbc", 3, (2, 2)),
            ("é\né", 5, (2, 2)),
            ("x", 99, (1, 2)),
        ] {
            assert_eq!(line_col(text, at), want, "{text:?} at {at}");
        }
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let known = ["authors", "title", "topics"];
        assert_eq!(nearest("autors", known), Some("authors"));
        assert_eq!(nearest("zzzz", known), None);
        assert_eq!(nearest("tow", ["one", "two"]), Some("two"));
        assert_eq!(nearest("titel", known), Some("title"));
        assert_eq!(nearest("x", ["one", "two"]), None);
    }

    #[test]
    fn sorted_orders_by_path_then_line() {
        let ds = Diagnostics(vec![
            Diagnostic::error("b.md", "x").at_line(1, 1),
            Diagnostic::error("a.md", "y").at_line(9, 1),
            Diagnostic::error("a.md", "z").at_line(2, 1),
        ])
        .sorted();
        let order: Vec<_> = ds.0.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
