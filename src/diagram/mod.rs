//! Flows drawn as diagrams: a pure function from a [`Flow`] of the model to a
//! self-contained SVG string, for the flow page and for the printed guide.
//!
//! The layout is our own rather than a layered-graph crate's: the guides draw
//! swimlanes (one lane per organisation, steps top to bottom, tracks side by
//! side), where every step already has its row from the flow's order and every
//! hand-over its lanes; what is left to place is a handful of branch routes,
//! which a gutter of parallel lines does without crossings of boxes. A
//! Sugiyama layout would reorder what the guide ordered and know nothing of lanes.
//!
//! The SVG needs nothing from outside: no CSS classes, no external references,
//! the font named as "BIZ UDGothic" with generic fallbacks, and every piece of
//! content text escaped.

mod layout;
mod scene;
mod svg;
pub(crate) mod text;
mod words;

use std::collections::HashMap;

use crate::model::{Flow, Municipality};

/// The two drawings of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Lanes side by side, one per organisation, with arrows between them.
    Wide,
    /// One column as wide as a 360 px phone shows it: who does what and what moves, as text under each step.
    Narrow,
}

/// The width of the narrow drawing, in px: a 360 px phone less the page's margins.
pub const NARROW_WIDTH: f32 = 328.0;

/// What a diagram shows of things outside its flow: names, and where its boxes lead.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Organisation id → its local name.
    pub organisations: HashMap<String, String>,
    /// Flow id → its title, for branches that continue in another flow.
    pub flows: HashMap<String, String>,
    /// `flow-id/step-id` → the step's mark, for branches into a step of another flow.
    pub steps: HashMap<String, String>,
    /// Flow id → the address of its page, for the links over branch boxes.
    pub flow_hrefs: HashMap<String, String>,
    /// Whether each step's box leads to `#step-<id>` on the same page.
    pub link_steps: bool,
    /// Prefix of the ids inside the SVG, unique on the page.
    pub id: String,
}

impl Context {
    /// Names from `city`, without links (for print).
    pub fn of_city(city: &Municipality) -> Context {
        Context {
            organisations: city
                .organisations
                .iter()
                .map(|o| (o.id.get_ref().clone(), o.name.clone()))
                .collect(),
            flows: city
                .flows
                .iter()
                .map(|f| (f.id.get_ref().clone(), f.title.clone()))
                .collect(),
            steps: city
                .flows
                .iter()
                .flat_map(|f| {
                    f.steps.iter().map(move |s| {
                        let mark = if s.label.is_empty() {
                            &s.title
                        } else {
                            &s.label
                        };
                        (
                            format!("{}/{}", f.id.get_ref(), s.id.get_ref()),
                            mark.clone(),
                        )
                    })
                })
                .collect(),
            flow_hrefs: HashMap::new(),
            link_steps: false,
            id: "flow".into(),
        }
    }

    fn organisation<'a>(&'a self, id: &'a str) -> &'a str {
        self.organisations.get(id).map_or(id, String::as_str)
    }
}

/// A flow drawn: the SVG and the boxes a page lays links over.
///
/// The SVG is one image (`role="img"`, with a title and a description) and
/// holds no links: links inside an image are hidden from screen readers yet
/// reachable by keyboard. A page places [`Drawing::links`] over it instead,
/// as its own links, in shares of the drawing's size so they follow it when
/// it is scaled.
#[derive(Debug, Clone)]
pub struct Drawing {
    pub svg: String,
    pub width: f32,
    pub height: f32,
    pub links: Vec<Hotspot>,
}

/// A box of the drawing that leads somewhere: where, its text, and its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    pub href: String,
    /// The box's text, as the link's name.
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// The widest lanes drawing print scales to the page (px); an A4 page is
/// about 680 px wide, so this keeps its text at two thirds of its size or more.
pub(crate) const PRINT_WIDE_MAX: f32 = 1040.0;

/// `flow` drawn in `shape`: the same input gives the same bytes.
pub fn draw(flow: &Flow, cx: &Context, shape: Shape) -> Drawing {
    let scene = layout::layout(flow, cx, shape);
    let links = scene
        .boxes
        .iter()
        .filter_map(|b| {
            Some(Hotspot {
                href: b.href.clone()?,
                text: b.lines.concat(),
                x: b.rect.x,
                y: b.rect.y,
                w: b.rect.w,
                h: b.rect.h,
            })
        })
        .collect();
    Drawing {
        svg: svg::write(&scene, flow, cx, shape),
        width: scene.width,
        height: scene.height,
        links,
    }
}

/// The SVG of `flow` in `shape`, for a page or for print.
pub fn svg(flow: &Flow, cx: &Context, shape: Shape) -> String {
    draw(flow, cx, shape).svg
}
