//! What each page says about its language: `lang`, `dir` (set on every
//! page of a site in several languages, and on right-to-left pages;
//! empty otherwise, so a one-language site's pages stay as they were),
//! `alternates` (every language's version of the page, this one
//! included, for hreflang links and the language switcher) and
//! `x_default` (the version for anyone else: the default language's).

use super::values::map;
use crate::model::{Alternate, Site};
use tera::{Context, Value};

/// Adds `lang`, `dir`, `alternates` and `x_default` for the page at `path`.
pub(crate) fn insert(site: &Site, path: &str, ctx: &mut Context) {
    let c = &site.config;
    let dir = if c.is_multilingual() || c.dir == "rtl" {
        c.dir
    } else {
        ""
    };
    let alternates = site.alternates(path);
    ctx.insert("lang", &c.language);
    ctx.insert("dir", dir);
    ctx.insert_value("alternates", list(alternates, &c.language));
    ctx.insert("x_default", &x_default(alternates).unwrap_or_default());
}

fn list(alternates: &[Alternate], current: &str) -> Value {
    Value::from(
        alternates
            .iter()
            .map(|a| {
                map! {
                    "lang" => a.lang.as_str(),
                    "dir" => a.dir,
                    "url" => a.url.as_str(),
                    "permalink" => a.permalink.as_str(),
                    "current" => a.lang == current,
                }
            })
            .collect::<Vec<_>>(),
    )
}

/// The default language's version when there is one, else the first.
pub(crate) fn x_default(alternates: &[Alternate]) -> Option<String> {
    alternates.first().map(|a| a.permalink.clone())
}
