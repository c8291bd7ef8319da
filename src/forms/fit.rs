//! Whether a text box can hold what is written in it. A single-line field
//! shrinks its text to fit (`/DA … 0 Tf`) and PDF sets no lower bound, so a
//! box narrower than its content prints text too small to read; `check`
//! reports such a box where its expected length was declared instead. The
//! widths are worked out from the template's fixed measures (A4 portrait,
//! 16 mm margins, a 30 mm label column), the way `form.typ` shares a line.

use super::definition::{Column, Field, FieldKind};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// The smallest size typed text may shrink to and still be read, in points.
pub const MIN_SIZE: f64 = 7.0;
/// The size multi-line fields wrap at, in points.
const WRAP_SIZE: f64 = 10.0;
/// Room a reader leaves inside a box before the text, left and right (pt).
const PADDING: f64 = 4.0;
/// The value column of a section's table: 178 mm of text width less the
/// 30 mm label column and the cell's insets, in points.
const VALUE_WIDTH: f64 = (178.0 - 30.0) * MM - 10.0;
/// The gap between items of a shared line (pt).
const GUTTER: f64 = 4.0;
const MM: f64 = 72.0 / 25.4;

/// How much a field is expected to hold, and where that was declared.
struct Expected {
    /// Full-width characters (a half-width one counts a half).
    ems: f64,
    /// The key it was read from (`expected_length`, `max_length`) and its value.
    key: &'static str,
    value: u32,
    span: std::ops::Range<usize>,
}

/// `expected_length` in full-width characters, else `max_length` read as
/// half-width characters (numbers, codes).
fn expected(
    expected_length: Option<&crate::model::Spanned<u32>>,
    max_length: Option<&crate::model::Spanned<u32>>,
) -> Option<Expected> {
    if let Some(e) = expected_length {
        return Some(Expected {
            ems: f64::from(*e.get_ref()),
            key: "expected_length",
            value: *e.get_ref(),
            span: e.span(),
        });
    }
    max_length.map(|m| Expected {
        ems: f64::from(*m.get_ref()) / 2.0,
        key: "max_length",
        value: *m.get_ref(),
        span: m.span(),
    })
}

/// Width in points of a printed label at `size` (a half-width character is half an em).
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c.is_ascii() || is_halfwidth_kana(c) {
                0.5
            } else {
                1.0
            }
        })
        .sum::<f64>()
        * size
}

fn is_halfwidth_kana(c: char) -> bool {
    ('\u{ff61}'..='\u{ff9f}').contains(&c)
}

/// The widths of a shared line's boxes: labels at 9 pt, the rest split by `width`.
fn line_widths(columns: &[Column], labelled: bool) -> Vec<f64> {
    let fixed: f64 = columns
        .iter()
        .map(|c| {
            if labelled {
                text_width(&c.label, 9.0) + GUTTER
            } else {
                0.0
            }
        })
        .sum::<f64>()
        + GUTTER * columns.len().saturating_sub(1) as f64;
    let total: f64 = columns
        .iter()
        .filter(|c| c.options.is_empty())
        .map(|c| f64::from(c.width.unwrap_or(1)))
        .sum();
    let choices: f64 = columns
        .iter()
        .filter(|c| !c.options.is_empty())
        .map(|c| {
            c.options
                .iter()
                .map(|o| 5.5 * MM + text_width(&o.label, 10.0))
                .sum::<f64>()
        })
        .sum();
    let rest = (VALUE_WIDTH - fixed - choices).max(0.0);
    columns
        .iter()
        .map(|c| rest * f64::from(c.width.unwrap_or(1)) / total.max(1.0))
        .collect()
}

/// Warns about each text box of `field` too narrow for its expected content.
pub(super) fn check(
    section: &str,
    field: &Field,
    seal: bool,
    source: &SourceFile,
    diags: &mut Diagnostics,
) {
    let name = format!("{section}.{}", field.name.get_ref());
    match field.kind.get_ref() {
        FieldKind::Text => {
            let Some(want) = expected(field.expected_length.as_ref(), field.max_length.as_ref())
            else {
                return;
            };
            let mut width = VALUE_WIDTH;
            if let Some(p) = &field.prefix {
                width -= text_width(p, 10.0);
            }
            if seal {
                width -= 12.0 * MM + 6.0;
            }
            let lines = field.lines.as_ref().map_or(1, |l| *l.get_ref());
            report(&name, &field.label, width, lines, want, source, diags);
        }
        FieldKind::Rows => {
            let count = field.count.as_ref().map_or(1, |c| *c.get_ref());
            let per_line = field
                .per_line
                .as_ref()
                .map_or(field.columns.len() as u32, |p| *p.get_ref())
                .max(1) as usize;
            // A table of entries prints its labels above, not beside, the boxes.
            let labelled = field.columns.len() > per_line || count == 1;
            for line in field.columns.chunks(per_line) {
                for (c, width) in line.iter().zip(line_widths(line, labelled)) {
                    if !c.options.is_empty() {
                        continue;
                    }
                    if let Some(want) = expected(c.expected_length.as_ref(), None) {
                        let name = format!("{name}.N.{}", c.name.get_ref());
                        report(&name, &c.label, width, 1, want, source, diags);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Pushes a warning if a box `width` points wide and `lines` high cannot hold `want`.
fn report(
    name: &str,
    label: &str,
    width: f64,
    lines: u32,
    want: Expected,
    source: &SourceFile,
    diags: &mut Diagnostics,
) {
    let room = (width - PADDING).max(0.0);
    let (holds, at) = if lines > 1 {
        ((room / WRAP_SIZE).floor() * f64::from(lines), WRAP_SIZE)
    } else {
        (room / MIN_SIZE, MIN_SIZE)
    };
    if want.ems <= holds {
        return;
    }
    let warning: Diagnostic = source.warning(
        want.span,
        crate::messages::Msg::FieldTooNarrow {
            name: name.to_string(),
            label: label.to_string(),
            mm: (width / MM).round() as u32,
            holds: holds.floor() as u32,
            size: at as u32,
            key: want.key,
            value: want.value,
            half: want.key == "max_length",
        },
    );
    diags.push(warning);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_line_holds_a_long_address_and_a_quarter_line_does_not() {
        const { assert!(VALUE_WIDTH / MIN_SIZE > 49.0) };
        let columns: Vec<Column> = ["事業所名", "担当者", "電話番号", "受け入れ時に行うこと"]
            .iter()
            .zip([3, 2, 2, 7])
            .map(|(label, w)| Column {
                name: crate::model::Spanned::new(0..0, "c".to_string()),
                label: label.to_string(),
                width: Some(w),
                options: Vec::new(),
                expected_length: None,
            })
            .collect();
        let widths = line_widths(&columns, false);
        // 2 : 7 of what the line leaves.
        assert!((widths[3] / widths[1] - 3.5).abs() < 1e-9);
        assert!(widths[1] / MIN_SIZE < 20.0);
    }
}
