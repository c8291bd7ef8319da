//! Reading a filled form back: every terminal field of the PDF's AcroForm,
//! keyed by its full name, as JSON — text as strings, check boxes as
//! booleans, radio groups as the chosen value (or null).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, decode_text_string};
use serde_json::Value;

/// Why values could not be read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// Not a readable PDF.
    NotPdf(String),
    /// A PDF without form fields.
    NoForm,
    /// A form with nothing filled in.
    Unfilled,
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::NotPdf(e) => write!(f, "not a readable PDF ({e})"),
            ExportError::NoForm => write!(f, "the PDF has no form fields"),
            ExportError::Unfilled => write!(f, "no field of the form is filled in"),
        }
    }
}

/// The values of every field of the PDF in `bytes`, keyed by full field name.
pub fn export(bytes: &[u8]) -> Result<BTreeMap<String, Value>, ExportError> {
    let doc = Document::load_mem(bytes).map_err(|e| ExportError::NotPdf(e.to_string()))?;
    let fields = doc
        .catalog()
        .and_then(|c| c.get(b"AcroForm"))
        .and_then(|o| deref_dict(&doc, o))
        .and_then(|acro| acro.get(b"Fields"))
        .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        .and_then(Object::as_array)
        .map_err(|_| ExportError::NoForm)?;
    let mut out = BTreeMap::new();
    for f in fields {
        walk(&doc, f, None, None, &mut out, 0);
    }
    if out.is_empty() {
        return Err(ExportError::NoForm);
    }
    if out
        .values()
        .all(|v| matches!(v, Value::Null | Value::Bool(false)) || v.as_str() == Some(""))
    {
        return Err(ExportError::Unfilled);
    }
    Ok(out)
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> lopdf::Result<&'a Dictionary> {
    doc.dereference(o)?.1.as_dict()
}

fn walk(
    doc: &Document,
    o: &Object,
    prefix: Option<&str>,
    ft: Option<&[u8]>,
    out: &mut BTreeMap<String, Value>,
    depth: u32,
) {
    let Ok(dict) = deref_dict(doc, o) else { return };
    if depth > 32 {
        return;
    }
    let partial = dict.get(b"T").ok().and_then(|t| decode_text_string(t).ok());
    let name = match (prefix, &partial) {
        (Some(p), Some(t)) => format!("{p}.{t}"),
        (None, Some(t)) => t.clone(),
        (Some(p), None) => p.to_string(),
        (None, None) => return,
    };
    let ft = dict.get(b"FT").ok().and_then(|o| o.as_name().ok()).or(ft);
    let kids: Vec<&Object> = dict
        .get(b"Kids")
        .and_then(|k| doc.dereference(k).map(|(_, o)| o))
        .and_then(Object::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let has_field_kids = kids
        .iter()
        .any(|k| deref_dict(doc, k).is_ok_and(|d| d.has(b"T")));
    if has_field_kids {
        for k in kids {
            walk(doc, k, Some(&name), ft, out, depth + 1);
        }
        return;
    }
    let value = dict
        .get(b"V")
        .ok()
        .and_then(|v| doc.dereference(v).ok())
        .map(|(_, v)| v);
    let json = match ft {
        Some(b"Tx") | Some(b"Ch") => match value {
            Some(v) => decode_text_string(v)
                .map(Value::String)
                .unwrap_or(Value::Null),
            None => Value::String(String::new()),
        },
        Some(b"Btn") => {
            let flags = dict.get(b"Ff").and_then(Object::as_i64).unwrap_or(0);
            let state = value
                .and_then(|v| v.as_name().ok())
                .filter(|n| *n != b"Off");
            if flags & (1 << 15) != 0 {
                // A reader may store the chosen option as its index in /Opt
                // (PDFium does); the option's value is what is exported.
                let opt = dict
                    .get(b"Opt")
                    .and_then(|o| doc.dereference(o).map(|(_, o)| o))
                    .and_then(Object::as_array)
                    .ok();
                state.map_or(Value::Null, |n| {
                    let n = String::from_utf8_lossy(n).into_owned();
                    let by_index = n
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| opt.and_then(|o| o.get(i)))
                        .and_then(|o| decode_text_string(o).ok());
                    Value::String(by_index.unwrap_or(n))
                })
            } else {
                Value::Bool(state.is_some())
            }
        }
        _ => return,
    };
    out.insert(name, json);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_not_a_pdf() {
        assert!(matches!(export(b"hello"), Err(ExportError::NotPdf(_))));
    }
}
