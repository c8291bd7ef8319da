//! Turns a [`Form`] into ready-made view data for the typst template
//! (`form.typ`): rows of labelled cells holding printed text and fillable
//! boxes, each box keyed by its PDF field name. The template only draws; all
//! decisions (names, widths, which rows) are made here, in one pass that also
//! lists the PDF fields, so layout and fields cannot drift apart. The view
//! data are typed here and reach the template as JSON, each item tagged by
//! what it is (`t`) and each row by what it holds (`r`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::fields::{PdfField, PdfKind};
use super::{Choice, Column, Confirm, Detail, Field, Form, Kind, Rows, SignatureStyle};

/// What the template gets and the fields it will place.
pub(crate) struct View {
    pub data: Data,
    pub fields: Vec<PdfField>,
    /// The table cell each box is drawn in, by layout key: the section's
    /// table and the row of it, counting the title's header row, as typst
    /// tags them; boxes outside the sections (the date line) have none.
    pub cells: BTreeMap<String, (usize, usize)>,
    /// How many rows each section's table has, its title's header row included.
    pub table_rows: Vec<usize>,
}

/// The whole form as the template reads it (`data.json`).
#[derive(Debug, Serialize)]
pub(crate) struct Data {
    id: String,
    title: String,
    number: Option<String>,
    designed: Option<&'static str>,
    addressee: Option<String>,
    date: Option<DateLine>,
    preamble: Vec<String>,
    notes: Vec<String>,
    compact: bool,
    pub sections: Vec<SectionView>,
}

/// The date line above the title (届出日 令和 年 月 日).
#[derive(Debug, Serialize)]
struct DateLine {
    label: String,
    items: Vec<Item>,
}

/// One section: a ruled table, its title a header row.
#[derive(Debug, Serialize)]
pub(crate) struct SectionView {
    title: Option<String>,
    /// The label typst marks the table's first row with, to tell its first page.
    key: String,
    /// The width of the label column.
    pub label_mm: f64,
    pub rows: Vec<Row>,
}

/// One printed row of a section's table.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    #[serde(flatten)]
    pub kind: RowKind,
    /// How many rows, from this one on, must share a page (0 inside such a
    /// run); see [`keep_together`].
    keep: usize,
    /// The last row of a run that holds a table's last entry: the column
    /// labels stop repeating after it.
    end_table: bool,
}

/// What a row holds.
#[derive(Debug, Serialize)]
#[serde(tag = "r", rename_all = "snake_case")]
pub(crate) enum RowKind {
    /// A label and what is filled in or printed beside it.
    Fields(FieldsRow),
    /// The column labels of a table of entries, repeated on each page it runs on to.
    Head {
        label: String,
        widths: Vec<Width>,
        cols: Vec<String>,
    },
    /// One entry of a table of entries, numbered.
    Entry {
        label: String,
        widths: Vec<Width>,
        cells: Vec<Vec<Item>>,
        last: bool,
    },
}

/// A labelled row: one field, or several printed beside one another.
#[derive(Debug, Serialize)]
pub(crate) struct FieldsRow {
    pub label: String,
    pub items: Vec<Item>,
    /// It holds a box that takes the room left on its line.
    pub grow: bool,
    /// How the signer signs, under the label: （自署）, （記名押印）.
    sign: Option<&'static str>,
    /// A ふりがな row: its label small.
    small: bool,
    /// Printed text across the label column too.
    fixed: bool,
    /// The fields printed beside the first, each after its own label.
    pub beside: Vec<Part>,
}

/// A field printed beside the one before it, on its row.
#[derive(Debug, Serialize)]
pub(crate) struct Part {
    pub label: String,
    sign: Option<&'static str>,
    items: Vec<Item>,
    pub grow: bool,
}

/// What is drawn on a row, in order along its line.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "t")]
pub(crate) enum Item {
    /// Printed text.
    #[serde(rename = "s")]
    Text { s: String },
    /// Printed small (a note).
    #[serde(rename = "small")]
    Small { s: String },
    /// A line break.
    #[serde(rename = "br")]
    Break,
    /// A box to write in.
    #[serde(rename = "f")]
    Box { k: String, w: Width, lines: u32 },
    /// A check or radio mark with its printed label, one click target.
    #[serde(rename = "cl")]
    Check {
        k: String,
        round: bool,
        label: String,
    },
    /// A seal circle (印).
    #[serde(rename = "seal")]
    Seal,
    /// Items printed together on one line (an option with its mark and details).
    #[serde(rename = "group")]
    Group { items: Vec<Item> },
    /// The printed lines of an entry of a rows field.
    #[serde(rename = "grid")]
    Grid {
        per_line: usize,
        lines: Vec<Vec<GridCell>>,
    },
    /// 確認欄.
    #[serde(rename = "confirm")]
    Confirm(ConfirmView),
}

/// How wide a box or a table column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Width {
    /// What is left on its line, shared with the others that take it.
    Rest,
    /// This many millimetres.
    Mm(u32),
    /// This share of what is left (a table column of text).
    Share(u32),
    /// This many millimetres exactly (a table column of choices).
    Exact(f64),
}

/// A box's width is `"fr"` or millimetres; a table column's `{ "fr": n }` or `{ "mm": x }`.
impl Serialize for Width {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match *self {
            Width::Rest => s.serialize_str("fr"),
            Width::Mm(mm) => s.serialize_u32(mm),
            Width::Share(n) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("fr", &n)?;
                map.end()
            }
            Width::Exact(mm) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("mm", &mm)?;
                map.end()
            }
        }
    }
}

/// One column of a printed line of an entry: its label and its box.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GridCell {
    label: String,
    /// Relative width on the line; 0 for as wide as it needs.
    width: u32,
    items: Vec<Item>,
}

/// 確認欄: the statement and each party's box, date and name.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ConfirmView {
    statement: String,
    pub across: bool,
    /// A compact form's single party goes on the statement's line.
    one_line: bool,
    pub parties: Vec<PartyView>,
}

/// One party of a 確認欄.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartyView {
    check: Vec<Item>,
    pub date: Vec<Item>,
    /// Across, the date's second line (月 日).
    pub date2: Vec<Item>,
    signer: &'static str,
    pub sign: Vec<Item>,
}

impl Item {
    /// The layout keys of every box in it.
    fn box_keys<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Item::Box { k, .. } | Item::Check { k, .. } => out.push(k),
            Item::Group { items } => items.iter().for_each(|i| i.box_keys(out)),
            Item::Grid { lines, .. } => lines
                .iter()
                .flatten()
                .flat_map(|c| &c.items)
                .for_each(|i| i.box_keys(out)),
            Item::Confirm(c) => c
                .parties
                .iter()
                .flat_map(|p| [&p.check, &p.date, &p.date2, &p.sign])
                .flatten()
                .for_each(|i| i.box_keys(out)),
            Item::Text { .. } | Item::Small { .. } | Item::Break | Item::Seal => {}
        }
    }
}

impl Row {
    fn new(kind: RowKind) -> Row {
        Row {
            kind,
            keep: 0,
            end_table: false,
        }
    }

    /// The text in its label column.
    fn label(&self) -> &str {
        match &self.kind {
            RowKind::Fields(f) => &f.label,
            RowKind::Head { label, .. } | RowKind::Entry { label, .. } => label,
        }
    }

    /// The layout keys of every box in it.
    fn box_keys(&self) -> Vec<&str> {
        let mut keys = Vec::new();
        match &self.kind {
            RowKind::Fields(f) => f
                .items
                .iter()
                .chain(f.beside.iter().flat_map(|p| &p.items))
                .for_each(|i| i.box_keys(&mut keys)),
            RowKind::Entry { cells, .. } => {
                cells.iter().flatten().for_each(|i| i.box_keys(&mut keys))
            }
            RowKind::Head { .. } => {}
        }
        keys
    }

    fn fields(&self) -> Option<&FieldsRow> {
        match &self.kind {
            RowKind::Fields(f) => Some(f),
            _ => None,
        }
    }
}

impl FieldsRow {
    fn new(label: &str, items: Vec<Item>) -> FieldsRow {
        FieldsRow {
            label: label.to_string(),
            grow: grows(&items),
            items,
            sign: None,
            small: false,
            fixed: false,
            beside: Vec::new(),
        }
    }
}

/// Lays out `form` as view data, listing its PDF fields on the way.
pub(crate) fn view(form: &Form) -> View {
    let mut b = Builder {
        fields: Vec::new(),
        compact: form.compact,
    };
    let date = form.date_label.as_ref().map(|label| DateLine {
        label: label.clone(),
        items: b.date("date", label, &[], None),
    });
    let sections: Vec<SectionView> = form
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut rows = Vec::new();
            for (n, f) in s.fields.iter().enumerate() {
                let shared = f.beside || s.fields.get(n + 1).is_some_and(|next| next.beside);
                b.field(
                    &s.id,
                    s.title.as_deref(),
                    f,
                    (form.signature, shared),
                    &mut rows,
                );
            }
            keep_together(&mut rows);
            let label_mm = if form.compact {
                label_column(&rows)
            } else {
                LABEL_MM
            };
            SectionView {
                title: s.title.clone(),
                key: format!("tebiki-section-{}-{i}", form.id),
                label_mm,
                rows,
            }
        })
        .collect();
    let mut cells = BTreeMap::new();
    let mut table_rows = Vec::new();
    for (t, section) in sections.iter().enumerate() {
        let title = usize::from(section.title.is_some());
        let rows = &section.rows;
        // The zero-high header that ends a table of entries is a row too.
        let mut tr = title;
        for (r, row) in rows.iter().enumerate() {
            for key in row.box_keys() {
                cells.insert(key.to_string(), (t, tr));
            }
            tr += 1;
            if row.end_table && r + 1 < rows.len() {
                tr += 1;
            }
        }
        table_rows.push(tr);
    }
    let data = Data {
        id: form.id.clone(),
        title: form.title.clone(),
        number: form.number.clone(),
        designed: super::designed_note(form.source.as_deref()),
        addressee: form.addressee.clone(),
        date,
        preamble: form
            .preamble
            .iter()
            .map(|p| p.replace("{article}", form.article.as_deref().unwrap_or("第○条")))
            .collect(),
        notes: form.notes.clone(),
        compact: form.compact,
        sections,
    };
    View {
        data,
        fields: b.fields,
        cells,
        table_rows,
    }
}

struct Builder {
    fields: Vec<PdfField>,
    /// The form is compact: rows as short as their boxes allow.
    compact: bool,
}

fn text(s: &str) -> Item {
    Item::Text { s: s.to_string() }
}

fn spoken(section: Option<&str>, label: &str) -> String {
    match section {
        Some(s) if !label.starts_with(s) => format!("{s} {label}"),
        _ => label.to_string(),
    }
}

impl Builder {
    fn text_box(
        &mut self,
        name: String,
        label: String,
        width: Width,
        lines: u32,
        max_length: Option<u32>,
    ) -> Item {
        let item = Item::Box {
            k: name.clone(),
            w: width,
            lines,
        };
        self.fields.push(PdfField {
            name,
            label,
            kind: PdfKind::Text {
                multiline: lines > 1,
                max_length,
            },
        });
        item
    }

    /// A check box whose printed label is part of its click target.
    fn labelled_check(&mut self, name: String, label: String, printed: &str) -> Item {
        let item = Item::Check {
            k: name.clone(),
            round: false,
            label: printed.to_string(),
        };
        self.fields.push(PdfField {
            name,
            label,
            kind: PdfKind::Check,
        });
        item
    }

    /// A radio group printed inline: ○男 ・ ○女, or □なし □あり with `boxes`.
    fn radio(&mut self, name: String, label: String, options: &[Choice], boxes: bool) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, o) in options.iter().enumerate() {
            if i > 0 && !boxes {
                items.push(text(" ・ "));
            }
            items.push(Item::Check {
                k: format!("{name}#{}", o.value),
                round: !boxes,
                label: o.label.clone(),
            });
            if boxes {
                items.push(text("　"));
            }
        }
        let labels = options
            .iter()
            .map(|o| format!("{label} {}", o.label))
            .collect();
        self.fields.push(PdfField {
            name,
            label,
            kind: PdfKind::Radio {
                values: options.iter().map(|o| o.value.clone()).collect(),
                labels,
            },
        });
        items
    }

    /// 元号 年 月 日: the era is a radio group when several are possible, printed when one.
    fn date(
        &mut self,
        name: &str,
        label: &str,
        eras: &[String],
        suffix: Option<&str>,
    ) -> Vec<Item> {
        let mut items = Vec::new();
        match eras {
            [] => items.push(text("令和")),
            [one] => items.push(text(one)),
            many => {
                let options = super::era_choices(many);
                items.extend(self.radio(
                    format!("{name}.era"),
                    format!("{label} 元号"),
                    &options,
                    false,
                ));
                items.push(text(" "));
            }
        }
        // Wide enough for two digits written by hand (a year three, 令和 ten and up).
        for (part, unit, width) in [("year", "年", 14), ("month", "月", 12), ("day", "日", 12)] {
            items.push(self.text_box(
                format!("{name}.{part}"),
                format!("{label} {unit}"),
                Width::Mm(width),
                1,
                Some(2),
            ));
            items.push(text(unit));
        }
        if let Some(s) = suffix {
            items.push(text(s));
        }
        items
    }

    /// A checks field's options, each with its mark and its detail in （ ）.
    fn checks(&mut self, name: &str, label: &str, options: &[Choice]) -> Vec<Item> {
        let mut items = Vec::new();
        for o in options {
            let mut option = Vec::new();
            let key = format!("{name}.{}", o.value);
            let olabel = format!("{label} {}", o.label);
            option.push(self.labelled_check(key.clone(), olabel.clone(), &o.label));
            match &o.detail {
                Some(Detail::Choose(labels)) => {
                    let opts = super::detail_choices(labels);
                    option.push(text("（"));
                    option.extend(self.radio(
                        format!("{key}_detail"),
                        format!("{olabel} 詳細"),
                        &opts,
                        false,
                    ));
                    option.push(text("）"));
                }
                Some(Detail::Text { unit }) => {
                    option.push(text("（"));
                    let width = if unit.is_empty() { 32 } else { 12 };
                    option.push(self.text_box(
                        format!("{key}_detail"),
                        format!("{olabel} {unit}"),
                        Width::Mm(width),
                        1,
                        None,
                    ));
                    option.push(text(&format!("{unit}）")));
                }
                None => {}
            }
            items.push(Item::Group { items: option });
            items.push(text("　"));
        }
        items
    }

    /// One field's row; `shared` when it shares its row with a field
    /// printed `beside` it, so its note goes after it, not under it.
    fn field(
        &mut self,
        section: &str,
        title: Option<&str>,
        f: &Field,
        (style, shared): (SignatureStyle, bool),
        rows: &mut Vec<Row>,
    ) {
        let name = format!("{section}.{}", f.name);
        let label = spoken(title, &f.label);
        let mut items = Vec::new();
        // A date's note of a character or two (生) is printed after its 日.
        let short_note = f.note.as_deref().filter(|n| n.chars().count() <= 2);
        let note_inline = matches!(f.kind, Kind::Date { .. }) && short_note.is_some();
        match &f.kind {
            Kind::Text(t) => {
                if t.furigana {
                    let kana = self.text_box(
                        format!("{name}_kana"),
                        format!("{label} ふりがな"),
                        Width::Rest,
                        1,
                        None,
                    );
                    let mut r = FieldsRow::new("ふりがな", vec![kana]);
                    r.small = true;
                    rows.push(Row::new(RowKind::Fields(r)));
                }
                if let Some(p) = &t.prefix {
                    items.push(text(p));
                }
                items.push(self.text_box(name, label.clone(), Width::Rest, t.lines, t.max_length));
                if t.signer && style == SignatureStyle::KimeiOuin {
                    items.push(Item::Seal);
                }
            }
            Kind::Date { eras } => items = self.date(&name, &label, eras, short_note),
            Kind::Choice { options, boxes } => {
                items = self.radio(name, label.clone(), options, *boxes)
            }
            Kind::Checks { options } => items = self.checks(&name, &label, options),
            Kind::Fixed { text: printed } => items.push(text(printed)),
            Kind::Rows(r) => {
                self.rows(&name, &label, &f.label, r, rows);
                return;
            }
            Kind::Confirm(c) => items.push(self.confirm(&name, &label, c)),
        }
        if let Some(note) = f.note.as_deref().filter(|_| !note_inline) {
            items.push(if shared { text(" ") } else { Item::Break });
            items.push(Item::Small {
                s: note.to_string(),
            });
        }
        let mut r = FieldsRow::new(&f.label, items);
        if f.is_signer() {
            r.sign = match style {
                SignatureStyle::None => None,
                SignatureStyle::Jisho => Some("（自署）"),
                SignatureStyle::KimeiOuin => Some("（記名押印）"),
            };
        }
        r.fixed = matches!(f.kind, Kind::Fixed { .. });
        // A field printed beside the one before goes into that field's row,
        // its label between the two.
        if f.beside {
            let last = rows.last_mut().and_then(|l| match &mut l.kind {
                RowKind::Fields(last) if shares(last) => Some(last),
                _ => None,
            });
            if let Some(last) = last {
                last.beside.push(Part {
                    label: r.label,
                    sign: r.sign,
                    items: r.items,
                    grow: r.grow,
                });
                return;
            }
        }
        rows.push(Row::new(RowKind::Fields(r)));
    }

    /// Repeated entries: one table row per entry when an entry needs several
    /// printed lines (緊急連絡先 1, 2), else one row with a line per entry (同居家族).
    fn rows(&mut self, name: &str, label: &str, printed: &str, r: &Rows, rows: &mut Vec<Row>) {
        let count = r.count;
        let per_line = r.per_line;
        let own_rows = r.columns.len() > per_line;
        if !own_rows && count > 1 {
            self.table(name, label, printed, r, rows);
            return;
        }
        let mut shared = Vec::new();
        for n in 1..=count {
            let entry = format!("{name}.{n}");
            let entry_label = if count > 1 {
                format!("{label}{n}")
            } else {
                label.to_string()
            };
            let lines: Vec<Vec<GridCell>> = r
                .columns
                .chunks(per_line)
                .map(|chunk| self.line(&entry, &entry_label, chunk))
                .collect();
            if own_rows {
                let printed = if count > 1 {
                    format!("{printed}{n}")
                } else {
                    printed.to_string()
                };
                let grid = Item::Grid { per_line, lines };
                let row = FieldsRow::new(&printed, vec![grid]);
                rows.push(Row::new(RowKind::Fields(row)));
            } else {
                shared.extend(lines);
            }
        }
        if !own_rows {
            let grid = Item::Grid {
                per_line,
                lines: shared,
            };
            rows.push(Row::new(RowKind::Fields(FieldsRow::new(
                printed,
                vec![grid],
            ))));
        }
    }

    /// Entries of one line each as a table: a row of column labels, which
    /// typst repeats when the entries run on to the next page, then a row
    /// per entry, numbered, so the page can break between any two entries.
    fn table(&mut self, name: &str, label: &str, printed: &str, r: &Rows, rows: &mut Vec<Row>) {
        let widths: Vec<Width> = r.columns.iter().map(column_width).collect();
        rows.push(Row::new(RowKind::Head {
            label: printed.to_string(),
            widths: widths.clone(),
            cols: r.columns.iter().map(|c| c.label.clone()).collect(),
        }));
        for n in 1..=r.count {
            let entry = format!("{name}.{n}");
            let entry_label = format!("{label}{n}");
            let cells = r
                .columns
                .iter()
                .map(|c| {
                    let name = format!("{entry}.{}", c.name);
                    let label = format!("{entry_label} {}", c.label);
                    if c.options.is_empty() {
                        vec![self.text_box(name, label, Width::Rest, 1, None)]
                    } else {
                        let items = self.radio(name, label, &c.options, false);
                        vec![Item::Group { items }]
                    }
                })
                .collect();
            rows.push(Row::new(RowKind::Entry {
                label: n.to_string(),
                widths: widths.clone(),
                cells,
                last: n == r.count,
            }));
        }
    }

    fn line(&mut self, entry: &str, entry_label: &str, columns: &[Column]) -> Vec<GridCell> {
        columns
            .iter()
            .map(|c| {
                let name = format!("{entry}.{}", c.name);
                let label = format!("{entry_label} {}", c.label);
                let items = if c.options.is_empty() {
                    vec![self.text_box(name, label, Width::Rest, 1, None)]
                } else {
                    let items = self.radio(name, label, &c.options, false);
                    vec![Item::Group { items }]
                };
                // A choice column takes the width it needs (0 = auto).
                let width = if c.options.is_empty() { c.width } else { 0 };
                GridCell {
                    label: c.label.clone(),
                    width,
                    items,
                }
            })
            .collect()
    }

    /// 確認欄: per party a check box with the statement, a date and a name box.
    fn confirm(&mut self, name: &str, label: &str, c: &Confirm) -> Item {
        let statement = &c.statement;
        let parties: Vec<PartyView> = c
            .parties
            .iter()
            .map(|p| {
                let key = format!("{name}.{}", p.name);
                let plabel = format!("{label} {}", p.label);
                let check = self.labelled_check(
                    format!("{key}.checked"),
                    format!("{plabel} {statement}"),
                    &p.label,
                );
                let mut date =
                    self.date(&format!("{key}.date"), &format!("{plabel} 日付"), &[], None);
                let sign = self.text_box(
                    format!("{key}.signed_by"),
                    format!("{plabel} 担当者"),
                    Width::Rest,
                    1,
                    None,
                );
                // Across, a party's column is narrow: the date takes two
                // lines (令和 年 / 月 日).
                let date2 = if c.across {
                    date.split_off(3.min(date.len()))
                } else {
                    Vec::new()
                };
                let mut sign = vec![sign];
                if p.seal {
                    sign.push(Item::Seal);
                }
                PartyView {
                    check: vec![check],
                    date,
                    date2,
                    signer: "担当者",
                    sign,
                }
            })
            .collect();
        Item::Confirm(ConfirmView {
            statement: statement.clone(),
            across: c.across,
            one_line: self.compact && !c.across && parties.len() == 1,
            parties,
        })
    }
}

/// The label column of a section's table, in mm, unless the form is compact.
const LABEL_MM: f64 = 30.0;

/// True if a row's items hold a box that takes the room left on its line.
fn grows(items: &[Item]) -> bool {
    items
        .iter()
        .any(|i| matches!(i, Item::Box { w: Width::Rest, .. }))
}

/// True if a field may be printed beside the one in this row: a plain
/// labelled row, not a ふりがな row, a table's part or a printed text.
fn shares(row: &FieldsRow) -> bool {
    !row.small
        && !row.fixed
        && row
            .items
            .iter()
            .all(|i| !matches!(i, Item::Grid { .. } | Item::Confirm(_)))
}

/// A compact form's label column: as wide as its longest label at 10 pt
/// (a full-width character 3.53 mm, a half-width one half) with the cell's
/// insets, from 12 mm to the usual 30 mm, where longer labels wrap.
fn label_column(rows: &[Row]) -> f64 {
    let em = 10.0 * 25.4 / 72.0;
    let widest = rows
        .iter()
        .map(|r| {
            r.label()
                .chars()
                .map(|c| {
                    if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) {
                        0.5
                    } else {
                        1.0
                    }
                })
                .sum::<f64>()
                * em
        })
        .fold(0.0, f64::max);
    // The cell's insets, 5 pt either side, and half a millimetre to spare.
    let insets = em;
    ((widest + insets + 0.5) * 10.0)
        .ceil()
        .clamp(120.0, LABEL_MM * 10.0)
        / 10.0
}

/// A column's width in a table of entries: relative for text, and for a
/// choice the room its options take at 10 pt (a 4 mm mark, a full-width
/// character 3.53 mm, ・ between options), so the labels above line up.
fn column_width(c: &Column) -> Width {
    if c.options.is_empty() {
        return Width::Share(c.width);
    }
    let em = 10.0 * 25.4 / 72.0;
    let options: f64 = c
        .options
        .iter()
        .map(|o| 4.0 + 1.5 + em * o.label.chars().count() as f64)
        .sum();
    let between = 1.6 * em * (c.options.len().saturating_sub(1)) as f64;
    Width::Exact(((options + between) * 10.0).ceil() / 10.0)
}

/// Marks which printed rows of a section must share a page, so a page
/// never breaks between them: the first two (no title or first row alone
/// at the foot of a page), the last two (no row alone on the next page), a
/// printed text (consent, instructions) with the row after it (its
/// signature and date), a ふりがな row with its name. A row's `keep` is how
/// many rows are kept together from it on (0 inside such a run); a table's
/// row of column labels is a typst header instead, which typst keeps with
/// the entry below it and repeats on the next page.
fn keep_together(rows: &mut [Row]) {
    let n = rows.len();
    let head = |r: &Row| matches!(r.kind, RowKind::Head { .. });
    let mut tie = vec![false; n.saturating_sub(1)];
    if n >= 2 {
        tie[0] = true;
        tie[n - 2] = true;
    }
    for (i, t) in tie.iter_mut().enumerate() {
        if rows[i].fields().is_some_and(|f| f.fixed || f.small) {
            *t = true;
        }
    }
    let mut i = 0;
    while i < n {
        if head(&rows[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && tie[j] && !head(&rows[j + 1]) {
            j += 1;
        }
        rows[i].keep = j - i + 1;
        // The column labels of a table stop repeating after the run that
        // holds its last entry (a header cannot cut into a run).
        if rows[i..=j]
            .iter()
            .any(|r| matches!(r.kind, RowKind::Entry { last: true, .. }))
        {
            rows[j].end_table = true;
        }
        for r in &mut rows[i + 1..=j] {
            r.keep = 0;
        }
        i = j + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first form defined by `toml`, loaded as `forms/` would be.
    fn form(toml: &str) -> Form {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("f.toml"), toml).expect("write");
        let (forms, diags) = super::super::load(dir.path());
        assert!(!diags.has_errors(), "{}", diags.report());
        forms.into_iter().next().expect("a form")
    }

    const SHEET: &str = r#"
[form]
id = "sheet"
title = "シート"
compact = true

[[section]]
id = "a"
title = "登録者"

[[section.field]]
name = "birth"
label = "生年月日"
kind = "date"
note = "生"

[[section.field]]
name = "sex"
label = "性別"
kind = "choice"
beside = true
options = [{ value = "male", label = "男" }, { value = "female", label = "女" }]

[[section.field]]
name = "number"
label = "登録番号"
kind = "text"
note = "※更新時"

[[section.field]]
name = "phone"
label = "電話番号"
kind = "text"
beside = true

[[section]]
id = "c"
title = "確認欄"

[[section.field]]
name = "checked"
label = "確認"
kind = "confirm"
text = "確認しました"
across = true
parties = [{ name = "one", label = "受け入れ先１", seal = true }, { name = "two", label = "受け入れ先２" }]
"#;

    /// The labelled row a row is, failing the test if it is another kind.
    fn fields(row: &Row) -> &FieldsRow {
        row.fields()
            .unwrap_or_else(|| panic!("a labelled row: {row:?}"))
    }

    #[test]
    fn fields_beside_share_a_row_and_keep_their_cells() {
        let view = view(&form(SHEET));
        let rows = &view.data.sections[0].rows;
        assert_eq!(rows.len(), 2, "{rows:#?}");
        assert_eq!(fields(&rows[0]).label, "生年月日");
        assert_eq!(fields(&rows[0]).beside[0].label, "性別");
        assert!(!fields(&rows[0]).grow);
        assert!(fields(&rows[1]).beside[0].grow);
        // The note of a field on a shared row follows it on its line.
        let items = &fields(&rows[1]).items;
        assert!(items.iter().all(|i| !matches!(i, Item::Break)), "{items:?}");
        assert!(
            matches!(items.last(), Some(Item::Small { s }) if s == "※更新時"),
            "{items:?}"
        );
        // Fields keep their names and the cells they are tagged in.
        assert_eq!(view.cells["a.sex#male"], view.cells["a.birth.year"]);
        assert_eq!(view.cells["a.phone"], (0, 2));
        assert_eq!(view.table_rows[0], 3);
    }

    #[test]
    fn a_compact_confirm_across_splits_dates_and_narrows_its_label_column() {
        let view = view(&form(SHEET));
        let section = &view.data.sections[1];
        assert_eq!(section.label_mm, 12.0);
        // 生年月日: four characters at 10 pt, the insets and half a millimetre.
        assert_eq!(view.data.sections[0].label_mm, 18.2);
        let Some(Item::Confirm(confirm)) = fields(&section.rows[0]).items.first() else {
            panic!("a 確認欄: {:?}", section.rows[0]);
        };
        assert!(confirm.across);
        let one = &confirm.parties[0];
        let keys = |items: &[Item]| -> Vec<String> {
            let mut keys = Vec::new();
            items.iter().for_each(|i| i.box_keys(&mut keys));
            keys.into_iter().map(str::to_string).collect()
        };
        assert_eq!(keys(&one.date), ["c.checked.one.date.year"]);
        assert_eq!(
            keys(&one.date2),
            ["c.checked.one.date.month", "c.checked.one.date.day"]
        );
        assert!(matches!(one.sign[1], Item::Seal), "{:?}", one.sign);
        assert_eq!(confirm.parties[1].sign.len(), 1);
    }
}
