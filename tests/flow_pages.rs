//! The flow pages as a reader gets them: each holds its flow drawn twice (in
//! lanes, and in one column for phones), each drawing one image with a title
//! and a description, links over its boxes that lead to places on the page,
//! and a step list that says in words what the drawing shows — every stated
//! branch with its condition, and every hand-over or branch that was read
//! from a figure marked as such.

mod site_support;

use site_support::*;
use tebiki::load::load;

/// The page with its SVG drawings cut out: what a reader gets as text.
fn without_drawings(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</svg>").expect("closed svg") + start;
        rest = &rest[end + "</svg>".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn flow_pages_draw_the_flow_and_say_it_in_words() {
    let inputs = bundled();
    let (guide, _) = load(&inputs);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(&inputs, &out);
    let pages = pages(&out);
    let mut flows = 0;
    for city in &guide.cities {
        for flow in &city.flows {
            flows += 1;
            let path = format!("{}/flows/{}.html", city.id(), flow.id.get_ref());
            let html = &pages[&path];
            assert_eq!(html.matches("<svg ").count(), 2, "{path}: two drawings");
            assert_eq!(
                html.matches(" print\"").count(),
                1,
                "{path}: print shows one of them"
            );
            assert_eq!(
                html.matches("role=\"img\" aria-labelledby=\"diagram-")
                    .count(),
                2,
                "{path}"
            );
            for shape in ["wide", "narrow"] {
                assert!(
                    html.contains(&format!("<title id=\"diagram-{shape}-title\">")),
                    "{path}"
                );
                assert!(
                    html.contains(&format!("<desc id=\"diagram-{shape}-desc\">")),
                    "{path}"
                );
            }
            // Each step box leads to its step, twice (once per drawing), and nowhere else.
            for step in &flow.steps {
                let link = format!(
                    "class=\"drawing-link\" href=\"#step-{}\"",
                    step.id.get_ref()
                );
                assert_eq!(html.matches(&link).count(), 2, "{path}: {link}");
                assert!(
                    html.contains(&format!("id=\"step-{}\"", step.id.get_ref())),
                    "{path}"
                );
            }
            let text = without_drawings(html);
            let mut inferred = false;
            for step in &flow.steps {
                for n in step.next.iter().flatten() {
                    if let Some(when) = &n.when {
                        assert!(
                            text.contains(when.as_str()),
                            "{path}: the condition `{when}` is in the step list"
                        );
                    }
                    if let Some(o) = &n.outcome {
                        assert!(
                            text.contains(o.as_str()),
                            "{path}: `{o}` is in the step list"
                        );
                    }
                    inferred |= n.inferred;
                }
                for m in &step.messages {
                    assert!(
                        text.contains(&format!("{}（", m.what)),
                        "{path}: `{}` is in the step list",
                        m.what
                    );
                    inferred |= m.inferred;
                }
                inferred |= step.documents.iter().any(|d| d.inferred);
            }
            assert_eq!(
                text.contains("（推定：") && text.contains("図から読み取ったものです"),
                inferred,
                "{path}: what was read from a figure is marked as such, and nothing else is"
            );
        }
    }
    assert!(flows >= 8);
}
