//! National pages: one per add-on with its values across revisions and every
//! place that cites it; hub functions across cities; monitoring periods;
//! national tables and prose pages.

use serde::Serialize;

use super::links::{function_name, organisation_link};
use super::portal::{LISTED, by_prefecture, prefecture_number};
use super::reference::prose_view;
use super::table::{self, TableView};
use super::{Ctx, Link, Planned, Site};
use crate::model::timeline::Period;
use crate::model::{AddOn, Cap, Date};
use crate::site::format;
use crate::site::paths::of;

/// Every national page, a unit at a time: the index, the functions, each
/// add-on, the monitoring periods, the tables and each prose page.
pub(crate) fn units<'s>(site: &'s Site<'s>) -> Vec<super::AcrossUnit<'s>> {
    use crate::model::reads;
    let n = &site.guide.national;
    let mut units: Vec<super::AcrossUnit<'s>> = vec![
        (of::national_index(), Box::new(move || vec![index(site)])),
        (of::national_functions(), Box::new(move || functions(site))),
    ];
    for a in &n.addons {
        let id = a.id.get_ref();
        units.push((
            of::addon(id),
            Box::new(move || {
                reads::one("addon", id);
                addon(site, a)
            }),
        ));
    }
    if !n.monitoring.is_empty() {
        units.push((of::monitoring(), Box::new(move || vec![monitoring(site)])));
    }
    if !n.tables.is_empty() {
        units.push((of::national_tables(), Box::new(move || vec![tables(site)])));
    }
    for page in &n.pages {
        let id = page.meta.id.get_ref();
        units.push((
            of::national_page(id),
            Box::new(move || {
                reads::one("page", id);
                let ctx = Ctx::new(site, None, of::national_page(id));
                let view = prose_view(&ctx, page);
                vec![ctx.finish("page.html", page.meta.title.clone(), &view)]
            }),
        ));
    }
    units
}

#[derive(Serialize)]
struct IndexPage {
    addons: Vec<AddOnRow>,
    functions: Link,
    monitoring: Option<Link>,
    tables: Option<Link>,
    pages: Vec<Link>,
}

#[derive(Serialize)]
struct AddOnRow {
    link: Link,
    kind: String,
    services: String,
    value: String,
    change: Option<String>,
    cited_by: usize,
}

fn index(site: &Site) -> Planned {
    use crate::model::reads;
    let ctx = Ctx::new(site, None, of::national_index());
    let n = &site.guide.national;
    // It links the monitoring and tables pages when there are any, and lists every prose page.
    let _ = (
        reads::ids("monitoring", &n.monitoring),
        reads::ids("table", &n.tables),
    );
    let view = IndexPage {
        addons: reads::every("addon", &n.addons)
            .iter()
            .map(|a| {
                let value = ctx.addon_value(a);
                AddOnRow {
                    link: ctx.link(&of::addon(a.id.get_ref()), a.name.clone()),
                    kind: a.kind.label().into(),
                    services: a.services.join("、"),
                    value: value.text,
                    change: value.change,
                    cited_by: cities_citing(site, a.id.get_ref()).len(),
                }
            })
            .collect(),
        functions: ctx.link(
            &of::national_functions(),
            "拠点等の機能と各市町村の整備状況",
        ),
        monitoring: (!n.monitoring.is_empty())
            .then(|| ctx.link(&of::monitoring(), "モニタリング標準期間")),
        tables: (!n.tables.is_empty()).then(|| ctx.link(&of::national_tables(), "国の制度の表")),
        pages: reads::every("page", &n.pages)
            .iter()
            .map(|p| {
                ctx.link(
                    &of::national_page(p.meta.id.get_ref()),
                    p.meta.title.clone(),
                )
            })
            .collect(),
    };
    ctx.finish("national.html", "国の制度", &view)
}

fn cities_citing(site: &Site, addon: &str) -> Vec<String> {
    let mut cities: Vec<String> = Vec::new();
    for c in site.citations.of(addon) {
        if !cities.contains(&c.city) {
            cities.push(c.city.clone());
        }
    }
    cities
}

#[derive(Serialize)]
struct AddOnPage {
    name: String,
    reading: Option<String>,
    kind: String,
    services: Vec<String>,
    functions: Vec<Link>,
    claimants: Vec<String>,
    claimant_note: Option<String>,
    summary: String,
    billing: Vec<String>,
    values: Vec<ValueView>,
    not_combinable: Vec<NotCombinableView>,
    records: Vec<String>,
    sources: Vec<String>,
    cited_by: Vec<CityCitations>,
    /// Past [`LISTED`] citing cities: how many in each prefecture, each
    /// linking to the page that lists them.
    cited_in: Vec<PrefectureCited>,
}

#[derive(Serialize)]
struct PrefectureCited {
    link: Link,
    cities: usize,
    /// The prefecture's further pages, past [`PER_PART`] cities, numbered from 2.
    more: Vec<Link>,
}

/// Links to a prefecture's further pages, named by their number (2, 3 …).
fn numbered(links: impl Iterator<Item = Link>) -> Vec<Link> {
    links
        .zip(2..)
        .map(|(link, n)| Link {
            text: n.to_string(),
            ..link
        })
        .collect()
}

/// The cities of one prefecture that cite an add-on, when too many do for its page.
#[derive(Serialize)]
struct CitedPage {
    addon: Link,
    prefecture: String,
    cited_by: Vec<CityCitations>,
}

#[derive(Serialize)]
struct ValueView {
    revision: String,
    /// 現行, 予定 (from a later date) or 過去 (no longer in force), as of the build date;
    /// 現行の値は未記録 for an older revision's value while a later revision in
    /// effect has none recorded.
    status: &'static str,
    period: String,
    units: String,
    cap: String,
    conditions: Vec<String>,
    note: Option<String>,
    variants: Vec<VariantView>,
}

#[derive(Serialize)]
struct VariantView {
    label: String,
    units: String,
    cap: String,
    conditions: Vec<String>,
    records: Vec<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct NotCombinableView {
    addon: Option<Link>,
    note: Option<String>,
}

#[derive(Serialize)]
struct CityCitations {
    city: Link,
    places: Vec<Link>,
}

/// Whether a value is in force on `date`, still to come, or past.
fn status(period: Period, date: Date) -> &'static str {
    if period.contains(date) {
        "現行"
    } else if period.from.is_some_and(|f| f > date) {
        "予定"
    } else {
        "過去"
    }
}

/// 令和6年4月1日から, 令和3年4月1日から令和6年3月31日まで.
pub(crate) fn period_label(period: Period) -> String {
    match (period.from, period.until) {
        (Some(f), Some(u)) => format!("{}から{}まで", f.era(), u.era()),
        (Some(f), None) => format!("{}から", f.era()),
        (None, Some(u)) => format!("{}まで", u.era()),
        (None, None) => String::new(),
    }
}

fn cap(c: &Option<Cap>) -> String {
    c.as_ref().map(Cap::label).unwrap_or_default()
}

/// The places of each city that cite add-on `id`, in the portal's order of
/// cities, with links from the page of `ctx`.
fn citations_by_city(
    ctx: &Ctx,
    id: &str,
    cities: &[&crate::model::Municipality],
) -> Vec<CityCitations> {
    let mut places: std::collections::HashMap<&str, Vec<Link>> = Default::default();
    for p in ctx.site.citations.of(id) {
        places
            .entry(p.city.as_str())
            .or_default()
            .push(ctx.link(&p.path, p.place.clone()));
    }
    cities
        .iter()
        .filter_map(|c| {
            Some(CityCitations {
                city: ctx.link(&of::city(c.id()), c.city.name.clone()),
                places: places.remove(c.id())?,
            })
        })
        .collect()
}

/// An add-on's page, and past [`LISTED`] citing cities a page per
/// prefecture listing those that cite it.
fn addon(site: &Site, a: &AddOn) -> Vec<Planned> {
    let id = a.id.get_ref();
    let ctx = Ctx::new(site, None, of::addon(id));
    let groups = by_prefecture(&site.guide.cities);
    let all: Vec<&crate::model::Municipality> =
        groups.iter().flat_map(|(_, c)| c.clone()).collect();
    let cited_by = citations_by_city(&ctx, id, &all);
    let mut pages = Vec::new();
    let mut cited_in = Vec::new();
    if cited_by.len() > LISTED {
        let citing: std::collections::HashSet<&str> = site
            .citations
            .of(id)
            .iter()
            .map(|p| p.city.as_str())
            .collect();
        for (prefecture, cities) in &groups {
            let number = prefecture_number(prefecture);
            let cities: Vec<&crate::model::Municipality> = cities
                .iter()
                .copied()
                .filter(|c| citing.contains(c.id()))
                .collect();
            let chunks: Vec<&[&crate::model::Municipality]> = cities.chunks(PER_PART).collect();
            let mut links = Vec::new();
            for (n, chunk) in chunks.iter().enumerate() {
                let path = of::addon_cited_in(id, number, n + 1);
                let part = Ctx::new(site, None, path.clone());
                let view = CitedPage {
                    addon: part.link(&of::addon(id), a.name.clone()),
                    prefecture: prefecture.clone(),
                    cited_by: citations_by_city(&part, id, chunk),
                };
                let title = match chunks.len() {
                    1 => format!("{}を挙げている市町村の手引き（{prefecture}）", a.name),
                    total => format!(
                        "{}を挙げている市町村の手引き（{prefecture} {}/{total}）",
                        a.name,
                        n + 1
                    ),
                };
                links.push(ctx.link(&path, prefecture.clone()));
                pages.push(part.finish("addon_cited.html", title, &view));
            }
            let mut links = links.into_iter();
            let Some(link) = links.next() else { continue };
            cited_in.push(PrefectureCited {
                link,
                cities: cities.len(),
                more: numbered(links),
            });
        }
    }
    let md = ctx.md();
    // Newest first: a coming value, then the one in force, then the past ones.
    let mut timeline = a.timeline(site.guide);
    timeline.reverse();
    let unrecorded = a.unrecorded_at(site.guide, site.options.as_of);
    let view = AddOnPage {
        name: a.name.clone(),
        reading: a.reading.clone(),
        kind: a.kind.label().into(),
        services: a.services.clone(),
        functions: a
            .functions
            .iter()
            .filter_map(|f| {
                let name = site.guide.function(f.get_ref())?.name.clone();
                Some(ctx.link(
                    &format!("{}#{}", of::national_functions(), f.get_ref()),
                    name,
                ))
            })
            .collect(),
        claimants: a
            .claimants
            .iter()
            .map(|r| {
                site.guide
                    .role(r.get_ref())
                    .map(|r| r.name.clone())
                    .unwrap_or_else(|| r.get_ref().clone())
            })
            .collect(),
        claimant_note: a.claimant_note.clone(),
        summary: md.block(&a.summary),
        billing: a.billing.iter().map(|b| b.label().to_string()).collect(),
        values: timeline
            .into_iter()
            .map(|dated| {
                let v = dated.value;
                let revision = site.guide.revision(v.revision.get_ref());
                ValueView {
                    status: match status(dated.period, site.options.as_of) {
                        "現行" if unrecorded.is_some() => "現行の値は未記録",
                        other => other,
                    },
                    period: period_label(dated.period),
                    revision: revision
                        .map(|r| r.name.clone())
                        .unwrap_or_else(|| v.revision.get_ref().clone()),
                    units: format::units(v.units.as_ref().map(|u| *u.get_ref()), v.per),
                    cap: cap(&v.cap),
                    conditions: v.conditions.clone(),
                    note: v.note.clone(),
                    variants: v
                        .variants
                        .iter()
                        .map(|x| VariantView {
                            label: x.label.clone(),
                            units: format::units(x.units.as_ref().map(|u| *u.get_ref()), x.per),
                            cap: cap(&x.cap),
                            conditions: x.conditions.clone(),
                            records: x.records.clone(),
                            note: x.note.clone(),
                        })
                        .collect(),
                }
            })
            .collect(),
        not_combinable: a
            .not_combinable
            .iter()
            .map(|n| NotCombinableView {
                addon: n.addon.as_ref().and_then(|x| {
                    let other = site.guide.addon(x.get_ref())?;
                    Some(ctx.link(&of::addon(x.get_ref()), other.name.clone()))
                }),
                note: n.note.clone(),
            })
            .collect(),
        records: a.records.clone(),
        sources: a.sources.clone(),
        cited_by: if cited_in.is_empty() {
            cited_by
        } else {
            Vec::new()
        },
        cited_in,
    };
    pages.push(ctx.finish("addon.html", a.name.clone(), &view));
    pages
}

/// How many cities one prefecture's page of those lists holds; past that
/// the list goes on on a next page (`01-2.html`), so that no page of the
/// largest prefecture grows past a few hundred kilobytes.
pub(crate) const PER_PART: usize = 50;

#[derive(Serialize)]
struct FunctionsPage {
    functions: Vec<FunctionAcross>,
    /// On a prefecture's page: the page of all prefectures.
    overview: Option<Link>,
}

#[derive(Serialize)]
struct FunctionAcross {
    id: String,
    name: String,
    region: Option<String>,
    summary: String,
    cities: Vec<CityFunction>,
    not_built: Vec<Link>,
    /// On the main page of a guide of more than [`LISTED`] cities: a line per prefecture.
    prefectures: Vec<PrefectureCount>,
}

#[derive(Serialize)]
struct CityFunction {
    city: Link,
    page: Link,
    carriers: Vec<Link>,
}

#[derive(Serialize)]
struct PrefectureCount {
    link: Link,
    described: usize,
    not_described: usize,
    /// The prefecture's further pages, past [`PER_PART`] cities, numbered from 2.
    more: Vec<Link>,
}

/// The national functions and how each city builds them: one page, or past
/// [`LISTED`] cities a main page of counts and a page per prefecture.
fn functions(site: &Site) -> Vec<Planned> {
    let mut functions: Vec<_> =
        crate::model::reads::every("function", &site.guide.national.functions)
            .iter()
            .collect();
    functions.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
    let title = "拠点等の機能と各市町村の整備状況";
    let groups = by_prefecture(&site.guide.cities);
    if site.guide.cities.len() <= LISTED {
        let ctx = Ctx::new(site, None, of::national_functions());
        let all: Vec<&crate::model::Municipality> =
            groups.iter().flat_map(|(_, c)| c.clone()).collect();
        let view = FunctionsPage {
            functions: functions.iter().map(|f| across(&ctx, f, &all)).collect(),
            overview: None,
        };
        return vec![ctx.finish("national_functions.html", title, &view)];
    }
    let mut pages = Vec::new();
    let ctx = Ctx::new(site, None, of::national_functions());
    let mut main: Vec<FunctionAcross> = functions
        .iter()
        .map(|f| FunctionAcross {
            cities: Vec::new(),
            not_built: Vec::new(),
            ..across(&ctx, f, &[])
        })
        .collect();
    for (prefecture, cities) in &groups {
        let number = prefecture_number(prefecture);
        let chunks: Vec<&[&crate::model::Municipality]> = cities.chunks(PER_PART).collect();
        let at = main.first().map_or(0, |row| row.prefectures.len());
        for (n, chunk) in chunks.iter().enumerate() {
            let path = of::national_functions_in(number, n + 1);
            let part = Ctx::new(site, None, path.clone());
            let view = FunctionsPage {
                functions: functions.iter().map(|f| across(&part, f, chunk)).collect(),
                overview: Some(part.link(&of::national_functions(), title)),
            };
            for (row, f) in main.iter_mut().zip(&view.functions) {
                let link = ctx.link(&format!("{path}#{}", f.id), prefecture.clone());
                match row.prefectures.get_mut(at) {
                    None => row.prefectures.push(PrefectureCount {
                        link,
                        described: f.cities.len(),
                        not_described: f.not_built.len(),
                        more: Vec::new(),
                    }),
                    Some(count) => {
                        count.described += f.cities.len();
                        count.not_described += f.not_built.len();
                        let text = (count.more.len() + 2).to_string();
                        count.more.push(Link { text, ..link });
                    }
                }
            }
            let name = match chunks.len() {
                1 => format!("{title}（{prefecture}）"),
                total => format!("{title}（{prefecture} {}/{total}）", n + 1),
            };
            pages.push(part.finish("national_functions.html", name, &view));
        }
    }
    let view = FunctionsPage {
        functions: main,
        overview: None,
    };
    pages.push(ctx.finish("national_functions.html", title, &view));
    pages
}

/// One national function and how `cities` describe it, with links from the page of `ctx`.
fn across(
    ctx: &Ctx,
    f: &crate::model::HubFunction,
    cities: &[&crate::model::Municipality],
) -> FunctionAcross {
    let site = ctx.site;
    let fid = f.id.get_ref();
    let mut described = Vec::new();
    let mut not_built = Vec::new();
    for c in cities {
        match c.functions.iter().find(|d| d.function.get_ref() == fid) {
            Some(d) => {
                let mut carriers: Vec<Link> = Vec::new();
                for carrier in &d.carriers {
                    for o in &carrier.organisations {
                        let link = organisation_link(ctx, c, o.get_ref());
                        if !carriers.iter().any(|l| l.href == link.href) {
                            carriers.push(link);
                        }
                    }
                }
                described.push(CityFunction {
                    city: ctx.link(&of::city(c.id()), c.city.name.clone()),
                    page: ctx.link(
                        &of::city_function(c.id(), fid),
                        function_name(site.guide, d),
                    ),
                    carriers,
                });
            }
            // A guide that describes the function only through its flows says so there.
            None => match c.flows_of(fid).first() {
                Some(flow) => {
                    let mut carriers: Vec<Link> = Vec::new();
                    for o in c.flows_of(fid).iter().flat_map(|f| f.organisations()) {
                        let link = organisation_link(ctx, c, o);
                        if !carriers.iter().any(|l| l.href == link.href) {
                            carriers.push(link);
                        }
                    }
                    described.push(CityFunction {
                        city: ctx.link(&of::city(c.id()), c.city.name.clone()),
                        page: ctx.link(
                            &of::flow(c.id(), flow.id.get_ref()),
                            format!("流れ「{}」", flow.title),
                        ),
                        carriers,
                    });
                }
                None => not_built.push(ctx.link(&of::city(c.id()), c.city.name.clone())),
            },
        }
    }
    FunctionAcross {
        id: fid.clone(),
        name: f.name.clone(),
        region: f.region.clone(),
        summary: ctx.md().block(&f.summary),
        cities: described,
        not_built,
        prefectures: Vec::new(),
    }
}

#[derive(Serialize)]
struct MonitoringRow {
    id: String,
    group: String,
    who: String,
    months: u32,
    note: Option<String>,
}

fn monitoring(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::monitoring());
    let md = ctx.md();
    let rows: Vec<MonitoringRow> =
        crate::model::reads::every("monitoring", &site.guide.national.monitoring)
            .iter()
            .map(|m| MonitoringRow {
                id: m.id.get_ref().clone(),
                group: m.group.clone(),
                who: md.inline(&m.who),
                months: *m.months.get_ref(),
                note: m.note.clone(),
            })
            .collect();
    ctx.finish("monitoring.html", "モニタリング標準期間", &rows)
}

fn tables(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::national_tables());
    let views: Vec<TableView> = crate::model::reads::every("table", &site.guide.national.tables)
        .iter()
        .map(|t| table::view(&ctx, t))
        .collect();
    ctx.finish("tables.html", "国の制度の表", &views)
}
