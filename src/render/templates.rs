//! Loads the templates of one build, once: the built-in default theme,
//! overridden by `themes/<theme>/templates/`, overridden by the site's
//! `templates/`. Template errors become diagnostics naming the file that
//! defines the template and whether it is the site's override or the theme's.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

/// The default theme's templates, compiled into the binary.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "card.html",
        include_str!("../../themes/default/templates/card.html"),
    ),
    (
        "pagination.html",
        include_str!("../../themes/default/templates/pagination.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "brief.html",
        include_str!("../../themes/default/templates/brief.html"),
    ),
    (
        "experts.html",
        include_str!("../../themes/default/templates/experts.html"),
    ),
    (
        "expert.html",
        include_str!("../../themes/default/templates/expert.html"),
    ),
    (
        "topics.html",
        include_str!("../../themes/default/templates/topics.html"),
    ),
    (
        "listing.html",
        include_str!("../../themes/default/templates/listing.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
];

/// The default theme's static files, compiled into the binary.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../../themes/default/static/style.css"),
)];

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Theme(PathBuf),
    Site(PathBuf),
}

impl Origin {
    /// The path shown in messages (relative to the site root).
    pub fn path(&self, name: &str) -> PathBuf {
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
pub struct Templates {
    pub tera: Tera,
    origins: BTreeMap<String, Origin>,
    /// Changes whenever any template's name or text changes.
    pub fingerprint: u64,
}

/// The theme folder in use, if the site has one on disk.
pub fn theme_dir(config: &Config) -> Option<PathBuf> {
    let dir = config.root.join("themes").join(&config.theme);
    dir.is_dir().then_some(dir)
}

impl Templates {
    /// Loads and parses every template; reports all errors together.
    pub fn load(config: &Config) -> Result<Templates, Diagnostics> {
        let mut sources: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        let mut problems = Diagnostics::default();
        match theme_dir(config) {
            Some(dir) => read_dir(
                &config.root,
                &dir.join("templates"),
                Origin::Theme,
                &mut sources,
                &mut problems,
            ),
            None if config.theme == "default" => {
                for (name, text) in BUILTIN_TEMPLATES {
                    sources.insert((*name).to_string(), ((*text).to_string(), Origin::BuiltIn));
                }
            }
            None => problems.push(
                Diagnostic::error(
                    "site.yaml",
                    format!(
                        "theme `{}` not found: there is no folder themes/{}/",
                        config.theme, config.theme
                    ),
                )
                .hint("create the theme folder, or remove `theme:` to use the built-in theme"),
            ),
        }
        read_dir(
            &config.root,
            &config.root.join("templates"),
            Origin::Site,
            &mut sources,
            &mut problems,
        );
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(super::filters::escape_html);
        super::filters::register(&mut tera);
        let result =
            tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())));
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for (name, (text, _)) in &sources {
                (name, text).hash(&mut h);
            }
            h.finish()
        };
        let templates = Templates {
            tera,
            origins,
            fingerprint,
        };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(Diagnostics(vec![templates.diagnostic(&e)])),
        }
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// A diagnostic for a Tera error, at the template's file and line.
    pub fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let name = r.filename();
                let origin = self.origins.get(name).cloned().unwrap_or(Origin::BuiltIn);
                let span = r.span();
                Diagnostic::error(
                    origin.path(name),
                    format!("{} (in {})", r.message(), origin.describe()),
                )
                .at_line(span.start_line, span.start_col + 1)
            }
            tera::ErrorKind::TemplateNotFound(name) => {
                Diagnostic::error("templates", format!("template `{name}` not found"))
                    .hint(format!("add templates/{name}, or use a theme that has it"))
            }
            _ => {
                let mut msg = e.to_string();
                let mut src = std::error::Error::source(e);
                while let Some(s) = src {
                    msg.push_str(&format!(": {s}"));
                    src = s.source();
                }
                Diagnostic::error("templates", msg)
            }
        }
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
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::error(
                    crate::load::relative(root, e.path().unwrap_or(dir)),
                    format!("cannot read template folder: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
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
