//! The reference pages of a city's guide: Q&A, glossary, contacts, tables,
//! lists, prose pages, forms and the guide's revision history.

use serde::Serialize;

use super::links::{OrganisationView, member_name, organisation_view};
use super::table::{self, TableView};
use super::{Ctx, Link, Planned, Site};
use crate::model::Municipality;
use crate::site::paths::of;

#[derive(Serialize)]
struct QaPage {
    by_asker: Vec<QaGroup>,
    by_function: Vec<QaIndex>,
}

#[derive(Serialize)]
struct QaGroup {
    anchor: String,
    title: String,
    questions: Vec<QaView>,
}

#[derive(Serialize)]
struct QaView {
    id: String,
    number: u32,
    question: String,
    answer: String,
    function: Option<Link>,
    step: Option<Link>,
    sources: Vec<String>,
}

#[derive(Serialize)]
struct QaIndex {
    title: String,
    questions: Vec<Link>,
}

pub(super) fn qa(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::qa(c.id()));
    let md = ctx.md();
    let mut by_asker: Vec<QaGroup> = Vec::new();
    for q in &c.qa {
        let title = q
            .asker_label
            .clone()
            .or_else(|| {
                q.asker
                    .as_ref()
                    .and_then(|a| site.guide.role(a.get_ref()))
                    .map(|r| format!("{}からの質問", r.name))
            })
            .unwrap_or_else(|| "質問".to_string());
        let view = QaView {
            id: q.id.get_ref().clone(),
            number: q.number,
            question: md.block(&q.question),
            answer: md.block(&q.answer),
            function: q
                .function
                .as_ref()
                .and_then(|f| super::links::function_link(&ctx, f.get_ref())),
            step: q.step.as_ref().and_then(|s| {
                let (flow_id, step_id) = s.get_ref().split_once('/')?;
                let flow = c.flows.iter().find(|f| f.id.get_ref() == flow_id)?;
                let step = flow.steps.iter().find(|st| st.id.get_ref() == step_id)?;
                Some(ctx.link(
                    &of::step(c.id(), flow_id, step_id),
                    format!("{} {}{}", flow.title, step.label, step.title),
                ))
            }),
            sources: q.sources.clone(),
        };
        match by_asker.iter_mut().find(|g| g.title == title) {
            Some(g) => g.questions.push(view),
            None => by_asker.push(QaGroup {
                anchor: format!("asker-{}", by_asker.len() + 1),
                title,
                questions: vec![view],
            }),
        }
    }
    let mut by_function: Vec<QaIndex> = Vec::new();
    let mut functions: Vec<_> =
        crate::model::reads::every("function", &site.guide.national.functions)
            .iter()
            .collect();
    functions.sort_by_key(|f| f.order);
    for f in functions {
        let questions: Vec<Link> =
            c.qa.iter()
                .filter(|q| {
                    q.function
                        .as_ref()
                        .is_some_and(|x| x.get_ref() == f.id.get_ref())
                })
                .map(|q| {
                    ctx.link(
                        &format!("{}#{}", of::qa(c.id()), q.id.get_ref()),
                        format!("Q{} {}", q.number, md.plain(&q.question)),
                    )
                })
                .collect();
        if !questions.is_empty() {
            by_function.push(QaIndex {
                title: f.name.clone(),
                questions,
            });
        }
    }
    let others: Vec<Link> =
        c.qa.iter()
            .filter(|q| {
                q.function
                    .as_ref()
                    .is_none_or(|x| site.guide.function(x.get_ref()).is_none())
            })
            .map(|q| {
                ctx.link(
                    &format!("{}#{}", of::qa(c.id()), q.id.get_ref()),
                    format!("Q{} {}", q.number, md.plain(&q.question)),
                )
            })
            .collect();
    if !others.is_empty() {
        by_function.push(QaIndex {
            title: "機能を問わない質問".into(),
            questions: others,
        });
    }
    ctx.finish(
        "qa.html",
        format!("Q&A（{}）", c.city.name),
        &QaPage {
            by_asker,
            by_function,
        },
    )
}

#[derive(Serialize)]
struct TermView {
    id: String,
    term: String,
    reading: Option<String>,
    definition: String,
}

pub(super) fn glossary(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::glossary(c.id()));
    let md = ctx.md();
    let terms: Vec<TermView> = c
        .glossary
        .iter()
        .map(|t| TermView {
            id: t.id.get_ref().clone(),
            term: t.term.clone(),
            reading: t.reading.clone(),
            definition: md.block(&t.definition),
        })
        .collect();
    ctx.finish("glossary.html", format!("用語（{}）", c.city.name), &terms)
}

#[derive(Serialize)]
struct ContactsPage {
    directories: Vec<DirectoryView>,
    organisations: Vec<OrganisationView>,
}

#[derive(Serialize)]
struct DirectoryView {
    id: String,
    title: String,
    summary: String,
    area_code: Option<String>,
    has_member: bool,
    has_night: bool,
    has_fax: bool,
    has_address: bool,
    has_area: bool,
    has_note: bool,
    contacts: Vec<ContactView>,
}

#[derive(Serialize)]
struct ContactView {
    name: String,
    member: Option<String>,
    phone: Option<String>,
    /// `tel:` links, with the directory's area code where a number has none.
    tel: Option<String>,
    night_phone: Option<String>,
    night_tel: Option<String>,
    fax: Option<String>,
    address: Option<String>,
    area: Option<String>,
    note: Option<String>,
}

pub(super) fn contacts(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::contacts(c.id()));
    let md = ctx.md();
    let directories = c
        .directories
        .iter()
        .map(|d| DirectoryView {
            id: d.id.get_ref().clone(),
            title: d.title.clone(),
            summary: d.summary.as_ref().map(|s| md.block(s)).unwrap_or_default(),
            area_code: d.area_code.clone(),
            has_member: d.contacts.iter().any(|x| x.member.is_some()),
            has_night: d.contacts.iter().any(|x| x.night_phone.is_some()),
            has_fax: d.contacts.iter().any(|x| x.fax.is_some()),
            has_address: d.contacts.iter().any(|x| x.address.is_some()),
            has_area: d.contacts.iter().any(|x| x.area.is_some()),
            has_note: d.contacts.iter().any(|x| x.note.is_some()),
            contacts: d
                .contacts
                .iter()
                .map(|x| ContactView {
                    name: x.name.clone(),
                    member: x.member.as_ref().map(|m| member_name(c, m.get_ref())),
                    phone: x.phone.clone(),
                    tel: x
                        .phone
                        .as_deref()
                        .and_then(|p| dial(p, d.area_code.as_deref())),
                    night_phone: x.night_phone.clone(),
                    night_tel: x
                        .night_phone
                        .as_deref()
                        .and_then(|p| dial(p, d.area_code.as_deref())),
                    fax: x.fax.clone(),
                    address: x.address.clone(),
                    area: x.area.clone(),
                    note: x.note.clone(),
                })
                .collect(),
        })
        .collect();
    let organisations = c
        .organisations
        .iter()
        .map(|o| organisation_view(&ctx, c, o))
        .collect();
    ctx.finish(
        "contacts.html",
        format!("連絡先（{}）", c.city.name),
        &ContactsPage {
            directories,
            organisations,
        },
    )
}

pub(super) fn tables(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::tables(c.id()));
    let views: Vec<TableView> = c.tables.iter().map(|t| table::view(&ctx, t)).collect();
    ctx.finish(
        "tables.html",
        format!("表・チェックリスト（{}）", c.city.name),
        &views,
    )
}

#[derive(Serialize)]
struct ListView {
    id: String,
    title: String,
    summary: String,
    items: Vec<String>,
    notes: Vec<String>,
}

pub(super) fn lists(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::lists(c.id()));
    let md = ctx.md();
    let views: Vec<ListView> = c
        .lists
        .iter()
        .map(|l| ListView {
            id: l.id.get_ref().clone(),
            title: l.title.clone(),
            summary: l.summary.as_ref().map(|s| md.block(s)).unwrap_or_default(),
            items: md.inlines(&l.items),
            notes: md.inlines(&l.notes),
        })
        .collect();
    ctx.finish(
        "lists.html",
        format!("対象・一覧（{}）", c.city.name),
        &views,
    )
}

#[derive(Serialize)]
struct ProseView {
    section: Option<String>,
    functions: Vec<Link>,
    body: String,
}

/// A prose page of a city, or a national one when `c` is `None`.
pub(crate) fn prose_view(ctx: &Ctx, page: &crate::model::Page) -> impl Serialize {
    ProseView {
        section: page.meta.section.clone(),
        functions: page
            .meta
            .functions
            .iter()
            .filter_map(|f| super::links::function_link(ctx, f.get_ref()))
            .collect(),
        body: ctx.md().block(&page.body),
    }
}

pub(super) fn prose(site: &Site, c: &Municipality, page: &crate::model::Page) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::page(c.id(), page.meta.id.get_ref()));
    let view = prose_view(&ctx, page);
    ctx.finish("page.html", page.meta.title.clone(), &view)
}

#[derive(Serialize)]
struct FormView {
    id: String,
    title: String,
    pdf: String,
    /// The web form to fill in on screen, when the site has its definition.
    web: Option<String>,
    /// The light copy to print and write on by hand.
    print: String,
    /// Said on the page as on the form when the form was designed, not transcribed.
    designed: Option<&'static str>,
    used_at: Vec<Link>,
}

pub(super) fn forms(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::forms(c.id()));
    let views: Vec<FormView> = c
        .city
        .forms
        .iter()
        .map(|f| {
            let id = f.get_ref();
            let mut used_at = Vec::new();
            for flow in &c.flows {
                for step in &flow.steps {
                    if step
                        .documents
                        .iter()
                        .any(|d| d.form.as_ref().is_some_and(|x| x.get_ref() == id))
                    {
                        used_at.push(ctx.link(
                            &of::step(c.id(), flow.id.get_ref(), step.id.get_ref()),
                            format!("{} {}{}", flow.title, step.label, step.title),
                        ));
                    }
                }
            }
            let form = site.guide.form(id);
            FormView {
                id: id.clone(),
                title: form.map(|x| x.title.clone()).unwrap_or_else(|| id.clone()),
                designed: crate::forms::designed_note(form.and_then(|x| x.source.as_deref())),
                pdf: ctx.href(&of::form_pdf(c.id(), id)),
                web: site
                    .guide
                    .has_definition(id)
                    .then(|| ctx.href(&of::form_page(c.id(), id))),
                print: ctx.href(&of::form_print_pdf(c.id(), id)),
                used_at,
            }
        })
        .collect();
    ctx.finish("forms.html", format!("様式（{}）", c.city.name), &views)
}

#[derive(Serialize)]
struct HistoryView {
    date: String,
    iso: String,
    title: String,
    changes: Vec<String>,
    upcoming: bool,
}

/// The city's history, generated from its guide editions, the fee revisions
/// that changed add-ons it cites, and its subsidy changes; newest first.
pub(super) fn history(site: &Site, c: &Municipality) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::history(c.id()));
    let views: Vec<HistoryView> =
        crate::revisions::history::city_history(site.guide, c, site.options.as_of)
            .into_iter()
            .map(|h| HistoryView {
                date: h.date.era(),
                iso: h.date.iso(),
                title: h.title,
                changes: h.changes,
                upcoming: h.upcoming,
            })
            .collect();
    ctx.finish(
        "history.html",
        format!("更新履歴（{}）", c.city.name),
        &views,
    )
}

/// The `tel:` link of a directory's number: as written, or after the area
/// code the directory gives for numbers written without one.
fn dial(phone: &str, area_code: Option<&str>) -> Option<String> {
    use crate::site::publish::tel;
    tel(phone).or_else(|| {
        let code = area_code?;
        let local = phone.trim();
        (!local.starts_with('0') && !local.starts_with('０'))
            .then(|| tel(&format!("{code}-{local}")))
            .flatten()
    })
}
