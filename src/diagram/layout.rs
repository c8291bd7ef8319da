//! Where everything of a flow's drawing goes. Each step has a row of its own,
//! in the flow's order, in the column of its track (a shared step spans all
//! tracks); under it come its hand-overs, then the labels of its branches.
//! Ways to the next step run down a spine inside the track's column; every
//! other way runs from its label to a line of its own in the left gutter and
//! enters its target from the left, so no route crosses a box.

use super::scene::{Arrow, Dir, Kind, Rect, Scene, TextBox};
use super::text::{self, LEADING, SMALL, STEP};
use super::words;
use super::{Context, NARROW_WIDTH, Shape};
use crate::model::{Duty, Flow, Next};

const MARGIN: f32 = 8.0;
/// Space between a box's edge and its text.
pub(super) const PAD: f32 = 6.0;
const GAP: f32 = 10.0;
/// Distance between two gutter lines.
const ROUTE: f32 = 9.0;
/// A step column's width in the wide drawing.
const STEP_COLUMN: f32 = 184.0;
/// A lane's width in the wide drawing.
const LANE: f32 = 136.0;
/// Where the spine runs, from a column's left edge, and where indented boxes start.
const SPINE: f32 = 18.0;
const INDENT: f32 = 28.0;
/// Most lines a box of duties shows; the step list under the drawing has them all.
const DUTY_LINES: usize = 5;

/// One hand-over at a step: what, from whom, to whom.
struct Move<'a> {
    what: String,
    from: &'a str,
    to: Vec<&'a str>,
    inferred: bool,
}

fn moves(step: &crate::model::Step) -> Vec<Move<'_>> {
    let docs = step.documents.iter().filter_map(|d| {
        let from = d.from.as_ref()?;
        (!d.to.is_empty()).then(|| Move {
            what: d.name.clone(),
            from: from.get_ref(),
            to: d.to.iter().map(|t| t.get_ref().as_str()).collect(),
            inferred: d.inferred,
        })
    });
    let messages = step.messages.iter().map(|m| Move {
        what: m.what.clone(),
        from: m.from.get_ref(),
        to: m.to.iter().map(|t| t.get_ref().as_str()).collect(),
        inferred: m.inferred,
    });
    docs.chain(messages).collect()
}

/// A way that is drawn with a label and a gutter route, or as a link out.
struct Routed<'a> {
    from: usize,
    next: &'a Next,
    /// The target step in this flow; `None` for a way into another flow or out of the guide's flows.
    to: Option<usize>,
}

/// Whether the way from `i` stated by `n` is just "on to the next step".
fn is_plain(flow: &Flow, i: usize, n: &Next, to: usize) -> bool {
    n.when.is_none() && !n.is_loop && !n.inferred && flow.following(i).contains(&to)
}

fn box_height(lines: usize, size: f32) -> f32 {
    PAD * 2.0 + lines as f32 * size * LEADING
}

fn text_box(
    rect_at: (f32, f32, f32),
    text: &str,
    size: f32,
    kind: Kind,
    max_lines: usize,
) -> TextBox {
    let (x, y, w) = rect_at;
    let lines = text::wrap(text, size, w - PAD * 2.0, max_lines);
    TextBox {
        rect: Rect {
            x,
            y,
            w,
            h: box_height(lines.len(), size),
        },
        lines,
        size,
        kind,
        data: Vec::new(),
        href: None,
        dashed: false,
    }
}

/// The whole layout of `flow` in `shape`.
pub(super) fn layout(flow: &Flow, cx: &Context, shape: Shape) -> Scene {
    let wide = shape == Shape::Wide;
    let tracks = flow.tracks();
    let columns = tracks.len().max(1);
    let lanes: Vec<&str> = if wide { flow.involved() } else { Vec::new() };

    // The ways drawn with a label, in order, each with its own gutter line.
    let index = |id: &str| flow.steps.iter().position(|s| s.id.get_ref() == id);
    let mut routed: Vec<Routed> = Vec::new();
    for (i, step) in flow.steps.iter().enumerate() {
        for n in step.next.iter().flatten() {
            let to = if n.flow.is_some() || n.step.is_none() {
                None
            } else {
                match n.step.as_ref().and_then(|s| index(s.get_ref())) {
                    Some(j) if is_plain(flow, i, n, j) => continue,
                    Some(j) => Some(j),
                    None => continue,
                }
            };
            routed.push(Routed {
                from: i,
                next: n,
                to,
            });
        }
    }
    let gutter_lines = routed.iter().filter(|r| r.to.is_some()).count();
    let gutter = MARGIN + ROUTE * (gutter_lines as f32 + 0.5);
    let column_w = if wide {
        STEP_COLUMN
    } else {
        ((NARROW_WIDTH - gutter - MARGIN) / columns as f32).floor()
    };
    let column_x = |c: usize| gutter + c as f32 * column_w;
    let lanes_x = column_x(columns);
    let lane_x = |k: usize| lanes_x + k as f32 * LANE;
    let lane_of = |org: &str| lanes.iter().position(|l| *l == org);
    let lane_mid = |org: &str| lane_of(org).map(|k| lane_x(k) + LANE / 2.0);
    let width = if wide {
        lane_x(lanes.len()) + MARGIN
    } else {
        NARROW_WIDTH
    };

    let mut scene = Scene::default();
    let mut y = MARGIN;
    if tracks.len() > 1 {
        let heads: Vec<TextBox> = tracks
            .iter()
            .enumerate()
            .map(|(c, t)| {
                let mut b = text_box(
                    (column_x(c) + 6.0, y, column_w - 12.0),
                    &format!("＜{t}＞"),
                    SMALL,
                    Kind::Track,
                    4,
                );
                b.data.push(("data-track", (*t).to_string()));
                b
            })
            .collect();
        y += heads.iter().map(|b| b.rect.h).fold(0.0, f32::max) + GAP;
        scene.boxes.extend(heads);
    }
    let lanes_top = y;
    if wide {
        let heads: Vec<TextBox> = lanes
            .iter()
            .enumerate()
            .map(|(k, org)| {
                let mut b = text_box(
                    (lane_x(k) + 4.0, y + 4.0, LANE - 8.0),
                    cx.organisation(org),
                    SMALL,
                    Kind::LaneHead,
                    6,
                );
                b.data.push(("data-id", (*org).to_string()));
                b
            })
            .collect();
        y += heads.iter().map(|b| b.rect.h).fold(0.0, f32::max) + 4.0 + GAP;
        scene.boxes.extend(heads);
    }

    let mut step_rects: Vec<Rect> = Vec::new();
    let mut step_column: Vec<Option<usize>> = Vec::new();
    let mut way_labels: Vec<Rect> = Vec::new();
    // Where each step's boxes end: the gap below is free for a line to turn in.
    let mut block_bottoms: Vec<f32> = Vec::new();
    for (i, step) in flow.steps.iter().enumerate() {
        let col = step
            .track
            .as_deref()
            .and_then(|t| tracks.iter().position(|x| *x == t));
        let shared = col.is_none() && columns > 1;
        let c = col.unwrap_or(0);
        let x0 = column_x(c);
        let span = if shared {
            column_w * columns as f32
        } else {
            column_w
        };
        let title = if step.label.is_empty() {
            step.title.clone()
        } else {
            format!("{} {}", step.label, step.title)
        };
        let mut b = text_box((x0 + 6.0, y, span - 12.0), &title, STEP, Kind::Step, 8);
        b.data.push(("data-id", step.id.get_ref().clone()));
        if cx.link_steps {
            b.href = Some(format!("#step-{}", step.id.get_ref()));
        }
        let mut row_h = b.rect.h;
        step_rects.push(b.rect);
        step_column.push(col);
        scene.boxes.push(b);

        // Who does what: a box in the organisation's lane, or under the step.
        let mut orgs: Vec<&str> = Vec::new();
        for d in &step.duties {
            if !orgs.contains(&d.organisation.get_ref().as_str()) {
                orgs.push(d.organisation.get_ref());
            }
        }
        let inner_x = x0 + INDENT;
        let inner_w = span - INDENT - 6.0;
        let mut below = y + row_h + 6.0;
        for org in orgs {
            let mine: Vec<&Duty> = step
                .duties
                .iter()
                .filter(|d| d.organisation.get_ref() == org)
                .collect();
            let duty = words::duties(&mine);
            let mut b = if wide {
                let k = lane_of(org).unwrap_or(0);
                let b = text_box(
                    (lane_x(k) + 6.0, y, LANE - 12.0),
                    &duty,
                    SMALL,
                    Kind::Duty,
                    DUTY_LINES,
                );
                row_h = row_h.max(b.rect.h);
                b
            } else {
                let b = text_box(
                    (inner_x, below, inner_w),
                    &format!("{}：{duty}", cx.organisation(org)),
                    SMALL,
                    Kind::Duty,
                    DUTY_LINES + 2,
                );
                below = b.rect.bottom() + 4.0;
                b
            };
            b.data.push(("data-id", org.to_string()));
            scene.boxes.push(b);
        }
        y = if wide {
            y + row_h + GAP
        } else {
            below + GAP - 4.0
        };

        // What moves: a label over an arrow between lanes, or a line of text.
        for m in moves(step) {
            let mark = if m.inferred { "（推定）" } else { "" };
            let data = vec![
                ("data-from", m.from.to_string()),
                ("data-to", m.to.join(" ")),
                ("data-label", m.what.clone()),
            ];
            if wide {
                let (Some(xf), Some(xts)) = (
                    lane_mid(m.from),
                    m.to.iter()
                        .map(|t| lane_mid(t))
                        .collect::<Option<Vec<f32>>>(),
                ) else {
                    continue;
                };
                let lo = xts.iter().copied().fold(xf, f32::min);
                let hi = xts.iter().copied().fold(xf, f32::max);
                let w = (hi - lo).max(LANE) - 12.0;
                let x = ((lo + hi) / 2.0 - w / 2.0).clamp(lanes_x + 4.0, width - MARGIN - 4.0 - w);
                let mut b = text_box(
                    (x, y, w),
                    &format!("{}{mark}", m.what),
                    SMALL,
                    Kind::Move,
                    4,
                );
                b.dashed = m.inferred;
                b.data = data.clone();
                let line_y = b.rect.bottom() + 7.0;
                y = line_y + 7.0 + 4.0;
                scene.boxes.push(b);
                scene.arrows.push(Arrow {
                    kind: Kind::Move,
                    points: vec![(lo, line_y), (hi, line_y)],
                    heads: xts
                        .iter()
                        .map(|&xt| (xt, line_y, if xt >= xf { Dir::Right } else { Dir::Left }))
                        .collect(),
                    tail: Some((xf, line_y)),
                    dashed: m.inferred,
                    data,
                });
            } else {
                let to: Vec<&str> = m.to.iter().map(|t| cx.organisation(t)).collect();
                let text = format!(
                    "{}{mark}\n{} → {}",
                    m.what,
                    cx.organisation(m.from),
                    to.join("、")
                );
                let mut b = text_box((inner_x, y, inner_w), &text, SMALL, Kind::Move, 8);
                b.dashed = m.inferred;
                b.data = data;
                y = b.rect.bottom() + 4.0;
                scene.boxes.push(b);
            }
        }

        // Branch labels, each the start of a route.
        for r in routed.iter().filter(|r| r.from == i) {
            let mut b = text_box(
                (inner_x, y, inner_w),
                &words::way(flow, cx, r.from, r.to, r.next),
                SMALL,
                Kind::Way,
                5,
            );
            b.dashed = r.next.inferred;
            b.data.push(("data-from", step.id.get_ref().clone()));
            match (r.to, &r.next.flow) {
                (Some(j), None) => b.data.push(("data-to", flow.steps[j].id.get_ref().clone())),
                (_, Some(f)) => {
                    b.data.push(("data-flow", f.get_ref().clone()));
                    if let Some(s) = &r.next.step {
                        b.data.push(("data-to", s.get_ref().clone()));
                    }
                    b.href = cx.flow_hrefs.get(f.get_ref()).map(|h| match &r.next.step {
                        Some(s) => format!("{h}#step-{}", s.get_ref()),
                        None => h.clone(),
                    });
                }
                (None, None) => {}
            }
            way_labels.push(b.rect);
            y = b.rect.bottom() + 4.0;
            scene.boxes.push(b);
        }
        block_bottoms.push(y);
        y += GAP;
    }
    let height = y + MARGIN;

    // The spine: ways on to the next step, straight down a column.
    for (i, step) in flow.steps.iter().enumerate() {
        let targets: Vec<usize> = match &step.next {
            None => flow.following(i),
            Some(nexts) => nexts
                .iter()
                .filter(|n| n.flow.is_none())
                .filter_map(|n| {
                    let j = index(n.step.as_ref()?.get_ref())?;
                    is_plain(flow, i, n, j).then_some(j)
                })
                .collect(),
        };
        for j in targets {
            let c = step_column[j].or(step_column[i]).unwrap_or(0);
            let x = column_x(c) + SPINE;
            let (top, bottom) = (step_rects[i].bottom(), step_rects[j].y);
            // A shared step's boxes span every column: a way into a track
            // further right leaves down the first column's spine and turns
            // in the gap under those boxes.
            let points = if step_column[i].is_none() && c > 0 {
                let (x0, turn) = (column_x(0) + SPINE, block_bottoms[i] + GAP / 2.0);
                vec![(x0, top), (x0, turn), (x, turn), (x, bottom)]
            } else {
                vec![(x, top), (x, bottom)]
            };
            scene.arrows.push(Arrow {
                kind: Kind::Step,
                points,
                heads: vec![(x, bottom, Dir::Down)],
                tail: None,
                dashed: false,
                data: vec![
                    ("data-from", step.id.get_ref().clone()),
                    ("data-to", flow.steps[j].id.get_ref().clone()),
                ],
            });
        }
    }

    // Routes: from the label's left edge to a gutter line, then into the
    // target; a way out of the flow is a short arrow from the spine to its label.
    let mut incoming = vec![0usize; flow.steps.len()];
    let mut line = 0usize;
    for (r, label) in routed.iter().zip(&way_labels) {
        let Some(j) = r.to else {
            let c = step_column[r.from].unwrap_or(0);
            let (x, ly) = (column_x(c) + SPINE, label.y + label.h / 2.0);
            scene.arrows.push(Arrow {
                kind: Kind::Exit,
                points: vec![(x, ly), (label.x, ly)],
                heads: vec![(label.x, ly, Dir::Right)],
                tail: None,
                dashed: r.next.inferred,
                data: vec![("data-from", flow.steps[r.from].id.get_ref().clone())],
            });
            continue;
        };
        let gx = MARGIN + ROUTE * (gutter_lines - line) as f32 - ROUTE / 2.0;
        line += 1;
        let target = step_rects[j];
        let ty = (target.y + 10.0 + incoming[j] as f32 * 6.0).min(target.bottom() - 4.0);
        incoming[j] += 1;
        let ly = label.y + label.h / 2.0;
        scene.arrows.push(Arrow {
            kind: Kind::Way,
            points: vec![(label.x, ly), (gx, ly), (gx, ty), (target.x, ty)],
            heads: vec![(target.x, ty, Dir::Right)],
            tail: None,
            dashed: r.next.inferred,
            data: vec![
                ("data-from", flow.steps[r.from].id.get_ref().clone()),
                ("data-to", flow.steps[j].id.get_ref().clone()),
            ],
        });
    }

    if wide {
        for (k, org) in lanes.iter().enumerate() {
            scene.lanes.push((
                Rect {
                    x: lane_x(k),
                    y: lanes_top,
                    w: LANE,
                    h: height - MARGIN - lanes_top,
                },
                (*org).to_string(),
            ));
        }
    }
    scene.width = width;
    scene.height = height;
    scene
}
