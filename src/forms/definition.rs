//! The form definition format (`forms/*.toml`), as serde types that reject
//! unknown keys. A file either defines a whole form or, with `extends`, only
//! what a city's variant changes in another form.

use serde::Deserialize;

use crate::model::Spanned;

/// One `forms/*.toml` file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFile {
    pub form: Header,
    /// Sections of a whole form; in a variant, sections added (or replaced by id).
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
    /// Sections or fields a variant drops from its base.
    #[serde(default)]
    pub remove: Vec<Remove>,
    /// Labels a variant changes in its base.
    #[serde(default)]
    pub relabel: Vec<Relabel>,
    /// Fields a variant inserts into a section of its base.
    #[serde(default)]
    pub add: Vec<AddField>,
}

/// The `[form]` header: what the form is, whom it goes to, how it is signed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub id: Spanned<String>,
    pub title: String,
    /// The municipality that issues it; absent for a base form shared by variants.
    #[serde(default)]
    pub city: Option<String>,
    /// The form this one varies; everything not stated here is taken from it.
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
    /// The 様式 number printed top left (第1号様式, 別紙3).
    #[serde(default)]
    pub number: Option<String>,
    /// Paper size; only A4 portrait is laid out today.
    #[serde(default)]
    pub page: Option<Spanned<String>>,
    /// Whom the form is addressed to (松江市長 様).
    #[serde(default)]
    pub addressee: Option<String>,
    /// The date line's caption (届出日, 申請日, 作成日); none prints no date line.
    #[serde(default)]
    pub date_label: Option<String>,
    /// Paragraphs printed above the fields: the request itself, consent.
    /// `{article}` is replaced by `article`, so a variant can change only that.
    #[serde(default)]
    pub preamble: Option<Vec<String>>,
    /// The 要綱 article the form is filed under (第5条).
    #[serde(default)]
    pub article: Option<String>,
    /// Notes printed below the fields (※…).
    #[serde(default)]
    pub notes: Option<Vec<String>>,
    /// How the signer's name is signed; a variant may change it.
    #[serde(default)]
    pub signature: Option<Spanned<SignatureStyle>>,
    /// Where the fields came from: transcribed from a seed or designed from its text.
    #[serde(default)]
    pub source: Option<String>,
}

/// How a signer's name line is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStyle {
    /// A plain name field.
    #[default]
    None,
    /// 自署: the person writes the name by hand.
    Jisho,
    /// 記名押印: the name is printed and sealed; prints 印.
    KimeiOuin,
}

/// A titled group of fields, printed as one ruled table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    /// Printed down the left of the table (登録者の状況); none for no side title.
    #[serde(default)]
    pub title: Option<String>,
    /// In a variant: put this new section after that one (default: at the end).
    #[serde(default)]
    pub after: Option<Spanned<String>>,
    #[serde(default, rename = "field")]
    pub fields: Vec<Field>,
}

/// One labelled row of a section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// ASCII name, unique in its section; with the section id it names the PDF field.
    pub name: Spanned<String>,
    /// The Japanese label printed in the left column and read by screen readers.
    pub label: String,
    pub kind: Spanned<FieldKind>,
    /// Text: number of lines (1 = one line).
    #[serde(default)]
    pub lines: Option<Spanned<u32>>,
    /// Text: the most characters a field accepts.
    #[serde(default)]
    pub max_length: Option<Spanned<u32>>,
    /// Text: print a ふりがな row above, bound to this name as `<name>_kana`.
    #[serde(default)]
    pub furigana: bool,
    /// Text: this is the signer's name; printed in the form's signature style.
    #[serde(default)]
    pub signer: bool,
    /// Text: printed before the field (〒).
    #[serde(default)]
    pub prefix: Option<String>,
    /// Choice and checks: the options, in printed order.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Choice: print options as boxes (□なし □あり) instead of circles (男・女).
    #[serde(default)]
    pub boxes: bool,
    /// Rows: how many entries (緊急連絡先 ×2, 同居家族 ×7).
    #[serde(default)]
    pub count: Option<Spanned<u32>>,
    /// Rows: the columns of each entry.
    #[serde(default)]
    pub columns: Vec<Column>,
    /// Rows: how many columns share one printed line of an entry.
    #[serde(default)]
    pub per_line: Option<Spanned<u32>>,
    /// Fixed text and confirm: the statement printed.
    #[serde(default)]
    pub text: Option<String>,
    /// Confirm: the parties who check and date (登録者, 受け入れ先1 …).
    #[serde(default)]
    pub parties: Vec<Party>,
    /// Date: era names offered; default 令和 only.
    #[serde(default)]
    pub eras: Vec<String>,
    /// Printed after the field, small (※ explanations).
    #[serde(default)]
    pub note: Option<String>,
    /// Must be filled in: the web form says so and checks it before printing.
    #[serde(default)]
    pub required: bool,
}

/// What a field is and how it is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// Typed text, one or more lines.
    Text,
    /// An era date: 元号, 年, 月 and 日 as separate fields.
    Date,
    /// One of several options (a radio group).
    Choice,
    /// Any of several options (check boxes), each with optional inline details.
    Checks,
    /// A repeated group of columns (緊急連絡先 1–2).
    Rows,
    /// Printed text only (consent statements).
    Fixed,
    /// 確認欄: each party ticks, dates and names a statement.
    Confirm,
}

/// One option of a choice or checks field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// ASCII export value (`male`), also the check box's sub-name.
    pub value: Spanned<String>,
    /// Printed text (男).
    pub label: String,
    /// Checks: an inline text field in （ ）, with this text printed after it (級).
    #[serde(default)]
    pub detail: Option<String>,
    /// Checks: an inline choice among these in （ ） instead of text (A・B).
    #[serde(default)]
    pub detail_options: Vec<String>,
}

/// One column of a rows field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub name: Spanned<String>,
    pub label: String,
    /// Relative width on its line (default 1).
    #[serde(default)]
    pub width: Option<u32>,
    /// A choice column (同居・別居); empty for text.
    #[serde(default)]
    pub options: Vec<Choice>,
}

/// A party of a 確認欄.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: Spanned<String>,
    pub label: String,
    /// Prints a seal circle after the 担当者 name, where the city's sheet has 担当者印.
    #[serde(default)]
    pub seal: bool,
}

/// A variant's removal of a section or field of its base.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remove {
    /// `section` or `section.field`.
    pub path: Spanned<String>,
}

/// A variant's change of one printed label.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relabel {
    /// `section` or `section.field`.
    pub path: Spanned<String>,
    pub label: String,
}

/// A variant's new field in a base section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddField {
    pub section: Spanned<String>,
    /// Insert after this field (default: at the end of the section).
    #[serde(default)]
    pub after: Option<Spanned<String>>,
    pub field: Field,
}
