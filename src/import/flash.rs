//! The flash-brief shape, recognised in a Markdown body (made from HTML or
//! from pasted text): "Latest Developments" becomes the body's section of
//! bullets with **bold lead-ins**; the "… Expert Response" quotes become
//! `responses`; the "… Background and Analysis" lines become `related`
//! entries; the Yoast footer ("The post … appeared first on …") is
//! dropped, its title kept. Everything else stays in the body as it is.

use super::people::{self, Attribution};
use crate::parse::markdown::to_text_as_written as plain;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

/// One quote of the "Expert Response" section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    pub(crate) quote: String,
    pub(crate) speaker: Attribution,
}

/// One line of the "Background and Analysis" section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) title: String,
    pub(crate) authors: Vec<String>,
    /// What stands instead of authors ("FDD Flash Brief").
    pub(crate) label: Option<String>,
    pub(crate) url: Option<String>,
}

/// A body with its flash-brief parts taken out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shape {
    pub(crate) body: String,
    /// Whether it has a "Latest Developments" section and quotes or lines.
    pub(crate) is_flash_brief: bool,
    pub(crate) responses: Vec<Quote>,
    pub(crate) related: Vec<Line>,
    /// The title the Yoast footer names.
    pub(crate) footer_title: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Other,
    Developments,
    Responses,
    Background,
}

/// A top-level block of the Markdown: its range, whether it is a list,
/// and its items' ranges.
struct Block {
    range: Range<usize>,
    list: bool,
    heading: bool,
    items: Vec<Range<usize>>,
}

/// Recognises the shape in `markdown`.
pub(crate) fn recognise(markdown: &str) -> Shape {
    let mut shape = Shape::default();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut section = Section::Other;
    let mut developments = false;
    for block in blocks(markdown) {
        let source = &markdown[block.range.clone()];
        let text = plain(source);
        if let Some(title) = footer_title(&text) {
            shape.footer_title = Some(title);
            edits.push((block.range, String::new()));
            continue;
        }
        if let Some(next) = section_title(&text) {
            section = next;
            let replacement = if next == Section::Developments {
                developments = true;
                "## Latest Developments\n\n".to_string()
            } else {
                String::new()
            };
            edits.push((block.range, replacement));
            continue;
        }
        let taken = match section {
            Section::Developments if block.list => {
                let items: Vec<String> = block
                    .items
                    .iter()
                    .map(|r| format!("- {}", lead_in(item(&markdown[r.clone()]))))
                    .collect();
                edits.push((block.range.clone(), items.join("\n") + "\n\n"));
                true
            }
            Section::Responses => take_all(markdown, &block, quote)
                .map(|q| shape.responses.extend(q))
                .is_some(),
            Section::Background => take_all(markdown, &block, line)
                .map(|l| shape.related.extend(l))
                .is_some(),
            _ => false,
        };
        if !taken {
            if block.heading || matches!(section, Section::Responses | Section::Background) {
                section = Section::Other;
            }
        } else if section != Section::Developments {
            edits.push((block.range, String::new()));
        }
    }
    shape.is_flash_brief =
        developments && !(shape.responses.is_empty() && shape.related.is_empty());
    shape.body = apply(markdown, edits);
    shape
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .into_offset_iter()
    {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let list = matches!(tag, Tag::List(_));
                    let heading = matches!(tag, Tag::Heading { .. });
                    out.push(Block {
                        range,
                        list,
                        heading,
                        items: Vec::new(),
                    });
                } else if depth == 1 && matches!(tag, Tag::Item) {
                    if let Some(b) = out.last_mut() {
                        b.items.push(range);
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(Block {
                range,
                list: false,
                heading: false,
                items: Vec::new(),
            }),
            _ => {}
        }
    }
    out
}

/// Replaces each range of `markdown` (in order, not overlapping).
fn apply(markdown: &str, edits: Vec<(Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&markdown[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for l in out.trim().lines() {
        blank = if l.trim().is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            tidy.push_str(l.trim_end_matches(['\r']));
            tidy.push('\n');
        }
    }
    tidy
}

fn section_title(text: &str) -> Option<Section> {
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    if t.chars().count() > 80 {
        return None;
    }
    if t == "latest developments" {
        Some(Section::Developments)
    } else if t.ends_with("expert response") || t.ends_with("expert responses") {
        Some(Section::Responses)
    } else if t.ends_with("background and analysis") {
        Some(Section::Background)
    } else {
        None
    }
}

/// The title in Yoast's footer: "The post TITLE appeared first on SITE."
pub(crate) fn footer_title(text: &str) -> Option<String> {
    let rest = text.trim().strip_prefix("The post ")?;
    let (title, site) = rest.rsplit_once(" appeared first on ")?;
    (!title.trim().is_empty() && !site.contains('\n')).then(|| title.trim().to_string())
}

/// An item's Markdown without its list marker.
fn item(source: &str) -> &str {
    let s = source.trim();
    let s = s.strip_prefix(['-', '*', '+']).unwrap_or_else(|| {
        let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        s[digits..].strip_prefix(['.', ')']).unwrap_or(s)
    });
    s.trim()
}

/// `Lead-in: text` (or `**Lead-in**: text`) as `**Lead-in:** text`.
fn lead_in(item: &str) -> String {
    if let Some(bold) = item.strip_prefix("**") {
        if let Some(end) = bold.find("**") {
            let (lead, rest) = (&bold[..end], &bold[end + 2..]);
            if let Some(after) = rest.strip_prefix(':').filter(|_| !lead.ends_with(':')) {
                return format!("**{lead}:**{after}");
            }
        }
        return item.to_string();
    }
    let Some(colon) = item.find(": ") else {
        return item.to_string();
    };
    let lead = &item[..colon];
    let plain_lead = !lead.contains(['[', '(', '`', '*', '_', '\\']) && !lead.contains(". ");
    if plain_lead && lead.split_whitespace().count() <= 12 && !lead.trim().is_empty() {
        return format!("**{lead}:** {}", item[colon + 2..].trim_start());
    }
    item.to_string()
}

/// Parses every line of a block with `parse`; `None` unless all parse.
fn take_all<T>(markdown: &str, block: &Block, parse: fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let lines: Vec<&str> = if block.list {
        block
            .items
            .iter()
            .map(|r| item(&markdown[r.clone()]))
            .collect()
    } else {
        markdown[block.range.clone()]
            .lines()
            .map(|l| l.trim_end_matches('\\').trim())
            .filter(|l| !l.is_empty())
            .collect()
    };
    lines.into_iter().map(parse).collect()
}

/// `“Quote.” — Name, Role`.
fn quote(source: &str) -> Option<Quote> {
    let text = plain(source);
    let body = text.strip_prefix(['“', '"'])?;
    let (at, close) = body.char_indices().rev().find(|&(i, c)| {
        let after = body[i + c.len_utf8()..].trim_start();
        matches!(c, '”' | '"')
            && (after.starts_with(['—', '–']) || after.starts_with("- ") || after.starts_with("--"))
    })?;
    let attribution = body[at + close.len_utf8()..]
        .trim_start()
        .trim_start_matches(['—', '–', '-'])
        .trim();
    let speaker = people::attribution(attribution);
    (!speaker.name.is_empty()).then(|| Quote {
        quote: body[..at].trim().to_string(),
        speaker,
    })
}

/// `“Title,” by Authors` or `“Title,” Label`, with the line's link.
fn line(source: &str) -> Option<Line> {
    let text = plain(source);
    let body = text.strip_prefix(['“', '"'])?;
    let close = body.rfind(['”', '"'])?;
    let title = body[..close]
        .trim()
        .trim_end_matches(',')
        .trim()
        .to_string();
    let rest = body[close..].chars().skip(1).collect::<String>();
    let rest = rest.trim().trim_start_matches(',').trim();
    let mut line = Line {
        title,
        url: link(source),
        ..Line::default()
    };
    match rest.strip_prefix("by ") {
        Some(byline) => line.authors = people::names(byline),
        None if !rest.is_empty() => line.label = Some(rest.to_string()),
        None => {}
    }
    (!line.title.is_empty()).then_some(line)
}

/// The first link's address in a line of Markdown.
fn link(source: &str) -> Option<String> {
    Parser::new(source).find_map(|e| match e {
        Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ins() {
        for (item, want) in [
            (
                "Clashes Reported: Ukrainian officials",
                "**Clashes Reported:** Ukrainian officials",
            ),
            ("**Bold:** already", "**Bold:** already"),
            ("**Bold**: outside", "**Bold:** outside"),
            ("No colon here", "No colon here"),
            ("A sentence. Then: more", "A sentence. Then: more"),
            ("See [x](https://a.b): link", "See [x](https://a.b): link"),
        ] {
            assert_eq!(lead_in(item), want, "{item}");
        }
    }

    #[test]
    fn quotes_and_lines() {
        let q = quote("“It is “true” — really.” — Dr. Jane Roe, Fellow").unwrap();
        assert_eq!(q.quote, "It is “true” — really.");
        assert_eq!(
            (
                q.speaker.honorific.as_str(),
                q.speaker.name.as_str(),
                q.speaker.role.as_str()
            ),
            ("Dr.", "Jane Roe", "Fellow")
        );
        assert!(quote("Not a quote — Someone").is_none());
        let l = line("[“The Sting Doctrine,”](https://x.org/sting/) by Clifford D. May").unwrap();
        assert_eq!(
            l,
            Line {
                title: "The Sting Doctrine".into(),
                authors: vec!["Clifford D. May".into()],
                label: None,
                url: Some("https://x.org/sting/".into())
            }
        );
        let l = line("“Russia Acquires Missiles,” FDD Flash Brief").unwrap();
        assert_eq!(l.label.as_deref(), Some("FDD Flash Brief"));
    }

    #[test]
    fn sections_leave_the_body() {
        let md = "Intro.\n\nLatest Developments\n\n- A: b\n\nFDD Expert Response\n\n“Q.” — A B, C\n\nFDD Background and Analysis\n\n“T,” by A B\n\nThe post T appeared first on FDD.\n\nOutro.";
        let s = recognise(md);
        assert_eq!(
            s.body,
            "Intro.\n\n## Latest Developments\n\n- **A:** b\n\nOutro.\n"
        );
        assert!(s.is_flash_brief);
        assert_eq!((s.responses.len(), s.related.len()), (1, 1));
        assert_eq!(s.footer_title.as_deref(), Some("T"));
    }
}
