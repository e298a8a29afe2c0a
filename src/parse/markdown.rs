//! Markdown to HTML: CommonMark plus tables, footnotes, strikethrough, smart
//! punctuation and heading ids (explicit `{#id}` or derived from the text,
//! unique within the document). Also extracts the first paragraph as text,
//! the default summary of a brief.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Text of the first paragraph (or, failing that, the first text block).
    pub first_paragraph: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `source` to HTML.
pub fn render(source: &str) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(source, options()).collect();
    let first_paragraph = first_paragraph(&events);
    let events = with_heading_ids(events);
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        first_paragraph,
    }
}

/// Renders a short inline Markdown snippet to plain text (for summaries).
pub fn to_text(source: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(source, options()).collect();
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

/// Gives every heading without an explicit id one derived from its text.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id: None, .. }) = &events[i] else {
            continue;
        };
        let mut text = String::new();
        for e in &events[i + 1..] {
            match e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let id = unique_id(&mut used, &text);
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
            *slot = Some(CowStr::from(id));
        }
    }
    events
}

fn unique_id(used: &mut HashSet<String>, text: &str) -> String {
    let base = match slug::slugify(text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_heading_ids() {
        for (src, want) in [
            (
                "## Latest Developments",
                "<h2 id=\"latest-developments\">Latest Developments</h2>\n",
            ),
            ("# A\n# A", "<h1 id=\"a\">A</h1>\n<h1 id=\"a-1\">A</h1>\n"),
            ("## Own {#mine}", "<h2 id=\"mine\">Own</h2>\n"),
            ("~~x~~", "<p><del>x</del></p>\n"),
            ("\"q\" -- x", "<p>“q” – x</p>\n"),
            ("<b>raw</b>", "<p><b>raw</b></p>\n"),
        ] {
            assert_eq!(render(src).html, want, "{src}");
        }
        assert!(render("|a|\n|-|\n|1|").html.contains("<table>"));
        assert!(render("x[^1]\n\n[^1]: n").html.contains("footnote"));
    }

    #[test]
    fn first_paragraph_is_text() {
        for (src, want) in [
            ("## H\n\nFirst *para*\nline.\n\nSecond.", "First para line."),
            ("## H\n- **Lead:** item one\n- two", "Lead: item one"),
            ("## Only a heading", ""),
        ] {
            assert_eq!(render(src).first_paragraph, want, "{src}");
        }
    }
}
