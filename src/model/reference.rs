//! The reference parts of a guide: Q&A, glossary, contact directories, tables
//! (comparison matrices and checklists), lists (eligibility) and prose pages.

use serde::{Deserialize, Serialize};

use super::{FileId, Id, Markdown};

/// One question and its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qa {
    pub id: Id,
    /// The number printed in the guide (Q1, No.3).
    pub number: u32,
    pub question: Markdown,
    pub answer: Markdown,
    /// Role type of who asks (相談支援専門員 → 特定相談支援事業所 …).
    #[serde(default)]
    pub asker: Option<Id>,
    /// Who asks, as the guide words it.
    #[serde(default)]
    pub asker_label: Option<String>,
    #[serde(default)]
    pub function: Option<Id>,
    /// A step this question belongs to: `flow-id/step-id`.
    #[serde(default)]
    pub step: Option<Id>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(skip)]
    pub file: FileId,
}

/// A term of the guide's glossary (用語).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: Id,
    pub term: String,
    #[serde(default)]
    pub reading: Option<String>,
    pub definition: Markdown,
    #[serde(skip)]
    pub file: FileId,
}

/// A list of contacts: 在宅介護支援センター, 虐待対応窓口.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub summary: Option<Markdown>,
    /// Area code to prefix local numbers with, where the guide omits it (059).
    #[serde(default)]
    pub area_code: Option<String>,
    #[serde(rename = "contact")]
    pub contacts: Vec<Contact>,
    #[serde(skip)]
    pub file: FileId,
}

/// One office in a contact directory.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub organisation: Option<Id>,
    #[serde(default)]
    pub member: Option<Id>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Number for nights and holidays (夜間休日受付).
    #[serde(default)]
    pub night_phone: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// Districts served (担当地区).
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A table of the guide: a comparison matrix or a checklist, generic over its columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub summary: Option<Markdown>,
    /// Header of the row-label column(s).
    #[serde(default)]
    pub row_header: Vec<String>,
    pub columns: Vec<String>,
    /// Member towns, one per column, where the columns compare towns of an area.
    #[serde(default)]
    pub members: Vec<Id>,
    #[serde(rename = "row")]
    pub rows: Vec<Row>,
    #[serde(default)]
    pub notes: Vec<Markdown>,
    /// What the marks in the cells mean (○, △, ／), shown beside the table.
    #[serde(default)]
    pub legend: Vec<LegendEntry>,
    #[serde(skip)]
    pub file: FileId,
}

/// One mark of a table and what it means there (`[[table.legend]]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegendEntry {
    pub mark: toml::Spanned<String>,
    pub means: String,
    /// True where the guide gives no legend and the meaning was read from the
    /// table itself; readers are told so.
    #[serde(default)]
    pub inferred: bool,
}

/// The marks a table's cells are made of: a cell that is one sign (○, △, ／,
/// ★ …), alone or before a remark (`○ (申し出があれば)`).
pub fn cell_mark(cell: &str) -> Option<char> {
    let mut chars = cell.trim().chars();
    let first = chars.next()?;
    let is_mark = matches!(
        first,
        '○' | '◯'
            | '◎'
            | '●'
            | '△'
            | '▲'
            | '×'
            | '✕'
            | '■'
            | '□'
            | '★'
            | '☆'
            | '◇'
            | '◆'
            | '／'
            | '/'
            | '✓'
            | '－'
            | '—'
    );
    let rest = chars.as_str();
    (is_mark && (rest.is_empty() || rest.starts_with([' ', '　', '(', '（']))).then_some(first)
}

/// One row of a table: its labels (group, item) and one cell per column.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    #[serde(default)]
    pub group: Option<String>,
    pub label: String,
    pub cells: toml::Spanned<Vec<String>>,
    #[serde(default)]
    pub note: Option<Markdown>,
}

/// A titled list: who may register (事前登録の対象者), what counts as an emergency.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub summary: Option<Markdown>,
    pub items: Vec<Markdown>,
    #[serde(default)]
    pub notes: Vec<Markdown>,
    #[serde(skip)]
    pub file: FileId,
}

/// A prose page in Markdown with TOML front matter.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub meta: PageMeta,
    pub body: Markdown,
    /// Byte offset of the body in its file, to locate faults in it.
    #[serde(skip)]
    pub body_offset: usize,
    #[serde(skip)]
    pub file: FileId,
}

/// A page's front matter.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub id: Id,
    pub title: String,
    pub order: u32,
    /// Which part of the guide the page belongs to (制度, コラム …).
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub functions: Vec<Id>,
}
