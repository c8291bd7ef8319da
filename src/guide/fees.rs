//! The fees of a city's guide: the national add-ons it cites, each with its
//! value in force and the rules for claiming it, and its own subsidies with
//! every dated value.

use super::contents::Builder;
use super::doc::{Block, Inline, para};
use super::parts::{facts, labelled, org_ref};
use crate::model::AddOn;
use crate::site::paths::of;

/// The add-ons the city cites, each with its national value in force,
/// who may claim it, its conditions and limits.
pub(super) fn addons(b: &Builder) -> Vec<Block> {
    let cited = crate::revisions::history::cited_addons(b.city);
    let mut out = Vec::new();
    for a in b
        .guide
        .national
        .addons
        .iter()
        .filter(|a| cited.contains(a.id.get_ref()))
    {
        out.extend(addon_entry(b, a));
    }
    out
}

fn addon_entry(b: &Builder, a: &AddOn) -> Vec<Block> {
    let id = a.id.get_ref();
    let mut out = vec![labelled(b, 2, a.name.clone(), of::addon(id))];
    let mut rows: Vec<(&str, Vec<Inline>)> = vec![
        ("種類", vec![Inline::text(a.kind.label())]),
        ("サービス", vec![Inline::text(a.services.join("、"))]),
    ];
    let current = a.value_at(b.guide, b.as_of);
    if let Some(dated) = &current {
        b.shows_value_since(dated.period.from);
        let mut text = dated.value.summary();
        let period = crate::site::period_label(dated.period);
        if !period.is_empty() {
            text.push_str(&format!("（{period}）"));
        }
        rows.push(("単位数", vec![Inline::text(text)]));
        for v in &dated.value.variants {
            if !v.conditions.is_empty() {
                rows.push((
                    "区分の要件",
                    vec![Inline::text(format!(
                        "{}：{}",
                        v.label,
                        v.conditions.join("／")
                    ))],
                ));
            }
        }
        if !dated.value.conditions.is_empty() {
            rows.push((
                "要件",
                vec![Inline::text(dated.value.conditions.join("／"))],
            ));
        }
        if let Some(note) = &dated.value.note {
            rows.push(("備考", vec![Inline::text(note.clone())]));
        }
    }
    if let Some(change) = crate::site::format::value_on(b.guide, a, b.as_of).change {
        rows.push(("改定予定", vec![Inline::text(change)]));
    }
    let claimants: Vec<String> = a
        .claimants
        .iter()
        .filter_map(|r| b.guide.role(r.get_ref()).map(|r| r.name.clone()))
        .chain(a.claimant_note.clone())
        .collect();
    if !claimants.is_empty() {
        rows.push(("請求できる機関", vec![Inline::text(claimants.join("、"))]));
    }
    if !a.billing.is_empty() {
        let billing: Vec<&str> = a.billing.iter().map(|x| x.label()).collect();
        rows.push(("請求の時期", vec![Inline::text(billing.join("、"))]));
    }
    if !a.not_combinable.is_empty() {
        let items: Vec<String> = a
            .not_combinable
            .iter()
            .map(|n| {
                let name = n
                    .addon
                    .as_ref()
                    .map(|x| {
                        b.guide
                            .addon(x.get_ref())
                            .map(|a| a.name.clone())
                            .unwrap_or_else(|| x.get_ref().clone())
                    })
                    .unwrap_or_default();
                match &n.note {
                    Some(note) if name.is_empty() => note.clone(),
                    Some(note) => format!("{name}（{note}）"),
                    None => name,
                }
            })
            .collect();
        rows.push(("併給できないもの", vec![Inline::text(items.join("、"))]));
    }
    if !a.records.is_empty() {
        rows.push(("記録する事項", vec![Inline::text(a.records.join("、"))]));
    }
    if !a.sources.is_empty() {
        rows.push(("根拠", vec![Inline::text(a.sources.join("、"))]));
    }
    let local_label = format!("{}の手引きによる条件", b.city.city.name);
    for c in b.city.addon_conditions(id) {
        for cond in &c.conditions {
            rows.push((local_label.as_str(), b.inline(cond)));
        }
        if let Some(source) = crate::site::format::condition_source(c) {
            rows.push(("条件の出典", vec![Inline::text(source)]));
        }
    }
    out.extend(b.blocks(&a.summary));
    out.push(facts(rows));
    out.push(Block::Note {
        c: vec![
            Inline::text("国の制度の詳細（改定ごとの単位数）："),
            Inline::Link {
                s: format!("{}（ウェブサイト）", a.name),
                url: b.web(&of::addon(id)),
            },
        ],
    });
    out
}

pub(super) fn subsidies(b: &Builder) -> Vec<Block> {
    let c = b.city;
    let mut out = Vec::new();
    for s in &c.subsidies {
        out.push(labelled(
            b,
            2,
            s.name.clone(),
            format!("{}#{}", of::subsidies(c.id()), s.id.get_ref()),
        ));
        if let Some(p) = &s.program {
            out.push(para(format!("事業：{p}")));
        }
        out.extend(b.blocks(&s.summary));
        if !s.claimants.is_empty() {
            let mut runs = vec![Inline::text("請求できる機関：")];
            for (i, o) in s.claimants.iter().enumerate() {
                if i > 0 {
                    runs.push(Inline::text("、"));
                }
                runs.push(org_ref(b, o.get_ref()));
            }
            out.push(Block::Para { c: runs });
        }
        if let Some(basis) = &s.basis {
            out.push(para(format!("根拠：{}", basis.text())));
        }
        for dated in s.timeline().into_iter().rev() {
            let v = dated.value;
            let in_force = dated.period.contains(b.as_of);
            if in_force {
                b.shows_value_since(dated.period.from);
            }
            let mut rows: Vec<(&str, Vec<Inline>)> = Vec::new();
            let period = crate::site::period_label(dated.period);
            let period = match (period.is_empty(), in_force) {
                (true, _) => None,
                (false, true) => Some(format!("{period}（現在）")),
                (false, false) => Some(period),
            };
            if let Some(p) = period {
                rows.push(("期間", vec![Inline::text(p)]));
            }
            let amounts: Vec<String> = v.amounts.iter().map(crate::site::format::amount).collect();
            rows.push(("金額", vec![Inline::text(amounts.join("、"))]));
            for l in &v.limits {
                let mut text = format!("{}：{}日まで", l.scope, l.days.get_ref());
                if let Some(n) = &l.note {
                    text.push_str(&format!("（{n}）"));
                }
                rows.push(("日数の上限", vec![Inline::text(text)]));
            }
            if !v.covers.is_empty() {
                rows.push(("対象経費", vec![Inline::text(v.covers.join("、"))]));
            }
            for cond in &v.conditions {
                rows.push(("要件", b.inline(cond)));
            }
            for note in &v.notes {
                rows.push(("備考", b.inline(note)));
            }
            if let Some(src) = &v.source {
                rows.push(("根拠", vec![Inline::text(src.clone())]));
            }

            out.push(facts(rows));
        }
    }
    out
}
