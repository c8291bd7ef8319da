//! Reading one TOML file into typed entries while collecting every fault:
//! syntax errors are recovered from, and each `[[entry]]` is deserialized on
//! its own, so a misspelt key in one Q&A does not hide a fault in the next.

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::messages::{Msg, from_toml_message};

use super::traps;

/// The ids a TOML text seems to define, read line by line without parsing
/// (`id = "x"`), for a file that cannot be read as a whole.
pub(super) fn scan_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("id")?.trim_start();
            let rest = rest.strip_prefix('=')?.trim_start();
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &rest[1..];
            Some(value[..value.find(quote)?].to_string())
        })
        .collect()
}

/// A parsed TOML file whose top-level keys are taken one by one.
pub(crate) struct TomlFile<'a> {
    source: &'a SourceFile,
    table: DeTable<'a>,
    /// Ids of entries that could not be read, so references to them are not reported twice.
    pub unreadable: Vec<String>,
    /// Where the first syntax fault is: keys after it may be the remains of
    /// a broken header, not sections of their own.
    first_syntax_fault: Option<usize>,
    /// Where every syntax fault is, to leave out what follows from them.
    syntax_faults: Vec<usize>,
}

impl<'a> TomlFile<'a> {
    /// Parses `source`, reporting every syntax error; what could be read is kept.
    pub(crate) fn parse(source: &'a SourceFile, diags: &mut Diagnostics) -> TomlFile<'a> {
        let (table, errors) = DeTable::parse_recoverable(&source.text);
        // Entries near a syntax error may be lost: their ids, as far as the
        // lines show them, count as unreadable, so that references to them
        // are not reported as dangling after the real fault.
        let unreadable = if errors.is_empty() {
            Vec::new()
        } else {
            scan_ids(&source.text)
        };
        let syntax_faults: Vec<usize> = errors
            .iter()
            .filter_map(|e| e.span())
            .map(|s| s.start)
            .collect();
        let first_syntax_fault = syntax_faults.iter().copied().min();
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            let d = traps::on_line(source, span.start)
                .unwrap_or_else(|| to_diagnostic(source, &error, 0..0, &no_probe));
            diags.push(d);
        }
        TomlFile {
            source,
            table: table.into_inner(),
            unreadable,
            first_syntax_fault,
            syntax_faults,
        }
    }

    /// Takes the array of tables `[[key]]`, deserializing each entry on its own.
    pub(crate) fn take_array<T: DeserializeOwned>(
        &mut self,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Vec<T> {
        let Some((key_span, value)) = self.remove(key) else {
            return Vec::new();
        };
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(items) => {
                let starts: Vec<usize> = items.iter().map(|i| i.span().start).collect();
                let mut entries = Vec::new();
                for (i, item) in items.into_iter().enumerate() {
                    let end = starts.get(i + 1).copied().unwrap_or(usize::MAX);
                    entries.extend(self.deserialize(item, end, diags));
                }
                entries
            }
            other => {
                diags.push(self.source.error(
                    key_span.start..span.end,
                    Msg::NotAListOfTables {
                        key: key.to_string(),
                        found: other.type_str().to_string(),
                    },
                ));
                Vec::new()
            }
        }
    }

    /// Deserializes the whole remaining document as one `T` (e.g. `city.toml`).
    /// A fault in one part (a bad date in one [[history]] entry) is reported
    /// and that part left out, so that the rest, and the files that refer to
    /// it, are still read and checked in the same run; only a fault that
    /// leaves a required key unreadable makes the whole `T` unreadable.
    pub(crate) fn into_whole<T: DeserializeOwned>(
        mut self,
        diags: &mut Diagnostics,
        unreadable: &mut impl Extend<String>,
    ) -> Option<T> {
        let span = 0..self.source.text.len();
        let id = entry_id(&toml::Spanned::new(
            span.clone(),
            DeValue::Table(self.table.clone()),
        ));
        let mut left_out: Vec<String> = Vec::new();
        // Each round leaves out one more part, so the rounds end.
        let probe = |path: &[String]| probe_keys::<T>(path);
        for _ in 0..=self.table.len() + 64 {
            let value = toml::Spanned::new(span.clone(), DeValue::Table(self.table.clone()));
            let error = match T::deserialize(value.into_deserializer()) {
                Ok(v) => return Some(v),
                Err(e) => e,
            };
            let missing = error.message().starts_with("missing field");
            let follow_on = (missing
                && (!self.syntax_faults.is_empty()
                    || left_out
                        .iter()
                        .any(|k| error.message().contains(&format!("`{k}`")))))
                || self.on_a_faulty_line(error.span());
            if !follow_on {
                diags.push(to_diagnostic(self.source, &error, 0..0, &probe));
            }
            match error.span().filter(|_| !follow_on) {
                Some(at) if self.leave_out(&at, &mut left_out) => {}
                _ => break,
            }
        }
        unreadable.extend(id);
        None
    }

    /// Leaves out the smallest part of the table that holds `at`: an entry
    /// of an array of tables, however deep, or else a key. False if none does.
    fn leave_out(&mut self, at: &std::ops::Range<usize>, left_out: &mut Vec<String>) -> bool {
        leave_out_of(&mut self.table, at, true, left_out)
    }

    /// Reports every top-level key that no one took, listing the ones allowed.
    /// Ids inside an unknown section are remembered as unreadable, not dangling.
    pub(crate) fn finish(&mut self, allowed: &[&str], diags: &mut Diagnostics) {
        for (key, value) in std::mem::take(&mut self.table) {
            if let DeValue::Array(items) = value.get_ref() {
                self.unreadable.extend(items.iter().filter_map(entry_id));
            }
            // A key after a syntax fault is a follow-on of it: the fault is reported.
            if self
                .first_syntax_fault
                .is_some_and(|at| key.span().start > at)
            {
                continue;
            }
            let suggestion =
                crate::check::closest(key.get_ref(), allowed.iter().copied()).map(str::to_string);
            diags.push(self.source.error(
                key.span(),
                Msg::UnknownSection {
                    key: key.get_ref().to_string(),
                    allowed: allowed.iter().map(|k| k.to_string()).collect(),
                    suggestion,
                },
            ));
        }
    }

    fn remove(
        &mut self,
        key: &str,
    ) -> Option<(std::ops::Range<usize>, toml::Spanned<DeValue<'a>>)> {
        let found = self.table.keys().find(|k| k.get_ref() == key)?.clone();
        let value = self.table.remove(&found)?;
        Some((found.span(), value))
    }

    /// True if a syntax fault was found on the line of `span`: what serde
    /// finds there follows from it.
    fn on_a_faulty_line(&self, span: Option<std::ops::Range<usize>>) -> bool {
        let Some(span) = span else { return false };
        let line = self.source.line_col(span.start).line;
        self.syntax_faults
            .iter()
            .any(|&at| self.source.line_col(at).line == line)
    }

    /// Deserializes one entry, which runs up to byte `end` (the next entry's start).
    fn deserialize<T: DeserializeOwned>(
        &mut self,
        item: toml::Spanned<DeValue<'a>>,
        end: usize,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        let span = item.span();
        let id = entry_id(&item);
        match T::deserialize(item.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                // A key lost to a syntax fault in this entry is not missing on its own.
                let lost = e.message().starts_with("missing field")
                    && self
                        .syntax_faults
                        .iter()
                        .any(|&at| (span.start..end).contains(&at));
                if lost || self.on_a_faulty_line(e.span()) {
                    self.unreadable.extend(id);
                    return None;
                }
                // The header path starts with the array's own key, which the entry type does not have.
                let probe = |path: &[String]| probe_keys::<T>(path.get(1..)?);
                diags.push(to_diagnostic(self.source, &e, span, &probe));
                self.unreadable.extend(id);
                None
            }
        }
    }
}

/// Removes from `table` the smallest part that holds byte `at`: the
/// innermost entry of an array of tables, or (`keys`, at the top of the
/// document only) the key. An entry is left out whole, never a key inside
/// it, so what is left never lacks a required key. A table written under a
/// header has a span that covers only its header, so the part that holds
/// `at` is the one that starts last at or before it.
fn leave_out_of(
    table: &mut DeTable<'_>,
    at: &std::ops::Range<usize>,
    keys: bool,
    left_out: &mut Vec<String>,
) -> bool {
    let mut best: Option<(usize, String, Option<usize>)> = None;
    for (key, value) in table.iter() {
        let mut consider = |start: usize, item: Option<usize>| {
            if start <= at.start && best.as_ref().is_none_or(|(b, ..)| start >= *b) {
                best = Some((start, key.get_ref().to_string(), item));
            }
        };
        let entries: Vec<(usize, usize)> = match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .filter(|(_, entry)| matches!(entry.get_ref(), DeValue::Table(_)))
                .map(|(i, entry)| (i, entry.span().start))
                .collect(),
            _ => Vec::new(),
        };
        // An array of tables is left out entry by entry, never as a whole key.
        if entries.is_empty() {
            consider(key.span().start, None);
        }
        for (i, start) in entries {
            consider(start, Some(i));
        }
    }
    let Some((_, name, item)) = best else {
        return false;
    };
    let Some(key) = table.keys().find(|k| k.get_ref() == &name).cloned() else {
        return false;
    };
    let Some(value) = table.get_mut(&key) else {
        return false;
    };
    match (item, value.get_mut()) {
        (Some(i), DeValue::Array(items)) => {
            if let Some(DeValue::Table(inner)) = items.get_mut(i).map(|e| e.get_mut()) {
                if leave_out_of(inner, at, false, left_out) {
                    return true;
                }
            }
            let all = std::mem::replace(items, toml::de::DeArray::new());
            *items = all
                .into_iter()
                .enumerate()
                .filter_map(|(j, entry)| (j != i).then_some(entry))
                .collect();
            true
        }
        (None, DeValue::Table(inner)) => {
            if leave_out_of(inner, at, false, left_out) {
                return true;
            }
            keys && remove_key(table, &key, name, left_out)
        }
        _ => keys && remove_key(table, &key, name, left_out),
    }
}

fn remove_key<'i>(
    table: &mut DeTable<'i>,
    key: &toml::Spanned<std::borrow::Cow<'i, str>>,
    name: String,
    left_out: &mut Vec<String>,
) -> bool {
    left_out.push(name);
    table.remove(key).is_some()
}

/// The `id` of an entry, read before deserializing so it survives a fault
/// elsewhere in the entry; a city's function description, which has none, is
/// known by its `function`.
fn entry_id(value: &toml::Spanned<DeValue<'_>>) -> Option<String> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    let key = |name: &str| {
        let (_, v) = table.iter().find(|(k, _)| k.get_ref() == name)?;
        v.get_ref().as_str().map(str::to_string)
    };
    key("id").or_else(|| key("function"))
}

/// The keys a table of `T` may hold at `path` below it (`[]` for `T`
/// itself), read from serde's own "unknown field" answer to a key no type
/// has; `None` if there is no table there.
fn probe_keys<T: DeserializeOwned>(path: &[String]) -> Option<Vec<String>> {
    const PROBE: &str = "tebiki-probe-key";
    let quoted: Vec<String> = path.iter().map(|p| format!("\"{p}\"")).collect();
    let header = quoted.join(".");
    let texts = if path.is_empty() {
        vec![format!("\"{PROBE}\" = 0\n")]
    } else {
        vec![
            format!("[[{header}]]\n\"{PROBE}\" = 0\n"),
            format!("[{header}]\n\"{PROBE}\" = 0\n"),
        ]
    };
    texts.iter().find_map(|text| {
        let error = toml::from_str::<T>(text).err()?;
        match from_toml_message(error.message(), "") {
            Msg::UnknownKey { key, allowed, .. } if key == PROBE => Some(allowed),
            _ => None,
        }
    })
}

/// No probe: for faults found before the file has a type.
fn no_probe(_: &[String]) -> Option<Vec<String>> {
    None
}

/// Turns a TOML or serde error into a diagnostic in the catalogue's words.
/// An unknown key that is a key of the table above its header is reported
/// as a key under the wrong header; `probe` tells the keys of a table by
/// its header path.
pub(super) fn to_diagnostic(
    source: &SourceFile,
    error: &toml::de::Error,
    fallback: std::ops::Range<usize>,
    probe: &dyn Fn(&[String]) -> Option<Vec<String>>,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let written = source.text.get(span.clone()).unwrap_or("");
    let mut message = from_toml_message(error.message(), written);
    if let Msg::UnknownKey { key, .. } = &message {
        if let Some(moved) = traps::under_wrong_header(source, span.start, key, probe) {
            message = moved;
        }
    }
    source.error(span, message)
}
