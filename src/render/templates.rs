//! Loads the templates of one build, once, with the theme's words in
//! every language ([`crate::lang::strings`]): the built-in default theme,
//! overridden by `themes/<theme>/templates/`, overridden by the site's
//! `templates/`, template by template (a theme with only `brief.html` uses
//! the built-in templates for the rest). Template errors become diagnostics naming the file that
//! defines the template and whether it is the site's override or the theme's.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

pub(crate) use super::builtin::{BUILTIN_STATIC, BUILTIN_TEMPLATES};

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    BuiltIn,
    Theme(PathBuf),
    Site(PathBuf),
}

impl Origin {
    /// The path shown in messages (relative to the site root).
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        match self {
            Origin::BuiltIn => PathBuf::from(format!("<built-in theme>/templates/{name}")),
            Origin::Theme(p) | Origin::Site(p) => p.clone(),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Origin::BuiltIn => "the built-in default theme's template",
            Origin::Theme(_) => "the theme's template",
            Origin::Site(_) => "the site's override in templates/",
        }
    }
}

/// A parsed set of templates and where each came from.
pub(crate) struct Templates {
    pub(crate) tera: Tera,
    origins: BTreeMap<String, Origin>,
    /// Changes whenever any template's name or text changes.
    pub(crate) fingerprint: u64,
    /// Template texts, for snippets under errors.
    sources: BTreeMap<String, String>,
    /// The theme's words in every language of the site.
    pub(crate) strings: std::sync::Arc<crate::lang::strings::Strings>,
    /// The same, escaped once, as templates read them.
    pub(crate) words: std::sync::Arc<super::i18n::Table>,
}

/// The theme folder in use, if the site has one on disk.
pub(crate) fn theme_dir(config: &Config) -> Option<PathBuf> {
    let dir = config.root.join("themes").join(&config.theme);
    dir.is_dir().then_some(dir)
}

impl Templates {
    /// Loads and parses every template; reports all errors together.
    pub(crate) fn load(config: &Config) -> Result<Templates, Diagnostics> {
        let mut sources: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        let mut problems = Diagnostics::default();
        // Per template, later layers override earlier ones (as Zola does):
        // a theme or site needs only the templates it changes.
        for (name, text) in BUILTIN_TEMPLATES {
            sources.insert((*name).to_string(), ((*text).to_string(), Origin::BuiltIn));
        }
        match theme_dir(config) {
            Some(dir) => read_dir(
                &config.root,
                &dir.join("templates"),
                Origin::Theme,
                &mut sources,
                &mut problems,
            ),
            None if config.theme == "default" => {}
            None => problems.push(theme_not_found(config)),
        }
        read_dir(
            &config.root,
            &config.root.join("templates"),
            Origin::Site,
            &mut sources,
            &mut problems,
        );
        let strings = crate::lang::strings::Strings::load(config)
            .map_err(|d| problems.extend(d.0))
            .unwrap_or_default();
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        let strings = std::sync::Arc::new(strings);
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(super::filters::escape_html);
        super::filters::register(&mut tera);
        let words = std::sync::Arc::new(super::i18n::Table::new(&strings));
        super::i18n::register(&mut tera, &words);
        let result =
            tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())));
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for (name, (text, _)) in &sources {
                (name, text).hash(&mut h);
            }
            strings.fingerprint.hash(&mut h);
            h.finish()
        };
        let templates = Templates {
            tera,
            origins,
            fingerprint,
            sources: sources.into_iter().map(|(n, (t, _))| (n, t)).collect(),
            strings,
            words,
        };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(Diagnostics(templates.diagnostics(&e)).sorted()),
        }
    }

    /// A diagnostic for a Tera error, at the template's file and line.
    pub(crate) fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        let mut all = self.diagnostics(e);
        all.swap_remove(0)
    }

    /// Every diagnostic in a Tera error (loading reports all unknown filters
    /// and includes at once), each at its template's file and line. Never empty.
    pub(crate) fn diagnostics(&self, e: &tera::Error) -> Vec<Diagnostic> {
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let span = r.span();
                vec![self.at(
                    r.filename(),
                    r.message(),
                    span.start_line,
                    span.start_col + 1,
                )]
            }
            tera::ErrorKind::MissingParent { current, parent } => {
                let (line, col) = self.find(current, parent);
                vec![
                    self.at(
                        current,
                        &format!("extends `{parent}`, which does not exist"),
                        line,
                        col,
                    )
                    .hint(self.missing_hint(parent)),
                ]
            }
            tera::ErrorKind::TemplateNotFound(name) => {
                vec![
                    Diagnostic::error(
                        format!("templates/{name}"),
                        format!(
                            "template `{name}` not found: neither the site's templates/ nor the theme has it"
                        ),
                    )
                    .hint(self.missing_hint(name)),
                ]
            }
            tera::ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => vec![self.at(
                tpl,
                &format!("extends itself: {}", inheritance_chain.join(" -> ")),
                1,
                1,
            )],
            tera::ErrorKind::CircularInclude { tpl, include_chain } => vec![self.at(
                tpl,
                &format!("includes itself: {}", include_chain.join(" -> ")),
                1,
                1,
            )],
            tera::ErrorKind::Msg(text) if text.starts_with("error: ") => {
                let found: Vec<Diagnostic> = parse_reports(text)
                    .map(|(n, m, l, c)| self.at(n, m, l, c))
                    .collect();
                if found.is_empty() {
                    vec![Diagnostic::error("templates", text.clone())]
                } else {
                    found
                }
            }
            _ => {
                let mut msg = e.to_string();
                let mut src = std::error::Error::source(e);
                while let Some(s) = src {
                    msg.push_str(&format!(": {s}"));
                    src = s.source();
                }
                vec![Diagnostic::error("templates", msg)]
            }
        }
    }

    /// A diagnostic in template `name`, saying whose template it is.
    fn at(&self, name: &str, message: &str, line: usize, col: usize) -> Diagnostic {
        let origin = self.origins.get(name).cloned().unwrap_or(Origin::BuiltIn);
        let mut d = Diagnostic::error(
            origin.path(name),
            format!("{message} (in {})", origin.describe()),
        )
        .at_line(line, col);
        if let Some(text) = self.sources.get(name) {
            d = d.at(text, line, col);
        }
        if message.starts_with("Unknown template") {
            let missing = message.split('`').nth(1).unwrap_or("");
            d = d.hint(self.missing_hint(missing));
        } else if message.starts_with("Unexpected end of input") {
            d = d.hint("a `{% if %}`, `{% for %}`, `{% block %}` or `{% macro %}` is never closed by its `{% end… %}`, or a `{{`/`{%` by `}}`/`%}`");
        } else if message.starts_with("Unknown filter") {
            d = d.hint("check the filter's name: Tera's filters and `json_script` are available");
        }
        d
    }

    /// Line and column of the first mention of `needle` in template `name`.
    fn find(&self, name: &str, needle: &str) -> (usize, usize) {
        self.sources
            .get(name)
            .and_then(|text| text.find(needle).map(|at| crate::diag::line_col(text, at)))
            .unwrap_or((1, 1))
    }

    fn missing_hint(&self, name: &str) -> String {
        let known: Vec<&str> = self.origins.keys().map(String::as_str).collect();
        match crate::diag::nearest(name, known.iter().copied()) {
            Some(k) => format!("did you mean `{k}`? Or add templates/{name}"),
            None => format!(
                "add templates/{name} (known templates: {})",
                known.join(", ")
            ),
        }
    }
}

/// Tera joins the reports of reference errors found while loading into one
/// message; each starts `error: <message>` and then ` --> <name>:<line>:<col>`.
fn parse_reports(text: &str) -> impl Iterator<Item = (&str, &str, usize, usize)> {
    let mut lines = text.lines().peekable();
    std::iter::from_fn(move || {
        loop {
            let line = lines.next()?;
            let Some(message) = line.strip_prefix("error: ") else {
                continue;
            };
            let locus = lines.next()?.trim_start().strip_prefix("--> ")?;
            let mut parts = locus.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            return Some((name, message, line, col));
        }
    })
}

/// The `theme:` line of site.yaml names no folder under themes/.
fn theme_not_found(config: &Config) -> Diagnostic {
    let d = Diagnostic::error(
        crate::config::CONFIG_FILE,
        format!(
            "theme `{}` not found: there is no folder themes/{}/",
            config.theme, config.theme
        ),
    )
    .hint("create the theme folder, or remove `theme:` to use the built-in theme");
    let text = std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE));
    let block = text.as_deref().map(|t| crate::yaml::Block {
        text: t,
        first_line: 1,
        file: t,
    });
    match block
        .ok()
        .and_then(|b| b.find_key("theme").map(|at| (b, at)))
    {
        Some((b, (line, col))) => d.at(b.file, line, col),
        None => d,
    }
}

fn read_dir(
    root: &Path,
    dir: &Path,
    origin: fn(PathBuf) -> Origin,
    out: &mut BTreeMap<String, (String, Origin)>,
    problems: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in crate::input::walk(root, dir) {
        let entry = match entry {
            Ok(e) => e,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_name = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel_name.to_string_lossy().replace('\\', "/");
        let rel = crate::load::relative(root, entry.path());
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => {
                out.insert(name, (text, origin(rel)));
            }
            Err(e) => problems.push(Diagnostic::error(rel, format!("cannot read template: {e}"))),
        }
    }
}
