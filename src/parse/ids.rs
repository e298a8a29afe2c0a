//! Element ids on a page, so that no two are the same: the ids the theme
//! gives its own sections ([`THEME_IDS`]), the anchors of a brief's expert
//! responses ([`response_anchors`]), and the ids a Markdown body gets
//! (headings, footnotes) through an [`Ids`] set that knows the others.
//!
//! Heading attributes (`## Title {#id .class}`) are checked here too: an
//! id or class may hold only letters, digits, `-`, `_`, `.` and `:`; an
//! explicit id may not be one the page already has; other attributes
//! (`{onclick=…}`) are refused.

use super::markdown::Problem;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// The ids the default theme gives its own elements: the main landmark,
/// a brief's "Expert Response" and "Background and Analysis" sections, an
/// expert page's "Briefs", "Quotes" and "Related pieces" sections. A body
/// heading never gets one of them.
pub(crate) const THEME_IDS: &[&str] = &[
    "main",
    "expert-response",
    "background",
    "briefs",
    "quotes",
    "related",
];

const HEADING_HINT: &str = "an explicit heading id is written `{#my-id}`: letters, digits and `-`, unique on the page and not one of the theme's (main, expert-response, background, briefs, quotes, related, response-<expert-id>); leave it out to get one from the heading text";

/// The anchor of each response of a brief, in order, from the ids of the
/// experts quoted: `response-<id>` for an expert's first quote, then
/// `response-<id>-2`, `response-<id>-3`, … (skipping any anchor another
/// expert's first quote already has).
pub(crate) fn response_anchors<'a>(experts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let experts: Vec<&str> = experts.into_iter().collect();
    // Nearly every brief quotes each expert once: no sets needed.
    let repeats = (1..experts.len()).any(|i| experts[..i].contains(&experts[i]));
    if !repeats {
        return experts.iter().map(|e| format!("response-{e}")).collect();
    }
    let mut taken: HashSet<String> = experts.iter().map(|e| format!("response-{e}")).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut next: std::collections::HashMap<&str, usize> = Default::default();
    experts
        .iter()
        .map(|&e| {
            if seen.insert(e) {
                return format!("response-{e}");
            }
            let n = next.entry(e).or_insert(2);
            loop {
                let anchor = format!("response-{e}-{n}");
                *n += 1;
                if taken.insert(anchor.clone()) {
                    return anchor;
                }
            }
        })
        .collect()
}

/// Whether `s` is usable as an id or class as written: not empty, and only
/// letters, digits, `-`, `_`, `.` and `:` (no quotes, spaces or markup).
pub(crate) fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The ids a page has so far.
#[derive(Debug)]
pub(crate) struct Ids<'r> {
    /// A brief's response anchors (the theme's ids are [`THEME_IDS`]).
    reserved: &'r [String],
    /// Ids the body took; made only when a body has headings or footnotes.
    used: HashSet<String>,
}

impl<'r> Ids<'r> {
    /// The theme's ids and `reserved` (a brief's response anchors).
    pub(crate) fn new(reserved: &'r [String]) -> Ids<'r> {
        Ids {
            reserved,
            used: HashSet::new(),
        }
    }

    fn contains(&self, id: &str) -> bool {
        THEME_IDS.contains(&id) || self.reserved.iter().any(|r| r == id) || self.used.contains(id)
    }

    /// Takes an id written by the editor, if it is free.
    fn claim(&mut self, id: &str) -> Result<(), String> {
        if !is_safe_name(id) {
            Err(format!(
                "the heading id `{}` may hold only letters, digits, `-`, `_`, `.` and `:`",
                id.escape_debug()
            ))
        } else if self.contains(id) {
            Err(format!(
                "the heading id `{id}` is already used on this page"
            ))
        } else {
            self.used.insert(id.to_string());
            Ok(())
        }
    }

    /// `base`, or `base-1`, `base-2`, … whichever is free first; taken.
    pub(crate) fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 1;
        while self.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// Checks the attributes of every heading and takes its explicit id; an
/// id, class or attribute that is refused is dropped (and reported).
pub(crate) fn claim_explicit(
    events: &mut [(Event<'_>, Range<usize>)],
    ids: &mut Ids,
    problems: &mut Vec<Problem>,
) {
    for (event, range) in events.iter_mut() {
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        else {
            continue;
        };
        let mut refuse =
            |message: String| problems.push(Problem::new(range.start, message, HEADING_HINT));
        for (name, _) in attrs.drain(..) {
            refuse(format!(
                "the heading attribute `{}` is not allowed: only `{{#id}}` and `{{.class}}` are",
                name.escape_debug()
            ));
        }
        classes.retain(|c| {
            let ok = is_safe_name(c);
            if !ok {
                refuse(format!(
                    "the heading class `{}` may hold only letters, digits, `-`, `_`, `.` and `:`",
                    c.escape_debug()
                ));
            }
            ok
        });
        if let Some(written) = id.take() {
            match ids.claim(&written) {
                Ok(()) => *id = Some(written),
                Err(m) => refuse(m),
            }
        }
    }
}

/// Gives every heading without an id one derived from its text, unique.
pub(crate) fn derive(events: &mut [Event<'_>], ids: &mut Ids) {
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
        let base = match slug::slugify(&text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let id = ids.unique(&base);
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
            *slot = Some(CowStr::from(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_anchors_are_unique() {
        for (experts, want) in [
            (&["a", "b"][..], &["response-a", "response-b"][..]),
            (
                &["a", "b", "a", "a"],
                &["response-a", "response-b", "response-a-2", "response-a-3"],
            ),
            // Another expert's first anchor is never taken.
            (
                &["a", "a", "a-2"],
                &["response-a", "response-a-3", "response-a-2"],
            ),
        ] {
            assert_eq!(response_anchors(experts.iter().copied()), want);
        }
    }

    #[test]
    fn unique_avoids_theme_and_reserved_ids() {
        let reserved = ["response-a".to_string()];
        let mut ids = Ids::new(&reserved);
        for (base, want) in [
            ("expert-response", "expert-response-1"),
            ("background", "background-1"),
            ("response-a", "response-a-1"),
            ("x", "x"),
            ("x", "x-1"),
        ] {
            assert_eq!(ids.unique(base), want);
        }
    }

    #[test]
    fn safe_names() {
        for (s, ok) in [
            ("my-id", true),
            ("a.b:c_d", true),
            ("é1", true),
            ("", false),
            ("id\"", false),
            ("a b", false),
            ("<x>", false),
        ] {
            assert_eq!(is_safe_name(s), ok, "{s:?}");
        }
    }
}
