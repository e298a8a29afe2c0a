//! The template side of translations: the function `t` and the filters
//! `localdate` and `bdi`, in the page's language (the context's `lang`).
//!
//! - `{{ t(key="expert_response", organisation=site.organisation) }}`: the
//!   text of `key` with each `{name}` filled in by the argument `name`
//!   (escaped, unless it is safe HTML already); with `n=…` the plural form
//!   of the count (`key_one`, `key_few`, … `key_other`); `lang=…` asks for
//!   another language (a language switcher naming each language).
//! - `{{ a.full_name | bdi }}`: a name isolated in `<bdi>` (its direction
//!   may differ from the page's) on pages with a `dir`, as it is elsewhere.
//! - `{{ brief.date | localdate }}`: a date value (or `YYYY-MM-DD`) in the
//!   language's words: "7 نوفمبر 2024".

use super::filters::escape_html;
use crate::lang::dates::{self, DateWords};
use crate::lang::plural;
use crate::lang::strings::Strings;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// The strings as templates use them, prepared once: every text escaped
/// and ready as a safe value (`t` runs dozens of times on every page), and
/// each language's words as one map value, the context's `words`.
pub(crate) struct Table {
    strings: Arc<Strings>,
    /// Language → key → the text, escaped.
    escaped: HashMap<String, HashMap<String, Value>>,
    /// Language → the same texts as one map, for `{{ words.key }}`.
    maps: HashMap<String, Value>,
    /// Language → its date words, for `localdate`.
    dates: HashMap<String, DateWords>,
}

impl Table {
    pub(crate) fn new(strings: &Arc<Strings>) -> Table {
        let by_lang: HashMap<String, HashMap<String, Value>> = (strings.tags())
            .map(|tag| {
                let words = strings.words(tag);
                let texts = (words.iter())
                    .map(|(k, v)| (k.clone(), Value::safe_string(&escaped(v))))
                    .collect();
                (tag.to_string(), texts)
            })
            .collect();
        let maps = (strings.tags())
            .map(|tag| {
                let words = strings.words(tag);
                let map: tera::Map = (words.iter())
                    .map(|(k, v)| (k.clone().into(), Value::safe_string(&escaped(v))))
                    .collect();
                (tag.to_string(), Value::from(map))
            })
            .collect();
        let dates = (strings.tags())
            .map(|tag| (tag.to_string(), DateWords::of(&strings.words(tag))))
            .collect();
        Table {
            strings: Arc::clone(strings),
            escaped: by_lang,
            maps,
            dates,
        }
    }

    /// The escaped text of `key` in `lang` (the default language's words
    /// when `lang` has none of its own).
    fn text(&self, lang: &str, key: &str) -> Option<&Value> {
        (self.escaped.get(lang))
            .or_else(|| self.escaped.get(&self.strings.default))
            .and_then(|texts| texts.get(key))
    }

    /// The date words of `lang` (the default language's when `lang` has
    /// none of its own).
    fn dates(&self, lang: &str) -> Option<&DateWords> {
        (self.dates.get(lang)).or_else(|| self.dates.get(&self.strings.default))
    }

    /// The words of `lang` as the context's `words` map (the default
    /// language's when `lang` has none of its own).
    pub(crate) fn words(&self, lang: &str) -> Value {
        (self.maps.get(lang))
            .or_else(|| self.maps.get(&self.strings.default))
            .cloned()
            .unwrap_or_else(Value::none)
    }
}

/// Registers `t`, `bdi` and `localdate` over these strings.
pub(crate) fn register(tera: &mut Tera, table: &Arc<Table>) {
    let t = Arc::clone(table);
    let table = Arc::clone(table);
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        translate(&t, &kwargs, state)
    });
    tera.register_filter("bdi", bdi);
    tera.register_filter(
        "localdate",
        move |value: &Value, kwargs: Kwargs, state: &State| {
            localdate(&table, value, &kwargs, state)
        },
    );
}

/// The language asked for: `lang=` if given, else the page's, else the
/// default language.
fn language(kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    // A look along the one or two arguments costs less than a hashed lookup.
    if let Some((_, l)) = kwargs.iter().find(|(k, _)| k.as_str() == Some("lang")) {
        return Ok(l.clone());
    }
    Ok(state.get::<Value>("lang")?.unwrap_or_else(Value::none))
}

fn translate(table: &Table, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let key: &str = kwargs.must_get("key")?;
    let lang = language(kwargs, state)?;
    let lang = lang.as_str().unwrap_or(&table.strings.default);
    let count = kwargs.get::<i64>("n")?;
    let form = count.and_then(|n| {
        let category = plural::category(lang, n.unsigned_abs());
        (table.text(lang, &format!("{key}_{category}")))
            .or_else(|| table.text(lang, &format!("{key}_other")))
    });
    let Some(text) = form.or_else(|| table.text(lang, key)) else {
        return Ok(Value::safe_string(&escaped(key)));
    };
    let mut args = kwargs.iter().filter(|(name, _)| {
        let name = name.as_str().unwrap_or_default();
        name != "key" && name != "lang"
    });
    let Some(first) = args.next() else {
        return Ok(text.clone());
    };
    let mut out = text.as_str().unwrap_or_default().to_string();
    for (name, value) in std::iter::once(first).chain(args) {
        let placeholder = ["{", name.as_str().unwrap_or_default(), "}"].concat();
        out = out.replace(&placeholder, &shown(value));
    }
    Ok(Value::safe_string(&out))
}

fn localdate(table: &Table, value: &Value, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let lang = language(kwargs, state)?;
    let lang = lang.as_str().unwrap_or(&table.strings.default);
    let date = match value.as_map() {
        Some(_) => value.get_from_path("date").unwrap_or(value),
        None => value,
    };
    let shown = match date.as_str() {
        Some(d) => std::borrow::Cow::Borrowed(d),
        None => std::borrow::Cow::Owned(date.to_string()),
    };
    Ok(Value::from(match table.dates(lang) {
        Some(words) => words.format(&shown),
        None => dates::format(&shown, &table.strings.words(lang)),
    }))
}

fn bdi(value: &Value, _: Kwargs, state: &State) -> TeraResult<Value> {
    let text = shown(value);
    let rtl = state.get::<Value>("dir")?;
    let dir = rtl.as_ref().and_then(Value::as_str).unwrap_or_default();
    Ok(Value::safe_string(&if dir.is_empty() {
        text
    } else {
        format!("<bdi>{text}</bdi>")
    }))
}

/// A value as a template shows it: escaped unless it is safe already.
fn shown(value: &Value) -> String {
    match (value.as_str(), value.is_safe()) {
        (Some(text), true) => text.to_string(),
        (Some(text), false) => escaped(text),
        (None, true) => value.to_string(),
        (None, false) => escaped(&value.to_string()),
    }
}

/// Text escaped as autoescaping would.
fn escaped(text: &str) -> String {
    let mut buf = Vec::with_capacity(text.len() + text.len() / 8);
    // Writing into a Vec cannot fail.
    let _ = escape_html(text, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::strings::Words;
    use std::collections::BTreeMap;

    fn tera() -> Tera {
        let words = |pairs: &[(&str, &str)]| -> Words {
            (pairs.iter())
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect()
        };
        let mut own = BTreeMap::new();
        own.insert(
            "en".to_string(),
            words(&[
                ("by", "By {name}"),
                ("n_one", "{n} brief"),
                ("n_other", "{n} briefs"),
                ("date_format", "{month} {day}, {year}"),
                ("month_11", "November"),
            ]),
        );
        own.insert(
            "ar".to_string(),
            words(&[
                ("n_two", "موجزان"),
                ("n_other", "{n} موجز"),
                ("date_format", "{day} {month} {year}"),
                ("month_11", "نوفمبر"),
            ]),
        );
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        let strings = Arc::new(Strings::from_own("en", own));
        register(&mut tera, &Arc::new(Table::new(&strings)));
        tera
    }

    fn render(template: &str, lang: &str, dir: &str) -> String {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("dir", dir);
        ctx.insert("name", "<Ann & Bo>");
        ctx.insert("d", "2024-11-07");
        tera().render_str(template, &ctx, true).unwrap()
    }

    #[test]
    fn words_plurals_dates_and_names_in_the_page_language() {
        for (template, lang, dir, want) in [
            (
                "{{ t(key=\"by\", name=name) }}",
                "en",
                "",
                "By &lt;Ann &amp; Bo&gt;",
            ),
            (
                "{{ t(key=\"by\", name=name) }}",
                "ar",
                "rtl",
                "By &lt;Ann &amp; Bo&gt;",
            ),
            (
                "{{ t(key=\"n\", n=1) }}|{{ t(key=\"n\", n=3) }}",
                "en",
                "",
                "1 brief|3 briefs",
            ),
            (
                "{{ t(key=\"n\", n=2) }}|{{ t(key=\"n\", n=100) }}",
                "ar",
                "rtl",
                "موجزان|100 موجز",
            ),
            ("{{ t(key=\"missing\") }}", "en", "", "missing"),
            ("{{ t(key=\"month_11\", lang=\"ar\") }}", "en", "", "نوفمبر"),
            ("{{ d | localdate }}", "ar", "rtl", "7 نوفمبر 2024"),
            ("{{ d | localdate }}", "en", "", "November 7, 2024"),
            ("{{ name | bdi }}", "en", "", "&lt;Ann &amp; Bo&gt;"),
            (
                "{{ name | bdi }}",
                "ar",
                "rtl",
                "<bdi>&lt;Ann &amp; Bo&gt;</bdi>",
            ),
        ] {
            assert_eq!(render(template, lang, dir), want, "{template} in {lang}");
        }
    }
}
