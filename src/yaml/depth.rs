//! A single linear pass over a YAML block before libyaml sees it: bounds
//! how deeply collections nest ([`MAX_DEPTH`], flow `[`/`{` levels and
//! block levels by indentation together), and notes every alias with what
//! expanding it costs, so an alias bomb can be reported where it goes off.
//!
//! libyaml's scanner takes time quadratic in flow nesting (a 200 KB line
//! of `[` took over a minute), so the limit must hold before it runs.
//! Brackets inside quoted, plain and block scalars and comments do not
//! count. The scan is a cautious model of YAML, not a parser: where it
//! cannot tell, it counts a level rather than miss one.
//!
//! Longer than the house's 400 lines: the scanner is one state machine
//! whose modes share their helpers; split, each half would need the other.
//! For the same reason its `tokens` function runs past 80 lines: one `match`
//! arm per YAML construct, each a few lines.

use std::collections::HashMap;

/// The deepest nesting accepted: lists and maps inside one another,
/// counting each indented block and each `[` or `{` level.
pub(crate) const MAX_DEPTH: usize = 64;

/// Where nesting first passes [`MAX_DEPTH`]: 1-based line and column
/// (in characters) within the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub(crate) line: usize,
    pub(crate) col: usize,
}

/// What a successful scan found out about aliases.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    aliases: Vec<AliasUse>,
    /// About how many parser events the block gives (nodes, collection ends).
    events: u64,
}

#[derive(Debug)]
struct AliasUse {
    line: usize,
    col: usize,
    /// Alias jumps that deserialising this alias makes, itself included.
    cost: u64,
}

impl Scan {
    /// The line and column of the alias at which the aliases expanded so
    /// far pass `per_event` jumps per event of the block (the way
    /// yaml_serde limits repetition), else of the costliest alias.
    pub(crate) fn bomb(&self, per_event: u64) -> Option<(usize, usize)> {
        let limit = self.events.max(1).saturating_mul(per_event);
        let mut total = 0u64;
        for a in &self.aliases {
            total = total.saturating_add(a.cost);
            if total > limit {
                return Some((a.line, a.col));
            }
        }
        let most = self.aliases.iter().map(|a| a.cost).max()?;
        let a = self.aliases.iter().find(|a| a.cost == most)?;
        Some((a.line, a.col))
    }
}

/// Scans `text`; fails at the first place nesting passes [`MAX_DEPTH`].
pub(crate) fn scan(text: &str) -> Result<Scan, TooDeep> {
    let mut s = Scanner::default();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        s.line(i + 1, line)?;
    }
    Ok(Scan {
        aliases: s.aliases,
        events: s.events,
    })
}

/// What the previous line left open.
#[derive(Debug, Clone, Copy, Default)]
enum Mode {
    #[default]
    Normal,
    /// Inside a quoted scalar spanning lines.
    Quoted(u8),
    /// Inside a block scalar (`|`, `>`) whose collection is at `parent`;
    /// its lines are indented by `indent` once known.
    Block {
        parent: isize,
        indent: Option<usize>,
    },
    /// A plain scalar may continue on lines indented past `parent`.
    Plain { parent: isize },
}

/// When an anchored node ends.
#[derive(Debug, Clone, Copy)]
enum Close {
    /// When fewer than this many block levels are open.
    Block(usize),
    /// When fewer than this many flow levels are open.
    Flow(usize),
}

#[derive(Default)]
struct Scanner<'a> {
    /// Columns (bytes) of the block nodes open at this line.
    block: Vec<usize>,
    /// The top block node is a `key:` whose value starts on a later line
    /// (a `- ` list there may sit at the key's own column).
    key_open: bool,
    /// The last token was a `:` value indicator.
    after_colon: bool,
    flow: usize,
    mode: Mode,
    /// The next token starts a node.
    at_node: bool,
    /// An anchor waiting for its node: name and block levels then open.
    pending: Option<(&'a str, usize)>,
    /// Anchored nodes not closed yet: name, jumps inside so far, end.
    open: Vec<(&'a str, u64, Close)>,
    /// Jumps inside each closed anchored node.
    weights: HashMap<&'a str, u64>,
    aliases: Vec<AliasUse>,
    events: u64,
}

fn blank_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_none_or(|c| matches!(c, b' ' | b'\t'))
}

fn is_flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

/// 1-based character column of byte `i` in `line`.
fn col(line: &str, i: usize) -> usize {
    line.get(..i).map_or(i, |p| p.chars().count()) + 1
}

/// Byte index of the quote closing a scalar opened by `q`, from `from`.
fn end_quote(b: &[u8], from: usize, q: u8) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' if q == b'"' => i += 2,
            c if c == q => {
                if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                } else {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// End of an anchor or alias name (libyaml: letters, digits, `-`, `_`).
fn name_end(b: &[u8], from: usize) -> usize {
    from + b[from..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
        .count()
}

/// The header after `|` or `>`: `Some(explicit indentation)` when valid.
fn block_header(rest: &[u8]) -> Option<Option<usize>> {
    let mut digit = None;
    let mut i = 0;
    while i < rest.len().min(2) {
        match rest[i] {
            d @ b'1'..=b'9' if digit.is_none() => digit = Some(usize::from(d - b'0')),
            b'+' | b'-' => {}
            _ => break,
        }
        i += 1;
    }
    let tail = &rest[i..];
    let trimmed = tail.trim_ascii_start();
    let ok = trimmed.is_empty() || (trimmed[0] == b'#' && trimmed.len() < tail.len());
    ok.then_some(digit)
}

impl<'a> Scanner<'a> {
    fn line(&mut self, no: usize, line: &'a str) -> Result<(), TooDeep> {
        let b = line.as_bytes();
        let spaces = b.iter().take_while(|&&c| c == b' ').count();
        let first = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
        let blank = first == b.len();
        let mut from = 0;
        let marker = (line.starts_with("---") || line.starts_with("...")) && blank_at(b, 3);
        if marker {
            self.pop_block(0);
            self.mode = Mode::Normal;
            self.at_node = true;
            from = 3;
        }
        match self.mode {
            Mode::Normal => {}
            Mode::Quoted(q) => match end_quote(b, 0, q) {
                None => return Ok(()),
                Some(e) => {
                    self.mode = Mode::Normal;
                    self.at_node = false;
                    return self.tokens(no, line, e + 1);
                }
            },
            Mode::Block { parent, indent } => {
                if blank {
                    return Ok(());
                }
                let want = indent.unwrap_or_else(|| spaces.max((parent + 1).max(1) as usize));
                if spaces >= want {
                    self.mode = Mode::Block {
                        parent,
                        indent: Some(want),
                    };
                    return Ok(());
                }
                self.mode = Mode::Normal;
            }
            Mode::Plain { parent } => {
                if blank {
                    return Ok(());
                }
                if self.flow == 0 && first as isize > parent && b[first] != b'#' {
                    return Ok(());
                }
                self.mode = Mode::Normal;
            }
        }
        if self.flow == 0 && !marker {
            if blank || b[first] == b'#' {
                return Ok(());
            }
            let dash = b[first] == b'-' && blank_at(b, first + 1);
            self.push_block(no, line, first, dash)?;
            self.at_node = true;
        }
        self.tokens(no, line, from.max(if self.flow == 0 { first } else { 0 }))
    }

    /// The tokens of one line from byte `i`.
    fn tokens(&mut self, no: usize, line: &'a str, mut i: usize) -> Result<(), TooDeep> {
        let b = line.as_bytes();
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
            if i >= b.len() || (b[i] == b'#' && (i == 0 || matches!(b[i - 1], b' ' | b'\t'))) {
                break;
            }
            let c = b[i];
            self.after_colon = false;
            if self.flow == 0
                && self.at_node
                && matches!(c, b'-' | b'?' | b':')
                && blank_at(b, i + 1)
            {
                // `- `, `? `, `: `: a node follows, maybe on this line.
                i += 1;
                while i < b.len() && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
                if c != b':' && i < b.len() && b[i] != b'#' {
                    self.push_block(no, line, i, false)?;
                }
                continue;
            }
            if !self.at_node {
                match c {
                    b':' if blank_at(b, i + 1) || self.flow > 0 => {
                        self.at_node = true;
                        self.after_colon = true;
                        i += 1;
                        continue;
                    }
                    b',' if self.flow > 0 => {
                        self.at_node = true;
                        i += 1;
                        continue;
                    }
                    b']' | b'}' if self.flow > 0 => {
                        self.close_flow();
                        i += 1;
                        continue;
                    }
                    b'[' | b'{' if self.flow > 0 => {
                        self.open_flow(no, line, i)?;
                        i += 1;
                        continue;
                    }
                    _ => {
                        i = self.plain(b, i);
                        continue;
                    }
                }
            }
            match c {
                b'[' | b'{' => {
                    self.open_flow(no, line, i)?;
                    i += 1;
                    continue;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.close_flow();
                    self.at_node = false;
                    i += 1;
                    continue;
                }
                b',' if self.flow > 0 => {
                    i += 1;
                    continue;
                }
                b'"' | b'\'' => {
                    self.scalar();
                    self.at_node = false;
                    match end_quote(b, i + 1, c) {
                        Some(e) => i = e + 1,
                        None => {
                            self.mode = Mode::Quoted(c);
                            return Ok(());
                        }
                    }
                    continue;
                }
                b'|' | b'>' if self.flow == 0 => {
                    if let Some(explicit) = block_header(&b[i + 1..]) {
                        self.scalar();
                        let parent = self.parent_of(i);
                        let indent = explicit.map(|d| (parent.max(0) as usize) + d);
                        self.mode = Mode::Block { parent, indent };
                        return Ok(());
                    }
                }
                b'&' => {
                    let end = name_end(b, i + 1);
                    self.pending = Some((&line[i + 1..end], self.block.len()));
                    i = end;
                    continue;
                }
                b'!' => {
                    i += 1;
                    while i < b.len()
                        && !matches!(b[i], b' ' | b'\t')
                        && !(self.flow > 0 && is_flow_indicator(b[i]))
                    {
                        i += 1;
                    }
                    continue;
                }
                b'*' => {
                    let end = name_end(b, i + 1);
                    self.alias(no, col(line, i), &line[i + 1..end]);
                    self.at_node = false;
                    i = end;
                    continue;
                }
                _ => {}
            }
            self.scalar();
            self.at_node = false;
            i = self.plain(b, i);
        }
        if std::mem::take(&mut self.after_colon) && self.flow == 0 {
            self.key_open = true;
        }
        if let Some((name, levels)) = self.pending.take() {
            // An anchor ending its line names the block node below it.
            let close = if self.flow == 0 {
                Close::Block(levels)
            } else {
                Close::Flow(self.flow)
            };
            self.open.push((name, 0, close));
        }
        Ok(())
    }

    /// Skips a plain scalar from `i`; returns where it ends on this line.
    fn plain(&mut self, b: &[u8], start: usize) -> usize {
        let mut i = start;
        while i < b.len() {
            let c = b[i];
            let value = c == b':'
                && (blank_at(b, i + 1)
                    || (self.flow > 0 && b.get(i + 1).is_some_and(|&n| is_flow_indicator(n))));
            if value
                || (self.flow > 0 && is_flow_indicator(c))
                || (c == b'#' && i > 0 && matches!(b[i - 1], b' ' | b'\t'))
            {
                return i;
            }
            i += 1;
        }
        if self.flow == 0 {
            self.mode = Mode::Plain {
                parent: self.parent_of(start),
            };
        }
        i
    }

    /// The column of the block collection holding a scalar at byte `at`:
    /// the node opened at `at` itself is not its own parent.
    fn parent_of(&self, at: usize) -> isize {
        let mut levels = self.block.iter().rev();
        let top = levels.next().copied();
        let parent = if top == Some(at) {
            levels.next().copied()
        } else {
            top
        };
        parent.map_or(-1, |c| c as isize)
    }

    /// Opens a block node at column `at` (`dash`: a `- ` entry).
    fn push_block(&mut self, no: usize, line: &str, at: usize, dash: bool) -> Result<(), TooDeep> {
        let value_list = dash && self.key_open && self.block.last() == Some(&at);
        self.key_open = false;
        let sibling = !value_list && self.pop_block(at) == Some(at);
        if !sibling {
            // A new collection: its start and end events.
            self.events += 2;
        }
        if self.block.len() + self.flow >= MAX_DEPTH {
            return Err(TooDeep {
                line: no,
                col: col(line, at),
            });
        }
        self.block.push(at);
        Ok(())
    }

    /// Closes the block levels at or right of column `at`; returns the
    /// column of the last one closed.
    fn pop_block(&mut self, at: usize) -> Option<usize> {
        let mut last = None;
        while self.block.last().is_some_and(|&c| c >= at) {
            last = self.block.pop();
            self.close_anchors();
        }
        last
    }

    fn open_flow(&mut self, no: usize, line: &str, at: usize) -> Result<(), TooDeep> {
        if self.block.len() + self.flow >= MAX_DEPTH {
            return Err(TooDeep {
                line: no,
                col: col(line, at),
            });
        }
        self.flow += 1;
        self.events += 2;
        if let Some((name, _)) = self.pending.take() {
            self.open.push((name, 0, Close::Flow(self.flow)));
        }
        self.at_node = true;
        Ok(())
    }

    fn close_flow(&mut self) {
        self.flow = self.flow.saturating_sub(1);
        self.close_anchors();
    }

    /// A scalar starts: an anchor waiting for a node names it (and holds
    /// no alias).
    fn scalar(&mut self) {
        self.events += 1;
        if let Some((name, _)) = self.pending.take() {
            self.weights.insert(name, 0);
        }
    }

    fn alias(&mut self, no: usize, col: usize, name: &str) {
        self.events += 1;
        let cost = self.weights.get(name).map_or(1, |w| w.saturating_add(1));
        for open in &mut self.open {
            open.1 = open.1.saturating_add(cost);
        }
        self.aliases.push(AliasUse {
            line: no,
            col,
            cost,
        });
    }

    /// Ends the anchored nodes whose collection just closed.
    fn close_anchors(&mut self) {
        while let Some(&(name, weight, close)) = self.open.last() {
            let done = match close {
                Close::Block(levels) => self.block.len() < levels,
                Close::Flow(levels) => self.flow < levels,
            };
            if !done {
                break;
            }
            self.open.pop();
            self.weights.insert(name, weight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!("a: {}{}\n", "[".repeat(n), "]".repeat(n))
    }

    fn block(n: usize) -> String {
        (0..n)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect()
    }

    #[test]
    fn depth_table() {
        let deep = nested(MAX_DEPTH);
        let ok_flow = nested(MAX_DEPTH - 1);
        let deep_block = block(MAX_DEPTH + 1);
        let ok_block = block(MAX_DEPTH);
        let dashes = format!("{}x\n", "- ".repeat(MAX_DEPTH + 1));
        // `key:` then `- ` at the key's column: a list in a map, two levels a line.
        let lists: String = (0..MAX_DEPTH / 2 + 1)
            .map(|i| format!("{}- k:\n", "  ".repeat(i)))
            .collect();
        let quoted = format!("a: \"{}\"\nb: '{}'\n", "[".repeat(500), "{".repeat(500));
        let comment = format!("a: 1 # {}\n# {}\n", "[".repeat(500), "[".repeat(500));
        let plain = format!("a: x {}\nb: it's [{}\n", "[".repeat(500), "{".repeat(500));
        let literal = format!("a: |\n  {}\n  {}\nb: 1\n", "[".repeat(500), "{".repeat(500));
        let folded = format!("- >-\n {}\n- 2\n", "[".repeat(500));
        let continued = format!("a: one\n  two {}\nb: 2\n", "[".repeat(500));
        let multi_quote = format!("a: \"x\n  {}\n  y\"\nb: [1]\n", "[".repeat(500));
        let flow_quote = format!("a: [\"]{}\", '[', x]\n", "[".repeat(500));
        let after_quote = format!("a: \"x # y\" {}\n", "[".repeat(MAX_DEPTH));
        let after_block = format!("a: |\n  text\n{}", nested(MAX_DEPTH));
        let over_lines = format!("a:\n{}", "[\n".repeat(MAX_DEPTH));
        let in_quote_then_deep = format!("a: 'it''s ['\nb: {}\n", "[".repeat(MAX_DEPTH));
        type Want = Result<(), (usize, usize)>;
        let cases: &[(&str, Want)] = &[
            ("", Ok(())),
            ("title: x\nauthors: [a, b]\n", Ok(())),
            (&ok_flow, Ok(())),
            (&deep, Err((1, 4 + MAX_DEPTH - 1))),
            (&ok_block, Ok(())),
            (&deep_block, Err((MAX_DEPTH + 1, MAX_DEPTH + 1))),
            (&dashes, Err((1, 2 * MAX_DEPTH + 1))),
            (&lists, Err((MAX_DEPTH / 2 + 1, MAX_DEPTH + 1))),
            ("a:\n- x\n- y\nb:\n  - z\n", Ok(())),
            (&quoted, Ok(())),
            (&comment, Ok(())),
            (&plain, Ok(())),
            (&literal, Ok(())),
            (&folded, Ok(())),
            (&continued, Ok(())),
            (&multi_quote, Ok(())),
            (&flow_quote, Ok(())),
            (&after_quote, Ok(())),
            (&after_block, Err((3, 4 + MAX_DEPTH - 1))),
            (&over_lines, Err((MAX_DEPTH + 1, 1))),
            (&in_quote_then_deep, Err((2, 4 + MAX_DEPTH - 1))),
            ("a: [x, {b: [c, d]}, 'e]']\nb: 1\n", Ok(())),
        ];
        for (i, (text, want)) in cases.iter().enumerate() {
            let got = scan(text).map(|_| ()).map_err(|e| (e.line, e.col));
            assert_eq!(&got, want, "case {i}: {:?}", &text[..text.len().min(60)]);
        }
    }

    #[test]
    fn plain_brackets_after_a_quote_in_a_word_do_not_count() {
        // `it's` is a plain scalar: the apostrophe opens no quote, so the
        // `[` that follows on the next key's line is a real level.
        let text = format!("a: it's\nb: {}\n", "[".repeat(MAX_DEPTH));
        assert_eq!(scan(&text).map(|_| ()), Err(TooDeep { line: 2, col: 67 }));
    }

    #[test]
    fn the_bomb_is_the_alias_passing_the_limit() {
        let text = "a: &a [x, x, x]\n\
                    b: &b [*a, *a, *a]\n\
                    c: &c [*b, *b, *b]\n\
                    d: [*c, *c, *c]\n";
        let s = scan(text).unwrap();
        let costs: Vec<u64> = s.aliases.iter().map(|a| a.cost).collect();
        assert_eq!(costs, [1, 1, 1, 4, 4, 4, 13, 13, 13]);
        // 26 events (the map; each line a key, a list, three items): 28
        // jumps pass one per event at the first `*c`...
        assert_eq!(s.events, 26);
        assert_eq!(s.bomb(1), Some((4, 5)));
        // ...and where no limit is passed, the costliest alias is named.
        assert_eq!(s.bomb(100), Some((4, 5)));
    }

    #[test]
    fn block_anchors_hold_the_aliases_below_them() {
        let text = "a: &a\n  - x\nb: &b\n  - *a\n  - *a\nc: *b\n";
        let s = scan(text).unwrap();
        let costs: Vec<u64> = s.aliases.iter().map(|a| a.cost).collect();
        assert_eq!(costs, [1, 1, 3]);
    }
}
