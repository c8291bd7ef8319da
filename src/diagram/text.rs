//! Text measured without a font engine: every character is given at least
//! the width any Japanese font draws it in (full-width 1 em, half-width
//! 0.6 em), so a box sized from this estimate holds its text in BIZ UDGothic
//! and in the fallbacks a reader's browser may pick instead.

/// Font sizes of the diagram, in px.
pub(crate) const STEP: f32 = 13.0;
/// Size of duty, hand-over and branch text.
pub(crate) const SMALL: f32 = 11.5;
/// Line height as a multiple of the font size.
pub(crate) const LEADING: f32 = 1.45;
/// Where the baseline sits below the top of a line's slot, in em.
pub(crate) const BASELINE: f32 = 1.1;

/// The width of `c` as a share of the em, rounded up for any font.
fn em(c: char) -> f32 {
    let half_width_kana = ('\u{FF61}'..='\u{FF9F}').contains(&c);
    if c.is_ascii() || half_width_kana {
        0.6
    } else {
        1.0
    }
}

/// The estimated width of `text` at `size` px.
pub(crate) fn width(text: &str, size: f32) -> f32 {
    text.chars().map(em).sum::<f32>() * size
}

/// Characters a Japanese line may not start with (行頭禁則).
fn no_line_start(c: char) -> bool {
    "、。，．）」』】〕・ー：；！？ぁぃぅぇぉっゃゅょァィゥェォッャュョ".contains(c)
}

/// `text` broken into lines no wider than `max` px at `size` px, at most
/// `max_lines` of them; the last line kept ends in … when text was cut.
pub(crate) fn wrap(text: &str, size: f32, max: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for c in paragraph.chars() {
            if !line.is_empty() && width(&line, size) + em(c) * size > max {
                let mut carried = String::new();
                let opens = line.ends_with(|l: char| "（「『【〔".contains(l));
                if (no_line_start(c) || opens) && line.chars().count() > 1 {
                    if let Some(last) = line.pop() {
                        carried.push(last);
                    }
                }
                lines.push(std::mem::take(&mut line));
                line = carried;
            }
            if line.is_empty() && c == ' ' {
                continue;
            }
            line.push(c);
        }
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && width(last, size) + size > max {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The plain text of an editor's Markdown, for a diagram label.
pub(crate) fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_the_width_and_keeps_every_character() {
        let text = "事前登録シート（Ａ）（Ｂ）を緊急時支援者と共有する。";
        let lines = wrap(text, 12.0, 100.0, 9);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, 12.0) <= 100.0, "{l}");
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn does_not_start_a_line_with_a_closing_mark() {
        let lines = wrap("あいうえお、かきくけこ", 10.0, 50.0, 9);
        assert!(lines.iter().all(|l| !l.starts_with('、')), "{lines:?}");
    }

    #[test]
    fn does_not_end_a_line_with_an_opening_bracket() {
        let lines = wrap("あいうえ（かきくけこ）", 10.0, 50.0, 9);
        assert!(lines.iter().all(|l| !l.ends_with('（')), "{lines:?}");
    }

    #[test]
    fn cuts_with_an_ellipsis() {
        let lines = wrap(&"あ".repeat(40), 10.0, 50.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(width(&lines[1], 10.0) <= 50.0);
    }

    #[test]
    fn plain_text_of_links() {
        assert_eq!(
            plain("「[利用登録届](form:ise)」を受領"),
            "「利用登録届」を受領"
        );
    }
}
