//! WordPress shortcodes in a post's HTML: `[caption]` becomes a
//! `<figure>` with its `<figcaption>` (so the converter makes an image and
//! its caption); every other shortcode is kept verbatim, hidden from the
//! converter behind a placeholder and put back in the Markdown afterwards,
//! and listed for review.

/// Shortcodes WordPress itself and common plugins register: a bracketed
/// word in this list is a shortcode even without attributes.
const KNOWN: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
    "contact-form-7",
    "contact-form",
    "youtube",
    "vimeo",
    "tweet",
    "twitter",
    "soundcloud",
    "pdf-embedder",
    "pdf",
    "button",
    "column",
    "columns",
    "row",
    "tabs",
    "tab",
    "accordion",
];

/// HTML with shortcodes handled, and the ones kept.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    pub(crate) html: String,
    /// Each kept shortcode, verbatim; `placeholder(i)` stands for the i-th.
    pub(crate) kept: Vec<String>,
}

/// The placeholder of the i-th kept shortcode: letters and digits only,
/// which the HTML converter copies as they are.
pub(crate) fn placeholder(i: usize) -> String {
    format!("BRIEFSSHORTCODE{i}X")
}

/// Handles every shortcode of `html`.
pub(crate) fn prepare(html: &str) -> Prepared {
    let mut out = Prepared {
        html: String::with_capacity(html.len()),
        kept: Vec::new(),
    };
    let mut rest = html;
    while let Some(open) = rest.find('[') {
        out.html.push_str(&rest[..open]);
        let tail = &rest[open..];
        match parse(tail) {
            Some(sc) => {
                if sc.name == "caption" || sc.name == "wp_caption" {
                    out.html.push_str(&caption(&sc));
                } else {
                    out.html.push_str(&placeholder(out.kept.len()));
                    out.kept.push(tail[..sc.len].to_string());
                }
                rest = &tail[sc.len..];
            }
            None => {
                out.html.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.html.push_str(rest);
    out
}

/// Puts the kept shortcodes back into the converted Markdown.
pub(crate) fn restore(markdown: &str, kept: &[String]) -> String {
    let mut out = markdown.to_string();
    // From the last: `…1X` must not be taken for the start of `…10X`.
    for (i, text) in kept.iter().enumerate().rev() {
        out = out.replace(&placeholder(i), text);
    }
    out
}

struct Shortcode<'a> {
    name: &'a str,
    attrs: &'a str,
    content: &'a str,
    /// Bytes taken, closing tag included.
    len: usize,
}

/// The shortcode at the start of `s` (which starts with `[`), if it is one.
fn parse(s: &str) -> Option<Shortcode<'_>> {
    let name_len = s[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(s.len() - 1);
    let name = &s[1..1 + name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let close = s.find(']')?;
    let attrs = s[1 + name_len..close].trim().trim_end_matches('/').trim();
    if !(attrs.is_empty() || s[1 + name_len..].starts_with(' ')) {
        return None;
    }
    let end_tag = format!("[/{name}]");
    let after = &s[close + 1..];
    let closing = after.find(&end_tag).filter(|_| !s[..close].ends_with('/'));
    let known = KNOWN.contains(&name);
    if !(known || attrs.contains('=') || closing.is_some()) {
        return None;
    }
    Some(match closing {
        Some(at) => Shortcode {
            name,
            attrs,
            content: &after[..at],
            len: close + 1 + at + end_tag.len(),
        },
        None => Shortcode {
            name,
            attrs,
            content: "",
            len: close + 1,
        },
    })
}

/// `[caption …]<img …> Text[/caption]` as a figure: the image (or the
/// link around it) and the caption text, or the `caption="…"` attribute.
fn caption(sc: &Shortcode) -> String {
    let content = sc.content.trim();
    let media_end = if content.starts_with("<a") {
        content.find("</a>").map(|i| i + 4)
    } else if content.starts_with("<img") {
        content.find('>').map(|i| i + 1)
    } else {
        None
    }
    .unwrap_or(0);
    let (media, mut text) = content.split_at(media_end);
    let attr_caption = attr(sc.attrs, "caption");
    if text.trim().is_empty() {
        text = attr_caption.unwrap_or("");
    }
    format!(
        "<figure>{media}<figcaption>{}</figcaption></figure>",
        text.trim()
    )
}

/// The value of `key="…"` in a shortcode's attributes.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let start = attrs.find(&format!("{key}=\""))? + key.len() + 2;
    let len = attrs[start..].find('"')?;
    Some(&attrs[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_become_figures() {
        let p = prepare(
            "a [caption id=\"x\" width=\"300\"]<img src=\"i.jpg\" alt=\"A\"> The caption[/caption] b",
        );
        assert_eq!(
            p.html,
            "a <figure><img src=\"i.jpg\" alt=\"A\"><figcaption>The caption</figcaption></figure> b"
        );
        assert!(p.kept.is_empty());
    }

    #[test]
    fn others_are_kept_verbatim() {
        for (html, kept) in [
            ("[gallery ids=\"1,2\"]", vec!["[gallery ids=\"1,2\"]"]),
            (
                "x [embed]https://v.example/1[/embed] y",
                vec!["[embed]https://v.example/1[/embed]"],
            ),
            ("[foo bar=\"1\"/]", vec!["[foo bar=\"1\"/]"]),
            ("[1] [sic] [a](b) [", vec![]),
        ] {
            let p = prepare(html);
            assert_eq!(p.kept, kept, "{html}");
            assert_eq!(restore(&p.html, &p.kept), html);
        }
    }
}
