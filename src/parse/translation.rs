//! `lang:` and `translation_of:` in the front matter of a brief, expert or
//! page: the file's language, and what it translates (a brief's slug, an
//! expert's id, a page's slug), each with where it is written so the model
//! can point at it.

use super::Ref;
use crate::yaml::Block;

/// A file's language and the original it translates, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Translation {
    /// `lang:`; `None` is the site's default language.
    pub(crate) lang: Option<Ref>,
    /// `translation_of:`.
    pub(crate) of: Option<Ref>,
}

impl Translation {
    /// Reads the two values, locating them in `front`.
    pub(crate) fn read(front: &Block, lang: Option<String>, of: Option<String>) -> Translation {
        let locate = |key: &str, value: String| {
            let (line, col) = front.find_value(&value, Some(key));
            Ref {
                id: value,
                line,
                col,
            }
        };
        Translation {
            lang: lang.map(|l| locate("lang", l)),
            of: of.map(|o| locate("translation_of", o)),
        }
    }

    /// Whether the file says anything about languages.
    pub(crate) fn is_set(&self) -> bool {
        self.lang.is_some() || self.of.is_some()
    }

    /// The file's language: `lang:`, or `default`.
    pub(crate) fn tag<'a>(&'a self, default: &'a str) -> &'a str {
        self.lang.as_ref().map_or(default, |l| l.id.as_str())
    }
}
