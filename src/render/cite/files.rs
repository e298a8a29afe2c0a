//! A [`Reference`] as the files reference managers import: BibTeX (written
//! by the `biblatex` crate, which escapes it), RIS (tagged lines) and
//! CSL-JSON (an array of one item, through serde_json).

use super::{Creator, Reference};
use biblatex::{Chunk, Entry, EntryType, Spanned};
use serde_json::{Value, json};

fn chunks(text: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::zero(Chunk::Normal(text.to_string()))]
}

/// Text kept as one unit (a title's capitals, an organisation's name).
fn verbatim(text: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::zero(Chunk::Verbatim(text.to_string()))]
}

/// The reference as a BibTeX `@techreport`.
pub(crate) fn bibtex(r: &Reference) -> String {
    let mut e = Entry::new(r.key.clone(), EntryType::TechReport);
    let authors: Vec<String> = r
        .creators
        .iter()
        .map(|c| match c {
            Creator::Person { family, given } if given.is_empty() => family.clone(),
            Creator::Person { family, given } => format!("{family}, {given}"),
            Creator::Organisation(name) => format!("{{{name}}}"),
        })
        .collect();
    let mut author = Vec::new();
    for (i, a) in authors.iter().enumerate() {
        if i > 0 {
            author.push(Spanned::zero(Chunk::Normal(" and ".into())));
        }
        match a.strip_prefix('{').and_then(|a| a.strip_suffix('}')) {
            Some(org) => author.extend(verbatim(org)),
            None => author.extend(chunks(a)),
        }
    }
    e.set("author", author);
    e.set("title", verbatim(&r.title));
    e.set("institution", chunks(&r.publisher));
    if let Some(place) = &r.place {
        e.set("address", chunks(place));
    }
    let (y, m, d) = r.issued;
    e.set("year", chunks(&y.to_string()));
    e.set("month", chunks(&m.to_string()));
    e.set("day", chunks(&d.to_string()));
    e.set("type", chunks(&r.genre));
    if let Some(n) = &r.number {
        e.set("number", chunks(n));
    }
    if let Some(doi) = &r.doi {
        e.set("doi", vec![Spanned::zero(Chunk::Verbatim(doi.clone()))]);
    }
    e.set("url", vec![Spanned::zero(Chunk::Verbatim(r.url.clone()))]);
    e.set("language", chunks(&r.language));
    // A date field is the only thing that can fail, and none is set.
    let mut out = e
        .to_bibtex_string()
        .unwrap_or_else(|_| e.to_biblatex_string());
    out.push('\n');
    out
}

/// The reference as RIS: one `TAG  - value` line per field, `TY` first and
/// `ER` last; a value's line breaks become spaces.
pub(crate) fn ris(r: &Reference) -> String {
    let mut lines: Vec<(&str, String)> = vec![("TY", "RPRT".into())];
    for c in &r.creators {
        let name = match c {
            Creator::Person { family, given } if given.is_empty() => family.clone(),
            Creator::Person { family, given } => format!("{family}, {given}"),
            Creator::Organisation(name) => format!("{name},"),
        };
        lines.push(("AU", name));
    }
    let (y, m, d) = r.issued;
    lines.push(("TI", r.title.clone()));
    lines.push(("PY", y.to_string()));
    lines.push(("DA", format!("{y:04}/{m:02}/{d:02}/")));
    lines.push(("PB", r.publisher.clone()));
    if let Some(place) = &r.place {
        lines.push(("CY", place.clone()));
    }
    lines.push(("T3", r.genre.clone()));
    if let Some(n) = &r.number {
        lines.push(("SN", n.clone()));
    }
    if let Some(doi) = &r.doi {
        lines.push(("DO", doi.clone()));
    }
    lines.push(("UR", r.url.clone()));
    if let Some(pdf) = &r.pdf {
        lines.push(("L1", pdf.clone()));
    }
    lines.push(("AB", r.summary.clone()));
    lines.push(("LA", r.language.clone()));
    let mut out = String::with_capacity(1024);
    for (tag, value) in lines {
        let one_line: String = value.split(['\r', '\n']).collect::<Vec<_>>().join(" ");
        for piece in [tag, "  - ", one_line.trim(), "\r\n"] {
            out.push_str(piece);
        }
    }
    out.push_str("ER  - \r\n");
    out
}

/// The reference as a CSL-JSON array of one item.
pub(crate) fn csl_json(r: &Reference) -> String {
    let authors: Vec<Value> = r
        .creators
        .iter()
        .map(|c| match c {
            Creator::Person { family, given } => json!({ "family": family, "given": given }),
            Creator::Organisation(name) => json!({ "literal": name }),
        })
        .collect();
    let (y, m, d) = r.issued;
    let mut item = json!({
        "id": r.key,
        "type": "report",
        "title": r.title,
        "author": authors,
        "issued": { "date-parts": [[y, m, d]] },
        "publisher": r.publisher,
        "genre": r.genre,
        "URL": r.url,
        "language": r.language,
        "abstract": r.summary,
    });
    if let Some(map) = item.as_object_mut() {
        let optional = [
            ("publisher-place", r.place.as_ref()),
            ("number", r.number.as_ref()),
            ("DOI", r.doi.as_ref()),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                map.insert(key.into(), Value::from(v.as_str()));
            }
        }
    }
    let mut out = serde_json::to_string_pretty(&Value::Array(vec![item])).unwrap_or_default();
    out.push('\n');
    out
}
