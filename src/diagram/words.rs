//! What the boxes of a drawing say: a duty box's words, a branch label's.
//! Long text is cut to fit by the layout; the step list under the drawing
//! has all of it.

use super::Context;
use super::text;
use crate::model::{Duty, Flow, Next};

/// The words of one organisation's box at a step. With one duty: its mark
/// and title, then what it does; with several (釧路's ①, ②): their marks and
/// titles, so each shows.
pub(super) fn duties(duties: &[&Duty]) -> String {
    let several = duties.len() > 1;
    let texts: Vec<String> = duties
        .iter()
        .map(|d| {
            let head = [d.label.as_deref(), d.title.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let items: Vec<String> = d.items.iter().map(|m| text::plain(m.as_str())).collect();
            match (head.is_empty(), items.is_empty()) {
                (false, false) if !several => format!("{head}\n{}", items.join("／")),
                (false, _) => head,
                (true, false) => items.join("／"),
                (true, true) if d.addons.is_empty() && d.subsidies.is_empty() => "（参加）".into(),
                (true, true) => "（報酬の算定）".into(),
            }
        })
        .collect();
    texts.join("\n")
}

/// The text of a branch's label: its condition, then where it leads.
pub(super) fn way(
    flow: &Flow,
    cx: &Context,
    from: usize,
    to: Option<usize>,
    next: &Next,
) -> String {
    let mut out = String::new();
    if let Some(w) = &next.when {
        out.push_str(w);
        out.push('\n');
    }
    out.push_str("→ ");
    match (to, &next.flow) {
        (Some(j), None) if j == from => out.push_str("この手順を繰り返す"),
        (Some(j), None) => {
            let s = &flow.steps[j];
            out.push_str(if s.label.is_empty() {
                &s.title
            } else {
                &s.label
            });
        }
        (_, Some(f)) => {
            let title = cx
                .flows
                .get(f.get_ref())
                .map_or(f.get_ref().as_str(), |t| t);
            out.push_str(&format!("「{title}」"));
            if let Some(s) = &next.step {
                let key = format!("{}/{}", f.get_ref(), s.get_ref());
                let mark = cx.steps.get(&key).map_or(s.get_ref().as_str(), |m| m);
                out.push_str(&format!("の{mark}"));
            }
        }
        (None, None) => {}
    }
    if let Some(o) = &next.outcome {
        out.push_str(o);
    }
    if next.is_loop && to != Some(from) {
        out.push_str("（繰り返し）");
    }
    if next.inferred {
        out.push_str("（推定）");
    }
    out
}
