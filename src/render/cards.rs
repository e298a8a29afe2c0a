//! Listing cards, rendered once per brief and build: `card.html` with the
//! brief's value. The home page, topic and kind listings show every brief
//! several times over (a brief with three topics is on five listing pages),
//! so each page takes its cards ready-made (the `cards` value of
//! `index.html` and `listing.html`) instead of rendering the same card
//! again. A card sees `brief`, `site`, `words`, `lang` and `dir`: what is
//! the same on every page that shows it.

use super::Templates;
use super::values::Values;
use crate::model::BriefId;
use std::sync::OnceLock;
use tera::{Context, Value};

/// The template every card is rendered from.
const TEMPLATE: &str = "card.html";

/// The values of the page a card takes from it.
const SHARED: [&str; 4] = ["site", "words", "lang", "dir"];

/// The cards of one build's briefs, each rendered when a page first needs it.
pub(crate) struct Cards {
    rendered: Vec<OnceLock<Value>>,
}

impl Cards {
    /// No card rendered yet, for `briefs` briefs.
    pub(crate) fn new(briefs: usize) -> Cards {
        Cards {
            rendered: (0..briefs).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The cards of briefs `ids`, as a list of HTML strings, for the page
    /// whose context is `page`. The first page to need a card renders it
    /// (two pages at once may both render it: the same bytes either way).
    pub(crate) fn of(
        &self,
        ids: &[BriefId],
        page: &Context,
        templates: &Templates,
        values: &Values,
    ) -> Result<Value, tera::Error> {
        let mut cards = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(card) = self.rendered[id].get() {
                cards.push(card.clone());
                continue;
            }
            let mut ctx = Context::new();
            ctx.insert_value("brief", values.briefs[id].clone());
            for key in SHARED {
                if let Some(v) = page.get(key) {
                    ctx.insert_value(key, v.clone());
                }
            }
            let html = templates.tera.render(TEMPLATE, &ctx)?;
            let card = Value::safe_string(&html);
            let _ = self.rendered[id].set(card.clone());
            cards.push(card);
        }
        Ok(Value::from(cards))
    }
}
