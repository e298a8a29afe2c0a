//! Markdown to HTML: CommonMark plus tables, footnotes, strikethrough, smart
//! punctuation and heading ids (explicit `{#id}` or derived from the text,
//! unique within the page). Works on pulldown-cmark's event stream, never on
//! the HTML: links and images are checked and root-relative ones get the
//! base path ([`links`](super::links)), heading attributes are checked and
//! ids kept clear of the theme's ([`ids`](super::ids)), footnotes get
//! prefixed ids and back-links ([`footnotes`](super::footnotes)). Also
//! extracts the first paragraph as text, the default summary of a brief.
//! Problems come back with their byte offset in the Markdown.

use super::{footnotes, ids, links};
use crate::diag::Diagnostic;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::path::Path;

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    /// Text of the first paragraph (or, failing that, the first text block).
    pub(crate) first_paragraph: String,
    /// What the editor must fix (refused URLs, heading attributes), in
    /// source order.
    pub(crate) problems: Vec<Problem>,
}

/// One problem in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Problem {
    /// Byte offset in the Markdown source.
    pub(crate) at: usize,
    pub(crate) message: String,
    pub(crate) hint: &'static str,
}

impl Problem {
    pub(crate) fn new(at: usize, message: String, hint: &'static str) -> Problem {
        Problem { at, message, hint }
    }
}

/// Where a body is rendered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The site's base path (`/` or `/briefs/`), for root-relative URLs.
    pub(crate) base_path: &'a str,
    /// Ids the page has besides the theme's: a brief's response anchors.
    pub(crate) reserved_ids: &'a [String],
}

impl Default for Context<'_> {
    fn default() -> Self {
        Context {
            base_path: "/",
            reserved_ids: &[],
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders the Markdown `body` of the content file `file` (at `path`) to
/// HTML, with its problems as diagnostics at their place in the file.
pub(crate) fn render_body(
    path: &Path,
    file: &str,
    body: &str,
    cx: &Context,
) -> (Rendered, Vec<Diagnostic>) {
    let rendered = render(body, cx);
    let problems = diagnostics(&rendered.problems, path, file, body);
    (rendered, problems)
}

/// Renders `source` to HTML.
pub(crate) fn render(source: &str, cx: &Context) -> Rendered {
    let mut parser = Parser::new_ext(source, options()).into_offset_iter();
    let mut located: Vec<_> = parser.by_ref().collect();
    let mut problems = Vec::new();
    let defs = parser.reference_definitions();
    links::check_and_rebase(&mut located, source, defs, cx.base_path, &mut problems);
    let mut ids = ids::Ids::new(cx.reserved_ids);
    ids::claim_explicit(&mut located, &mut ids, &mut problems);
    let events: Vec<Event> = located.into_iter().map(|(e, _)| e).collect();
    let first_paragraph = first_paragraph(&events);
    let mut events = footnotes::rewrite(events, &mut ids);
    ids::derive(&mut events, &mut ids);
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    problems.sort();
    problems.dedup();
    Rendered {
        html: out,
        first_paragraph,
        problems,
    }
}

/// The problems of a body as diagnostics of its file: `file` is the whole
/// text of the file and the body rendered is its end.
fn diagnostics(problems: &[Problem], path: &Path, file: &str, body: &str) -> Vec<Diagnostic> {
    let offset = file.len().saturating_sub(body.len());
    problems
        .iter()
        .map(|p| {
            let (line, col) = crate::diag::line_col(file, offset + p.at);
            Diagnostic::error(path, p.message.clone())
                .at(file, line, col)
                .hint(p.hint)
        })
        .collect()
}

/// Renders a short inline Markdown snippet to plain text (for summaries).
pub(crate) fn to_text(source: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(source, options()).collect();
    let mut text = String::new();
    push_text(&events, &mut text);
    text.trim().to_string()
}

/// Like [`to_text`], but without smart punctuation: quotes, dashes and
/// dots come back exactly as written (for text the importer moves from a
/// body into front matter).
pub(crate) fn to_text_as_written(source: &str) -> String {
    let events: Vec<Event> =
        Parser::new_ext(source, options() - Options::ENABLE_SMART_PUNCTUATION).collect();
    let mut text = String::new();
    push_text(&events, &mut text);
    text.trim().to_string()
}

fn push_text(events: &[Event], out: &mut String) {
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
}

fn first_paragraph(events: &[Event]) -> String {
    let block = find_block(events, |t| matches!(t, Tag::Paragraph))
        .or_else(|| find_block(events, |t| matches!(t, Tag::Item)));
    let mut text = String::new();
    if let Some(slice) = block {
        push_text(slice, &mut text);
    }
    collapse_spaces(&text)
}

/// The events inside the first block whose start tag matches.
fn find_block<'e, 'a>(
    events: &'e [Event<'a>],
    want: impl Fn(&Tag) -> bool,
) -> Option<&'e [Event<'a>]> {
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Start(t) if want(t)))?;
    let mut depth = 0usize;
    for (i, e) in events[start..].iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Some(&events[start + 1..start + i]);
                }
            }
            _ => {}
        }
    }
    Some(&events[start + 1..])
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        render(src, &Context::default()).html
    }

    #[test]
    fn extensions_and_heading_ids() {
        for (src, want) in [
            (
                "## Latest Developments",
                "<h2 id=\"latest-developments\">Latest Developments</h2>\n",
            ),
            ("# A\n# A", "<h1 id=\"a\">A</h1>\n<h1 id=\"a-1\">A</h1>\n"),
            ("## Own {#mine}", "<h2 id=\"mine\">Own</h2>\n"),
            (
                "## Own {#mine .wide}",
                "<h2 id=\"mine\" class=\"wide\">Own</h2>\n",
            ),
            ("~~x~~", "<p><del>x</del></p>\n"),
            ("\"q\" -- x", "<p>“q” – x</p>\n"),
            ("<b>raw</b>", "<p><b>raw</b></p>\n"),
            // The theme's section ids are never a heading's.
            (
                "## Expert Response\n## Background",
                "<h2 id=\"expert-response-1\">Expert Response</h2>\n<h2 id=\"background-1\">Background</h2>\n",
            ),
            // Raw HTML is kept as written.
            ("<a href=\"/x\">x</a>", "<p><a href=\"/x\">x</a></p>\n"),
        ] {
            assert_eq!(html(src), want, "{src}");
        }
        assert!(html("|a|\n|-|\n|1|").contains("<table>"));
    }

    #[test]
    fn response_anchors_are_reserved() {
        let anchors = ["response-ann-lee".to_string()];
        let cx = Context {
            base_path: "/",
            reserved_ids: &anchors,
        };
        for (src, want) in [
            (
                "## Response Ann Lee",
                "<h2 id=\"response-ann-lee-1\">Response Ann Lee</h2>\n",
            ),
            ("## Other", "<h2 id=\"other\">Other</h2>\n"),
        ] {
            assert_eq!(render(src, &cx).html, want, "{src}");
        }
    }

    #[test]
    fn footnotes_get_prefixed_ids_and_back_links() {
        for (src, want) in [
            (
                "x[^background]\n\n[^background]: Note.\n",
                "<p>x<sup class=\"footnote-reference\" id=\"fnref-background\"><a href=\"#fn-background\">1</a></sup></p>\n\
                 <div class=\"footnote-definition\" id=\"fn-background\"><sup class=\"footnote-definition-label\">1</sup>\n\
                 <p>Note. <a href=\"#fnref-background\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a></p>\n</div>\n",
            ),
            (
                "a[^n] b[^n] c[^m]\n\n[^m]: M\n\n[^n]: N\n",
                "<p>a<sup class=\"footnote-reference\" id=\"fnref-n\"><a href=\"#fn-n\">1</a></sup> \
                 b<sup class=\"footnote-reference\" id=\"fnref-n-1\"><a href=\"#fn-n\">1</a></sup> \
                 c<sup class=\"footnote-reference\" id=\"fnref-m\"><a href=\"#fn-m\">2</a></sup></p>\n\
                 <div class=\"footnote-definition\" id=\"fn-m\"><sup class=\"footnote-definition-label\">2</sup>\n\
                 <p>M <a href=\"#fnref-m\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a></p>\n</div>\n\
                 <div class=\"footnote-definition\" id=\"fn-n\"><sup class=\"footnote-definition-label\">1</sup>\n\
                 <p>N <a href=\"#fnref-n\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a> \
                 <a href=\"#fnref-n-1\" class=\"footnote-backref\" aria-label=\"Back to reference 2\">↩<sup>2</sup></a></p>\n</div>\n",
            ),
            // A label that is not safe in an id gives the note's number.
            (
                "x[^a b]\n\n[^a b]: N\n",
                "<p>x<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup></p>\n\
                 <div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>\n\
                 <p>N <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a></p>\n</div>\n",
            ),
        ] {
            assert_eq!(html(src), want, "{src}");
        }
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let cx = Context {
            base_path: "/briefs/",
            reserved_ids: &[],
        };
        for (src, want) in [
            (
                "[pdf](/pdf/x.pdf) ![i](/images/y.png)",
                "<p><a href=\"/briefs/pdf/x.pdf\">pdf</a> <img src=\"/briefs/images/y.png\" alt=\"i\" /></p>\n",
            ),
            (
                "[r][d]\n\n[d]: /a/",
                "<p><a href=\"/briefs/a/\">r</a></p>\n",
            ),
            (
                "[rel](x/) [abs](https://e.org/) [cdn](//cdn.org/x) [f](#fn-1)",
                "<p><a href=\"x/\">rel</a> <a href=\"https://e.org/\">abs</a> <a href=\"//cdn.org/x\">cdn</a> <a href=\"#fn-1\">f</a></p>\n",
            ),
            (
                "<a href=\"/raw/\">raw</a>",
                "<p><a href=\"/raw/\">raw</a></p>\n",
            ),
        ] {
            let r = render(src, &cx);
            assert_eq!(r.html, want, "{src}");
            assert!(r.problems.is_empty(), "{src}: {:?}", r.problems);
        }
    }

    #[test]
    fn refused_urls_and_attributes_point_at_their_place() {
        for (src, at, message) in [
            ("[x](javascript:alert(1))", 4, "`javascript:` scheme"),
            ("a\n[x]( JaVaScRiPt:alert(1))", 7, "`javascript:` scheme"),
            ("[x](java&#x09;script:a)", 0, "`javascript:` scheme"),
            ("[x](%6Aavascript:a)", 4, "`%6aavascript:` scheme"),
            ("<javascript:alert(1)>", 1, "`javascript:` scheme"),
            ("![i](data:text/html,x)", 5, "allowed only for images"),
            ("[i](data:image/png;base64,AA)", 4, "`data:` scheme"),
            ("[y][r]\n\n[r]: vbscript:x\n", 13, "`vbscript:` scheme"),
            ("[u]: javascript:z\n", 5, "`javascript:` scheme"),
            (
                "## H {#id\" onclick=\"x\"}",
                0,
                "heading attribute `onclick`",
            ),
            ("## H {#id\" x}", 0, "heading id `id\\\"`"),
            ("## H {.a\"b}", 0, "heading class"),
            ("## H {#background}", 0, "`background` is already used"),
            ("## A {#x}\n## B {#x}", 10, "`x` is already used"),
        ] {
            let r = render(src, &Context::default());
            assert!(
                r.problems
                    .iter()
                    .any(|p| p.at == at && p.message.contains(message)),
                "{src}: {:?}",
                r.problems
            );
            assert!(!r.html.contains("onclick"), "{src}: {}", r.html);
        }
        for ok in [
            "![i](data:image/png;base64,AA)",
            "<a@b.org>",
            "[m](mailto:a@b.org)",
            "[t](tel:+1555)",
            "<script>javascript:raw()</script>",
        ] {
            let r = render(ok, &Context::default());
            assert!(r.problems.is_empty(), "{ok}: {:?}", r.problems);
        }
    }

    #[test]
    fn problems_become_diagnostics_at_file_positions() {
        let file = "---\ntitle: T\n---\nText\n\n[x](javascript:y)\n";
        let body = &file[16..];
        let r = render(body, &Context::default());
        let d = diagnostics(&r.problems, Path::new("b.md"), file, body);
        assert_eq!((d[0].line, d[0].col), (Some(6), Some(5)));
    }

    #[test]
    fn first_paragraph_is_text() {
        for (src, want) in [
            ("## H\n\nFirst *para*\nline.\n\nSecond.", "First para line."),
            ("## H\n- **Lead:** item one\n- two", "Lead: item one"),
            ("## Only a heading", ""),
        ] {
            assert_eq!(
                render(src, &Context::default()).first_paragraph,
                want,
                "{src}"
            );
        }
    }
}
