//! Experts as templates see them: the short reference used wherever one
//! is mentioned (with initials for a missing photo, and the program only
//! when the role does not already name it), the card of the experts index
//! (with counts), the index grouped by program with its A–Z letters, and
//! the full value of an expert's own page (its topics linked to the
//! site's topics of that name).

use super::{Values, map, related, response_anchor};
use crate::model::{Expert, ExpertId, Site, TopicId, group_slug, paths};
use tera::Value;

/// An expert card: the reference plus counts of briefs, quotes and related pieces.
pub(super) fn expert_card(site: &Site, expert_ref: &Value, id: ExpertId) -> Value {
    let e = &site.experts[id];
    let mut m = expert_ref.as_map().cloned().unwrap_or_default();
    m.insert("brief_count".into(), Value::from(e.authored.len()));
    m.insert("quote_count".into(), Value::from(e.quoted.len()));
    m.insert("related_count".into(), Value::from(e.related.len()));
    Value::from(m)
}

/// The short form of an expert used wherever one is mentioned.
pub(super) fn expert_ref(site: &Site, id: ExpertId) -> Value {
    let e: &Expert = &site.experts[id];
    let path = paths::expert(&e.id);
    let links: Vec<Value> = e
        .links
        .iter()
        .map(|(label, url)| map! { "label" => label.as_str(), "url" => url.as_str() })
        .collect();
    map! {
        "id" => e.id.as_str(),
        "name" => e.name.as_str(),
        "honorific" => e.honorific.as_str(),
        "full_name" => site.expert_full_name(id),
        "role" => e.role.as_str(),
        "program" => e.program.as_str(),
        "affiliation" => affiliation(e),
        "initials" => initials(&e.name),
        "sort_name" => e.sort_name.as_str(),
        "url" => site.config.url(&path),
        "permalink" => site.config.permalink(&path),
        "feed_url" => site.config.url(&format!("{path}feed.xml")),
        "photo" => e.photo.as_deref().map(|p| site.config.local_url(p)),
        "email" => e.email.as_deref(),
        "orcid" => e.orcid.as_deref(),
        "links" => links,
        "topics" => e.topics.clone(),
        "extra" => Value::from_serializable(&e.extra),
        "lang" => e.translation.tag(&site.config.default_language),
    }
}

/// The full expert for their own page: the card plus biography, briefs
/// written, every quote given and related pieces written.
pub(crate) fn expert_page(site: &Site, values: &Values, id: ExpertId) -> Value {
    let e = &site.experts[id];
    let mut m = values.expert_cards[id]
        .as_map()
        .cloned()
        .unwrap_or_default();
    let quotes: Vec<Value> = e
        .quoted
        .iter()
        .map(|q| {
            let brief = &values.briefs[q.brief];
            let b = &site.briefs[q.brief];
            let r = &b.responses[q.response];
            let anchor = response_anchor(site, b, q.response);
            map! {
                "brief" => brief.clone(),
                "quote" => &*r.quote,
                "url" => format!("{}#{anchor}", site.config.url(&paths::brief(&b.slug))),
            }
        })
        .collect();
    let related: Vec<Value> = e
        .related
        .iter()
        .map(|r| {
            // The piece as its brief's value shows it, converted once.
            let cited_in = &values.briefs[r.brief];
            let shown = (cited_in.get_from_path("related"))
                .and_then(|list| list.as_array()?.get(r.related)?.as_map().cloned());
            let mut v = shown.unwrap_or_else(|| {
                let piece = &site.briefs[r.brief].related[r.related];
                (related(site, piece, &values.expert_refs).as_map().cloned()).unwrap_or_default()
            });
            v.insert("cited_in".into(), cited_in.clone());
            Value::from(v)
        })
        .collect();
    m.insert("bio".into(), Value::safe_string(&e.bio_html));
    m.insert(
        "bio_empty".into(),
        Value::from(e.bio_html.trim().is_empty()),
    );
    m.insert("topic_links".into(), topic_links(site, e));
    m.insert("briefs".into(), values.brief_list(&e.authored));
    m.insert("quotes".into(), Value::from(quotes));
    m.insert("related".into(), Value::from(related));
    Value::from(m)
}

/// The expert's topics as `{name, url}`: `url` the page of the site's
/// topic with that name (as briefs spell it) or slug, else none.
fn topic_links(site: &Site, e: &Expert) -> Value {
    let links: Vec<Value> = (e.topics.iter())
        .map(|name| {
            let url =
                topic_of(site, name).map(|t| site.config.url(&paths::topic(&site.topics[t].slug)));
            map! { "name" => name.as_str(), "url" => url }
        })
        .collect();
    Value::from(links)
}

/// The site's topic named `name`: spelled so by a brief, or with its slug.
fn topic_of(site: &Site, name: &str) -> Option<TopicId> {
    if let Some(&t) = site.written_names.topics.get(name) {
        return Some(t);
    }
    let slug = group_slug(name, site.config.unicode_slugs);
    (site.topics)
        .binary_search_by(|t| t.slug.as_str().cmp(&slug))
        .ok()
}

/// "CM" for Clifford D. May: the first letters of the first and last words.
pub(super) fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: Option<&&str>| w.and_then(|w| w.chars().find(|c| c.is_alphanumeric()));
    first(words.first())
        .into_iter()
        .chain(first(words.last()).filter(|_| words.len() > 1))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The program to show after the role: none when the role already names
/// it ("Deputy Director of FDD’s Russia Program", Russia Program).
fn affiliation(e: &Expert) -> &str {
    if e.program.is_empty() || e.role.to_lowercase().contains(&e.program.to_lowercase()) {
        ""
    } else {
        &e.program
    }
}

/// The anchor of an A–Z letter: `letter-a`, or by code point for a letter
/// ASCII cannot spell (`letter-u62d` for ح: transliterated, ح and ه would
/// both be `letter-h`).
fn letter_anchor(letter: &str) -> String {
    if letter.is_ascii() {
        return format!("letter-{}", slug::slugify(letter));
    }
    let code: String = letter.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("letter-u{code}")
}

/// The experts index: every expert card grouped by program (programs by
/// name, experts without one last under "Experts"), and the letters of
/// the A–Z list with the experts under each, by sort name.
pub(crate) fn index(site: &Site, values: &Values) -> (Value, Value) {
    let mut programs: Vec<(&str, Vec<Value>)> = Vec::new();
    let mut order: Vec<ExpertId> = (0..site.experts.len()).collect();
    order.sort_by_key(|&e| {
        let p = site.experts[e].program.as_str();
        (p.is_empty(), p.to_lowercase(), e)
    });
    for e in order {
        let p = site.experts[e].program.as_str();
        match programs.last_mut() {
            Some((name, list)) if *name == p => list.push(values.expert_cards[e].clone()),
            _ => programs.push((p, vec![values.expert_cards[e].clone()])),
        }
    }
    let programs: Vec<Value> = programs
        .into_iter()
        .map(|(name, experts)| {
            let slug = if name.is_empty() {
                "experts".to_string()
            } else {
                slug::slugify(name)
            };
            map! { "name" => name, "anchor" => format!("program-{slug}"), "experts" => experts }
        })
        .collect();
    let mut letters: Vec<(String, Vec<Value>)> = Vec::new();
    for (id, e) in site.experts.iter().enumerate() {
        let letter: String = e
            .sort_name
            .chars()
            .find(|c| c.is_alphanumeric())
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        match letters.last_mut() {
            Some((l, list)) if *l == letter => list.push(values.expert_refs[id].clone()),
            _ => letters.push((letter, vec![values.expert_refs[id].clone()])),
        }
    }
    let letters: Vec<Value> = letters
        .into_iter()
        .map(|(letter, experts)| map! { "letter" => letter.clone(), "anchor" => letter_anchor(&letter), "experts" => experts })
        .collect();
    (Value::from(programs), Value::from(letters))
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_of_names() {
        let cases = [
            ("Clifford D. May", "CM"),
            ("Mark Montgomery", "MM"),
            ("Cher", "C"),
            ("", ""),
            ("émile zola", "ÉZ"),
        ];
        for (name, want) in cases {
            assert_eq!(initials(name), want, "{name}");
        }
    }
}
