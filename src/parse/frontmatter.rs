//! Splits a content file into its YAML front matter and Markdown body.
//! Accepts a UTF-8 BOM and LF or CRLF line endings; front matter opens with
//! `---` on the first line and closes with the next line that is `---`.

use crate::diag::Diagnostic;
use crate::yaml::Block;
use std::path::Path;

/// A content file split in two.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    pub(crate) front: Block<'a>,
    pub(crate) body: &'a str,
}

/// Splits `text` (the whole file) into front matter and body.
pub(crate) fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty")
            .at_line(1, 1)
            .hint("start it with front matter between two `---` lines"));
    }
    let Some(after_open) = strip_fence(text) else {
        return Err(
            Diagnostic::error(path, "front matter must open with `---` on the first line")
                .at(text, 1, 1)
                .hint("put a line `---` before the YAML keys and another after them"),
        );
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Ok(Split {
                front: Block {
                    text: yaml,
                    first_line: 2,
                    file: text,
                },
                body,
            });
        }
        offset += line.len();
    }
    let last_line = text.lines().count();
    Err(Diagnostic::error(path, "front matter is never closed")
        .at(text, 1, 1)
        .hint(format!(
            "add a line `---` after the last YAML key (the file has {last_line} lines and none is `---` after the first)"
        )))
}

fn strip_fence(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_crlf_and_bom() {
        for text in [
            "---\ntitle: a\n---\nbody\n",
            "---\r\ntitle: a\r\n---\r\nbody\n",
            "\u{feff}---\ntitle: a\n---\nbody\n",
        ] {
            let s = split(Path::new("x.md"), text).unwrap();
            assert_eq!(s.front.text.trim_end(), "title: a", "{text:?}");
            assert_eq!(s.body, "body\n");
            assert_eq!(s.front.first_line, 2);
        }
    }

    #[test]
    fn empty_front_matter_and_body() {
        let s = split(Path::new("x.md"), "---\n---\n").unwrap();
        assert_eq!(s.front.text, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn errors_name_the_problem() {
        for (text, want) in [
            ("", "empty"),
            ("title: x\n", "open with"),
            ("---\ntitle: x\n", "never closed"),
        ] {
            let e = split(Path::new("x.md"), text).unwrap_err();
            assert!(e.message.contains(want), "{text:?}: {}", e.message);
            assert_eq!(e.line, Some(1));
        }
    }
}
