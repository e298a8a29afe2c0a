//! The organisation a site publishes for, as site.yaml gives it: either a
//! short name (`organisation: FDD`) or a block with what a citation and
//! JSON-LD need (full name, place, URL, logo). Takes the raw value and
//! returns a [`Publisher`]; the block is read strictly like the rest.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// `organisation:` as written.
#[derive(Debug)]
pub(crate) enum RawOrganisation {
    Name(String),
    Block(RawBlock),
}

/// The block form of `organisation:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBlock {
    pub(crate) name: String,
    pub(crate) full_name: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) logo: Option<String>,
}

impl<'de> Deserialize<'de> for RawOrganisation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RawOrganisation;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name, or a map with `name`, `full_name`, `place`, `url` and `logo`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawOrganisation::Name(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawBlock::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawOrganisation::Block)
            }
        }
        d.deserialize_any(Either)
    }
}

/// The publishing organisation, ready for pages, feeds and citations.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Publisher {
    /// Short name, in headings ("FDD Expert Response").
    pub(crate) name: String,
    /// Full name, in citations and JSON-LD; the short name when not given.
    pub(crate) full_name: String,
    /// Where it publishes (`Washington, DC`), for citations.
    pub(crate) place: Option<String>,
    /// Its home page; the site's when not given.
    pub(crate) url: String,
    /// Absolute URL of its logo.
    pub(crate) logo: Option<String>,
}

/// The keys of site.yaml about how the site is shared and cited.
pub(crate) struct RawSharing {
    pub(crate) organisation: Option<RawOrganisation>,
    pub(crate) social_image: Option<String>,
    pub(crate) social_image_alt: Option<String>,
    pub(crate) x_handle: Option<String>,
    pub(crate) schema_types: indexmap::IndexMap<String, String>,
}

/// The `og:image` of pages without a lead image.
#[derive(Debug, Clone)]
pub(crate) struct SocialImage {
    /// Absolute.
    pub(crate) url: String,
    pub(crate) alt: String,
    /// Its pixel size and type when it is a file under static/ (read once
    /// per build, however many pages show it).
    pub(crate) info: Option<crate::image_size::ImageInfo>,
}

/// Those keys, checked.
pub(crate) struct Sharing {
    pub(crate) publisher: Publisher,
    pub(crate) social_image: Option<SocialImage>,
    pub(crate) x_handle: Option<String>,
    /// schema.org type by kind slug.
    pub(crate) schema_types: std::collections::BTreeMap<String, String>,
}

/// The site they are checked for.
pub(crate) struct Site<'a> {
    pub(crate) title: &'a str,
    pub(crate) base_url: &'a str,
    pub(crate) root: &'a std::path::Path,
}

/// Checks the sharing keys; each problem goes to `bad`.
pub(crate) fn sharing(raw: RawSharing, site: &Site, bad: Bad) -> Sharing {
    let publisher = resolve(raw.organisation, site.title, site.base_url, site.root, bad);
    let alt = raw.social_image_alt.unwrap_or_default();
    let social_image = raw.social_image.and_then(|i| {
        let url = site_image(&i, site.root, site.base_url)
            .map_err(|m| bad("social_image", m, IMAGE_HINT))
            .ok()?;
        let under_static = i.strip_prefix('/').filter(|_| !is_http_url(&i));
        let info = under_static
            .and_then(|p| crate::image_size::of_file(&site.root.join("static").join(p)));
        Some(SocialImage { url, alt, info })
    });
    let x_handle = raw.x_handle.and_then(|h| {
        x_handle(&h)
            .map_err(|m| bad("x_handle", m, "for example `x_handle: \"@FDD\"`"))
            .ok()
    });
    let mut schema_types = std::collections::BTreeMap::new();
    for (kind, ty) in raw.schema_types {
        if !SCHEMA_TYPES.contains(&ty.as_str()) {
            let hint = crate::diag::did_you_mean(&ty, SCHEMA_TYPES.iter().copied());
            let message = format!("`{ty}` is not a schema.org type briefs can be published as");
            bad(
                &kind,
                message,
                &format!("{hint} One of: {}", SCHEMA_TYPES.join(", ")),
            );
        }
        schema_types.insert(slug::slugify(&kind), ty);
    }
    Sharing {
        publisher,
        social_image,
        x_handle,
        schema_types,
    }
}

/// A problem in site.yaml: the key to point at, the message and the hint.
pub(crate) type Bad<'a> = &'a mut dyn FnMut(&str, String, &str);

/// The schema.org types a kind of brief may be published as.
pub(crate) const SCHEMA_TYPES: &[&str] = &[
    "Report",
    "Article",
    "NewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "BlogPosting",
    "ScholarlyArticle",
    "TechArticle",
];

/// The publisher `raw` describes, for a site titled `title` at `base_url`.
pub(crate) fn resolve(
    raw: Option<RawOrganisation>,
    title: &str,
    base_url: &str,
    root: &std::path::Path,
    bad: Bad,
) -> Publisher {
    let block = match raw {
        None => return plain(title, base_url),
        Some(RawOrganisation::Name(n)) => return plain(&n, base_url),
        Some(RawOrganisation::Block(b)) => b,
    };
    if block.name.trim().is_empty() {
        bad(
            "name",
            "`organisation.name` is empty".into(),
            "give the short name used in headings, e.g. `name: FDD`",
        );
    }
    let url = block.url.unwrap_or_else(|| base_url.to_string());
    if !is_http_url(&url) {
        bad(
            "url",
            format!("`organisation.url` `{url}` is not an http(s) URL"),
            "for example `url: https://www.fdd.org/`",
        );
    }
    let logo = block.logo.and_then(|l| {
        site_image(&l, root, base_url)
            .map_err(|m| bad("logo", m, IMAGE_HINT))
            .ok()
    });
    Publisher {
        full_name: block
            .full_name
            .filter(|f| !f.trim().is_empty())
            .unwrap_or_else(|| block.name.clone()),
        name: block.name,
        place: block.place.filter(|p| !p.trim().is_empty()),
        url,
        logo,
    }
}

fn plain(name: &str, base_url: &str) -> Publisher {
    Publisher {
        name: name.to_string(),
        full_name: name.to_string(),
        place: None,
        url: base_url.to_string(),
        logo: None,
    }
}

/// The hint for a refused image in site.yaml.
pub(crate) const IMAGE_HINT: &str =
    "give a path under static/ (`/images/logo.png`) or an http(s) URL";

/// An image site.yaml names (a logo, the default social image) as an
/// absolute URL; a path must be a file under `static/`.
pub(crate) fn site_image(
    value: &str,
    root: &std::path::Path,
    base_url: &str,
) -> Result<String, String> {
    if is_http_url(value) {
        return Ok(value.to_string());
    }
    let Some(rest) = value
        .strip_prefix('/')
        .filter(|r| !r.is_empty() && !r.split('/').any(|s| s == ".."))
    else {
        return Err(format!(
            "`{value}` is neither a path under static/ nor an http(s) URL"
        ));
    };
    if !root.join("static").join(rest).is_file() {
        return Err(format!(
            "`{value}` not found: there is no file static/{rest}"
        ));
    }
    Ok(format!("{base_url}{rest}"))
}

/// `@handle` from `handle` or `@handle`, if it is an X handle.
pub(crate) fn x_handle(raw: &str) -> Result<String, String> {
    let bare = raw.trim().trim_start_matches('@');
    if (1..=15).contains(&bare.len())
        && bare.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        Ok(format!("@{bare}"))
    } else {
        Err(format!("`{raw}` is not an X handle"))
    }
}

fn is_http_url(s: &str) -> bool {
    url::Url::parse(s)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        for (raw, want) in [
            ("@FDD", Some("@FDD")),
            ("fdd_org", Some("@fdd_org")),
            ("@a b", None),
            ("", None),
        ] {
            assert_eq!(x_handle(raw).ok().as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn organisation_block_is_strict() {
        let ok: RawOrganisation =
            serde_yaml::from_str("name: FDD\nplace: Washington, DC\n").unwrap();
        assert!(
            matches!(ok, RawOrganisation::Block(b) if b.place.as_deref() == Some("Washington, DC"))
        );
        let e = serde_yaml::from_str::<RawOrganisation>("name: FDD\nplase: x\n").unwrap_err();
        assert!(e.to_string().contains("unknown field `plase`"), "{e}");
    }
}
