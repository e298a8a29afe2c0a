//! Every feed of SPEC sections 5–6, from the same model as the pages: takes
//! the site, hands the feed files to a [`Sink`] and returns how many it wrote.
//!
//! - `/feed.xml` (RSS 2.0), `/atom.xml` (Atom 1.0), `/feed.json` (JSON Feed
//!   1.1): the newest `feed.limit` briefs of the site;
//! - `/experts/<id>/feed.xml`, `/topics/<slug>/feed.xml`,
//!   `/kinds/<slug>/feed.xml` (RSS 2.0): the newest of that group.
//!
//! Each brief that any feed lists becomes one [`item::Item`], built once in
//! parallel and borrowed by every feed; the feeds then render in parallel.

mod absolute_urls;
mod atom;
mod item;
mod json;
mod rss;
mod spec;

use spec::brief_ids;
pub(crate) use spec::{Format, Scope, Spec};

use crate::escape::xml_safe;
use crate::lang::strings::Words;
use crate::model::{BriefId, ExpertId, Grouping, Site};
use crate::parse::Moment;
use crate::render::Sink;
use crate::render::sitemap::escape;
use item::Item;
use jiff::tz::TimeZone;
use rayon::prelude::*;

/// A feed ready to serialise: channel facts and its entries, newest first.
pub(crate) struct Feed<'a> {
    pub(crate) title: String,
    pub(crate) description: String,
    /// Absolute URL of the HTML page the feed follows.
    pub(crate) home_url: String,
    /// Absolute URL of the feed itself.
    pub(crate) self_url: String,
    pub(crate) language: &'a str,
    pub(crate) generator: &'static str,
    /// Who publishes the feed (the organisation), for entries with no author.
    pub(crate) publisher: item::Person,
    pub(crate) timezone: &'a TimeZone,
    pub(crate) entries: Vec<Entry<'a>>,
}

/// An item as one feed shows it.
pub(crate) struct Entry<'a> {
    pub(crate) item: &'a Item,
    /// In an expert's feed, for a brief that quotes them: who, and the quotes.
    pub(crate) quoted: Option<Quoted>,
}

/// Quotes of the feed's expert in the entry's brief.
pub(crate) struct Quoted {
    pub(crate) name: String,
    pub(crate) quotes: Vec<String>,
    /// The quotes as HTML, attributed.
    pub(crate) html: String,
}

impl Entry<'_> {
    /// The item's HTML, led by a note and the quotes in an expert's feed.
    pub(crate) fn content(&self) -> String {
        match &self.quoted {
            None => self.item.content.clone(),
            Some(q) => format!(
                "<p class=\"quoted\"><strong>{}</strong> is quoted in this brief:</p>\n{}<hr>\n{}",
                escape(&q.name),
                q.html,
                self.item.content
            ),
        }
    }

    /// The item's summary as text, led by the quotes in an expert's feed.
    pub(crate) fn summary(&self) -> String {
        match &self.quoted {
            None => self.item.summary.clone(),
            Some(q) => {
                let quotes: Vec<String> = q.quotes.iter().map(|s| format!("“{s}”")).collect();
                format!(
                    "{} is quoted: {} {}",
                    q.name,
                    quotes.join(" "),
                    self.item.summary
                )
                .trim_end()
                .to_string()
            }
        }
    }
}

impl Feed<'_> {
    /// The newest date or update of any entry: the feed's build date.
    pub(crate) fn updated(&self) -> Option<Moment> {
        self.entries.iter().map(|e| e.item.modified()).max()
    }
}

/// Output paths of every feed, for the static-collision check.
pub(crate) fn paths(site: &Site) -> Vec<String> {
    Spec::all(site).iter().map(|s| s.path(site)).collect()
}

/// Renders every feed into `sink`, in the theme's `words` of the site's
/// language; returns how many files it wrote.
pub(crate) fn render(site: &Site, words: &Words, sink: &dyn Sink) -> anyhow::Result<usize> {
    render_specs(site, words, &Spec::all(site), sink)
}

/// Renders these feeds into `sink`; returns how many files it wrote.
pub(crate) fn render_specs(
    site: &Site,
    words: &Words,
    specs: &[Spec],
    sink: &dyn Sink,
) -> anyhow::Result<usize> {
    render_kept(site, words, specs, &mut Items::default(), sink)
}

/// The theme's word for `key` (the key itself if even English lacks it).
pub(crate) fn word<'a>(words: &'a Words, key: &'a str) -> &'a str {
    words.get(key).map_or(key, String::as_str)
}

/// Feed items kept from one render to the next, by brief: a rebuild that
/// changes a few briefs builds only their items again.
#[derive(Default)]
pub(crate) struct Items(Vec<Option<Item>>);

impl Items {
    /// Follows the briefs as one moves in the listing order.
    pub(crate) fn renumber(&mut self, renumber: crate::model::Renumber) {
        if self.0.len() <= renumber.from.max(renumber.to) {
            self.0.clear();
            return;
        }
        renumber.reorder(&mut self.0);
        for item in self.0.iter_mut().flatten() {
            item.brief = renumber.id(item.brief);
        }
    }

    /// Follows the briefs as one comes in (`inserted`: from just past the
    /// end), moves or goes out (to the end, then cut off at `len`).
    pub(crate) fn follow(&mut self, renumber: crate::model::Renumber, inserted: bool, len: usize) {
        if inserted && self.0.len() == renumber.from {
            self.0.push(None);
        }
        self.renumber(renumber);
        self.0.truncate(len);
    }

    /// Forgets the item of brief `id` (the brief changed).
    pub(crate) fn forget(&mut self, id: BriefId) {
        if let Some(slot) = self.0.get_mut(id) {
            *slot = None;
        }
    }
}

/// [`render_specs`], taking items from `items` and keeping those it builds.
pub(crate) fn render_kept(
    site: &Site,
    words: &Words,
    specs: &[Spec],
    items: &mut Items,
    sink: &dyn Sink,
) -> anyhow::Result<usize> {
    items.0.resize_with(site.briefs.len(), || None);
    let missing: Vec<BriefId> = wanted(site, specs)
        .into_iter()
        .enumerate()
        .filter(|&(id, w)| w && items.0[id].is_none())
        .map(|(id, _)| id)
        .collect();
    let built: Vec<Item> = missing
        .par_iter()
        .map(|&id| item::build(site, words, id))
        .collect();
    for (id, item) in missing.into_iter().zip(built) {
        items.0[id] = Some(item);
    }
    let items = &items.0;
    specs
        .par_iter()
        .try_for_each(|spec| write_one(feed(site, words, items, spec), site, spec, sink))?;
    Ok(specs.len())
}

fn write_one(feed: Feed, site: &Site, spec: &Spec, sink: &dyn Sink) -> anyhow::Result<()> {
    let bytes = match spec.format {
        Format::Rss => rss::render(&feed)?,
        Format::Atom => atom::render(&feed)?,
        Format::Json => json::render(&feed)?,
    };
    let path = spec.path(site);
    sink.write(&path, &bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {path}: {e}"))
}

/// Which briefs some feed lists (only those need an item: a site of
/// 100,000 briefs needs a few thousand).
fn wanted(site: &Site, specs: &[Spec]) -> Vec<bool> {
    let mut wanted = vec![false; site.briefs.len()];
    for spec in specs {
        for id in brief_ids(site, spec.scope) {
            wanted[id] = true;
        }
    }
    wanted
}

/// The feed of one spec, borrowing the shared items.
fn feed<'a>(site: &'a Site, words: &Words, items: &'a [Option<Item>], spec: &Spec) -> Feed<'a> {
    let c = &site.config;
    let (title, description) = titles(site, words, spec.scope);
    let entries = brief_ids(site, spec.scope)
        .into_iter()
        .filter_map(|id| items[id].as_ref())
        .map(|item| Entry {
            item,
            quoted: match spec.scope {
                Scope::Expert(e) => quoted(site, e, item.brief),
                _ => None,
            },
        })
        .collect();
    Feed {
        title: xml_safe(&title),
        description: xml_safe(&description),
        home_url: c.permalink(&spec.scope.page_path(site)),
        self_url: c.permalink(&spec.path(site)),
        language: &c.language,
        generator: "briefs",
        publisher: item::Person {
            name: xml_safe(&c.organisation),
            url: c.permalink(""),
        },
        timezone: &c.timezone,
        entries,
    }
}

/// A feed's title and description.
fn titles(site: &Site, words: &Words, scope: Scope) -> (String, String) {
    let c = &site.config;
    let site_desc = if c.description.is_empty() {
        c.title.clone()
    } else {
        c.description.clone()
    };
    match scope {
        Scope::Site => (c.title.clone(), site_desc),
        Scope::Expert(e) => {
            let name = site.expert_full_name(e);
            let description = word(words, "feed_expert").replace("{name}", &name);
            (format!("{name} — {}", c.title), description)
        }
        Scope::Group(g, id) => {
            let name = &site.group(g, id).name;
            let key = match g {
                Grouping::Topics => "feed_topic",
                Grouping::Kinds => "feed_kind",
            };
            let description = word(words, key).replace("{name}", name);
            (format!("{name} — {}", c.title), description)
        }
    }
}

/// The expert's quotes in a brief, if any.
fn quoted(site: &Site, expert: ExpertId, brief: BriefId) -> Option<Quoted> {
    let quotes: Vec<&str> = site.briefs[brief]
        .responses
        .iter()
        .filter(|r| r.expert == expert)
        .map(|r| &*r.quote)
        .collect();
    if quotes.is_empty() {
        return None;
    }
    let html: String = quotes
        .iter()
        .map(|q| item::quote_html(site, expert, q, &item::Links(None)))
        .collect();
    Some(Quoted {
        name: item::person(site, expert).name,
        quotes: quotes.iter().map(|q| xml_safe(q)).collect(),
        html: xml_safe(&html),
    })
}

/// A moment as RFC 2822 (for RSS) in the site's time zone.
pub(crate) fn rfc2822(m: Moment, tz: &TimeZone) -> anyhow::Result<String> {
    jiff::fmt::rfc2822::to_string(&m.zoned(tz))
        .map_err(|e| anyhow::anyhow!("cannot write date {} as RFC 2822: {e}", m.timestamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_site_time_zone() {
        let ny = TimeZone::get("America/New_York").unwrap();
        for (raw, tz, want_2822, want_3339) in [
            (
                "2024-11-07",
                TimeZone::UTC,
                "Thu, 7 Nov 2024 00:00:00 +0000",
                "2024-11-07T00:00:00+00:00",
            ),
            (
                "2024-11-07",
                ny.clone(),
                "Thu, 7 Nov 2024 00:00:00 -0500",
                "2024-11-07T00:00:00-05:00",
            ),
            (
                "2024-07-01T12:30:00Z",
                ny,
                "Mon, 1 Jul 2024 08:30:00 -0400",
                "2024-07-01T08:30:00-04:00",
            ),
        ] {
            let m = crate::parse::date::parse(raw, &tz).unwrap();
            assert_eq!(rfc2822(m, &tz).unwrap(), want_2822, "{raw}");
            assert_eq!(m.rfc3339(&tz), want_3339, "{raw}");
        }
    }
}
