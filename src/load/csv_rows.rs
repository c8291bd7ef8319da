//! Contact directories and simple tables kept as CSV beside the TOML, the
//! way an office keeps them in Excel: the TOML entry says what the list is
//! (`[[directory]] … csv = "zaitaku.csv"`), the CSV holds its rows.
//!
//! Excel saves CSV either as UTF-8 (with a byte order mark) or, in Japan, as
//! Shift_JIS; both are read. Each fault names the CSV file and the line of
//! the row, with a message from the catalogue, as a TOML fault does.

use std::ops::Range;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::file;
use crate::diag::{Diagnostic, Diagnostics, LineCol, SourceFile};
use crate::messages::{Msg, SourceKind};
use crate::model::{Contact, Directory, Guide, Id, Markdown, Row, Spanned, Table};

/// A CSV file's bytes as text: UTF-8 (a byte order mark dropped) or else
/// Shift_JIS as Excel writes it (Windows-31J, which `encoding_rs` decodes
/// under that label); `None` if it is neither.
pub(super) fn decode(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.strip_prefix('\u{feff}').unwrap_or(text).to_string());
    }
    encoding_rs::SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// A value of a CSV row, trimmed, with where it stands in the text.
type Value = (String, Range<usize>);

/// One row of a CSV file: its values, each with where it stands in the text.
struct Record {
    /// Where the row starts, for faults of the whole row.
    at: Range<usize>,
    values: Vec<Value>,
}

/// The header and the rows of a CSV source; blank rows are left out.
fn records(source: &SourceFile) -> (Vec<Value>, Vec<Record>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            // The reader is lenient: an unclosed quote runs to the end of the file.
            Ok(false) | Err(_) => break,
        }
        let end = reader.position().byte() as usize;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let start = start.min(source.text.len());
        let text = &source.text[start..end.min(source.text.len())];
        let mut from = 0;
        let values = record
            .iter()
            .map(|v| {
                // The value's place in the row, where it is written as it reads.
                let span = match text[from..].find(v).filter(|_| !v.is_empty()) {
                    Some(i) => {
                        from += i + v.len();
                        start + from - v.len()..start + from
                    }
                    None => start..start,
                };
                (v.trim().to_string(), span)
            })
            .collect();
        rows.push(Record {
            at: start..start,
            values,
        });
    }
    if rows.is_empty() {
        return (Vec::new(), rows);
    }
    let header = rows.remove(0).values;
    (header, rows)
}

/// Reads the CSV file `name` that the entry in `toml` names into the guide's
/// sources; reports a file that is missing or is not text.
fn read(
    toml: &Path,
    name: &Spanned<String>,
    at: &SourceFile,
    guide: &mut Guide,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let path = toml.parent().unwrap_or(Path::new(".")).join(name.get_ref());
    if !path.is_file() {
        diags.push(at.error(
            name.span(),
            Msg::CsvNotFound {
                file: name.get_ref().clone(),
            },
        ));
        return None;
    }
    let bytes = match file::read_limited(&path, file::SOURCE_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.push(Diagnostic::error(
                &path,
                LineCol { line: 1, col: 1 },
                Msg::CannotRead {
                    kind: SourceKind::Content,
                    error: e.to_string(),
                },
            ));
            return None;
        }
    };
    let Some(text) = decode(&bytes) else {
        diags.push(Diagnostic::error(
            &path,
            LineCol { line: 1, col: 1 },
            Msg::CsvNotText,
        ));
        return None;
    };
    guide.sources.push(SourceFile::new(path, text));
    Some(guide.sources.len() - 1)
}

/// A column name as editors may type it: NFKC (full-width letters), trimmed.
fn column_key(name: &str) -> String {
    name.nfkc().collect::<String>().trim().to_string()
}

/// True if a typed column name is `known`, in any case (`FAX`, `fax`).
fn same_column(typed: &str, known: &str) -> bool {
    typed.to_lowercase() == column_key(known).to_lowercase()
}

/// Which known column each header value names; reports unknown and repeated
/// names. `known` pairs each column's key with the names it may go by.
fn columns(
    source: &SourceFile,
    header: &[Value],
    known: &[(&str, &[&str])],
    diags: &mut Diagnostics,
) -> Vec<Option<usize>> {
    let mut seen: Vec<usize> = Vec::new();
    header
        .iter()
        .map(|(name, span)| {
            let key = column_key(name);
            let found = known.iter().position(|(k, aliases)| {
                same_column(&key, k) || aliases.iter().any(|a| same_column(&key, a))
            });
            match found {
                Some(i) if seen.contains(&i) => {
                    diags.push(source.error(span.clone(), Msg::CsvColumnTwice { column: key }));
                    None
                }
                Some(i) => {
                    seen.push(i);
                    Some(i)
                }
                None => {
                    let names = known.iter().flat_map(|(k, aliases)| {
                        std::iter::once(*k).chain(aliases.iter().copied())
                    });
                    let suggestion = crate::check::closest(&key, names).map(str::to_string);
                    diags.push(
                        source.error(
                            span.clone(),
                            Msg::CsvUnknownColumn {
                                column: key,
                                allowed: known
                                    .iter()
                                    .map(|(k, aliases)| match aliases.first() {
                                        Some(ja) => format!("{k}（{ja}）"),
                                        None => k.to_string(),
                                    })
                                    .collect(),
                                suggestion,
                            },
                        ),
                    );
                    None
                }
            }
        })
        .collect()
}

/// The values of a row by known column; `None` where the row has the wrong
/// number of values (reported).
fn by_column<'r>(
    source: &SourceFile,
    record: &'r Record,
    header: &[Option<usize>],
    known: usize,
    diags: &mut Diagnostics,
) -> Option<Vec<Option<&'r Value>>> {
    if record.values.len() != header.len() {
        diags.push(source.error(
            record.at.clone(),
            Msg::CsvRowFields {
                fields: record.values.len(),
                columns: header.len(),
            },
        ));
        return None;
    }
    let mut out = vec![None; known];
    for (value, column) in record.values.iter().zip(header) {
        if let Some(i) = column {
            out[*i] = (!value.0.is_empty()).then_some(value);
        }
    }
    Some(out)
}

/// The columns of a directory's CSV: each contact key and its Japanese names.
const CONTACT_COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["名前", "名称"]),
    ("organisation", &["機関"]),
    ("member", &["構成市町"]),
    ("phone", &["電話", "電話番号"]),
    ("night_phone", &["夜間電話", "夜間・休日の電話番号"]),
    ("fax", &["FAX", "ファックス", "FAX番号"]),
    ("address", &["住所", "所在地"]),
    ("area", &["担当地区", "地区"]),
    ("note", &["備考", "注記"]),
];

/// Reads the contacts of a directory that names a CSV file.
pub(super) fn directory(
    toml: &Path,
    d: &mut Directory,
    guide: &mut Guide,
    diags: &mut Diagnostics,
) {
    let Some(name) = d.csv.clone() else {
        return;
    };
    if !d.contacts.is_empty() {
        diags.push(guide.sources[d.file].error(
            name.span(),
            Msg::CsvAndEntries {
                entries: "[[directory.contact]]".into(),
            },
        ));
        return;
    }
    let Some(file) = read(toml, &name, &guide.sources[d.file].clone(), guide, diags) else {
        guide.unreadable.insert(d.id.get_ref().clone());
        return;
    };
    d.contacts_file = Some(file);
    let source = &guide.sources[file];
    let (header, rows) = records(source);
    let header = columns(source, &header, CONTACT_COLUMNS, diags);
    if !header.contains(&Some(0)) {
        diags.push(source.error(
            0..0,
            Msg::CsvColumnMissing {
                column: "name".into(),
            },
        ));
        return;
    }
    let text = |v: Option<&Value>| v.map(|(s, _)| s.clone());
    let id =
        |v: Option<&(String, Range<usize>)>| v.map(|(s, span)| Id::new(span.clone(), s.clone()));
    for record in &rows {
        let Some(v) = by_column(source, record, &header, CONTACT_COLUMNS.len(), diags) else {
            continue;
        };
        let Some(name) = text(v[0]) else {
            diags.push(source.error(
                record.at.clone(),
                Msg::CsvValueMissing {
                    column: "name".into(),
                },
            ));
            continue;
        };
        d.contacts.push(Contact {
            name,
            organisation: id(v[1]),
            member: id(v[2]),
            phone: text(v[3]),
            night_phone: text(v[4]),
            fax: text(v[5]),
            address: text(v[6]),
            area: text(v[7]),
            note: text(v[8]),
        });
    }
}

/// Reads the rows of a table that names a CSV file: `label`, an optional
/// `group` and `note`, and one column per entry of the table's `columns`.
pub(super) fn table(toml: &Path, t: &mut Table, guide: &mut Guide, diags: &mut Diagnostics) {
    let Some(name) = t.csv.clone() else {
        return;
    };
    if !t.rows.is_empty() {
        diags.push(guide.sources[t.file].error(
            name.span(),
            Msg::CsvAndEntries {
                entries: "[[table.row]]".into(),
            },
        ));
        return;
    }
    let Some(file) = read(toml, &name, &guide.sources[t.file].clone(), guide, diags) else {
        guide.unreadable.insert(t.id.get_ref().clone());
        return;
    };
    t.rows_file = Some(file);
    let source = &guide.sources[file];
    let (header, rows) = records(source);
    let keys: Vec<String> = t.columns.iter().map(|c| column_key(c)).collect();
    let mut known: Vec<(&str, &[&str])> = vec![
        ("label", &["行の見出し", "項目"]),
        ("group", &["区分", "まとまり"]),
        ("note", &["備考", "注記"]),
    ];
    known.extend(keys.iter().map(|k| (k.as_str(), &[] as &[&str])));
    let header = columns(source, &header, &known, diags);
    for (i, (column, _)) in known.iter().enumerate() {
        if (i == 0 || i >= 3) && !header.contains(&Some(i)) {
            diags.push(source.error(
                0..0,
                Msg::CsvColumnMissing {
                    column: column.to_string(),
                },
            ));
            return;
        }
    }
    for record in &rows {
        let Some(v) = by_column(source, record, &header, known.len(), diags) else {
            continue;
        };
        let Some((label, _)) = v[0] else {
            diags.push(source.error(
                record.at.clone(),
                Msg::CsvValueMissing {
                    column: "label".into(),
                },
            ));
            continue;
        };
        let cells: Vec<String> = v[3..]
            .iter()
            .map(|c| c.map(|(s, _)| s.clone()).unwrap_or_default())
            .collect();
        t.rows.push(Row {
            group: v[1].map(|(s, _)| s.clone()),
            label: label.clone(),
            cells: Spanned::new(record.at.clone(), cells),
            note: v[2].map(|(s, _)| Markdown(s.clone())),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_a_byte_order_mark_and_shift_jis() {
        let text = "name,phone\n見本市障がい福祉課,059-000-0000\n";
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!bad);
        assert_ne!(&sjis[..], text.as_bytes());
        assert_eq!(decode(text.as_bytes()).as_deref(), Some(text));
        let bom = [&[0xef, 0xbb, 0xbf][..], text.as_bytes()].concat();
        assert_eq!(decode(&bom).as_deref(), Some(text));
        assert_eq!(decode(&sjis).as_deref(), Some(text));
        // Not text in either encoding.
        assert_eq!(decode(&[0x82, 0xff, 0xff]), None);
    }

    #[test]
    fn values_keep_their_place_in_the_text() {
        let source = SourceFile::new("x.csv", "name,phone\r\n\"A, B\",1\n\nC,2\n".to_string());
        let (header, rows) = records(&source);
        assert_eq!(header.len(), 2);
        assert_eq!(rows.len(), 2, "the blank row is left out");
        assert_eq!(rows[0].values[0].0, "A, B");
        let (value, span) = &rows[1].values[0];
        assert_eq!(value, "C");
        assert_eq!(&source.text[span.clone()], "C");
        assert_eq!(source.line_col(span.start).line, 4);
    }
}
