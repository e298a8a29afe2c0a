//! Every source read, each by its kind ([`super::detect`]), into one
//! [`Archive`]. A source that cannot be read is an error naming its file
//! (with line and column for XML); all of them are reported together and
//! nothing is imported. Each source's entries get its language
//! ([`super::language`]).

use super::archive::{Archive, Body, Entry};
use super::detect::{self, SourceKind};
use super::{ImportOptions, flash, text};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// Reads every source of `opts`; the archive and each source's kind.
pub(crate) fn read_all(
    opts: &ImportOptions,
    config: &Config,
) -> anyhow::Result<(Archive, Vec<(PathBuf, String)>)> {
    let mut archive = Archive::default();
    let mut kinds = Vec::new();
    let mut problems = Diagnostics::default();
    for path in &opts.sources {
        let read = detect::detect(path)
            .map_err(|m| Diagnostic::error(path, m))
            .and_then(|kind| {
                let one = match &kind {
                    SourceKind::Wxr(_) => super::wxr::read(path),
                    SourceKind::Feed => super::feed::read(path),
                    SourceKind::Text => pasted(path, opts, config),
                };
                one.map(|a| (a, kind))
            });
        match read {
            Ok((mut one, kind)) => {
                let flag = opts.lang.as_deref();
                match super::language::of_source(flag, one.language.as_deref(), config, path) {
                    Ok(lang) => one
                        .entries
                        .iter_mut()
                        .for_each(|e| e.lang.clone_from(&lang)),
                    Err(d) => problems.push(d),
                }
                archive.merge(one);
                kinds.push((path.clone(), kind.to_string()));
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems.into());
    }
    Ok((archive, kinds))
}

/// A pasted flash brief: its title from `--title` or the Yoast footer,
/// its date from `--date`, its topics and authors from `--topic` and
/// `--author`.
fn pasted(path: &Path, opts: &ImportOptions, config: &Config) -> Result<Archive, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(path, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = crate::diag::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Diagnostic::error(path, "the text is not UTF-8")
            .at_line(line, col)
            .hint("save the text as UTF-8")
    })?;
    let title = opts
        .title
        .clone()
        .or_else(|| text.lines().find_map(flash::footer_title))
        .ok_or_else(|| Diagnostic::error(path, "pasted text has no title").hint("give it with --title \"Title\" (or keep the line “The post … appeared first on …”)"))?;
    let date = opts.date.clone().ok_or_else(|| {
        Diagnostic::error(path, "pasted text has no date").hint("give it with --date YYYY-MM-DD")
    })?;
    crate::parse::date::parse(&date, &config.timezone).map_err(|m| {
        Diagnostic::error(path, format!("--date: {m}")).hint(crate::parse::date::DATE_HINT)
    })?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let entry = Entry {
        origin: format!("{name}: “{title}”"),
        key: format!("text:{}", super::people::fold(&title)),
        authors: opts.authors.clone(),
        topics: opts.topics.clone(),
        body: Body::Markdown(text::to_markdown(&text)),
        title,
        date: date.trim().to_string(),
        ..Entry::default()
    };
    Ok(Archive {
        entries: vec![entry],
        ..Archive::default()
    })
}
