//! Turns a [`Form`] into ready-made view data for the typst template
//! (`form.typ`): rows of labelled cells holding printed text and fillable
//! boxes, each box keyed by its PDF field name. The template only draws; all
//! decisions (names, widths, which rows) are made here, in one pass that also
//! lists the PDF fields, so layout and fields cannot drift apart.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::definition::{Choice, Column, Field, FieldKind};
use super::fields::{PdfField, PdfKind};
use super::{Form, SignatureStyle};

/// What the template gets and the fields it will place.
pub(crate) struct View {
    pub data: Value,
    pub fields: Vec<PdfField>,
    /// The table cell each box is drawn in, by layout key: the section's
    /// table and the row of it, counting the title's header row, as typst
    /// tags them; boxes outside the sections (the date line) have none.
    pub cells: BTreeMap<String, (usize, usize)>,
    /// How many rows each section's table has, its title's header row included.
    pub table_rows: Vec<usize>,
}

/// Lays out `form` as view data, listing its PDF fields on the way.
pub(crate) fn view(form: &Form) -> View {
    let mut b = Builder {
        fields: Vec::new(),
        compact: form.compact,
    };
    let date = form
        .date_label
        .as_ref()
        .map(|label| json!({ "label": label, "items": b.date("date", label, &[], None) }));
    let sections: Vec<Value> = form
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut rows = Vec::new();
            for (n, f) in s.fields.iter().enumerate() {
                let shared = f.beside || s.fields.get(n + 1).is_some_and(|next| next.beside);
                b.field(
                    s.id.get_ref(),
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
            json!({
                "title": s.title,
                "key": format!("tebiki-section-{}-{i}", form.id),
                "label_mm": label_mm,
                "rows": rows,
            })
        })
        .collect();
    let mut cells = BTreeMap::new();
    let mut table_rows = Vec::new();
    for (t, section) in sections.iter().enumerate() {
        let title = usize::from(!section["title"].is_null());
        let rows = section["rows"].as_array().map_or(&[][..], Vec::as_slice);
        // The zero-high header that ends a table of entries is a row too.
        let mut tr = title;
        for (r, row) in rows.iter().enumerate() {
            let mut keys = Vec::new();
            box_keys(row, &mut keys);
            for key in keys {
                cells.insert(key, (t, tr));
            }
            tr += 1;
            if row["end_table"] == true && r + 1 < rows.len() {
                tr += 1;
            }
        }
        table_rows.push(tr);
    }
    let data = json!({
        "id": form.id,
        "title": form.title,
        "number": form.number,
        "designed": super::designed_note(form.source.as_deref()),
        "addressee": form.addressee,
        "date": date,
        "preamble": form
            .preamble
            .iter()
            .map(|p| p.replace("{article}", form.article.as_deref().unwrap_or("第○条")))
            .collect::<Vec<_>>(),
        "notes": form.notes,
        "compact": form.compact,
        "sections": sections,
    });
    View {
        data,
        fields: b.fields,
        cells,
        table_rows,
    }
}

/// The layout keys of every box in a row's view data (`"k"` of its items).
fn box_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(k)) = map.get("k") {
                out.push(k.clone());
            }
            for item in map.values() {
                box_keys(item, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| box_keys(i, out)),
        _ => {}
    }
}

struct Builder {
    fields: Vec<PdfField>,
    /// The form is compact: rows as short as their boxes allow.
    compact: bool,
}

fn text(s: &str) -> Value {
    json!({ "t": "s", "s": s })
}

/// Items printed together on one line (an option with its mark and details).
fn group(items: Vec<Value>) -> Value {
    json!({ "t": "group", "items": items })
}

fn small(s: &str) -> Value {
    json!({ "t": "small", "s": s })
}

fn row(label: &str, items: Vec<Value>) -> Value {
    json!({ "label": label, "items": items })
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
        width: Value,
        lines: u32,
        max_length: Option<u32>,
    ) -> Value {
        let item = json!({ "t": "f", "k": name, "w": width, "lines": lines });
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
    fn labelled_check(&mut self, name: String, label: String, printed: &str) -> Value {
        let item = json!({ "t": "cl", "k": name, "round": false, "label": printed });
        self.fields.push(PdfField {
            name,
            label,
            kind: PdfKind::Check,
        });
        item
    }

    /// A radio group printed inline: ○男 ・ ○女, or □なし □あり with `boxes`.
    fn radio(
        &mut self,
        name: String,
        label: String,
        options: &[Choice],
        boxes: bool,
    ) -> Vec<Value> {
        let mut items = Vec::new();
        for (i, o) in options.iter().enumerate() {
            if i > 0 && !boxes {
                items.push(text(" ・ "));
            }
            let key = format!("{name}#{}", o.value.get_ref());
            items.push(json!({ "t": "cl", "k": key, "round": !boxes, "label": o.label }));
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
                values: options.iter().map(|o| o.value.get_ref().clone()).collect(),
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
    ) -> Vec<Value> {
        let mut items = Vec::new();
        match eras {
            [] => items.push(text("令和")),
            [one] => items.push(text(one)),
            many => {
                let options: Vec<Choice> = super::era_choices(many);
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
                json!(width),
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

    /// One field's row; `shared` when it shares its row with a field
    /// printed `beside` it, so its note goes after it, not under it.
    fn field(
        &mut self,
        section: &str,
        title: Option<&str>,
        f: &Field,
        (style, shared): (SignatureStyle, bool),
        rows: &mut Vec<Value>,
    ) {
        let name = format!("{section}.{}", f.name.get_ref());
        let label = spoken(title, &f.label);
        let mut items = Vec::new();
        match f.kind.get_ref() {
            FieldKind::Text => {
                if f.furigana {
                    let kana = self.text_box(
                        format!("{name}_kana"),
                        format!("{label} ふりがな"),
                        json!("fr"),
                        1,
                        None,
                    );
                    rows.push(json!({ "label": "ふりがな", "small": true, "items": [kana] }));
                }
                if let Some(p) = &f.prefix {
                    items.push(text(p));
                }
                let lines = f.lines.as_ref().map_or(1, |l| *l.get_ref());
                items.push(self.text_box(
                    name,
                    label.clone(),
                    json!("fr"),
                    lines,
                    f.max_length.as_ref().map(|m| *m.get_ref()),
                ));
                if f.signer && style == SignatureStyle::KimeiOuin {
                    items.push(json!({ "t": "seal" }));
                }
            }
            FieldKind::Date => {
                items = self.date(
                    &name,
                    &label,
                    &f.eras,
                    f.note.as_deref().filter(|n| n.chars().count() <= 2),
                )
            }
            FieldKind::Choice => items = self.radio(name, label.clone(), &f.options, f.boxes),
            FieldKind::Checks => {
                for o in &f.options {
                    let mut option = Vec::new();
                    let key = format!("{name}.{}", o.value.get_ref());
                    let olabel = format!("{label} {}", o.label);
                    option.push(self.labelled_check(key.clone(), olabel.clone(), &o.label));
                    if !o.detail_options.is_empty() {
                        let opts = super::detail_choices(&o.detail_options);
                        option.push(text("（"));
                        option.extend(self.radio(
                            format!("{key}_detail"),
                            format!("{olabel} 詳細"),
                            &opts,
                            false,
                        ));
                        option.push(text("）"));
                    } else if let Some(unit) = &o.detail {
                        option.push(text("（"));
                        let width = if unit.is_empty() {
                            json!(32)
                        } else {
                            json!(12)
                        };
                        option.push(self.text_box(
                            format!("{key}_detail"),
                            format!("{olabel} {unit}"),
                            width,
                            1,
                            None,
                        ));
                        option.push(text(&format!("{unit}）")));
                    }
                    items.push(group(option));
                    items.push(text("　"));
                }
            }
            FieldKind::Fixed => items.push(text(f.text.as_deref().unwrap_or_default())),
            FieldKind::Rows => {
                self.rows(&name, &label, f, rows);
                return;
            }
            FieldKind::Confirm => items.push(self.confirm(&name, &label, f)),
        }
        if let Some(note) = &f.note {
            if !(f.kind.get_ref() == &FieldKind::Date && note.chars().count() <= 2) {
                items.push(if shared {
                    text(" ")
                } else {
                    json!({ "t": "br" })
                });
                items.push(small(note));
            }
        }
        let mut r = row(&f.label, items);
        r["grow"] = json!(grows(&r["items"]));
        if f.signer {
            r["sign"] = json!(match style {
                SignatureStyle::None => Value::Null,
                SignatureStyle::Jisho => json!("（自署）"),
                SignatureStyle::KimeiOuin => json!("（記名押印）"),
            });
        }
        if f.kind.get_ref() == &FieldKind::Fixed {
            r["fixed"] = json!(true);
        }
        // A field printed beside the one before goes into that field's row,
        // its label between the two.
        if f.beside {
            if let Some(last) = rows.last_mut().filter(|l| shares(l)) {
                let part = json!({ "label": r["label"], "sign": r["sign"], "items": r["items"], "grow": r["grow"] });
                match last["beside"].as_array_mut() {
                    Some(parts) => parts.push(part),
                    None => last["beside"] = json!([part]),
                }
                return;
            }
        }
        rows.push(r);
    }

    /// Repeated entries: one table row per entry when an entry needs several
    /// printed lines (緊急連絡先 1, 2), else one row with a line per entry (同居家族).
    fn rows(&mut self, name: &str, label: &str, f: &Field, rows: &mut Vec<Value>) {
        let count = f.count.as_ref().map_or(1, |c| *c.get_ref());
        let per_line = f
            .per_line
            .as_ref()
            .map_or(f.columns.len() as u32, |p| *p.get_ref())
            .max(1) as usize;
        let own_rows = f.columns.len() > per_line;
        if !own_rows && count > 1 {
            self.table(name, label, f, count, rows);
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
            let lines: Vec<Value> = f
                .columns
                .chunks(per_line)
                .map(|chunk| self.line(&entry, &entry_label, chunk))
                .collect();
            if own_rows {
                let printed = if count > 1 {
                    format!("{}{n}", f.label)
                } else {
                    f.label.clone()
                };
                rows.push(json!({ "label": printed, "items": [{ "t": "grid", "per_line": per_line, "lines": lines }] }));
            } else {
                shared.extend(lines);
            }
        }
        if !own_rows {
            rows.push(json!({ "label": f.label, "items": [{ "t": "grid", "per_line": per_line, "lines": shared }] }));
        }
    }

    /// Entries of one line each as a table: a row of column labels, which
    /// typst repeats when the entries run on to the next page, then a row
    /// per entry, numbered, so the page can break between any two entries.
    fn table(&mut self, name: &str, label: &str, f: &Field, count: u32, rows: &mut Vec<Value>) {
        let widths: Vec<Value> = f.columns.iter().map(column_width).collect();
        let heads: Vec<&str> = f.columns.iter().map(|c| c.label.as_str()).collect();
        rows.push(json!({ "head": true, "label": f.label, "widths": widths, "cols": heads }));
        for n in 1..=count {
            let entry = format!("{name}.{n}");
            let entry_label = format!("{label}{n}");
            let cells: Vec<Value> = f
                .columns
                .iter()
                .map(|c| {
                    let name = format!("{entry}.{}", c.name.get_ref());
                    let label = format!("{entry_label} {}", c.label);
                    if c.options.is_empty() {
                        json!([self.text_box(name, label, json!("fr"), 1, None)])
                    } else {
                        json!([group(self.radio(name, label, &c.options, false))])
                    }
                })
                .collect();
            rows.push(json!({
                "entry": true,
                "label": n.to_string(),
                "widths": widths,
                "cells": cells,
                "last": n == count,
            }));
        }
    }

    fn line(&mut self, entry: &str, entry_label: &str, columns: &[Column]) -> Value {
        let cells: Vec<Value> = columns
            .iter()
            .map(|c| {
                let name = format!("{entry}.{}", c.name.get_ref());
                let label = format!("{entry_label} {}", c.label);
                let items = if c.options.is_empty() {
                    vec![self.text_box(name, label, json!("fr"), 1, None)]
                } else {
                    vec![group(self.radio(name, label, &c.options, false))]
                };
                // A choice column takes the width it needs (0 = auto).
                let width = if c.options.is_empty() {
                    c.width.unwrap_or(1)
                } else {
                    0
                };
                json!({ "label": c.label, "width": width, "items": items })
            })
            .collect();
        json!(cells)
    }

    /// 確認欄: per party a check box with the statement, a date and a name box.
    fn confirm(&mut self, name: &str, label: &str, f: &Field) -> Value {
        let statement = f.text.clone().unwrap_or_default();
        let parties: Vec<Value> = f
            .parties
            .iter()
            .map(|p| {
                let key = format!("{name}.{}", p.name.get_ref());
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
                    json!("fr"),
                    1,
                    None,
                );
                // Across, a party's column is narrow: the date takes two
                // lines (令和 年 / 月 日).
                let date2 = if f.across {
                    date.split_off(3.min(date.len()))
                } else {
                    Vec::new()
                };
                let mut sign = vec![sign];
                if p.seal {
                    sign.push(json!({ "t": "seal" }));
                }
                json!({ "check": [check], "date": date, "date2": date2, "signer": "担当者", "sign": sign })
            })
            .collect();
        json!({
            "t": "confirm",
            "statement": statement,
            "across": f.across,
            // A compact form's single party goes on the statement's line.
            "one_line": self.compact && !f.across && parties.len() == 1,
            "parties": parties,
        })
    }
}

/// The label column of a section's table, in mm, unless the form is compact.
const LABEL_MM: f64 = 30.0;

/// True if a row's items hold a box that takes the room left on its line.
fn grows(items: &Value) -> bool {
    items
        .as_array()
        .is_some_and(|items| items.iter().any(|i| i["t"] == "f" && i["w"] == "fr"))
}

/// True if a field may be printed beside the one in this row: a plain
/// labelled row, not a ふりがな row, a table's part or a printed text.
fn shares(row: &Value) -> bool {
    ["small", "fixed", "head", "entry"]
        .iter()
        .all(|k| row[*k] != true)
        && row["items"].as_array().is_some_and(|items| {
            items
                .iter()
                .all(|i| i["t"] != "grid" && i["t"] != "confirm")
        })
}

/// A compact form's label column: as wide as its longest label at 10 pt
/// (a full-width character 3.53 mm, a half-width one half) with the cell's
/// insets, from 12 mm to the usual 30 mm, where longer labels wrap.
fn label_column(rows: &[Value]) -> f64 {
    let em = 10.0 * 25.4 / 72.0;
    let widest = rows
        .iter()
        .filter_map(|r| r["label"].as_str())
        .map(|l| {
            l.chars()
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
fn column_width(c: &Column) -> Value {
    if c.options.is_empty() {
        return json!({ "fr": c.width.unwrap_or(1) });
    }
    let em = 10.0 * 25.4 / 72.0;
    let options: f64 = c
        .options
        .iter()
        .map(|o| 4.0 + 1.5 + em * o.label.chars().count() as f64)
        .sum();
    let between = 1.6 * em * (c.options.len().saturating_sub(1)) as f64;
    json!({ "mm": ((options + between) * 10.0).ceil() / 10.0 })
}

/// Marks which printed rows of a section must share a page, so a page
/// never breaks between them: the first two (no title or first row alone
/// at the foot of a page), the last two (no row alone on the next page), a
/// printed text (consent, instructions) with the row after it (its
/// signature and date), a ふりがな row with its name. A row's `keep` is how
/// many rows are kept together from it on (0 inside such a run); a table's
/// row of column labels is a typst header instead, which typst keeps with
/// the entry below it and repeats on the next page.
fn keep_together(rows: &mut [Value]) {
    let n = rows.len();
    let head = |r: &Value| r["head"] == true;
    let mut tie = vec![false; n.saturating_sub(1)];
    if n >= 2 {
        tie[0] = true;
        tie[n - 2] = true;
    }
    for (i, t) in tie.iter_mut().enumerate() {
        if rows[i]["fixed"] == true || rows[i]["small"] == true {
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
        rows[i]["keep"] = json!(j - i + 1);
        // The column labels of a table stop repeating after the run that
        // holds its last entry (a header cannot cut into a run).
        if rows[i..=j].iter().any(|r| r["last"] == true) {
            rows[j]["end_table"] = json!(true);
        }
        for r in &mut rows[i + 1..=j] {
            r["keep"] = json!(0);
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

    #[test]
    fn fields_beside_share_a_row_and_keep_their_cells() {
        let view = view(&form(SHEET));
        let rows = view.data["sections"][0]["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 2, "{rows:#?}");
        assert_eq!(rows[0]["label"], "生年月日");
        assert_eq!(rows[0]["beside"][0]["label"], "性別");
        assert_eq!(rows[0]["grow"], false);
        assert_eq!(rows[1]["beside"][0]["grow"], true);
        // The note of a field on a shared row follows it on its line.
        let items = rows[1]["items"].as_array().expect("items");
        assert!(items.iter().all(|i| i["t"] != "br"), "{items:?}");
        assert_eq!(items.last().expect("note")["s"], "※更新時");
        // Fields keep their names and the cells they are tagged in.
        assert_eq!(view.cells["a.sex#male"], view.cells["a.birth.year"]);
        assert_eq!(view.cells["a.phone"], (0, 2));
        assert_eq!(view.table_rows[0], 3);
    }

    #[test]
    fn a_compact_confirm_across_splits_dates_and_narrows_its_label_column() {
        let view = view(&form(SHEET));
        let section = &view.data["sections"][1];
        assert_eq!(section["label_mm"], 12.0);
        // 生年月日: four characters at 10 pt, the insets and half a millimetre.
        assert_eq!(view.data["sections"][0]["label_mm"], 18.2);
        let confirm = &section["rows"][0]["items"][0];
        assert_eq!(confirm["across"], true);
        let one = &confirm["parties"][0];
        let keys = |items: &Value| -> Vec<String> {
            let mut keys = Vec::new();
            box_keys(items, &mut keys);
            keys
        };
        assert_eq!(keys(&one["date"]), ["c.checked.one.date.year"]);
        assert_eq!(
            keys(&one["date2"]),
            ["c.checked.one.date.month", "c.checked.one.date.day"]
        );
        assert_eq!(one["sign"][1]["t"], "seal");
        assert_eq!(
            confirm["parties"][1]["sign"].as_array().map(Vec::len),
            Some(1)
        );
    }
}
