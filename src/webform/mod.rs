//! Web forms: the same definition that prints a fillable PDF, rendered a
//! second time as an HTML form to fill in on a phone or a computer.
//!
//! [`build`] walks a resolved [`Form`] into ready-made controls (text boxes,
//! radio groups in fieldsets, era dates, repeated entries), each named
//! exactly as its PDF field, so the JSON a web form exports is the JSON
//! `tebiki forms export` reads from a filled PDF. [`faults`] compares the
//! two lists of names: a definition whose web form would not line up with
//! its PDF is an error, not a page that exports the wrong keys.

use crate::messages::Msg;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::forms::{Choice, Column, Detail, Field, Kind as FieldKind};
use crate::forms::{Form, PdfKind, SignatureStyle, era_value, pdf_fields};

/// The value kind a field exports: a string, a boolean, or one of some values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Check,
    Radio(Vec<String>),
}

/// One form as web controls, in the order of its PDF fields.
#[derive(Debug, Serialize)]
pub(crate) struct WebForm {
    pub number: Option<String>,
    pub addressee: Option<String>,
    /// The date line (届出日), when the form has one.
    pub date: Option<DateInput>,
    pub preamble: Vec<String>,
    pub notes: Vec<String>,
    pub sections: Vec<SectionView>,
    /// Every field name with what it exports, in order.
    #[serde(skip)]
    pub names: Vec<(String, Kind)>,
}

/// A section: a group of fields under its title.
#[derive(Debug, Serialize)]
pub(crate) struct SectionView {
    /// The HTML id of its heading.
    pub id: String,
    pub title: Option<String>,
    pub controls: Vec<Control>,
}

/// One field of the definition as web controls.
#[derive(Debug, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub(crate) enum Control {
    Text(TextInput),
    Date(Box<DateInput>),
    Choice(RadioGroup),
    Checks {
        id: String,
        legend: String,
        note: Option<String>,
        options: Vec<CheckOption>,
    },
    Rows {
        id: String,
        legend: String,
        note: Option<String>,
        /// The column headers, as printed.
        columns: Vec<String>,
        entries: Vec<Entry>,
    },
    Fixed {
        label: String,
        text: String,
    },
    Confirm {
        id: String,
        legend: String,
        statement: String,
        parties: Vec<PartyView>,
    },
}

/// What a text box's value must look like, checked in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Format {
    Any,
    /// Digits of a Japanese phone number (10 or 11).
    Phone,
    /// ひらがな or カタカナ.
    Kana,
    /// A 7-digit postal code, with or without the hyphen.
    Postal,
    /// Digits only (a year, month or day of a date).
    Number,
}

/// A text box (`input`, or `textarea` for several lines).
#[derive(Debug, Serialize)]
pub(crate) struct TextInput {
    pub id: String,
    pub name: String,
    pub label: String,
    pub lines: u32,
    pub max_length: Option<u32>,
    /// Printed before the box (〒).
    pub prefix: Option<String>,
    pub note: Option<String>,
    pub format: Format,
    pub required: bool,
    /// The ふりがな box shown before the name it reads.
    pub kana: Option<Box<TextInput>>,
    /// How the printed form is signed with this name (自署).
    pub signer: Option<&'static str>,
}

/// A radio group in a fieldset; an option's id is `<id>-<value>`.
#[derive(Debug, Serialize)]
pub(crate) struct RadioGroup {
    pub id: String,
    pub name: String,
    pub legend: String,
    pub options: Vec<RadioOption>,
    pub note: Option<String>,
    pub required: bool,
}

/// One option of a radio group.
#[derive(Debug, Serialize)]
pub(crate) struct RadioOption {
    pub id: String,
    pub value: String,
    pub label: String,
}

/// An era date: the era (chosen, or the one printed), 年, 月, 日.
#[derive(Debug, Serialize)]
pub(crate) struct DateInput {
    pub id: String,
    pub legend: String,
    /// The era printed on the form when there is no choice (`reiwa`, 令和).
    pub era_fixed: Option<(String, String)>,
    pub era: Option<RadioGroup>,
    pub year: TextInput,
    pub month: TextInput,
    pub day: TextInput,
    /// Printed after 日 (生).
    pub suffix: Option<String>,
    pub note: Option<String>,
    pub required: bool,
}

/// One option of a checks field, with its inline detail.
#[derive(Debug, Serialize)]
pub(crate) struct CheckOption {
    pub id: String,
    pub name: String,
    pub label: String,
    pub detail: Option<TextInput>,
    pub detail_options: Option<RadioGroup>,
}

/// One repeated entry of a rows field (緊急連絡先1).
#[derive(Debug, Serialize)]
pub(crate) struct Entry {
    pub id: String,
    pub legend: String,
    pub cells: Vec<Cell>,
}

/// One column of an entry: a text box or a radio group.
#[derive(Debug, Serialize)]
pub(crate) struct Cell {
    pub text: Option<TextInput>,
    pub radio: Option<RadioGroup>,
}

/// One party of a 確認欄: a check box, a date and the name of who checked.
#[derive(Debug, Serialize)]
pub(crate) struct PartyView {
    pub id: String,
    pub legend: String,
    pub check_id: String,
    pub check_name: String,
    pub date: DateInput,
    pub signed_by: TextInput,
}

/// The HTML id of the control for a field name (`registrant.name` → `f-registrant-name`).
pub(crate) fn html_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

/// `form` as web controls.
pub(crate) fn build(form: &Form) -> WebForm {
    let mut b = Builder { names: Vec::new() };
    let date = form
        .date_label
        .as_ref()
        .map(|label| b.date("date", label, &[], None, None, false));
    let sections = form
        .sections
        .iter()
        .map(|s| SectionView {
            id: format!("s-{}", s.id),
            title: s.title.clone(),
            controls: s
                .fields
                .iter()
                .map(|f| b.field(&s.id, f, form.signature))
                .collect(),
        })
        .collect();
    WebForm {
        number: form.number.clone(),
        addressee: form.addressee.clone(),
        date,
        preamble: form
            .preamble
            .iter()
            .map(|p| p.replace("{article}", form.article.as_deref().unwrap_or("第○条")))
            .collect(),
        notes: form.notes.clone(),
        sections,
        names: b.names,
    }
}

/// What keeps `form` from being a web form whose values line up with its
/// PDF's, one message each with the field it is about, where there is one;
/// empty when it can be one.
fn faults(form: &Form) -> Vec<(Option<&crate::forms::Field>, Msg)> {
    let mut out = Vec::new();
    let form_id = || form.id.to_string();
    for s in &form.sections {
        for f in &s.fields {
            let at = format!("{}.{}", s.id, f.name);
            match &f.kind {
                FieldKind::Choice { options, .. } if options.is_empty() => out.push((
                    Some(f),
                    Msg::WebChoiceWithoutOptions {
                        form: form_id(),
                        field: at.clone(),
                    },
                )),
                FieldKind::Rows(r) if r.columns.is_empty() => out.push((
                    Some(f),
                    Msg::WebRowsWithoutColumns {
                        form: form_id(),
                        field: at.clone(),
                    },
                )),
                _ => {}
            }
            if f.required && matches!(f.kind, FieldKind::Fixed { .. } | FieldKind::Confirm(_)) {
                out.push((
                    Some(f),
                    Msg::WebRequiredOnPrinted {
                        form: form_id(),
                        field: at,
                    },
                ));
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    let web = build(form).names;
    let pdf: Vec<(String, Kind)> = pdf_fields(form)
        .into_iter()
        .map(|f| {
            let kind = match f.kind {
                PdfKind::Text { .. } => Kind::Text,
                PdfKind::Check => Kind::Check,
                PdfKind::Radio { values, .. } => Kind::Radio(values),
            };
            (f.name, kind)
        })
        .collect();
    if web != pdf {
        let first = web
            .iter()
            .zip(&pdf)
            .position(|(a, b)| a != b)
            .unwrap_or(web.len().min(pdf.len()));
        let name = |l: &[(String, Kind)]| l.get(first).map_or("-".into(), |n| n.0.clone());
        out.push((
            None,
            Msg::WebFieldsDiffer {
                form: form_id(),
                from: first + 1,
                web: name(&web),
                pdf: name(&pdf),
            },
        ));
    }
    out
}

/// What keeps each resolved form from being a web form whose values line
/// up with its PDF's. Compare only definitions the loader took whole: a
/// faulty one may hold what no form is made from (rows beyond the limits).
pub(crate) fn check(forms: &[crate::forms::Form]) -> crate::diag::Diagnostics {
    let mut diags = crate::diag::Diagnostics::default();
    for form in forms {
        for (field, fault) in faults(form) {
            // A fault of one field is shown where the field is written (in
            // the base form for a field a variant inherits); else at the top.
            let (file, at) = field
                .and_then(|f| f.defined_at.clone())
                .unwrap_or((form.file.clone(), crate::diag::LineCol { line: 1, col: 1 }));
            diags.push(crate::diag::Diagnostic::error(&file, at, fault));
        }
    }
    diags
}

struct Builder {
    names: Vec<(String, Kind)>,
}

/// What a text box holds, told from its name and label.
fn format_of(name: &str, label: &str, prefix: Option<&str>) -> Format {
    let leaf = name.rsplit('.').next().unwrap_or(name);
    let label: String = label.nfkc().collect();
    if leaf.ends_with("_kana") {
        Format::Kana
    } else if prefix == Some("〒") && !label.contains("住所") {
        Format::Postal
    } else if leaf == "fax"
        || leaf == "phone"
        || leaf.starts_with("phone_")
        || leaf.ends_with("_phone")
        || label.contains("電話番号")
        || label.contains("FAX")
    {
        Format::Phone
    } else {
        Format::Any
    }
}

impl Builder {
    fn text(&mut self, name: String, label: String, lines: u32) -> TextInput {
        self.names.push((name.clone(), Kind::Text));
        TextInput {
            id: html_id(&name),
            format: format_of(&name, &label, None),
            name,
            label,
            lines,
            max_length: None,
            prefix: None,
            note: None,
            required: false,
            kana: None,
            signer: None,
        }
    }

    fn radio(&mut self, name: String, legend: String, options: &[Choice]) -> RadioGroup {
        let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
        self.names.push((name.clone(), Kind::Radio(values)));
        let id = html_id(&name);
        RadioGroup {
            options: options
                .iter()
                .map(|o| RadioOption {
                    id: format!("{id}-{}", o.value),
                    value: o.value.clone(),
                    label: o.label.clone(),
                })
                .collect(),
            id,
            name,
            legend,
            note: None,
            required: false,
        }
    }

    fn check(&mut self, name: String) -> (String, String) {
        self.names.push((name.clone(), Kind::Check));
        (html_id(&name), name)
    }

    fn date(
        &mut self,
        name: &str,
        legend: &str,
        eras: &[String],
        suffix: Option<&str>,
        note: Option<&str>,
        required: bool,
    ) -> DateInput {
        let (era_fixed, era) = match eras {
            [] => (Some(("reiwa".into(), "令和".into())), None),
            [one] => (
                Some((era_value(one).unwrap_or("reiwa").into(), one.clone())),
                None,
            ),
            many => {
                let options: Vec<Choice> = crate::forms::era_choices(many);
                let mut group = self.radio(format!("{name}.era"), "元号".into(), &options);
                group.required = required;
                (None, Some(group))
            }
        };
        let mut part = |part: &str, unit: &str| {
            let mut t = self.text(format!("{name}.{part}"), unit.to_string(), 1);
            t.max_length = Some(2);
            t.format = Format::Number;
            t.required = required;
            t
        };
        DateInput {
            id: html_id(name),
            legend: legend.to_string(),
            era_fixed,
            era,
            year: part("year", "年"),
            month: part("month", "月"),
            day: part("day", "日"),
            suffix: suffix.map(str::to_string),
            note: note.map(str::to_string),
            required,
        }
    }

    fn field(&mut self, section: &str, f: &Field, style: SignatureStyle) -> Control {
        let name = format!("{section}.{}", f.name);
        let id = html_id(&name);
        let note = f.note.clone();
        match &f.kind {
            FieldKind::Text(text) => {
                let kana = text.furigana.then(|| {
                    let mut k = self.text(
                        format!("{name}_kana"),
                        format!("{}（ふりがな）", f.label),
                        1,
                    );
                    k.required = f.required;
                    Box::new(k)
                });
                let mut t = self.text(name, f.label.clone(), text.lines);
                t.format = format_of(&t.name, &t.label, text.prefix.as_deref());
                t.max_length = text.max_length;
                t.prefix = text.prefix.clone();
                t.note = note;
                t.required = f.required;
                t.kana = kana;
                t.signer = text.signer.then_some(match style {
                    SignatureStyle::None => "",
                    SignatureStyle::Jisho => "印刷した用紙には自署してください。",
                    SignatureStyle::KimeiOuin => "印刷した用紙に押印してください。",
                });
                Control::Text(t)
            }
            FieldKind::Date { eras } => {
                let short = f.note.as_deref().filter(|n| n.chars().count() <= 2);
                let long = f.note.as_deref().filter(|n| n.chars().count() > 2);
                Control::Date(Box::new(
                    self.date(&name, &f.label, eras, short, long, f.required),
                ))
            }
            FieldKind::Choice { options, .. } => {
                let mut g = self.radio(name, f.label.clone(), options);
                g.note = note;
                g.required = f.required;
                Control::Choice(g)
            }
            FieldKind::Checks { options } => {
                let options = options
                    .iter()
                    .map(|o| {
                        let key = format!("{name}.{}", o.value);
                        let (id, cname) = self.check(key.clone());
                        let mut detail = None;
                        let mut detail_options = None;
                        match &o.detail {
                            Some(Detail::Choose(labels)) => {
                                let opts = crate::forms::detail_choices(labels);
                                detail_options = Some(self.radio(
                                    format!("{key}_detail"),
                                    format!("{}の区分", o.label),
                                    &opts,
                                ));
                            }
                            Some(Detail::Text { unit }) => {
                                let label = if unit.is_empty() {
                                    format!("{}の内容", o.label)
                                } else {
                                    format!("{}（{unit}）", o.label)
                                };
                                detail = Some(self.text(format!("{key}_detail"), label, 1));
                            }
                            None => {}
                        }
                        CheckOption {
                            id,
                            name: cname,
                            label: o.label.clone(),
                            detail,
                            detail_options,
                        }
                    })
                    .collect();
                Control::Checks {
                    id,
                    legend: f.label.clone(),
                    note,
                    options,
                }
            }
            FieldKind::Rows(rows) => {
                let count = rows.count;
                let entries = (1..=count)
                    .map(|n| {
                        let entry = format!("{name}.{n}");
                        let legend = if count > 1 {
                            format!("{}{n}", f.label)
                        } else {
                            f.label.clone()
                        };
                        let cells = rows
                            .columns
                            .iter()
                            .map(|c| self.cell(&entry, c, f.required && n == 1))
                            .collect();
                        Entry {
                            id: html_id(&entry),
                            legend,
                            cells,
                        }
                    })
                    .collect();
                Control::Rows {
                    id,
                    legend: f.label.clone(),
                    note,
                    columns: rows.columns.iter().map(|c| c.label.clone()).collect(),
                    entries,
                }
            }
            FieldKind::Fixed { text } => Control::Fixed {
                label: f.label.clone(),
                text: text.clone(),
            },
            FieldKind::Confirm(confirm) => {
                let parties = confirm
                    .parties
                    .iter()
                    .map(|p| {
                        let key = format!("{name}.{}", p.name);
                        let (check_id, check_name) = self.check(format!("{key}.checked"));
                        let date =
                            self.date(&format!("{key}.date"), "確認した日", &[], None, None, false);
                        let signed_by = self.text(format!("{key}.signed_by"), "担当者".into(), 1);
                        PartyView {
                            id: html_id(&key),
                            legend: p.label.clone(),
                            check_id,
                            check_name,
                            date,
                            signed_by,
                        }
                    })
                    .collect();
                Control::Confirm {
                    id,
                    legend: f.label.clone(),
                    statement: confirm.statement.clone(),
                    parties,
                }
            }
        }
    }

    fn cell(&mut self, entry: &str, c: &Column, required: bool) -> Cell {
        let name = format!("{entry}.{}", c.name);
        if c.options.is_empty() {
            let mut t = self.text(name, c.label.clone(), 1);
            t.required = required && t.format != Format::Phone;
            Cell {
                text: Some(t),
                radio: None,
            }
        } else {
            Cell {
                text: None,
                radio: Some(self.radio(name, c.label.clone(), &c.options)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Vec<Form> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("forms");
        let (forms, diags) = crate::forms::load(&dir);
        assert!(!diags.has_errors(), "{}", diags.report());
        forms
    }

    #[test]
    fn every_bundled_form_is_a_web_form_with_its_pdf_fields_in_order() {
        let forms = bundled();
        assert!(forms.len() >= 10);
        for form in &forms {
            assert!(faults(form).is_empty(), "{}: {:?}", form.id, faults(form));
            let web = build(form);
            assert_eq!(web.names.len(), pdf_fields(form).len(), "{}", form.id);
        }
    }

    #[test]
    fn a_definition_the_web_form_cannot_show_is_a_fault() {
        let mut form = bundled()
            .into_iter()
            .find(|f| f.id == "matsue-kinkyu-touroku")
            .unwrap();
        form.sections[0].fields[0].kind = FieldKind::Fixed {
            text: String::new(),
        };
        form.sections[0].fields[0].required = true;
        let found = faults(&form);
        assert!(
            found
                .iter()
                .any(|(_, f)| matches!(f, Msg::WebRequiredOnPrinted { .. })),
            "{found:?}"
        );
    }

    #[test]
    fn text_boxes_are_told_apart_by_name_and_label() {
        assert_eq!(format_of("a.name_kana", "ふりがな", None), Format::Kana);
        assert_eq!(
            format_of("a.phone_home", "電話番号（家）", None),
            Format::Phone
        );
        assert_eq!(format_of("c.1.fax", "ﾌｧｸｽ", None), Format::Phone);
        assert_eq!(
            format_of("a.postal", "郵便番号", Some("〒")),
            Format::Postal
        );
        assert_eq!(format_of("a.address", "住所", Some("〒")), Format::Any);
        assert_eq!(format_of("a.person", "担当者・電話", None), Format::Any);
    }
}
