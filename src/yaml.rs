//! Strict YAML reading shared by site.yaml and front matter: turns a
//! `serde_yaml` error into a [`Diagnostic`] at the right line of the whole
//! file, with the nearest valid key suggested for an unknown one, and finds
//! where a value sits so later stages can point at it.

pub(crate) mod depth;
mod locate;
mod message;

pub(crate) use locate::Values;

use message::{
    control_position, duplicate_key, marks, missing_field, plain_types, serde_path, strip_location,
    unknown_field,
};

use crate::diag::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// yaml_serde refuses a document whose aliases make more than this many
/// jumps per parser event ("repetition limit exceeded").
const JUMPS_PER_EVENT: u64 = 100;

/// A YAML block inside a file: its text and the 1-based line it starts on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block<'a> {
    pub(crate) text: &'a str,
    /// Line of the file on which `text` begins.
    pub(crate) first_line: usize,
    /// The whole file, for snippets.
    pub(crate) file: &'a str,
}

impl<'a> Block<'a> {
    /// Deserialises the block strictly into `T`.
    /// Nesting is bounded first ([`depth::MAX_DEPTH`]), so libyaml's time
    /// stays linear in the size of the block.
    pub(crate) fn parse<T: DeserializeOwned>(&self, path: &Path) -> Result<T, Diagnostic> {
        let scan = depth::scan(self.text).map_err(|e| self.too_deep(path, e))?;
        if self.text.trim().is_empty() {
            // An empty block is an empty map, so required keys are reported by name.
            return serde_yaml::from_str("{}").map_err(|e| self.diagnostic(path, &e, &scan));
        }
        serde_yaml::from_str(self.text).map_err(|e| self.diagnostic(path, &e, &scan))
    }

    fn too_deep(&self, path: &Path, at: depth::TooDeep) -> Diagnostic {
        Diagnostic::error(
            path,
            format!(
                "lists and maps nest more than {} levels deep here",
                depth::MAX_DEPTH
            ),
        )
        .hint("flatten the value: front matter and site.yaml need a few levels at most")
        .at(self.file, self.first_line + at.line - 1, at.col)
    }

    fn diagnostic(&self, path: &Path, err: &serde_yaml::Error, scan: &depth::Scan) -> Diagnostic {
        let full = err.to_string();
        let message = strip_location(&full);
        if message.contains("repetition limit exceeded") {
            let (l, c) = scan.bomb(JUMPS_PER_EVENT).unwrap_or((1, 1));
            return Diagnostic::error(path, "aliases repeat too much (repetition limit exceeded)")
                .hint("each `*alias` copies its anchor's whole value, and aliases of aliases multiply: write the values out instead")
                .at(self.file, self.first_line + l - 1, c);
        }
        if let Some(d) = self.not_a_map(path, message) {
            return d;
        }
        if let Some(at) = control_position(message) {
            let (l, c) = crate::diag::line_col(self.text, at);
            return Diagnostic::error(path, "an invisible control character is not allowed here")
                .hint("delete it (it often comes in with text pasted from another program); write `\\t` or `\\n` inside \"…\" if you mean one")
                .at(self.file, self.first_line + l - 1, c);
        }
        let marks = marks(&full);
        if full.contains("while scanning a quoted scalar") && marks.len() >= 2 {
            let (l, c) = marks[marks.len() - 1];
            return Diagnostic::error(path, "this quoted value is never closed")
                .hint("add the closing quote; inside \"…\" write a quote as \\\" and inside '…' as ''")
                .at(self.file, self.first_line + l - 1, c);
        }
        // libyaml names other places in the block by line: make them file lines.
        let mut message = plain_types(message);
        for (l, c) in marks {
            message = message.replace(
                &format!("at line {l} column {c}"),
                &format!("at line {} column {c}", self.first_line + l - 1),
            );
        }
        let message = message.as_str();
        let (line, col) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut line = self.first_line + line - 1;
        let mut col = col;
        let mut d = Diagnostic::error(path, message.to_string());
        if let Some((field, expected)) = unknown_field(message) {
            let inside = serde_path(message).and_then(|p| self.find_in(p, field));
            if let Some((l, c)) = inside.or_else(|| self.find_key(field)) {
                (line, col) = (l, c);
            }
            d = d.hint(did_you_mean(field, expected.iter().copied()));
        } else if let Some(field) = missing_field(message) {
            d = d.hint(format!("add `{field}: …` to the front matter"));
        } else if message.contains("invalid type") {
            d = d.hint("check the value's type: lists are written `[a, b]` or as `- a` lines, text in quotes");
        } else if let Some(key) = duplicate_key(message) {
            if let Some((l, c)) = self.find_keys(key).nth(1) {
                (line, col) = (l, c);
            }
            d.message = format!("`{key}` is given twice");
            d = d.hint("keep one of the two lines");
        } else if self.char_at(line, col) == Some('\t') || message.contains("tab character") {
            d.message = "a tab character where YAML expects spaces".into();
            d = d.hint("YAML is indented with spaces, not tabs");
        } else if message.contains("found character that cannot start any token") {
            d = d.hint("YAML is indented with spaces, not tabs; quote values that start with `@`, `` ` `` or `%`");
        } else if message.contains("mapping values are not allowed") {
            d = d.hint("put values that contain `: ` in double quotes");
        }
        d.at(self.file, line, col)
    }

    /// The whole block is a list or a scalar where `key: value` lines belong.
    fn not_a_map(&self, path: &Path, message: &str) -> Option<Diagnostic> {
        // When the block is not a map, a type error can only be about all of it.
        let top_level = message.starts_with("invalid type: ");
        let block_is_map = serde_yaml::from_str::<serde_yaml::Value>(self.text)
            .map(|v| v.is_mapping() || v.is_null())
            .unwrap_or(true);
        if !top_level || block_is_map {
            return None;
        }
        let what = if path == Path::new("site.yaml") {
            "site.yaml"
        } else {
            "front matter"
        };
        let found = message
            .trim_start_matches("invalid type: ")
            .split(',')
            .next()
            .unwrap_or("something else");
        let (line, col) = self.first_content();
        Some(
            Diagnostic::error(
                path,
                format!("{what} must be a map of `key: value` lines, not a {found}"),
            )
            .hint("write one `key: value` per line, e.g. `title: \"…\"`")
            .at(self.file, line, col),
        )
    }

    /// File line and column of the first non-blank, non-comment character.
    fn first_content(&self) -> (usize, usize) {
        self.text
            .lines()
            .enumerate()
            .find_map(|(i, l)| {
                let t = l.trim_start();
                (!t.is_empty() && !t.starts_with('#'))
                    .then(|| (self.first_line + i, l.len() - t.len() + 1))
            })
            .unwrap_or((self.first_line, 1))
    }

    /// File line and column of a top-level or nested `key:` in this block.
    pub(crate) fn find_key(&self, key: &str) -> Option<(usize, usize)> {
        self.find_keys(key).next()
    }

    /// File line and column of every `key:` in this block, in order.
    pub(crate) fn find_keys<'k>(
        &self,
        key: &'k str,
    ) -> impl Iterator<Item = (usize, usize)> + use<'a, 'k> {
        let first_line = self.first_line;
        self.text.lines().enumerate().filter_map(move |(i, l)| {
            let trimmed = l.trim_start_matches([' ', '-']);
            let indent = l.len() - trimmed.len();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start()
                .starts_with(':')
                .then_some((first_line + i, indent + 1))
        })
    }

    /// File line and column of `key:` inside the value a serde path names
    /// (`related[3]`, `feed`), when that value is written in block style.
    pub(crate) fn find_in(&self, path: &str, key: &str) -> Option<(usize, usize)> {
        let lines: Vec<&str> = self.text.lines().collect();
        let mut region = 0..lines.len();
        for segment in path.split('.') {
            let (name, indexes) = segment.split_once('[').unwrap_or((segment, ""));
            if !name.is_empty() {
                region = key_value(&lines, region, name)?;
            }
            for index in indexes.split('[').filter(|s| !s.is_empty()) {
                let n: usize = index.trim_end_matches(']').parse().ok()?;
                region = entry(&lines, region, n)?;
            }
        }
        let (i, col) = region
            .clone()
            .find_map(|i| key_col(lines[i], key).map(|c| (i, c)))?;
        Some((self.first_line + i, col))
    }

    /// File line and column of `key:` on or after the line of `after_key`.
    pub(crate) fn find_key_after(&self, key: &str, after_key: &str) -> Option<(usize, usize)> {
        let from = self.find_key(after_key).map_or(0, |(l, _)| l);
        self.find_keys(key).find(|(l, _)| *l >= from)
    }

    /// The character at a file line and column, if inside the file.
    fn char_at(&self, line: usize, col: usize) -> Option<char> {
        self.file
            .lines()
            .nth(line.checked_sub(1)?)?
            .chars()
            .nth(col.checked_sub(1)?)
    }

    /// File line and column of the first occurrence of `value` as a word in
    /// this block, searching from the line of `after_key` when given.
    pub(crate) fn find_value(&self, value: &str, after_key: Option<&str>) -> (usize, usize) {
        match after_key {
            Some(key) => self.under(key).find(value),
            None => Values::from_line(self, None, 0).find(value),
        }
    }

    /// Finds values written from `key`'s line on; the key is looked up once
    /// for all of them (a brief's references run through here).
    pub(crate) fn under(&self, key: &str) -> Values<'_, 'a> {
        let key_at = self.find_key(key);
        Values::from_line(self, key_at, key_at.map_or(0, |(l, _)| l - self.first_line))
    }
}

/// Indentation of a line that holds YAML (not blank, not a comment).
fn content_indent(line: &str) -> Option<usize> {
    let t = line.trim_start_matches(' ');
    (!t.trim().is_empty() && !t.starts_with('#')).then(|| line.len() - t.len())
}

/// 1-based column of `key:` on `line` (after indentation and `- `).
fn key_col(line: &str, key: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '-']);
    let rest = trimmed.strip_prefix(key)?;
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    rest.trim_start()
        .starts_with(':')
        .then(|| line.len() - trimmed.len() + 1)
}

/// The lines after `line` indented past `col`: a block value or entry.
fn below(lines: &[&str], line: usize, col: usize, end: usize) -> std::ops::Range<usize> {
    let stop = (line + 1..end)
        .find(|&i| content_indent(lines[i]).is_some_and(|n| n < col))
        .unwrap_or(end);
    line..stop
}

/// The lines of the value of the first `name:` in `region`.
fn key_value(
    lines: &[&str],
    region: std::ops::Range<usize>,
    name: &str,
) -> Option<std::ops::Range<usize>> {
    let end = region.end;
    let (i, col) = region
        .clone()
        .find_map(|i| key_col(lines[i], name).map(|c| (i, c)))?;
    // The value: lines indented past the key (or a `- ` list at its column).
    let stop = (i + 1..end)
        .find(|&j| {
            content_indent(lines[j]).is_some_and(|n| {
                n + 1 < col || (n + 1 == col && !lines[j].trim_start().starts_with('-'))
            })
        })
        .unwrap_or(end);
    Some(i + 1..stop)
}

/// The lines of the `n`th `- ` entry of the list in `region`.
fn entry(
    lines: &[&str],
    region: std::ops::Range<usize>,
    n: usize,
) -> Option<std::ops::Range<usize>> {
    let end = region.end;
    let dashes: Vec<(usize, usize)> = region
        .filter_map(|i| {
            let indent = content_indent(lines[i])?;
            let rest = &lines[i][indent..];
            (rest == "-" || rest.starts_with("- ")).then_some((i, indent))
        })
        .collect();
    let top = dashes.iter().map(|&(_, c)| c).min()?;
    let (i, col) = *dashes.iter().filter(|&&(_, c)| c == top).nth(n)?;
    // An entry ends at the next line indented no further than its dash.
    let range = below(lines, i, col + 1, end);
    Some(range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        authors: Vec<String>,
    }

    fn block(text: &str) -> Block<'_> {
        Block {
            text,
            first_line: 2,
            file: text,
        }
    }

    #[test]
    fn unknown_field_points_at_key_and_suggests() {
        let text = "title: x\nautors: [a]\n";
        let e = block(text).parse::<T>(Path::new("x.md")).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.col, Some(1));
        assert!(
            e.message.contains("unknown field `autors`"),
            "{}",
            e.message
        );
        assert_eq!(e.hint.as_deref(), Some("did you mean `authors`?"));
    }

    #[test]
    fn type_error_is_offset_by_block_start() {
        let text = "title: x\nauthors: 5\n";
        let e = block(text).parse::<T>(Path::new("x.md")).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn missing_field_named() {
        let e = block("").parse::<T>(Path::new("x.md")).unwrap_err();
        assert!(e.message.contains("missing field `title`"), "{}", e.message);
    }

    #[test]
    fn block_errors_land_on_file_lines() {
        for (text, want_line, want_col, want) in [
            ("title: \"x\n", 2, 8, "never closed"),
            ("title: x\ntitle: y\n", 3, 1, "given twice"),
            ("- a\n", 2, 1, "must be a map"),
            ("title: a\u{b}b\n", 2, 9, "control character"),
        ] {
            let e = block(text).parse::<T>(Path::new("x.md")).unwrap_err();
            assert_eq!(
                (e.line, e.col),
                (Some(want_line), Some(want_col)),
                "{text:?}: {e}"
            );
            assert!(e.message.contains(want), "{text:?}: {e}");
        }
    }

    #[test]
    fn keys_inside_a_serde_path() {
        let text =
            "kind: Brief\nrelated:\n  - title: a\n  - title: b\n    kind: x\nfeed:\n  limit: 1\n";
        for (path, key, want) in [
            ("related[1]", "kind", Some((6, 5))),
            ("related[0]", "kind", None),
            ("related[0]", "title", Some((4, 5))),
            ("feed", "limit", Some((8, 3))),
            ("related[5]", "kind", None),
        ] {
            assert_eq!(block(text).find_in(path, key), want, "{path} {key}");
        }
        assert_eq!(
            serde_path("related[3]: unknown field `kind`"),
            Some("related[3]")
        );
        assert_eq!(serde_path("unknown field `kind`, expected"), None);
    }
}
