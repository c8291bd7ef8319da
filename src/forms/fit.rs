//! Whether a text box can hold what is written in it. A single-line field
//! shrinks its text to fit (`/DA … 0 Tf`) and PDF sets no lower bound, so a
//! box narrower than its content prints text too small to read; `check`
//! reports such a box where its expected length was declared instead. The
//! widths are worked out from the template's fixed measures (A4 portrait,
//! 16 mm margins, a 30 mm label column), the way `form.typ` shares a line.

use super::definition::{Column, Field, FieldKind};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// The smallest size typed text may shrink to and still be read, in points.
pub(super) const MIN_SIZE: f64 = 7.0;
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

/// The room, in points, that printed items of `field` take on a shared
/// row, and whether it holds a box that takes what is left.
fn fixed_width(field: &Field) -> (f64, bool) {
    let note = field
        .note
        .as_deref()
        .map_or(0.0, |n| text_width(n, 7.5) + GUTTER);
    match field.kind.get_ref() {
        FieldKind::Text => (
            field.prefix.as_deref().map_or(0.0, |p| text_width(p, 10.0)) + note,
            true,
        ),
        FieldKind::Date => {
            let eras: f64 = field
                .eras
                .iter()
                .map(|e| 5.5 * MM + text_width(e, 10.0) + 1.6 * 10.0)
                .sum();
            (
                eras.max(text_width("令和", 10.0)) + 38.0 * MM + 3.0 * 10.0 + note,
                false,
            )
        }
        _ => {
            let options: f64 = field
                .options
                .iter()
                .map(|o| 5.5 * MM + text_width(&o.label, 10.0) + 10.0)
                .sum();
            (options + note, false)
        }
    }
}

/// The width each text box of a row takes: the value column less its
/// prefix (〒) for a field alone; for fields printed `beside` one another,
/// what the printed parts and the labels between leave, shared by the boxes.
pub(super) fn row_widths(fields: &[&Field]) -> Vec<f64> {
    if let [alone] = fields {
        let prefix = alone.prefix.as_deref().map_or(0.0, |p| text_width(p, 10.0));
        return vec![VALUE_WIDTH - prefix];
    }
    // Each part of a shared row is a cell with 5 pt insets either side.
    let inset = 10.0;
    let labels: f64 = fields[1..]
        .iter()
        .map(|f| text_width(&f.label, 10.0) + inset)
        .sum();
    let parts: Vec<(f64, bool)> = fields.iter().map(|f| fixed_width(f)).collect();
    let fixed: f64 = parts.iter().map(|p| p.0 + inset).sum();
    let growing = parts.iter().filter(|p| p.1).count().max(1) as f64;
    let share = ((VALUE_WIDTH + 10.0 - labels - fixed) / growing).max(0.0);
    parts
        .iter()
        .map(|&(_, grows)| if grows { share } else { 0.0 })
        .collect()
}

/// Warns about each text box of `field` too narrow for its expected
/// content; `value_width` is the room its row gives its box ([`row_widths`]).
pub(super) fn check(
    section: &str,
    field: &Field,
    (seal, value_width): (bool, f64),
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
            let mut width = value_width;
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

    fn field(toml: &str) -> Field {
        toml::from_str(toml).expect("field")
    }

    #[test]
    fn fields_beside_one_another_share_the_line() {
        let kind = field(
            "name = \"kind\"\nlabel = \"区分\"\nkind = \"choice\"\nboxes = true\noptions = [{ value = \"new\", label = \"新規\" }, { value = \"renewal\", label = \"更新\" }]",
        );
        let number = field(
            "name = \"number\"\nlabel = \"登録番号\"\nkind = \"text\"\nbeside = true\nnote = \"※更新時\"",
        );
        let phone = field("name = \"phone\"\nlabel = \"電話番号\"\nkind = \"text\"");
        let recipient = field(
            "name = \"recipient\"\nlabel = \"サービス受給者番号\"\nkind = \"text\"\nbeside = true",
        );
        assert_eq!(row_widths(&[&phone]), [VALUE_WIDTH]);
        // A choice takes no share; the box beside it gets what the options,
        // its label and its note leave.
        let [choice, box_] = row_widths(&[&kind, &number])[..] else {
            panic!("two widths")
        };
        assert_eq!(choice, 0.0);
        assert!(box_ > 70.0 * MM && box_ < VALUE_WIDTH - 40.0 * MM, "{box_}");
        // Two boxes split what the second label leaves.
        let shared = row_widths(&[&phone, &recipient]);
        assert_eq!(shared[0], shared[1]);
        assert!(shared[0] * 2.0 < VALUE_WIDTH - text_width("サービス受給者番号", 10.0));
    }

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
