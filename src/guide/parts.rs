//! The body of each section of the guide, one per [`crate::site::Section`]:
//! overview and hub functions here; cited add-ons and subsidies in
//! [`fees`](super::fees), flows in [`flows`](super::flows), the reference
//! sections in [`reference`](super::reference).

use super::contents::Builder;
use super::doc::{AppendixForm, Block, Inline, Table, para};
use crate::model::FunctionDescription;
use crate::site::paths::of;

/// The blocks of one section of the city's guide.
pub(super) fn section(b: &Builder, section: crate::site::Section<'_>) -> Vec<Block> {
    use super::reference;
    use crate::site::Section;
    match section {
        Section::Overview => overview(b),
        Section::Function(f) => function(b, f),
        Section::Flow(flow) => super::flows::flow(b, flow),
        Section::AddOns => super::fees::addons(b),
        Section::Subsidies => super::fees::subsidies(b),
        Section::Qa => reference::qa(b),
        Section::Glossary => reference::glossary(b),
        Section::Contacts => reference::contacts(b),
        Section::Tables => b
            .city
            .tables
            .iter()
            .flat_map(|t| reference::table(b, t))
            .collect(),
        Section::Lists => reference::lists(b),
        Section::Prose(p) => reference::prose(b, p),
        Section::Forms => reference::forms(b),
        Section::History => reference::history(b),
    }
}

/// A level-2 heading within a section.
pub(super) fn heading(text: impl Into<String>) -> Block {
    Block::Heading {
        level: 2,
        text: text.into(),
        label: None,
    }
}

/// A level-3 heading carrying a label others link to.
pub(super) fn labelled(b: &Builder, level: u8, text: impl Into<String>, label: String) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        label: Some(b.label(label)),
    }
}

/// A list of one-line items of inline runs.
pub(super) fn run_list(items: Vec<Vec<Inline>>) -> Option<Block> {
    (!items.is_empty()).then(|| Block::List {
        ordered: false,
        items: items.into_iter().map(|c| vec![Block::Para { c }]).collect(),
    })
}

/// A two-column table of facts: label, value.
pub(super) fn facts(rows: Vec<(&str, Vec<Inline>)>) -> Block {
    Block::Table(Table {
        header: vec!["項目".into(), "内容".into()],
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![vec![Inline::text(k)], v])
            .collect(),
        widths: vec![1, 4],
        landscape: false,
    })
}

fn overview(b: &Builder) -> Vec<Block> {
    let c = b.city;
    let info = &c.city;
    let mut out = Vec::new();
    let mut rows = vec![(
        "手引き",
        vec![Inline::text(match &info.guide.status {
            Some(s) => format!("{}（{s}）", info.guide.title),
            None => info.guide.title.clone(),
        })],
    )];
    let mut publisher = info.guide.publisher.clone();
    if let Some(issued) = info.guide.issued {
        publisher.push_str(&format!("　{}", issued.era()));
    }
    rows.push(("発行", vec![Inline::text(publisher)]));
    if let Some(a) = &info.guide.audience {
        rows.push(("対象", vec![Inline::text(a.clone())]));
    }
    for (label, text) in crate::site::format::guide_provenance(b.guide, &info.guide) {
        rows.push((label, vec![Inline::text(text)]));
    }
    rows.push(("都道府県", vec![Inline::text(info.prefecture.clone())]));
    if !info.members.is_empty() {
        let names: Vec<&str> = info.members.iter().map(|m| m.name.as_str()).collect();
        rows.push(("圏域の市町", vec![Inline::text(names.join("、"))]));
    }
    if info.coordinator.is_none() {
        let word = info.guide.nothing(crate::model::Stated::Coordinator);
        rows.push(("拠点コーディネーター", vec![Inline::text(word)]));
    }
    let mut subsidies = Vec::new();
    for (i, s) in c.subsidies.iter().enumerate() {
        if i > 0 {
            subsidies.push(Inline::text("、"));
        }
        subsidies.push(subsidy_ref(b, s.id.get_ref()));
    }
    if subsidies.is_empty() {
        let word = info.guide.nothing(crate::model::Stated::Subsidies);
        subsidies.push(Inline::text(word));
    }
    rows.push(("市単独補助", subsidies));
    out.push(facts(rows));
    out.push(heading("目的"));
    out.extend(b.blocks(&info.purpose));
    out.push(heading(match &info.development.kind {
        Some(k) => format!("整備の型：{k}"),
        None => "整備の型".to_string(),
    }));
    out.extend(b.blocks(&info.development.description));
    if let Some(co) = &info.coordinator {
        out.push(heading("拠点コーディネーター"));
        if c.organisation(co.organisation.get_ref()).is_some() {
            out.push(Block::Para {
                c: vec![
                    Inline::text("配置先："),
                    org_ref(b, co.organisation.get_ref()),
                ],
            });
        }
        out.extend(b.blocks(&co.description));
        out.extend(run_list(
            co.duties
                .iter()
                .map(|d| {
                    let mut runs = Vec::new();
                    let head = format!(
                        "{}{}",
                        d.label.as_deref().unwrap_or(""),
                        d.title.as_deref().unwrap_or("")
                    );
                    if !head.is_empty() {
                        runs.push(Inline::Strong { s: head });
                        runs.push(Inline::text("　"));
                    }
                    runs.extend(b.inline(&d.text));
                    runs
                })
                .collect(),
        ));
    }
    let functions: Vec<Vec<Inline>> = crate::site::ordered_functions(c)
        .into_iter()
        .map(|f| {
            vec![b.to(
                &of::city_function(c.id(), f.function.get_ref()),
                crate::site::function_name(b.guide, f),
            )]
        })
        .collect();
    if !functions.is_empty() {
        out.push(heading("拠点等の機能"));
        out.extend(run_list(functions));
    }
    let flows: Vec<Vec<Inline>> = crate::site::ordered_flows(c)
        .into_iter()
        .map(|f| vec![b.to(&of::flow(c.id(), f.id.get_ref()), f.title.clone())])
        .collect();
    if !flows.is_empty() {
        out.push(heading("流れ"));
        out.extend(run_list(flows));
    }
    let reachable: Vec<_> = c
        .organisations
        .iter()
        .filter(|o| o.phone.is_some() || o.address.is_some())
        .collect();
    if !reachable.is_empty() {
        out.push(heading("問い合わせ先"));
        out.push(super::reference::organisations_table(b, &reachable));
    }
    out
}

/// A link to an organisation's entry among the contacts.
pub(super) fn org_ref(b: &Builder, id: &str) -> Inline {
    let c = b.city;
    let name = c
        .organisation(id)
        .map(|o| o.name.clone())
        .unwrap_or_else(|| id.to_string());
    b.to(&format!("{}#org-{id}", of::contacts(c.id())), name)
}

/// The role type's name of a local organisation.
pub(super) fn role_name(b: &Builder, org: &str) -> String {
    b.city
        .organisation(org)
        .and_then(|o| b.guide.role(o.role.get_ref()))
        .map(|r| r.name.clone())
        .unwrap_or_default()
}

/// An add-on's name (linked to its entry) and its value on the as-of day.
pub(super) fn addon_runs(b: &Builder, id: &str) -> Vec<Inline> {
    let Some(a) = b.guide.addon(id) else {
        return vec![Inline::text(id)];
    };
    let value = crate::site::format::value_on(b.guide, a, b.as_of);
    b.shows_value_since(value.since);
    let mut runs = vec![b.to(&of::addon(id), a.name.clone())];
    if !value.text.is_empty() {
        runs.push(Inline::text(format!(" {}", value.text)));
    }
    if let Some(change) = value.change {
        runs.push(Inline::text(format!("（{change}）")));
    }
    for c in b.city.addon_conditions(id) {
        for (i, cond) in c.conditions.iter().enumerate() {
            let lead = match i {
                0 => format!("（{}の手引きによる条件：", b.city.city.name),
                _ => "／".to_string(),
            };
            runs.push(Inline::text(lead));
            runs.extend(b.inline(cond));
        }
        if let Some(source) = crate::site::format::condition_source(c) {
            runs.push(Inline::text(format!("（{source}）")));
        }
        if !c.conditions.is_empty() {
            runs.push(Inline::text("）"));
        }
    }
    runs
}

/// A link to a subsidy's entry.
pub(super) fn subsidy_ref(b: &Builder, id: &str) -> Inline {
    let c = b.city;
    let name = c
        .subsidy(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string());
    b.to(&format!("{}#{id}", of::subsidies(c.id())), name)
}

fn function(b: &Builder, f: &FunctionDescription) -> Vec<Block> {
    let c = b.city;
    let fid = f.function.get_ref();
    let national = b.guide.function(fid);
    let mut out = vec![heading(format!(
        "国の示す機能：{}",
        national.map(|n| n.name.as_str()).unwrap_or(fid)
    ))];
    if let Some(n) = national {
        out.extend(b.blocks(&n.summary));
    }
    out.push(heading(match &f.local_name {
        Some(l) => format!("この市町村での取り組み（{l}）"),
        None => "この市町村での取り組み".to_string(),
    }));
    out.extend(b.blocks(&f.summary));
    if !f.carriers.is_empty() {
        out.push(heading("担う機関と主な対応内容"));
        for carrier in &f.carriers {
            if let Some(label) = &carrier.label {
                out.push(para(label.clone()));
            }
            let mut head = Vec::new();
            for (i, o) in carrier.organisations.iter().enumerate() {
                if i > 0 {
                    head.push(Inline::text("・"));
                }
                head.push(org_ref(b, o.get_ref()));
            }
            if let Some(phase) = &carrier.phase {
                head.push(Inline::text(format!("【{phase}】")));
            }
            let roles: Vec<String> = carrier
                .organisations
                .iter()
                .map(|o| role_name(b, o.get_ref()))
                .filter(|r| !r.is_empty())
                .collect();
            let mut body = Vec::new();
            if !roles.is_empty() {
                body.push(para(roles.join("・")));
            }
            body.extend(b.list(&carrier.duties));
            out.push(Block::Term {
                term: head,
                label: None,
                body,
            });
        }
    }
    if !f.addons.is_empty() {
        out.push(heading("関係する加算"));
        out.extend(run_list(
            f.addons
                .iter()
                .map(|a| addon_runs(b, a.get_ref()))
                .collect(),
        ));
    }
    if !f.subsidies.is_empty() {
        out.push(heading("市単独補助"));
        out.extend(run_list(
            f.subsidies
                .iter()
                .map(|s| vec![subsidy_ref(b, s.get_ref())])
                .collect(),
        ));
    }
    if !f.notes.is_empty() {
        out.push(heading("留意事項"));
        out.extend(b.list(&f.notes));
    }
    let flows: Vec<Vec<Inline>> = crate::site::ordered_flows(c)
        .into_iter()
        .filter(|flow| flow.function.iter().any(|x| x.get_ref() == fid))
        .map(|flow| vec![b.to(&of::flow(c.id(), flow.id.get_ref()), flow.title.clone())])
        .collect();
    if !flows.is_empty() {
        out.push(heading("関係する流れ"));
        out.extend(run_list(flows));
    }
    let qa: Vec<Vec<Inline>> =
        c.qa.iter()
            .filter(|q| q.function.as_ref().is_some_and(|x| x.get_ref() == fid))
            .map(|q| vec![super::reference::qa_ref(b, q)])
            .collect();
    if !qa.is_empty() {
        out.push(heading("関係するQ&A"));
        out.extend(run_list(qa));
    }
    out
}

/// The city's blank forms for the appendix, in the order its `city.toml` lists them.
pub(super) fn appendix(b: &Builder) -> Vec<AppendixForm> {
    b.city
        .city
        .forms
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let id = f.get_ref();
            AppendixForm {
                label: b.label(format!("{}#form-{id}", of::forms(b.city.id()))),
                title: b
                    .guide
                    .form(id)
                    .map(|x| x.title.clone())
                    .unwrap_or_else(|| id.clone()),
                source: format!("/forms/{i}.typ"),
            }
        })
        .collect()
}
