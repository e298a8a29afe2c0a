//! The template contract: the model turned, once per build, into Tera values
//! that every page shares. A Tera `Value` is reference-counted, so putting a
//! brief into a hundred listing pages costs a hundred pointer copies, not a
//! hundred deep clones (the trap that made Zola slow on big sites).
//!
//! Field names here are documented in the README ("Templates"); keep both in step.

mod experts;
mod site;

use crate::model::{Brief, BriefId, ExpertId, Group, Grouping, Link, Site, paths};
use crate::parse::Moment;
use crate::parse::date::rfc3339;
use experts::{expert_card, expert_ref};
pub(crate) use experts::{expert_page, index as experts_index};
use rayon::prelude::*;
use site::{share, site_value};
use std::collections::HashMap;
use tera::Value;

/// Builds a Tera map from `key => value` pairs.
macro_rules! map {
    ($($k:literal => $v:expr),* $(,)?) => {{
        tera::Value::from(crate::render::values::entries!($($k => $v),*))
    }};
}
pub(crate) use map;

/// Builds a Tera map (not yet a value) from `key => value` pairs, sized
/// for them up front.
macro_rules! entries {
    ($($k:literal => $v:expr),* $(,)?) => {{
        let mut m = tera::Map::with_capacity_and_hasher([$($k),*].len(), Default::default());
        $( m.insert($k.into(), tera::Value::from($v)); )*
        m
    }};
}
pub(crate) use entries;

/// Every shared value of one build. Values embedded in briefs (`*_refs`)
/// carry no counts, so adding a brief does not change every other brief's
/// page (which keeps incremental rebuilds small); the `expert_cards`,
/// `topics` and `kinds` used by index and listing pages carry them.
pub(crate) struct Values {
    pub(crate) site: Value,
    pub(crate) briefs: Vec<Value>,
    pub(crate) expert_refs: Vec<Value>,
    pub(crate) expert_cards: Vec<Value>,
    pub(crate) topic_refs: Vec<Value>,
    pub(crate) kind_refs: Vec<Value>,
    pub(crate) topics: Vec<Value>,
    pub(crate) kinds: Vec<Value>,
}

impl Values {
    /// Converts the whole model; briefs in parallel.
    pub(crate) fn new(site: &Site) -> Values {
        Values::reusing(site, &[], &HashMap::new())
    }

    /// Like [`Values::new`], but takes a brief's value from `cache` when its
    /// fingerprint (`fingerprints[id]`) is there: nothing it shows changed.
    pub(crate) fn reusing(
        site: &Site,
        fingerprints: &[u64],
        cache: &HashMap<u64, Value>,
    ) -> Values {
        let expert_refs: Vec<Value> = (0..site.experts.len())
            .map(|e| expert_ref(site, e))
            .collect();
        let expert_cards: Vec<Value> = (0..site.experts.len())
            .map(|e| expert_card(site, &expert_refs[e], e))
            .collect();
        let topic_refs: Vec<Value> = site
            .topics
            .iter()
            .map(|t| group_ref(site, t, paths::topic(&t.slug)))
            .collect();
        let kind_refs: Vec<Value> = site
            .kinds
            .iter()
            .map(|k| group_ref(site, k, paths::kind(&k.slug)))
            .collect();
        let topics = site
            .topics
            .iter()
            .zip(&topic_refs)
            .map(|(g, r)| with_count(r, g.briefs.len()))
            .collect();
        let kinds = site
            .kinds
            .iter()
            .zip(&kind_refs)
            .map(|(g, r)| with_count(r, g.briefs.len()))
            .collect();
        let briefs = (0..site.briefs.len())
            .into_par_iter()
            .map(|b| match fingerprints.get(b).and_then(|fp| cache.get(fp)) {
                Some(v) => v.clone(),
                None => brief(site, b, &expert_refs, &topic_refs, &kind_refs),
            })
            .collect();
        Values {
            site: site_value(site),
            briefs,
            expert_refs,
            expert_cards,
            topic_refs,
            kind_refs,
            topics,
            kinds,
        }
    }

    /// Converts brief `id` again, after its text changed in the model.
    pub(crate) fn refresh_brief(&mut self, site: &Site, id: BriefId) {
        self.briefs[id] = brief(
            site,
            id,
            &self.expert_refs,
            &self.topic_refs,
            &self.kind_refs,
        );
    }

    /// Converts again, in parallel, only the fields showing group names
    /// (kind, topics, related briefs' kinds, the citations) of briefs whose
    /// group was renamed; the rest of each value (its text above all) is kept.
    pub(crate) fn regroup_briefs(&mut self, site: &Site, ids: &[BriefId]) {
        let (experts, topics, kinds) = (&self.expert_refs, &self.topic_refs, &self.kind_refs);
        let fresh: Vec<Value> = ids
            .par_iter()
            .map(|&id| {
                let mut m = self.briefs[id].as_map().cloned().unwrap_or_default();
                let fields = group_fields(site, &site.briefs[id], experts, topics, kinds);
                for (key, value) in ["kind", "topics", "related"].into_iter().zip(fields) {
                    m.insert(key.into(), value);
                }
                // The citation names the kind when the brief has no series.
                let publication = super::publication::fields(site, id).into_iter();
                m.extend(publication.map(|(k, v)| (k.into(), v)));
                Value::from(m)
            })
            .collect();
        for (&id, value) in ids.iter().zip(fresh) {
            self.briefs[id] = value;
        }
    }

    /// Converts expert `id`'s card again, after their counts changed.
    pub(crate) fn refresh_expert_card(&mut self, site: &Site, id: ExpertId) {
        self.expert_cards[id] = expert_card(site, &self.expert_refs[id], id);
    }

    /// Makes room for group `id` of `g`, new in the site.
    pub(crate) fn insert_group(&mut self, site: &Site, g: Grouping, id: usize) {
        let (value, count) = group_values(site, g, id);
        let (refs, counted) = self.grouping(g);
        counted.insert(id, count);
        refs.insert(id, value);
    }

    /// Converts group `id` of `g` again, after its name or its briefs
    /// (the count) changed.
    pub(crate) fn refresh_group(&mut self, site: &Site, g: Grouping, id: usize) {
        let (value, count) = group_values(site, g, id);
        let (refs, counted) = self.grouping(g);
        counted[id] = count;
        refs[id] = value;
    }

    /// Forgets group `id` of `g`, taken out of the site.
    pub(crate) fn remove_group(&mut self, g: Grouping, id: usize) {
        let (refs, counted) = self.grouping(g);
        refs.remove(id);
        counted.remove(id);
    }

    fn grouping(&mut self, g: Grouping) -> (&mut Vec<Value>, &mut Vec<Value>) {
        match g {
            Grouping::Topics => (&mut self.topic_refs, &mut self.topics),
            Grouping::Kinds => (&mut self.kind_refs, &mut self.kinds),
        }
    }

    /// The briefs with these ids, as a list value.
    pub(crate) fn brief_list(&self, ids: &[BriefId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.briefs[i].clone())
                .collect::<Vec<_>>(),
        )
    }
}

/// A moment as three strings: `date` (2024-11-07), `display` (November 7,
/// 2024) and `datetime` (RFC 3339), all in the site's time zone.
fn moment(site: &Site, m: Moment) -> Value {
    let z = m.zoned(&site.config.timezone);
    let datetime = if m.date_only {
        z.strftime("%Y-%m-%d").to_string()
    } else {
        rfc3339(&z)
    };
    map! {
        "date" => z.strftime("%Y-%m-%d").to_string(),
        "display" => z.strftime("%B %-d, %Y").to_string(),
        "datetime" => datetime,
        "rfc3339" => rfc3339(&z),
    }
}

fn group_ref(site: &Site, g: &Group, path: String) -> Value {
    map! {
        "name" => g.name.as_str(),
        "slug" => g.slug.as_str(),
        "url" => site.config.url(&path),
        "permalink" => site.config.permalink(&path),
        "feed_url" => site.config.url(&format!("{path}feed.xml")),
    }
}

/// Group `id` of `g` as a reference, and with its brief count.
fn group_values(site: &Site, g: Grouping, id: usize) -> (Value, Value) {
    let group = site.group(g, id);
    let value = group_ref(site, group, g.path(&group.slug));
    let count = with_count(&value, group.briefs.len());
    (value, count)
}

/// A group with its brief count.
fn with_count(group: &Value, count: usize) -> Value {
    let mut m = group.as_map().cloned().unwrap_or_default();
    m.insert("count".into(), Value::from(count));
    Value::from(m)
}

/// The anchor of each response of brief `b`: `response-<expert-id>`, and
/// `-2`, `-3`, … for an expert quoted again.
pub(crate) fn response_anchors(site: &Site, b: &Brief) -> Vec<String> {
    crate::parse::ids::response_anchors(
        b.responses
            .iter()
            .map(|r| site.experts[r.expert].id.as_str()),
    )
}

/// The anchor of response `i` of brief `b` (an expert's first quote is
/// always `response-<expert-id>`: no need to number the others).
pub(super) fn response_anchor(site: &Site, b: &Brief, i: usize) -> String {
    let expert = b.responses[i].expert;
    if b.responses[..i].iter().all(|r| r.expert != expert) {
        return format!("response-{}", site.experts[expert].id);
    }
    response_anchors(site, b).swap_remove(i)
}

fn brief(site: &Site, id: BriefId, experts: &[Value], topics: &[Value], kinds: &[Value]) -> Value {
    let b: &Brief = &site.briefs[id];
    let path = paths::brief(&b.slug);
    let url = site.config.url(&path);
    let anchors = response_anchors(site, b);
    let responses: Vec<Value> = b
        .responses
        .iter()
        .zip(anchors)
        .map(|(r, anchor)| {
            map! {
                "expert" => experts[r.expert].clone(),
                "quote" => &*r.quote,
                "url" => format!("{url}#{anchor}"),
                "anchor" => anchor,
            }
        })
        .collect();
    let [kind, topics, related] = group_fields(site, b, experts, topics, kinds);
    let mut m = entries! {
        "slug" => &*b.slug,
        "title" => &*b.title,
        "url" => url,
        "permalink" => site.config.permalink(&path),
        "date" => moment(site, b.date),
        "updated" => b.updated.map(|u| moment(site, u)),
        "kind" => kind,
        "summary" => &*b.summary,
        "dek" => crate::model::dek::dek(&b.summary),
        "summary_written" => b.summary_written,
        "share" => share(&site.config.permalink(&path), &b.title),
        "reading_minutes" => crate::model::reading::minutes(b),
        "content" => Value::safe_string(&b.body_html),
        "topics" => topics,
        "authors" => b.authors.iter().map(|&a| experts[a].clone()).collect::<Vec<_>>(),
        "responses" => responses,
        "related" => related,
        "draft" => b.draft,
        "extra" => Value::from_serializable(&*b.extra),
    };
    m.extend((super::publication::fields(site, id).into_iter()).map(|(k, v)| (k.into(), v)));
    Value::from(m)
}

/// The fields of a brief's value that show group names: `kind`, `topics`
/// and `related` (a related brief's kind), in that order.
fn group_fields(
    site: &Site,
    b: &Brief,
    experts: &[Value],
    topics: &[Value],
    kinds: &[Value],
) -> [Value; 3] {
    let related: Vec<Value> = (b.related.iter())
        .map(|r| related(site, r, experts))
        .collect();
    [
        kinds[b.kind].clone(),
        Value::from(
            b.topics
                .iter()
                .map(|&t| topics[t].clone())
                .collect::<Vec<_>>(),
        ),
        Value::from(related),
    ]
}

pub(super) fn related(site: &Site, r: &crate::model::Related, experts: &[Value]) -> Value {
    let (url, brief_kind) = site.related_target(r);
    map! {
        "title" => &*r.title,
        "title_ends_in_punctuation" => r.title_ends_in_punctuation(),
        "url" => url,
        "internal" => matches!(r.link, Link::Brief(_)),
        "brief_kind" => brief_kind,
        "by" => r.by.iter().map(|&e| experts[e].clone()).collect::<Vec<_>>(),
        "by_name" => r.by_name.to_vec(),
        "label" => r.label.as_deref(),
    }
}
