//! The CSL locale a page's language formats its citations in: the bundled
//! locale of the language (`ar`, `fr` → `fr-FR`, `zh-Hant` → `zh-TW`), so
//! the styles' terms and month names follow the page ("7 nov. 2024" on a
//! French page). English pages keep the styles' US English exactly as
//! before. Each language's locale files (its own and US English, which
//! fills the terms it lacks) are picked once per process.

use hayagriva::citationberg::{Locale, LocaleCode};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A language's locale, and the files the processor looks terms up in.
#[derive(Debug)]
pub(crate) struct Localized {
    pub(crate) code: LocaleCode,
    pub(crate) files: Vec<Locale>,
}

/// The locale for the page language `tag`; none for English (and for a
/// language no bundled locale covers).
pub(crate) fn for_language(tag: &str) -> Option<Arc<Localized>> {
    static CHOSEN: OnceLock<Mutex<HashMap<String, Option<Arc<Localized>>>>> = OnceLock::new();
    let chosen = CHOSEN.get_or_init(Mutex::default);
    let mut map = chosen.lock().unwrap_or_else(|p| p.into_inner());
    map.entry(tag.to_string())
        .or_insert_with(|| localized(tag))
        .clone()
}

fn localized(tag: &str) -> Option<Arc<Localized>> {
    if primary(tag) == "en" {
        return None;
    }
    let all = all();
    let codes: Vec<&str> = all
        .iter()
        .filter_map(|l| Some(l.lang.as_ref()?.0.as_str()))
        .collect();
    let code = code(tag, &codes)?;
    let files = (all.iter())
        .filter(|l| {
            l.lang
                .as_ref()
                .is_some_and(|c| c.0 == code || c.0 == "en-US")
        })
        .cloned()
        .collect();
    Some(Arc::new(Localized {
        code: LocaleCode(code.to_string()),
        files,
    }))
}

/// Every bundled locale, decoded once.
fn all() -> &'static [Locale] {
    static ALL: OnceLock<Vec<Locale>> = OnceLock::new();
    ALL.get_or_init(hayagriva::archive::locales)
}

fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or("").to_ascii_lowercase()
}

/// The bundled locale code for `tag`: the same code, else the language's
/// own region (`fr-FR`, `de-DE`), a Chinese script's usual region, or the
/// first code of the language.
fn code<'c>(tag: &str, codes: &[&'c str]) -> Option<&'c str> {
    let find = |want: &str| codes.iter().copied().find(|c| c.eq_ignore_ascii_case(want));
    let lang = primary(tag);
    let script_region = match tag.to_ascii_lowercase() {
        t if t.starts_with("zh-hant") => Some("zh-TW".to_string()),
        t if t.starts_with("zh") => Some("zh-CN".to_string()),
        _ => None,
    };
    find(tag)
        .or_else(|| script_region.and_then(|c| find(&c)))
        .or_else(|| find(&format!("{lang}-{}", lang.to_ascii_uppercase())))
        .or_else(|| codes.iter().copied().find(|c| primary(c) == lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_languages_find_their_bundled_locale() {
        let codes = [
            "ar", "de-AT", "de-DE", "en-US", "fr-CA", "fr-FR", "pt-BR", "pt-PT", "zh-CN", "zh-TW",
        ];
        for (tag, want) in [
            ("ar", Some("ar")),
            ("fr", Some("fr-FR")),
            ("fr-CA", Some("fr-CA")),
            ("de", Some("de-DE")),
            ("pt", Some("pt-PT")),
            ("zh", Some("zh-CN")),
            ("zh-Hans", Some("zh-CN")),
            ("zh-Hant", Some("zh-TW")),
            ("sw", None),
        ] {
            assert_eq!(code(tag, &codes), want, "{tag}");
        }
    }

    #[test]
    fn english_keeps_the_styles_own_terms() {
        assert!(for_language("en").is_none() && for_language("en-GB").is_none());
        let ar = for_language("ar").expect("an Arabic locale is bundled");
        assert_eq!(ar.code.0, "ar");
        assert_eq!(ar.files.len(), 2, "Arabic, then US English for the rest");
    }
}
