//! What a change touches. A changed file maps to changed entities of the
//! model (an add-on, one Q&A, a form) by comparing the new guide with the last
//! good one; a renderer that records which entities each output read lets a
//! rebuild re-render only the outputs that read a changed entity.
//!
//! The renderers do not record their reads yet, so every rebuild renders in
//! full and [`super::sync`] writes only the files whose bytes changed. This
//! module holds the interface they will fill ([`Dependencies`]) and the rule
//! that turns changes into outputs to render ([`Dependencies::affected`]).

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

/// The entities added, removed or changed between two loaded guides.
pub fn changed_entities(old: &Guide, new: &Guide) -> Vec<(Entity, Change)> {
    changes::compare(old, new)
        .into_iter()
        .map(|c| (Entity::new(&c.scope, &c.kind, &c.id), c.change))
        .collect()
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

/// True if any changed path lies in the themes folder (every page reads the theme).
pub fn theme_changed(paths: &[PathBuf], themes: &Path) -> bool {
    let themes = themes
        .canonicalize()
        .unwrap_or_else(|_| themes.to_path_buf());
    paths.iter().any(|p| p.starts_with(&themes))
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
    fn nothing_changed_renders_nothing() {
        assert_eq!(deps().affected(&[], false), Affected::Only(BTreeSet::new()));
    }
}
