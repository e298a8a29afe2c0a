//! The words of the theme in each language of the site: translation files
//! `i18n/<lang>.yaml` (flat maps of key to text) of the built-in theme, then
//! of `themes/<name>/`, then of the site itself, later ones overriding
//! earlier ones key by key. A language's missing keys are its default
//! language's text (or the built-in English): [`Strings::missing`] lists
//! them for `check`.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// One language's words, key to text.
pub(crate) type Words = BTreeMap<String, String>;

/// The built-in theme's translation files.
const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.yaml")),
    ("ar", include_str!("../../themes/default/i18n/ar.yaml")),
    ("de", include_str!("../../themes/default/i18n/de.yaml")),
    ("es", include_str!("../../themes/default/i18n/es.yaml")),
    ("fr", include_str!("../../themes/default/i18n/fr.yaml")),
    ("ru", include_str!("../../themes/default/i18n/ru.yaml")),
    ("zh", include_str!("../../themes/default/i18n/zh.yaml")),
];

/// Plural forms a language may go without (only `_other` is required).
const OPTIONAL_SUFFIXES: &[&str] = &["_zero", "_one", "_two", "_few", "_many"];

/// Every language's words, the default language's filling the gaps.
#[derive(Debug, Default)]
pub(crate) struct Strings {
    pub(crate) default: String,
    by_lang: BTreeMap<String, Arc<Words>>,
    /// `(language, key)` the language's own files lack.
    pub(crate) missing: Vec<(String, String)>,
    /// Changes whenever any text read changes.
    pub(crate) fingerprint: u64,
}

impl Strings {
    /// Reads the translation files of every language of the site.
    pub(crate) fn load(config: &Config) -> Result<Strings, Diagnostics> {
        let mut problems = Diagnostics::default();
        let theme = crate::render::templates::theme_dir(config);
        let dirs: Vec<std::path::PathBuf> = theme
            .into_iter()
            .map(|t| t.join("i18n"))
            .chain([config.root.join("i18n")])
            .collect();
        let tags = std::iter::once(config.default_language.clone())
            .chain(config.languages.iter().map(|l| l.tag.clone()));
        let mut own: BTreeMap<String, Words> = BTreeMap::new();
        for tag in tags {
            let mut words = Words::new();
            for text in builtin(&tag) {
                merge(
                    &mut words,
                    text,
                    Path::new("<built-in theme>/i18n"),
                    &mut problems,
                );
            }
            for dir in &dirs {
                for file in candidates(&tag) {
                    let path = dir.join(format!("{file}.yaml"));
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        let rel = crate::load::relative(&config.root, &path);
                        merge(&mut words, &text, &rel, &mut problems);
                    }
                }
            }
            own.insert(tag, words);
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        Ok(Strings::from_own(&config.default_language, own))
    }

    /// The strings of each language filled in from the default language's.
    pub(crate) fn from_own(default: &str, own: BTreeMap<String, Words>) -> Strings {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        own.hash(&mut h);
        // The built-in English words fill what the default language lacks
        // (a site in Italian with no it.yaml still reads).
        let mut base = Words::new();
        for text in builtin("en") {
            merge(&mut base, text, Path::new(""), &mut Diagnostics::default());
        }
        base.extend(own.get(default).cloned().unwrap_or_default());
        let mut missing = Vec::new();
        let mut by_lang = BTreeMap::new();
        for (tag, words) in own {
            for key in base.keys().filter(|k| !words.contains_key(*k)) {
                if !OPTIONAL_SUFFIXES.iter().any(|s| key.ends_with(s)) {
                    missing.push((tag.clone(), key.clone()));
                }
            }
            let mut full = base.clone();
            // A language is never named in another one's words.
            full.insert("language_name".into(), tag.clone());
            full.extend(words);
            by_lang.insert(tag, Arc::new(full));
        }
        Strings {
            default: default.to_string(),
            by_lang,
            missing,
            fingerprint: h.finish(),
        }
    }

    /// Every language with words of its own.
    pub(crate) fn tags(&self) -> impl Iterator<Item = &str> {
        self.by_lang.keys().map(String::as_str)
    }

    /// The words of language `tag` (the default language's if it has none).
    pub(crate) fn words(&self, tag: &str) -> Arc<Words> {
        (self.by_lang.get(tag))
            .or_else(|| self.by_lang.get(&self.default))
            .cloned()
            .unwrap_or_default()
    }

    /// Warnings naming every key a language lacks (its default language's
    /// text is shown instead).
    pub(crate) fn missing_warnings(&self) -> Diagnostics {
        let mut out = Diagnostics::default();
        let mut by_lang: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (tag, key) in &self.missing {
            by_lang.entry(tag).or_default().push(key);
        }
        for (tag, keys) in by_lang {
            out.push(
                Diagnostic::warning(
                    format!("i18n/{tag}.yaml"),
                    format!(
                        "{} theme string{} missing in `{tag}` (shown in `{}`, or English): {}",
                        keys.len(),
                        if keys.len() == 1 { " is" } else { "s are" },
                        self.default,
                        keys.join(", ")
                    ),
                )
                .hint(format!(
                    "add them to i18n/{tag}.yaml in the site or the theme"
                )),
            );
        }
        out
    }
}

/// The built-in files for `tag`: its primary language's, then its own.
fn builtin(tag: &str) -> impl Iterator<Item = &'static str> + '_ {
    candidates(tag)
        .into_iter()
        .filter_map(|c| BUILTIN.iter().find(|(t, _)| t.eq_ignore_ascii_case(&c)))
        .map(|(_, text)| *text)
}

/// File names to read for `tag`, least specific first: `zh`, `zh-Hans`.
fn candidates(tag: &str) -> Vec<String> {
    let primary = tag.split('-').next().unwrap_or(tag).to_string();
    if primary == tag {
        vec![primary]
    } else {
        vec![primary, tag.to_string()]
    }
}

/// Adds the keys of one translation file to `words`.
fn merge(words: &mut Words, text: &str, path: &Path, problems: &mut Diagnostics) {
    match serde_yaml::from_str::<BTreeMap<String, serde_yaml::Value>>(text) {
        Ok(map) => {
            for (key, value) in map {
                match value {
                    serde_yaml::Value::String(s) => {
                        words.insert(key, s);
                    }
                    serde_yaml::Value::Number(n) => {
                        words.insert(key, n.to_string());
                    }
                    _ => problems.push(
                        Diagnostic::error(path, format!("`{key}` is not text"))
                            .hint("each line of a translation file is `key: text`"),
                    ),
                }
            }
        }
        Err(e) => problems.push(
            Diagnostic::error(path, format!("cannot read translation file: {e}"))
                .hint("a translation file is a YAML map of `key: text` lines"),
        ),
    }
}

/// Each language's `default_kind` from the theme's words (site, theme
/// and built-in translation files, as pages read them). Files that do not
/// read leave "Brief": rendering reports them.
pub(crate) fn default_kinds(config: &Config) -> Vec<(String, String)> {
    let Ok(strings) = Strings::load(config) else {
        return Vec::new();
    };
    std::iter::once(&config.default_language)
        .chain(config.languages.iter().map(|l| &l.tag))
        .filter_map(|tag| {
            let kind = strings.words(tag).get("default_kind")?.trim().to_string();
            (!kind.is_empty()).then(|| (tag.clone(), kind))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tag: &str) -> Words {
        let mut w = Words::new();
        for text in builtin(tag) {
            merge(&mut w, text, Path::new("x"), &mut Diagnostics::default());
        }
        w
    }

    #[test]
    fn every_builtin_language_has_every_english_key() {
        let mut own = BTreeMap::new();
        for (tag, _) in BUILTIN {
            own.insert((*tag).to_string(), words(tag));
        }
        let s = Strings::from_own("en", own);
        assert_eq!(s.missing, Vec::<(String, String)>::new());
    }

    #[test]
    fn missing_keys_fall_back_and_are_listed() {
        let mut own = BTreeMap::new();
        own.insert("en".to_string(), words("en"));
        own.insert(
            "ar".to_string(),
            Words::from([("by".into(), "بقلم".into())]),
        );
        let s = Strings::from_own("en", own);
        assert_eq!(s.words("ar")["by"], "بقلم");
        assert_eq!(s.words("ar")["topics"], "Topics");
        assert!(s.missing.contains(&("ar".into(), "topics".into())));
        assert!(!s.missing.iter().any(|(_, k)| k == "brief_count_one"));
        assert_eq!(s.words("zh-Hans")["by"], "By");
        assert_eq!(s.words("ar")["language_name"], "ar");
    }

    #[test]
    fn a_language_without_files_reads_in_english() {
        let s = Strings::from_own("it", BTreeMap::from([("it".to_string(), Words::new())]));
        assert_eq!(s.words("it")["by"], "By");
        assert_eq!(s.words("it")["language_name"], "it");
        assert!(s.missing.contains(&("it".into(), "by".into())));
    }
}
