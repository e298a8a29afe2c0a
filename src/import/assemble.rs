//! Every file of an import, assembled: bodies converted in parallel (HTML
//! to Markdown, then the flash-brief shape), briefs and pages composed,
//! experts gathered, related lines resolved once every expert is known,
//! uploads listed; each file rendered and checked by the build's parser.

use super::archive::{Archive, Body, Entry, Status};
use super::compose::{self, Context};
use super::experts::Registry;
use super::files::{self, BriefFront, ExpertFront, FileKind};
use super::flash::{self, Shape};
use super::html::{self, Converted};
use super::links::{Fate, OldSite};
use super::plan::{Content, Output};
use super::report::{Counts, Findings, Note};
use super::slugs::Placement;
use crate::config::Config;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What assembling needs.
pub(crate) struct Inputs<'a> {
    pub(crate) archive: &'a Archive,
    pub(crate) placements: &'a [Placement],
    pub(crate) old: &'a OldSite,
    pub(crate) titles: &'a HashMap<String, String>,
    pub(crate) config: &'a Config,
}

/// The files to write, how many of each, and the items left out.
pub(crate) struct Assembled {
    pub(crate) outputs: Vec<Output>,
    pub(crate) counts: Counts,
    pub(crate) skipped: Vec<Note>,
}

/// Uploads to copy: path under the site root -> (file, source item key).
type Uploads = BTreeMap<String, (PathBuf, String)>;

/// One file made: which parser reads it, its path, source key and text.
type Made = (FileKind, String, String, String);

/// Assembles every file; `experts` knows the site's experts and learns
/// the import's.
pub(crate) fn assemble(inp: &Inputs, experts: &mut Registry, found: &mut Findings) -> Assembled {
    let entries = &inp.archive.entries;
    let converted: Vec<(Shape, Converted)> =
        entries.par_iter().map(|e| convert(e, inp.old)).collect();
    let people: HashMap<String, String> = inp
        .archive
        .people
        .iter()
        .map(|p| (p.login.clone(), p.name.clone()))
        .collect();
    let cx = Context {
        old: inp.old,
        titles: inp.titles,
        people: &people,
    };
    let mut uploads = Uploads::new();
    let mut fronts: Vec<Option<BriefFront>> = Vec::new();
    for (e, (shape, conv)) in entries.iter().zip(&converted) {
        take_notes(e, shape, conv, found, &mut uploads);
        fronts.push((!e.is_page).then(|| compose::brief(e, shape, experts, &cx, found)));
    }
    let mut made: Vec<Made> = Vec::with_capacity(entries.len() + experts.created.len());
    for (i, e) in entries.iter().enumerate() {
        let (place, shape) = (&inp.placements[i], &converted[i].0);
        let (kind, text) = match fronts[i].take() {
            Some(mut front) => {
                front.related =
                    compose::related(&shape.related, &place.slug, experts, &cx, &e.origin, found);
                media(&mut front, inp.old, &mut uploads, e, found);
                (FileKind::Brief, files::text(&front, &shape.body))
            }
            None => (FileKind::Page, files::text(&compose::page(e), &shape.body)),
        };
        made.push((kind, place.path.clone(), e.key.clone(), text));
    }
    made.extend(experts.created.iter().map(|x| {
        let front = ExpertFront {
            name: x.who.name.clone(),
            honorific: x.who.honorific.clone(),
            role: x.who.role.clone(),
            program: x.who.program.clone(),
        };
        let path = format!("content/experts/{}.md", x.id);
        (
            FileKind::Expert,
            path,
            x.key.clone(),
            files::text(&front, ""),
        )
    }));
    let mut out = checked(made, inp.config);
    out.counts.uploads = uploads.len();
    for (dest, (from, key)) in uploads {
        out.outputs.push(Output {
            path: dest,
            source: format!("upload:{key}"),
            content: Content::Copy(from),
        });
    }
    out
}

/// What the editor should know about an entry's conversion; its uploads.
fn take_notes(
    e: &Entry,
    shape: &Shape,
    conv: &Converted,
    found: &mut Findings,
    uploads: &mut Uploads,
) {
    for n in &e.notes {
        found.review(&e.origin, n.clone());
    }
    for s in &conv.shortcodes {
        found.review(&e.origin, format!("shortcode kept verbatim: {s}"));
    }
    for d in &conv.dropped {
        found.review(&e.origin, d.clone());
    }
    // Links of the parts taken out (the footer, the quotes) are gone.
    let kept = |url: &str| shape.body.contains(url);
    for (url, why) in conv.left.iter().filter(|(u, _)| kept(u)) {
        found.warn(&e.origin, format!("{url}: {why}"));
    }
    for (from, dest) in conv
        .copies
        .iter()
        .filter(|(_, d)| kept(&d["static".len()..]))
    {
        let upload = (from.clone(), e.key.clone());
        uploads.entry(dest.clone()).or_insert(upload);
    }
}

/// The files the build's parser reads (checked in parallel); the others
/// are skipped with its reasons.
fn checked(made: Vec<Made>, config: &Config) -> Assembled {
    let verdicts: Vec<Result<(), String>> = made
        .par_iter()
        .map(|(kind, path, _, text)| files::check(*kind, path, text, config))
        .collect();
    let mut out = Assembled {
        outputs: Vec::with_capacity(made.len()),
        counts: Counts::default(),
        skipped: Vec::new(),
    };
    for ((kind, path, source, text), verdict) in made.into_iter().zip(verdicts) {
        if let Err(why) = verdict {
            let why = format!("the file made would not parse: {why}");
            out.skipped.push(Note { what: path, why });
            continue;
        }
        match kind {
            FileKind::Brief => out.counts.briefs += 1,
            FileKind::Expert => out.counts.experts += 1,
            FileKind::Page => out.counts.pages += 1,
        }
        out.outputs.push(Output {
            path,
            source,
            content: Content::Text(text),
        });
    }
    out
}

/// A body as Markdown, with its flash-brief parts taken out (briefs only).
fn convert(e: &Entry, old: &OldSite) -> (Shape, Converted) {
    let conv = match &e.body {
        Body::Html(h) => html::to_markdown(h, old),
        Body::Markdown(m) => Converted {
            markdown: m.clone(),
            ..Converted::default()
        },
    };
    let shape = if e.is_page {
        Shape {
            body: conv.markdown.clone(),
            ..Shape::default()
        }
    } else {
        flash::recognise(&conv.markdown)
    };
    (shape, conv)
}

/// The featured image and attachments, copied when `--uploads` has them.
fn media(
    front: &mut BriefFront,
    old: &OldSite,
    uploads: &mut Uploads,
    e: &Entry,
    found: &mut Findings,
) {
    let mut place = |url: &str| match old.fate(url) {
        Fate::Copied(new, from, dest) => {
            uploads.entry(dest).or_insert_with(|| (from, e.key.clone()));
            new
        }
        Fate::Left(why) => {
            found.warn(&e.origin, format!("{url}: {why}"));
            url.to_string()
        }
        Fate::Moved(new) => new,
        Fate::Outside => url.to_string(),
    };
    if let Some(img) = &e.featured_image {
        front
            .extra
            .insert("featured_image".into(), place(img).into());
    }
    if !e.attachments.is_empty() {
        let urls: Vec<String> = e.attachments.iter().map(|u| place(u)).collect();
        front.extra.insert("attachments".into(), urls.into());
    }
}

/// Folded title -> slug of every published brief: the site's, then the
/// import's. A file this import writes counts as the import has it (not as
/// an earlier import left it), so a second import sees what the first did.
pub(crate) fn titles(
    site: &super::site::Site,
    archive: &Archive,
    placements: &[Placement],
) -> HashMap<String, String> {
    let ours: std::collections::HashSet<&str> =
        placements.iter().map(|p| p.path.as_str()).collect();
    let mut map = HashMap::new();
    let theirs = site.briefs.iter().filter(|b| b.published);
    for b in theirs.filter(|b| !ours.contains(b.path.to_string_lossy().as_ref())) {
        map.entry(compose::title_key(&b.title))
            .or_insert_with(|| b.slug.clone());
    }
    for (e, p) in archive.entries.iter().zip(placements) {
        if !e.is_page && e.status == Status::Published {
            map.entry(compose::title_key(&e.title))
                .or_insert_with(|| p.slug.clone());
        }
    }
    map
}
