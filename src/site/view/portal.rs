//! Site-wide pages: the portal, the comparison across cities, and the
//! accessibility policy.

use serde::Serialize;

use super::city::{function_name, organisation_link, subsidy_amounts};
use super::table::{self, TableView};
use super::{Ctx, Link, Planned, Site};
use crate::site::paths::of;

/// The portal, the comparison and the accessibility policy.
pub fn pages(site: &Site) -> Vec<Planned> {
    [
        portal(site),
        comparison(site),
        super::accessibility::policy(site),
        search(site),
        not_found(site),
    ]
    .into_iter()
    .chain(super::accessibility::results(site))
    .collect()
}

#[derive(Serialize)]
struct PortalPage {
    prefectures: Vec<PrefectureGroup>,
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

/// The guide's cities grouped by prefecture (JIS order, unknown names last by
/// name) and, within one, by reading.
fn by_prefecture(
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
    let mut functions: Vec<_> = site.guide.national.functions.iter().collect();
    functions.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
    let view = PortalPage {
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
        addons: site
            .guide
            .national
            .addons
            .iter()
            .map(|a| ctx.link(&of::addon(a.id.get_ref()), a.name.clone()))
            .collect(),
        comparison: ctx.link(&of::comparison(), "市町村の比較"),
    };
    ctx.finish("portal.html", super::SITE_TITLE, &view)
}

#[derive(Serialize)]
struct ComparisonPage {
    cities: Vec<Link>,
    development: Vec<Option<String>>,
    functions: Vec<FunctionRow>,
    coordinators: Vec<CoordinatorCell>,
    subsidies: Vec<Vec<SubsidyCell>>,
    registration: Vec<RegistrationCell>,
    member_tables: Vec<MemberTable>,
}

#[derive(Serialize)]
struct FunctionRow {
    name: String,
    cells: Vec<Option<FunctionCell>>,
}

#[derive(Serialize)]
struct FunctionCell {
    page: Link,
    carriers: Vec<Link>,
}

#[derive(Serialize)]
struct CoordinatorCell {
    organisation: Option<Link>,
    role: String,
}

#[derive(Serialize)]
struct SubsidyCell {
    link: Link,
    amounts: String,
}

#[derive(Serialize)]
struct RegistrationCell {
    forms: Vec<Link>,
    documents: Vec<String>,
}

#[derive(Serialize)]
struct MemberTable {
    city: Link,
    table: TableView,
}

fn comparison(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::comparison());
    let cities = &site.guide.cities;
    let mut functions: Vec<_> = site.guide.national.functions.iter().collect();
    functions.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
    let view = ComparisonPage {
        cities: cities
            .iter()
            .map(|c| ctx.link(&of::city(c.id()), c.city.name.clone()))
            .collect(),
        development: cities
            .iter()
            .map(|c| c.city.development.kind.clone())
            .collect(),
        functions: functions
            .into_iter()
            .map(|f| FunctionRow {
                name: f.name.clone(),
                cells: cities
                    .iter()
                    .map(|c| {
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
                            let link = organisation_link(&ctx, c, o.get_ref());
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
                    .collect(),
            })
            .collect(),
        coordinators: cities
            .iter()
            .map(|c| {
                let org = c
                    .city
                    .coordinator
                    .as_ref()
                    .map(|co| co.organisation.get_ref().as_str());
                CoordinatorCell {
                    organisation: org
                        .filter(|o| c.organisation(o).is_some())
                        .map(|o| organisation_link(&ctx, c, o)),
                    role: org
                        .and_then(|o| c.organisation(o))
                        .and_then(|o| site.guide.role(o.role.get_ref()))
                        .map(|r| r.name.clone())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        subsidies: cities
            .iter()
            .map(|c| {
                c.subsidies
                    .iter()
                    .map(|s| SubsidyCell {
                        link: ctx.link(
                            &format!("{}#{}", of::subsidies(c.id()), s.id.get_ref()),
                            s.name.clone(),
                        ),
                        amounts: subsidy_amounts(s, site.options.as_of),
                    })
                    .collect()
            })
            .collect(),
        registration: cities
            .iter()
            .map(|c| {
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
                RegistrationCell {
                    forms: c
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
                        .collect(),
                    documents,
                }
            })
            .collect(),
        member_tables: cities
            .iter()
            .flat_map(|c| {
                let ctx = &ctx;
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
    };
    ctx.finish("comparison.html", "市町村の比較", &view)
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
