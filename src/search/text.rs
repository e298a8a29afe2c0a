//! Rendered HTML (a brief's body, a bio, a page) -> the plain text Pagefind
//! indexes: tags dropped (a block tag leaves a space, so words of two
//! paragraphs never run together), `<script>` and `<style>` dropped whole,
//! character references decoded. Markdown renders well-formed HTML, and raw
//! HTML from authors only has to be good enough to read, so this is a scan,
//! not a parser.

/// The text of `html`, with whitespace collapsed to single spaces.
pub(crate) fn of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find(['<', '&']) {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with('&') {
            let (decoded, used) = reference(rest);
            out.push_str(decoded.as_deref().unwrap_or("&"));
            rest = &rest[used..];
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        if let Some(skip) = skipped_element(tag) {
            let close = format!("</{skip}");
            let at = find_ascii_ci(rest, &close).unwrap_or(rest.len());
            rest = &rest[at..];
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            rest = &rest[end..];
        }
        if !is_inline(tag) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    collapse(&out)
}

/// Makes text safe to hand to Pagefind as a record's content: Pagefind
/// reads words starting `___PAGEFIND_…` as its own markers (weights,
/// anchors), so text that spells one is broken up.
pub(crate) fn defused(text: String) -> String {
    if text.contains("PAGEFIND_") {
        text.replace("PAGEFIND_", "PAGEFIND _")
    } else {
        text
    }
}

/// Whitespace runs become one space; no space at either end.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a tag (opening or closing) is of an element inside a line of
/// text (`<em>`, `<a>`): no space stands for it.
fn is_inline(tag: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    ];
    let name = tag_name(tag);
    INLINE.iter().any(|i| name.eq_ignore_ascii_case(i))
}

fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches(['<', '/'])
        .split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("")
}

/// `script` or `style` for an opening tag of one (their text is not prose).
fn skipped_element(tag: &str) -> Option<&'static str> {
    if tag.starts_with("</") {
        return None;
    }
    let name = tag_name(tag);
    ["script", "style"]
        .into_iter()
        .find(|s| name.eq_ignore_ascii_case(s))
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A character reference at the start of `text`: its text (`None` when it
/// is not one) and how many bytes it spans.
fn reference(text: &str) -> (Option<String>, usize) {
    let window = &text.as_bytes()[..text.len().min(12)];
    let Some(semi) = window.iter().position(|&b| b == b';') else {
        return (None, 1);
    };
    let name = &text[1..semi];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => numeric(name),
    };
    match decoded {
        Some(c) => (Some(c.to_string()), semi + 1),
        None => (None, 1),
    }
}

fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        let cases = [
            ("<p>One</p><p>two</p>", "One two"),
            (
                "<ul>\n<li><strong>Kursk:</strong> troops</li></ul>",
                "Kursk: troops",
            ),
            ("<p>a <em>b</em>, <a href='x'>c</a>.</p>", "a b, c."),
            (
                "Tom &amp; Jerry &lt;3 &#8220;hi&#x201D; &bogus; & more",
                "Tom & Jerry <3 “hi” &bogus; & more",
            ),
            (
                "a<script>var x = '<p>no</p>';</script>b<STYLE>p{}</STYLE>c",
                "a b c",
            ),
            ("unclosed <a href='x'", "unclosed"),
            ("", ""),
        ];
        for (html, text) in cases {
            assert_eq!(of_html(html), text, "{html}");
        }
    }

    #[test]
    fn pagefind_markers_are_defused() {
        assert_eq!(
            defused("___PAGEFIND_WEIGHT___9 x".into()),
            "___PAGEFIND _WEIGHT___9 x"
        );
        assert_eq!(defused("plain".into()), "plain");
    }
}
