//! The reference parts of a guide: Q&A, glossary, contact directories, tables
//! (comparison matrices and checklists), lists (eligibility) and prose pages.

use serde::{Deserialize, Serialize};

use super::{FileId, Id, Markdown, Spanned};

/// One question and its answer.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "質問と回答（[[qa]]）")]
pub struct Qa {
    #[schemars(description = "ID（半角英小文字・数字・-）。例: q1")]
    pub id: Id,
    /// The number printed in the guide (Q1, No.3).
    #[schemars(description = "手引きでの番号（半角数字）。例: Q1 なら 1")]
    pub number: u32,
    #[schemars(description = "質問（Markdown）")]
    pub question: Markdown,
    #[schemars(description = "回答（Markdown）")]
    pub answer: Markdown,
    /// Role type of who asks (相談支援専門員 → 特定相談支援事業所 …).
    #[serde(default)]
    #[schemars(description = "質問する人の機関の種類のID")]
    pub asker: Option<Id>,
    /// Who asks, as the guide words it.
    #[serde(default)]
    #[schemars(description = "質問する人（手引きの書き方）")]
    pub asker_label: Option<String>,
    #[serde(default)]
    #[schemars(description = "関係する機能のID")]
    pub function: Option<Id>,
    /// A step this question belongs to: `flow-id/step-id`.
    #[serde(default)]
    #[schemars(description = "関係する手順: 流れのID/手順のID")]
    pub step: Option<Id>,
    #[serde(default)]
    #[schemars(description = "出典")]
    pub sources: Vec<String>,
    #[serde(skip)]
    pub file: FileId,
}

/// A term of the guide's glossary (用語).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "用語集の用語（[[term]]）")]
pub struct Term {
    #[schemars(description = "ID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "用語")]
    pub term: String,
    #[serde(default)]
    #[schemars(description = "読み（ひらがな）")]
    pub reading: Option<String>,
    #[schemars(description = "説明（Markdown）")]
    pub definition: Markdown,
    #[serde(skip)]
    pub file: FileId,
}

/// A list of contacts: 在宅介護支援センター, 虐待対応窓口.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "連絡先の一覧（[[directory]]）")]
pub struct Directory {
    #[schemars(description = "ID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "題名")]
    pub title: String,
    #[serde(default)]
    #[schemars(description = "説明（Markdown）")]
    pub summary: Option<Markdown>,
    /// Area code to prefix local numbers with, where the guide omits it (059).
    #[serde(default)]
    #[schemars(description = "市外局番（手引きが省いている場合）。例: 059")]
    pub area_code: Option<String>,
    #[serde(default, rename = "contact")]
    #[schemars(
        description = "連絡先（[[directory.contact]]）。csv で別のファイルに書く場合は書かない"
    )]
    pub contacts: Vec<Contact>,
    /// A CSV file beside this one holding the contacts, one a row; a file
    /// name, never shown (so not serialized for the checks of shown text).
    #[serde(default, skip_serializing)]
    #[schemars(
        description = "連絡先を1行ずつ書いた CSV ファイルの名前（この .toml と同じフォルダ）。1行目は列名: name（名前）、phone（電話番号）など。例: zaitaku.csv"
    )]
    pub csv: Option<Spanned<String>>,
    #[serde(skip)]
    pub file: FileId,
    /// The file the contacts were read from, where it is a CSV file.
    #[serde(skip)]
    pub contacts_file: Option<FileId>,
}

impl Directory {
    /// The file that holds the contacts: the CSV file, or the entry's own.
    pub(crate) fn contacts_source(&self) -> FileId {
        self.contacts_file.unwrap_or(self.file)
    }
}

/// One office in a contact directory.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "連絡先1つ")]
pub struct Contact {
    #[schemars(description = "名前")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "機関のID（[[organisation]] にある場合）")]
    pub organisation: Option<Id>,
    #[serde(default)]
    #[schemars(description = "構成市町のID")]
    pub member: Option<Id>,
    #[serde(default)]
    #[schemars(description = "電話番号")]
    pub phone: Option<String>,
    /// Number for nights and holidays (夜間休日受付).
    #[serde(default)]
    #[schemars(description = "夜間・休日の電話番号")]
    pub night_phone: Option<String>,
    #[serde(default)]
    #[schemars(description = "FAX番号")]
    pub fax: Option<String>,
    #[serde(default)]
    #[schemars(description = "住所")]
    pub address: Option<String>,
    /// Districts served (担当地区).
    #[serde(default)]
    #[schemars(description = "担当地区")]
    pub area: Option<String>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}

/// A table of the guide: a comparison matrix or a checklist, generic over its columns.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "手引きの表（[[table]]）")]
pub struct Table {
    #[schemars(description = "ID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "題名")]
    pub title: String,
    #[serde(default)]
    #[schemars(description = "説明（Markdown）")]
    pub summary: Option<Markdown>,
    /// Header of the row-label column(s).
    #[serde(default)]
    #[schemars(description = "行の見出しの列の見出し")]
    pub row_header: Vec<String>,
    #[schemars(description = "列の見出し")]
    pub columns: Vec<String>,
    /// Member towns, one per column, where the columns compare towns of an area.
    #[serde(default)]
    #[schemars(description = "列ごとの構成市町のID（列が市町を比べる場合）")]
    pub members: Vec<Id>,
    #[serde(default, rename = "row")]
    #[schemars(description = "行（[[table.row]]）。csv で別のファイルに書く場合は書かない")]
    pub rows: Vec<Row>,
    /// A CSV file beside this one holding the rows; a file name, never shown.
    #[serde(default, skip_serializing)]
    #[schemars(
        description = "行を書いた CSV ファイルの名前（この .toml と同じフォルダ）。1行目は列名: label（行の見出し）と columns の各列、あれば group・note。例: torikime.csv"
    )]
    pub csv: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub notes: Vec<Markdown>,
    /// What the marks in the cells mean (○, △, ／), shown beside the table.
    #[serde(default)]
    #[schemars(description = "表の記号の意味（[[table.legend]]）")]
    pub legend: Vec<LegendEntry>,
    /// The local instrument a table of local rules rests on, where the guide names one.
    #[serde(default)]
    #[schemars(
        description = "取り決めの根拠となる要綱・告示など（[table.basis]、手引きに書かれている場合）"
    )]
    pub basis: Option<super::LegalBasis>,
    #[serde(skip)]
    pub file: FileId,
    /// The file the rows were read from, where it is a CSV file.
    #[serde(skip)]
    pub rows_file: Option<FileId>,
}

impl Table {
    /// The file that holds the rows: the CSV file, or the entry's own.
    pub(crate) fn rows_source(&self) -> FileId {
        self.rows_file.unwrap_or(self.file)
    }
}

/// One mark of a table and what it means there (`[[table.legend]]`).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "表の記号1つとその意味")]
pub struct LegendEntry {
    #[schemars(description = "記号。例: ○")]
    pub mark: Spanned<String>,
    #[schemars(description = "意味")]
    pub means: String,
    /// True where the guide gives no legend and the meaning was read from the
    /// table itself; readers are told so.
    #[serde(default)]
    #[schemars(description = "手引きに凡例がなく、表から読み取った意味なら true")]
    pub inferred: bool,
}

/// The marks a table's cells are made of: a cell that is one sign (○, △, ／,
/// ★ …), alone or before a remark (`○ (申し出があれば)`).
pub(crate) fn cell_mark(cell: &str) -> Option<char> {
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "表の1行")]
pub struct Row {
    #[serde(default)]
    #[schemars(description = "行のまとまりの見出し")]
    pub group: Option<String>,
    #[schemars(description = "行の見出し")]
    pub label: String,
    #[schemars(description = "列ごとの中身（列と同じ数）")]
    pub cells: Spanned<Vec<String>>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub note: Option<Markdown>,
}

/// A titled list: who may register (事前登録の対象者), what counts as an emergency.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "題のついた箇条書き（[[list]]）")]
pub struct List {
    #[schemars(description = "ID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "題名")]
    pub title: String,
    #[serde(default)]
    #[schemars(description = "説明（Markdown）")]
    pub summary: Option<Markdown>,
    #[schemars(description = "項目（Markdown）")]
    pub items: Vec<Markdown>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "ページの前付け")]
pub struct PageMeta {
    pub id: Id,
    #[schemars(description = "題名")]
    pub title: String,
    #[schemars(description = "並び順")]
    pub order: u32,
    /// Which part of the guide the page belongs to (制度, コラム …).
    #[serde(default)]
    #[schemars(description = "属する部分。例: 制度、コラム")]
    pub section: Option<String>,
    #[serde(default)]
    #[schemars(description = "関係する機能のID")]
    pub functions: Vec<Id>,
}
