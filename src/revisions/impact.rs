//! Which outputs changed: two built sites compared file by file, so the
//! report names exactly the pages and forms whose bytes differ.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::Change;

/// One output file that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputChange {
    /// The city whose folder holds it, or `site` for shared files.
    pub scope: String,
    /// Path relative to the site root, with forward slashes.
    pub path: String,
    pub change: Change,
}

/// Files of a built site, the search index left out: relative path → bytes.
pub(crate) fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            // The search index follows from the pages; the changed pages name the change.
            if rel.starts_with(&format!("{}/", crate::search::DIR)) {
                return None;
            }
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect()
}

/// Every file added, removed or changed from the site in `old` to the one in `new`.
pub(crate) fn compare(old: &Path, new: &Path, cities: &[String]) -> Vec<OutputChange> {
    let (old, new) = (files(old), files(new));
    let scope = |path: &str| {
        let first = path.split('/').next().unwrap_or("");
        if cities.iter().any(|c| c == first) {
            first.to_string()
        } else {
            "site".to_string()
        }
    };
    let mut changes = Vec::new();
    for (path, bytes) in &old {
        let change = match new.get(path) {
            None => Some(Change::Removed),
            Some(b) if b != bytes => Some(Change::Changed),
            Some(_) => None,
        };
        if let Some(change) = change {
            changes.push(OutputChange {
                scope: scope(path),
                path: path.clone(),
                change,
            });
        }
    }
    for path in new.keys().filter(|p| !old.contains_key(*p)) {
        changes.push(OutputChange {
            scope: scope(path),
            path: path.clone(),
            change: Change::Added,
        });
    }
    changes.sort_by(|a, b| (&a.scope, &a.path).cmp(&(&b.scope, &b.path)));
    changes
}
