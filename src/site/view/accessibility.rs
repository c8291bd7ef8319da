//! The アクセシビリティ方針 and its 試験結果 page, from
//! `content/accessibility/`: the policy's date, scope, target and exceptions
//! as the editors wrote them, and the results of the last test of the site.
//! Without a policy file the page states the theme's measures and no date.

use serde::Serialize;

use super::{Ctx, Link, Planned, Site};
use crate::model::accessibility::{CRITERIA, RESULTS};
use crate::site::paths::of;

#[derive(Serialize)]
struct PolicyPage {
    policy: Option<PolicyView>,
    results: Option<Link>,
    page_types: Vec<Link>,
}

#[derive(Serialize)]
struct PolicyView {
    date: String,
    date_iso: String,
    standard: String,
    level: String,
    conformance: String,
    scope: String,
    goal: String,
    exceptions: Vec<(String, String)>,
    contact: String,
}

/// The アクセシビリティ方針.
pub(crate) fn policy(site: &Site) -> Planned {
    let ctx = Ctx::new(site, None, of::accessibility());
    let md = ctx.md();
    let policy = site
        .guide
        .accessibility
        .policy
        .as_ref()
        .map(|p| PolicyView {
            date: p.date.get_ref().era(),
            date_iso: p.date.get_ref().iso(),
            standard: p.standard.clone(),
            level: p.level.clone(),
            conformance: p.conformance.get_ref().clone(),
            scope: md.block(&p.scope),
            goal: p.goal.as_ref().map(|g| md.block(g)).unwrap_or_default(),
            exceptions: p
                .exceptions
                .iter()
                .map(|e| (e.what.clone(), e.reason.clone()))
                .collect(),
            contact: p.contact.as_ref().map(|c| md.block(c)).unwrap_or_default(),
        });
    let results = site
        .guide
        .accessibility
        .results
        .as_ref()
        .map(|_| ctx.link(&of::accessibility_results(), "試験結果"));
    ctx.finish(
        "accessibility.html",
        "アクセシビリティ方針",
        &PolicyPage {
            policy,
            results,
            page_types: page_types(&ctx, site),
        },
    )
}

/// The pages the automated check covers: one of every kind.
fn page_types(ctx: &Ctx, site: &Site) -> Vec<Link> {
    let mut page_types = vec![
        ctx.link(&of::portal(), "トップ"),
        ctx.link(&of::comparison(), "市町村の比較"),
        ctx.link(&of::national_index(), "国の制度"),
        ctx.link(
            &of::national_functions(),
            "拠点等の機能と各市町村の整備状況",
        ),
    ];
    if let Some(a) = crate::model::reads::every("addon", &site.guide.national.addons).first() {
        page_types.push(ctx.link(&of::addon(a.id.get_ref()), format!("加算（{}）", a.name)));
    }
    if let Some(c) = site.guide.cities.first() {
        for (path, title) in super::sections::sections(site.guide, c) {
            page_types.push(ctx.link(&path, format!("{}：{title}", c.city.name)));
        }
    }
    page_types
}

#[derive(Serialize)]
struct ResultsPage {
    date: String,
    date_iso: String,
    method: String,
    policy: Link,
    standard: Option<String>,
    pages: Vec<PageRow>,
    criteria: Vec<CriterionRow>,
    /// How many criteria have each result, in the order of [`RESULTS`].
    counts: Vec<(String, usize)>,
}

#[derive(Serialize)]
struct PageRow {
    page: Link,
    violations: u32,
}

#[derive(Serialize)]
struct CriterionRow {
    id: String,
    name: String,
    level: String,
    result: String,
    note: String,
}

/// The 試験結果 page, when the content has test results.
pub(crate) fn results(site: &Site) -> Option<Planned> {
    let results = site.guide.accessibility.results.as_ref()?;
    let ctx = Ctx::new(site, None, of::accessibility_results());
    let criteria: Vec<CriterionRow> = CRITERIA
        .iter()
        .map(|(id, name, level)| {
            let found = results.criteria.iter().find(|c| c.id.get_ref() == id);
            CriterionRow {
                id: id.to_string(),
                name: name.to_string(),
                level: level.to_string(),
                result: found
                    .map(|c| c.result.get_ref().clone())
                    .unwrap_or_else(|| "記載なし".into()),
                note: found.and_then(|c| c.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let counts = RESULTS
        .iter()
        .map(|r| {
            (
                r.to_string(),
                criteria.iter().filter(|c| c.result == *r).count(),
            )
        })
        .collect();
    let view = ResultsPage {
        date: results.date.get_ref().era(),
        date_iso: results.date.get_ref().iso(),
        method: results.method.clone(),
        policy: ctx.link(&of::accessibility(), "アクセシビリティ方針"),
        standard: site
            .guide
            .accessibility
            .policy
            .as_ref()
            .map(|p| format!("{} 適合レベル{}", p.standard, p.level)),
        pages: results
            .pages
            .iter()
            .map(|p| PageRow {
                page: ctx.link(&p.path, p.title.clone().unwrap_or_else(|| p.path.clone())),
                violations: p.violations,
            })
            .collect(),
        criteria,
        counts,
    };
    Some(ctx.finish("accessibility_results.html", "試験結果", &view))
}
