//! The domain model: national rules stated once and each municipality's own
//! parts stated once, as typed data with no HTML and no typst in it.
//!
//! The types double as the file format: they are read from `content/` with
//! serde, rejecting unknown keys, and keep the source span of every id and
//! reference so the checker can point at the exact place of a fault.

pub mod accessibility;
pub(crate) mod city;
pub(crate) mod date;
pub(crate) mod flow;
pub(crate) mod link;
pub(crate) mod local;
pub(crate) mod national;
pub(crate) mod reads;
pub(crate) mod reference;
mod spanned;
pub(crate) mod subsidy;
pub(crate) mod timeline;

use serde::{Deserialize, Serialize};
pub(crate) use spanned::Spanned;

pub use city::*;
pub use date::{Date, DateFault};
pub use flow::*;
pub(crate) use local::*;
pub(crate) use national::*;
pub(crate) use reference::*;
pub(crate) use subsidy::*;

/// An identifier or a reference to one, with the place it was written.
pub(crate) type Id = Spanned<String>;

/// Index of a loaded source file in [`Guide::sources`].
pub(crate) type FileId = usize;

/// Markdown written by an editor: untrusted text, sanitised whenever it is rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Markdown(pub String);

impl Markdown {
    /// The raw Markdown source.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

thread_local! {
    /// Set while [`plain_texts`] serializes a value: Markdown then marks itself.
    static MARKING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What Markdown starts with while [`plain_texts`] serializes (a private-use character).
const MARK: char = '\u{f8ff}';

impl Serialize for Markdown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if MARKING.with(std::cell::Cell::get) {
            serializer.serialize_str(&format!("{MARK}{}", self.0))
        } else {
            serializer.serialize_str(&self.0)
        }
    }
}

/// Every text of `value` that is not Markdown, with the key it is written
/// under: the texts no renderer turns links in. Serde's view of the model
/// is the one place that knows every field and its type.
pub(crate) fn plain_texts<T: Serialize>(value: &T) -> Vec<(String, String)> {
    fn walk(value: &serde_json::Value, key: &str, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::String(s) if !s.starts_with(MARK) => {
                out.push((key.to_string(), s.clone()));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, key, out)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, out)),
            _ => {}
        }
    }
    MARKING.with(|m| m.set(true));
    let json = serde_json::to_value(value);
    MARKING.with(|m| m.set(false));
    let mut out = Vec::new();
    if let Ok(json) = json {
        walk(&json, "", &mut out);
    }
    out
}

/// Everything tebiki knows: the national rules, every municipality, the
/// forms found in `forms/` and the search synonym table, each read once.
#[derive(Debug, Default)]
pub struct Guide {
    pub national: National,
    /// The site's accessibility policy and test results, from `content/accessibility/`.
    pub accessibility: accessibility::Accessibility,
    pub cities: Vec<Municipality>,
    /// Each form file's header (id, title, city), read even when the rest of its file is not.
    pub forms: Vec<FormRef>,
    /// The form definitions that could be resolved (variants applied), sorted by id.
    pub definitions: Vec<crate::forms::Form>,
    /// The search synonym table (`content/search/synonyms.toml`).
    pub synonyms: crate::search::synonyms::Synonyms,
    pub sources: Vec<crate::diag::SourceFile>,
    /// Ids of entries that could not be read; references to them are not faults of their own.
    pub unreadable: std::collections::HashSet<String>,
}

/// A form known to exist in `forms/`, with where it was defined.
#[derive(Debug, Clone)]
pub struct FormRef {
    pub id: Id,
    pub title: String,
    pub city: Option<String>,
    /// Where the form's fields came from (`Designed: …` or `Transcribed …`).
    pub source: Option<String>,
    pub file: FileId,
}

impl Guide {
    /// The municipality with this id, if loaded.
    pub fn city(&self, id: &str) -> Option<&Municipality> {
        self.cities.iter().find(|c| c.city.id.get_ref() == id)
    }

    /// The resolved definition of the form with this id, if it has no fault.
    pub fn definition(&self, id: &str) -> Option<&crate::forms::Form> {
        reads::one("definition", id);
        self.find_definition(id)
    }

    /// True if the form with this id has a resolved definition (what it holds is not read).
    pub(crate) fn has_definition(&self, id: &str) -> bool {
        reads::exists("definition", id);
        self.find_definition(id).is_some()
    }

    fn find_definition(&self, id: &str) -> Option<&crate::forms::Form> {
        self.definitions
            .binary_search_by(|f| f.id.as_str().cmp(id))
            .ok()
            .map(|at| &self.definitions[at])
    }

    /// The national add-on with this id, if defined.
    pub fn addon(&self, id: &str) -> Option<&AddOn> {
        reads::one("addon", id);
        self.find_addon(id)
    }

    /// The national add-on with this id, for reading its values alone (units,
    /// periods, revisions): what reads it is made again only when they change.
    pub(crate) fn addon_for_values(&self, id: &str) -> Option<&AddOn> {
        reads::one(reads::ADDON_VALUES, id);
        self.find_addon(id)
    }

    fn find_addon(&self, id: &str) -> Option<&AddOn> {
        self.national.addons.iter().find(|a| a.id.get_ref() == id)
    }

    /// The national hub function with this id, if defined.
    pub(crate) fn function(&self, id: &str) -> Option<&HubFunction> {
        reads::one("function", id);
        self.national
            .functions
            .iter()
            .find(|f| f.id.get_ref() == id)
    }

    /// The national role type with this id, if defined.
    pub fn role(&self, id: &str) -> Option<&RoleType> {
        reads::one("role", id);
        self.national.roles.iter().find(|r| r.id.get_ref() == id)
    }

    /// The fee revision with this id, if defined.
    pub fn revision(&self, id: &str) -> Option<&Revision> {
        reads::one("revision", id);
        self.national
            .revisions
            .iter()
            .find(|r| r.id.get_ref() == id)
    }

    /// The form with this id, if `forms/` defines it.
    pub fn form(&self, id: &str) -> Option<&FormRef> {
        reads::one("form", id);
        self.forms.iter().find(|f| f.id.get_ref() == id)
    }
}
