//! Every HTML page of a site as a [`Job`]: which template renders it, with
//! which values, to which output path. Jobs are independent, so they render
//! in parallel; each builds a small context of shared (reference-counted)
//! values.

use super::cite::CiteFile;
use super::paginator::paginator;
use super::values::{Values, expert_page, experts_index, map};
use crate::lang::strings::Words;
use crate::model::{BriefId, ExpertId, Group, Grouping, KindId, Site, TopicId, paths};
use tera::{Context, Value};

/// A listing that may span several pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Listing {
    Home,
    Topic(TopicId),
    Kind(KindId),
}

/// One HTML page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    Brief(BriefId),
    /// One of a brief's citation files (`cite.bib`, …): not a template's.
    Cite(BriefId, CiteFile),
    /// Page `page` (1-based) of a listing.
    Listing(Listing, usize),
    ExpertIndex,
    Expert(ExpertId),
    TopicIndex,
    Page(usize),
    /// `/search/` (`/<lang>/search/`), unless search is off.
    Search,
    NotFound,
}

/// Every page of the site, in a stable order.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(site.briefs.len() * 2);
    let pages = |l: Listing| (1..=l.pages(site)).map(move |p| Job::Listing(l, p));
    jobs.extend(pages(Listing::Home));
    jobs.extend((0..site.briefs.len()).map(Job::Brief));
    jobs.extend((0..site.briefs.len()).flat_map(cite_jobs));
    jobs.push(Job::ExpertIndex);
    jobs.extend((0..site.experts.len()).map(Job::Expert));
    jobs.push(Job::TopicIndex);
    jobs.extend((0..site.topics.len()).flat_map(|t| pages(Listing::Topic(t))));
    jobs.extend((0..site.kinds.len()).flat_map(|k| pages(Listing::Kind(k))));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    // Every language has its search page, and its own index.
    if site.config.search {
        jobs.push(Job::Search);
    }
    jobs.push(Job::NotFound);
    jobs
}

/// The citation files of brief `id`.
pub(crate) fn cite_jobs(id: BriefId) -> impl Iterator<Item = Job> {
    CiteFile::ALL.into_iter().map(move |f| Job::Cite(id, f))
}

/// How many pages a listing of `briefs` has at `per_page` a page: one,
/// even when empty.
pub(crate) fn page_count(briefs: usize, per_page: usize) -> usize {
    briefs.div_ceil(per_page).max(1)
}

/// The page (from 1) of a listing that shows its brief at position `at`.
pub(crate) fn page_of(at: usize, per_page: usize) -> usize {
    at / per_page + 1
}

impl Listing {
    /// How many pages the listing has (one, even when empty).
    pub(crate) fn pages(self, site: &Site) -> usize {
        let count = match self {
            Listing::Home => site.briefs.len(),
            _ => self.briefs(site).len(),
        };
        page_count(count, site.config.paginate)
    }

    /// The list and id of the group listed; `None` for the home page.
    pub(crate) fn grouping(self) -> Option<(Grouping, usize)> {
        match self {
            Listing::Home => None,
            Listing::Topic(t) => Some((Grouping::Topics, t)),
            Listing::Kind(k) => Some((Grouping::Kinds, k)),
        }
    }

    fn base(self, site: &Site) -> String {
        self.grouping()
            .map_or_else(String::new, |(g, id)| g.path(&site.group(g, id).slug))
    }

    fn group(self, site: &Site) -> Option<&Group> {
        self.grouping().map(|(g, id)| site.group(g, id))
    }

    /// The briefs of the group listed; none for the home page.
    pub(crate) fn briefs(self, site: &Site) -> &[BriefId] {
        self.group(site).map_or(&[], |g| &g.briefs)
    }
}

impl Job {
    /// The site path of the page (`briefs/x/`), `404.html` for the error page.
    pub(crate) fn site_path(&self, site: &Site) -> String {
        match *self {
            Job::Brief(b) => site.brief_path(b),
            Job::Cite(b, f) => site.brief_path(b) + f.name(),
            Job::Listing(l, n) => paths::listing_page(&l.base(site), n),
            Job::ExpertIndex => "experts/".into(),
            Job::Expert(e) => paths::expert(&site.experts[e].id),
            Job::TopicIndex => "topics/".into(),
            Job::Page(p) => format!("{}/", site.pages[p].path),
            Job::Search => "search/".into(),
            Job::NotFound => "404.html".into(),
        }
    }

    /// The output file, relative to the output folder.
    pub(crate) fn output_path(&self, site: &Site) -> String {
        match self {
            Job::NotFound | Job::Cite(..) => self.site_path(site),
            _ => self.site_path(site) + "index.html",
        }
    }

    /// Whether the page belongs in the sitemap.
    pub(crate) fn in_sitemap(&self) -> bool {
        !matches!(self, Job::NotFound | Job::Cite(..) | Job::Search)
    }

    /// Whether the job renders an HTML page (not a citation file).
    pub(crate) fn is_page(&self) -> bool {
        !matches!(self, Job::Cite(..))
    }

    /// The template name and the context to render it with.
    pub(crate) fn context(
        &self,
        site: &Site,
        values: &Values,
        words: &Words,
    ) -> (&'static str, Context) {
        let c = &site.config;
        let path = self.site_path(site);
        let mut ctx = Context::new();
        let mut feeds = site_feeds(site, words);
        let (template, title, description) =
            self.own_part(site, (values, words), &path, &mut ctx, &mut feeds);
        super::alternates::insert(site, &path, &mut ctx);
        let description = crate::model::dek::cut(&description, crate::model::dek::MAX);
        let meta = super::meta::of(site, self, &title, &description, &path);
        ctx.insert("description", &description);
        ctx.insert_value("meta", meta);
        ctx.insert_value("site", values.site.clone());
        ctx.insert("title", &title);
        ctx.insert("url", &c.url(&path));
        ctx.insert("permalink", &c.permalink(&path));
        ctx.insert_value("feeds", Value::from(feeds));
        ctx.insert("section", &self.section(site));
        (template, ctx)
    }

    /// What only this kind of page puts in its context: its template, its
    /// title and its description (before cutting), and its own values.
    fn own_part(
        &self,
        site: &Site,
        (values, words): (&Values, &Words),
        path: &str,
        ctx: &mut Context,
        feeds: &mut Vec<Value>,
    ) -> (&'static str, String, String) {
        let c = &site.config;
        let w = |key: &str| words.get(key).cloned().unwrap_or_else(|| key.to_string());
        let of_site = |key: &str| w(key).replace("{site}", &c.title);
        match *self {
            Job::Brief(b) => {
                ctx.insert_value("brief", values.briefs[b].clone());
                let more = crate::model::more::more_on_topic(site, b);
                ctx.insert_value("more", values.brief_list(&more));
                let brief = &site.briefs[b];
                let p = &brief.publication;
                (
                    "brief.html",
                    brief.title.to_string(),
                    crate::model::dek::description(&brief.summary, p.summary_written),
                )
            }
            Job::Listing(l, n) => {
                let (template, title) = self.listing(site, values, (l, n, words), ctx, feeds);
                (template, title, c.description.clone())
            }
            Job::ExpertIndex => {
                ctx.insert_value("experts", Value::from(values.expert_cards.clone()));
                let (programs, letters) = experts_index(site, values);
                ctx.insert_value("programs", programs);
                ctx.insert_value("letters", letters);
                ("experts.html", w("experts"), of_site("experts_of"))
            }
            Job::Expert(e) => {
                let expert = &site.experts[e];
                feeds.push(feed_link(
                    c.url(&format!("{path}feed.xml")),
                    format!("{} — {}", expert.name, c.title),
                ));
                ctx.insert_value("expert", expert_page(site, values, e));
                let desc = [expert.role.as_str(), expert.program.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                ("expert.html", site.expert_full_name(e), desc)
            }
            Job::TopicIndex => {
                ctx.insert_value("topics", Value::from(values.topics.clone()));
                ctx.insert_value("kinds", Value::from(values.kinds.clone()));
                ("topics.html", w("topics"), of_site("topics_of"))
            }
            Job::Page(p) => {
                let page = &site.pages[p];
                ctx.insert_value(
                    "page",
                    map! {
                        "title" => page.title.as_str(),
                        "content" => Value::safe_string(&page.body_html),
                        "extra" => Value::from_serializable(&page.extra),
                    },
                );
                ("page.html", page.title.clone(), page.description.clone())
            }
            Job::Search => {
                ctx.insert("search_bundle", &c.url(crate::search::BUNDLE));
                ctx.insert("search_words", &search_words(words));
                ("search.html", w("search"), of_site("search_of"))
            }
            Job::NotFound => ("404.html", w("not_found"), String::new()),
            Job::Cite(..) => unreachable!("citation files are not rendered from templates"),
        }
    }

    /// The navigation entry the page belongs to (for `aria-current`):
    /// `briefs`, `experts`, `topics`, a plain page's path, or nothing.
    fn section(&self, site: &Site) -> String {
        match *self {
            Job::Brief(_) | Job::Cite(..) | Job::Listing(Listing::Home, _) => "briefs".into(),
            Job::Expert(_) | Job::ExpertIndex => "experts".into(),
            Job::Listing(_, _) | Job::TopicIndex => "topics".into(),
            Job::Page(p) => site.pages[p].path.clone(),
            Job::Search | Job::NotFound => String::new(),
        }
    }

    fn listing(
        &self,
        site: &Site,
        values: &Values,
        (l, n, words): (Listing, usize, &Words),
        ctx: &mut Context,
        feeds: &mut Vec<Value>,
    ) -> (&'static str, String) {
        let per = site.config.paginate;
        let total_briefs = match l {
            Listing::Home => site.briefs.len(),
            _ => l.briefs(site).len(),
        };
        ctx.insert_value("briefs", values.brief_list(&listed(site, l, n)));
        ctx.insert_value(
            "paginator",
            paginator(
                site,
                &l.base(site),
                n,
                page_count(total_briefs, per),
                total_briefs,
            ),
        );
        let total = page_count(total_briefs, per);
        let word = |k: &str| words.get(k).cloned().unwrap_or_else(|| k.to_string());
        let suffix = if n > 1 {
            word("page_suffix")
                .replace("{n}", &n.to_string())
                .replace("{total}", &total.to_string())
        } else {
            String::new()
        };
        match l {
            Listing::Home if n > 1 => ("index.html", format!("{}{suffix}", word("latest_briefs"))),
            Listing::Home => ("index.html", site.config.title.clone()),
            Listing::Topic(t) => {
                let g = &site.topics[t];
                feeds.push(feed_link(
                    site.config
                        .url(&format!("{}feed.xml", paths::topic(&g.slug))),
                    format!("{} — {}", g.name, site.config.title),
                ));
                ctx.insert_value("group", values.topics[t].clone());
                ctx.insert("group_type", "topic");
                ("listing.html", format!("{}{suffix}", g.name))
            }
            Listing::Kind(k) => {
                let g = &site.kinds[k];
                feeds.push(feed_link(
                    site.config
                        .url(&format!("{}feed.xml", paths::kind(&g.slug))),
                    format!("{} — {}", g.name, site.config.title),
                ));
                ctx.insert_value("group", values.kinds[k].clone());
                ctx.insert("group_type", "kind");
                ("listing.html", format!("{}{suffix}", g.name))
            }
        }
    }
}

/// The words of the search page's script, as a JSON object: every word
/// whose key starts with `search_`, plural forms included (the script
/// picks a count's form by the page's language).
fn search_words(words: &Words) -> String {
    let search = words.iter().filter(|(k, _)| k.starts_with("search_"));
    let words: std::collections::BTreeMap<_, _> = search.collect();
    serde_json::to_string(&words).unwrap_or_else(|_| "{}".into())
}

/// The briefs on page `n` (1-based) of listing `l`, in order.
pub(crate) fn listed(site: &Site, l: Listing, n: usize) -> Vec<BriefId> {
    let per = site.config.paginate;
    let total = match l {
        Listing::Home => site.briefs.len(),
        _ => l.briefs(site).len(),
    };
    let (start, end) = (((n - 1) * per).min(total), (n * per).min(total));
    match l {
        Listing::Home => (start..end).collect(),
        _ => l.briefs(site)[start..end].to_vec(),
    }
}

fn feed_link(url: String, title: String) -> Value {
    map! { "type" => "application/rss+xml", "url" => url, "title" => title }
}

/// The site-wide feeds every page links to for autodiscovery, titled in
/// the page's language ("{site} (RSS)").
fn site_feeds(site: &Site, words: &Words) -> Vec<Value> {
    let c = &site.config;
    let title = |key: &str| {
        words
            .get(key)
            .map_or_else(|| key.to_string(), |w| w.replace("{site}", &c.title))
    };
    [
        ("application/rss+xml", "feed.xml", "feed_title_rss"),
        ("application/atom+xml", "atom.xml", "feed_title_atom"),
        ("application/feed+json", "feed.json", "feed_title_json"),
    ]
    .into_iter()
    .map(|(kind, file, key)| map! { "type" => kind, "url" => c.url(file), "title" => title(key) })
    .collect()
}
