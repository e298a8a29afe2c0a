//! Languages of a site: the default one (`language:` in site.yaml) and the
//! others (`languages:`), each with its own text for people, direction and
//! URL prefix; and the words of the theme in each ([`strings`]), with
//! dates formatted for the language ([`dates`]).

pub(crate) mod dates;
pub(crate) mod plural;
pub(crate) mod strings;

use serde::Deserialize;

/// The serde shape of one entry of `languages:` in site.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    organisation: Option<String>,
    tagline: Option<String>,
    contact: Option<String>,
    copyright: Option<String>,
    dir: Option<String>,
    #[serde(default)]
    feed: RawLanguageFeed,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguageFeed {
    footer: Option<String>,
}

/// One language other than the default, as site.yaml gives it: what is
/// not given is the default language's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Language {
    /// The BCP 47 tag, as written (`ar`, `zh-Hans`).
    pub(crate) tag: String,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) organisation: Option<String>,
    pub(crate) footer: Option<String>,
    /// The masthead and footer lines of site.yaml's identity keys.
    pub(crate) tagline: Option<String>,
    pub(crate) contact: Option<String>,
    pub(crate) copyright: Option<String>,
    /// `ltr` or `rtl`.
    pub(crate) dir: &'static str,
}

impl Language {
    /// The language `tag` from its site.yaml entry; `Err` names a bad `dir`.
    pub(crate) fn new(tag: &str, raw: RawLanguage) -> Result<Language, String> {
        let dir = match raw.dir.as_deref() {
            None => direction(tag),
            Some("ltr") => "ltr",
            Some("rtl") => "rtl",
            Some(other) => return Err(format!("`dir: {other}` is neither `ltr` nor `rtl`")),
        };
        Ok(Language {
            tag: tag.to_string(),
            title: raw.title,
            description: raw.description,
            organisation: raw.organisation,
            footer: raw.feed.footer,
            tagline: raw.tagline,
            contact: raw.contact,
            copyright: raw.copyright,
            dir,
        })
    }
}

/// Primary language subtags written right to left (in their usual script).
const RTL: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "pa-arab", "ps", "sd", "syr",
    "ug", "ur", "yi",
];

/// `rtl` for a language written right to left (Arabic, Hebrew, Persian,
/// Urdu…), else `ltr`. A script subtag decides when there is one.
pub(crate) fn direction(tag: &str) -> &'static str {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or("");
    let script = parts.find(|p| p.len() == 4);
    match script {
        Some("arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg") => "rtl",
        Some(_) => "ltr",
        None if RTL.contains(&primary) => "rtl",
        None => "ltr",
    }
}

/// Whether `tag` is shaped like a BCP 47 language tag (`en`, `en-US`,
/// `zh-Hans-CN`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{BuildOptions, Config};

    fn config(text: &str) -> Result<Config, crate::diag::Diagnostics> {
        Config::from_text(text, &BuildOptions::default())
    }

    #[test]
    fn languages_of_site_yaml() {
        let c = config(
            "title: T\nbase_url: https://x.org/sub/\nlanguages:\n  ar:\n    title: ت\n  fr: {}\nslugs: unicode\n",
        )
        .unwrap();
        assert!(c.is_multilingual() && c.unicode_slugs);
        let ar = c.for_language(&c.languages[0]);
        assert_eq!(
            (ar.title.as_str(), ar.dir, ar.language.as_str()),
            ("ت", "rtl", "ar")
        );
        assert_eq!(ar.url("topics/مصر/"), "/sub/ar/topics/%D9%85%D8%B5%D8%B1/");
        assert_eq!(ar.permalink(""), "https://x.org/sub/ar/");
        assert_eq!(ar.local_url("/images/a.jpg"), "/sub/images/a.jpg");
        let fr = c.for_language(&c.languages[1]);
        assert_eq!((fr.title.as_str(), fr.dir), ("T", "ltr"));
        assert_eq!(c.url("briefs/x/"), "/sub/briefs/x/");
    }

    #[test]
    fn bad_languages_are_named_at_their_line() {
        let e = config(
            "title: T\nbase_url: https://x.org\nlanguages:\n  en: {}\n  page: {}\n  ar:\n    dir: up\nslugs: pretty\n",
        )
        .unwrap_err();
        let lines: Vec<_> = e.0.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            lines,
            [
                (Some(4), "`en` is the default language (`language:`)"),
                (Some(5), "`page` is not a BCP 47 language tag"),
                (Some(6), "`dir: up` is neither `ltr` nor `rtl`"),
                (Some(8), "`slugs: pretty` is neither `ascii` nor `unicode`"),
            ]
        );
    }

    #[test]
    fn directions() {
        for (tag, dir) in [
            ("ar", "rtl"),
            ("ar-EG", "rtl"),
            ("he", "rtl"),
            ("fa", "rtl"),
            ("ur", "rtl"),
            ("en", "ltr"),
            ("zh-Hans", "ltr"),
            ("az-Arab", "rtl"),
            ("ku-Latn", "ltr"),
        ] {
            assert_eq!(direction(tag), dir, "{tag}");
        }
    }
}
