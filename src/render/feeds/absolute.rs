//! Absolute URLs in feed HTML: takes an HTML fragment and the permalink of
//! the page it belongs to, returns the fragment with every URL-valued
//! attribute (`href`, `src`, `srcset`, `poster`, …) resolved against that
//! permalink, because a feed reader shows the HTML away from the site.
//!
//! A small tokenizer after the HTML standard's tag rules: comments, doctype
//! and end tags are copied as they are, the text of `<script>`, `<style>`
//! and similar elements is never read as tags, attribute values may be
//! double-quoted, single-quoted or bare, and character references in a value
//! are decoded before it is resolved and escaped again after.

use url::Url;

/// Attributes whose value is one URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "poster",
    "cite",
    "action",
    "formaction",
    "data",
    "background",
    "longdesc",
];

/// Elements whose content is text, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Resolves every URL attribute of `html` against `base`.
pub fn absolutize(html: &str, base: &Url) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        rest = markup(rest, base, &mut out);
    }
    out.push_str(rest);
    out
}

/// Copies or rewrites the markup at the start of `s` (which starts with
/// `<`); returns what follows it.
fn markup<'a>(s: &'a str, base: &Url, out: &mut String) -> &'a str {
    let next = s.as_bytes().get(1).copied().unwrap_or(b' ');
    if let Some(comment) = s.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(s.len(), |i| i + 7);
        return copy(s, end, out);
    }
    if matches!(next, b'!' | b'?' | b'/') {
        let end = s.find('>').map_or(s.len(), |i| i + 1);
        return copy(s, end, out);
    }
    if !next.is_ascii_alphabetic() {
        out.push('<');
        return &s[1..];
    }
    let (name, rest) = start_tag(s, base, out);
    if RAW_TEXT.contains(&name.as_str()) {
        let end = find_end_tag(rest, &name).unwrap_or(rest.len());
        return copy(rest, end, out);
    }
    rest
}

fn copy<'a>(s: &'a str, end: usize, out: &mut String) -> &'a str {
    out.push_str(&s[..end]);
    &s[end..]
}

/// Where `</name` starts in `s`, ignoring case.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let needle = format!("</{name}");
    lower.find(&needle)
}

/// Writes a start tag with its URL attributes resolved; returns the tag's
/// lower-case name and what follows the tag.
fn start_tag<'a>(s: &'a str, base: &Url, out: &mut String) -> (String, &'a str) {
    let name_end = s[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map_or(s.len(), |i| i + 1);
    let name = s[1..name_end].to_ascii_lowercase();
    out.push_str(&s[..name_end]);
    let mut rest = &s[name_end..];
    loop {
        let skip = rest
            .find(|c: char| !(c.is_ascii_whitespace() || c == '/'))
            .unwrap_or(rest.len());
        rest = copy(rest, skip, out);
        if rest.is_empty() {
            return (name, rest);
        }
        if rest.starts_with('>') {
            return (name, copy(rest, 1, out));
        }
        rest = attribute(rest, base, out);
    }
}

/// Copies or rewrites one attribute at the start of `s`; returns the rest.
fn attribute<'a>(s: &'a str, base: &Url, out: &mut String) -> &'a str {
    // The first character is part of the name even if it is `=`.
    let name_end = s[1..]
        .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '='))
        .map_or(s.len(), |i| i + 1);
    let name = &s[..name_end];
    let after_name = &s[name_end..];
    let ws = after_name
        .find(|c: char| !c.is_ascii_whitespace())
        .unwrap_or(after_name.len());
    if !after_name[ws..].starts_with('=') {
        out.push_str(name);
        return after_name;
    }
    let value_start = &after_name[ws + 1..];
    let ws2 = value_start
        .find(|c: char| !c.is_ascii_whitespace())
        .unwrap_or(value_start.len());
    let (raw, rest) = value(&value_start[ws2..]);
    let lower = name.to_ascii_lowercase();
    let resolved = if lower == "srcset" {
        Some(resolve_srcset(&decode(raw), base))
    } else if URL_ATTRIBUTES.contains(&lower.as_str()) {
        Some(resolve(&decode(raw), base))
    } else {
        None
    };
    match resolved {
        Some(url) => {
            out.push_str(name);
            out.push_str("=\"");
            out.push_str(&escape_attribute(&url));
            out.push('"');
        }
        None => out.push_str(&s[..s.len() - rest.len()]),
    }
    rest
}

/// Splits a quoted or bare attribute value off `s`: (raw value, rest).
fn value(s: &str) -> (&str, &str) {
    match s.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let body = &s[1..];
            match body.find(q as char) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            }
        }
        _ => {
            let end = s
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(s.len());
            (&s[..end], &s[end..])
        }
    }
}

/// One URL resolved against `base`; left alone if it cannot be parsed.
pub fn resolve(url: &str, base: &Url) -> String {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
    if url.is_empty() {
        return String::new();
    }
    base.join(url)
        .map(String::from)
        .unwrap_or_else(|_| url.to_string())
}

/// A `srcset` list: each candidate's URL resolved, descriptors kept.
fn resolve_srcset(list: &str, base: &Url) -> String {
    list.split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate
                .split_once(|c: char| c.is_ascii_whitespace())
                .unwrap_or((candidate, ""));
            let url = resolve(url, base);
            if descriptor.is_empty() {
                url
            } else {
                format!("{url} {}", descriptor.trim())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Decodes the character references that occur in URLs: `&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&apos;` and numeric ones. Others stay as written.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `s` stands for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let semi = s.get(..12.min(s.len()))?.find(';')?;
    let body = &s[1..semi];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = body.strip_prefix('#')?;
            let n = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(n)?
        }
    };
    Some((c, semi + 1))
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(s: &str) -> String {
    crate::escape::markup(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_become_absolute() {
        let base = Url::parse("https://org.github.io/briefs/briefs/x/").unwrap();
        for (html, want) in [
            (
                "<a href=\"/y\">y</a>",
                "<a href=\"https://org.github.io/y\">y</a>",
            ),
            (
                "<a href=\"z/\">",
                "<a href=\"https://org.github.io/briefs/briefs/x/z/\">",
            ),
            (
                "<a href=\"#fn-1\">",
                "<a href=\"https://org.github.io/briefs/briefs/x/#fn-1\">",
            ),
            (
                "<a href=\"../\">",
                "<a href=\"https://org.github.io/briefs/briefs/\">",
            ),
            (
                "<A HREF='/q?a=1&amp;b=2'>",
                "<A HREF=\"https://org.github.io/q?a=1&amp;b=2\">",
            ),
            (
                "<img alt=x src=pic.png>",
                "<img alt=x src=\"https://org.github.io/briefs/briefs/x/pic.png\">",
            ),
            (
                "<img src = \"/p.jpg\" />",
                "<img src=\"https://org.github.io/p.jpg\" />",
            ),
            (
                "<a href=\"https://e.org/a\">",
                "<a href=\"https://e.org/a\">",
            ),
            ("<a href=\"mailto:a@b.org\">", "<a href=\"mailto:a@b.org\">"),
            ("<a href=\"\">", "<a href=\"\">"),
            ("<a title=\"href=/no\">", "<a title=\"href=/no\">"),
            (
                "<a data-href=\"/no\" hidden>",
                "<a data-href=\"/no\" hidden>",
            ),
            (
                "<img srcset=\"a.png 1x, /b.png 2x\">",
                "<img srcset=\"https://org.github.io/briefs/briefs/x/a.png 1x, https://org.github.io/b.png 2x\">",
            ),
            ("<!-- <a href=\"/c\"> -->", "<!-- <a href=\"/c\"> -->"),
            (
                "<script>var a = '<a href=\"/s\">';</script><a href=/t>",
                "<script>var a = '<a href=\"/s\">';</script><a href=\"https://org.github.io/t\">",
            ),
            ("a < b and c <3 d", "a < b and c <3 d"),
            ("</a><br/>", "</a><br/>"),
            ("<a href=\"/x", "<a href=\"https://org.github.io/x\""),
            ("<a href", "<a href"),
            (
                "Text “é” <a href=\"/é\">é</a>",
                "Text “é” <a href=\"https://org.github.io/%C3%A9\">é</a>",
            ),
        ] {
            assert_eq!(absolutize(html, &base), want, "{html}");
        }
    }

    #[test]
    fn references_decode() {
        for (raw, want) in [
            ("a&amp;b", "a&b"),
            ("&#47;x&#x2F;", "/x/"),
            ("&copy; &", "&copy; &"),
            ("&#xZZ;", "&#xZZ;"),
        ] {
            assert_eq!(decode(raw), want, "{raw}");
        }
    }
}
