//! Where a value is written in a YAML block: the file line and column of
//! its first occurrence as a word from a key's line on, for diagnostics
//! that point at the value an editor has to fix. Every reference of every
//! brief is located here, so a key's line is looked up once for all the
//! values below it and each value costs one search of the text.

use super::Block;

/// Where values below one key of a [`Block`] are.
pub(crate) struct Values<'b, 'a> {
    block: &'b Block<'a>,
    /// The key's line and column, if it was found.
    key_at: Option<(usize, usize)>,
    /// The block line searches start on, and its byte offset.
    line: usize,
    offset: Option<usize>,
}

impl<'b, 'a> Values<'b, 'a> {
    pub(super) fn from_line(
        block: &'b Block<'a>,
        key_at: Option<(usize, usize)>,
        line: usize,
    ) -> Self {
        Values {
            block,
            key_at,
            line,
            offset: line_offset(block.text, line),
        }
    }

    /// File line and column of the first occurrence of `value` as a word
    /// (within one line); else the key's; else the block's start.
    pub(crate) fn find(&self, value: &str) -> (usize, usize) {
        self.word(value)
            .or(self.key_at)
            .unwrap_or((self.block.first_line, 1))
    }

    fn word(&self, value: &str) -> Option<(usize, usize)> {
        if value.is_empty() || value.contains(['\n', '\r']) {
            return None;
        }
        let rest = &self.block.text[self.offset?..];
        let is_ident = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        let (at, _) = rest.match_indices(value).find(|&(at, _)| {
            let end = at + value.len();
            let before = rest[..at].chars().next_back();
            let after = rest[end..].chars().next();
            before.is_none_or(|c| !is_ident(c)) && after.is_none_or(|c| !is_ident(c))
        })?;
        let line_start = rest[..at].rfind('\n').map_or(0, |n| n + 1);
        let line = self.line + rest[..at].matches('\n').count();
        let col = rest[line_start..at].chars().count() + 1;
        Some((self.block.first_line + line, col))
    }
}

/// Byte offset of 0-based line `n` of `text`.
fn line_offset(text: &str, n: usize) -> Option<usize> {
    if n == 0 {
        return Some(0);
    }
    text.match_indices('\n').nth(n - 1).map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_as_whole_words_from_a_key_on() {
        let text =
            "title: abc\nauthors: [ab, abc]\nx: [abc-d]\n- expert: é-x\nr:\n  - a\r\n  - abc\n";
        let b = Block {
            text,
            first_line: 2,
            file: text,
        };
        assert_eq!(b.find_value("abc", Some("authors")), (3, 15));
        assert_eq!(b.find_value("abc", None), (2, 8));
        assert_eq!(b.find_value("é-x", None), (5, 11));
        assert_eq!(b.find_value("abc", Some("r")), (8, 5));
        // Not a word anywhere after the key: the key; no key: the block's start.
        assert_eq!(b.find_value("ab", Some("x")), (4, 1));
        assert_eq!(b.find_value("zz", None), (2, 1));
        assert_eq!(b.find_value("a\nb", None), (2, 1));
    }
}
