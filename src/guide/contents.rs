//! What the guide says, section by section, in the reading order of the
//! website's city navigation: the same model read the same way, laid out as
//! a document tree instead of pages. The parts of one section are built in
//! [`parts`](super::parts) and [`flows`](super::flows).

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use super::doc::{Block, CoverLine, Doc, Inline, Section};
use super::markdown::{self, Target};
use crate::model::link;
use crate::model::{Date, Guide, Markdown, Municipality};
use crate::site::paths::{self, of};

/// What the guide of one city is built with: the model, the day it shows and
/// where the website lives.
pub struct Builder<'a> {
    pub guide: &'a Guide,
    pub city: &'a Municipality,
    pub as_of: Date,
    /// The website's address, for links from the PDF; `None` links relative
    /// to the city's folder, where the PDF sits.
    pub base_url: Option<&'a str>,
    /// Every label a place of the guide carries, to tell a link inside the
    /// guide from one that must go to the website.
    labels: RefCell<BTreeSet<String>>,
    /// The latest start among the dated values the guide shows.
    values_since: Cell<Option<Date>>,
    /// Draws a flow as an SVG diagram, where a drawing is available.
    diagrams: Option<&'a Diagrams>,
}

/// A drawer of flow diagrams: the drawing of a flow, or `None` where it has none.
pub(crate) type Diagrams = dyn Fn(&Municipality, &crate::model::Flow) -> Option<FlowDrawing> + Sync;

/// A flow's drawing as the guide places it: one or more parts, each an SVG
/// that fits its page whole (an image is never split across pages).
#[derive(Debug, Clone)]
pub struct FlowDrawing {
    /// Each part's SVG with its size in px.
    pub parts: Vec<(String, f32, f32)>,
    /// Too wide for a portrait page at a readable size: set on a landscape one.
    pub landscape: bool,
}

impl<'a> Builder<'a> {
    /// A builder of `city`'s guide as of `as_of`.
    pub fn new(
        guide: &'a Guide,
        city: &'a Municipality,
        as_of: Date,
        base_url: Option<&'a str>,
    ) -> Self {
        Builder {
            guide,
            city,
            as_of,
            base_url,
            labels: RefCell::default(),
            values_since: Cell::new(None),
            diagrams: None,
        }
    }

    /// The same builder placing each flow's diagram drawn by `diagrams`.
    pub(crate) fn with_diagrams(mut self, diagrams: &'a Diagrams) -> Self {
        self.diagrams = Some(diagrams);
        self
    }

    /// The diagram of a flow, if a drawer is set and draws one.
    pub fn diagram(&self, flow: &crate::model::Flow) -> Option<FlowDrawing> {
        self.diagrams.and_then(|d| d(self.city, flow))
    }

    /// Notes a label placed in the guide and returns it.
    pub fn label(&self, label: impl Into<String>) -> String {
        let label = label.into();
        self.labels.borrow_mut().insert(label.clone());
        label
    }

    /// Notes that the guide shows a value in force since `date`.
    pub(crate) fn shows_value_since(&self, date: Option<Date>) {
        if let Some(date) = date {
            self.values_since
                .set(self.values_since.get().max(Some(date)));
        }
    }

    /// The website address of a site path, as linked from the PDF.
    pub fn web(&self, path: &str) -> String {
        match self.base_url {
            Some(base) => format!("{}/{path}", base.trim_end_matches('/')),
            None => paths::SitePath(of::city(self.city.id())).link_to(path),
        }
    }

    /// A link to a place of the guide: resolved when the whole guide is built.
    pub fn to(&self, path: &str, text: impl Into<String>) -> Inline {
        Inline::Ref {
            s: text.into(),
            label: path.to_string(),
        }
    }

    /// Where a Markdown link destination leads: a place (resolved later) or a URL.
    fn resolve(&self, url: &str) -> Target {
        match link::parse(url) {
            Some((kind, id)) => match paths::resolve(self.guide, Some(self.city), kind, id) {
                Some(path) => Target::Label(path),
                None => Target::None,
            },
            None if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
                || url.starts_with("tel:") =>
            {
                Target::Url(url.to_string())
            }
            None => Target::None,
        }
    }

    /// Block content of editor Markdown.
    pub fn blocks(&self, text: &Markdown) -> Vec<Block> {
        markdown::blocks(text.as_str(), &|u| self.resolve(u))
    }

    /// Inline content of a short editor text.
    pub(crate) fn inline(&self, text: &Markdown) -> Vec<Inline> {
        markdown::inline(text.as_str(), &|u| self.resolve(u))
    }

    /// A paragraph of a short editor text.
    pub fn para(&self, text: &Markdown) -> Block {
        Block::Para {
            c: self.inline(text),
        }
    }

    /// A bulleted list of short editor texts, or nothing for none.
    pub fn list(&self, items: &[Markdown]) -> Option<Block> {
        (!items.is_empty()).then(|| Block::List {
            ordered: false,
            // An item may hold its own list or paragraphs: keep them as blocks.
            items: items.iter().map(|i| self.blocks(i)).collect(),
        })
    }

    /// The whole guide of the city.
    pub fn doc(&self) -> Doc {
        let c = self.city;
        let mut sections = Vec::new();
        for section in crate::site::Section::of(self.guide, c) {
            let path = section.path(c.id());
            let blocks = super::parts::section(self, section);
            sections.push(Section {
                label: self.label(path.clone()),
                title: section.title(self.guide),
                web: Some(self.web(&path)),
                blocks,
            });
        }
        let appendix = super::parts::appendix(self);
        let info = &c.city;
        let mut cover = vec![CoverLine {
            label: "発行".into(),
            text: info.guide.publisher.clone(),
        }];
        if let Some(issued) = info.guide.issued {
            cover.push(CoverLine {
                label: "発行時期".into(),
                text: issued.era(),
            });
        }
        if let Some(audience) = &info.guide.audience {
            cover.push(CoverLine {
                label: "対象".into(),
                text: audience.clone(),
            });
        }
        for (label, text) in crate::site::format::guide_provenance(self.guide, &info.guide) {
            cover.push(CoverLine {
                label: label.into(),
                text,
            });
        }
        if let Some(since) = self.values_since.get() {
            cover.push(CoverLine {
                label: "単位数・金額".into(),
                text: crate::site::format::values_since(since),
            });
        }
        let title = match &info.guide.status {
            Some(status) if !info.guide.title.contains(&format!("（{status}）")) => {
                format!("{}（{status}）", info.guide.title)
            }
            _ => info.guide.title.clone(),
        };
        let mut doc = Doc {
            header: format!("{}　{}", info.name, title),
            title,
            city: format!("{}（{}）", info.name, info.prefecture),
            cover,
            date: [
                self.as_of.year.clamp(0, 9999) as u16,
                u16::from(self.as_of.month),
                u16::from(self.as_of.day.unwrap_or(1)),
            ],
            sections,
            appendix,
        };
        self.settle_links(&mut doc);
        doc
    }

    /// Points each link at a place the guide holds: the place itself, else the
    /// section holding it, else the website; a link the guide cannot serve
    /// and the site does not have stays as text.
    fn settle_links(&self, doc: &mut Doc) {
        let labels = self.labels.borrow();
        let settle = |i: &mut Inline| {
            let Inline::Ref { s, label } = i else {
                return;
            };
            if labels.contains(label.as_str()) {
                return;
            }
            let page = label.split('#').next().unwrap_or_default().to_string();
            *i = if labels.contains(&page) {
                Inline::Ref {
                    s: std::mem::take(s),
                    label: page,
                }
            } else {
                Inline::Link {
                    s: std::mem::take(s),
                    url: self.web(label),
                }
            };
        };
        for section in &mut doc.sections {
            for block in &mut section.blocks {
                walk(block, &settle);
            }
        }
    }
}

/// Calls `f` on every inline run inside `block`.
fn walk(block: &mut Block, f: &dyn Fn(&mut Inline)) {
    match block {
        Block::Para { c } | Block::Note { c } => c.iter_mut().for_each(f),
        Block::List { items, .. } => items.iter_mut().flatten().for_each(|b| walk(b, f)),
        Block::Term { term, body, .. } => {
            term.iter_mut().for_each(f);
            body.iter_mut().for_each(|b| walk(b, f));
        }
        Block::Table(t) => t.rows.iter_mut().flatten().flatten().for_each(f),
        Block::Matrix(m) => {
            for row in &mut m.rows {
                row.head.iter_mut().for_each(f);
                row.cells.iter_mut().flatten().for_each(|b| walk(b, f));
            }
        }
        Block::Heading { .. } | Block::Diagram { .. } => {}
    }
}
