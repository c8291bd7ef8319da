//! A flow's page: the flow drawn as a diagram, the steps as a numbered
//! sequence (the drawing's text alternative), then the same flow as a matrix
//! of organisations × steps, so a reader sees both "what happens next" and
//! "what do I do at each step".

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::links::{AddOnLink, addon_link, organisation_link, subsidy_link};
use super::{Ctx, Link, Planned, Site};
use crate::diagram;
use crate::model::{Flow, Municipality};
use crate::site::paths::of;

#[derive(Serialize)]
struct FlowPage {
    summary: String,
    /// The flow drawn in lanes, and in one column for phones.
    diagram_wide: DrawingView,
    diagram_narrow: DrawingView,
    /// Whether print shows the lanes: too many of them shrink the text past reading on A4.
    print_wide: bool,
    /// Whether anything in the drawings was read from a figure rather than the text.
    diagram_inferred: bool,
    applies_to: Vec<String>,
    functions: Vec<Link>,
    steps: Vec<StepView>,
    matrix: Matrix,
    notes: Vec<String>,
    /// The local rule the procedure rests on, in one line.
    basis: Option<String>,
    /// Where an inferred flow was put together from.
    inferred_from: Option<String>,
}

/// A drawing and the links laid over its boxes.
#[derive(Serialize)]
struct DrawingView {
    /// The SVG, every piece of content text escaped inside it.
    svg: String,
    /// The drawing's width in px, so its box is no wider than the image.
    width: String,
    links: Vec<HotspotView>,
}

#[derive(Serialize)]
struct HotspotView {
    href: String,
    text: String,
    /// Where the link sits, in shares of the drawing, so it follows a scaled drawing.
    style: String,
}

/// The flow diagrams of the last render, by what each is drawn from: an
/// edit of national content or of a form plans a city's flow pages again,
/// and draws them as they were. A render keeps only what it drew.
#[derive(Debug, Default)]
pub(crate) struct Drawings {
    /// What this render drew or took over, by key.
    now: Mutex<HashMap<u64, Arc<diagram::Drawing>>>,
    /// What the last render drew.
    last: HashMap<u64, Arc<diagram::Drawing>>,
    /// False for a render nothing renders again after: it keeps nothing.
    keep: bool,
}

impl Drawings {
    /// Starts a render: what the last one drew becomes what this one may take
    /// over. `keep` is false for a one-off, which keeps and takes nothing.
    pub(crate) fn next(&mut self, keep: bool) {
        self.last = std::mem::take(self.now.get_mut().expect("no render panicked holding it"));
        self.keep = keep;
        if !keep {
            self.last.clear();
        }
    }

    /// `flow` drawn in `shape` with the names of `cx`, as the last render drew it if it did.
    fn draw(
        &self,
        flow: &Flow,
        cx: &diagram::Context,
        shape: diagram::Shape,
    ) -> Arc<diagram::Drawing> {
        if !self.keep {
            return Arc::new(diagram::draw(flow, cx, shape));
        }
        let key = drawing_key(flow, cx, shape);
        let drawing = match self.last.get(&key) {
            Some(kept) => kept.clone(),
            None => Arc::new(diagram::draw(flow, cx, shape)),
        };
        let mut now = self.now.lock().expect("no render panicked holding it");
        now.insert(key, drawing.clone());
        drawing
    }
}

/// A hash of everything `diagram::draw` reads: the flow, the names and
/// addresses of its context, and the shape.
fn drawing_key(flow: &Flow, cx: &diagram::Context, shape: diagram::Shape) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut feed = crate::site::JsonFeed::default();
    serde_json::to_writer(&mut feed, flow).expect("the model serialises");
    fn sorted(map: &HashMap<String, String>) -> Vec<(&String, &String)> {
        let mut pairs: Vec<_> = map.iter().collect();
        pairs.sort_unstable();
        pairs
    }
    let diagram::Context {
        organisations,
        flows,
        steps,
        flow_hrefs,
        link_steps,
        id,
    } = cx;
    let names = [organisations, flows, steps, flow_hrefs].map(sorted);
    (names, link_steps, id, shape).hash(&mut feed.0);
    feed.0.finish()
}

fn drawing_view(d: Arc<diagram::Drawing>) -> DrawingView {
    let pc = |v: f32, of: f32| format!("{:.3}%", v / of * 100.0);
    DrawingView {
        width: format!("{}px", d.width.ceil()),
        links: d
            .links
            .iter()
            .map(|h| HotspotView {
                href: h.href.clone(),
                text: h.text.clone(),
                style: format!(
                    "left:{};top:{};width:{};height:{}",
                    pc(h.x, d.width),
                    pc(h.y, d.height),
                    pc(h.w, d.width),
                    pc(h.h, d.height)
                ),
            })
            .collect(),
        // A drawing no render keeps gives its SVG up; a kept one lends a copy.
        svg: Arc::try_unwrap(d).map_or_else(|kept| kept.svg.clone(), |d| d.svg),
    }
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
    /// Information that moves at the step without a form.
    messages: Vec<MessageView>,
    /// The track the step runs on, or the tracks it joins; empty in a flow of one track.
    track: String,
    /// Where the step leads, where the guide says more than "the next step".
    ways: Vec<WayView>,
    notes: Vec<String>,
    qa: Vec<Link>,
}

#[derive(Serialize)]
struct MessageView {
    what: String,
    from: String,
    to: Vec<String>,
    note: Option<String>,
    inferred: bool,
}

/// One stated way on from a step, as the step list writes it.
#[derive(Serialize)]
struct WayView {
    when: String,
    /// The step, flow or outcome the way leads to.
    target: String,
    href: Option<String>,
    is_loop: bool,
    inferred: bool,
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
    /// The web form made from the same definition, beside the PDF.
    web: Option<Link>,
    from: Option<String>,
    to: Vec<String>,
    note: Option<String>,
    inferred: bool,
}

/// Organisations (rows) × steps (columns); each cell holds what that organisation does there.
#[derive(Serialize)]
struct Matrix {
    steps: Vec<Link>,
    rows: Vec<MatrixRow>,
    /// One cell per step; empty when no step has such fees.
    step_fees: Vec<StepFees>,
    /// More than half the cells would be "—": the page shows each
    /// organisation's steps (`MatrixRow::steps`) instead of the table.
    sparse: bool,
    /// With `sparse`: the steps with fees of no named claimant, each with its fees.
    fee_steps: Vec<(Link, StepFees)>,
}

#[derive(Serialize)]
struct MatrixRow {
    organisation: Link,
    role: String,
    /// One cell per step (empty with `Matrix::sparse`).
    cells: Vec<Vec<DutyView>>,
    /// With `Matrix::sparse`: only the steps the organisation acts in, with its duties there.
    steps: Vec<(Link, Vec<DutyView>)>,
}

impl Matrix {
    /// Turns a mostly empty table ([`Flow::matrix_is_sparse`]) into a list
    /// of each organisation's steps, which says the same without a page of "—".
    fn shape(mut self, flow: &Flow) -> Matrix {
        if !flow.matrix_is_sparse() {
            return self;
        }
        self.sparse = true;
        for row in &mut self.rows {
            row.steps = std::mem::take(&mut row.cells)
                .into_iter()
                .zip(&self.steps)
                .filter(|(cell, _)| !cell.is_empty())
                .map(|(cell, step)| (step.clone(), cell))
                .collect();
        }
        self.fee_steps = std::mem::take(&mut self.step_fees)
            .into_iter()
            .zip(&self.steps)
            .filter(|(f, _)| !f.addons.is_empty() || !f.subsidies.is_empty())
            .map(|(f, step)| (step.clone(), f))
            .collect();
        self
    }
}

/// A stated way on from a step: its condition, and a link to where it leads.
fn way_view(ctx: &Ctx, c: &Municipality, flow: &Flow, n: &crate::model::Next) -> WayView {
    let step_text = |f: &Flow, id: &str| {
        f.steps
            .iter()
            .find(|s| s.id.get_ref() == id)
            .map(|s| format!("{} {}", s.label, s.title).trim().to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let (target, href) = match (&n.flow, &n.step) {
        (Some(f), step) => {
            let other = c.flows.iter().find(|x| x.id.get_ref() == f.get_ref());
            let title = other.map_or(f.get_ref().clone(), |x| x.title.clone());
            let path = match step {
                Some(s) => of::step(c.id(), f.get_ref(), s.get_ref()),
                None => of::flow(c.id(), f.get_ref()),
            };
            let text = match (step, other) {
                (Some(s), Some(o)) => format!("「{title}」の{}", step_text(o, s.get_ref())),
                _ => format!("「{title}」"),
            };
            (text, Some(ctx.link(&path, "").href))
        }
        (None, Some(s)) => (
            step_text(flow, s.get_ref()),
            Some(format!("#step-{}", s.get_ref())),
        ),
        (None, None) => (n.outcome.clone().unwrap_or_default(), None),
    };
    WayView {
        when: n.when.clone().unwrap_or_default(),
        target,
        href,
        is_loop: n.is_loop,
        inferred: n.inferred,
    }
}

/// The page of one flow of city `c`.
pub(crate) fn page(site: &Site, c: &Municipality, flow: &Flow) -> Planned {
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
    let tracks = flow.tracks();
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
                        web: d
                            .form
                            .as_ref()
                            .filter(|f| site.guide.has_definition(f.get_ref()))
                            .map(|f| {
                                ctx.link(
                                    &of::form_page(c.id(), f.get_ref()),
                                    "画面で入力する（ウェブ様式）",
                                )
                            }),
                        from: d.from.as_ref().map(|o| name_of(o.get_ref())),
                        to: d.to.iter().map(|o| name_of(o.get_ref())).collect(),
                        note: d.note.as_ref().map(|n| md.inline(n)),
                        inferred: d.inferred,
                    })
                    .collect(),
                messages: step
                    .messages
                    .iter()
                    .map(|m| MessageView {
                        what: m.what.clone(),
                        from: name_of(m.from.get_ref()),
                        to: m.to.iter().map(|o| name_of(o.get_ref())).collect(),
                        note: m.note.as_ref().map(|n| md.inline(n)),
                        inferred: m.inferred,
                    })
                    .collect(),
                track: match (&step.track, tracks.len()) {
                    (_, 0) => String::new(),
                    (Some(t), _) => format!("＜{t}＞"),
                    (None, _) => format!(
                        "{}に共通",
                        tracks
                            .iter()
                            .map(|t| format!("＜{t}＞"))
                            .collect::<Vec<_>>()
                            .join("と")
                    ),
                },
                ways: step
                    .next
                    .iter()
                    .flatten()
                    .map(|n| way_view(&ctx, c, flow, n))
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
    let orgs = flow.organisations();
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
                steps: Vec::new(),
            })
            .collect(),
        sparse: false,
        fee_steps: Vec::new(),
    }
    .shape(flow);
    let cx = diagram::Context {
        link_steps: true,
        id: "diagram".into(),
        flow_hrefs: c
            .flows
            .iter()
            .map(|f| {
                let id = f.id.get_ref();
                (id.clone(), ctx.link(&of::flow(c.id(), id), "").href)
            })
            .collect(),
        ..diagram::Context::of_city(c)
    };
    let wide = site.drawings.draw(flow, &cx, diagram::Shape::Wide);
    let view = FlowPage {
        print_wide: wide.width <= crate::diagram::PRINT_WIDE_MAX,
        diagram_wide: drawing_view(wide),
        diagram_narrow: drawing_view(site.drawings.draw(flow, &cx, diagram::Shape::Narrow)),
        diagram_inferred: flow.steps.iter().any(|s| {
            s.documents.iter().any(|d| d.inferred)
                || s.messages.iter().any(|m| m.inferred)
                || s.next.iter().flatten().any(|n| n.inferred)
        }),
        summary: md.block(&flow.summary),
        applies_to: md.inlines(&flow.applies_to),
        functions: flow
            .function
            .iter()
            .filter_map(|f| super::links::function_link(&ctx, f.get_ref()))
            .collect(),
        steps,
        matrix,
        notes: md.inlines(&flow.notes),
        basis: flow.basis.as_ref().map(|b| b.text()),
        inferred_from: flow.inferred_from.clone(),
    };
    ctx.finish(
        "flow.html",
        format!("{}（{}）", flow.title, c.city.name),
        &view,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_is_kept_for_the_next_render_only_while_its_flow_stays_as_it_was() {
        let inputs = crate::load::Inputs::bundled();
        let (guide, _) = crate::load::load(&inputs);
        let city = &guide.cities[0];
        let flow = &city.flows[0];
        let cx = diagram::Context::of_city(city);
        let wide = diagram::Shape::Wide;
        let mut drawings = Drawings::default();
        drawings.next(true);
        let first = drawings.draw(flow, &cx, wide);
        drawings.next(true);
        assert!(Arc::ptr_eq(&first, &drawings.draw(flow, &cx, wide)));
        let narrow = drawings.draw(flow, &cx, diagram::Shape::Narrow);
        assert!(!Arc::ptr_eq(&first, &narrow));

        // A step's new title is drawn anew, as the drawing shows it.
        let mut edited = flow.clone();
        edited.steps[0].title.push_str("（改）");
        let redrawn = drawings.draw(&edited, &cx, wide);
        assert!(!Arc::ptr_eq(&first, &redrawn));
        assert_ne!(first.svg, redrawn.svg);
        assert_eq!(redrawn.svg, diagram::draw(&edited, &cx, wide).svg);

        // A render that does not draw a flow lets its drawing go; a one-off keeps none.
        drawings.next(true);
        drawings.next(true);
        assert!(!Arc::ptr_eq(&first, &drawings.draw(flow, &cx, wide)));
        drawings.next(false);
        let once = drawings.draw(flow, &cx, wide);
        drawings.next(false);
        assert!(!Arc::ptr_eq(&once, &drawings.draw(flow, &cx, wide)));
    }
}
