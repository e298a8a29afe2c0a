//! `briefs check`: everything a build validates, plus internal links. The
//! site is rendered into memory; every same-site link of every HTML page,
//! feed, sitemap and JSON Feed (root-relative, relative, or absolute on the
//! site's own host) must point at a built file, and a `#fragment` at an
//! element id on the target page, and no HTML page may have two elements
//! with the same id. The search bundle must be complete and every search
//! result's URL resolve. Nothing is written. Files are scanned in
//! parallel.

pub(crate) mod extract;
mod ids;
mod search;

use crate::config::{BuildOptions, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::{Templates, pages};
use crate::write::MemorySink;
use extract::Extracted;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use url::Url;

/// What a successful check looked at.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Briefs in the site.
    pub briefs: usize,
    /// Files in the built site.
    pub files: usize,
    /// Links followed.
    pub links: usize,
    /// Problems that did not fail the check.
    pub warnings: Diagnostics,
    /// The whole check, wall clock.
    pub elapsed: Duration,
}

/// Built files by output path (`briefs/x/index.html`).
pub(crate) type Files = BTreeMap<String, Vec<u8>>;

/// Validates the site and its links. Every problem found is returned
/// together as [`Diagnostics`] (inside the error).
pub fn check(opts: &BuildOptions) -> anyhow::Result<CheckReport> {
    let started = Instant::now();
    let (site, mut warnings) = crate::load_site(opts).map_err(|d| d.with_snippets(&opts.root))?;
    let templates = Templates::load(&site.config)?;
    warnings.extend(templates.strings.missing_warnings().0);
    let sink = MemorySink::default();
    crate::search::render_with_bundle(&site, &templates, &sink)?;
    let files = sink.into_files();
    let (mut problems, links) = check_links(&site.config, &files, &sources(&site));
    problems.extend(search::bundle_problems(&site.config, &files).0);
    if problems.has_errors() {
        return Err(problems.sorted().into());
    }
    warnings.extend(problems.0);
    Ok(CheckReport {
        briefs: site.languages().map(|s| s.briefs.len()).sum(),
        files: files.len(),
        links,
        warnings: warnings.with_snippets(&opts.root),
        elapsed: started.elapsed(),
    })
}

/// The source file of each output page that has one (briefs, plain
/// pages), in every language.
fn sources(site: &Site) -> HashMap<String, PathBuf> {
    site.languages().flat_map(language_sources).collect()
}

fn language_sources(site: &Site) -> Vec<(String, PathBuf)> {
    pages::jobs(site)
        .into_iter()
        .filter_map(|job| {
            let source = match job {
                pages::Job::Brief(b) => site.briefs[b].source.to_path_buf(),
                pages::Job::Page(p) => site.pages[p].source.clone(),
                _ => return None,
            };
            let prefix = &site.config.lang_prefix;
            Some((format!("{prefix}{}", job.output_path(site)), source))
        })
        .collect()
}

/// Checks every link of `files`; returns the problems (one per broken
/// target, naming the pages that link to it) and how many links it followed.
pub(crate) fn check_links(
    config: &Config,
    files: &Files,
    sources: &HashMap<String, PathBuf>,
) -> (Diagnostics, usize) {
    let extracted: Vec<(&str, Extracted)> = files
        .par_iter()
        .map(|(path, bytes)| (path.as_str(), extract::extract(path, bytes)))
        .collect();
    let Ok(base) = Url::parse(&config.base_url) else {
        return (Diagnostics::default(), 0);
    };
    let ids: HashMap<&str, HashSet<&str>> = extracted
        .iter()
        .map(|(p, e)| (*p, e.ids.iter().map(String::as_str).collect()))
        .collect();
    let resolver = Resolver {
        base,
        files,
        ids: &ids,
    };
    let broken: Vec<Broken> = extracted
        .par_iter()
        .flat_map_iter(|(page, e)| {
            let mut seen = HashSet::new();
            let resolver = &resolver;
            e.links
                .iter()
                .filter(move |l| seen.insert(l.as_str()))
                .filter_map(move |l| {
                    let (message, target) = resolver.problem(page, l)?;
                    Some(Broken {
                        message,
                        target,
                        href: l,
                        page,
                    })
                })
        })
        .collect();
    let links = extracted.iter().map(|(_, e)| e.links.len()).sum();
    let mut problems = group(broken, config, sources);
    problems.extend(ids::duplicates(config, &extracted, sources));
    (problems, links)
}

/// One broken link on one page.
struct Broken<'a> {
    message: String,
    /// What the link resolves to: the same broken target reached from a page
    /// and from a feed (absolute there) is one problem.
    target: String,
    href: &'a str,
    page: &'a str,
}

struct Resolver<'a> {
    base: Url,
    files: &'a Files,
    ids: &'a HashMap<&'a str, HashSet<&'a str>>,
}

/// A same-site link, resolved.
struct Internal {
    /// The output file it points at, if any.
    file: Option<String>,
    /// The site path, for messages.
    shown: String,
    fragment: Option<String>,
}

impl Resolver<'_> {
    /// What is wrong with link `href` on output file `page`, if anything,
    /// and the target it resolves to.
    fn problem(&self, page: &str, href: &str) -> Option<(String, String)> {
        let message = self.message(page, href)?;
        let target = self
            .base
            .join(page)
            .and_then(|p| p.join(href))
            .ok()
            .and_then(|t| self.internal(&t))
            .map(|i| format!("{}#{}", i.shown, i.fragment.unwrap_or_default()))
            .unwrap_or_else(|| message.clone());
        Some((message, target))
    }

    fn message(&self, page: &str, href: &str) -> Option<String> {
        if href.is_empty() {
            return None;
        }
        let page_url = self.base.join(page).ok()?;
        let target = match page_url.join(href) {
            Ok(t) => t,
            Err(e) => return Some(format!("link `{href}` is not a valid URL: {e}")),
        };
        if !self.same_site(&target) {
            return None;
        }
        let Some(internal) = self.internal(&target) else {
            return Some(format!(
                "link `{href}` points outside the site's base path {}",
                self.base.path()
            ));
        };
        let Some(file) = internal.file else {
            let resolved = if internal.shown == href {
                String::new()
            } else {
                format!(" (it resolves to {})", internal.shown)
            };
            return Some(format!(
                "link `{href}` points at no page or file of the site{resolved}"
            ));
        };
        let fragment = internal.fragment?;
        let ids = self.ids.get(file.as_str())?;
        if !file.ends_with(".html") || fragment == "top" || ids.contains(fragment.as_str()) {
            return None;
        }
        Some(format!(
            "link `{href}` points at a missing anchor: {} has no element with id `{fragment}`",
            internal.shown
        ))
    }

    fn same_site(&self, url: &Url) -> bool {
        matches!(url.scheme(), "http" | "https")
            && url.host_str() == self.base.host_str()
            && url.port() == self.base.port()
    }

    /// The built file a same-site URL names; `None` when it lies outside the base path.
    fn internal(&self, url: &Url) -> Option<Internal> {
        let rel = url.path().strip_prefix(self.base.path())?;
        let rel = percent_decode_str(rel).decode_utf8_lossy().into_owned();
        let candidates = if rel.is_empty() || rel.ends_with('/') {
            vec![format!("{rel}index.html")]
        } else {
            vec![rel.clone(), format!("{rel}/index.html")]
        };
        let file = candidates.into_iter().find(|c| self.files.contains_key(c));
        let fragment = url
            .fragment()
            .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned())
            .filter(|f| !f.is_empty());
        Some(Internal {
            file,
            shown: format!("/{rel}"),
            fragment,
        })
    }
}

/// One diagnostic per problem, at the first page (or the line of its
/// source that holds the link) that has it, counting the others.
fn group(broken: Vec<Broken>, config: &Config, sources: &HashMap<String, PathBuf>) -> Diagnostics {
    // By target; each target is reported as it appears on the first page
    // made from a source file (else the first page), in path order.
    let mut by_target: BTreeMap<String, Vec<Broken>> = BTreeMap::new();
    for b in broken {
        by_target.entry(b.target.clone()).or_default().push(b);
    }
    let mut texts: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = Diagnostics::default();
    for (_, mut found) in by_target {
        found.sort_by(|a, b| {
            (!sources.contains_key(a.page), a.page).cmp(&(!sources.contains_key(b.page), b.page))
        });
        let mut pages: Vec<&str> = found.iter().map(|b| b.page).collect();
        pages.sort_unstable();
        pages.dedup();
        let Broken {
            message,
            href,
            page: first,
            ..
        } = found.swap_remove(0);
        let url = config.url(first.strip_suffix("index.html").unwrap_or(first));
        let also = match pages.len() {
            1 => String::new(),
            2 => "; 1 other page has it too".to_string(),
            n => format!("; {} other pages have it too", n - 1),
        };
        let Some(source) = sources.get(first) else {
            out.push(Diagnostic::error(&url, format!("{message}{also}")).hint(hint(&message)));
            continue;
        };
        // A page made from a source file is reported at the link in that file.
        let text = texts
            .entry(source.clone())
            .or_insert_with(|| std::fs::read_to_string(config.root.join(source)).ok());
        let mut d = Diagnostic::error(source, format!("{message} (on {url}){also}"));
        // A root-relative Markdown link is written without the base path.
        let written = (href.strip_prefix(config.base_path.as_str())).map(|rest| format!("/{rest}"));
        let find = |t: &str| {
            link_offset(source, t, href).or_else(|| link_offset(source, t, written.as_deref()?))
        };
        if let Some(at) = text.as_deref().and_then(|t| find(t).map(|i| (t, i))) {
            let (line, col) = crate::diag::line_col(at.0, at.1);
            d = d.at(at.0, line, col);
        }
        out.push(d.hint(hint(&message)));
    }
    out
}

/// Byte offset of the link to `href` in a source file: in its Markdown
/// body first (the front matter may hold the same text, in a title, say),
/// as a link target (`](href`, `"href"`, `<href>`) before any mention.
fn link_offset(source: &std::path::Path, text: &str, href: &str) -> Option<usize> {
    let body = crate::parse::frontmatter::split(source, text)
        .map(|s| s.body)
        .unwrap_or(text);
    let body_at = body.as_ptr() as usize - text.as_ptr() as usize;
    let targets = [
        format!("]({href}"),
        format!("\"{href}\""),
        format!("'{href}'"),
        format!("<{href}>"),
    ];
    let in_body = targets
        .iter()
        .find_map(|t| body.find(t.as_str()).map(|i| i + t.find(href).unwrap_or(0)))
        .or_else(|| body.find(href));
    in_body.map(|i| body_at + i).or_else(|| text.find(href))
}

fn hint(message: &str) -> String {
    if message.contains("anchor") {
        "anchors are element ids (a response is #response-<expert-id>); fix the spelling, or link to the page without `#…`".to_string()
    } else if message.contains("base path") {
        "links must carry the path of base_url; templates should build them from `site.base_path` or `url`".to_string()
    } else if message.contains("not a valid URL") {
        "write a URL such as /briefs/<slug>/ or https://example.org/".to_string()
    } else {
        "fix or remove the link: a brief's URL is /briefs/<slug>/, an expert's /experts/<id>/, and drafts are built only with --drafts".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Files {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    fn config(base: &str) -> Config {
        Config::from_text(
            &format!("title: T\nbase_url: {base}\n"),
            &BuildOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let fs = files(&[
            (
                "index.html",
                "<a href=/briefs/x/>x</a><a href='/briefs/x/#r'>r</a><a href=briefs/x/#nope>n</a><a href=/nope/>n</a><a href=https://other.org/nope/>o</a><a href=mailto:a@b.c>m</a><a href=#main>m</a><main id=main>",
            ),
            (
                "briefs/x/index.html",
                "<p id=r><a href=../../ >home</a><a href=https://x.org/briefs/x>self</a><img src=/style.css>",
            ),
            ("style.css", ""),
        ]);
        let (d, links) = check_links(&config("https://x.org/"), &fs, &HashMap::new());
        let msgs: Vec<&str> = d.0.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(links, 10);
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(msgs.iter().any(|m| m.contains("no element with id `nope`")));
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("link `/nope/` points at no page"))
        );
    }

    #[test]
    fn links_are_found_in_the_body_first() {
        let text =
            "---\ntitle: \"See /briefs/nope/ and more\"\n---\nText, then\n\n[a](/briefs/nope/).\n";
        let at = link_offset(std::path::Path::new("x.md"), text, "/briefs/nope/").unwrap();
        assert_eq!(crate::diag::line_col(text, at), (6, 5));
        let no_body = "title: /briefs/nope/";
        assert_eq!(
            link_offset(std::path::Path::new("x.md"), no_body, "/briefs/nope/"),
            Some(7)
        );
    }

    #[test]
    fn base_path_is_required() {
        let fs = files(&[
            ("index.html", "<a href=/sub/a/>a</a><a href=/a/>b</a>"),
            ("a/index.html", ""),
        ]);
        let (d, _) = check_links(&config("https://x.org/sub/"), &fs, &HashMap::new());
        assert_eq!(d.0.len(), 1);
        assert!(d.0[0].message.contains("outside the site's base path"));
    }
}
