//! Experts for an import: the site's own, matched by name; WordPress
//! authors (by login) and quoted speakers that the site lacks, created with
//! a fresh id (the slug of the name, numbered when two people share it,
//! reported); byline names looked up. Experts the importer made before are
//! found again through the manifest, so a second import gives the same ids.

use super::manifest::Manifest;
use super::people::{Attribution, fold};
use super::site::Site;
use std::collections::{HashMap, HashSet};

/// An expert file the import writes.
#[derive(Debug, Clone)]
pub(crate) struct NewExpert {
    pub(crate) id: String,
    pub(crate) who: Attribution,
    /// The manifest's source key: `author:<login>` or `expert:<name>`.
    pub(crate) key: String,
}

/// Every expert known so far.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    by_name: HashMap<String, String>,
    by_key: HashMap<String, String>,
    ids: HashSet<String>,
    /// Ids of existing experts the importer wrote before (their files are
    /// written again, for `--update`).
    earlier: HashMap<String, String>,
    pub(crate) created: Vec<NewExpert>,
    pub(crate) clashes: Vec<String>,
}

impl Registry {
    /// The site's experts, and those the manifest says the importer wrote.
    pub(crate) fn new(site: &Site, manifest: &Manifest) -> Registry {
        let mut r = Registry::default();
        for e in &site.experts {
            r.by_name
                .entry(fold(&e.name))
                .or_insert_with(|| e.id.clone());
            r.ids.insert(e.id.clone());
        }
        for (path, record) in &manifest.files {
            let id = path
                .strip_prefix("content/experts/")
                .and_then(|p| p.strip_suffix(".md"));
            if let Some(id) = id.filter(|id| r.ids.contains(*id)) {
                r.by_key.insert(record.source.clone(), id.to_string());
                r.earlier.insert(id.to_string(), record.source.clone());
            }
        }
        r
    }

    /// The id of a WordPress author (login `login`, name `name`).
    pub(crate) fn author(&mut self, login: &str, name: &str, origin: &str) -> String {
        let key = format!("author:{login}");
        if let Some(id) = self.by_key.get(&key) {
            let id = id.clone();
            self.again(&id, name, &key);
            return id;
        }
        let who = Attribution {
            name: name.to_string(),
            ..Attribution::default()
        };
        let shared = self.by_name.get(&fold(name)).cloned();
        if let Some(id) = shared.filter(|id| {
            !self
                .created
                .iter()
                .any(|c| &c.id == id && c.key.starts_with("author:"))
        }) {
            self.by_key.insert(key, id.clone());
            return id;
        }
        self.create(who, key, origin)
    }

    /// The id of a quoted speaker, matched by name or created.
    pub(crate) fn speaker(&mut self, who: &Attribution, origin: &str) -> String {
        let key = format!("expert:{}", fold(&who.name));
        if let Some(id) = self.by_key.get(&key).or(self.by_name.get(&fold(&who.name))) {
            let id = id.clone();
            self.again(&id, &who.name, &key);
            if let Some(c) = self
                .created
                .iter_mut()
                .find(|c| c.id == id && c.who.role.is_empty())
            {
                // An author seen first: the quote says more about them.
                c.who = Attribution {
                    name: c.who.name.clone(),
                    ..who.clone()
                };
            }
            return id;
        }
        self.create(who.clone(), key, origin)
    }

    /// Whether `id` is the id of an expert of the site or the import.
    pub(crate) fn is_id(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The id of the expert named `name`, if the site or import has one.
    pub(crate) fn lookup(&self, name: &str) -> Option<&str> {
        self.by_name.get(&fold(name)).map(String::as_str)
    }

    /// An existing expert the importer wrote before is written again.
    fn again(&mut self, id: &str, name: &str, key: &str) {
        if self.earlier.get(id).is_some_and(|k| k == key)
            && !self.created.iter().any(|c| c.id == id)
        {
            let who = Attribution {
                name: name.to_string(),
                ..Attribution::default()
            };
            self.created.push(NewExpert {
                id: id.into(),
                who,
                key: key.into(),
            });
        }
    }

    fn create(&mut self, who: Attribution, key: String, origin: &str) -> String {
        let base = slug::slugify(&who.name);
        let base = if base.is_empty() || crate::portable::check(&base).is_err() {
            format!("expert-{base}").trim_end_matches('-').to_string()
        } else {
            base
        };
        let id = super::slugs::unique(&base, &mut self.ids);
        if id != base {
            self.clashes.push(format!(
                "{origin}: the expert id `{base}` is taken; “{}” is `{id}`",
                who.name
            ));
        }
        self.by_name
            .entry(fold(&who.name))
            .or_insert_with(|| id.clone());
        self.by_key.insert(key.clone(), id.clone());
        self.created.push(NewExpert {
            id: id.clone(),
            who,
            key,
        });
        id
    }
}
