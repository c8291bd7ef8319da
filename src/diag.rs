//! Diagnostics: every problem tebiki finds in content, reported as
//! `file:line:col: error: message` with a one-line hint, so an editor who is
//! not a programmer can open the file at the right place and fix it. The
//! message is a [`Msg`] of the catalogue, printed in the language asked for.
//!
//! Problems are collected, never thrown: loading and checking go on after the
//! first fault so that one run of `tebiki check` lists everything at once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::messages::{Lang, Msg};

/// How bad a diagnostic is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based, counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// One problem found in one place of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub at: LineCol,
    pub message: Msg,
}

impl Diagnostic {
    /// An error at a position already converted to line and column.
    pub fn error(file: impl Into<PathBuf>, at: LineCol, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            at,
            message,
        }
    }

    /// A warning at a position already converted to line and column.
    pub fn warning(file: impl Into<PathBuf>, at: LineCol, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, at, message)
        }
    }

    /// The diagnostic as printed in `lang`: `file:line:col: error: message`,
    /// then the hint on a line of its own.
    pub fn render(&self, lang: Lang) -> String {
        let kind = match self.severity {
            Severity::Error => lang.error(),
            Severity::Warning => lang.warning(),
        };
        let text = self.message.render(lang);
        let mut out = format!(
            "{}:{}:{}: {}: {}",
            display_path(&self.file),
            self.at.line,
            self.at.col,
            kind,
            text.message
        );
        if let Some(hint) = text.hint {
            out.push_str(&format!("\n  = {}: {hint}", lang.hint()));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    /// The diagnostic in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Paths are shown with forward slashes on every platform, as editors accept them.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The text of one loaded file, kept to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// The link targets of its text, found the first time they are asked
    /// for (`model::link::targets_in`): a file that is not read again keeps
    /// them between the checks `serve` runs.
    pub(crate) links: std::sync::OnceLock<Vec<(usize, String)>>,
}

impl SourceFile {
    /// Wraps a file's text; `path` is what diagnostics will print.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            links: std::sync::OnceLock::new(),
        }
    }

    /// Line and column (in characters) of a byte offset; offsets past the end clamp.
    pub(crate) fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        LineCol {
            line: line + 1,
            col: col + 1,
        }
    }

    /// An error pointing at the start of a byte span of this file.
    pub fn error(&self, span: Range<usize>, message: Msg) -> Diagnostic {
        Diagnostic::error(&self.path, self.line_col(span.start), message)
    }

    /// A warning pointing at the start of a byte span of this file.
    pub fn warning(&self, span: Range<usize>, message: Msg) -> Diagnostic {
        Diagnostic::warning(&self.path, self.line_col(span.start), message)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The problems found so far, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True if at least one problem is an error (warnings do not stop a build).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// All problems sorted by file and position, so output reads like a report.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| (&a.file, a.at, a.severity).cmp(&(&b.file, b.at, b.severity)));
        items.dedup();
        items
    }

    /// True if nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Moves everything from `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// The whole report in English (see [`Diagnostics::report_in`]).
    pub fn report(&self) -> String {
        self.report_in(Lang::En)
    }

    /// The whole report in `lang`, one diagnostic after another, with a summary line.
    /// A fault found by two checks in the same words is shown and counted once.
    pub fn report_in(&self, lang: Lang) -> String {
        let shown = self.sorted();
        let mut out = String::new();
        for d in &shown {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        let errors = shown
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = shown.len() - errors;
        if !shown.is_empty() {
            out.push_str(&Msg::Summary { errors, warnings }.render(lang).message);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.toml", "x = 1\nname = \"相談\"\nz".into());
        let offset = file.text.find('談').unwrap();
        assert_eq!(file.line_col(offset), LineCol { line: 2, col: 10 });
        assert_eq!(file.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(file.line_col(file.text.len()), LineCol { line: 3, col: 2 });
    }

    #[test]
    fn display_is_file_line_col_then_hint() {
        let d = Diagnostic::error(
            "content/x.toml",
            LineCol { line: 3, col: 7 },
            Msg::MissingKey { key: "id".into() },
        );
        assert_eq!(
            d.to_string(),
            "content/x.toml:3:7: error: missing field `id`\n  = hint: add `id = …` to this entry"
        );
        assert_eq!(
            d.render(Lang::Ja),
            "content/x.toml:3:7: エラー: この項目に `id` がありません\n  = ヒント: この項目に `id = …` を書き足してください"
        );
    }

    #[test]
    fn report_sorts_and_counts() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::warning(
            "b.toml",
            LineCol { line: 1, col: 1 },
            Msg::ZeroDays,
        ));
        all.push(Diagnostic::error(
            "a.toml",
            LineCol { line: 9, col: 1 },
            Msg::ZeroUnits,
        ));
        let report = all.report();
        assert!(report.starts_with("a.toml:9:1: error: 0 units"), "{report}");
        assert!(report.contains("\nb.toml:1:1: warning: a limit of 0 days"));
        assert!(report.ends_with("1 error, 1 warning\n"));
        assert!(
            all.report_in(Lang::Ja)
                .ends_with("エラー 1 件、警告 1 件\n")
        );
        assert!(all.has_errors());
    }
}
