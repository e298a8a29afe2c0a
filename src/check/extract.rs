//! Link extraction from built files: `href`/`src`/`srcset`/`action` and element ids of
//! HTML (with html5ever's tokenizer, a real HTML5 parser), links and HTML
//! content of RSS/Atom feeds and sitemaps (quick-xml), and URLs and HTML
//! content of JSON Feeds, and the URL of each search record.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// What one file links to and which anchors it has.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Extracted {
    /// Link targets, as written (entities decoded).
    pub(crate) links: Vec<String>,
    /// `id` (and `<a name>`) values.
    pub(crate) ids: Vec<String>,
}

/// Extracts from a file by its output path; other files give nothing.
pub(crate) fn extract(path: &str, bytes: &[u8]) -> Extracted {
    let text = String::from_utf8_lossy(bytes);
    if path.ends_with(".html") || path.ends_with(".htm") {
        html(&text)
    } else if path.ends_with(".xml") {
        xml(&text)
    } else if path.ends_with(".json") && text.contains("jsonfeed.org") {
        json_feed(&text)
    } else if path.ends_with(".pf_fragment") {
        super::search::fragment_links(bytes)
    } else {
        Extracted::default()
    }
}

struct Collector(RefCell<Extracted>);

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != StartTag {
            return TokenSinkResult::Continue;
        }
        let mut out = self.0.borrow_mut();
        for attr in &tag.attrs {
            let value = attr.value.trim();
            match &*attr.name.local {
                "href" | "src" | "action" => out.links.push(value.to_string()),
                "srcset" => out.links.extend(srcset(value)),
                "id" => out.ids.push(attr.value.to_string()),
                "name" if &*tag.name == "a" => out.ids.push(attr.value.to_string()),
                _ => {}
            }
        }
        // The tokenizer alone does not know which elements hold raw text.
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Links and ids of an HTML document or fragment.
pub(crate) fn html(text: &str) -> Extracted {
    let tokenizer = Tokenizer::new(
        Collector(RefCell::new(Extracted::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

fn srcset(value: &str) -> impl Iterator<Item = String> + '_ {
    crate::parse::srcset::parse(value)
        .into_iter()
        .map(|c| c.url.to_string())
}

/// Links of an RSS, Atom or sitemap document: `href` attributes, the text of
/// `link`/`loc`/`comments`/permalink `guid` elements, and links inside HTML
/// content (`content:encoded`, `description`, Atom `content`/`summary`).
pub(crate) fn xml(text: &str) -> Extracted {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Extracted::default();
    // The innermost open element, whether it is a permalink, and its text so far.
    let mut current: Option<(String, bool, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let (name, permalink) = xml_start(&e, &mut out);
                current = Some((name, permalink, String::new()));
            }
            Ok(Event::Empty(e)) => {
                xml_start(&e, &mut out);
            }
            Ok(Event::End(_)) => {
                if let Some((name, permalink, text)) = current.take() {
                    xml_text(&name, permalink, &text, &mut out);
                }
            }
            Ok(Event::Text(t)) => push_text(&mut current, &t.decode().unwrap_or_default()),
            Ok(Event::CData(t)) => push_text(&mut current, &String::from_utf8_lossy(&t)),
            Ok(Event::GeneralRef(r)) => push_text(&mut current, &entity(&r)),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

fn push_text(current: &mut Option<(String, bool, String)>, s: &str) {
    if let Some((_, _, text)) = current {
        text.push_str(s);
    }
}

/// The text of a character or predefined entity reference.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .unwrap_or_default()
}

fn xml_start(e: &quick_xml::events::BytesStart<'_>, out: &mut Extracted) -> (String, bool) {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut permalink = true;
    for attr in e.attributes().flatten() {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match attr.key.local_name().as_ref() {
            b"href" => out.links.push(value.trim().to_string()),
            b"isPermaLink" if value == "false" => permalink = false,
            _ => {}
        }
    }
    (name, permalink)
}

fn xml_text(element: &str, permalink: bool, text: &str, out: &mut Extracted) {
    match element {
        "link" | "loc" | "comments" => out.links.push(text.trim().to_string()),
        "guid" if permalink => out.links.push(text.trim().to_string()),
        "encoded" | "description" | "content" | "summary" => out.links.extend(html(text).links),
        _ => {}
    }
}

/// Links of a JSON Feed: `home_page_url`, `feed_url`, item and author
/// `url`s, and links inside `content_html`.
pub(crate) fn json_feed(text: &str) -> Extracted {
    let mut out = Extracted::default();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        json_walk(&v, &mut out);
    }
    out
}

fn json_walk(v: &serde_json::Value, out: &mut Extracted) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v.as_str()) {
                    ("home_page_url" | "feed_url" | "url" | "external_url", Some(s)) => {
                        out.links.push(s.trim().to_string());
                    }
                    ("content_html", Some(s)) => out.links.extend(html(s).links),
                    _ => json_walk(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| json_walk(i, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_links_and_ids() {
        let e = html(
            "<p id=a><a href='/x/?a=1&amp;b=2#h'>x</a><img src=/i.png srcset='/s.png 1x, /t.png 2x'>\
             <source srcset='/w,1.png 200w,/v.png'><script>var s = '<a href=\"/not-a-link\">';</script><a name=old></a>",
        );
        assert_eq!(
            e.links,
            [
                "/x/?a=1&b=2#h",
                "/i.png",
                "/s.png",
                "/t.png",
                "/w,1.png",
                "/v.png"
            ]
        );
        assert_eq!(e.ids, ["a", "old"]);
    }

    #[test]
    fn rss_and_atom_links() {
        let rss = "<rss><channel><link>https://x.org/</link><atom:link href=\"https://x.org/feed.xml\" rel=\"self\"/>\
                   <item><guid isPermaLink=\"false\">tag:1</guid><link>https://x.org/briefs/a/</link>\
                   <content:encoded><![CDATA[<a href=\"/briefs/b/\">b</a>]]></content:encoded>\
                   <description>&lt;a href=&quot;/briefs/c/&quot;&gt;c&lt;/a&gt;</description></item></channel></rss>";
        assert_eq!(
            xml(rss).links,
            [
                "https://x.org/",
                "https://x.org/feed.xml",
                "https://x.org/briefs/a/",
                "/briefs/b/",
                "/briefs/c/"
            ]
        );
    }

    #[test]
    fn json_feed_links() {
        let j = r#"{"version":"https://jsonfeed.org/version/1.1","home_page_url":"https://x.org/",
                    "items":[{"id":"1","url":"https://x.org/briefs/a/","content_html":"<a href=\"/e/\">e</a>"}]}"#;
        let mut links = json_feed(j).links;
        links.sort();
        assert_eq!(links, ["/e/", "https://x.org/", "https://x.org/briefs/a/"]);
    }
}
