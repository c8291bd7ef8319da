//! A city's own pages: overview, one page per hub function, the add-ons it
//! cites and its local subsidies.

use serde::Serialize;

use super::links::{
    AddOnLink, OrganisationView, addon_link, function_link, function_name, organisation_link,
    organisation_view, subsidy_link,
};
use super::sections::{NAV_PAGES, Section, ordered_flows, ordered_functions, ordered_pages};
use super::{Ctx, Link, Planned, Site};
use crate::model::reads::{self, Reads};
use crate::model::{FunctionDescription, Municipality, Stated};
use crate::site::format;
use crate::site::paths::of;

/// For a guide whose `status` is a draft (案): the note every page of its
/// city carries, so that no reader takes a draft for the city's final word.
pub(crate) fn draft_note(guide: &crate::model::GuideInfo) -> Option<String> {
    let status = guide.status.as_deref()?;
    matches!(status, "案" | "素案" | "原案" | "draft").then(|| {
        format!(
            "この手引き（{}）は案の段階のもので、内容が変わることがあります。",
            guide.title
        )
    })
}

/// The guide's status as the overview shows it beside the title, unless the
/// title already carries it (松江市地域生活支援拠点（案）).
fn status_beside(guide: &crate::model::GuideInfo) -> Option<String> {
    let status = guide.status.clone()?;
    let shown = [
        format!("（{status}）"),
        format!("({status})"),
        format!("【{status}】"),
    ];
    (!shown.iter().any(|s| guide.title.contains(s.as_str()))).then_some(status)
}

/// The overview's list of the city's functions, in the order its
/// `city.toml` lists them: each described function links to its page; a
/// function the guide describes only through its flows links to the first
/// of them, so that it does not disappear from the overview.
fn overview_functions(ctx: &Ctx, site: &Site, c: &Municipality) -> Vec<Link> {
    let mut links: Vec<Link> = ordered_functions(c)
        .into_iter()
        .map(|f| {
            ctx.link(
                &of::city_function(c.id(), f.function.get_ref()),
                function_name(site.guide, f),
            )
        })
        .collect();
    for (at, id) in c.city.functions.iter().enumerate() {
        let id = id.get_ref();
        if c.description(id).is_some() {
            continue;
        }
        let (Some(flow), Some(national)) =
            (c.flows_of(id).first().copied(), site.guide.function(id))
        else {
            continue;
        };
        let link = ctx.link(
            &of::flow(c.id(), flow.id.get_ref()),
            format!("{}（流れ「{}」）", national.name, flow.title),
        );
        links.insert(at.min(links.len()), link);
    }
    links
}

/// Pages of a city planned together, with what planning them read of the
/// national rules and the forms.
pub(crate) struct Unit {
    /// The section's path (the comparison column's for that script).
    pub key: String,
    pub pages: Vec<Planned>,
    pub read: Reads,
}

/// A city's pages a section at a time (and its comparison column), each
/// with what it read; `wanted` picks the sections to plan by their key.
pub(crate) fn units(site: &Site, c: &Municipality, wanted: &dyn Fn(&str) -> bool) -> Vec<Unit> {
    use super::reference;
    let plan = |key: String, pages: &dyn Fn() -> Vec<Planned>| {
        let (pages, read) = reads::recording(pages);
        Unit { key, pages, read }
    };
    let mut out = Vec::new();
    for section in Section::of(site.guide, c) {
        let key = section.path(c.id());
        if !wanted(&key) {
            continue;
        }
        out.push(plan(key, &|| match section {
            Section::Overview => vec![overview(site, c)],
            Section::Function(f) => vec![function(site, c, f)],
            Section::Flow(f) => vec![super::flow::page(site, c, f)],
            Section::AddOns => vec![addons(site, c)],
            Section::Subsidies => vec![subsidies(site, c)],
            Section::Qa => vec![reference::qa(site, c)],
            Section::Glossary => vec![reference::glossary(site, c)],
            Section::Contacts => vec![reference::contacts(site, c)],
            Section::Tables => vec![reference::tables(site, c)],
            Section::Lists => vec![reference::lists(site, c)],
            Section::Prose(p) => vec![reference::prose(site, c, p)],
            Section::Forms => {
                let mut pages = vec![reference::forms(site, c)];
                pages.extend(super::webform::pages(site, c));
                pages
            }
            Section::History => vec![reference::history(site, c)],
        }));
    }
    let key = of::comparison_data(c.id());
    if wanted(&key) {
        out.push(plan(key, &|| vec![super::portal::comparison_data(site, c)]));
    }
    out
}

#[derive(Serialize)]
struct Overview {
    name: String,
    prefecture: String,
    guide_title: String,
    publisher: String,
    issued: Option<String>,
    audience: Option<String>,
    status: Option<String>,
    /// What the guide says of its own time (記載の時点, 手引きの単位数).
    provenance: Vec<Fact>,
    purpose: String,
    development_type: Option<String>,
    development: String,
    coordinator: Option<CoordinatorView>,
    /// Where the city has no coordinator: なし if its guide says so, else 記載なし.
    coordinator_missing: Option<&'static str>,
    /// The city's own subsidies, or the word for having none.
    subsidies: Vec<Link>,
    subsidies_missing: &'static str,
    members: Vec<String>,
    functions: Vec<Link>,
    flows: Vec<Link>,
    organisations: Vec<OrganisationView>,
    contacts_link: Option<Link>,
    /// Every prose page, when there are too many for the navigation.
    pages: Vec<Link>,
}

#[derive(Serialize)]
struct CoordinatorView {
    organisation: Option<Link>,
    description: String,
    duties: Vec<LabelledView>,
}

#[derive(Serialize)]
struct LabelledView {
    label: String,
    title: String,
    text: String,
}

fn overview(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::city(c.id()));
    let md = ctx.md();
    let info = &c.city;
    let view = Overview {
        name: info.name.clone(),
        prefecture: info.prefecture.clone(),
        guide_title: info.guide.title.clone(),
        publisher: info.guide.publisher.clone(),
        issued: info.guide.issued.map(|d| d.era()),
        audience: info.guide.audience.clone(),
        status: status_beside(&info.guide),
        provenance: crate::site::format::guide_provenance(site.guide, &info.guide)
            .into_iter()
            .map(|(label, text)| Fact {
                label: label.to_string(),
                text,
            })
            .collect(),
        purpose: md.block(&info.purpose),
        development_type: info.development.kind.clone(),
        development: md.block(&info.development.description),
        coordinator: info.coordinator.as_ref().map(|co| CoordinatorView {
            organisation: c
                .organisation(co.organisation.get_ref())
                .map(|_| organisation_link(&ctx, c, co.organisation.get_ref())),
            description: md.block(&co.description),
            duties: co
                .duties
                .iter()
                .map(|d| LabelledView {
                    label: d.label.clone().unwrap_or_default(),
                    title: d.title.clone().unwrap_or_default(),
                    text: md.inline(&d.text),
                })
                .collect(),
        }),
        coordinator_missing: info
            .coordinator
            .is_none()
            .then(|| info.guide.nothing(Stated::Coordinator)),
        subsidies: c
            .subsidies
            .iter()
            .map(|s| subsidy_link(&ctx, c, s.id.get_ref()))
            .collect(),
        subsidies_missing: info.guide.nothing(Stated::Subsidies),
        members: info.members.iter().map(|m| m.name.clone()).collect(),
        functions: overview_functions(&ctx, site, c),
        flows: ordered_flows(c)
            .into_iter()
            .map(|f| ctx.link(&of::flow(c.id(), f.id.get_ref()), f.title.clone()))
            .collect(),
        organisations: c
            .organisations
            .iter()
            .filter(|o| o.phone.is_some() || o.address.is_some())
            .map(|o| organisation_view(&ctx, c, o))
            .collect(),
        contacts_link: (!c.directories.is_empty() || !c.organisations.is_empty())
            .then(|| ctx.link(&of::contacts(c.id()), "連絡先の一覧")),
        pages: if c.pages.len() > NAV_PAGES {
            ordered_pages(c)
                .into_iter()
                .map(|p| ctx.link(&of::page(c.id(), p.meta.id.get_ref()), p.meta.title.clone()))
                .collect()
        } else {
            Vec::new()
        },
    };
    ctx.finish(
        "city.html",
        format!("{}の地域生活支援拠点等", info.name),
        &view,
    )
}

#[derive(Serialize)]
struct FunctionPage {
    national_name: String,
    national_summary: String,
    local_name: Option<String>,
    summary: String,
    carriers: Vec<CarrierView>,
    addons: Vec<AddOnLink>,
    subsidies: Vec<Link>,
    notes: Vec<String>,
    flows: Vec<Link>,
    qa: Vec<Link>,
    national_link: Link,
}

#[derive(Serialize)]
struct CarrierView {
    label: Option<String>,
    phase: Option<String>,
    organisations: Vec<OrgWithRole>,
    duties: Vec<String>,
}

#[derive(Serialize)]
struct OrgWithRole {
    link: Link,
    role: String,
}

fn function(site: &Site, c: &Municipality, f: &FunctionDescription) -> Planned {
    let fid = f.function.get_ref();
    let ctx = Ctx::new(site, Some(c), of::city_function(c.id(), fid));
    let md = ctx.md();
    let national = site.guide.function(fid);
    let view = FunctionPage {
        national_name: national.map(|n| n.name.clone()).unwrap_or_default(),
        national_summary: national.map(|n| md.block(&n.summary)).unwrap_or_default(),
        local_name: f.local_name.clone(),
        summary: md.block(&f.summary),
        carriers: f
            .carriers
            .iter()
            .map(|carrier| CarrierView {
                label: carrier.label.clone(),
                phase: carrier.phase.clone(),
                organisations: carrier
                    .organisations
                    .iter()
                    .map(|o| OrgWithRole {
                        link: organisation_link(&ctx, c, o.get_ref()),
                        role: c
                            .organisation(o.get_ref())
                            .and_then(|o| site.guide.role(o.role.get_ref()))
                            .map(|r| r.name.clone())
                            .unwrap_or_default(),
                    })
                    .collect(),
                duties: md.inlines(&carrier.duties),
            })
            .collect(),
        addons: f
            .addons
            .iter()
            .map(|a| addon_link(&ctx, a.get_ref()))
            .collect(),
        subsidies: f
            .subsidies
            .iter()
            .map(|s| subsidy_link(&ctx, c, s.get_ref()))
            .collect(),
        notes: md.inlines(&f.notes),
        flows: ordered_flows(c)
            .into_iter()
            .filter(|flow| flow.function.iter().any(|x| x.get_ref() == fid))
            .map(|flow| ctx.link(&of::flow(c.id(), flow.id.get_ref()), flow.title.clone()))
            .collect(),
        qa: c
            .qa
            .iter()
            .filter(|q| q.function.as_ref().is_some_and(|x| x.get_ref() == fid))
            .map(|q| {
                ctx.link(
                    &format!("{}#{}", of::qa(c.id()), q.id.get_ref()),
                    format!("Q{} {}", q.number, md.plain(&q.question)),
                )
            })
            .collect(),
        national_link: ctx.link(
            &format!("{}#{fid}", of::national_functions()),
            "各市町村の整備状況",
        ),
    };
    ctx.finish(
        "function.html",
        format!("{}（{}）", function_name(site.guide, f), c.city.name),
        &view,
    )
}

/// One labelled line of a list of facts.
#[derive(Serialize)]
struct Fact {
    label: String,
    text: String,
}

#[derive(Serialize)]
struct CitedAddOn {
    addon: AddOnLink,
    kind: String,
    places: Vec<Link>,
}

#[derive(Serialize)]
struct CityAddOns {
    addons: Vec<CitedAddOn>,
    /// Where the guide states the units of an older fee revision: says so.
    older_units: Option<String>,
}

fn addons(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::city_addons(c.id()));
    let addons: Vec<CitedAddOn> = site
        .citations
        .cited_by_city(site.guide, c.id())
        .into_iter()
        .map(|a| CitedAddOn {
            addon: addon_link(&ctx, a.id.get_ref()),
            kind: a.kind.label().to_string(),
            places: site
                .citations
                .of(a.id.get_ref())
                .iter()
                .filter(|p| p.city == c.id())
                .map(|p| ctx.link(&p.path, p.place.clone()))
                .collect(),
        })
        .collect();
    let view = CityAddOns {
        older_units: (!addons.is_empty())
            .then(|| {
                crate::site::format::older_units_note(site.guide, &c.city.guide, site.options.as_of)
            })
            .flatten(),
        addons,
    };
    ctx.finish(
        "city_addons.html",
        format!("{}で関係する加算", c.city.name),
        &view,
    )
}

#[derive(Serialize)]
struct SubsidyView {
    id: String,
    name: String,
    program: Option<String>,
    function: Option<Link>,
    summary: String,
    claimants: Vec<Link>,
    /// The local rule the subsidy rests on, in one line.
    basis: Option<String>,
    values: Vec<SubsidyValueView>,
}

#[derive(Serialize)]
struct SubsidyValueView {
    period: String,
    in_force: bool,
    source: Option<String>,
    amounts: Vec<String>,
    limits: Vec<String>,
    covers: Vec<String>,
    conditions: Vec<String>,
    notes: Vec<String>,
}

fn subsidies(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::subsidies(c.id()));
    let md = ctx.md();
    let view: Vec<SubsidyView> = c
        .subsidies
        .iter()
        .map(|s| SubsidyView {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            program: s.program.clone(),
            function: s
                .function
                .as_ref()
                .and_then(|f| function_link(&ctx, f.get_ref())),
            summary: md.block(&s.summary),
            claimants: s
                .claimants
                .iter()
                .map(|o| organisation_link(&ctx, c, o.get_ref()))
                .collect(),
            basis: s.basis.as_ref().map(|b| b.text()),
            values: s
                .timeline()
                .into_iter()
                .rev()
                .map(|dated| (dated.value, dated.period))
                .map(|(v, period)| SubsidyValueView {
                    period: super::national::period_label(period),
                    in_force: {
                        let in_force = period.contains(site.options.as_of);
                        if in_force {
                            ctx.shows_value_since(period.from);
                        }
                        in_force
                    },
                    source: v.source.clone(),
                    amounts: v.amounts.iter().map(format::amount).collect(),
                    limits: v
                        .limits
                        .iter()
                        .map(|l| {
                            let mut s = format!("{}：{}日まで", l.scope, l.days.get_ref());
                            if let Some(n) = &l.note {
                                s.push_str(&format!("（{n}）"));
                            }
                            s
                        })
                        .collect(),
                    covers: v.covers.clone(),
                    conditions: md.inlines(&v.conditions),
                    notes: md.inlines(&v.notes),
                })
                .collect(),
        })
        .collect();
    ctx.finish(
        "subsidies.html",
        format!("{}の市単独補助", c.city.name),
        &view,
    )
}
