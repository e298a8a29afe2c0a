//! Footnotes rendered by briefs rather than by pulldown-cmark, whose HTML
//! uses the bare label as the id (`[^background]` would give a second
//! `id="background"`) and has no way back to the text. Takes the event
//! list and the page's [`Ids`]; footnote `name` becomes `id="fn-name"`, its
//! references `id="fnref-name"`, `fnref-name-1`, … (all unique on the
//! page), numbered in order of first appearance, and each footnote ends
//! with a back-link to every reference to it.

use super::ids::{Ids, is_safe_name};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;

/// One footnote: its number, its id and the ids of its references.
struct Note {
    number: usize,
    id: String,
    refs: Vec<String>,
    /// References rendered so far.
    next_ref: usize,
}

/// Replaces the footnote events of `events` with HTML of their own.
pub(crate) fn rewrite<'a>(events: Vec<Event<'a>>, ids: &mut Ids) -> Vec<Event<'a>> {
    let mut notes: HashMap<String, Note> = HashMap::new();
    let mut order: Vec<(String, bool)> = Vec::new();
    for e in &events {
        let (name, is_ref) = match e {
            Event::FootnoteReference(name) => (name, true),
            Event::Start(Tag::FootnoteDefinition(name)) => (name, false),
            _ => continue,
        };
        order.push((name.to_string(), is_ref));
    }
    if order.is_empty() {
        return events;
    }
    for (name, is_ref) in &order {
        let count = notes.len();
        let note = notes.entry(name.clone()).or_insert_with(|| Note {
            number: count + 1,
            id: ids.unique(&format!("fn-{}", label(name, count + 1))),
            refs: Vec::new(),
            next_ref: 0,
        });
        if *is_ref {
            let base = format!("fnref-{}", label(name, note.number));
            note.refs.push(ids.unique(&base));
        }
    }
    let mut out = Vec::with_capacity(events.len() + 2 * order.len());
    let mut open: Vec<CowStr<'a>> = Vec::new();
    for e in events {
        match e {
            Event::FootnoteReference(name) => match notes.get_mut(&*name) {
                Some(note) => {
                    let ref_id = note.refs.get(note.next_ref).cloned().unwrap_or_default();
                    note.next_ref += 1;
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"footnote-reference\" id=\"{ref_id}\"><a href=\"#{}\">{}</a></sup>",
                        note.id, note.number
                    ))));
                }
                None => out.push(Event::FootnoteReference(name)),
            },
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let (id, number) = notes
                    .get(&*name)
                    .map_or((String::new(), 0), |n| (n.id.clone(), n.number));
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
                ))));
                // The back-links need the name at the end of the definition.
                open.push(name);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let note = open.pop().and_then(|name| notes.get(&*name));
                close(&mut out, note);
            }
            e => out.push(e),
        }
    }
    out
}

/// Ends a definition: back-links inside its last paragraph (or after its
/// content), then `</div>`.
fn close(out: &mut Vec<Event<'_>>, note: Option<&Note>) {
    let backs = note.map(back_links).unwrap_or_default();
    if !backs.is_empty() && matches!(out.last(), Some(Event::End(TagEnd::Paragraph))) {
        let end = out.pop();
        out.push(Event::InlineHtml(CowStr::from(format!(" {backs}"))));
        out.extend(end);
        out.push(Event::Html("</div>\n".into()));
    } else {
        out.push(Event::Html(CowStr::from(format!("{backs}</div>\n"))));
    }
}

/// `<a href="#fnref-x">↩</a>`, one per reference (numbered after the first).
fn back_links(note: &Note) -> String {
    note.refs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let n = if i == 0 {
                String::new()
            } else {
                format!("<sup>{}</sup>", i + 1)
            };
            format!(
                "<a href=\"#{r}\" class=\"footnote-backref\" aria-label=\"Back to reference {}\">↩{n}</a>",
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The label as written if it is safe in an id, else the note's number.
fn label(name: &str, number: usize) -> String {
    if is_safe_name(name) {
        name.to_string()
    } else {
        number.to_string()
    }
}
