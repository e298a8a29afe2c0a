//! The language of what one source brings: `--lang TAG`, else the
//! `<language>` its channel declares (a WordPress export or feed: `ar`,
//! `fr-FR`), matched to one of the site's languages. Returns the site's
//! tag for `lang:`, or none for the default language (whose files carry
//! no `lang:`); a tag matching none of the site's languages is an error.

use crate::config::Config;
use crate::diag::Diagnostic;
use std::path::Path;

/// The site's tag that `asked` names: the same tag (in any case), else the
/// one site tag with its language (`fr-FR` → `fr`, `zh` → `zh-Hans`).
pub(crate) fn site_tag<'c>(asked: &str, config: &'c Config) -> Option<&'c str> {
    let tags = || {
        std::iter::once(config.default_language.as_str())
            .chain(config.languages.iter().map(|l| l.tag.as_str()))
    };
    if let Some(same) = tags().find(|t| t.eq_ignore_ascii_case(asked)) {
        return Some(same);
    }
    let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    let wanted = primary(asked);
    let mut same_language = tags().filter(|t| primary(t) == wanted);
    match (same_language.next(), same_language.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Checks `--lang` before any source is read: the site's tag it names.
pub(crate) fn flag(asked: &str, config: &Config) -> anyhow::Result<String> {
    site_tag(asked, config).map(str::to_string).ok_or_else(|| {
        let what = if crate::lang::is_language_tag(asked) {
            "is not a language of this site"
        } else {
            "is not a BCP 47 language tag"
        };
        anyhow::anyhow!(
            "--lang {asked}: `{asked}` {what}; its languages are {} (`language:` and `languages:` in site.yaml)",
            tags(config)
        )
    })
}

/// The `lang:` of a source's files: the flag's tag (already checked),
/// else its declared language's; none for the default language.
pub(crate) fn of_source(
    flag: Option<&str>,
    declared: Option<&str>,
    config: &Config,
    path: &Path,
) -> Result<Option<String>, Diagnostic> {
    let tag = match (flag, declared.map(str::trim).filter(|d| !d.is_empty())) {
        (Some(tag), _) => tag,
        (None, None) => return Ok(None),
        (None, Some(declared)) => site_tag(declared, config).ok_or_else(|| {
            Diagnostic::error(
                path,
                format!(
                    "the source's language `{declared}` (its channel's <language>) is none of this site's languages ({})",
                    tags(config)
                ),
            )
            .hint("say the language of its items with --lang TAG, or add the language under `languages:` in site.yaml")
        })?,
    };
    Ok((tag != config.default_language).then(|| tag.to_string()))
}

/// The site's tags, for messages: `en, ar, fr`.
fn tags(config: &Config) -> String {
    std::iter::once(config.default_language.as_str())
        .chain(config.languages.iter().map(|l| l.tag.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let yaml = "title: T\nbase_url: https://x.org\nlanguage: en\nlanguages:\n  ar: {}\n  fr: {}\n  zh-Hans: {}\n";
        Config::from_text(yaml, &Default::default()).unwrap()
    }

    #[test]
    fn declared_languages_match_the_sites_tags() {
        let c = config();
        for (asked, want) in [
            ("ar", Some("ar")),
            ("AR", Some("ar")),
            ("fr-FR", Some("fr")),
            ("en-US", Some("en")),
            ("zh", Some("zh-Hans")),
            ("zh-CN", Some("zh-Hans")),
            ("de-DE", None),
            ("", None),
        ] {
            assert_eq!(site_tag(asked, &c), want, "{asked}");
        }
    }

    #[test]
    fn the_default_language_gets_no_lang_and_the_flag_wins() {
        let c = config();
        let p = Path::new("feed.xml");
        for (flag, declared, want) in [
            (None, Some("en-US"), None),
            (None, Some("fr-FR"), Some("fr")),
            (None, None, None),
            (None, Some(" "), None),
            (Some("ar"), Some("fr-FR"), Some("ar")),
            (Some("en"), Some("ar"), None),
        ] {
            let got = of_source(flag, declared, &c, p).unwrap();
            assert_eq!(got.as_deref(), want, "{flag:?} {declared:?}");
        }
        let err = of_source(None, Some("de-DE"), &c, p).unwrap_err();
        assert!(err.message.contains("`de-DE`"), "{}", err.message);
        assert!(flag("de", &c).is_err() && flag("a b", &c).is_err());
    }
}
