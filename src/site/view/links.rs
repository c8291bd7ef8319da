//! Links and names that pages of every kind show for a city's things: its
//! functions, organisations, member towns, subsidies and the add-ons it
//! cites, each seen from the page that shows it.

use serde::Serialize;

use super::{Ctx, Link};
use crate::model::{FunctionDescription, Guide, Municipality, Subsidy};
use crate::site::format;
use crate::site::paths::of;

/// A link from `ctx`'s page to its city's page of a hub function (the
/// national one, from a page of no city), named nationally.
pub(crate) fn function_link(ctx: &Ctx, id: &str) -> Option<Link> {
    let name = ctx.guide.function(id)?.name.clone();
    let path = crate::site::paths::resolve(
        ctx.guide,
        ctx.city,
        crate::model::link::LinkKind::Function,
        id,
    )?;
    Some(ctx.link(&path, name))
}

/// The name the city uses for a function: its local name, else the national one.
pub(crate) fn function_name(guide: &Guide, f: &FunctionDescription) -> String {
    f.local_name.clone().unwrap_or_else(|| {
        guide
            .function(f.function.get_ref())
            .map(|n| n.name.clone())
            .unwrap_or_else(|| f.function.get_ref().clone())
    })
}

/// An organisation as shown in lists of contacts.
#[derive(Serialize)]
pub(crate) struct OrganisationView {
    pub id: String,
    pub name: String,
    pub role: String,
    pub member: Option<String>,
    pub summary: String,
    pub phone: Option<String>,
    /// `tel:` link of the phone number, when the number is complete.
    pub tel: Option<String>,
    pub fax: Option<String>,
    pub address: Option<String>,
}

/// The view of one organisation of `c`.
pub(crate) fn organisation_view(
    ctx: &Ctx,
    c: &Municipality,
    o: &crate::model::Organisation,
) -> OrganisationView {
    OrganisationView {
        id: o.id.get_ref().clone(),
        name: o.name.clone(),
        role: ctx
            .guide
            .role(o.role.get_ref())
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        member: o.member.as_ref().map(|m| member_name(c, m.get_ref())),
        summary: o
            .summary
            .as_ref()
            .map(|s| ctx.md().inline(s))
            .unwrap_or_default(),
        phone: o.phone.clone(),
        tel: o.phone.as_deref().and_then(crate::site::publish::tel),
        fax: o.fax.clone(),
        address: o.address.clone(),
    }
}

/// The name of a member town, or its id if unknown.
pub(crate) fn member_name(c: &Municipality, id: &str) -> String {
    c.city
        .members
        .iter()
        .find(|m| m.id.get_ref() == id)
        .map(|m| m.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// A link to an organisation's entry on the city's contacts page.
pub(crate) fn organisation_link(ctx: &Ctx, c: &Municipality, id: &str) -> Link {
    let name = c
        .organisation(id)
        .map(|o| o.name.clone())
        .unwrap_or_else(|| id.to_string());
    ctx.link(&format!("{}#org-{id}", of::contacts(c.id())), name)
}

/// A link to an add-on's national page with its current value.
#[derive(Serialize)]
pub(crate) struct AddOnLink {
    pub link: Link,
    pub value: String,
    /// The change coming within a year, in words.
    pub change: Option<String>,
    /// The conditions the page's city attaches to the add-on, as its own.
    pub local: Vec<LocalTerms>,
}

/// Conditions a city attaches to a national add-on, with where it says so.
#[derive(Serialize)]
pub(crate) struct LocalTerms {
    /// 「〇〇市の手引きによる条件」: whose words these are.
    pub label: String,
    pub conditions: Vec<String>,
    /// Where the guide states them and the local rule they rest on.
    pub source: Option<String>,
}

/// The conditions `ctx`'s city attaches to add-on `id`, ready to show.
pub(crate) fn local_terms(ctx: &Ctx, id: &str) -> Vec<LocalTerms> {
    let Some(c) = ctx.city else {
        return Vec::new();
    };
    let md = ctx.md();
    c.addon_conditions(id)
        .into_iter()
        .map(|t| LocalTerms {
            label: format!("{}の手引きによる条件", c.city.name),
            conditions: md.inlines(&t.conditions),
            source: format::condition_source(t),
        })
        .collect()
}

/// The link and current value of an add-on, seen from `ctx`'s page.
pub(crate) fn addon_link(ctx: &Ctx, id: &str) -> AddOnLink {
    match ctx.guide.addon(id) {
        Some(a) => {
            let value = ctx.addon_value(a);
            AddOnLink {
                link: ctx.link(&of::addon(id), a.name.clone()),
                value: value.text,
                change: value.change,
                local: local_terms(ctx, id),
            }
        }
        None => AddOnLink {
            link: ctx.link(&of::national_index(), id),
            value: String::new(),
            change: None,
            local: Vec::new(),
        },
    }
}

/// A link to a subsidy on the city's subsidies page.
pub(crate) fn subsidy_link(ctx: &Ctx, c: &Municipality, id: &str) -> Link {
    let name = c
        .subsidy(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string());
    ctx.link(&format!("{}#{id}", of::subsidies(c.id())), name)
}

/// The amounts of a subsidy in force on `date`, in one line, for comparisons.
pub(crate) fn subsidy_amounts(s: &Subsidy, date: crate::model::Date) -> String {
    s.value_at(date)
        .map(|d| d.value)
        .map(|v| {
            v.amounts
                .iter()
                .map(format::amount)
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default()
}
