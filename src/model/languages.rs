//! A site in several languages: the files split by `lang:`, one [`Site`]
//! assembled per language (its own briefs, listings, experts and pages,
//! under its URL prefix), the other languages' sites kept by the default
//! language's, and one index of translations across them (which pages are
//! the same page in another language). A site in one language is
//! assembled exactly as before.

use super::translations::{self, Keys};
use super::*;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::{ParsedPage, Ref};
use std::path::{Path, PathBuf};

/// The parsed files of a whole site, borrowed.
pub(crate) struct Files<'a> {
    pub(crate) briefs: &'a [&'a ParsedBrief],
    pub(crate) experts: &'a [&'a ParsedExpert],
    pub(crate) pages: &'a [&'a ParsedPage],
    pub(crate) failed: &'a [PathBuf],
}

/// Assembles the site in every language; problems of all languages come
/// back together.
pub(crate) fn assemble_languages(
    files: &Files,
    config: Config,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let tags: Vec<String> = std::iter::once(config.default_language.clone())
        .chain(config.languages.iter().map(|l| l.tag.clone()))
        .collect();
    let mut problems = Diagnostics::default();
    check_tags(files, &tags, &mut problems);
    if !config.is_multilingual() {
        check_single(files, &mut problems);
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        let (site, warnings) = assemble_refs(
            files.briefs,
            files.experts,
            files.pages,
            files.failed,
            config,
        )?;
        problems.extend(warnings.0);
        return Ok((site, problems));
    }
    let keys = translations::keys(files, &tags, &mut problems);
    check_experts(files, &tags, &mut problems);
    check_prefixes(files, &tags, &mut problems);
    let mut sites = Vec::with_capacity(tags.len());
    for (i, tag) in tags.iter().enumerate() {
        let c = match i {
            0 => config.clone(),
            _ => config.for_language(&config.languages[i - 1]),
        };
        let experts = experts_of(files, tag, &tags[0]);
        let expert_refs: Vec<&ParsedExpert> = experts.iter().collect();
        let in_lang = |t: &crate::parse::Translation| t.tag(&tags[0]) == tag;
        let briefs: Vec<&ParsedBrief> = (files.briefs.iter().copied())
            .filter(|b| in_lang(&b.translation))
            .collect();
        let pages: Vec<&ParsedPage> = (files.pages.iter().copied())
            .filter(|p| in_lang(&p.translation))
            .collect();
        match assemble_refs(&briefs, &expert_refs, &pages, files.failed, c) {
            Ok((site, warnings)) => {
                problems.extend(warnings.0);
                sites.push(site);
            }
            Err(e) => problems.extend(e.0),
        }
    }
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    Ok((join(sites, keys), problems))
}

/// The default language's site holding the others, each with its keys
/// (its topic and kind pages' added) and the shared index of alternates.
fn join(mut sites: Vec<Site>, mut keys: Vec<Keys>) -> Site {
    super::group_translations::add(&sites, &mut keys);
    let index = std::sync::Arc::new(translations::index(&sites, &keys));
    for (site, keys) in sites.iter_mut().zip(keys) {
        site.translations.keys = keys;
        site.translations.index = index.clone();
    }
    let mut all = sites.into_iter();
    let Some(mut first) = all.next() else {
        unreachable!("the default language is always assembled");
    };
    first.translations.others = all.collect();
    first
}

/// The experts of language `tag`: its own profiles (a translation takes
/// its original's id), then the default language's experts its briefs
/// name and it has no profile of.
fn experts_of(files: &Files, tag: &str, default: &str) -> Vec<ParsedExpert> {
    let mut own: Vec<ParsedExpert> = (files.experts.iter())
        .filter(|e| e.translation.tag(default) == tag)
        .map(|e| {
            let mut e = (*e).clone();
            if let Some(of) = &e.translation.of {
                e.id = of.id.clone();
            }
            e
        })
        .collect();
    if tag == default {
        return own;
    }
    let named: std::collections::HashSet<&str> = (files.briefs.iter())
        .filter(|b| b.translation.tag(default) == tag)
        .flat_map(|b| {
            let quoted = b.responses.iter().map(|r| &r.expert);
            let related = b.related.iter().flat_map(|r| &r.by);
            b.authors.iter().chain(quoted).chain(related)
        })
        .map(|r| r.id.as_str())
        .collect();
    let fallback: Vec<ParsedExpert> = (files.experts.iter())
        .filter(|e| e.translation.lang.is_none() || e.translation.tag(default) == default)
        .filter(|e| named.contains(e.id.as_str()) && !own.iter().any(|o| o.id == e.id))
        .map(|e| (*e).clone())
        .collect();
    own.extend(fallback);
    own
}

/// A `lang:` naming no language of the site.
fn check_tags(files: &Files, tags: &[String], problems: &mut Diagnostics) {
    let langs = (files.briefs.iter().map(|b| (&*b.source, &b.translation)))
        .chain(files.experts.iter().map(|e| (&*e.source, &e.translation)))
        .chain(files.pages.iter().map(|p| (&*p.source, &p.translation)));
    for (source, t) in langs {
        if let Some(lang) = t.lang.as_ref().filter(|l| !tags.contains(&l.id)) {
            problems.push(unknown_language(source, lang, tags));
        }
    }
}

fn unknown_language(source: &Path, lang: &Ref, tags: &[String]) -> Diagnostic {
    let what = if crate::lang::is_language_tag(&lang.id) {
        format!("`{}` is not a language of this site", lang.id)
    } else {
        format!("`{}` is not a BCP 47 language tag", lang.id)
    };
    Diagnostic::error(source, what)
        .at_line(lang.line, lang.col)
        .hint(format!(
            "the site's languages are {} (`language:` and `languages:` in site.yaml)",
            tags.join(", ")
        ))
}

/// An expert's translation must name an expert of another language, and
/// a language has one profile of each expert.
fn check_experts(files: &Files, tags: &[String], problems: &mut Diagnostics) {
    let default = tags[0].as_str();
    let mut taken: std::collections::HashMap<(&str, &str), &Path> = Default::default();
    for e in files.experts {
        let tag = e.translation.tag(default);
        let Some(of) = &e.translation.of else {
            taken.insert((tag, e.id.as_str()), &e.source);
            continue;
        };
        let original = (files.experts.iter()).any(|o| {
            o.id == of.id && o.translation.of.is_none() && o.translation.tag(default) != tag
        });
        if !original {
            problems.push(
                Diagnostic::error(
                    &e.source,
                    format!(
                        "`translation_of: {}` names no expert in a language other than `{tag}`",
                        of.id
                    ),
                )
                .at_line(of.line, of.col)
                .hint("write the id of the original expert (its file name without .md)"),
            );
        } else if let Some(first) = taken.insert((tag, of.id.as_str()), &e.source) {
            problems.push(
                Diagnostic::error(
                    &e.source,
                    format!(
                        "a second `{tag}` profile of `{}`: {} is one already",
                        of.id,
                        first.display()
                    ),
                )
                .at_line(of.line, of.col)
                .hint("an expert has at most one profile per language"),
            );
        }
    }
}

/// A page of the default language at `/ar/` would be the Arabic home page.
fn check_prefixes(files: &Files, tags: &[String], problems: &mut Diagnostics) {
    for p in files.pages {
        let first = p.path.split('/').next().unwrap_or("");
        if p.translation.tag(&tags[0]) == tags[0] && tags[1..].iter().any(|t| t == first) {
            problems.push(
                Diagnostic::error(
                    &p.source,
                    format!(
                        "URL /{}/ belongs to the pages of language `{first}`",
                        p.path
                    ),
                )
                .at_line(p.slug_at.0, p.slug_at.1)
                .hint("give the page another `slug:`, or say `lang:` if it is in that language"),
            );
        }
    }
}

/// In a site of one language nothing can be a translation.
fn check_single(files: &Files, problems: &mut Diagnostics) {
    let of = (files.briefs.iter().map(|b| (&*b.source, &b.translation)))
        .chain(files.experts.iter().map(|e| (&*e.source, &e.translation)))
        .chain(files.pages.iter().map(|p| (&*p.source, &p.translation)));
    for (source, t) in of {
        if let Some(r) = &t.of {
            problems.push(
                Diagnostic::error(
                    source,
                    format!(
                        "`translation_of: {}` names nothing in another language",
                        r.id
                    ),
                )
                .at_line(r.line, r.col)
                .hint("the site has one language: add the others under `languages:` in site.yaml"),
            );
        }
    }
}
