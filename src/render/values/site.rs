//! Site-wide values: the `site` value every page gets (configuration,
//! plain pages for the navigation, the identity keys of site.yaml for the
//! masthead and footer), and a brief's share links.

use super::map;
use crate::model::Site;
use tera::Value;

pub(super) fn site_value(site: &Site) -> Value {
    let c = &site.config;
    let extra = Value::from_serializable(&c.extra);
    map! {
        "title" => c.title.as_str(),
        "description" => c.description.as_str(),
        "language" => c.language.as_str(),
        "organisation" => c.organisation.as_str(),
        "base_url" => c.base_url.as_str(),
        "base_path" => c.base_path.as_str(),
        "url" => c.url(""),
        "search_url" => c.search.then(|| c.url("search/")),
        "extra" => extra,
        "pages" => Value::from(site.pages.iter().map(|p| map! {
            "title" => p.title.as_str(),
            "url" => c.url(&format!("{}/", p.path)),
            "path" => p.path.as_str(),
        }).collect::<Vec<_>>()),
        "identity" => identity(c),
    }
}

/// The masthead and footer values of site.yaml's identity keys.
fn identity(c: &crate::config::Config) -> Value {
    let id = &c.identity;
    let local = |p: &Option<String>| p.as_deref().map(|p| c.local_url(p));
    map! {
        "logo" => local(&id.logo),
        "favicon" => local(&id.favicon).unwrap_or_else(|| c.local_url("/favicon.svg")),
        "favicon_type" => id.favicon.as_deref().map_or("image/svg+xml", favicon_type),
        "accent" => id.accent.as_deref(),
        "accent_dark" => id.accent_dark.as_deref(),
        "tagline" => id.tagline.as_str(),
        "contact" => id.contact.as_str(),
        "newsletter" => local(&id.newsletter),
        "social" => Value::from(id.social.iter().map(|(label, url)| map! {
            "label" => label.as_str(), "url" => c.local_url(url),
        }).collect::<Vec<_>>()),
        "copyright" => id.copyright.as_str(),
    }
}

/// The MIME type of a favicon, from its extension.
fn favicon_type(path: &str) -> &'static str {
    match path
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("gif") => "image/gif",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "image/x-icon",
    }
}

/// Share links that load nothing: a mail draft, and the X and LinkedIn
/// pages that take a URL (followed only when a reader clicks).
pub(super) fn share(permalink: &str, title: &str) -> Value {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    // Everything but unreserved characters, `/` and `:` (which a query
    // value may hold as they are) is encoded.
    const QUERY: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/')
        .remove(b':');
    let enc = |s: &str| utf8_percent_encode(s, QUERY).to_string();
    let (u, t) = (enc(permalink), enc(title));
    map! {
        "email" => format!("mailto:?subject={t}&body={u}"),
        "x" => format!("https://x.com/intent/post?url={u}"),
        "linkedin" => format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
    }
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn share_links_hold_only_characters_a_url_may_hold() {
        let v = share(
            "https://x.org/sub/briefs/a/",
            "CDATA ]]> #1 [x] {y} |z| ^ \\ ` “é” & ?=",
        );
        for key in ["email", "x", "linkedin"] {
            let url = (v.as_map().and_then(|m| m.get(&tera::value::Key::from(key))))
                .and_then(|u| u.as_str().map(str::to_string))
                .unwrap_or_default();
            assert!(!url.is_empty(), "{key}");
            let bad: Vec<char> = (url.chars())
                .filter(|c| !c.is_ascii_alphanumeric() && !"-._~/:%?=&@".contains(*c))
                .collect();
            assert!(bad.is_empty(), "{key}: {url} has {bad:?}");
        }
    }
}
