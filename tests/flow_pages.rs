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

/// Who does what at which step: a table of organisations × steps when most
/// of its cells say something, else each organisation with the steps it acts
/// in — never a table that is mostly "—", and every duty either way.
fn duties_by_organisation_without_a_table_of_dashes(
    path: &str,
    html: &str,
    flow: &tebiki::model::Flow,
) {
    let mut orgs: Vec<&str> = Vec::new();
    let mut pairs = 0;
    for step in &flow.steps {
        let mut here: Vec<&str> = Vec::new();
        for d in &step.duties {
            let org = d.organisation.get_ref().as_str();
            if !orgs.contains(&org) {
                orgs.push(org);
            }
            if !here.contains(&org) {
                here.push(org);
                pairs += 1;
            }
        }
    }
    let fee_steps = flow
        .steps
        .iter()
        .filter(|s| !s.addons.is_empty() || !s.subsidies.is_empty())
        .count();
    // The section runs up to the next heading of its level.
    let section = html
        .split("<h2 id=\"matrix\">")
        .nth(1)
        .map(|s| s.split("<h2 ").next().unwrap_or(s));
    let Some(section) = section else {
        assert!(
            orgs.is_empty() && fee_steps == 0,
            "{path}: duties but no list of them"
        );
        return;
    };
    if section.contains("<table class=\"matrix\"") {
        let cells = section.matches("<td>").count();
        let dashes = section.matches("<span class=\"none\">—</span>").count();
        assert!(
            dashes * 2 <= cells,
            "{path}: {dashes} of {cells} cells are —"
        );
        assert!(cells >= pairs, "{path}: {cells} cells for {pairs} duties");
    } else {
        assert_eq!(
            section.matches("<section class=\"org-steps\"").count(),
            orgs.len() + usize::from(fee_steps > 0),
            "{path}: one part per organisation"
        );
        assert_eq!(
            section.matches("<dt>").count(),
            pairs + fee_steps,
            "{path}: one entry per organisation and step it acts in"
        );
        assert!(!section.contains("—</span>"), "{path}");
    }
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
            duties_by_organisation_without_a_table_of_dashes(&path, html, flow);
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
