//! A flow's page: the steps as a numbered sequence, then the same flow as a
//! matrix of organisations × steps, so a reader sees both "what happens next"
//! and "what do I do at each step".

use serde::Serialize;

use super::city::{AddOnLink, addon_link, organisation_link, subsidy_link};
use super::{Ctx, Link, Planned, Site};
use crate::model::{Flow, Municipality};
use crate::site::paths::of;

#[derive(Serialize)]
struct FlowPage {
    summary: String,
    applies_to: Vec<String>,
    functions: Vec<Link>,
    steps: Vec<StepView>,
    matrix: Matrix,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct StepView {
    anchor: String,
    label: String,
    title: String,
    summary: String,
    points: Vec<String>,
    duties: Vec<DutyView>,
    /// Fees billable at the step whoever claims them.
    addons: Vec<AddOnLink>,
    subsidies: Vec<Link>,
    documents: Vec<DocumentView>,
    notes: Vec<String>,
    qa: Vec<Link>,
}

/// Fees billable at a step without a named claimant, for the matrix's last row.
#[derive(Serialize)]
struct StepFees {
    addons: Vec<AddOnLink>,
    subsidies: Vec<Link>,
}

#[derive(Serialize)]
struct DutyView {
    organisation: Link,
    label: String,
    title: String,
    items: Vec<String>,
    addons: Vec<AddOnLink>,
    subsidies: Vec<Link>,
}

#[derive(Serialize)]
struct DocumentView {
    name: String,
    /// The form's PDF, when the document has a blank form.
    pdf: Option<Link>,
    from: Option<String>,
    to: Vec<String>,
    note: Option<String>,
}

/// Organisations (rows) × steps (columns); each cell holds what that organisation does there.
#[derive(Serialize)]
struct Matrix {
    steps: Vec<Link>,
    rows: Vec<MatrixRow>,
    /// One cell per step; empty when no step has such fees.
    step_fees: Vec<StepFees>,
}

#[derive(Serialize)]
struct MatrixRow {
    organisation: Link,
    role: String,
    cells: Vec<Vec<DutyView>>,
}

/// The page of one flow of city `c`.
pub fn page(site: &Site, c: &Municipality, flow: &Flow) -> Planned {
    let ctx = Ctx::new(site, Some(c), of::flow(c.id(), flow.id.get_ref()));
    let md = ctx.md();
    let duty_view = |d: &crate::model::Duty| DutyView {
        organisation: organisation_link(&ctx, c, d.organisation.get_ref()),
        label: d.label.clone().unwrap_or_default(),
        title: d.title.clone().unwrap_or_default(),
        items: md.inlines(&d.items),
        addons: d
            .addons
            .iter()
            .map(|a| addon_link(&ctx, a.get_ref()))
            .collect(),
        subsidies: d
            .subsidies
            .iter()
            .map(|s| subsidy_link(&ctx, c, s.get_ref()))
            .collect(),
    };
    let name_of = |id: &str| {
        c.organisation(id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let steps = flow
        .steps
        .iter()
        .map(|step| {
            let key = format!("{}/{}", flow.id.get_ref(), step.id.get_ref());
            StepView {
                anchor: format!("step-{}", step.id.get_ref()),
                label: step.label.clone(),
                title: step.title.clone(),
                summary: step
                    .summary
                    .as_ref()
                    .map(|s| md.block(s))
                    .unwrap_or_default(),
                points: md.inlines(&step.points),
                duties: step.duties.iter().map(duty_view).collect(),
                addons: step
                    .addons
                    .iter()
                    .map(|a| addon_link(&ctx, a.get_ref()))
                    .collect(),
                subsidies: step
                    .subsidies
                    .iter()
                    .map(|x| subsidy_link(&ctx, c, x.get_ref()))
                    .collect(),
                documents: step
                    .documents
                    .iter()
                    .map(|d| DocumentView {
                        name: d.name.clone(),
                        pdf: d.form.as_ref().map(|f| {
                            let title = site
                                .guide
                                .form(f.get_ref())
                                .map(|f| f.title.clone())
                                .unwrap_or_else(|| d.name.clone());
                            ctx.link(
                                &of::form_pdf(c.id(), f.get_ref()),
                                format!("{title}（PDF）"),
                            )
                        }),
                        from: d.from.as_ref().map(|o| name_of(o.get_ref())),
                        to: d.to.iter().map(|o| name_of(o.get_ref())).collect(),
                        note: d.note.clone(),
                    })
                    .collect(),
                notes: md.inlines(&step.notes),
                qa: c
                    .qa
                    .iter()
                    .filter(|q| q.step.as_ref().is_some_and(|s| *s.get_ref() == key))
                    .map(|q| {
                        ctx.link(
                            &format!("{}#{}", of::qa(c.id()), q.id.get_ref()),
                            format!("Q{} {}", q.number, md.plain(&q.question)),
                        )
                    })
                    .collect(),
            }
        })
        .collect();

    // Rows in order of first appearance, so the matrix reads like the flow.
    let mut orgs: Vec<&str> = Vec::new();
    for step in &flow.steps {
        for d in &step.duties {
            if !orgs.contains(&d.organisation.get_ref().as_str()) {
                orgs.push(d.organisation.get_ref());
            }
        }
    }
    let has_step_fees = flow
        .steps
        .iter()
        .any(|s| !s.addons.is_empty() || !s.subsidies.is_empty());
    let step_fees = if has_step_fees {
        flow.steps
            .iter()
            .map(|s| StepFees {
                addons: s
                    .addons
                    .iter()
                    .map(|a| addon_link(&ctx, a.get_ref()))
                    .collect(),
                subsidies: s
                    .subsidies
                    .iter()
                    .map(|x| subsidy_link(&ctx, c, x.get_ref()))
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let matrix = Matrix {
        step_fees,
        steps: flow
            .steps
            .iter()
            .map(|s| {
                ctx.link(
                    &of::step(c.id(), flow.id.get_ref(), s.id.get_ref()),
                    format!("{} {}", s.label, s.title),
                )
            })
            .collect(),
        rows: orgs
            .iter()
            .map(|org| MatrixRow {
                organisation: organisation_link(&ctx, c, org),
                role: c
                    .organisation(org)
                    .and_then(|o| site.guide.role(o.role.get_ref()))
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
                cells: flow
                    .steps
                    .iter()
                    .map(|s| {
                        s.duties
                            .iter()
                            .filter(|d| d.organisation.get_ref() == org)
                            .map(duty_view)
                            .collect()
                    })
                    .collect(),
            })
            .collect(),
    };
    let view = FlowPage {
        summary: md.block(&flow.summary),
        applies_to: md.inlines(&flow.applies_to),
        functions: flow
            .function
            .iter()
            .filter_map(|f| super::city::function_link(&ctx, c, f.get_ref()))
            .collect(),
        steps,
        matrix,
        notes: md.inlines(&flow.notes),
    };
    ctx.finish(
        "flow.html",
        format!("{}（{}）", flow.title, c.city.name),
        &view,
    )
}
