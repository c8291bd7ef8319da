//! What a change touches. A changed file maps to changed entities of the
//! model (an add-on, one Q&A, a city's facts) by comparing a [`Snapshot`] of
//! the new guide with the last good one; a renderer that records which
//! entities each output read lets a rebuild re-render only the outputs that
//! read a changed entity.
//!
//! The renderers do not record their reads yet, so every rebuild that changed
//! a value renders in full and [`super::sync::sync`] writes only the files
//! whose bytes changed. What a partial rebuild needs from them:
//! 1. during a full render, fill a [`Dependencies`] (output path → entities read);
//! 2. list every output of a guide without rendering it (to know what was removed);
//! 3. render only a given set of outputs into a folder.
//!
//! With those, a rebuild is: check → [`snapshot`] → [`changed_entities`] →
//! [`Dependencies::affected`] → render that set → [`super::sync::sync_some`]
//! with the full list. Form PDFs already skip typst when their inputs did not
//! change, through [`crate::build::cache`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::model::Guide;
use crate::revisions::{Change, changes};

/// One entity of the model, named as `tebiki diff` names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    /// `national` or a city id.
    pub scope: String,
    /// `addon`, `qa`, `form`, `city`, `page` …
    pub kind: String,
    pub id: String,
}

impl Entity {
    /// An entity by scope, kind and id.
    pub fn new(scope: &str, kind: &str, id: &str) -> Entity {
        Entity {
            scope: scope.into(),
            kind: kind.into(),
            id: id.into(),
        }
    }
}

/// Every entity of a guide as data (without source positions), as `tebiki diff` compares them.
pub type Snapshot = BTreeMap<(String, &'static str, String), serde_json::Value>;

/// Takes the [`Snapshot`] of a guide, kept to compare the next rebuild with.
pub fn snapshot(guide: &Guide) -> Snapshot {
    changes::entities(guide)
}

/// The entities added, removed or changed from `old` to `new`.
pub fn changed_entities(old: &Snapshot, new: &Snapshot) -> Vec<(Entity, Change)> {
    let entity = |(scope, kind, id): &(String, &'static str, String)| Entity::new(scope, kind, id);
    let mut changed: Vec<(Entity, Change)> = old
        .iter()
        .filter_map(|(key, value)| match new.get(key) {
            None => Some((entity(key), Change::Removed)),
            Some(v) if v != value => Some((entity(key), Change::Changed)),
            Some(_) => None,
        })
        .collect();
    changed.extend(
        new.keys()
            .filter(|key| !old.contains_key(*key))
            .map(|key| (entity(key), Change::Added)),
    );
    changed.sort();
    changed
}

/// The outputs a rebuild must render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// Everything: no dependencies are known, or an input every page reads changed.
    All,
    /// Only these outputs (site paths); unlisted ones keep their last bytes.
    Only(BTreeSet<String>),
}

/// Which entities each output read while it was rendered, as renderers record it.
///
/// Page renderers call [`Dependencies::read`] for every entity whose data ends up in
/// the page (the city page reads `mini/city/mini`; an add-on page reads the add-on
/// and every city step that cites it), or [`Dependencies::read_all`] for pages that
/// list everything (the portal, the comparison, the search index).
#[derive(Debug, Clone, Default)]
pub struct Dependencies {
    reads: BTreeMap<String, BTreeSet<Entity>>,
    everything: BTreeSet<String>,
}

impl Dependencies {
    /// Records that `output` shows data of `entity`.
    pub fn read(&mut self, output: &str, entity: Entity) {
        self.reads
            .entry(output.to_string())
            .or_default()
            .insert(entity);
    }

    /// Records that `output` depends on the whole model.
    pub fn read_all(&mut self, output: &str) {
        self.everything.insert(output.to_string());
    }

    /// True if no renderer recorded anything: then every rebuild is a full one.
    pub fn is_empty(&self) -> bool {
        self.reads.is_empty() && self.everything.is_empty()
    }

    /// The outputs to render after `changes`; `theme_changed` (templates, styles, fonts) means all.
    pub fn affected(&self, changes: &[(Entity, Change)], theme_changed: bool) -> Affected {
        if self.is_empty() || theme_changed {
            return Affected::All;
        }
        // An added entity appears on pages that never read it (a new Q&A on its
        // city's Q&A page); until renderers record the lists they show, render all.
        if changes.iter().any(|(_, c)| *c == Change::Added) {
            return Affected::All;
        }
        let changed: BTreeSet<&Entity> = changes.iter().map(|(e, _)| e).collect();
        let mut only: BTreeSet<String> = self
            .reads
            .iter()
            .filter(|(_, read)| read.iter().any(|e| changed.contains(e)))
            .map(|(output, _)| output.clone())
            .collect();
        if !changed.is_empty() {
            only.extend(self.everything.iter().cloned());
        }
        Affected::Only(only)
    }
}

/// True if any changed path lies below `dir` (both as the watcher reports them: absolute).
pub fn touches(paths: &[PathBuf], dir: &Path) -> bool {
    paths.iter().any(|p| p.starts_with(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps() -> Dependencies {
        let mut deps = Dependencies::default();
        deps.read("ise/qa.html", Entity::new("ise", "qa", "q1"));
        deps.read(
            "ise/flows/touroku.html",
            Entity::new("national", "addon", "kyoten"),
        );
        deps.read(
            "matsue/flows/kinkyu.html",
            Entity::new("national", "addon", "kyoten"),
        );
        deps.read("matsue/qa.html", Entity::new("matsue", "qa", "q1"));
        deps.read_all("index.html");
        deps
    }

    #[test]
    fn a_qa_edit_renders_its_page_and_the_pages_that_list_everything() {
        let changes = [(Entity::new("ise", "qa", "q1"), Change::Changed)];
        let expected: BTreeSet<String> = ["ise/qa.html", "index.html"].map(String::from).into();
        assert_eq!(deps().affected(&changes, false), Affected::Only(expected));
    }

    #[test]
    fn a_national_add_on_edit_renders_every_page_that_cites_it() {
        let changes = [(Entity::new("national", "addon", "kyoten"), Change::Changed)];
        let Affected::Only(only) = deps().affected(&changes, false) else {
            panic!("expected a partial rebuild");
        };
        assert!(only.contains("ise/flows/touroku.html"));
        assert!(only.contains("matsue/flows/kinkyu.html"));
        assert!(!only.contains("ise/qa.html"));
    }

    #[test]
    fn no_recorded_reads_a_theme_change_or_an_addition_renders_everything() {
        let changes = [(Entity::new("ise", "qa", "q1"), Change::Changed)];
        assert_eq!(
            Dependencies::default().affected(&changes, false),
            Affected::All
        );
        assert_eq!(deps().affected(&changes, true), Affected::All);
        let added = [(Entity::new("ise", "qa", "q9"), Change::Added)];
        assert_eq!(deps().affected(&added, false), Affected::All);
    }

    #[test]
    fn snapshots_tell_added_removed_and_changed_entities() {
        let key = |id: &str| ("ise".to_string(), "qa", id.to_string());
        let old: Snapshot = [(key("q1"), 1.into()), (key("q2"), 2.into())].into();
        let new: Snapshot = [
            (key("q1"), 1.into()),
            (key("q2"), 3.into()),
            (key("q3"), 4.into()),
        ]
        .into();
        assert_eq!(
            changed_entities(&old, &new),
            [
                (Entity::new("ise", "qa", "q2"), Change::Changed),
                (Entity::new("ise", "qa", "q3"), Change::Added),
            ]
        );
        assert_eq!(
            changed_entities(&new, &old),
            [
                (Entity::new("ise", "qa", "q2"), Change::Changed),
                (Entity::new("ise", "qa", "q3"), Change::Removed),
            ]
        );
    }

    #[test]
    fn nothing_changed_renders_nothing() {
        assert_eq!(deps().affected(&[], false), Affected::Only(BTreeSet::new()));
    }
}
