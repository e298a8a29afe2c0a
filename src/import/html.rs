//! A post's HTML to Markdown, with the `htmd` converter: shortcodes
//! handled first ([`super::shortcode`]), WordPress's implicit paragraphs
//! (blank lines in classic-editor content) made explicit, links into the
//! old site rewritten or reported ([`super::links`]) on the parsed tree,
//! and block comments (`<!-- wp:paragraph -->`) dropped by the converter
//! with every other comment.

use super::links::{Fate, OldSite};
use super::shortcode;
use htmd::options::{BulletListMarker, Options};
use htmd::{HtmlToMarkdown, Node};
use markup5ever_rcdom::NodeData;
use std::path::PathBuf;
use std::rc::Rc;

/// A body converted, with what the editor should know about it.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    pub(crate) markdown: String,
    /// Shortcodes kept verbatim.
    pub(crate) shortcodes: Vec<String>,
    /// Links into the old site kept as they were: (address, why).
    pub(crate) left: Vec<(String, String)>,
    /// Uploads to copy: (file, path under the site root).
    pub(crate) copies: Vec<(PathBuf, String)>,
    /// Elements the converter drops (embeds, scripts), described.
    pub(crate) dropped: Vec<String>,
}

/// Elements Markdown has no form for: dropped, and listed for review.
const DROPPED: &[&str] = &[
    "iframe", "video", "audio", "object", "embed", "script", "style", "noscript", "form",
];

/// Converts `html`, whose links point into `old`.
pub(crate) fn to_markdown(html: &str, old: &OldSite) -> Converted {
    let prepared = shortcode::prepare(html);
    let html = paragraphs(&prepared.html);
    let converter = HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Options::default()
        })
        .skip_tags(DROPPED.to_vec())
        .build();
    let mut out = Converted::default();
    // html5ever reads any input; the error is only the io::Result shape.
    let Ok(tree) = converter.html_to_tree(&html) else {
        return out;
    };
    relink(&tree, old, &mut out);
    let markdown = converter.tree_to_markdown(&tree);
    out.markdown = shortcode::restore(&markdown, &prepared.kept);
    out.shortcodes = prepared.kept;
    out
}

/// Rewrites the `href` and `src` of every element below `root`.
fn relink(root: &Rc<Node>, old: &OldSite, out: &mut Converted) {
    let mut stack = vec![Rc::clone(root)];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { attrs, name, .. } = &node.data {
            if DROPPED.contains(&&*name.local) {
                let src = attrs
                    .borrow()
                    .iter()
                    .find(|a| &*a.name.local == "src")
                    .map(|a| format!(" ({})", a.value));
                out.dropped.push(format!(
                    "a <{}>{} was dropped: Markdown has no form for it",
                    &*name.local,
                    src.unwrap_or_default()
                ));
                continue;
            }
            for attr in attrs.borrow_mut().iter_mut() {
                if !matches!(&*attr.name.local, "href" | "src") {
                    continue;
                }
                let url = attr.value.to_string();
                let new = match old.fate(&url) {
                    Fate::Outside => continue,
                    Fate::Moved(new) => new,
                    Fate::Copied(new, file, dest) => {
                        out.copies.push((file, dest));
                        new
                    }
                    Fate::Left(why) => {
                        let absolute = old.absolute(&url);
                        out.left.push((absolute.clone(), why));
                        absolute
                    }
                };
                attr.value = new.as_str().into();
            }
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
}

/// Block-level tags: a chunk starting with one is not wrapped in `<p>`.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "table",
    "pre",
    "hr",
    "dl",
    "section",
    "iframe",
    "!--",
    "form",
    "address",
];

/// WordPress's classic editor stores paragraphs as blank lines and line
/// breaks as newlines (its `wpautop` adds the tags on display): HTML
/// without any `<p>` gets them here, so the converter keeps them apart.
fn paragraphs(html: &str) -> String {
    if html.to_ascii_lowercase().contains("<p") {
        return html.to_string();
    }
    let normalised = html.replace("\r\n", "\n");
    let chunks: Vec<String> = normalised
        .split("\n\n")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| {
            let tag = c.strip_prefix('<').map(|t| {
                t.split(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase()
            });
            match tag {
                Some(t) if BLOCKS.contains(&t.as_str()) || t.starts_with("!--") => c.to_string(),
                _ => format!("<p>{}</p>", c.replace('\n', "<br>")),
            }
        })
        .collect();
    chunks.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        to_markdown(html, &OldSite::default()).markdown
    }

    #[test]
    fn conversions() {
        for (html, want) in [
            (
                "<!-- wp:paragraph -->\n<p>One <strong>two</strong></p>\n<!-- /wp:paragraph -->",
                "One **two**",
            ),
            (
                "<ul><li><strong>A:</strong> b</li><li>c</li></ul>",
                "- **A:** b\n- c",
            ),
            ("First para\n\nSecond\nline", "First para\n\nSecond  \nline"),
            ("<h2>Head</h2><p>x</p>", "## Head\n\nx"),
            ("<p>[gallery ids=\"1,2\"]</p>", "[gallery ids=\"1,2\"]"),
            ("<script>alert(1)</script><p>c</p>", "c"),
            (
                "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>",
                "| A |\n| - |\n| 1 |",
            ),
        ] {
            assert_eq!(md(html), want, "{html}");
        }
    }

    #[test]
    fn caption_becomes_image_and_text() {
        let got = md(
            "[caption id=\"a\" width=\"300\"]<img src=\"https://x.org/i.jpg\" alt=\"Alt\"> Caption here[/caption]",
        );
        assert!(got.contains("![Alt](https://x.org/i.jpg)"), "{got}");
        assert!(got.contains("Caption here"), "{got}");
    }

    #[test]
    fn embeds_are_dropped_and_listed() {
        let c = to_markdown(
            "<p>a</p><iframe src=\"https://v.example/1\"></iframe>",
            &OldSite::default(),
        );
        assert_eq!(c.markdown, "a");
        assert_eq!(
            c.dropped,
            ["a <iframe> (https://v.example/1) was dropped: Markdown has no form for it"]
        );
    }

    #[test]
    fn old_links_are_reported() {
        let mut old = OldSite::new(&["https://old.org".into()], None);
        old.moved("https://old.org/a/", "/briefs/a/");
        let c = to_markdown(
            "<p><a href=\"https://old.org/a/\">A</a> <a href=\"/b/\">B</a></p>",
            &old,
        );
        assert_eq!(c.markdown, "[A](/briefs/a/) [B](https://old.org/b/)");
        assert_eq!(c.left.len(), 1);
    }
}
