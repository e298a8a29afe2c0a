//! The one `srcset` parser of the crate: takes the value of a `srcset`
//! attribute (character references already decoded) and returns its image
//! candidates, each a URL and its descriptors (`1x`, `200w`) as written.
//! Used where feed content is made absolute and where `check` collects the
//! links of built files.
//!
//! Follows the HTML standard's "parse a srcset attribute": candidates are
//! split at commas, but a URL may itself hold commas (only commas that end
//! it are separators), and a comma inside parentheses in the descriptors
//! does not end a candidate. Empty candidates (`a 1x, , b 2x`) are skipped.

/// One image candidate of a `srcset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    pub(crate) url: &'a str,
    /// The descriptors, trimmed; empty when there are none.
    pub(crate) descriptors: &'a str,
}

/// The candidates of a `srcset` value, in order.
pub(crate) fn parse(value: &str) -> Vec<Candidate<'_>> {
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| is_space(c) || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest.find(is_space).unwrap_or(rest.len());
        let url = &rest[..url_end];
        rest = &rest[url_end..];
        if url.ends_with(',') {
            // The commas ending a URL separate it from the next candidate.
            out.push(Candidate {
                url: url.trim_end_matches(','),
                descriptors: "",
            });
            continue;
        }
        let end = descriptors_end(rest);
        out.push(Candidate {
            url,
            descriptors: rest[..end].trim_matches(is_space),
        });
        rest = &rest[end..];
    }
}

/// Where the descriptors at the start of `s` end: at the first comma
/// outside parentheses, or at the end.
fn descriptors_end(s: &str) -> usize {
    let mut in_parens = false;
    for (i, c) in s.char_indices() {
        match c {
            '(' => in_parens = true,
            ')' => in_parens = false,
            ',' if !in_parens => return i,
            _ => {}
        }
    }
    s.len()
}

/// The value with each candidate's URL replaced by `f(url)`, written the
/// canonical way: `url descriptors`, joined by `, `.
pub(crate) fn map_urls(value: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(value.len() * 2);
    for (i, c) in parse(value).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&f(c.url));
        if !c.descriptors.is_empty() {
            out.push(' ');
            out.push_str(c.descriptors);
        }
    }
    out
}

/// ASCII whitespace as HTML defines it.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{C}' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        for (value, want) in [
            ("a.png", &[("a.png", "")][..]),
            ("a.png 1x, b.png 2x", &[("a.png", "1x"), ("b.png", "2x")]),
            (
                "a.png 200w,b.png 400w",
                &[("a.png", "200w"), ("b.png", "400w")],
            ),
            (
                "  a.png \t 1x ,\n b.png   2x  ",
                &[("a.png", "1x"), ("b.png", "2x")],
            ),
            ("a.png,b.png", &[("a.png,b.png", "")]),
            ("a.png, b.png", &[("a.png", ""), ("b.png", "")]),
            ("a.png,, b.png 2x", &[("a.png", ""), ("b.png", "2x")]),
            (
                "/img?size=1,2 1x, /img?size=3,4 2x",
                &[("/img?size=1,2", "1x"), ("/img?size=3,4", "2x")],
            ),
            (
                "data:image/png;base64,iVBO 1x",
                &[("data:image/png;base64,iVBO", "1x")],
            ),
            ("a.png 1x, , b.png 2x,", &[("a.png", "1x"), ("b.png", "2x")]),
            ("a.png 100w 2x", &[("a.png", "100w 2x")]),
            (
                "a.png f(1,2) 1x, b.png",
                &[("a.png", "f(1,2) 1x"), ("b.png", "")],
            ),
            ("", &[]),
            (" , ,", &[]),
        ] {
            let got: Vec<_> = parse(value)
                .iter()
                .map(|c| (c.url, c.descriptors))
                .collect();
            assert_eq!(got, want, "{value:?}");
        }
    }

    #[test]
    fn urls_map_and_descriptors_stay() {
        let up = |u: &str| u.to_uppercase();
        for (value, want) in [
            ("a.png 1x, /b.png 2x", "A.PNG 1x, /B.PNG 2x"),
            (" a.png  200w ,b.png", "A.PNG 200w, B.PNG"),
            ("a,b.png 1x", "A,B.PNG 1x"),
            ("a.png 1x, , ", "A.PNG 1x"),
            ("", ""),
        ] {
            assert_eq!(map_urls(value, up), want, "{value:?}");
        }
    }
}
