//! What the printable guide cannot set, found before typst runs: a run of
//! characters with no place to break a line that is wider than the column it
//! lands in, and a table with more columns than a landscape page holds.
//! typst would let such text run out of its box and off the page; `check`
//! reports it at the place it was written instead.

use serde::Serialize;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::messages::Msg;
use crate::model::{FileId, Guide, Municipality};

/// Half-width characters that fit one line of a matrix cell or a table
/// column (about 40 mm at 8.5 pt).
pub(crate) const NARROW_RUN: usize = 24;
/// Half-width characters that fit one line of body text (174 mm at 10 pt).
pub(crate) const WIDE_RUN: usize = 80;
/// Columns a landscape A4 page holds at a readable size (about 18 mm each).
pub(crate) const MAX_COLUMNS: usize = 14;

/// Warnings for the texts and tables of `city` that the guide cannot set.
pub(crate) fn city(guide: &Guide, city: &Municipality) -> Diagnostics {
    let mut found = Diagnostics::default();
    let mut scan =
        |file: FileId, item: &dyn ErasedItem, limit: usize, fallback: std::ops::Range<usize>| {
            let Ok(value) = item.value() else { return };
            let mut texts = Vec::new();
            strings(&value, &mut texts);
            for text in texts {
                check_text(guide, file, &text, limit, fallback.clone(), &mut found);
            }
        };
    let c = city;
    scan(c.city.file, &&c.city, WIDE_RUN, c.city.id.span());
    for o in &c.organisations {
        scan(o.file, &o, NARROW_RUN, o.id.span());
    }
    for f in &c.functions {
        scan(f.file, &f, WIDE_RUN, f.function.span());
    }
    for f in &c.flows {
        // Duties and fees land in the matrix's narrow cells.
        scan(f.file, &f, NARROW_RUN, f.id.span());
    }
    for s in &c.subsidies {
        scan(s.file, &s, NARROW_RUN, s.id.span());
    }
    for q in &c.qa {
        scan(q.file, &q, WIDE_RUN, q.id.span());
    }
    for t in &c.glossary {
        scan(t.file, &t, WIDE_RUN, t.id.span());
    }
    for d in &c.directories {
        scan(d.file, &d, NARROW_RUN, d.id.span());
    }
    for l in &c.lists {
        scan(l.file, &l, WIDE_RUN, l.id.span());
    }
    for p in &c.pages {
        scan(p.file, &p, WIDE_RUN, p.meta.id.span());
    }
    for t in &c.tables {
        scan(t.file, &t, NARROW_RUN, t.id.span());
    }
    let mut diags = found;
    for t in &c.tables {
        let columns = 1
            + t.columns.len()
            + usize::from(t.rows.iter().any(|r| r.group.is_some()))
            + usize::from(t.rows.iter().any(|r| r.note.is_some()));
        if columns > MAX_COLUMNS {
            diags.push(guide.sources[t.file].warning(
                t.id.span(),
                Msg::TableTooWide {
                    table: Some(t.id.get_ref().clone()),
                    columns,
                    max: MAX_COLUMNS,
                },
            ));
        }
    }
    diags
}

/// Any model item that serialises: its strings are what the guide prints.
trait ErasedItem {
    fn value(&self) -> serde_json::Result<Value>;
}

impl<T: Serialize> ErasedItem for T {
    fn value(&self) -> serde_json::Result<Value> {
        serde_json::to_value(self)
    }
}

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => {
            for (key, v) in map {
                // Ids and references are not printed.
                if !matches!(
                    key.as_str(),
                    "id" | "function"
                        | "organisation"
                        | "role"
                        | "member"
                        | "form"
                        | "from"
                        | "to"
                        | "addons"
                        | "subsidies"
                        | "claimants"
                        | "organisations"
                        | "asker"
                        | "step"
                        | "functions"
                        | "revision"
                        | "addon"
                ) {
                    strings(v, out);
                }
            }
        }
        _ => {}
    }
}

/// True where a line may break between two characters whatever they are:
/// Japanese and other wide scripts break between any two characters.
fn breaks_anywhere(c: char) -> bool {
    c.is_whitespace() || (c as u32) >= 0x2E80
}

/// Markdown link targets are not printed: `[text](url)` prints `text`.
fn printed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 1]);
        rest = &rest[i + 2..];
        match rest.find(')') {
            Some(end) => rest = &rest[end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

fn check_text(
    guide: &Guide,
    file: FileId,
    text: &str,
    limit: usize,
    fallback: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) {
    let shown = printed(text);
    for run in shown.split(breaks_anywhere) {
        // Half-width characters are about half as wide as the wide ones.
        if run.chars().count() <= limit {
            continue;
        }
        let source = &guide.sources[file];
        let span = source
            .text
            .find(run)
            .map(|at| at..at + run.len())
            .unwrap_or(fallback.clone());
        let shown_run: String = run.chars().take(30).collect();
        diags.push(source.warning(
            span,
            Msg::UnbreakableRun {
                shown: shown_run,
                chars: run.chars().count(),
                limit,
            },
        ));
    }
    if let Some(header) = text.lines().find(|l| l.trim_start().starts_with('|')) {
        let columns = header.trim().trim_matches('|').split('|').count();
        if columns > MAX_COLUMNS {
            let source = &guide.sources[file];
            let span = source
                .text
                .find(header)
                .map(|at| at..at + header.len())
                .unwrap_or(fallback);
            diags.push(source.warning(
                span,
                Msg::TableTooWide {
                    table: None,
                    columns,
                    max: MAX_COLUMNS,
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_breaks_anywhere_and_latin_runs_do_not() {
        let runs: Vec<&str> = "相談支援事業所 https://example.jp/a/b 連絡"
            .split(breaks_anywhere)
            .filter(|r| !r.is_empty())
            .collect();
        assert_eq!(runs, ["https://example.jp/a/b"]);
    }

    #[test]
    fn link_targets_are_not_printed() {
        assert_eq!(
            printed(
                "詳しくは[こちら](https://example.jp/very/long/path/that/is/not/printed)を参照"
            ),
            "詳しくは[こちら]を参照"
        );
    }
}
