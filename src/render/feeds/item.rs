//! One brief as a feed item, built once per build and shared by every feed
//! that lists it: takes the site and a brief id, returns an [`Item`] whose
//! text is safe for XML 1.0 and whose HTML content (body, expert responses,
//! related pieces, footer) links only with absolute URLs.

use super::absolute_urls::{absolutize, href, may_hold_urls};
use super::word;
use crate::escape::xml_safe;
use crate::lang::strings::Words;
use crate::model::{BriefId, ExpertId, Related, Site, paths};
use crate::parse::Moment;
use crate::render::sitemap::escape;
use url::Url;

/// A person credited on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) url: String,
}

/// A brief ready for any feed format.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) brief: BriefId,
    pub(crate) title: String,
    /// Absolute permalink; also the item's GUID / id.
    pub(crate) url: String,
    /// The summary as text.
    pub(crate) summary: String,
    /// Full HTML: body, responses, related pieces, footer.
    pub(crate) content: String,
    pub(crate) authors: Vec<Person>,
    /// Topic names, then the kind's name.
    pub(crate) categories: Vec<String>,
    pub(crate) date: Moment,
    pub(crate) updated: Option<Moment>,
    /// The brief's PDF: absolute URL and size in bytes.
    pub(crate) pdf: Option<(String, u64)>,
    /// The lead image's absolute URL.
    pub(crate) image: Option<String>,
}

impl Item {
    /// The later of date and update.
    pub(crate) fn modified(&self) -> Moment {
        self.updated.unwrap_or(self.date).max(self.date)
    }
}

/// Builds the item of brief `id`.
pub(super) fn build(site: &Site, words: &Words, id: BriefId) -> Item {
    let b = &site.briefs[id];
    let url = site.config.permalink(&paths::brief(&b.slug));
    let base = Url::parse(&url).ok();
    // The body is an editor's Markdown (and HTML): read by a rewriter when
    // it may hold URLs; the rest is written with absolute links already.
    let mut content = match &base {
        Some(base) if may_hold_urls(&b.body_html) => absolutize(&b.body_html, base),
        _ => b.body_html.to_string(),
    };
    content.push_str(&sections_html(site, words, id, &Links(base.as_ref())));
    if let Some(footer) = &site.config.feed.footer {
        content.push_str(&footer_html(site, footer, &b.title, &url));
    }
    Item {
        brief: id,
        title: xml_safe(&b.title),
        summary: xml_safe(&b.summary),
        content: xml_safe(&content),
        authors: b.authors.iter().map(|&a| person(site, a)).collect(),
        categories: b
            .topics
            .iter()
            .map(|&t| xml_safe(&site.topics[t].name))
            .chain([xml_safe(&site.kinds[b.kind].name)])
            .collect(),
        date: b.date,
        updated: b.updated,
        pdf: (b.publication.pdf.as_ref()).map(|a| (xml_safe(&site.asset_url(a)), a.size)),
        image: (b.publication.image.as_ref()).map(|i| xml_safe(&site.asset_url(&i.asset))),
        url,
    }
}

/// An expert as a feed person: full name and profile permalink.
pub(super) fn person(site: &Site, id: ExpertId) -> Person {
    Person {
        name: xml_safe(&site.expert_full_name(id)),
        url: site.config.permalink(&paths::expert(&site.experts[id].id)),
    }
}

/// How this module's markup writes a link: resolved against the brief's
/// permalink in an item (as if the whole content had been rewritten),
/// as given elsewhere.
pub(super) struct Links<'a>(pub(super) Option<&'a Url>);

impl Links<'_> {
    fn href(&self, url: &str) -> String {
        match self.0 {
            Some(base) => href(url, base),
            None => escape(url),
        }
    }
}

/// The brief's sections after its body (responses, background), the way
/// its page shows them.
fn sections_html(site: &Site, words: &Words, id: BriefId, links: &Links) -> String {
    let b = &site.briefs[id];
    let org = escape(&site.config.organisation);
    let heading = |key: &str| escape(word(words, key)).replace("{organisation}", &org);
    let mut html = String::new();
    if !b.responses.is_empty() {
        html.push_str(&format!(
            "\n<section class=\"responses\">\n<h2>{}</h2>\n",
            heading("expert_response")
        ));
        for r in &b.responses {
            html.push_str(&quote_html(site, r.expert, &r.quote, links));
        }
        html.push_str("</section>\n");
    }
    if !b.related.is_empty() {
        html.push_str(&format!(
            "<section class=\"related\">\n<h2>{}</h2>\n<ul>\n",
            heading("background")
        ));
        for r in &b.related {
            html.push_str(&format!(
                "<li>{}</li>\n",
                related_html(site, words, r, links)
            ));
        }
        html.push_str("</ul>\n</section>\n");
    }
    html
}

/// A quote with its attribution: `— Name, Role`.
pub(super) fn quote_html(site: &Site, expert: ExpertId, quote: &str, links: &Links) -> String {
    let e = &site.experts[expert];
    let who = person(site, expert);
    let role = if e.role.is_empty() {
        String::new()
    } else {
        format!(", {}", escape(&e.role))
    };
    format!(
        "<blockquote><p>{}</p><p>— <a href=\"{}\">{}</a>{role}</p></blockquote>\n",
        escape(quote),
        links.href(&who.url),
        escape(&who.name),
    )
}

/// A related piece: “Title,” by A and B — or “Title,” Org Kind; a
/// written label follows in brackets.
fn related_html(site: &Site, words: &Words, r: &Related, links: &Links) -> String {
    let (target, kind) = site.related_target(r);
    let by = people_html(site, r, &escape(word(words, "and")), links);
    let label = r.label.as_deref().filter(|_| kind.is_none());
    let attributed = !by.is_empty() || kind.is_some() || label.is_some();
    let comma = if attributed && !r.title_ends_in_punctuation() {
        ","
    } else {
        ""
    };
    let title = format!("“{}{comma}”", escape(&r.title));
    let mut html = match target {
        Some(h) => format!("<a href=\"{}\">{title}</a>", links.href(&h)),
        None => title,
    };
    if !by.is_empty() {
        html.push_str(&format!(" {} {by}", escape(word(words, "related_by"))));
    } else if let Some(k) = kind {
        html.push_str(&format!(
            " {} {}",
            escape(&site.config.organisation),
            escape(k)
        ));
    }
    if let Some(l) = label {
        html.push_str(&format!(" ({})", escape(l)));
    }
    html
}

/// The authors of a related piece, linked where they have a page.
fn people_html(site: &Site, r: &Related, and: &str, links: &Links) -> String {
    let names: Vec<String> =
        r.by.iter()
            .map(|&e| {
                let p = person(site, e);
                format!("<a href=\"{}\">{}</a>", links.href(&p.url), escape(&p.name))
            })
            .chain(r.by_name.iter().map(|n| escape(n)))
            .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// The footer as a paragraph: `{title}` becomes a link to the brief,
/// `{url}` the linked permalink, `{site}` a link to the home page; every
/// other character is text.
pub(super) fn footer_html(site: &Site, footer: &str, title: &str, url: &str) -> String {
    let c = &site.config;
    let link =
        |href: &str, text: &str| format!("<a href=\"{}\">{}</a>", escape(href), escape(text));
    let filled = fill(footer, |name| match name {
        "title" => Some(link(url, title)),
        "url" => Some(link(url, url)),
        "site" => Some(link(&c.permalink(""), &c.title)),
        _ => None,
    });
    format!("<p class=\"feed-footer\">{filled}</p>\n")
}

/// Replaces `{name}` placeholders in one pass (so a value that contains a
/// placeholder is never filled again); escapes all other text.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&escape(&rest[..open]));
        let after = &rest[open + 1..];
        let filled = after
            .find('}')
            .and_then(|close| value(&after[..close]).map(|v| (v, close)));
        match filled {
            Some((v, close)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped() {
        for (raw, want) in [
            ("plain", "plain"),
            ("a\u{1}b\u{1b}c", "abc"),
            ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
            ("\u{0}\u{8}\u{b}\u{c}\u{e}\u{1f}", ""),
            ("x\u{fffe}\u{ffff}y", "xy"),
            ("🛰️ العربية ]]> &", "🛰️ العربية ]]> &"),
            ("full\u{ff01}width\u{fffd}", "full\u{ff01}width\u{fffd}"),
        ] {
            assert_eq!(xml_safe(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn placeholders_fill_once_and_text_escapes() {
        let value = |n: &str| match n {
            "title" => Some("<i>{url}</i>".to_string()),
            "url" => Some("U".to_string()),
            _ => None,
        };
        for (template, want) in [
            ("{title} at {url}", "<i>{url}</i> at U"),
            ("a & b < c", "a &amp; b &lt; c"),
            ("{other} {", "{other} {"),
            ("{url", "{url"),
            ("", ""),
        ] {
            assert_eq!(fill(template, value), want, "{template}");
        }
    }
}
