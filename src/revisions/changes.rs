//! Changed values between two loaded guides. Every entity (an add-on, a
//! Q&A, a subsidy …) is compared as data, without source positions, so an
//! edit that only moves text around in a file is not a change.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::Change;
use crate::model::Guide;

/// One entity that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueChange {
    /// `national` or a city id.
    pub scope: String,
    pub kind: String,
    pub id: String,
    pub change: Change,
    /// The fields that differ, for a changed entity.
    pub fields: Vec<FieldChange>,
}

/// One field that differs, addressed by a path such as `values[1].units`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub path: String,
    pub old: String,
    pub new: String,
}

/// Where an entity is: its scope (`national` or the city's id), its kind and its id.
type Address = (String, &'static str, String);

/// Every entity of a guide as data, keyed by scope, kind and id.
pub(crate) fn entities(guide: &Guide) -> BTreeMap<Address, Value> {
    let mut all = shared_entities(guide);
    // Serialising every entity is the costly part: cities are done in parallel.
    let per_city: Vec<Vec<(Address, Value)>> = guide.cities.par_iter().map(city_entities).collect();
    all.extend(per_city.into_iter().flatten());
    all
}

/// The entities that belong to no city's folder: the national ones and the forms.
pub(crate) fn shared_entities(guide: &Guide) -> BTreeMap<Address, Value> {
    let mut all = BTreeMap::new();
    let mut put = |scope: &str, kind: &'static str, id: &str, value: Value| {
        all.insert((scope.to_string(), kind, id.to_string()), value);
    };
    for e in guide.national.entities() {
        put("national", e.kind(), e.id(), e.to_json());
    }
    for f in &guide.forms {
        put(
            f.city.as_deref().unwrap_or("national"),
            "form",
            f.id.get_ref(),
            Value::String(f.title.clone()),
        );
    }
    all
}

/// The entities of one city, as [`entities`] lists them.
pub(crate) fn city_entities(c: &crate::model::Municipality) -> Vec<(Address, Value)> {
    let mut seen: std::collections::HashMap<(&'static str, String), usize> = Default::default();
    c.entities()
        .iter()
        .map(|e| {
            // Entities without an id of their own (a city's conditions, by
            // their add-ons) may repeat one: number the repeats.
            let id = e.id().into_owned();
            let n = seen.entry((e.kind(), id.clone())).or_default();
            *n += 1;
            let id = if *n == 1 { id } else { format!("{id}#{n}") };
            ((c.id().to_string(), e.kind(), id), e.to_json())
        })
        .collect()
}

/// Every entity added, removed or changed from `old` to `new`.
pub(crate) fn compare(old: &Guide, new: &Guide) -> Vec<ValueChange> {
    let (old, new) = (entities(old), entities(new));
    let mut changes = Vec::new();
    for (key, old_value) in &old {
        match new.get(key) {
            None => changes.push(change(key, Change::Removed, Vec::new())),
            Some(new_value) if new_value != old_value => {
                let mut fields = Vec::new();
                field_changes("", old_value, new_value, &mut fields);
                changes.push(change(key, Change::Changed, fields));
            }
            Some(_) => {}
        }
    }
    for key in new.keys().filter(|k| !old.contains_key(*k)) {
        changes.push(change(key, Change::Added, Vec::new()));
    }
    changes.sort_by(|a, b| (&a.scope, &a.kind, &a.id).cmp(&(&b.scope, &b.kind, &b.id)));
    changes
}

fn change(key: &Address, change: Change, fields: Vec<FieldChange>) -> ValueChange {
    ValueChange {
        scope: key.0.clone(),
        kind: key.1.to_string(),
        id: key.2.clone(),
        change,
        fields,
    }
}

/// The leaves that differ between two JSON values, with their paths. An
/// added or removed object or list element is reported leaf by leaf too.
fn field_changes(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    let empty_object = Value::Object(Default::default());
    let empty_array = Value::Array(Vec::new());
    let (old, new) = match (old, new) {
        (Value::Null, Value::Object(_)) => (&empty_object, new),
        (Value::Object(_), Value::Null) => (old, &empty_object),
        (Value::Null, Value::Array(_)) => (&empty_array, new),
        (Value::Array(_), Value::Null) => (old, &empty_array),
        _ => (old, new),
    };
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                field_changes(
                    &sub,
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let (x, y) = (
                    a.get(i).unwrap_or(&Value::Null),
                    b.get(i).unwrap_or(&Value::Null),
                );
                field_changes(&format!("{path}[{i}]"), x, y, out);
            }
        }
        _ if old != new => out.push(FieldChange {
            path: path.to_string(),
            old: short(old),
            new: short(new),
        }),
        _ => {}
    }
}

fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => "(none)".to_string(),
        other => other.to_string(),
    };
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Conditions a city attaches to add-ons have no id of their own: they
    /// are entities by their add-ons, and a change to one is seen.
    #[test]
    fn a_citys_conditions_on_add_ons_are_compared() {
        let inputs = crate::load::Inputs::bundled();
        let (old, _) = crate::load::load(&inputs);
        let (mut new, _) = crate::load::load(&inputs);
        let zushi = new.cities.iter_mut().find(|c| c.id() == "zushi").unwrap();
        zushi.addon_conditions[0].source = Some("4③（改）".into());
        let changes = compare(&old, &new);
        let found: Vec<(&str, &str, &str)> = changes
            .iter()
            .map(|c| (c.scope.as_str(), c.kind.as_str(), c.id.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                "zushi",
                "addon_condition",
                "chiiki-soudan-kyoka+chiiki-taisei-kyoka"
            )]
        );
    }
}
