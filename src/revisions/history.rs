//! A city's history of changes (更新履歴), generated from dated data rather
//! than typed by hand: the guide's own editions, every revision of the fee
//! schedule that changed an add-on the city cites, and every change of the
//! city's subsidies. Newest first.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{Date, Guide, Municipality};

/// One dated entry of a city's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct HistoryItem {
    pub date: Date,
    /// What happened: the guide edition, the revision's name, or the subsidy's name.
    pub title: String,
    /// The changed values, one line each.
    pub changes: Vec<String>,
    /// True if the entry lies after the as-of date (予定).
    pub upcoming: bool,
}

/// Add-ons a city cites anywhere in its functions and flows, by id, in a stable order.
pub(crate) fn cited_addons(city: &Municipality) -> BTreeSet<String> {
    city.addon_citations()
        .into_iter()
        .map(|(a, _)| a.get_ref().clone())
        .collect()
}

/// True if the city's history has any entry: an edition, a cited add-on, or a dated subsidy.
pub(crate) fn has_history(guide: &Guide, city: &Municipality) -> bool {
    !city.city.history.is_empty()
        || cited_addons(city)
            .iter()
            .any(|id| guide.addon(id).is_some_and(|a| !a.values.is_empty()))
        || city
            .subsidies
            .iter()
            .any(|s| s.values.iter().any(|v| v.from.is_some()))
}

/// The city's history, newest first, as of `as_of`.
pub(crate) fn city_history(guide: &Guide, city: &Municipality, as_of: Date) -> Vec<HistoryItem> {
    let mut items: Vec<HistoryItem> = city
        .city
        .history
        .iter()
        .map(|h| HistoryItem {
            date: *h.date.get_ref(),
            title: format!("{}を{}", city.city.guide.title, h.note),
            changes: Vec::new(),
            upcoming: *h.date.get_ref() > as_of,
        })
        .collect();

    let cited = cited_addons(city);
    for revision in crate::model::reads::every("revision", &guide.national.revisions) {
        let mut changes = Vec::new();
        for id in &cited {
            let Some(addon) = guide.addon(id) else {
                continue;
            };
            let timeline = addon.timeline(guide);
            let Some(i) = timeline
                .iter()
                .position(|d| d.value.revision.get_ref() == revision.id.get_ref())
            else {
                continue;
            };
            let new = timeline[i].value.summary();
            match i.checked_sub(1).map(|p| timeline[p].value.summary()) {
                None => changes.push(format!("{}：{new}", addon.name)),
                Some(old) if old != new => changes.push(format!("{}：{old} → {new}", addon.name)),
                Some(_) => {}
            }
        }
        if !changes.is_empty() {
            let date = *revision.effective.get_ref();
            items.push(HistoryItem {
                date,
                title: revision.name.clone(),
                changes,
                upcoming: date > as_of,
            });
        }
    }

    for subsidy in &city.subsidies {
        for dated in subsidy.timeline() {
            let Some(date) = dated.period.from else {
                continue;
            };
            let amounts = dated
                .value
                .amounts
                .iter()
                .map(|a| {
                    let label = a
                        .label
                        .as_deref()
                        .map(|l| format!("{l} "))
                        .unwrap_or_default();
                    let limit = if a.upper_limit { "上限" } else { "" };
                    format!(
                        "{label}{limit}{}円/{}",
                        crate::model::national::group_digits(*a.yen.get_ref()),
                        a.per
                    )
                })
                .collect::<Vec<_>>()
                .join("、");
            items.push(HistoryItem {
                date,
                title: subsidy.name.clone(),
                changes: vec![amounts],
                upcoming: date > as_of,
            });
        }
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Inputs, load};

    fn mini() -> Guide {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let (guide, diags) = load(&Inputs::in_project(&root));
        assert!(!diags.has_errors(), "{}", diags.report());
        guide
    }

    #[test]
    fn history_lists_revisions_of_cited_addons_and_editions_newest_first() {
        let guide = mini();
        let city = guide.city("mini").unwrap();
        let as_of = Date::parse("2024-01-01").unwrap();
        let items = city_history(&guide, city, as_of);
        let lines: Vec<(String, String, bool)> = items
            .iter()
            .map(|i| (i.date.iso(), i.title.clone(), i.upcoming))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    "2024-04-01".to_string(),
                    "令和6年度障害福祉サービス等報酬改定".to_string(),
                    true
                ),
                (
                    "2024-04-01".to_string(),
                    "見本市 拠点ガイドを作成".to_string(),
                    true
                ),
            ]
        );
        assert_eq!(
            items[0].changes,
            ["地域生活支援拠点等相談強化加算：700単位/回（月4回を限度）"]
        );
        let later = city_history(&guide, city, Date::parse("2025-01-01").unwrap());
        assert!(later.iter().all(|i| !i.upcoming));
    }
}
