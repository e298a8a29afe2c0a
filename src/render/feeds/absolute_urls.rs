//! Absolute URLs in feed HTML: takes an HTML fragment and the permalink of
//! the page it belongs to, returns the fragment with every URL-valued
//! attribute (`href`, `src`, `srcset`, `poster`, …) resolved against that
//! permalink, because a feed reader shows the HTML away from the site.
//!
//! The fragment is the rendered Markdown body, raw HTML an editor wrote in
//! it included, so it is read by a real HTML rewriter (lol_html): comments,
//! the text of `<script>` or `<textarea>`, and attribute-like text are never
//! taken for attributes, and a tag is written again only when one of its
//! URLs changed (as `name="value"`, with single spaces between attributes).
//! (The table test at the bottom runs past 80 lines: one row per case.)

use crate::parse::srcset;
use lol_html::html_content::Element;
use lol_html::{AsciiCompatibleEncoding, HtmlRewriter, Settings, element};
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

/// Whether `html` may hold a URL attribute: one of their names, then `=`.
/// A cheap test that can only err towards yes, so that a fragment without
/// any (most brief bodies) is not rewritten at all.
pub(super) fn may_hold_urls(html: &str) -> bool {
    html.match_indices('=').any(|(at, _)| {
        let before = html[..at].trim_end_matches(|c: char| c.is_ascii_whitespace());
        URL_ATTRIBUTES.iter().chain(&["srcset"]).any(|name| {
            let n = name.len();
            before.len() >= n
                && before.is_char_boundary(before.len() - n)
                && before[before.len() - n..].eq_ignore_ascii_case(name)
        })
    })
}

/// An `href` value for the markup this program writes: `url` resolved
/// against `base` and escaped, exactly as [`absolutize`] would leave
/// `href="…"` holding `url`.
pub(super) fn href(url: &str, base: &Url) -> String {
    let raw = crate::escape::markup(url);
    absolute_value("href", &raw, base)
}

/// Resolves every URL attribute of `html` against `base`.
pub(super) fn absolutize(html: &str, base: &Url) -> String {
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |el| {
            rewrite_element(el, base);
            Ok(())
        }))
        .with_encoding(AsciiCompatibleEncoding::utf_8())
        .with_adjust_charset_on_meta_tag(false)
        // Never give up on markup whose parsing context is ambiguous, and
        // read `<esi:…>` as any other unknown element.
        .with_strict(false)
        .with_enable_esi_tags(false);
    // Absolute URLs are longer: room for the usual growth up front.
    let mut out = Vec::with_capacity(html.len() + html.len() / 4);
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    // Handlers never fail and memory is not limited, so this cannot fail;
    // if it ever did, the content would still be valid, only less absolute.
    if rewriter
        .write(html.as_bytes())
        .and_then(|()| rewriter.end())
        .is_err()
    {
        return html.to_string();
    }
    // UTF-8 in, UTF-8 out: lol_html copies text and writes only our values.
    String::from_utf8(out).unwrap_or_else(|_| html.to_string())
}

/// Rewrites the URL attributes of one element whose value changes.
fn rewrite_element<H: lol_html::HandlerTypes>(el: &mut Element<'_, '_, H>, base: &Url) {
    let mut changed = Vec::new();
    for attr in el.attributes() {
        let name = attr.name();
        if name != "srcset" && !URL_ATTRIBUTES.contains(&name.as_str()) {
            continue;
        }
        let raw = attr.value();
        let value = absolute_value(&name, &raw, base);
        if value != raw {
            changed.push((name, value));
        }
    }
    for (name, value) in changed {
        // The name came from the element, so it is valid.
        let _ = el.set_attribute(&name, &value);
    }
}

/// The new raw value of URL attribute `name` (lower case) whose raw value
/// is `raw`, escaped for a double-quoted attribute.
fn absolute_value(name: &str, raw: &str, base: &Url) -> String {
    let resolved = if name == "srcset" {
        srcset::map_urls(&decode(raw), |url| resolve(url, base))
    } else {
        resolve(&decode(raw), base)
    };
    crate::escape::markup(&resolved)
}

/// One URL resolved against `base`; left alone if it cannot be parsed.
fn resolve(url: &str, base: &Url) -> String {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
    if url.is_empty() {
        return String::new();
    }
    base.join(url)
        .map(String::from)
        .unwrap_or_else(|_| url.to_string())
}

/// Decodes the character references that occur in URLs: `&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&apos;` and numeric ones. Others stay as written.
/// (lol_html hands attribute values over as written.)
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
                "<a  class=c\n href=/p title='t'>",
                "<a class=c href=\"https://org.github.io/p\" title='t'>",
            ),
            (
                "<a href=\"https://e.org/a\">",
                "<a href=\"https://e.org/a\">",
            ),
            (
                "<a href='https://e.org/a'  id=k>",
                "<a href='https://e.org/a'  id=k>",
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
            (
                "<picture><source srcset=\"/w,1.png 200w,w2.png  400w\"><img src=/f.png></picture>",
                "<picture><source srcset=\"https://org.github.io/w,1.png 200w, https://org.github.io/briefs/briefs/x/w2.png 400w\"><img src=\"https://org.github.io/f.png\"></picture>",
            ),
            (
                "<video src=v.mp4 poster=/p.jpg></video><audio src=/a.mp3></audio>",
                "<video src=\"https://org.github.io/briefs/briefs/x/v.mp4\" poster=\"https://org.github.io/p.jpg\"></video><audio src=\"https://org.github.io/a.mp3\"></audio>",
            ),
            (
                "<blockquote cite=/c><form action=/f><button formaction=g>",
                "<blockquote cite=\"https://org.github.io/c\"><form action=\"https://org.github.io/f\"><button formaction=\"https://org.github.io/briefs/briefs/x/g\">",
            ),
            ("<!-- <a href=\"/c\"> -->", "<!-- <a href=\"/c\"> -->"),
            (
                "<script>var a = '<a href=\"/s\">';</script><a href=/t>",
                "<script>var a = '<a href=\"/s\">';</script><a href=\"https://org.github.io/t\">",
            ),
            (
                "<textarea><a href=/s></textarea>",
                "<textarea><a href=/s></textarea>",
            ),
            ("a < b and c <3 d", "a < b and c <3 d"),
            ("</a><br/>", "</a><br/>"),
            // A tag cut off by the end is no tag: copied as it is.
            ("<a href=\"/x", "<a href=\"/x"),
            ("<a href", "<a href"),
            (
                "Text “é” <a href=\"/é\">é</a>",
                "Text “é” <a href=\"https://org.github.io/%C3%A9\">é</a>",
            ),
            (
                "<a href=\"/x?a=&quot;'\">",
                "<a href=\"https://org.github.io/x?a=%22%27\">",
            ),
            (
                "<a href=\"https://e.org/x?a=1&b=2\">",
                "<a href=\"https://e.org/x?a=1&amp;b=2\">",
            ),
        ] {
            assert_eq!(absolutize(html, &base), want, "{html}");
        }
    }

    #[test]
    fn only_fragments_that_may_hold_urls_are_rewritten() {
        let base = Url::parse("https://example.org/briefs/x/").unwrap();
        for (html, may) in [
            ("<p>Plain text, no links = none.</p>", false),
            ("<p>data on the action taken, cited</p>", false),
            ("<a href=\"/y/\">y</a>", true),
            ("<IMG SRC = 'a.png'>", true),
            ("<img srcset=\"a.png 2x\">", true),
            ("<p>href = not a tag, still rewritten</p>", true),
        ] {
            assert_eq!(may_hold_urls(html), may, "{html}");
            if !may {
                assert_eq!(absolutize(html, &base), html, "{html}");
            }
        }
    }

    #[test]
    fn generated_links_match_what_the_rewriter_writes() {
        let base = Url::parse("https://example.org/briefs/x/").unwrap();
        for url in [
            "/experts/a/",
            "https://example.org/ü b",
            "../y/?a=1&b=2",
            "#r",
        ] {
            let html = format!("<a href=\"{}\">t</a>", crate::escape::markup(url));
            assert_eq!(
                absolutize(&html, &base),
                format!("<a href=\"{}\">t</a>", href(url, &base)),
                "{url}"
            );
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
