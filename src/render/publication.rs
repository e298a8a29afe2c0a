//! The publication fields of a brief's template value (README,
//! "Templates"): `image`, `pdf`, `doi`, `doi_url`, `number`, `series`,
//! `description`, `citations` (the reference formatted by the CSL
//! processor) and `cite_files` (the citation files' URLs).

use super::cite::{CiteFile, Reference, memo};
use super::values::map;
use crate::model::{Brief, BriefId, Site, dek, paths};
use crate::parse::media::{Asset, Location, human_size};
use tera::Value;

/// The fields to add to brief `id`'s value.
pub(crate) fn fields(site: &Site, id: BriefId) -> Vec<(&'static str, Value)> {
    let b: &Brief = &site.briefs[id];
    let p = &b.publication;
    let path = paths::brief(&b.slug);
    let image = p.image.as_ref().map(|i| {
        map! {
            "url" => asset_href(site, &i.asset),
            "permalink" => site.asset_url(&i.asset),
            "alt" => i.alt.as_str(),
            "caption" => i.caption.as_deref(),
            "credit" => i.credit.as_deref(),
        }
    });
    let pdf = p.pdf.as_ref().map(|a| {
        map! {
            "url" => asset_href(site, a),
            "permalink" => site.asset_url(a),
            "size" => a.size,
            "size_display" => human_size(a.size),
        }
    });
    let citations: Vec<Value> = memo::format(&Reference::of(site, id))
        .iter()
        .map(|f| {
            map! {
                "id" => f.id,
                "label" => f.label,
                "html" => Value::safe_string(&f.html),
                "text" => f.text.as_str(),
            }
        })
        .collect();
    let mut files = tera::Map::default();
    for f in CiteFile::ALL {
        let ext = f.name().trim_start_matches("cite.");
        files.insert(
            ext.into(),
            Value::from(site.config.url(&format!("{path}{}", f.name()))),
        );
    }
    vec![
        (
            "description",
            Value::from(dek::description(&b.summary, p.summary_written)),
        ),
        ("image", Value::from(image)),
        ("pdf", Value::from(pdf)),
        ("doi", Value::from(p.doi.as_deref())),
        (
            "doi_url",
            Value::from(p.doi.as_ref().map(|d| format!("https://doi.org/{d}"))),
        ),
        ("number", Value::from(p.number.as_deref())),
        ("series", Value::from(p.series.as_deref())),
        ("citations", Value::from(citations)),
        ("cite_files", Value::from(files)),
    ]
}

/// The URL a page links an asset with: root-relative on this site.
pub(crate) fn asset_href(site: &Site, a: &Asset) -> String {
    match &a.location {
        Location::Site { path, .. } => site.config.url(path),
        Location::Url(u) => u.clone(),
    }
}
