//! An expert's own page value (`expert` in `expert.html`): their card
//! plus biography, briefs written, every quote given (linked to its
//! anchor) and the related pieces they wrote.

use super::values::{Values, map, related, response_anchors};
use crate::model::{Brief, ExpertId, Site, paths};
use tera::Value;

/// The anchor of response `i` of brief `b` (an expert's first quote is
/// always `response-<expert-id>`: no need to number the others).
fn response_anchor(site: &Site, b: &Brief, i: usize) -> String {
    let expert = b.responses[i].expert;
    if b.responses[..i].iter().all(|r| r.expert != expert) {
        return format!("response-{}", site.experts[expert].id);
    }
    response_anchors(site, b).swap_remove(i)
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
            let piece = &site.briefs[r.brief].related[r.related];
            let mut v = related(site, piece, &values.expert_refs)
                .as_map()
                .cloned()
                .unwrap_or_default();
            v.insert("cited_in".into(), values.briefs[r.brief].clone());
            Value::from(v)
        })
        .collect();
    m.insert("bio".into(), Value::safe_string(&e.bio_html));
    m.insert("briefs".into(), values.brief_list(&e.authored));
    m.insert("quotes".into(), Value::from(quotes));
    m.insert("related".into(), Value::from(related));
    Value::from(m)
}
