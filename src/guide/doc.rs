//! The printable guide as a small document tree: sections, paragraphs, lists
//! and tables of plain strings. It is what the typst template receives as
//! JSON, so no content text is ever spliced into typst markup: the template
//! places each string as text, whatever characters it holds.

use serde::Serialize;

/// One city's whole guide, in reading order.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// The document title (PDF metadata and cover).
    pub title: String,
    /// The municipality, as the cover names it.
    pub city: String,
    /// Cover lines below the title: publisher, edition, as-of date, where given.
    pub cover: Vec<CoverLine>,
    /// The text of the running header.
    pub header: String,
    /// The document date as `[year, month, day]`: the as-of date of the build.
    pub date: [u16; 3],
    /// The chapters, one per entry of the city navigation.
    pub sections: Vec<Section>,
    /// The city's blank forms, laid out by the forms' own template.
    pub appendix: Vec<AppendixForm>,
}

/// A labelled line of the cover: 発行 逗子市福祉部障がい福祉課.
#[derive(Debug, Clone, Serialize)]
pub struct CoverLine {
    /// What the line says (発行, 時点).
    pub label: String,
    /// The line's value.
    pub text: String,
}

/// A chapter of the guide: one entry of the site's city navigation.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The typst label other parts link to (`sec-qa`).
    pub label: String,
    /// The chapter's title, as the navigation names it.
    pub title: String,
    /// The website page of the same content, when the site's address is known.
    pub web: Option<String>,
    /// The chapter's body.
    pub blocks: Vec<Block>,
}

/// A piece of a section's body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Block {
    /// A heading below the section's: level 2 or 3.
    Heading {
        level: u8,
        text: String,
        label: Option<String>,
    },
    Para {
        c: Vec<Inline>,
    },
    /// A bulleted or numbered list; each item is a list of blocks.
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// A term and its description, as in a glossary or a Q&A.
    Term {
        term: Vec<Inline>,
        label: Option<String>,
        body: Vec<Block>,
    },
    Table(Table),
    /// A flow's steps as a matrix of organisations × steps, split into
    /// parts of at most `per_part` step columns, set on landscape pages.
    Matrix(Matrix),
    /// A diagram of a flow as SVG, with its text alternative.
    Diagram {
        /// The drawing, in parts that each fit a page: SVG and size in px.
        parts: Vec<DiagramPart>,
        alt: String,
        /// Set on a landscape page of its own (lanes too wide for a portrait one).
        landscape: bool,
    },
    /// A small note set apart (出典, 注).
    Note {
        c: Vec<Inline>,
    },
}

/// A run of text with one style.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        s: String,
    },
    Strong {
        s: String,
    },
    /// A link to a web address.
    Link {
        s: String,
        url: String,
    },
    /// A link to another place of the guide, by its label.
    Ref {
        s: String,
        label: String,
    },
}

impl Inline {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { s: s.into() }
    }
}

/// A table whose header row repeats on every page it runs over.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// One header cell per column.
    pub header: Vec<String>,
    /// Each row: one cell of inline runs per column.
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Relative column widths (1 = one share); empty for equal shares.
    pub widths: Vec<u16>,
    /// Set on a landscape page, for tables too wide for a portrait one.
    pub landscape: bool,
}

/// Organisations (rows) × steps (columns) of one flow.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// The heading set on the first page of the matrix, so it never stays behind.
    pub title: String,
    /// The header of the row column (機関).
    pub corner: String,
    /// Each step's column header: its mark and title.
    pub steps: Vec<String>,
    /// Each row: the organisation and its role, then one cell per step.
    pub rows: Vec<MatrixRow>,
    /// Step columns per landscape part; the organisation column repeats in each.
    pub per_part: usize,
}

/// One organisation's row of a matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// The organisation and its role.
    pub head: Vec<Inline>,
    /// What it does at each step; empty where it does nothing.
    pub cells: Vec<Vec<Block>>,
}

/// One blank form placed in the appendix.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixForm {
    /// The label links to the form go to.
    pub label: String,
    /// The form's title.
    pub title: String,
    /// The virtual typst file that lays the form out with the forms' template.
    pub source: String,
}

/// Plain blocks from a list of plain strings, for cells and items.
pub fn para(s: impl Into<String>) -> Block {
    Block::Para {
        c: vec![Inline::text(s)],
    }
}

/// One page's share of a flow's drawing.
#[derive(Debug, Clone, Serialize)]
pub struct DiagramPart {
    pub svg: String,
    pub w: f32,
    pub h: f32,
}
