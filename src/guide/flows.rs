//! A flow in the guide: its steps as numbered sections, then the same flow
//! as the organisation × step matrix, split into parts of a few steps each
//! on landscape pages so that no step column is ever cut off.

use super::contents::Builder;
use super::doc::{Block, Inline, Matrix, MatrixRow, para};
use super::parts::{addon_runs, heading, labelled, org_ref, role_name, run_list, subsidy_ref};
use crate::model::{Duty, Flow};
use crate::site::paths::of;

/// Step columns of one part of a matrix: with the organisation column, five
/// fit a landscape A4 page at a readable size.
pub(super) const STEPS_PER_PART: usize = 5;

/// The blocks of one flow's section.
pub(super) fn flow(b: &Builder, flow: &Flow) -> Vec<Block> {
    let c = b.city;
    let mut out = b.blocks(&flow.summary);
    if let Some(from) = &flow.inferred_from {
        out.push(Block::Note {
            c: vec![Inline::text(format!(
                "（推定）手引きの本文にこの流れの図がないため、{from}組み立てた流れです。"
            ))],
        });
    }
    if let Some(basis) = &flow.basis {
        out.push(para(format!("根拠：{}", basis.text())));
    }
    if !flow.applies_to.is_empty() {
        out.push(heading("対象者"));
        out.extend(b.list(&flow.applies_to));
    }
    let functions: Vec<Vec<Inline>> = flow
        .function
        .iter()
        .filter_map(|f| {
            let name = b.guide.function(f.get_ref())?.name.clone();
            let path = crate::site::paths::resolve(
                b.guide,
                Some(c),
                crate::model::link::LinkKind::Function,
                f.get_ref(),
            )?;
            Some(vec![b.to(&path, name)])
        })
        .collect();
    if !functions.is_empty() {
        out.push(heading("関係する機能"));
        out.extend(run_list(functions));
    }
    if let Some(drawing) = b.diagram(flow) {
        out.push(Block::Diagram {
            parts: drawing
                .parts
                .into_iter()
                .map(|(svg, w, h)| super::doc::DiagramPart { svg, w, h })
                .collect(),
            landscape: drawing.landscape,
            alt: format!(
                "{}の図。各手順：{}",
                flow.title,
                flow.steps
                    .iter()
                    .map(|s| format!("{}{}", s.label, s.title))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        });
    }
    out.push(heading("手順"));
    for step in &flow.steps {
        out.push(labelled(
            b,
            3,
            format!("{} {}", step.label, step.title),
            of::step(c.id(), flow.id.get_ref(), step.id.get_ref()),
        ));
        if let Some(s) = &step.summary {
            out.extend(b.blocks(s));
        }
        out.extend(b.list(&step.points));
        for d in &step.duties {
            out.push(duty_term(b, d));
        }
        let fees = fees(b, &step.addons, &step.subsidies);
        if !fees.is_empty() {
            out.push(para("この手順で請求できる加算・補助"));
            out.extend(fees);
        }
        if !step.documents.is_empty() {
            out.push(para("この手順で使う書類"));
            out.extend(run_list(
                step.documents
                    .iter()
                    .map(|d| {
                        let mut runs = match &d.form {
                            Some(f) => vec![b.to(
                                &format!("{}#form-{}", of::forms(c.id()), f.get_ref()),
                                d.name.clone(),
                            )],
                            None => vec![Inline::text(d.name.clone())],
                        };
                        let name = |o: &crate::model::Id| {
                            c.organisation(o.get_ref())
                                .map(|x| x.name.clone())
                                .unwrap_or_else(|| o.get_ref().clone())
                        };
                        let from = d.from.as_ref().map(name);
                        let to: Vec<String> = d.to.iter().map(name).collect();
                        match (from, to.is_empty()) {
                            (Some(f), false) => {
                                runs.push(Inline::text(format!("（{f} → {}）", to.join("、"))))
                            }
                            (Some(f), true) => runs.push(Inline::text(format!("（{f}から）"))),
                            (None, false) => {
                                runs.push(Inline::text(format!("（{}へ）", to.join("、"))))
                            }
                            (None, true) => {}
                        }
                        if let Some(n) = &d.note {
                            // A note's links lead where the website's do.
                            runs.push(Inline::text("　".to_string()));
                            runs.extend(b.inline(n));
                        }
                        runs
                    })
                    .collect(),
            ));
        }
        if !step.notes.is_empty() {
            out.push(para("留意事項"));
            out.extend(b.list(&step.notes));
        }
        let key = format!("{}/{}", flow.id.get_ref(), step.id.get_ref());
        let qa: Vec<Vec<Inline>> =
            c.qa.iter()
                .filter(|q| q.step.as_ref().is_some_and(|s| *s.get_ref() == key))
                .map(|q| vec![super::reference::qa_ref(b, q)])
                .collect();
        if !qa.is_empty() {
            out.push(para("関係するQ&A"));
            out.extend(run_list(qa));
        }
    }
    if !flow.notes.is_empty() {
        out.push(heading("留意事項"));
        out.extend(b.list(&flow.notes));
    }
    // A flow whose steps name no organisation's duties has no matrix to show.
    let matrix = matrix(b, flow);
    if matrix.rows.is_empty() {
    } else if flow.matrix_is_sparse() {
        out.extend(by_organisation(flow, matrix));
    } else {
        out.push(Block::Matrix(matrix));
    }
    out
}

/// A mostly empty matrix as the website shows it: each organisation with
/// only the steps it acts in, which says the same without pages of "—".
fn by_organisation(flow: &Flow, matrix: Matrix) -> Vec<Block> {
    let mut out = vec![
        heading("機関ごとの対応"),
        para(
            "機関ごとに、対応する手順とその内容をまとめています。対応のない手順は載せていません。",
        ),
    ];
    // The rows are the organisations in this order, then the fees of no named claimant.
    let orgs = flow.organisations();
    for (n, row) in matrix.rows.into_iter().enumerate() {
        let mut body = Vec::new();
        for ((step, cell), s) in matrix.steps.iter().zip(row.cells).zip(&flow.steps) {
            // An organisation acts at a step even where its duty says no more than that.
            let acts = orgs.get(n).map_or(!cell.is_empty(), |org| {
                s.duties.iter().any(|d| d.organisation.get_ref() == org)
            });
            if acts {
                body.push(Block::Para {
                    c: vec![Inline::Strong { s: step.clone() }],
                });
                body.extend(cell);
            }
        }
        out.push(Block::Term {
            term: row.head,
            label: None,
            body,
        });
    }
    out
}

/// The add-ons and subsidies of a step or duty as a list, or nothing.
fn fees(b: &Builder, addons: &[crate::model::Id], subsidies: &[crate::model::Id]) -> Vec<Block> {
    let mut items: Vec<Vec<Inline>> = addons.iter().map(|a| addon_runs(b, a.get_ref())).collect();
    items.extend(
        subsidies
            .iter()
            .map(|s| vec![Inline::text("市単独補助："), subsidy_ref(b, s.get_ref())]),
    );
    run_list(items).into_iter().collect()
}

/// What one organisation does at a step, as a term and its items.
fn duty_term(b: &Builder, d: &Duty) -> Block {
    let mut term = vec![org_ref(b, d.organisation.get_ref())];
    let head = format!(
        "{}{}",
        d.label.as_deref().unwrap_or(""),
        d.title.as_deref().unwrap_or("")
    );
    if !head.is_empty() {
        term.push(Inline::text(format!("　{head}")));
    }
    Block::Term {
        term,
        label: None,
        body: duty_body(b, d, false),
    }
}

fn duty_body(b: &Builder, d: &Duty, with_head: bool) -> Vec<Block> {
    let mut body = Vec::new();
    if with_head {
        let head = format!(
            "{}{}",
            d.label.as_deref().unwrap_or(""),
            d.title.as_deref().unwrap_or("")
        );
        if !head.is_empty() {
            body.push(Block::Para {
                c: vec![Inline::Strong { s: head }],
            });
        }
    }
    match b.list(&d.items) {
        Some(list) => body.push(list),
        // An organisation named at a step with nothing listed for it.
        None => body.push(para("—")),
    }
    let fees = fees(b, &d.addons, &d.subsidies);
    if !fees.is_empty() {
        body.push(para("請求できる加算："));
        body.extend(fees);
    }
    body
}

fn matrix(b: &Builder, flow: &Flow) -> Matrix {
    // Rows in order of first appearance, so the matrix reads like the flow.
    let orgs = flow.organisations();
    let mut rows: Vec<MatrixRow> = orgs
        .iter()
        .map(|org| {
            let role = role_name(b, org);
            let mut head = vec![org_ref(b, org)];
            if !role.is_empty() {
                head.push(Inline::text(format!("（{role}）")));
            }
            MatrixRow {
                head,
                cells: flow
                    .steps
                    .iter()
                    .map(|s| {
                        s.duties
                            .iter()
                            .filter(|d| d.organisation.get_ref() == org)
                            .flat_map(|d| duty_body(b, d, true))
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect();
    if flow
        .steps
        .iter()
        .any(|s| !s.addons.is_empty() || !s.subsidies.is_empty())
    {
        rows.push(MatrixRow {
            head: vec![Inline::text("請求先を問わない加算・補助")],
            cells: flow
                .steps
                .iter()
                .map(|s| fees(b, &s.addons, &s.subsidies))
                .collect(),
        });
    }
    Matrix {
        title: "機関ごとの対応（機関 × 手順）".into(),
        corner: "機関".into(),
        steps: flow
            .steps
            .iter()
            .map(|s| format!("{} {}", s.label, s.title))
            .collect(),
        rows,
        per_part: STEPS_PER_PART,
    }
}
