//! The scene written as SVG text. Presentation is in attributes, not CSS, so
//! the drawing looks the same inline in a page, opened alone or placed by
//! typst; every piece of content text is escaped, since content is untrusted.

use std::fmt::Write;

use super::layout::PAD;
use super::scene::{Arrow, Dir, Kind, Scene, TextBox};
use super::text::{BASELINE, LEADING};
use super::{Context, Shape};
use crate::model::Flow;

const FONT: &str =
    "'BIZ UDGothic', 'BIZ UDPGothic', 'Noto Sans JP', 'Noto Sans CJK JP', sans-serif";
const INK: &str = "#1a1a1a";

/// Escapes text for an XML text node or a double-quoted attribute.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in XML.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Numbers as the SVG writes them: at most one decimal, no trailing zero.
fn n(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn colours(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Track => ("#e8eef7", "#1d3f73"),
        Kind::LaneHead => ("#dbe5f3", "#1d3f73"),
        Kind::Step => ("#ffffff", "#1d3f73"),
        Kind::Duty => ("#eef4fc", "#5a7499"),
        Kind::Move => ("#fff6e0", "#8a5a00"),
        Kind::Way | Kind::Exit => ("#ffffff", "#4d4d4d"),
    }
}

fn data(out: &mut String, data: &[(&'static str, String)]) {
    for (k, v) in data {
        let _ = write!(out, " {k}=\"{}\"", escape(v));
    }
}

fn text_box(out: &mut String, b: &TextBox) {
    let (fill, stroke) = colours(b.kind);
    let _ = write!(out, "<g data-kind=\"{}\"", b.kind.name());
    data(out, &b.data);
    out.push('>');
    let r = b.rect;
    let width = if b.kind == Kind::Step { "1.6" } else { "1" };
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{}/>",
        n(r.x),
        n(r.y),
        n(r.w),
        n(r.h),
        if b.dashed {
            " stroke-dasharray=\"5 3\""
        } else {
            ""
        }
    );
    let weight = if matches!(b.kind, Kind::Step | Kind::LaneHead | Kind::Track) {
        " font-weight=\"bold\""
    } else {
        ""
    };
    for (k, line) in b.lines.iter().enumerate() {
        let y = r.y + PAD + k as f32 * b.size * LEADING + b.size * BASELINE;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} fill=\"{INK}\">{}</text>",
            n(r.x + PAD),
            n(y),
            n(b.size),
            escape(line)
        );
    }
    out.push_str("</g>\n");
}

fn head(out: &mut String, (x, y, dir): (f32, f32, Dir), colour: &str) {
    let d = match dir {
        Dir::Right => format!("M{} {}l-8 -4.5v9z", n(x), n(y)),
        Dir::Left => format!("M{} {}l8 -4.5v9z", n(x), n(y)),
        Dir::Down => format!("M{} {}l-4.5 -8h9z", n(x), n(y)),
    };
    let _ = write!(out, "<path d=\"{d}\" fill=\"{colour}\"/>");
}

fn arrow(out: &mut String, a: &Arrow) {
    let colour = match a.kind {
        Kind::Move => "#8a5a00",
        Kind::Way | Kind::Exit => "#4d4d4d",
        _ => "#1d3f73",
    };
    let _ = write!(out, "<g data-arrow=\"{}\"", a.kind.name());
    data(out, &a.data);
    out.push('>');
    let mut d = String::new();
    for (k, (x, y)) in a.points.iter().enumerate() {
        let _ = write!(d, "{}{} {}", if k == 0 { "M" } else { "L" }, n(*x), n(*y));
    }
    let _ = write!(
        out,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{}/>",
        if a.dashed {
            " stroke-dasharray=\"5 3\""
        } else {
            ""
        }
    );
    for h in &a.heads {
        head(out, *h, colour);
    }
    if let Some((x, y)) = a.tail {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{colour}\"/>",
            n(x),
            n(y)
        );
    }
    out.push_str("</g>\n");
}

/// What a screen reader hears for the drawing: the steps in order and who takes part.
fn description(flow: &Flow, cx: &Context) -> String {
    let steps: Vec<String> = flow
        .steps
        .iter()
        .map(|s| format!("{} {}", s.label, s.title).trim().to_string())
        .collect();
    let orgs: Vec<&str> = flow
        .involved()
        .into_iter()
        .map(|o| cx.organisation(o))
        .collect();
    format!(
        "手順：{}。関係する機関：{}。各手順の内容は図の下の「手順」にあります。",
        steps.join(" → "),
        orgs.join("、")
    )
}

/// The SVG document of `scene`.
pub(super) fn write(scene: &Scene, flow: &Flow, cx: &Context, shape: Shape) -> String {
    let id = format!(
        "{}-{}",
        cx.id,
        if shape == Shape::Wide {
            "wide"
        } else {
            "narrow"
        }
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\">",
        w = n(scene.width),
        h = n(scene.height),
        id = escape(&id),
    );
    let _ = writeln!(
        out,
        "<title id=\"{}-title\">{}（図）</title>",
        escape(&id),
        escape(&flow.title)
    );
    let _ = writeln!(
        out,
        "<desc id=\"{}-desc\">{}</desc>",
        escape(&id),
        escape(&description(flow, cx))
    );
    let _ = writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(scene.width),
        n(scene.height)
    );
    for (k, (r, org)) in scene.lanes.iter().enumerate() {
        let fill = if k % 2 == 0 { "#f4f7fb" } else { "#fbfcfe" };
        let _ = writeln!(
            out,
            "<rect data-lane=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#c9d3e0\"/>",
            escape(org),
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h)
        );
    }
    for a in &scene.arrows {
        arrow(&mut out, a);
    }
    for b in &scene.boxes {
        text_box(&mut out, b);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b"), "ab");
    }
}
