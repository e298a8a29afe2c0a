//! URL slugs: a translation's file name without its language (`x.ar.md`
//! gives the slug of `x.md`), and the URL segment of a topic or kind name.

use std::path::Path;

/// Checks the URL segment a topic or kind name gives (its slug); the
/// message and hint when it is unusable.
pub(crate) fn group_segment(what: &str, name: &str, example: &str) -> Result<(), (String, String)> {
    let segment = slug::slugify(name);
    if name.trim().is_empty() || segment.is_empty() {
        let message = format!("{what} `{name}` gives no usable URL");
        return Err((message, format!("use words, e.g. {example}")));
    }
    crate::portable::check(&segment).map_err(|p| {
        let message = format!(
            "{what} `{name}` gives the URL segment `{segment}`, which {}",
            p.tail()
        );
        (message, p.hint().to_string())
    })
}

/// `x.ar.md` as `x.md` when the brief says `lang: ar` (a translation's
/// file beside its original's keeps the original's slug).
pub(crate) fn without_lang(path: &Path, lang: Option<&str>) -> std::path::PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy());
    let bare = match (stem.as_deref(), lang) {
        (Some(stem), Some(lang)) => stem.strip_suffix(&format!(".{lang}")),
        _ => None,
    };
    match bare {
        Some(bare) => path.with_file_name(format!("{bare}.md")),
        None => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::slug_from_file;

    #[test]
    fn a_translation_beside_its_original_keeps_its_slug() {
        for (file, lang, want) in [
            ("2024-11-07-x.ar.md", Some("ar"), "x"),
            ("2024-11-07-x.ar.md", None, "x-ar"),
            ("2024-11-07-x.fr.md", Some("ar"), "x-fr"),
        ] {
            assert_eq!(
                slug_from_file(&without_lang(Path::new(file), lang)),
                want,
                "{file}"
            );
        }
    }
}
