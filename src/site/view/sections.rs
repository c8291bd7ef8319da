//! The sections of a city's guide, each declared once: when the city has
//! it, where it lives and what the navigation calls it. The website's pages
//! (`view::city::units`), its navigation and the printed guide's chapters
//! all walk [`Section::of`] and match on the section, so a new section does
//! not compile until each of them has it.

use crate::model::{Flow, FunctionDescription, Guide, Municipality, Page};
use crate::site::paths::of;

/// One section of a city's guide, in the navigation and in the printed guide.
#[derive(Debug, Clone, Copy)]
pub enum Section<'c> {
    Overview,
    Function(&'c FunctionDescription),
    Flow(&'c Flow),
    AddOns,
    Subsidies,
    Qa,
    Glossary,
    Contacts,
    Tables,
    Lists,
    Prose(&'c Page),
    Forms,
    History,
}

impl<'c> Section<'c> {
    /// The sections `c` has content for, in reading order.
    pub fn of(guide: &Guide, c: &'c Municipality) -> Vec<Section<'c>> {
        let mut all = vec![Section::Overview];
        all.extend(ordered_functions(c).into_iter().map(Section::Function));
        all.extend(ordered_flows(c).into_iter().map(Section::Flow));
        all.extend([
            Section::AddOns,
            Section::Subsidies,
            Section::Qa,
            Section::Glossary,
            Section::Contacts,
            Section::Tables,
            Section::Lists,
        ]);
        all.extend(ordered_pages(c).into_iter().map(Section::Prose));
        all.extend([Section::Forms, Section::History]);
        all.retain(|s| s.is_in(guide, c));
        all
    }

    /// True if `c` has content for the section.
    fn is_in(&self, guide: &Guide, c: &Municipality) -> bool {
        match self {
            Section::Overview | Section::Function(_) | Section::Flow(_) | Section::Prose(_) => true,
            Section::AddOns => !c.functions.is_empty() || !c.flows.is_empty(),
            Section::Subsidies => !c.subsidies.is_empty(),
            Section::Qa => !c.qa.is_empty(),
            Section::Glossary => !c.glossary.is_empty(),
            Section::Contacts => !c.directories.is_empty() || !c.organisations.is_empty(),
            Section::Tables => !c.tables.is_empty(),
            Section::Lists => !c.lists.is_empty(),
            Section::Forms => !c.city.forms.is_empty(),
            Section::History => crate::revisions::history::has_history(guide, c),
        }
    }

    /// The section's page, relative to the site root.
    pub fn path(&self, city: &str) -> String {
        match self {
            Section::Overview => of::city(city),
            Section::Function(f) => of::city_function(city, f.function.get_ref()),
            Section::Flow(f) => of::flow(city, f.id.get_ref()),
            Section::AddOns => of::city_addons(city),
            Section::Subsidies => of::subsidies(city),
            Section::Qa => of::qa(city),
            Section::Glossary => of::glossary(city),
            Section::Contacts => of::contacts(city),
            Section::Tables => of::tables(city),
            Section::Lists => of::lists(city),
            Section::Prose(p) => of::page(city, p.meta.id.get_ref()),
            Section::Forms => of::forms(city),
            Section::History => of::history(city),
        }
    }

    /// What the navigation calls the section.
    pub fn title(&self, guide: &Guide) -> String {
        match self {
            Section::Overview => "概要".into(),
            Section::Function(f) => format!("機能：{}", super::links::function_name(guide, f)),
            Section::Flow(f) => f.title.clone(),
            Section::AddOns => "加算".into(),
            Section::Subsidies => "市単独補助".into(),
            Section::Qa => "Q&A".into(),
            Section::Glossary => "用語".into(),
            Section::Contacts => "連絡先".into(),
            Section::Tables => "表・チェックリスト".into(),
            Section::Lists => "対象・一覧".into(),
            Section::Prose(p) => p.meta.title.clone(),
            Section::Forms => "様式".into(),
            Section::History => "更新履歴".into(),
        }
    }
}

/// The sections of a city's guide that have content, as (site path, title), in reading order.
pub fn sections(guide: &Guide, c: &Municipality) -> Vec<(String, String)> {
    Section::of(guide, c)
        .iter()
        .map(|s| (s.path(c.id()), s.title(guide)))
        .collect()
}

/// Prose pages the navigation of every page lists one by one; a city with
/// more lists them on its overview instead, so that the size of each page,
/// and the time to build them all, does not grow with the number of pages.
pub(crate) const NAV_PAGES: usize = 30;

/// The sections the navigation of a city's pages shows: [`sections`], with
/// the prose pages gathered into one entry when there are more than [`NAV_PAGES`].
pub(crate) fn nav_sections(guide: &Guide, c: &Municipality) -> Vec<(String, String)> {
    let all = sections(guide, c);
    if c.pages.len() <= NAV_PAGES {
        return all;
    }
    let prose = of::page(c.id(), "");
    let prose = prose.trim_end_matches(".html");
    let mut out = Vec::with_capacity(all.len() - c.pages.len() + 1);
    for (path, title) in all {
        if !path.starts_with(prose) {
            out.push((path, title));
        } else if !out.iter().any(|(p, _)| p.ends_with("#pages")) {
            out.push((
                format!("{}#pages", of::city(c.id())),
                format!("ページの一覧（{}件）", c.pages.len()),
            ));
        }
    }
    out
}

/// The city's prose pages in reading order.
pub(crate) fn ordered_pages(c: &Municipality) -> Vec<&crate::model::Page> {
    let mut pages: Vec<_> = c.pages.iter().collect();
    pages.sort_by_key(|p| (p.meta.order, p.meta.id.get_ref().clone()));
    pages
}

/// The city's function descriptions in the order its `city.toml` lists the functions.
pub fn ordered_functions(c: &Municipality) -> Vec<&FunctionDescription> {
    let mut fs: Vec<&FunctionDescription> = c.functions.iter().collect();
    fs.sort_by_key(|f| {
        c.city
            .functions
            .iter()
            .position(|id| id.get_ref() == f.function.get_ref())
            .unwrap_or(usize::MAX)
    });
    fs
}

/// The city's flows in their given order.
pub fn ordered_flows(c: &Municipality) -> Vec<&crate::model::Flow> {
    let mut flows: Vec<_> = c.flows.iter().collect();
    flows.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
    flows
}
