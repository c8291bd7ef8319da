//! Checks the cross-reference links written inside Markdown and text
//! (`addon:…`, `qa:…`): every one must name something that exists, in the
//! same city for local kinds.

use std::collections::HashSet;

use crate::diag::Diagnostics;
use crate::messages::Msg;
use crate::model::link::{self, LinkKind};
use crate::model::*;

/// Reports every cross-reference link in national text whose target does not exist.
pub fn check_national(guide: &Guide, diags: &mut Diagnostics) {
    let mut files: Vec<FileId> = national_files(guide).into_iter().collect();
    files.sort();
    for file in files {
        check_file(guide, file, None, diags);
    }
}

/// Reports every cross-reference link in a city's text whose target does not exist.
pub fn check_city(guide: &Guide, city: &Municipality, diags: &mut Diagnostics) {
    let mut files: Vec<FileId> = city_files(city).into_iter().collect();
    files.sort();
    for file in files {
        check_file(guide, file, Some(city), diags);
    }
}

fn check_file(guide: &Guide, file: FileId, city: Option<&Municipality>, diags: &mut Diagnostics) {
    let source = &guide.sources[file];
    for (offset, target) in link::targets(&source.text) {
        let Some(scheme) = target.split_once(':').map(|(s, _)| s) else {
            continue;
        };
        if matches!(scheme, "http" | "https" | "mailto" | "tel") {
            continue;
        }
        let Some((kind, id)) = link::parse(target) else {
            let schemes: Vec<&str> = LinkKind::ALL.iter().map(|(s, _)| *s).collect();
            diags.push(source.error(
                offset..offset + target.len(),
                Msg::UnknownLinkKind {
                    scheme: scheme.to_string(),
                    schemes: schemes.iter().map(|s| s.to_string()).collect(),
                },
            ));
            continue;
        };
        let exists = match (kind, city) {
            (LinkKind::AddOn, _) => guide.addon(id).is_some(),
            (LinkKind::Function, _) => guide.function(id).is_some(),
            (LinkKind::Form, _) => guide.form(id).is_some(),
            (LinkKind::Page, None) => guide
                .national
                .pages
                .iter()
                .any(|p| p.meta.id.get_ref() == id),
            (LinkKind::Table, None) => guide.national.tables.iter().any(|t| t.id.get_ref() == id),
            (_, None) => false,
            (kind, Some(city)) => local_exists(city, kind, id),
        };
        if !exists && !guide.unreadable.contains(id) {
            diags.push(source.error(
                offset..offset + target.len(),
                Msg::LinkToUnknown {
                    scheme: scheme.to_string(),
                    id: id.to_string(),
                    national_page: city.is_none() && !kind.is_national(),
                    in_city: !kind.is_national(),
                    suggestion: None,
                },
            ));
        }
    }
}

fn local_exists(city: &Municipality, kind: LinkKind, id: &str) -> bool {
    fn found<'a>(mut ids: impl Iterator<Item = &'a String>, id: &str) -> bool {
        ids.any(|own| same_id(own, id))
    }
    match kind {
        LinkKind::Qa => found(city.qa.iter().map(|q| q.id.get_ref()), id),
        LinkKind::Term => found(city.glossary.iter().map(|t| t.id.get_ref()), id),
        LinkKind::Flow => found(city.flows.iter().map(|f| f.id.get_ref()), id),
        LinkKind::Subsidy => found(city.subsidies.iter().map(|s| s.id.get_ref()), id),
        LinkKind::Page => found(city.pages.iter().map(|p| p.meta.id.get_ref()), id),
        LinkKind::Table => found(city.tables.iter().map(|t| t.id.get_ref()), id),
        LinkKind::List => found(city.lists.iter().map(|l| l.id.get_ref()), id),
        LinkKind::Directory => found(city.directories.iter().map(|d| d.id.get_ref()), id),
        LinkKind::AddOn | LinkKind::Function | LinkKind::Form => false,
    }
}

/// True if a link to `wanted` reaches the entry whose id is `own`. An id
/// that is itself invalid (`Q1`) is already reported; a link to the id it
/// should be (`q1`) is not reported again.
pub fn same_id(own: &str, wanted: &str) -> bool {
    own == wanted
        || (!super::is_valid_id(own)
            && unicode_normalization::UnicodeNormalization::nfkc(own)
                .collect::<String>()
                .to_ascii_lowercase()
                == wanted)
}

/// Every source file that belongs to a city.
pub fn city_files(city: &Municipality) -> HashSet<FileId> {
    let mut files: HashSet<FileId> = HashSet::new();
    files.insert(city.city.file);
    files.extend(city.organisations.iter().map(|x| x.file));
    files.extend(city.functions.iter().map(|x| x.file));
    files.extend(city.flows.iter().map(|x| x.file));
    files.extend(city.subsidies.iter().map(|x| x.file));
    files.extend(city.qa.iter().map(|x| x.file));
    files.extend(city.glossary.iter().map(|x| x.file));
    files.extend(city.directories.iter().map(|x| x.file));
    files.extend(city.tables.iter().map(|x| x.file));
    files.extend(city.lists.iter().map(|x| x.file));
    files.extend(city.pages.iter().map(|x| x.file));
    files
}

fn national_files(guide: &Guide) -> HashSet<FileId> {
    let n = &guide.national;
    let mut files: HashSet<FileId> = HashSet::new();
    files.extend(n.functions.iter().map(|x| x.file));
    files.extend(n.roles.iter().map(|x| x.file));
    files.extend(n.revisions.iter().map(|x| x.file));
    files.extend(n.addons.iter().map(|x| x.file));
    files.extend(n.monitoring.iter().map(|x| x.file));
    files.extend(n.tables.iter().map(|x| x.file));
    files.extend(n.pages.iter().map(|x| x.file));
    files
}
