//! Checks the cross-reference links written inside Markdown and text
//! (`addon:…`, `qa:…`): every one must name something that exists, in the
//! same city for local kinds.

use std::collections::HashSet;

use crate::diag::Diagnostics;
use crate::messages::Msg;
use crate::model::link::{self, LinkKind};
use crate::model::*;

/// Reports every cross-reference link in national text whose target does not exist.
pub(super) fn check_national(guide: &Guide, diags: &mut Diagnostics) {
    let mut files: Vec<FileId> = national_files(guide).into_iter().collect();
    files.sort();
    for file in files {
        check_file(guide, file, None, diags);
    }
    let mut plain = Plain { guide, diags };
    for e in guide.national.entities() {
        plain.entry(&e, &e.files());
    }
}

/// Reports every cross-reference link in a city's text whose target does not exist.
pub(super) fn check_city(guide: &Guide, city: &Municipality, diags: &mut Diagnostics) {
    let mut files: Vec<FileId> = city_files(city).into_iter().collect();
    files.sort();
    for file in files {
        check_file(guide, file, Some(city), diags);
    }
}

/// Reports every link in a city's text written where no renderer would turn
/// it into one: what the city's files alone decide.
pub(super) fn plain_city(guide: &Guide, city: &Municipality, diags: &mut Diagnostics) {
    let mut plain = Plain { guide, diags };
    for e in city.entities() {
        plain.entry(&e, &e.files());
    }
}

/// Finds link syntax in texts that are shown as written (names, titles,
/// phone numbers, national conditions): there `[Q3](qa:q3)` would reach the
/// reader as raw markup.
struct Plain<'a, 'g> {
    guide: &'g Guide,
    diags: &'a mut Diagnostics,
}

impl Plain<'_, '_> {
    /// Checks one entry, whose texts stand in `files`.
    fn entry<T: serde::Serialize>(&mut self, entry: &T, files: &[FileId]) {
        for (key, text) in crate::model::plain_texts(entry) {
            for (_, target) in link::targets(&text) {
                let written = format!("]({target}");
                let found = files.iter().find_map(|f| {
                    let source = &self.guide.sources[*f];
                    let at = source.text.find(&written)? + 2;
                    Some((source, at))
                });
                let Some((source, at)) = found else {
                    continue;
                };
                self.diags.push(source.error(
                    at..at + target.len(),
                    Msg::LinkNotShown {
                        key: key.clone(),
                        target: target.to_string(),
                    },
                ));
            }
        }
    }
}

fn check_file(guide: &Guide, file: FileId, city: Option<&Municipality>, diags: &mut Diagnostics) {
    let source = &guide.sources[file];
    for (offset, target) in link::targets_in(source) {
        let offset = *offset;
        let target = target.as_str();
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
        let known = known_ids(guide, city, kind);
        let exists = known.iter().any(|own| same_id(own, id));
        if !exists && !guide.unreadable.contains(id) {
            let suggestion = super::closest(id, known.iter().copied()).map(str::to_string);
            diags.push(source.error(
                offset..offset + target.len(),
                Msg::LinkToUnknown {
                    scheme: scheme.to_string(),
                    id: id.to_string(),
                    national_page: city.is_none() && !kind.is_national(),
                    in_city: !kind.is_national(),
                    suggestion,
                },
            ));
        }
    }
}

/// The ids a link of `kind` may reach from a file of `city` (`None`: national).
fn known_ids<'g>(guide: &'g Guide, city: Option<&'g Municipality>, kind: LinkKind) -> Vec<&'g str> {
    fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a Id) -> Vec<&'a str> {
        items.iter().map(|x| id(x).get_ref().as_str()).collect()
    }
    use crate::model::reads::ids as noted;
    let n = &guide.national;
    match (kind, city) {
        (LinkKind::AddOn, _) => ids(noted("addon", &n.addons), |a| &a.id),
        (LinkKind::Function, _) => ids(noted("function", &n.functions), |f| &f.id),
        (LinkKind::Form, _) => ids(noted("form", &guide.forms), |f| &f.id),
        (LinkKind::Page, None) => ids(noted("page", &n.pages), |p| &p.meta.id),
        (LinkKind::Table, None) => ids(noted("table", &n.tables), |t| &t.id),
        (_, None) => Vec::new(),
        (LinkKind::Qa, Some(c)) => ids(&c.qa, |q| &q.id),
        (LinkKind::Term, Some(c)) => ids(&c.glossary, |t| &t.id),
        (LinkKind::Flow, Some(c)) => ids(&c.flows, |f| &f.id),
        (LinkKind::Subsidy, Some(c)) => ids(&c.subsidies, |s| &s.id),
        (LinkKind::Page, Some(c)) => ids(&c.pages, |p| &p.meta.id),
        (LinkKind::Table, Some(c)) => ids(&c.tables, |t| &t.id),
        (LinkKind::List, Some(c)) => ids(&c.lists, |l| &l.id),
        (LinkKind::Directory, Some(c)) => ids(&c.directories, |d| &d.id),
    }
}

/// True if a link to `wanted` reaches the entry whose id is `own`. An id
/// that is itself invalid (`Q1`) is already reported; a link to the id it
/// should be (`q1`) is not reported again.
pub(super) fn same_id(own: &str, wanted: &str) -> bool {
    own == wanted
        || (!super::is_valid_id(own)
            && unicode_normalization::UnicodeNormalization::nfkc(own)
                .collect::<String>()
                .to_ascii_lowercase()
                == wanted)
}

/// Every source file that belongs to a city.
pub(crate) fn city_files(city: &Municipality) -> HashSet<FileId> {
    city.entities().iter().flat_map(|e| e.files()).collect()
}

fn national_files(guide: &Guide) -> HashSet<FileId> {
    guide
        .national
        .entities()
        .iter()
        .flat_map(|e| e.files())
        .collect()
}
