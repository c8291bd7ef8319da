//! Site-wide pages: the portal, the comparison across cities, and the
//! accessibility policy.

use serde::Serialize;

use super::links::{function_name, organisation_link, subsidy_amounts};
use super::table::{self, TableView};
use super::{Ctx, Link, Planned, Site};
use crate::model::Stated;
use crate::site::paths::of;

/// The portal, the comparison and the accessibility policy.
pub(crate) fn units<'s>(site: &'s Site<'s>) -> Vec<super::AcrossUnit<'s>> {
    let mut units: Vec<super::AcrossUnit<'s>> = vec![
        (of::portal(), Box::new(move || vec![portal(site)])),
        (
            of::accessibility(),
            Box::new(move || vec![super::accessibility::policy(site)]),
        ),
        (of::search(), Box::new(move || vec![search(site)])),
        (of::not_found(), Box::new(move || vec![not_found(site)])),
        (of::comparison(), Box::new(move || comparisons(site))),
    ];
    if site.guide.accessibility.results.is_some() {
        units.push((
            of::accessibility_results(),
            Box::new(move || super::accessibility::results(site).into_iter().collect()),
        ));
    }
    units
}

#[derive(Serialize)]
struct PortalPage {
    prefectures: Vec<PrefectureGroup>,
    /// Past [`LISTED`] cities, one line per city instead of
    /// a card: the portal stays light at national scale, and each city's
    /// overview holds what its card would.
    compact: bool,
    functions: Vec<FunctionCard>,
    national: Link,
    addons: Vec<Link>,
    comparison: Link,
}

/// The cities of one prefecture, in the order of their readings.
#[derive(Serialize)]
struct PrefectureGroup {
    name: String,
    cities: Vec<CityCard>,
}

/// How many cities a page across cities lists one by one; past that the
/// functions across cities are listed a prefecture per page, so that no page
/// grows with the number of cities.
pub(crate) const LISTED: usize = 100;

/// The guide's cities grouped by prefecture (JIS order, unknown names last by
/// name) and, within one, by reading.
pub(super) fn by_prefecture(
    cities: &[crate::model::Municipality],
) -> Vec<(String, Vec<&crate::model::Municipality>)> {
    let rank = |name: &str| {
        crate::model::PREFECTURES
            .iter()
            .position(|p| *p == name)
            .unwrap_or(crate::model::PREFECTURES.len())
    };
    let mut sorted: Vec<&crate::model::Municipality> = cities.iter().collect();
    sorted.sort_by(|a, b| {
        let (pa, pb) = (&a.city.prefecture, &b.city.prefecture);
        (rank(pa), pa, &a.city.reading, a.id()).cmp(&(rank(pb), pb, &b.city.reading, b.id()))
    });
    let mut groups: Vec<(String, Vec<&crate::model::Municipality>)> = Vec::new();
    for c in sorted {
        match groups.last_mut() {
            Some((name, members)) if *name == c.city.prefecture => members.push(c),
            _ => groups.push((c.city.prefecture.clone(), vec![c])),
        }
    }
    groups
}

/// A prefecture's JIS number (北海道 1 … 沖縄県 47), 0 for a name outside the list.
pub(super) fn prefecture_number(name: &str) -> usize {
    crate::model::PREFECTURES
        .iter()
        .position(|p| *p == name)
        .map_or(0, |i| i + 1)
}

#[derive(Serialize)]
struct CityCard {
    link: Link,
    prefecture: String,
    guide_title: String,
    development: Option<String>,
    members: Vec<String>,
    guide_pdf: Option<super::GuidePdf>,
}

#[derive(Serialize)]
struct FunctionCard {
    link: Link,
    region: Option<String>,
    summary: String,
}

fn portal(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::portal());
    let md = ctx.md();
    let mut functions: Vec<_> =
        crate::model::reads::every("function", &site.guide.national.functions)
            .iter()
            .collect();
    functions.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
    let view = PortalPage {
        compact: site.guide.cities.len() > LISTED,
        prefectures: by_prefecture(&site.guide.cities)
            .into_iter()
            .map(|(name, cities)| PrefectureGroup {
                name,
                cities: cities
                    .into_iter()
                    .map(|c| CityCard {
                        link: ctx.link(&of::city(c.id()), c.city.name.clone()),
                        prefecture: c.city.prefecture.clone(),
                        guide_title: c.city.guide.title.clone(),
                        development: c.city.development.kind.clone(),
                        members: c.city.members.iter().map(|m| m.name.clone()).collect(),
                        guide_pdf: ctx.guide_pdf(c.id()),
                    })
                    .collect(),
            })
            .collect(),
        functions: functions
            .into_iter()
            .map(|f| FunctionCard {
                link: ctx.link(
                    &format!("{}#{}", of::national_functions(), f.id.get_ref()),
                    f.name.clone(),
                ),
                region: f.region.clone(),
                summary: md.inline(&f.summary),
            })
            .collect(),
        national: ctx.link(
            &of::national_index(),
            "国の制度（加算・機能・モニタリング）",
        ),
        addons: crate::model::reads::every("addon", &site.guide.national.addons)
            .iter()
            .map(|a| ctx.link(&of::addon(a.id.get_ref()), a.name.clone()))
            .collect(),
        comparison: ctx.link(&of::comparison(), "市町村の比較"),
    };
    ctx.finish("portal.html", super::SITE_TITLE, &view)
}

/// How many cities one comparison page sets side by side: past that a
/// table is no longer read across, and at national scale the page would grow
/// without bound. More cities are compared a prefecture (and a part of one) per page.
pub(crate) const COMPARED: usize = 20;

#[derive(Serialize)]
struct ComparisonPage {
    /// The cities compared on this page, one column each.
    cities: Vec<Link>,
    development: Vec<Option<String>>,
    functions: Vec<FunctionRow>,
    coordinators: Vec<CoordinatorCell>,
    subsidies: Vec<SubsidiesCell>,
    registration: Vec<RegistrationCell>,
    member_tables: Vec<MemberTable>,
    /// On the main page: every city, by prefecture, to pick from.
    picker: Vec<PickerGroup>,
    /// On the main page of a guide of more than [`COMPARED`] cities: the pages that compare them.
    parts: Vec<PartLink>,
    /// The function names, in row order, for the picked comparison.
    function_names: Vec<String>,
    /// On a part: the page of all parts.
    overview: Option<Link>,
}

#[derive(Serialize)]
struct PickerGroup {
    prefecture: String,
    cities: Vec<PickerCity>,
}

#[derive(Serialize)]
struct PickerCity {
    id: String,
    name: String,
    /// The script with its column, relative to the comparison page.
    data: String,
}

#[derive(Serialize)]
struct PartLink {
    link: Link,
    cities: usize,
}

#[derive(Serialize)]
struct FunctionRow {
    name: String,
    cells: Vec<Option<FunctionCell>>,
}

#[derive(Serialize, Clone)]
struct FunctionCell {
    page: Link,
    carriers: Vec<Link>,
}

#[derive(Serialize, Clone)]
struct CoordinatorCell {
    organisation: Option<Link>,
    role: String,
    /// What an empty cell says: なし where the guide states none, else 記載なし.
    missing: &'static str,
}

/// A city's subsidies in the static comparison, and what an empty cell says.
#[derive(Serialize)]
struct SubsidiesCell {
    items: Vec<SubsidyCell>,
    missing: &'static str,
}

#[derive(Serialize, Clone)]
struct SubsidyCell {
    link: Link,
    amounts: String,
}

#[derive(Serialize, Clone)]
struct RegistrationCell {
    forms: Vec<Link>,
    documents: Vec<String>,
}

#[derive(Serialize)]
struct MemberTable {
    city: Link,
    table: TableView,
}

/// One city's column of every comparison table, with links relative to the
/// page it is shown on. The static tables and the reader's own comparison
/// (`compare/<city>.js`) are both made of these.
#[derive(Serialize)]
struct Column {
    id: String,
    city: Link,
    development: Option<String>,
    /// One cell per national function, in row order; `None` where the guide does not describe it.
    functions: Vec<Option<FunctionCell>>,
    coordinator: CoordinatorCell,
    subsidies: Vec<SubsidyCell>,
    /// What the subsidies cell says when empty: なし or 記載なし.
    subsidies_missing: &'static str,
    registration: RegistrationCell,
}

/// The national functions in the order of the comparison's rows.
fn compared_functions<'a>(site: &Site<'a>) -> Vec<&'a crate::model::HubFunction> {
    let mut functions: Vec<_> =
        crate::model::reads::every("function", &site.guide.national.functions)
            .iter()
            .collect();
    functions.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
    functions
}

fn column(ctx: &Ctx, c: &crate::model::Municipality) -> Column {
    let site = ctx.site;
    let functions = compared_functions(site)
        .into_iter()
        .map(|f| {
            let Some(d) = c.description(f.id.get_ref()) else {
                // Described only through its flows: the cell names the first.
                let flow = c.flows_of(f.id.get_ref()).first().copied()?;
                return Some(FunctionCell {
                    page: ctx.link(
                        &of::flow(c.id(), flow.id.get_ref()),
                        format!("流れ「{}」", flow.title),
                    ),
                    carriers: Vec::new(),
                });
            };
            let mut carriers: Vec<Link> = Vec::new();
            for o in d.carriers.iter().flat_map(|x| &x.organisations) {
                let link = organisation_link(ctx, c, o.get_ref());
                if !carriers.iter().any(|l| l.href == link.href) {
                    carriers.push(link);
                }
            }
            Some(FunctionCell {
                page: ctx.link(
                    &of::city_function(c.id(), f.id.get_ref()),
                    function_name(site.guide, d),
                ),
                carriers,
            })
        })
        .collect();
    let org = c
        .city
        .coordinator
        .as_ref()
        .map(|co| co.organisation.get_ref().as_str());
    let coordinator = CoordinatorCell {
        organisation: org
            .filter(|o| c.organisation(o).is_some())
            .map(|o| organisation_link(ctx, c, o)),
        role: org
            .and_then(|o| c.organisation(o))
            .and_then(|o| site.guide.role(o.role.get_ref()))
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        missing: c.city.guide.nothing(Stated::Coordinator),
    };
    let subsidies = c
        .subsidies
        .iter()
        .map(|s| SubsidyCell {
            link: ctx.link(
                &format!("{}#{}", of::subsidies(c.id()), s.id.get_ref()),
                s.name.clone(),
            ),
            amounts: subsidy_amounts(s, site.options.as_of),
        })
        .collect();
    let mut documents: Vec<String> = Vec::new();
    for d in c
        .flows
        .iter()
        .flat_map(|f| &f.steps)
        .flat_map(|s| &s.documents)
    {
        if !documents.contains(&d.name) {
            documents.push(d.name.clone());
        }
    }
    let forms = c
        .city
        .forms
        .iter()
        .map(|f| {
            let title = site
                .guide
                .form(f.get_ref())
                .map(|x| x.title.clone())
                .unwrap_or_else(|| f.get_ref().clone());
            ctx.link(
                &format!("{}#form-{}", of::forms(c.id()), f.get_ref()),
                title,
            )
        })
        .collect();
    Column {
        id: c.id().to_string(),
        city: ctx.link(&of::city(c.id()), c.city.name.clone()),
        development: c.city.development.kind.clone(),
        functions,
        coordinator,
        subsidies,
        subsidies_missing: c.city.guide.nothing(Stated::Subsidies),
        registration: RegistrationCell { forms, documents },
    }
}

/// The comparison pages: the main one (every city when they fit on one page,
/// and the picker), a part per prefecture (and per [`COMPARED`] cities of
/// one) when they do not.
fn comparisons(site: &Site) -> Vec<Planned> {
    let groups = by_prefecture(&site.guide.cities);
    let rank = prefecture_number;
    let fits = site.guide.cities.len() <= COMPARED;
    let mut pages = Vec::new();
    let mut parts = Vec::new();
    if !fits {
        for (prefecture, cities) in &groups {
            let chunks: Vec<&[&crate::model::Municipality]> = cities.chunks(COMPARED).collect();
            for (n, chunk) in chunks.iter().enumerate() {
                let path = of::comparison_part(rank(prefecture), n + 1);
                let title = match chunks.len() {
                    1 => format!("市町村の比較（{prefecture}）"),
                    _ => format!("市町村の比較（{prefecture} {}/{}）", n + 1, chunks.len()),
                };
                let ctx = Ctx::new(site, None, path.clone());
                let mut view = comparison_view(&ctx, chunk);
                view.overview = Some(ctx.link(&of::comparison(), "市町村の比較"));
                pages.push(ctx.finish("comparison.html", title.clone(), &view));
                parts.push((path, title, chunk.len()));
            }
        }
    }
    let ctx = Ctx::new(site, None, of::comparison());
    let all: Vec<&crate::model::Municipality> =
        groups.iter().flat_map(|(_, c)| c.clone()).collect();
    let mut view = comparison_view(&ctx, if fits { &all } else { &[] });
    view.parts = parts
        .into_iter()
        .map(|(path, title, cities)| PartLink {
            link: ctx.link(&path, title),
            cities,
        })
        .collect();
    view.picker = groups
        .iter()
        .map(|(prefecture, cities)| PickerGroup {
            prefecture: prefecture.clone(),
            cities: cities
                .iter()
                .map(|c| PickerCity {
                    id: c.id().to_string(),
                    name: c.city.name.clone(),
                    data: ctx.href(&of::comparison_data(c.id())),
                })
                .collect(),
        })
        .collect();
    pages.push(ctx.finish("comparison.html", "市町村の比較", &view));
    pages
}

/// A city's column as a script for the picked comparison: links relative to
/// the main comparison page, where it is shown.
pub(crate) fn comparison_data(site: &Site, c: &crate::model::Municipality) -> Planned {
    let ctx = Ctx::new(site, None, of::comparison());
    let column = column(&ctx, c);
    let mut planned = ctx.finish("compare_city.js", c.city.name.clone(), &column);
    planned.path = crate::site::paths::SitePath(of::comparison_data(c.id()));
    planned
}

fn comparison_view(ctx: &Ctx, cities: &[&crate::model::Municipality]) -> ComparisonPage {
    let columns: Vec<Column> = cities.iter().map(|c| column(ctx, c)).collect();
    let names: Vec<String> = compared_functions(ctx.site)
        .into_iter()
        .map(|f| f.name.clone())
        .collect();
    ComparisonPage {
        cities: columns.iter().map(|c| c.city.clone()).collect(),
        development: columns.iter().map(|c| c.development.clone()).collect(),
        functions: names
            .iter()
            .enumerate()
            .map(|(i, name)| FunctionRow {
                name: name.clone(),
                cells: columns.iter().map(|c| c.functions[i].clone()).collect(),
            })
            .collect(),
        coordinators: columns.iter().map(|c| c.coordinator.clone()).collect(),
        subsidies: columns
            .iter()
            .map(|c| SubsidiesCell {
                items: c.subsidies.clone(),
                missing: c.subsidies_missing,
            })
            .collect(),
        registration: columns.iter().map(|c| c.registration.clone()).collect(),
        member_tables: cities
            .iter()
            .flat_map(|c| {
                c.tables
                    .iter()
                    .filter(|t| !t.members.is_empty())
                    .map(move |t| {
                        let mut view = table::view(ctx, t);
                        view.id = format!("{}-{}", c.id(), view.id);
                        MemberTable {
                            city: ctx.link(
                                &format!("{}#{}", of::tables(c.id()), t.id.get_ref()),
                                c.city.name.clone(),
                            ),
                            table: view,
                        }
                    })
            })
            .collect(),
        picker: Vec::new(),
        parts: Vec::new(),
        function_names: names,
        overview: None,
    }
}

/// The search page: the same search form as every page, running the query of its address.
fn search(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::search());
    ctx.finish("search.html", "サイト内検索", &())
}

/// The page a web server shows for a missing address: where to go instead.
fn not_found(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::not_found());
    let cities = site
        .guide
        .cities
        .iter()
        .map(|c| ctx.link(&of::city(c.id()), c.city.name.clone()))
        .collect();
    ctx.finish(
        "404.html",
        "ページが見つかりません",
        &NotFoundPage {
            portal: ctx.link(&of::portal(), "トップページ"),
            search: ctx.link(&of::search(), "サイト内検索"),
            cities,
        },
    )
}

#[derive(Serialize)]
struct NotFoundPage {
    portal: Link,
    search: Link,
    cities: Vec<Link>,
}
