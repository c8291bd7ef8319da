//! A form's sections and fields as the renderers take them: each kind of
//! field holds what that kind means and nothing else (rows have columns and
//! a count, text has lines). They are made from the definition's fields once
//! the loader has checked them; a key that does not belong to its kind was a
//! fault there and has no place here.

use std::path::PathBuf;

use super::definition;
use crate::diag::LineCol;

/// A titled group of fields, printed as one ruled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    /// Printed down the left of the table (登録者の状況); none for no side title.
    pub title: Option<String>,
    pub fields: Vec<Field>,
}

/// One labelled row of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// ASCII name, unique in its section; with the section id it names the PDF field.
    pub name: String,
    /// The Japanese label printed in the left column and read by screen readers.
    pub label: String,
    /// Printed after the field, small (※ explanations).
    pub note: Option<String>,
    /// Printed on the row of the field before it, after that field.
    pub beside: bool,
    /// Must be filled in: the web form says so and checks it before printing.
    pub required: bool,
    pub kind: Kind,
    /// Where the field is written: its file and the line of its `kind`.
    pub defined_at: Option<(PathBuf, LineCol)>,
}

/// What a field is, with what only that kind has.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text(Text),
    /// An era date: 元号, 年, 月 and 日 as separate boxes; the eras offered,
    /// none for 令和 only.
    Date {
        eras: Vec<String>,
    },
    /// One of several options (a radio group), printed as boxes (□なし □あり)
    /// rather than circles (男・女) with `boxes`.
    Choice {
        options: Vec<Choice>,
        boxes: bool,
    },
    /// Any of several options (check boxes), each with its inline detail.
    Checks {
        options: Vec<Choice>,
    },
    Rows(Rows),
    /// Printed text only (consent statements).
    Fixed {
        text: String,
    },
    Confirm(Confirm),
}

/// Typed text, one or more lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// 1 for one line.
    pub lines: u32,
    pub max_length: Option<u32>,
    /// How many full-width characters it is expected to hold.
    pub expected_length: Option<u32>,
    /// A ふりがな row above, bound to `<name>_kana`.
    pub furigana: bool,
    /// The signer's name, printed in the form's signature style.
    pub signer: bool,
    /// Printed before the box (〒).
    pub prefix: Option<String>,
}

/// A repeated group of columns (緊急連絡先 1–2).
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// How many entries.
    pub count: u32,
    pub columns: Vec<Column>,
    /// How many columns share one printed line of an entry.
    pub per_line: usize,
}

/// 確認欄: each party ticks, dates and names a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub statement: String,
    pub parties: Vec<Party>,
    /// The parties side by side, a column each, instead of a line each.
    pub across: bool,
}

/// One option of a choice or checks field.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// ASCII export value (`male`), also the check box's sub-name.
    pub value: String,
    /// Printed text (男).
    pub label: String,
    /// Checks: what is written in （ ） after the option.
    pub detail: Option<Detail>,
}

/// What a checks option asks for in （ ） after it.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// A text box, with this printed after it (級); empty for none.
    Text { unit: String },
    /// A choice among these (A・B).
    Choose(Vec<String>),
}

/// One column of a rows field: a text box, or a choice where it has options.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub label: String,
    /// Relative width on its line.
    pub width: u32,
    /// A choice column (同居・別居); empty for text.
    pub options: Vec<Choice>,
    /// A text column: how many full-width characters it is expected to hold.
    pub expected_length: Option<u32>,
}

/// A party of a 確認欄.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub name: String,
    pub label: String,
    /// A seal circle after the 担当者 name.
    pub seal: bool,
}

impl Section {
    pub(super) fn from_definition(s: &definition::Section) -> Section {
        Section {
            id: s.id.get_ref().clone(),
            title: s.title.clone(),
            fields: s.fields.iter().map(Field::from_definition).collect(),
        }
    }
}

impl Field {
    /// The field a checked definition's field means. The definition is taken
    /// apart whole, so a new key does not compile until it is placed in a kind.
    pub(super) fn from_definition(f: &definition::Field) -> Field {
        let definition::Field {
            name,
            label,
            kind,
            lines,
            max_length,
            expected_length,
            furigana,
            signer,
            prefix,
            options,
            boxes,
            count,
            columns,
            per_line,
            text,
            parties,
            eras,
            note,
            beside,
            across,
            required,
            defined_at,
        } = f;
        let number = |n: &Option<crate::model::Spanned<u32>>| n.as_ref().map(|n| *n.get_ref());
        let choices = || options.iter().map(Choice::from_definition).collect();
        let kind = match kind.get_ref() {
            definition::FieldKind::Text => Kind::Text(Text {
                lines: number(lines).unwrap_or(1),
                max_length: number(max_length),
                expected_length: number(expected_length),
                furigana: *furigana,
                signer: *signer,
                prefix: prefix.clone(),
            }),
            definition::FieldKind::Date => Kind::Date { eras: eras.clone() },
            definition::FieldKind::Choice => Kind::Choice {
                options: choices(),
                boxes: *boxes,
            },
            definition::FieldKind::Checks => Kind::Checks { options: choices() },
            definition::FieldKind::Rows => Kind::Rows(Rows {
                count: number(count).unwrap_or(1),
                per_line: number(per_line).unwrap_or(columns.len() as u32).max(1) as usize,
                columns: columns.iter().map(Column::from_definition).collect(),
            }),
            definition::FieldKind::Fixed => Kind::Fixed {
                text: text.clone().unwrap_or_default(),
            },
            definition::FieldKind::Confirm => Kind::Confirm(Confirm {
                statement: text.clone().unwrap_or_default(),
                parties: parties.iter().map(Party::from_definition).collect(),
                across: *across,
            }),
        };
        Field {
            name: name.get_ref().clone(),
            label: label.clone(),
            note: note.clone(),
            beside: *beside,
            required: *required,
            kind,
            defined_at: defined_at.clone(),
        }
    }

    /// True for the signer's name box.
    pub(crate) fn is_signer(&self) -> bool {
        matches!(&self.kind, Kind::Text(t) if t.signer)
    }
}

impl Choice {
    fn from_definition(c: &definition::Choice) -> Choice {
        let definition::Choice {
            value,
            label,
            detail,
            detail_options,
        } = c;
        // Options to choose from take the place of a text box.
        let detail = if detail_options.is_empty() {
            detail.clone().map(|unit| Detail::Text { unit })
        } else {
            Some(Detail::Choose(detail_options.clone()))
        };
        Choice {
            value: value.get_ref().clone(),
            label: label.clone(),
            detail,
        }
    }
}

impl Column {
    fn from_definition(c: &definition::Column) -> Column {
        let definition::Column {
            name,
            label,
            width,
            options,
            expected_length,
        } = c;
        Column {
            name: name.get_ref().clone(),
            label: label.clone(),
            width: width.unwrap_or(1),
            options: options.iter().map(Choice::from_definition).collect(),
            expected_length: expected_length.as_ref().map(|n| *n.get_ref()),
        }
    }
}

impl Party {
    fn from_definition(p: &definition::Party) -> Party {
        let definition::Party { name, label, seal } = p;
        Party {
            name: name.get_ref().clone(),
            label: label.clone(),
            seal: *seal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_holds_what_its_kind_means_with_the_defaults_filled_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        let toml = r#"
[form]
id = "kinds"
title = "種類"

[[section]]
id = "s"

[[section.field]]
name = "name"
label = "氏名"
kind = "text"

[[section.field]]
name = "family"
label = "家族"
kind = "rows"
columns = [{ name = "relation", label = "続柄" }, { name = "age", label = "年齢", width = 2 }]

[[section.field]]
name = "handbook"
label = "手帳"
kind = "checks"
options = [
  { value = "physical", label = "身体", detail = "級" },
  { value = "mental", label = "精神", detail = "級", detail_options = ["1", "2"] },
  { value = "none", label = "なし" },
]

[[section.field]]
name = "ok"
label = "確認"
kind = "confirm"
parties = [{ name = "one", label = "本人" }]
"#;
        std::fs::write(dir.path().join("kinds.toml"), toml).expect("write");
        let (forms, _) = super::super::load(dir.path());
        let fields = &forms[0].sections[0].fields;
        let Kind::Text(text) = &fields[0].kind else {
            panic!("{:?}", fields[0])
        };
        assert_eq!((text.lines, text.max_length, text.signer), (1, None, false));
        let Kind::Rows(rows) = &fields[1].kind else {
            panic!("{:?}", fields[1])
        };
        // No count is one entry; no per_line puts every column on one line.
        assert_eq!((rows.count, rows.per_line), (1, 2));
        assert_eq!(
            rows.columns.iter().map(|c| c.width).collect::<Vec<_>>(),
            [1, 2]
        );
        let Kind::Checks { options } = &fields[2].kind else {
            panic!("{:?}", fields[2])
        };
        let details: Vec<_> = options.iter().map(|o| o.detail.clone()).collect();
        assert_eq!(
            details,
            [
                Some(Detail::Text { unit: "級".into() }),
                Some(Detail::Choose(vec!["1".into(), "2".into()])),
                None,
            ]
        );
        let Kind::Confirm(confirm) = &fields[3].kind else {
            panic!("{:?}", fields[3])
        };
        assert_eq!((confirm.statement.as_str(), confirm.across), ("", false));
        assert_eq!(confirm.parties[0].label, "本人");
    }
}
