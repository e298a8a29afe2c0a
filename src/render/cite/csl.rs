//! A [`Reference`] formatted by hayagriva, a CSL processor, in the bundled
//! Chicago author-date, APA 7 and MLA 9 styles: returns each citation as
//! HTML (text escaped here; italics, the title of a work, as `<cite>`) and
//! as plain text, in the terms of the page's language ([`super::locale`]).
//! The styles and locales are decoded once per process.

use super::{Creator, Reference};
use hayagriva::citationberg::{self, IndependentStyle, Locale};
use hayagriva::types::{Date, EntryType, FormatString, Person, Publisher, QualifiedUrl};
#[cfg(test)]
use hayagriva::{BibliographyDriver, BibliographyRequest};
use hayagriva::{CitationItem, CitationRequest, CitePurpose, ElemChild, ElemChildren, Entry};
use std::sync::OnceLock;

/// The styles of the "Cite this brief" block, in the order shown.
pub(crate) const STYLES: [(&str, &str, hayagriva::archive::ArchivedStyle); 3] = [
    (
        "chicago",
        "Chicago",
        hayagriva::archive::ArchivedStyle::ChicagoAuthorDate,
    ),
    (
        "apa",
        "APA",
        hayagriva::archive::ArchivedStyle::AmericanPsychologicalAssociation,
    ),
    (
        "mla",
        "MLA",
        hayagriva::archive::ArchivedStyle::ModernLanguageAssociation,
    ),
];

struct Loaded {
    styles: Vec<IndependentStyle>,
    locales: Vec<Locale>,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| Loaded {
        styles: STYLES
            .iter()
            .filter_map(|(_, _, s)| match s.get() {
                // A full citation is the bibliography entry inside the
                // citation layout's affixes (`(…)` in author-date styles):
                // it gets the bibliography layout's (Chicago's closing `.`).
                citationberg::Style::Independent(mut i) => {
                    let bib = i.bibliography.as_ref().map(|b| &b.layout);
                    i.citation.layout.prefix = bib.and_then(|l| l.prefix.clone());
                    i.citation.layout.suffix = bib.and_then(|l| l.suffix.clone());
                    Some(i)
                }
                citationberg::Style::Dependent(_) => None,
            })
            .collect(),
        // Only US English: the processor scans the locales for every term
        // it looks up, and the bundled styles' terms are English.
        locales: hayagriva::archive::locales()
            .into_iter()
            .filter(|l| l.lang.as_ref().is_some_and(|c| c.0 == "en-US"))
            .collect(),
    })
}

/// One formatted citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Formatted {
    /// `chicago`, `apa`, `mla`.
    pub(crate) id: &'static str,
    /// `Chicago`, `APA`, `MLA`.
    pub(crate) label: &'static str,
    pub(crate) html: String,
    pub(crate) text: String,
}

/// The reference in every style of [`STYLES`]: each style's bibliography
/// entry, rendered as a "full" citation (the processor renders the entry
/// with the bibliography's layout), which skips what a bibliography of one
/// needs no more than a standalone citation does (in-text citations,
/// sorting, disambiguation) and costs a fraction of it.
pub(crate) fn format(reference: &Reference) -> Vec<Formatted> {
    let entry = entry(reference);
    let loaded = loaded();
    let localized = super::locale::for_language(&reference.language);
    let (code, locales) = match localized.as_deref() {
        Some(l) => (Some(l.code.clone()), l.files.as_slice()),
        None => (None, loaded.locales.as_slice()),
    };
    STYLES
        .iter()
        .zip(&loaded.styles)
        .filter_map(|((id, label, _), style)| {
            let item = CitationItem::with_entry(&entry).kind(CitePurpose::Full);
            let request = CitationRequest::new(vec![item], style, code.clone(), locales, None);
            let content = hayagriva::standalone_citation(request);
            let mut html = String::new();
            write_html(&content, &mut html);
            let mut text = String::new();
            content
                .write_buf(&mut text, hayagriva::BufWriteFormat::Plain)
                .ok()?;
            Some(Formatted {
                id,
                label,
                html,
                text,
            })
        })
        .collect()
}

/// The bibliography entry as a bibliography of one renders it (slower:
/// the tests compare it with [`format`]'s).
#[cfg(test)]
fn bibliography_entry(reference: &Reference, style: &IndependentStyle) -> Option<String> {
    let entry = entry(reference);
    let loaded = loaded();
    let mut driver = BibliographyDriver::new();
    let items = vec![CitationItem::with_entry(&entry)];
    driver.citation(CitationRequest::from_items(items, style, &loaded.locales));
    let rendered = driver.finish(BibliographyRequest::new(style, None, &loaded.locales));
    let item = rendered.bibliography?.items.into_iter().next()?;
    let mut text = String::new();
    item.content
        .write_buf(&mut text, hayagriva::BufWriteFormat::Plain)
        .ok()?;
    Some(text)
}

/// The reference as a hayagriva entry (a report).
fn entry(r: &Reference) -> Entry {
    let mut e = Entry::new(&r.key, EntryType::Report);
    e.set_title(FormatString::with_value(r.title.as_str()));
    e.set_authors(
        r.creators
            .iter()
            .map(|c| match c {
                Creator::Person { family, given } => Person {
                    name: family.clone(),
                    given_name: (!given.is_empty()).then(|| given.clone()),
                    prefix: None,
                    suffix: None,
                    alias: None,
                    comma_suffix: false,
                },
                Creator::Organisation(name) => Person {
                    name: name.clone(),
                    given_name: None,
                    prefix: None,
                    suffix: None,
                    alias: None,
                    comma_suffix: false,
                },
            })
            .collect(),
    );
    let (y, m, d) = r.issued;
    e.set_date(Date {
        year: i32::from(y),
        month: u8::try_from(m - 1).ok(),
        day: u8::try_from(d - 1).ok(),
        approximate: false,
        season: None,
    });
    e.set_publisher(Publisher::new(
        Some(FormatString::with_value(r.publisher.as_str())),
        r.place.as_deref().map(FormatString::with_value),
    ));
    if let Ok(url) = url::Url::parse(&r.url) {
        e.set_url(QualifiedUrl::new(url, None));
    }
    if let Some(doi) = &r.doi {
        e.set_doi(doi.clone());
    }
    if let Some(n) = &r.number {
        e.set_keyed_serial_number("serial", n.clone());
    }
    e.set_genre(FormatString::with_value(r.genre.as_str()));
    e
}

/// Writes rendered CSL output as HTML: text escaped, italics and bold
/// kept, links as links.
fn write_html(children: &ElemChildren, out: &mut String) {
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => styled(&t.text, &t.formatting, out),
            ElemChild::Elem(e) => write_html(&e.children, out),
            ElemChild::Markup(m) => out.push_str(&escaped(m)),
            ElemChild::Link { text, url } => {
                out.push_str("<a href=\"");
                out.push_str(&escaped(url));
                out.push_str("\">");
                styled(&text.text, &text.formatting, out);
                out.push_str("</a>");
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// Text escaped for HTML, without the code points HTML forbids (control
/// characters from front matter).
fn escaped(text: &str) -> String {
    crate::escape::markup(&crate::escape::html_safe(text))
}

fn styled(text: &str, f: &hayagriva::Formatting, out: &mut String) {
    let italic = matches!(f.font_style, citationberg::FontStyle::Italic);
    let bold = matches!(f.font_weight, citationberg::FontWeight::Bold);
    let escaped = escaped(text);
    match (italic, bold) {
        (true, _) => out.push_str(&format!("<cite>{escaped}</cite>")),
        (false, true) => out.push_str(&format!("<strong>{escaped}</strong>")),
        _ => out.push_str(&escaped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Reference {
        Reference {
            key: "x".into(),
            title: "North Korean <Troops> & Ukraine".into(),
            creators: vec![
                Creator::Person {
                    family: "Hardie".into(),
                    given: "John".into(),
                },
                Creator::Person {
                    family: "May".into(),
                    given: "Clifford D.".into(),
                },
            ],
            issued: (2024, 11, 7),
            publisher: "Foundation for Defense of Democracies".into(),
            place: Some("Washington, DC".into()),
            url: "https://x.org/briefs/x/".into(),
            doi: Some("10.5555/x.1".into()),
            number: Some("7".into()),
            genre: "Flash Brief".into(),
            language: "en".into(),
            summary: "S".into(),
            pdf: None,
        }
    }

    #[test]
    fn three_styles_name_authors_year_and_title() {
        let all = format(&sample());
        assert_eq!(all.len(), 3);
        for f in &all {
            eprintln!("{}: {}\n  {}", f.label, f.text, f.html);
            assert!(f.text.contains("Hardie"), "{}", f.text);
            assert!(f.text.contains("2024"), "{}", f.text);
            assert!(
                f.text
                    .to_lowercase()
                    .contains("north korean <troops> & ukraine"),
                "{}",
                f.text
            );
            assert!(
                f.html.to_lowercase().contains("&lt;troops&gt; &amp;"),
                "{}",
                f.html
            );
        }
    }

    #[test]
    fn full_citations_equal_bibliography_entries() {
        let mut unsigned = sample();
        unsigned.creators = vec![Creator::Organisation("Policy Institute".into())];
        unsigned.doi = None;
        unsigned.number = None;
        unsigned.title = "Is It War? A Question".into();
        for r in [sample(), unsigned] {
            for (f, style) in format(&r).iter().zip(&loaded().styles) {
                assert_eq!(
                    Some(f.text.clone()),
                    bibliography_entry(&r, style),
                    "{}",
                    f.label
                );
            }
        }
    }

    #[test]
    fn html_drops_control_characters() {
        let mut r = sample();
        r.title = "Control \u{1} and \u{1b} chars".into();
        for f in format(&r) {
            assert!(!f.html.contains(['\u{1}', '\u{1b}']), "{}", f.html);
        }
    }
}
