//! The flow diagrams, proven from the SVG itself rather than from a picture:
//! every step and organisation of each bundled flow is in the drawing's text,
//! its arrows are the model's ways and hand-overs, no two boxes overlap, and
//! every line of text fits inside its box as BIZ UDGothic draws it (advances
//! read from the shipped font with ttf-parser, not from the layout's estimate).

use std::collections::BTreeSet;
use std::path::Path;

use tebiki::diagram::{self, Context, Shape};
use tebiki::load::{Inputs, load};
use tebiki::model::{Flow, Guide, Municipality};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn bundled() -> Guide {
    let (guide, diags) = load(&Inputs {
        content: Path::new(REPO).join("content"),
        forms: Path::new(REPO).join("forms"),
    });
    assert!(!diags.has_errors(), "the bundled content loads");
    guide
}

fn font_bytes() -> Vec<u8> {
    std::fs::read(Path::new(REPO).join("themes/default/fonts/BIZUDGothic-Bold.ttf")).unwrap()
}

/// Width and vertical extent of `text` at `size` px in the shipped font.
struct Metrics<'a>(ttf_parser::Face<'a>);

impl Metrics<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let upem = self.0.units_per_em() as f32;
        text.chars()
            .map(|c| {
                self.0
                    .glyph_index(c)
                    .and_then(|g| self.0.glyph_hor_advance(g))
                    .map_or(size, |a| a as f32 / upem * size)
            })
            .sum()
    }
    /// (ascent, descent) below/above the baseline, in px.
    fn extent(&self, size: f32) -> (f32, f32) {
        let upem = self.0.units_per_em() as f32;
        (
            self.0.ascender() as f32 / upem * size,
            -(self.0.descender() as f32) / upem * size,
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct R {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

fn attr(n: roxmltree::Node, a: &str) -> f32 {
    n.attribute(a).unwrap().parse().unwrap()
}

fn rect_of(n: roxmltree::Node) -> R {
    R {
        x: attr(n, "x"),
        y: attr(n, "y"),
        w: attr(n, "width"),
        h: attr(n, "height"),
    }
}

fn overlap(a: R, b: R) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn flows(guide: &Guide) -> Vec<(&Municipality, &Flow)> {
    guide
        .cities
        .iter()
        .flat_map(|c| c.flows.iter().map(move |f| (c, f)))
        .collect()
}

fn drawings(guide: &Guide) -> Vec<(String, &Municipality, &Flow, Shape, String)> {
    let mut out = Vec::new();
    for (c, f) in flows(guide) {
        let cx = Context::of_city(c);
        for shape in [Shape::Wide, Shape::Narrow] {
            let name = format!("{}/{} {shape:?}", c.id(), f.id.get_ref());
            out.push((name, c, f, shape, diagram::svg(f, &cx, shape)));
        }
    }
    if let Some(dir) = std::env::var_os("TEBIKI_DIAGRAM_OUT") {
        for (name, _, _, _, svg) in &out {
            let file = Path::new(&dir).join(format!("{}.svg", name.replace(['/', ' '], "_")));
            std::fs::write(file, svg).unwrap();
        }
    }
    out
}

#[test]
fn every_step_and_organisation_is_in_the_drawing() {
    let guide = bundled();
    let all = drawings(&guide);
    assert_eq!(
        all.len(),
        2 * flows(&guide).len(),
        "every bundled flow is drawn"
    );
    assert!(all.len() >= 2 * 8);
    for (name, c, flow, _, svg) in &all {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for s in &flow.steps {
            let box_text: String = doc
                .descendants()
                .filter(|n| n.attribute("data-kind") == Some("step"))
                .filter(|n| n.attribute("data-id") == Some(s.id.get_ref().as_str()))
                .flat_map(|n| {
                    n.descendants()
                        .filter_map(|t| t.has_tag_name("text").then(|| t.text()).flatten())
                })
                .collect();
            let want = format!("{}{}", s.label, s.title).replace(' ', "");
            assert_eq!(
                box_text.replace(' ', ""),
                want,
                "{name}: step {} is drawn whole",
                s.id.get_ref()
            );
        }
        for org in flow.involved() {
            let org_name = &c.organisation(org).unwrap().name;
            assert!(
                text.replace(' ', "").contains(&org_name.replace(' ', "")),
                "{name}: organisation {org} ({org_name}) is in the drawing"
            );
        }
    }
}

/// The ways and hand-overs a flow states, as (kind, from, to) triples.
fn model_arrows(flow: &Flow) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for w in flow.ways() {
        out.insert((
            "way".into(),
            flow.steps[w.from].id.get_ref().clone(),
            flow.steps[w.to].id.get_ref().clone(),
        ));
    }
    for s in &flow.steps {
        for d in &s.documents {
            if let Some(from) = &d.from {
                for t in &d.to {
                    out.insert(("move".into(), from.get_ref().clone(), t.get_ref().clone()));
                }
            }
        }
        for m in &s.messages {
            for t in &m.to {
                out.insert(("move".into(), m.from.get_ref().clone(), t.get_ref().clone()));
            }
        }
    }
    out
}

#[test]
fn the_arrows_are_the_models() {
    let guide = bundled();
    for (name, _, flow, shape, svg) in drawings(&guide) {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let mut drawn = BTreeSet::new();
        let exits = doc
            .descendants()
            .filter(|n| n.attribute("data-arrow") == Some("exit"))
            .count();
        let model_exits = flow
            .steps
            .iter()
            .flat_map(|s| s.next.iter().flatten())
            .filter(|n| n.flow.is_some() || n.step.is_none())
            .count();
        assert_eq!(
            exits, model_exits,
            "{name}: every way out of the flow is drawn"
        );
        for g in doc.descendants().filter(|n| n.has_attribute("data-arrow")) {
            let kind = match g.attribute("data-arrow").unwrap() {
                "move" => "move",
                "exit" => continue,
                _ => "way",
            };
            for to in g.attribute("data-to").unwrap().split(' ') {
                drawn.insert((
                    kind.to_string(),
                    g.attribute("data-from").unwrap().to_string(),
                    to.to_string(),
                ));
            }
        }
        if shape == Shape::Narrow {
            // Hand-overs are written as text under their step, not drawn between lanes.
            for g in doc
                .descendants()
                .filter(|n| n.attribute("data-kind") == Some("move"))
            {
                for to in g.attribute("data-to").unwrap().split(' ') {
                    drawn.insert((
                        "move".into(),
                        g.attribute("data-from").unwrap().to_string(),
                        to.to_string(),
                    ));
                }
            }
        }
        assert_eq!(drawn, model_arrows(flow), "{name}");
    }
}

#[test]
fn no_boxes_overlap_and_every_line_fits_its_box() {
    let guide = bundled();
    let bytes = font_bytes();
    let metrics = Metrics(ttf_parser::Face::parse(&bytes, 0).unwrap());
    let mut checked = 0;
    for (name, _, _, shape, svg) in drawings(&guide) {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        let (w, h) = (attr(root, "width"), attr(root, "height"));
        if shape == Shape::Narrow {
            assert_eq!(
                w,
                diagram::NARROW_WIDTH,
                "{name}: the narrow drawing is drawn at phone width"
            );
        }
        let mut boxes: Vec<(R, String)> = Vec::new();
        for g in doc.descendants().filter(|n| n.has_attribute("data-kind")) {
            let rect = g.descendants().find(|n| n.has_tag_name("rect")).unwrap();
            let r = rect_of(rect);
            assert!(
                r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= w && r.y + r.h <= h,
                "{name}: box inside the drawing"
            );
            for t in g.descendants().filter(|n| n.has_tag_name("text")) {
                let line = t.text().unwrap_or("");
                let size = attr(t, "font-size");
                let (x, y) = (attr(t, "x"), attr(t, "y"));
                let (ascent, descent) = metrics.extent(size);
                let tw = metrics.width(line, size);
                assert!(
                    x >= r.x + 2.0 && x + tw <= r.x + r.w - 2.0,
                    "{name}: `{line}` ({tw:.1} px) fits the width of its box {r:?}"
                );
                assert!(
                    y - ascent >= r.y + 1.0 && y + descent <= r.y + r.h - 1.0,
                    "{name}: `{line}` fits the height of its box {r:?}"
                );
                checked += 1;
            }
            boxes.push((
                r,
                format!(
                    "{} {:?}",
                    g.attribute("data-kind").unwrap(),
                    g.attribute("data-id")
                ),
            ));
        }
        for (i, (a, an)) in boxes.iter().enumerate() {
            for (b, bn) in &boxes[i + 1..] {
                assert!(!overlap(*a, *b), "{name}: {an} {a:?} overlaps {bn} {b:?}");
            }
        }
    }
    assert!(checked > 500, "lines checked: {checked}");
}

#[test]
fn the_drawing_is_deterministic_and_escapes_content() {
    let guide = bundled();
    let (c, f) = flows(&guide)[0];
    let cx = Context::of_city(c);
    assert_eq!(
        diagram::svg(f, &cx, Shape::Wide),
        diagram::svg(f, &cx, Shape::Wide)
    );
    let mut evil = f.clone();
    evil.title = "<script>alert(1)</script>&".into();
    evil.steps[0].title = "</text><a href=\"javascript:x\">".into();
    for shape in [Shape::Wide, Shape::Narrow] {
        let svg = diagram::svg(&evil, &cx, shape);
        assert!(
            !svg.contains("<script") && !svg.contains("javascript:x\">"),
            "{svg}"
        );
        roxmltree::Document::parse(&svg).expect("still well-formed");
    }
}

/// The segments of a path written as `M x y L x y …`.
fn segments(d: &str) -> Vec<((f32, f32), (f32, f32))> {
    let points: Vec<(f32, f32)> = d
        .split(['M', 'L'])
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let mut xy = p.split_whitespace().map(|v| v.parse::<f32>().unwrap());
            (xy.next().unwrap(), xy.next().unwrap())
        })
        .collect();
    points.windows(2).map(|w| (w[0], w[1])).collect()
}

#[test]
fn no_line_runs_through_a_box() {
    let guide = bundled();
    let mut checked = 0;
    for (name, _, _, _, svg) in drawings(&guide) {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let boxes: Vec<R> = doc
            .descendants()
            .filter(|n| n.has_attribute("data-kind"))
            .map(|g| rect_of(g.descendants().find(|n| n.has_tag_name("rect")).unwrap()))
            .collect();
        for g in doc.descendants().filter(|n| n.has_attribute("data-arrow")) {
            let path = g.descendants().find(|n| n.has_tag_name("path")).unwrap();
            for ((x1, y1), (x2, y2)) in segments(path.attribute("d").unwrap()) {
                assert!(x1 == x2 || y1 == y2, "{name}: lines run across or down");
                // The segment as a thin rectangle; touching a box's edge is where lines start and end.
                let seg = R {
                    x: x1.min(x2),
                    y: y1.min(y2),
                    w: (x1 - x2).abs(),
                    h: (y1 - y2).abs(),
                };
                for b in &boxes {
                    let inner = R {
                        x: b.x + 1.0,
                        y: b.y + 1.0,
                        w: b.w - 2.0,
                        h: b.h - 2.0,
                    };
                    let crosses = seg.x <= inner.x + inner.w
                        && inner.x <= seg.x + seg.w
                        && seg.y <= inner.y + inner.h
                        && inner.y <= seg.y + seg.h;
                    assert!(
                        !crosses,
                        "{name}: the {} line {:?} runs through the box {b:?}",
                        g.attribute("data-arrow").unwrap(),
                        ((x1, y1), (x2, y2))
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "segments checked: {checked}");
}
