//! What a brief's front matter says about it as a publication: its lead
//! image, PDF, DOI, report number and series (README, "Publication
//! metadata"). Takes the raw values and returns a checked
//! [`Publication`], each problem a diagnostic at its value's line.

use super::identifiers::check_doi;
use super::media::{Asset, Resolver, Use};
use crate::diag::Diagnostic;
use serde::Deserialize;

/// `image:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImage {
    src: String,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

/// The publication keys of a brief's front matter, as written.
pub(crate) struct RawPublication {
    pub(crate) image: Option<RawImage>,
    pub(crate) pdf: Option<String>,
    pub(crate) doi: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) series: Option<String>,
    /// Whether `summary:` was written (else it is the body's first paragraph).
    pub(crate) summary_written: bool,
}

/// A lead image.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Image {
    pub(crate) asset: Asset,
    pub(crate) alt: String,
    pub(crate) caption: Option<String>,
    pub(crate) credit: Option<String>,
}

/// A brief as a publication.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Publication {
    pub(crate) image: Option<Image>,
    pub(crate) pdf: Option<Asset>,
    /// Bare (`10.1234/x`).
    pub(crate) doi: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) series: Option<String>,
    pub(crate) summary_written: bool,
}

impl Publication {
    /// The files of this site it names, image first.
    pub(crate) fn assets(&self) -> impl Iterator<Item = &Asset> {
        self.image.iter().map(|i| &i.asset).chain(&self.pdf)
    }
}

/// Checks the raw values; every problem is pushed to `problems`.
pub(crate) fn read(
    raw: RawPublication,
    files: &Resolver,
    problems: &mut Vec<Diagnostic>,
) -> Publication {
    let front = files.front;
    let mut err = |key: &str, message: String, hint: &str| {
        let (l, c) = front.find_key(key).unwrap_or((1, 1));
        problems.push(
            Diagnostic::error(files.source, message)
                .at(front.file, l, c)
                .hint(hint),
        );
    };
    let mut image = None;
    if let Some(i) = raw.image {
        let alt = i.alt.map(|a| a.trim().to_string()).unwrap_or_default();
        if alt.is_empty() {
            err(
                "image",
                "the lead image has no `alt` text".into(),
                "add `alt: \"…\"` under `image:`, saying what the image shows",
            );
        }
        match files.resolve("image", &i.src, Use::Image) {
            Ok(asset) => {
                image = Some(Image {
                    asset,
                    alt,
                    caption: i.caption.filter(|c| !c.trim().is_empty()),
                    credit: i.credit.filter(|c| !c.trim().is_empty()),
                });
            }
            Err(d) => problems.push(d),
        }
    }
    let pdf = raw.pdf.and_then(|p| {
        files
            .resolve("pdf", &p, Use::Pdf)
            .map_err(|d| problems.push(d))
            .ok()
    });
    let doi = raw.doi.and_then(|d| {
        check_doi(&d)
            .map_err(|m| {
                let (l, c) = front.find_value(d.trim(), Some("doi"));
                problems.push(
                    Diagnostic::error(files.source, m)
                        .at(front.file, l, c)
                        .hint(
                            "write the DOI as 10.<registrant>/<suffix>, e.g. 10.5555/fdd.2024.17",
                        ),
                );
            })
            .ok()
    });
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Publication {
        image,
        pdf,
        doi,
        number: nonempty(raw.number),
        series: nonempty(raw.series),
        summary_written: raw.summary_written,
    }
}
