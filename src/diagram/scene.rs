//! What a drawing is made of, placed: boxes with their lines of text,
//! arrows, lane backgrounds. The layout makes a scene; the SVG writer and the
//! page's links read it.

/// A rectangle, in px from the top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    /// The rectangle's lower edge.
    pub(super) fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

/// What a box stands for; the SVG carries it as `data-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Track,
    LaneHead,
    Step,
    Duty,
    Move,
    Way,
    /// A way out of the flow: to another flow, or to what the guide names in words.
    Exit,
}

impl Kind {
    /// The name the SVG writes.
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Track => "track",
            Kind::LaneHead => "lane-head",
            Kind::Step => "step",
            Kind::Duty => "duty",
            Kind::Move => "move",
            Kind::Way => "way",
            Kind::Exit => "exit",
        }
    }
}

/// A box with its text, already broken into lines.
#[derive(Debug, Clone)]
pub(super) struct TextBox {
    pub rect: Rect,
    pub lines: Vec<String>,
    pub size: f32,
    pub kind: Kind,
    /// Model ids the box stands for (`data-id`, `data-from`, `data-to`).
    pub data: Vec<(&'static str, String)>,
    pub href: Option<String>,
    pub dashed: bool,
}

/// Which way an arrowhead points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    Right,
    Left,
    Down,
}

/// A line with arrowheads at the given tips.
#[derive(Debug, Clone)]
pub(super) struct Arrow {
    pub kind: Kind,
    pub points: Vec<(f32, f32)>,
    pub heads: Vec<(f32, f32, Dir)>,
    /// Where a hand-over starts: a dot in the sender's lane.
    pub tail: Option<(f32, f32)>,
    pub dashed: bool,
    pub data: Vec<(&'static str, String)>,
}

/// Everything to draw, in drawing order.
#[derive(Debug, Default)]
pub(super) struct Scene {
    pub width: f32,
    pub height: f32,
    /// Lane backgrounds: a rectangle and the organisation id.
    pub lanes: Vec<(Rect, String)>,
    pub boxes: Vec<TextBox>,
    pub arrows: Vec<Arrow>,
}
