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
mod svg;
pub mod text;

use std::collections::HashMap;

use crate::model::{Flow, Municipality};

/// The two drawings of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Lanes side by side, one per organisation, with arrows between them.
    Wide,
    /// One column 360 px wide, for phones: who does what and what moves, as text under each step.
    Narrow,
}

/// The width of the narrow drawing, in px.
pub const NARROW_WIDTH: f32 = 360.0;

/// What a diagram shows of things outside its flow: names and links.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Organisation id → its local name.
    pub organisations: HashMap<String, String>,
    /// Flow id → its title, for branches that continue in another flow.
    pub flows: HashMap<String, String>,
    /// Flow id → the address of its page, where the drawing links to it.
    pub flow_hrefs: HashMap<String, String>,
    /// Whether each step's box links to `#step-<id>` on the same page.
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
            flow_hrefs: HashMap::new(),
            link_steps: false,
            id: "flow".into(),
        }
    }

    fn organisation<'a>(&'a self, id: &'a str) -> &'a str {
        self.organisations.get(id).map_or(id, String::as_str)
    }
}

/// The SVG drawing of `flow` in `shape`: the same input gives the same bytes.
pub fn svg(flow: &Flow, cx: &Context, shape: Shape) -> String {
    let scene = layout::layout(flow, cx, shape);
    svg::write(&scene, flow, cx, shape)
}
