//! Reading one TOML file into typed entries while collecting every fault:
//! syntax errors are recovered from, and each `[[entry]]` is deserialized on
//! its own, so a misspelt key in one Q&A does not hide a fault in the next.

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// The ids a TOML text seems to define, read line by line without parsing
/// (`id = "x"`), for a file that cannot be read as a whole.
pub fn scan_ids(text: &str) -> Vec<String> {
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
pub struct TomlFile<'a> {
    source: &'a SourceFile,
    table: DeTable<'a>,
    /// Ids of entries that could not be read, so references to them are not reported twice.
    pub unreadable: Vec<String>,
}

impl<'a> TomlFile<'a> {
    /// Parses `source`, reporting every syntax error; what could be read is kept.
    pub fn parse(source: &'a SourceFile, diags: &mut Diagnostics) -> TomlFile<'a> {
        let (table, errors) = DeTable::parse_recoverable(&source.text);
        // Entries near a syntax error may be lost: their ids, as far as the
        // lines show them, count as unreadable, so that references to them
        // are not reported as dangling after the real fault.
        let unreadable = if errors.is_empty() {
            Vec::new()
        } else {
            scan_ids(&source.text)
        };
        for error in errors {
            diags.push(to_diagnostic(source, &error, 0..0, "TOML syntax"));
        }
        TomlFile {
            source,
            table: table.into_inner(),
            unreadable,
        }
    }

    /// Takes the array of tables `[[key]]`, deserializing each entry on its own.
    pub fn take_array<T: DeserializeOwned>(
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
                let mut entries = Vec::new();
                for item in items {
                    entries.extend(self.deserialize(item, diags));
                }
                entries
            }
            other => {
                diags.push(
                    self.source
                        .error(
                            key_span.start..span.end,
                            format!(
                                "`{key}` must be a list of tables, found a {}",
                                other.type_str()
                            ),
                        )
                        .with_hint(format!("write each entry under its own `[[{key}]]` header")),
                );
                Vec::new()
            }
        }
    }

    /// Deserializes the whole remaining document as one `T` (e.g. `city.toml`).
    /// A fault in one part (a bad date in one [[history]] entry) is reported
    /// and that part left out, so that the rest, and the files that refer to
    /// it, are still read and checked in the same run; only a fault that
    /// leaves a required key unreadable makes the whole `T` unreadable.
    pub fn into_whole<T: DeserializeOwned>(
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
        for _ in 0..=self.table.len() + 64 {
            let value = toml::Spanned::new(span.clone(), DeValue::Table(self.table.clone()));
            let error = match T::deserialize(value.into_deserializer()) {
                Ok(v) => return Some(v),
                Err(e) => e,
            };
            let follow_on = error.message().starts_with("missing field")
                && left_out
                    .iter()
                    .any(|k| error.message().contains(&format!("`{k}`")));
            if !follow_on {
                diags.push(to_diagnostic(self.source, &error, 0..0, "file"));
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
    pub fn finish(&mut self, allowed: &[&str], diags: &mut Diagnostics) {
        let list = allowed
            .iter()
            .map(|k| format!("[[{k}]]"))
            .collect::<Vec<_>>()
            .join(", ");
        for (key, value) in std::mem::take(&mut self.table) {
            diags.push(
                self.source
                    .error(key.span(), format!("unknown section `{}`", key.get_ref()))
                    .with_hint(format!("this file may hold {list}; check the spelling")),
            );
            if let DeValue::Array(items) = value.into_inner() {
                self.unreadable.extend(items.iter().filter_map(entry_id));
            }
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

    fn deserialize<T: DeserializeOwned>(
        &mut self,
        item: toml::Spanned<DeValue<'a>>,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        let span = item.span();
        let id = entry_id(&item);
        match T::deserialize(item.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                diags.push(to_diagnostic(self.source, &e, span, "entry"));
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

/// The `id` of an entry, read before deserializing so it survives a fault elsewhere in the entry.
fn entry_id(value: &toml::Spanned<DeValue<'_>>) -> Option<String> {
    let DeValue::Table(table) = value.get_ref() else {
        return None;
    };
    let (_, id) = table.iter().find(|(k, _)| k.get_ref() == "id")?;
    id.get_ref().as_str().map(str::to_string)
}

/// Turns a TOML or serde error into a diagnostic with a hint for the editor.
pub fn to_diagnostic(
    source: &SourceFile,
    error: &toml::de::Error,
    fallback: std::ops::Range<usize>,
    what: &str,
) -> Diagnostic {
    let message = error.message().trim().trim_end_matches('.').to_string();
    let span = error.span().unwrap_or(fallback);
    let hint = hint_for(&message)
        .unwrap_or_else(|| format!("this {what} could not be read; see docs/content-format.md"));
    source.error(span, message).with_hint(hint)
}

fn hint_for(message: &str) -> Option<String> {
    let hint = if message.starts_with("unknown field") {
        "check the spelling of the key; the keys this entry accepts are listed above"
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return Some(format!("add `{field} = …` to this entry"));
    } else if message.contains("expected u32") || message.contains("expected i64") {
        "write a whole number without quotes or units, e.g. `700`"
    } else if message.starts_with("unknown variant") {
        "use one of the values listed above, exactly as written"
    } else if message.contains("date") {
        "write dates as 2024-04-01 or \"令和6年4月1日\""
    } else if message.starts_with("invalid type") {
        "the value has the wrong type: text needs quotes, lists need [ ], numbers need none"
    } else if message.contains("duplicate key") {
        "each key may appear once per entry; remove or merge the repeated one"
    } else if message.contains("invalid") || message.contains("expected") {
        "fix the TOML syntax here: strings need quotes, tables need [headers]"
    } else {
        return None;
    };
    Some(hint.to_string())
}
