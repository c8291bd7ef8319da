//! What a change touches. A changed file maps to changed entities of the
//! model (an add-on, one Q&A, a city's facts) by comparing the [`EntityValues`] of
//! the new guide with the last good one. Entities of one city reach only that
//! city's pages and the pages read across cities (portal, comparison, the
//! national pages' "cited by"); a national entity (an add-on, a revision) may
//! reach any page. [`scope`] turns the changes into the pages to plan again,
//! and [`narrow`] leaves out the cross-city pages when what they read from
//! the changed cities ([`crate::site::across_stamp`]) is as it was: a Q&A
//! answer edit plans that city's pages alone.
//!
//! Within that scope the site renderer compares each page's data with what it
//! was made from last time ([`crate::site::Stamps`]) and renders only pages
//! whose data changed; forms are keyed by their definitions, and the search
//! index re-cuts only the pages written. A rebuild is: check → [`snapshot`] →
//! [`changed_entities`] → [`scope`] → [`crate::build::render_changed`] →
//! [`super::sync::sync_listed`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::load::NATIONAL;
use crate::model::Guide;
#[cfg(test)]
use crate::model::reads::{Read, Reads};
use crate::revisions::{Change, changes};
use crate::site::Scope;

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
pub(crate) type EntityValues = BTreeMap<(String, &'static str, String), serde_json::Value>;

/// Takes the [`EntityValues`] of a guide, kept to compare the next rebuild with.
pub(crate) fn snapshot(guide: &Guide) -> EntityValues {
    changes::entities(guide)
}

/// True if an entity is read again with the folders `ids` ([`crate::load::Reloaded::Cities`]):
/// a city's own with its folder, the national ones and every form with [`NATIONAL`].
fn is_in(key: &(String, &'static str, String), ids: &BTreeSet<String>) -> bool {
    let (scope, kind, _) = key;
    if *kind == "form" {
        ids.contains(NATIONAL)
    } else {
        ids.contains(scope)
    }
}

/// The part of [`EntityValues`] that holds the entities read again with `ids`.
pub(crate) fn part(snapshot: &EntityValues, ids: &BTreeSet<String>) -> EntityValues {
    let forms = ids.contains(NATIONAL).then(|| {
        snapshot
            .iter()
            .filter(|((_, kind, _), _)| *kind == "form")
            .map(|(k, v)| (k.clone(), v.clone()))
    });
    ids.iter()
        .flat_map(|id| {
            snapshot
                .range((id.clone(), "", String::new())..)
                .take_while(move |((scope, _, _), _)| scope == id)
                .filter(|(key, _)| is_in(key, ids))
                .map(|(k, v)| (k.clone(), v.clone()))
        })
        .chain(forms.into_iter().flatten())
        .collect()
}

/// The entities read again with `ids` in a guide, as [`snapshot`] takes them.
pub(crate) fn snapshot_of(guide: &Guide, ids: &BTreeSet<String>) -> EntityValues {
    let mut all: EntityValues = ids
        .iter()
        .filter_map(|id| guide.city(id))
        .flat_map(changes::city_entities)
        .collect();
    if ids.contains(NATIONAL) {
        all.extend(
            changes::shared_entities(guide)
                .into_iter()
                .filter(|(key, _)| is_in(key, ids)),
        );
    }
    all
}

/// Puts the entities read again with `ids`, taken anew, in place of theirs in `snapshot`.
pub(crate) fn replace(snapshot: &mut EntityValues, ids: &BTreeSet<String>, new: EntityValues) {
    snapshot.retain(|key, _| !is_in(key, ids));
    snapshot.extend(new);
}

/// The entities added, removed or changed from `old` to `new`.
pub(crate) fn changed_entities(old: &EntityValues, new: &EntityValues) -> Vec<(Entity, Change)> {
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

/// The pages to plan again after `changes` and the edits of the form
/// definitions `definitions` (by id): those of the cities whose entities
/// changed (with the cross-city pages), and, when a national entity or a
/// form changed, the pages that read it ([`crate::model::reads`]).
pub(crate) fn scope(changes: &[(Entity, Change)], definitions: &BTreeMap<String, bool>) -> Scope {
    let (shared, own): (Vec<_>, Vec<_>) = changes
        .iter()
        .partition(|(e, _)| e.scope == NATIONAL || e.kind == "form");
    let cities: BTreeSet<String> = own.iter().map(|(e, _)| e.scope.clone()).collect();
    let shared = shared
        .iter()
        .map(|(e, change)| (e.kind.as_str(), e.id.as_str(), *change != Change::Changed))
        .chain(
            definitions
                .iter()
                .map(|(id, came_or_went)| ("definition", id.as_str(), *came_or_went)),
        );
    // A kind the pages do not note is read by none of them alike: plan everything.
    let Some(read) = crate::model::reads::changed(shared) else {
        return Scope::All;
    };
    if read.is_empty() {
        Scope::Cities(cities)
    } else {
        Scope::Reading { read, cities }
    }
}

/// A hash of each resolved form definition, by id, to tell which an edit of `forms/` changed.
pub(crate) type Definitions = BTreeMap<String, u64>;

/// [`Definitions`] of a guide.
pub(crate) fn definitions(guide: &Guide) -> Definitions {
    use std::hash::{Hash, Hasher};
    guide
        .definitions
        .iter()
        .map(|form| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            format!("{form:?}").hash(&mut hasher);
            (form.id.clone(), hasher.finish())
        })
        .collect()
}

/// The ids of the definitions added, removed or changed from `old` to `new`,
/// each with whether it was added or removed.
pub(crate) fn changed_definitions(old: &Definitions, new: &Definitions) -> BTreeMap<String, bool> {
    let changed = old
        .iter()
        .filter(|(id, hash)| new.get(*id) != Some(hash))
        .map(|(id, _)| (id.clone(), !new.contains_key(id)));
    let added = new
        .keys()
        .filter(|id| !old.contains_key(*id))
        .map(|id| (id.clone(), true));
    changed.chain(added).collect()
}

/// What the pages read across cities took from each city at the last good
/// rebuild, by city id: [`crate::site::across_stamp`].
pub(crate) type Across = HashMap<String, u64>;

/// Narrows a scope of cities to [`Scope::CitiesOnly`] when every one of them
/// still gives the pages read across cities what it gave at the last good
/// rebuild (`last`). Returns the scope and the cities' stamps now, to keep
/// once the rebuild succeeds.
pub(crate) fn narrow(scope: Scope, guide: &Guide, last: &Across) -> (Scope, Across) {
    let Scope::Cities(ids) = scope else {
        return (scope, Across::new());
    };
    let now: Across = ids
        .iter()
        .filter_map(|id| guide.city(id))
        .map(|c| (c.id().to_string(), crate::site::across_stamp(guide, c)))
        .collect();
    let same = ids
        .iter()
        .all(|id| now.get(id).is_some_and(|stamp| last.get(id) == Some(stamp)));
    let scope = if same {
        Scope::CitiesOnly(ids)
    } else {
        Scope::Cities(ids)
    };
    (scope, now)
}

/// [`crate::site::across_stamp`] of every city.
pub(crate) fn across(guide: &Guide) -> Across {
    use rayon::prelude::*;
    guide
        .cities
        .par_iter()
        .map(|c| (c.id().to_string(), crate::site::across_stamp(guide, c)))
        .collect()
}

/// True if any changed path lies below `dir` (both as the watcher reports them: absolute).
pub(crate) fn touches(paths: &[PathBuf], dir: &Path) -> bool {
    paths.iter().any(|p| p.starts_with(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_edit_plans_that_city_and_a_national_edit_what_reads_it() {
        let qa = (Entity::new("ise", "qa", "q1"), Change::Changed);
        let added = (Entity::new("zushi", "qa", "q9"), Change::Added);
        let addon = (Entity::new("national", "addon", "kyoten"), Change::Changed);
        let none = BTreeMap::new();
        assert_eq!(
            scope(&[qa.clone(), added], &none),
            Scope::Cities(["ise", "zushi"].map(String::from).into())
        );
        assert_eq!(
            scope(&[qa, addon], &none),
            Scope::Reading {
                read: Reads::from([
                    Read::One("addon", "kyoten".into()),
                    Read::One(crate::model::reads::ADDON_VALUES, "kyoten".into()),
                ]),
                cities: BTreeSet::from(["ise".to_string()]),
            }
        );
        let fields = BTreeMap::from([("kushiro-a".to_string(), false)]);
        assert_eq!(
            scope(&[], &fields),
            Scope::Reading {
                read: Reads::from([Read::One("definition", "kushiro-a".into())]),
                cities: BTreeSet::new(),
            }
        );
        assert_eq!(scope(&[], &none), Scope::Cities(BTreeSet::new()));
    }

    #[test]
    fn only_what_pages_across_cities_read_plans_them() {
        let inputs = crate::load::Inputs::bundled();
        let (mut guide, _) = crate::load::load(&inputs);
        let last = across(&guide);
        let zushi = || Scope::Cities(BTreeSet::from(["zushi".to_string()]));
        let at = guide.cities.iter().position(|c| c.id() == "zushi").unwrap();

        guide.cities[at].qa[0].answer.0.push_str("（改訂）");
        let (scope, now) = narrow(zushi(), &guide, &last);
        assert_eq!(
            scope,
            Scope::CitiesOnly(BTreeSet::from(["zushi".to_string()]))
        );
        assert_eq!(now["zushi"], last["zushi"]);

        // A Q&A that cites an add-on shows on the add-on's national page.
        guide.cities[at].qa[0]
            .answer
            .0
            .push_str("[加算](addon:chiiki-soudan-kyoka)");
        assert_eq!(narrow(zushi(), &guide, &last).0, zushi());

        // A subsidy shows in the comparison.
        let (mut guide, _) = crate::load::load(&inputs);
        guide.cities[at].subsidies[0].name.push('*');
        assert_eq!(narrow(zushi(), &guide, &last).0, zushi());
    }

    #[test]
    fn snapshots_tell_added_removed_and_changed_entities() {
        let key = |id: &str| ("ise".to_string(), "qa", id.to_string());
        let old: EntityValues = [(key("q1"), 1.into()), (key("q2"), 2.into())].into();
        let new: EntityValues = [
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
}
