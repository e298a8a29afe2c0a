//! The site's identity, from the optional keys of `site.yaml` that a
//! masthead and footer need: logo, favicon, accent colour, tagline,
//! contact line, newsletter and social links, copyright line. Each is
//! checked strictly; problems are reported with the other keys' problems.

use crate::parse::url::{UrlUse, check_url};
use indexmap::IndexMap;

/// The identity keys as written in `site.yaml`.
#[derive(Debug, Default)]
pub(super) struct RawIdentity {
    pub(super) logo: Option<String>,
    pub(super) favicon: Option<String>,
    pub(super) accent: Option<String>,
    pub(super) tagline: Option<String>,
    pub(super) contact: Option<String>,
    pub(super) newsletter: Option<String>,
    pub(super) social: IndexMap<String, String>,
    pub(super) copyright: Option<String>,
}

/// The validated identity; empty strings and `None` mean "not given".
#[derive(Debug, Clone, Default)]
pub(crate) struct Identity {
    /// A path on this site (`/images/logo.svg`), shown in the masthead.
    pub(crate) logo: Option<String>,
    /// A path on this site; the theme's `favicon.svg` when not given.
    pub(crate) favicon: Option<String>,
    /// The accent colour (`#rrggbb`) on light backgrounds…
    pub(crate) accent: Option<String>,
    /// …and the same hue lightened until it reads on the dark scheme.
    pub(crate) accent_dark: Option<String>,
    pub(crate) tagline: String,
    pub(crate) contact: String,
    pub(crate) newsletter: Option<String>,
    /// Label → URL, in the order written.
    pub(crate) social: Vec<(String, String)>,
    pub(crate) copyright: String,
}

/// Background colours of the default theme's two schemes (its CSS agrees).
const LIGHT_BG: [u8; 3] = [0xff, 0xff, 0xff];
const DARK_BG: [u8; 3] = [0x14, 0x18, 0x1d];
/// WCAG AA contrast for body text.
const AA: f64 = 4.5;

/// Validates `raw`; each problem is `(key, message, hint)`.
pub(super) fn validate(raw: RawIdentity) -> (Identity, Vec<(&'static str, String, &'static str)>) {
    let mut problems = Vec::new();
    let mut local = |key: &'static str, v: Option<String>| {
        let v = v.filter(|s| !s.trim().is_empty())?;
        if !v.starts_with('/') || v.starts_with("//") || v.split('/').any(|s| s == "..") {
            problems.push((key, format!("`{key}` `{v}` is not a path on this site"), "write a path from the site root such as /images/logo.svg, and put the file under static/ (nothing is loaded from other hosts)"));
            return None;
        }
        Some(v)
    };
    let logo = local("logo", raw.logo);
    let favicon = local("favicon", raw.favicon);
    let mut link = |key: &'static str, label: &str, v: String| {
        let absolute =
            v.starts_with("https://") || v.starts_with("http://") || v.starts_with("mailto:");
        match check_url(&v, UrlUse::Link) {
            Ok(()) if absolute || v.starts_with('/') => Some(v),
            Ok(()) => {
                problems.push((key, format!("`{key}` link {label}`{v}` is neither an absolute URL nor a path on this site"), "write https://… or a path from the site root"));
                None
            }
            Err(m) => {
                problems.push((key, m, "write https://… or a path from the site root"));
                None
            }
        }
    };
    let newsletter = raw.newsletter.and_then(|v| link("newsletter", "", v));
    let social = raw
        .social
        .into_iter()
        .filter_map(|(label, url)| link("social", &format!("`{label}` "), url).map(|u| (label, u)))
        .collect();
    let (accent, accent_dark) = match raw.accent.as_deref().map(str::trim) {
        None | Some("") => (None, None),
        Some(a) => match accent_pair(a) {
            Ok((light, dark)) => (Some(light), Some(dark)),
            Err(m) => {
                problems.push(("accent", m, "write a colour such as \"#0b4f8a\" that reads on white (contrast 4.5:1 or more)"));
                (None, None)
            }
        },
    };
    let text = |v: Option<String>| v.unwrap_or_default().trim().to_string();
    let identity = Identity {
        logo,
        favicon,
        accent,
        accent_dark,
        tagline: text(raw.tagline),
        contact: text(raw.contact),
        newsletter,
        social,
        copyright: text(raw.copyright),
    };
    (identity, problems)
}

/// The `logo` and `favicon` files that are in no static folder (the
/// site's `static/` or the theme's), so their request would fail.
pub(super) fn missing_files(
    id: &Identity,
    root: &std::path::Path,
    theme: &str,
) -> Vec<(&'static str, String, &'static str)> {
    let dirs = [
        root.join("static"),
        root.join("themes").join(theme).join("static"),
    ];
    [("logo", &id.logo), ("favicon", &id.favicon)]
        .into_iter()
        .filter_map(|(key, path)| {
            let rel = path.as_deref()?.trim_start_matches('/');
            let found = dirs.iter().any(|d| d.join(rel).is_file());
            let builtin = crate::render::templates::BUILTIN_STATIC
                .iter()
                .any(|(n, _)| *n == rel);
            (!found && !builtin).then(|| {
                (
                    key,
                    format!("`{key}` /{rel} is not a file under static/"),
                    "put the file under static/ (or the theme's static/), or correct the path",
                )
            })
        })
        .collect()
}

/// The accent as `#rrggbb`, and a lighter one for the dark scheme; refused
/// when it is not a hex colour or does not reach AA contrast on white.
fn accent_pair(text: &str) -> Result<(String, String), String> {
    let rgb = parse_hex(text)
        .ok_or_else(|| format!("`accent` `{text}` is not a colour in #rgb or #rrggbb form"))?;
    let ratio = contrast(rgb, LIGHT_BG);
    if ratio < AA {
        return Err(format!(
            "`accent` `{text}` has a contrast of {ratio:.1}:1 on white; links need 4.5:1"
        ));
    }
    // Mix with white until the colour reads on the dark background.
    let dark = (0..=20)
        .map(|step| mix(rgb, [255; 3], f64::from(step) / 20.0))
        .find(|c| contrast(*c, DARK_BG) >= AA + 0.5)
        .unwrap_or([255; 3]);
    Ok((hex(rgb), hex(dark)))
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        3 => {
            let d: Vec<String> = digits.chars().map(|c| format!("{c}{c}")).collect();
            Some([channel(&d[0])?, channel(&d[1])?, channel(&d[2])?])
        }
        6 => Some([
            channel(&digits[0..2])?,
            channel(&digits[2..4])?,
            channel(&digits[4..6])?,
        ]),
        _ => None,
    }
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// WCAG relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents() {
        let cases = [
            ("#0b4f8a", Ok("#0b4f8a")),
            ("#036", Ok("#003366")),
            ("#ffcc00", Err("contrast")),
            ("blue", Err("not a colour")),
            ("#12345", Err("not a colour")),
        ];
        for (input, want) in cases {
            match (accent_pair(input), want) {
                (Ok((light, dark)), Ok(w)) => {
                    assert_eq!(light, w);
                    let d = parse_hex(&dark).unwrap_or_default();
                    assert!(contrast(d, DARK_BG) >= AA, "{input} -> {dark}");
                }
                (Err(m), Err(w)) => assert!(m.contains(w), "{input}: {m}"),
                (got, _) => panic!("{input}: {got:?}"),
            }
        }
    }

    #[test]
    fn paths_and_links() {
        let raw = RawIdentity {
            logo: Some("https://cdn.example.org/logo.svg".into()),
            favicon: Some("/favicon.png".into()),
            newsletter: Some("javascript:alert(1)".into()),
            social: [
                ("X".to_string(), "https://x.com/org".to_string()),
                ("Bad".into(), "nowhere".into()),
            ]
            .into_iter()
            .collect(),
            ..RawIdentity::default()
        };
        let (id, problems) = validate(raw);
        let keys: Vec<&str> = problems.iter().map(|p| p.0).collect();
        assert_eq!(keys, ["logo", "newsletter", "social"]);
        assert_eq!(id.favicon.as_deref(), Some("/favicon.png"));
        assert_eq!(
            id.social,
            [("X".to_string(), "https://x.com/org".to_string())]
        );
    }
}
