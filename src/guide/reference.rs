//! The reference sections of the guide: Q&A grouped by who asks, glossary,
//! contacts, tables, lists, prose pages, the forms index and the history.

use super::contents::Builder;
use super::doc::{Block, Inline, Table, para};
use super::parts::{heading, labelled, role_name};
use crate::model::{Organisation, Qa};
use crate::site::paths::of;

/// A prose page: its 区分 and its body.
pub(super) fn prose(b: &Builder, p: &crate::model::Page) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(s) = &p.meta.section {
        out.push(para(format!("区分：{s}")));
    }
    out.extend(b.blocks(&p.body));
    out
}

/// A link to a question: `Q3 …`.
pub(super) fn qa_ref(b: &Builder, q: &Qa) -> Inline {
    let text = super::markdown::inline(q.question.as_str(), &|_| super::markdown::Target::None)
        .iter()
        .map(super::markdown::inline_text)
        .collect::<String>();
    b.to(
        &format!("{}#{}", of::qa(b.city.id()), q.id.get_ref()),
        format!("Q{} {text}", q.number),
    )
}

pub(super) fn qa(b: &Builder) -> Vec<Block> {
    let c = b.city;
    let mut groups: Vec<(String, Vec<&Qa>)> = Vec::new();
    for q in &c.qa {
        let title = q
            .asker_label
            .clone()
            .or_else(|| {
                q.asker
                    .as_ref()
                    .and_then(|a| b.guide.role(a.get_ref()))
                    .map(|r| format!("{}からの質問", r.name))
            })
            .unwrap_or_else(|| "質問".to_string());
        match groups.iter_mut().find(|g| g.0 == title) {
            Some(g) => g.1.push(q),
            None => groups.push((title, vec![q])),
        }
    }
    let mut out = Vec::new();
    for (title, questions) in groups {
        out.push(heading(title));
        for q in questions {
            let mut term = vec![Inline::Strong {
                s: format!("Q{}　", q.number),
            }];
            term.extend(b.inline(&q.question));
            let mut body = vec![Block::Para {
                c: vec![Inline::Strong { s: "A　".into() }],
            }];
            body.extend(b.blocks(&q.answer));
            merge_answer_mark(&mut body);
            let mut meta = Vec::new();
            if let Some(f) = &q.function
                && let Some(name) = b.guide.function(f.get_ref()).map(|n| n.name.clone())
                && let Some(path) = crate::site::paths::resolve(
                    b.guide,
                    Some(c),
                    crate::model::link::LinkKind::Function,
                    f.get_ref(),
                )
            {
                meta.push(vec![Inline::text("機能："), b.to(&path, name)]);
            }
            if let Some(s) = &q.step
                && let Some((flow_id, step_id)) = s.get_ref().split_once('/')
                && let Some(flow) = c.flows.iter().find(|f| f.id.get_ref() == flow_id)
                && let Some(step) = flow.steps.iter().find(|st| st.id.get_ref() == step_id)
            {
                meta.push(vec![
                    Inline::text("手順："),
                    b.to(
                        &of::step(c.id(), flow_id, step_id),
                        format!("{} {}{}", flow.title, step.label, step.title),
                    ),
                ]);
            }
            body.extend(super::parts::run_list(meta));
            if !q.sources.is_empty() {
                body.push(Block::Note {
                    c: vec![Inline::text(format!("出典：{}", q.sources.join("、")))],
                });
            }
            out.push(Block::Term {
                term,
                label: Some(b.label(format!("{}#{}", of::qa(c.id()), q.id.get_ref()))),
                body,
            });
        }
    }
    out
}

/// Puts the answer's mark (A) at the start of its first paragraph.
fn merge_answer_mark(body: &mut Vec<Block>) {
    if body.len() < 2 {
        return;
    }
    if let Block::Para { c } = &body[1] {
        let rest = c.clone();
        body.remove(1);
        if let Block::Para { c } = &mut body[0] {
            c.extend(rest);
        }
    }
}

pub(super) fn glossary(b: &Builder) -> Vec<Block> {
    let c = b.city;
    c.glossary
        .iter()
        .map(|t| {
            let mut term = vec![Inline::Strong { s: t.term.clone() }];
            if let Some(r) = &t.reading {
                term.push(Inline::text(format!("（{r}）")));
            }
            Block::Term {
                term,
                label: Some(b.label(format!("{}#{}", of::glossary(c.id()), t.id.get_ref()))),
                body: b.blocks(&t.definition),
            }
        })
        .collect()
}

/// Organisations with their role and how to reach them, one row each.
pub(super) fn organisations_table(b: &Builder, orgs: &[&Organisation]) -> Block {
    Block::Table(Table {
        header: ["名称", "種別", "電話", "FAX", "所在地"]
            .map(String::from)
            .to_vec(),
        rows: orgs
            .iter()
            .map(|o| {
                vec![
                    vec![Inline::text(o.name.clone())],
                    vec![Inline::text(role_name(b, o.id.get_ref()))],
                    vec![Inline::text(o.phone.clone().unwrap_or_default())],
                    vec![Inline::text(o.fax.clone().unwrap_or_default())],
                    vec![Inline::text(o.address.clone().unwrap_or_default())],
                ]
            })
            .collect(),
        widths: vec![4, 3, 2, 2, 4],
        landscape: false,
    })
}

pub(super) fn contacts(b: &Builder) -> Vec<Block> {
    let c = b.city;
    let mut out = Vec::new();
    for d in &c.directories {
        out.push(labelled(
            b,
            2,
            d.title.clone(),
            format!("{}#{}", of::contacts(c.id()), d.id.get_ref()),
        ));
        if let Some(s) = &d.summary {
            out.extend(b.blocks(s));
        }
        if let Some(code) = &d.area_code {
            out.push(para(format!("市外局番：{code}")));
        }
        type Column = (
            &'static str,
            u16,
            fn(&crate::model::Contact) -> Option<String>,
        );
        let columns: [Column; 7] = [
            ("名称", 4, |x| Some(x.name.clone())),
            ("電話", 2, |x| x.phone.clone()),
            ("夜間・休日", 2, |x| x.night_phone.clone()),
            ("FAX", 2, |x| x.fax.clone()),
            ("所在地", 4, |x| x.address.clone()),
            ("担当地区", 3, |x| x.area.clone()),
            ("備考", 3, |x| x.note.clone()),
        ];
        let mut used: Vec<&Column> = columns
            .iter()
            .filter(|(_, _, get)| d.contacts.iter().any(|x| get(x).is_some()))
            .collect();
        let has_member = d.contacts.iter().any(|x| x.member.is_some());
        let mut header: Vec<String> = Vec::new();
        let mut widths = Vec::new();
        if has_member {
            header.push("市町".into());
            widths.push(2);
        }
        header.extend(used.iter().map(|c| c.0.to_string()));
        widths.extend(used.iter().map(|c| c.1));
        let rows = d
            .contacts
            .iter()
            .map(|x| {
                let mut row = Vec::new();
                if has_member {
                    row.push(vec![Inline::text(
                        x.member
                            .as_ref()
                            .map(|m| crate::site::member_name(c, m.get_ref()))
                            .unwrap_or_default(),
                    )]);
                }
                row.extend(
                    used.iter_mut()
                        .map(|col| vec![Inline::text((col.2)(x).unwrap_or_default())]),
                );
                row
            })
            .collect();
        out.push(Block::Table(Table {
            landscape: header.len() > 5,
            header,
            rows,
            widths,
        }));
    }
    if !c.organisations.is_empty() {
        out.push(heading("機関"));
        for o in &c.organisations {
            let mut body = Vec::new();
            let role = role_name(b, o.id.get_ref());
            if !role.is_empty() {
                body.push(para(format!("種別：{role}")));
            }
            if let Some(m) = &o.member {
                body.push(para(format!(
                    "市町：{}",
                    crate::site::member_name(c, m.get_ref())
                )));
            }
            if let Some(s) = &o.summary {
                body.extend(b.blocks(s));
            }
            for (k, v) in [("電話", &o.phone), ("FAX", &o.fax), ("所在地", &o.address)] {
                if let Some(v) = v {
                    body.push(para(format!("{k}：{v}")));
                }
            }
            out.push(Block::Term {
                term: vec![Inline::Strong { s: o.name.clone() }],
                label: Some(b.label(format!("{}#org-{}", of::contacts(c.id()), o.id.get_ref()))),
                body,
            });
        }
    }
    out
}

/// One of the guide's tables: its heading, summary, the table and its notes.
pub(super) fn table(b: &Builder, t: &crate::model::Table) -> Vec<Block> {
    let c = b.city;
    let mut out = vec![labelled(
        b,
        2,
        t.title.clone(),
        format!("{}#{}", of::tables(c.id()), t.id.get_ref()),
    )];
    if let Some(s) = &t.summary {
        out.extend(b.blocks(s));
    }
    if let Some(basis) = &t.basis {
        out.push(super::doc::para(format!("根拠：{}", basis.text())));
    }
    let labels: Vec<&str> = t
        .row_header
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let has_group = t.rows.iter().any(|r| r.group.is_some());
    let has_notes = t.rows.iter().any(|r| r.note.is_some());
    let mut header = Vec::new();
    if has_group {
        header.push("区分".to_string());
    }
    header.push(if labels.is_empty() {
        "項目".to_string()
    } else {
        labels.join("・")
    });
    header.extend(t.columns.iter().cloned());
    if has_notes {
        header.push("備考".into());
    }
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut row = Vec::new();
            if has_group {
                row.push(vec![Inline::text(r.group.clone().unwrap_or_default())]);
            }
            row.push(vec![Inline::text(r.label.clone())]);
            let mut cells = r.cells.get_ref().clone();
            cells.resize(t.columns.len(), String::new());
            row.extend(cells.into_iter().map(|s| vec![Inline::text(s)]));
            if has_notes {
                row.push(r.note.as_ref().map(|n| b.inline(n)).unwrap_or_default());
            }
            row
        })
        .collect();
    out.push(Block::Table(Table {
        landscape: header.len() > 6,
        header,
        rows,
        widths: Vec::new(),
    }));
    out.extend(b.list(&t.notes));
    out
}

pub(super) fn lists(b: &Builder) -> Vec<Block> {
    let c = b.city;
    let mut out = Vec::new();
    for l in &c.lists {
        out.push(labelled(
            b,
            2,
            l.title.clone(),
            format!("{}#{}", of::lists(c.id()), l.id.get_ref()),
        ));
        if let Some(s) = &l.summary {
            out.extend(b.blocks(s));
        }
        out.extend(b.list(&l.items));
        out.extend(b.list(&l.notes));
    }
    out
}

pub(super) fn forms(b: &Builder) -> Vec<Block> {
    let c = b.city;
    let rows = c
        .city
        .forms
        .iter()
        .map(|f| {
            let id = f.get_ref();
            let title = b
                .guide
                .form(id)
                .map(|x| x.title.clone())
                .unwrap_or_else(|| id.clone());
            let mut used = Vec::new();
            for flow in &c.flows {
                for step in &flow.steps {
                    if step
                        .documents
                        .iter()
                        .any(|d| d.form.as_ref().is_some_and(|x| x.get_ref() == id))
                    {
                        if !used.is_empty() {
                            used.push(Inline::text("、"));
                        }
                        used.push(b.to(
                            &of::step(c.id(), flow.id.get_ref(), step.id.get_ref()),
                            format!("{} {}{}", flow.title, step.label, step.title),
                        ));
                    }
                }
            }
            vec![
                vec![b.to(&format!("{}#form-{id}", of::forms(c.id())), title)],
                used,
                vec![Inline::Link {
                    s: format!("{id}.pdf"),
                    url: b.web(&of::form_pdf(c.id(), id)),
                }],
            ]
        })
        .collect();
    vec![
        para(
            "様式は巻末の付録に収めています。記入できるPDFはウェブサイトからダウンロードできます。",
        ),
        Block::Table(Table {
            header: ["様式", "使う手順", "記入できるPDF"]
                .map(String::from)
                .to_vec(),
            rows,
            widths: vec![3, 4, 2],
            landscape: false,
        }),
    ]
}

pub(super) fn history(b: &Builder) -> Vec<Block> {
    let items = crate::revisions::history::city_history(b.guide, b.city, b.as_of);
    vec![
        para(
            "この手引きの改訂、国の報酬改定のうちこの手引きが挙げる加算にかかわるもの、市町村の補助の改定を、新しい順に示します。",
        ),
        Block::Table(Table {
            header: ["日付", "内容"].map(String::from).to_vec(),
            rows: items
                .into_iter()
                .map(|h| {
                    let mut date = h.date.era();
                    if h.upcoming {
                        date.push_str("（予定）");
                    }
                    let mut text = vec![Inline::Strong { s: h.title }];
                    for change in h.changes {
                        text.push(Inline::text(format!("\n{change}")));
                    }
                    vec![vec![Inline::text(date)], text]
                })
                .collect(),
            widths: vec![1, 3],
            landscape: false,
        }),
    ]
}
