//! A brief file: strict front matter (SPEC section 3) and Markdown body,
//! parsed into a [`ParsedBrief`] whose references to experts and briefs are
//! still ids with their positions, resolved later by the model.
//! Over 400 lines only with its tests (the code is 408 lines, in functions
//! under 80 lines each).

use super::date::{self, DATE_HINT, Moment};
use super::media::Resolver;
use super::publication::{self, Publication, RawImage, RawPublication};
use super::slugs::{group_segment, without_lang};
use super::url::URL_HINT;
use super::{Ref, Text, UrlUse, check_slug, check_url, frontmatter, ids, markdown, slug_from_file};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::yaml::{Block, Values};
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrief {
    title: String,
    date: String,
    updated: Option<String>,
    slug: Option<String>,
    kind: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    responses: Vec<RawResponse>,
    #[serde(default)]
    related: Vec<RawRelated>,
    #[serde(default)]
    draft: bool,
    embargo: Option<String>,
    image: Option<RawImage>,
    pdf: Option<String>,
    doi: Option<String>,
    number: Option<String>,
    series: Option<String>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
    lang: Option<String>,
    translation_of: Option<String>,
}

impl RawBrief {
    /// The publication keys, taken out to be checked on their own.
    fn publication(&mut self) -> RawPublication {
        RawPublication {
            image: self.image.take(),
            pdf: self.pdf.take(),
            doi: self.doi.take(),
            number: self.number.take(),
            series: self.series.take(),
            summary_written: self.summary.is_some(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    expert: String,
    quote: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    title: String,
    #[serde(default)]
    by: Vec<String>,
    #[serde(default)]
    by_name: Vec<String>,
    url: Option<String>,
    brief: Option<String>,
    label: Option<String>,
}

/// One quote in a brief's "Expert Response" section.
#[derive(Debug, Clone)]
pub(crate) struct ParsedResponse {
    pub(crate) expert: Ref,
    pub(crate) quote: Text,
}

/// One "Background and Analysis" entry.
#[derive(Debug, Clone)]
pub(crate) struct ParsedRelated {
    pub(crate) title: Text,
    pub(crate) by: Vec<Ref>,
    pub(crate) by_name: Arc<[String]>,
    pub(crate) url: Option<Text>,
    pub(crate) brief: Option<Ref>,
    /// Where the piece appeared ("Foreign Policy", "FDD Flash Brief").
    pub(crate) label: Option<Text>,
}

/// What a brief is on its own, as written: its file, URL slug, text and
/// dates. The model takes it as it is (shared `Arc` text: assembling the
/// model again on every rebuild of a served site copies pointers, not
/// strings), so a key added here reaches templates with no copy.
#[derive(Debug, Clone)]
pub(crate) struct BriefCore {
    pub(crate) source: Arc<Path>,
    pub(crate) slug: Text,
    pub(crate) title: Text,
    pub(crate) date: Moment,
    pub(crate) updated: Option<Moment>,
    pub(crate) summary: Text,
    /// Whether `summary` was written apart from the body (then pages show
    /// it as a dek; otherwise it is the body's first paragraph).
    pub(crate) summary_written: bool,
    pub(crate) body_html: Text,
    pub(crate) draft: bool,
    /// Image, PDF, DOI, number, series.
    pub(crate) publication: Arc<Publication>,
    pub(crate) extra: Arc<serde_json::Map<String, serde_json::Value>>,
}

/// A brief as written, before references are resolved: its
/// [`BriefCore`] (read through `Deref`) and the names of its kind, topics,
/// experts and cited briefs.
#[derive(Debug, Clone)]
pub(crate) struct ParsedBrief {
    pub(crate) core: BriefCore,
    /// Where the slug came from: the `slug:` line, or line 1 for the file name.
    pub(crate) slug_at: (usize, usize),
    pub(crate) kind: String,
    pub(crate) topics: Vec<Ref>,
    pub(crate) authors: Vec<Ref>,
    pub(crate) responses: Vec<ParsedResponse>,
    pub(crate) related: Vec<ParsedRelated>,
    pub(crate) embargo: Option<Moment>,
    /// `lang:` and `translation_of:`.
    pub(crate) translation: super::Translation,
}

impl std::ops::Deref for ParsedBrief {
    type Target = BriefCore;

    fn deref(&self) -> &BriefCore {
        &self.core
    }
}

impl ParsedBrief {
    /// Whether `newer` (another version of this file) differs only in text:
    /// title, summary, body, quotes, related titles, names and URLs, extra.
    /// Then the brief keeps its place in the site (URL, dates, publication,
    /// kind, topics, every expert and brief it names, and where in the
    /// front matter each is written), so the model can take the new text
    /// without resolving anything again.
    pub(crate) fn differs_only_in_text(&self, newer: &ParsedBrief) -> bool {
        fn related(r: &ParsedRelated) -> (&[Ref], Option<&Ref>, bool) {
            (&r.by, r.brief.as_ref(), r.url.is_some())
        }
        self.source == newer.source
            && self.translation == newer.translation
            && self.slug == newer.slug
            && self.slug_at == newer.slug_at
            && (self.date, self.updated, self.embargo, self.draft)
                == (newer.date, newer.updated, newer.embargo, newer.draft)
            && self.kind == newer.kind
            && self.topics == newer.topics
            && self.authors == newer.authors
            && self
                .responses
                .iter()
                .map(|r| &r.expert)
                .eq(newer.responses.iter().map(|r| &r.expert))
            && self
                .related
                .iter()
                .map(related)
                .eq(newer.related.iter().map(related))
    }
}

/// Parses one brief file; every problem found is returned.
pub(crate) fn parse(
    path: &Path,
    text: &str,
    config: &Config,
) -> Result<ParsedBrief, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let front = split.front;
    let mut raw: RawBrief = front.parse(path).map_err(|d| vec![d])?;
    let raw_publication = raw.publication();
    let mut problems = Vec::new();

    let (date, updated, embargo) = dates(path, &front, &raw, config, &mut problems);
    let mut err = |key: &str, msg: String, hint: &str| {
        let (l, c) = front.find_key(key).unwrap_or((1, 1));
        problems.push(Diagnostic::error(path, msg).at(front.file, l, c).hint(hint));
    };
    if raw.title.trim().is_empty() {
        err("title", "`title` is empty".into(), "give the brief a title");
    }
    let (slug, slug_at) = slug_of(path, &front, &raw, &mut err);
    let kind = raw.kind.unwrap_or_else(|| {
        let tag = raw.lang.as_deref().unwrap_or(&config.default_language);
        config.default_kind(tag).into()
    });
    if let Err((m, hint)) = group_segment("`kind`", &kind, "`Flash Brief`") {
        err("kind", m, &hint);
    }
    let topics = refs(&front, "topics", &raw.topics);
    problems.extend(topic_problems(path, &front, &topics));
    let related = related(path, &front, raw.related, &mut problems);
    let anchors = ids::response_anchors(raw.responses.iter().map(|r| r.expert.as_str()));
    let cx = markdown::Context {
        base_path: &config.base_path,
        reserved_ids: &anchors,
    };
    let (body, body_problems) = markdown::render_body(path, front.file, split.body, &cx);
    problems.extend(body_problems);
    let files = Resolver::new(&config.root, path, &slug, &front);
    let publication = publication::read(raw_publication, &files, &mut problems);
    let summary_written = raw.summary.is_some();
    let summary = match raw.summary {
        Some(s) => markdown::to_text(&s),
        None => body.first_paragraph,
    };
    let translation = super::Translation::read(&front, raw.lang, raw.translation_of);
    let Some(date) = date.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let responses_at = front.under("responses");
    Ok(ParsedBrief {
        core: BriefCore {
            source: path.into(),
            slug: slug.into(),
            title: raw.title.into(),
            date,
            updated,
            summary: summary.into(),
            summary_written,
            body_html: body.html.into(),
            draft: raw.draft,
            publication: Arc::new(publication),
            extra: Arc::new(raw.extra),
        },
        slug_at,
        kind,
        topics,
        authors: refs(&front, "authors", &raw.authors),
        responses: raw
            .responses
            .into_iter()
            .map(|r| ParsedResponse {
                expert: locate(&responses_at, &r.expert),
                quote: r.quote.into(),
            })
            .collect(),
        related,
        embargo,
        translation,
    })
}

/// The brief's `date`, `updated` and `embargo`, each `None` if absent or
/// wrong (a problem is noted for each wrong one, and for an update before
/// the date).
fn dates(
    path: &Path,
    front: &Block,
    raw: &RawBrief,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> (Option<Moment>, Option<Moment>, Option<Moment>) {
    let tz = &config.timezone;
    let mut moment = |key: &str, raw: Option<&str>| {
        let r = raw?;
        date::parse(r, tz)
            .map_err(|m| {
                // Point at the value itself, where the editor has to type.
                let (l, c) = front.find_value(r.trim(), Some(key));
                problems.push(
                    Diagnostic::error(path, m)
                        .at(front.file, l, c)
                        .hint(DATE_HINT),
                );
            })
            .ok()
    };
    let date = moment("date", Some(&raw.date));
    let updated = moment("updated", raw.updated.as_deref());
    let embargo = moment("embargo", raw.embargo.as_deref());
    if let (Some(d), Some(u)) = (date, updated) {
        if u.timestamp < d.timestamp {
            let (l, c) = front.find_key("updated").unwrap_or((1, 1));
            let message = format!(
                "`updated` ({}) is before `date` ({})",
                raw.updated.as_deref().unwrap_or(""),
                raw.date
            );
            problems.push(
                Diagnostic::error(path, message)
                    .at(front.file, l, c)
                    .hint("an update comes after publication: fix one of the two dates"),
            );
        }
    }
    (date, updated, embargo)
}

/// The brief's slug (its `slug:`, or from its file name) and where it is
/// written; `err` is told if it cannot be a URL segment.
fn slug_of(
    path: &Path,
    front: &Block,
    raw: &RawBrief,
    err: &mut impl FnMut(&str, String, &str),
) -> (String, (usize, usize)) {
    let (slug, slug_at) = match &raw.slug {
        Some(s) => (s.clone(), front.find_key("slug").unwrap_or((1, 1))),
        None => (
            slug_from_file(&without_lang(path, raw.lang.as_deref())),
            (1, 1),
        ),
    };
    if let Err(bad) = check_slug(&slug) {
        let hint = match (raw.slug.is_some(), bad.hint) {
            (true, Some(hint)) => hint,
            (false, Some(_)) => "rename the file, or set `slug:`".into(),
            (_, None) => format!(
                "use lowercase letters, digits and hyphens, e.g. `{}`",
                slug::slugify(&raw.title)
            ),
        };
        let key = if raw.slug.is_some() { "slug" } else { "title" };
        err(key, bad.message, &hint);
    }
    (slug, slug_at)
}

/// Topics that cannot be URL segments.
fn topic_problems(path: &Path, front: &Block, topics: &[Ref]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for t in topics {
        if let Err((m, hint)) = group_segment("topic", &t.id, "`North Korea`") {
            problems.push(
                Diagnostic::error(path, m)
                    .at(front.file, t.line, t.col)
                    .hint(hint),
            );
        }
    }
    problems
}

fn related(
    path: &Path,
    front: &Block,
    raw: Vec<RawRelated>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ParsedRelated> {
    let at = front.under("related");
    raw.into_iter()
        .map(|r| {
            if r.url.is_some() && r.brief.is_some() {
                let (l, c) = front.find_value(&r.title, Some("related"));
                problems.push(Diagnostic::error(path, format!("related piece `{}` has both `url` and `brief`", r.title)).at(front.file, l, c).hint("keep `url` for an external piece or `brief` for one of this site's briefs, not both"));
            }
            if let Some(url) = &r.url {
                if let Err(m) = check_url(url, UrlUse::Link) {
                    // A URL with escapes is not in the file as written: point at its key.
                    let (l, c) = match front.find_value(url, Some("related")) {
                        at if at == front.find_key("related").unwrap_or((0, 0)) => {
                            front.find_key_after("url", "related").unwrap_or(at)
                        }
                        at => at,
                    };
                    problems.push(Diagnostic::error(path, m).at(front.file, l, c).hint(URL_HINT));
                }
            }
            ParsedRelated {
                by: r.by.iter().map(|id| locate(&at, id)).collect(),
                brief: r.brief.as_deref().map(|b| locate(&at, b)),
                title: r.title.into(),
                by_name: r.by_name.into(),
                url: r.url.map(Text::from),
                label: r.label.filter(|l| !l.trim().is_empty()).map(Text::from),
            }
        })
        .collect()
}

fn refs(front: &Block, key: &str, ids: &[String]) -> Vec<Ref> {
    let at = front.under(key);
    ids.iter().map(|id| locate(&at, id)).collect()
}

/// Reference `id`, at the place it is written.
fn locate(at: &Values, id: &str) -> Ref {
    let (line, col) = at.find(id);
    Ref {
        id: id.to_string(),
        line,
        col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BuildOptions;

    fn config() -> Config {
        Config::from_text(
            "title: T\nbase_url: https://x.org\n",
            &BuildOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn parses_a_full_brief() {
        let text = "---\ntitle: T\ndate: 2024-11-07\nkind: Flash Brief\ntopics: [Russia]\nauthors: [a-b]\nresponses:\n  - expert: c-d\n    quote: \"Q\"\nrelated:\n  - title: R\n    by: [a-b]\n---\n## H\n\nFirst para.\n";
        let b = parse(Path::new("content/briefs/2024-11-07-x.md"), text, &config()).unwrap();
        assert_eq!(&*b.slug, "x");
        assert_eq!(&*b.summary, "First para.");
        assert_eq!((b.authors[0].line, b.authors[0].col), (6, 11));
        assert_eq!(
            (b.responses[0].expert.line, b.responses[0].expert.col),
            (8, 13)
        );
        assert_eq!(b.related[0].by[0].line, 12);
    }

    #[test]
    fn date_errors_point_at_their_line() {
        let text = "---\ntitle: T\ndate: 2024-02-30\nupdated: 2024-13-45\n---\n";
        let e = parse(Path::new("x.md"), text, &config()).unwrap_err();
        let lines: Vec<_> = e.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
    }

    #[test]
    fn updated_before_date_is_an_error() {
        let text = "---\ntitle: T\ndate: 2024-02-03\nupdated: 2024-02-01\n---\n";
        let e = parse(Path::new("x.md"), text, &config()).unwrap_err();
        assert!(e[0].message.contains("before"), "{}", e[0]);
        assert_eq!(e[0].line, Some(4));
    }
}
