//! Site configuration: `site.yaml` read strictly into [`RawConfig`], then
//! validated and combined with command-line overrides into [`Config`].
//! The identity keys (logo, accent, footer lines…) are checked in [`identity`].
//! Over 400 lines with its tests: each key of site.yaml is checked beside
//! the field it fills, so a reader finds a key's rule in one place; for the
//! same reason [`Config::from_text`] is over 80 lines, a list of keys read
//! one after another, each rule longer than a line in its own function.

mod identity;

use crate::diag::{Diagnostic, Diagnostics};
use crate::lang::{Language, RawLanguage, is_language_tag};
use crate::publisher::{self, Publisher, RawOrganisation};
use crate::yaml::Block;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub(crate) use identity::Identity;

/// The file that marks a folder as a site root.
pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// The serde shape of `site.yaml`: every key of SPEC section 2, nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    description: String,
    language: Option<String>,
    organisation: Option<RawOrganisation>,
    social_image: Option<String>,
    social_image_alt: Option<String>,
    x_handle: Option<String>,
    #[serde(default)]
    schema_types: indexmap::IndexMap<String, String>,
    theme: Option<String>,
    paginate: Option<i64>,
    #[serde(default)]
    feed: RawFeed,
    timezone: Option<String>,
    max_file_size: Option<u64>,
    search: Option<bool>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    languages: indexmap::IndexMap<String, RawLanguage>,
    slugs: Option<String>,
    logo: Option<String>,
    favicon: Option<String>,
    accent: Option<String>,
    tagline: Option<String>,
    contact: Option<String>,
    newsletter: Option<String>,
    #[serde(default)]
    social: indexmap::IndexMap<String, String>,
    copyright: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    limit: Option<i64>,
    footer: Option<String>,
}

/// What the command line adds to or overrides in `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (the folder holding site.yaml).
    pub root: PathBuf,
    /// Output folder; default `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`, e.g. for a preview deploy.
    pub base_url: Option<String>,
    /// Include briefs marked `draft: true`.
    pub drafts: bool,
    /// The instant embargoes are compared with; default: now.
    pub now: Option<Timestamp>,
}

/// Feed settings.
#[derive(Debug, Clone)]
pub(crate) struct FeedConfig {
    pub(crate) limit: usize,
    pub(crate) footer: Option<String>,
}

/// A validated site configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) root: PathBuf,
    pub(crate) title: String,
    /// Absolute base URL, always ending in `/`.
    pub(crate) base_url: String,
    /// The path part of `base_url`, starting and ending in `/` (often just `/`).
    pub(crate) base_path: String,
    pub(crate) description: String,
    pub(crate) language: String,
    pub(crate) organisation: String,
    /// The organisation in full, for citations and JSON-LD.
    pub(crate) publisher: Publisher,
    /// The `og:image` of pages without a lead image: absolute URL and alt text.
    pub(crate) social_image: Option<crate::publisher::SocialImage>,
    /// `@handle` for `twitter:site`.
    pub(crate) x_handle: Option<String>,
    /// schema.org type by kind slug (default `Report`).
    pub(crate) schema_types: std::collections::BTreeMap<String, String>,
    pub(crate) theme: String,
    pub(crate) paginate: usize,
    pub(crate) feed: FeedConfig,
    pub(crate) timezone: TimeZone,
    pub(crate) max_file_size: u64,
    /// Whether the site has search (`search: false` turns it off).
    pub(crate) search: bool,
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
    /// Masthead and footer: logo, accent colour, tagline, links.
    pub(crate) identity: Identity,
    pub(crate) drafts: bool,
    pub(crate) now: Timestamp,
    /// The default language's tag (`language` is this site's own).
    pub(crate) default_language: String,
    /// Every language but the default, in site.yaml order (empty for a
    /// site in one language).
    pub(crate) languages: Vec<Language>,
    /// `""` for the default language, `ar/` for the others.
    pub(crate) lang_prefix: String,
    /// `ltr` or `rtl`.
    pub(crate) dir: &'static str,
    /// `slugs: unicode`: topic and kind slugs keep their letters.
    pub(crate) unicode_slugs: bool,
    /// The kind of a brief that names none, by language tag: the theme's
    /// `default_kind` word ("Brief", "موجز"); see [`Config::default_kind`].
    pub(crate) default_kinds: Vec<(String, String)>,
}

impl Config {
    /// Reads and validates `<root>/site.yaml`, applying `opts`.
    pub(crate) fn load(opts: &BuildOptions) -> Result<Config, Diagnostics> {
        let path = opts.root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostics(vec![
                Diagnostic::error(CONFIG_FILE, format!("cannot read site configuration: {e}"))
                    .hint("run briefs in a site folder, or pass --root DIR (briefs init DIR makes a new site)"),
            ])
        })?;
        let mut config = Config::from_text(&text, opts)?;
        config.default_kinds = crate::lang::strings::default_kinds(&config);
        Ok(config)
    }

    /// The kind of a brief in language `tag` that names none ("Brief"
    /// where the theme's words give none).
    pub(crate) fn default_kind(&self, tag: &str) -> &str {
        (self.default_kinds.iter())
            .find(|(t, _)| t == tag)
            .map_or("Brief", |(_, k)| k.as_str())
    }

    /// Validates the text of a site.yaml, applying `opts`.
    pub(crate) fn from_text(text: &str, opts: &BuildOptions) -> Result<Config, Diagnostics> {
        let rel = Path::new(CONFIG_FILE);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let block = Block {
            text,
            first_line: 1,
            file: text,
        };
        let raw: RawConfig = block.parse(rel).map_err(|d| Diagnostics(vec![d]))?;
        let mut problems = Diagnostics::default();
        let at = |key: &str| block.find_key(key).unwrap_or((1, 1));
        let mut bad = |key: &str, msg: String, hint: &str| {
            let (l, c) = at(key);
            problems.push(Diagnostic::error(rel, msg).at(text, l, c).hint(hint));
        };

        let base_source = opts.base_url.as_deref().unwrap_or(&raw.base_url);
        let (base_url, base_path) = match normalise_base_url(base_source) {
            Ok(v) => v,
            Err(msg) => {
                bad(
                    "base_url",
                    msg,
                    "write an absolute URL such as https://example.org/ or https://org.github.io/briefs/",
                );
                (String::new(), "/".into())
            }
        };
        let paginate = positive(raw.paginate, ("paginate", "paginate", 20), &mut bad);
        let limit = positive(raw.feed.limit, ("limit", "feed.limit", 50), &mut bad);
        let timezone = timezone(raw.timezone, &mut bad);
        let language = raw.language.unwrap_or_else(|| "en".into());
        if !is_language_tag(&language) {
            bad(
                "language",
                format!("`{language}` is not a BCP 47 language tag"),
                "for example `en`, `en-US` or `fr`",
            );
        }
        if raw.title.trim().is_empty() {
            bad("title", "`title` is empty".into(), "give the site a name");
        }
        let theme = theme(raw.theme, &mut bad);
        let languages = languages(&language, raw.languages, &mut bad);
        let unicode_slugs = unicode_slugs(raw.slugs.as_deref(), &mut bad);
        let raw_sharing = publisher::RawSharing {
            organisation: raw.organisation,
            social_image: raw.social_image,
            social_image_alt: raw.social_image_alt,
            x_handle: raw.x_handle,
            schema_types: raw.schema_types,
        };
        let at = publisher::Site {
            title: &raw.title,
            base_url: &base_url,
            root: &opts.root,
        };
        let sharing = publisher::sharing(raw_sharing, &at, &mut bad);
        let (identity, identity_problems) = identity::validate(identity::RawIdentity {
            logo: raw.logo,
            favicon: raw.favicon,
            accent: raw.accent,
            tagline: raw.tagline,
            contact: raw.contact,
            newsletter: raw.newsletter,
            social: raw.social,
            copyright: raw.copyright,
        });
        let missing = identity::missing_files(&identity, &opts.root, &theme);
        for (key, msg, hint) in identity_problems.into_iter().chain(missing) {
            bad(key, msg, hint);
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        Ok(Config {
            default_language: language.clone(),
            dir: crate::lang::direction(&language),
            languages,
            lang_prefix: String::new(),
            unicode_slugs,
            default_kinds: Vec::new(),
            root: opts.root.clone(),
            organisation: sharing.publisher.name.clone(),
            publisher: sharing.publisher,
            social_image: sharing.social_image,
            x_handle: sharing.x_handle,
            schema_types: sharing.schema_types,
            title: raw.title,
            base_url,
            base_path,
            description: raw.description,
            language,
            theme,
            paginate,
            feed: FeedConfig {
                limit,
                footer: raw.feed.footer,
            },
            timezone,
            max_file_size: raw.max_file_size.unwrap_or(10 * 1024 * 1024),
            search: raw.search.unwrap_or(true),
            extra: raw.extra,
            identity,
            drafts: opts.drafts,
            now: opts.now.unwrap_or_else(Timestamp::now),
        })
    }

    /// The root-relative URL of a site path such as `briefs/x/` (in this
    /// site's language: `/ar/briefs/x/`), non-ASCII letters percent-encoded.
    pub(crate) fn url(&self, path: &str) -> String {
        let path = encode(path.trim_start_matches('/'));
        [self.base_path.as_str(), &self.lang_prefix, &path].concat()
    }

    /// A URL from content: a root-relative path (`/images/x.jpg`) gets the
    /// base path (not the language's prefix); any other URL stays as written.
    pub(crate) fn local_url(&self, url: &str) -> String {
        if url.starts_with('/') && !url.starts_with("//") {
            [self.base_path.as_str(), url.trim_start_matches('/')].concat()
        } else {
            url.to_string()
        }
    }

    /// The absolute URL of a site path such as `briefs/x/`.
    pub(crate) fn permalink(&self, path: &str) -> String {
        let path = encode(path.trim_start_matches('/'));
        [self.base_url.as_str(), &self.lang_prefix, &path].concat()
    }

    /// Whether the site has more than one language.
    pub(crate) fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// This configuration for `lang` (one of `languages`): its text for
    /// people where site.yaml gives it, its direction and URL prefix.
    pub(crate) fn for_language(&self, lang: &Language) -> Config {
        let mut c = self.clone();
        c.language = lang.tag.clone();
        c.lang_prefix = format!("{}/", lang.tag);
        c.dir = lang.dir;
        let or = |v: &Option<String>, d: &String| v.clone().unwrap_or_else(|| d.clone());
        c.title = or(&lang.title, &self.title);
        c.description = or(&lang.description, &self.description);
        c.organisation = or(&lang.organisation, &self.organisation);
        if lang.footer.is_some() {
            c.feed.footer = lang.footer.clone();
        }
        let id = &mut c.identity;
        for (own, theirs) in [
            (&mut id.tagline, &lang.tagline),
            (&mut id.contact, &lang.contact),
            (&mut id.copyright, &lang.copyright),
        ] {
            if let Some(text) = theirs {
                own.clone_from(text);
            }
        }
        c
    }
}

/// A count of at least 1 under `key` (named `shown` in messages), or
/// `default` when absent or wrong.
fn positive(
    value: Option<i64>,
    (key, shown, default): (&str, &str, usize),
    bad: &mut impl FnMut(&str, String, &str),
) -> usize {
    match value {
        None => default,
        Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
        Some(_) => {
            bad(
                key,
                format!("`{shown}` must be a whole number of at least 1"),
                &format!("for example `{key}: {default}`"),
            );
            default
        }
    }
}

/// The site's time zone: `timezone`, an IANA name, or UTC.
fn timezone(value: Option<String>, bad: &mut impl FnMut(&str, String, &str)) -> TimeZone {
    let name = value.unwrap_or_else(|| "UTC".into());
    TimeZone::get(&name).unwrap_or_else(|_| {
        bad(
            "timezone",
            format!("unknown time zone `{name}`"),
            "use an IANA name such as UTC, America/New_York or Europe/Berlin",
        );
        TimeZone::UTC
    })
}

/// The theme's folder name under themes/ (`default`: the built-in theme).
fn theme(value: Option<String>, bad: &mut impl FnMut(&str, String, &str)) -> String {
    let theme = value.unwrap_or_else(|| "default".into());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        bad(
            "theme",
            format!("`{theme}` is not a theme name"),
            "name a folder under themes/, or leave `theme` out for the built-in theme",
        );
    }
    theme
}

/// Checks an absolute http(s) URL; returns it with a trailing `/` and its path.
fn normalise_base_url(raw: &str) -> Result<(String, String), String> {
    let url = url::Url::parse(raw.trim())
        .map_err(|e| format!("`base_url` `{raw}` is not an absolute URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "`base_url` `{raw}` must be an http or https URL with a host"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "`base_url` `{raw}` must not have a query or fragment"
        ));
    }
    let mut base = url.as_str().to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    let mut path = url.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((base, path))
}

/// A site path with its non-ASCII characters percent-encoded (an ASCII
/// path comes back as it is).
fn encode(path: &str) -> std::borrow::Cow<'_, str> {
    if path.is_ascii() {
        return path.into();
    }
    percent_encoding::utf8_percent_encode(path, percent_encoding::CONTROLS).into()
}

/// `slugs: unicode` (`true`) or `ascii`.
fn unicode_slugs(value: Option<&str>, bad: &mut impl FnMut(&str, String, &str)) -> bool {
    match value {
        None | Some("ascii") => false,
        Some("unicode") => true,
        Some(other) => {
            bad(
                "slugs",
                format!("`slugs: {other}` is neither `ascii` nor `unicode`"),
                "`slugs: unicode` keeps non-Latin letters in topic and kind URLs",
            );
            false
        }
    }
}

/// The `languages:` map checked: tags, no repeat of the default, and each
/// entry's values.
fn languages(
    default: &str,
    raw: indexmap::IndexMap<String, RawLanguage>,
    bad: &mut impl FnMut(&str, String, &str),
) -> Vec<Language> {
    let mut out = Vec::new();
    for (tag, entry) in raw {
        let hint = "write a BCP 47 tag such as `ar`, `fr` or `zh-Hans`";
        if !is_language_tag(&tag) || crate::model::paths::RESERVED.contains(&tag.as_str()) {
            bad(&tag, format!("`{tag}` is not a BCP 47 language tag"), hint);
        } else if tag.eq_ignore_ascii_case(default) {
            bad(
                &tag,
                format!("`{tag}` is the default language (`language:`)"),
                "list only the other languages under `languages:`",
            );
        } else {
            match Language::new(&tag, entry) {
                Ok(l) => out.push(l),
                Err(m) => bad(&tag, m, "`dir: rtl` or `dir: ltr`"),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Diagnostics> {
        Config::from_text(text, &BuildOptions::default())
    }

    #[test]
    fn defaults_fill_in() {
        let c = load("title: T\nbase_url: https://x.org\n").unwrap();
        assert_eq!(c.base_url, "https://x.org/");
        assert_eq!(c.base_path, "/");
        assert_eq!(c.organisation, "T");
        assert_eq!((c.paginate, c.feed.limit), (20, 50));
        assert_eq!(c.language, "en");
    }

    #[test]
    fn search_is_on_unless_turned_off() {
        let on = load("title: T\nbase_url: https://x.org\n").unwrap();
        let off = load("title: T\nbase_url: https://x.org\nsearch: false\n").unwrap();
        assert!(on.search && !off.search);
        let e = load("title: T\nbase_url: https://x.org\nsearch: maybe\n").unwrap_err();
        assert_eq!(e.0[0].line, Some(3));
        let e = load("title: T\nbase_url: https://x.org\nserch: false\n").unwrap_err();
        assert_eq!(e.0[0].hint.as_deref(), Some("did you mean `search`?"));
    }

    #[test]
    fn base_url_with_path() {
        let c = load("title: T\nbase_url: https://o.github.io/briefs\n").unwrap();
        assert_eq!(c.base_path, "/briefs/");
        assert_eq!(c.url("briefs/x/"), "/briefs/briefs/x/");
        assert_eq!(
            c.permalink("feed.xml"),
            "https://o.github.io/briefs/feed.xml"
        );
    }

    #[test]
    fn bad_values_are_reported_together() {
        let e = load("title: T\nbase_url: nope\npaginate: 0\ntimezone: Mars/Base\n").unwrap_err();
        let lines: Vec<_> = e.0.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn unknown_key_names_line_and_nearest() {
        let e = load("title: T\nbase_url: https://x.org\npaginte: 3\n").unwrap_err();
        assert_eq!(e.0[0].line, Some(3));
        assert_eq!(e.0[0].hint.as_deref(), Some("did you mean `paginate`?"));
    }
}
