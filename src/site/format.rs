//! How numbers of the domain are written on a page: fees in units per
//! counter (700単位/回), sums in yen with separators (7,000円).

use crate::model::{AddOn, Amount, Date, Guide, Per, group_digits, units_text};

/// 700単位/回, or an empty string where the schedule gives no single number.
pub(crate) fn units(units: Option<u32>, per: Option<Per>) -> String {
    units_text(units, per, None).unwrap_or_default()
}

/// How far ahead a page warns of a coming change of a value.
pub(crate) const CHANGE_NOTICE_MONTHS: u32 = 12;

/// An add-on's value on a date, and the change coming within a year, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct DatedValue {
    /// The value in force, in one line (`700単位/回（月4回を限度）`).
    pub text: String,
    /// Since when that value applies.
    #[serde(skip)]
    pub since: Option<Date>,
    /// The coming change: `令和9年4月1日から750単位/回（月4回を限度）に変わります`.
    pub change: Option<String>,
}

/// The add-on's value in force on `date`, with the change coming within a year.
pub(crate) fn value_on(guide: &Guide, addon: &AddOn, date: Date) -> DatedValue {
    let current = addon.value_at(guide, date);
    let change = addon
        .next_change(guide, date, CHANGE_NOTICE_MONTHS)
        .and_then(|next| Some((next.period.from?, next.value.summary())))
        .map(|(from, text)| format!("{}から{text}に変わります", from.era()));
    let unrecorded = current
        .as_ref()
        .and_then(|d| addon.unrecorded_after(guide, d.value, date));
    DatedValue {
        text: current
            .as_ref()
            .map(
                |d| match (unrecorded, guide.revision(d.value.revision.get_ref())) {
                    // Never call a value current that a later revision may have changed.
                    (Some(later), Some(own)) => format!(
                        "{}（{}の値。{}の値は未記録）",
                        d.value.summary(),
                        short_name(own),
                        short_name(later)
                    ),
                    _ => d.value.summary(),
                },
            )
            .unwrap_or_default(),
        since: current.and_then(|d| d.period.from),
        change,
    }
}

/// The line that says since when the values a page shows apply: the start of
/// the newest of them, which the content dates (a revision's `effective`, a
/// subsidy's `from`); no guide states a date of its own for its contents.
pub(crate) fn values_since(date: Date) -> String {
    format!("単位数・金額は{}から適用のものです。", date.era())
}

/// A revision as a sentence names it: 令和6年度改定.
pub(crate) fn short_name(revision: &crate::model::Revision) -> String {
    revision.name.replace("障害福祉サービス等報酬", "")
}

/// 7,000円/人・日, 上限30,000円/日.
pub(crate) fn amount(a: &Amount) -> String {
    let sum = format!("{}円/{}", group_digits(*a.yen.get_ref()), a.per);
    let sum = if a.upper_limit {
        format!("上限{sum}")
    } else {
        sum
    };
    match &a.label {
        Some(label) => format!("{label}：{sum}"),
        None => sum,
    }
}

/// What a city's guide says of its own time, as the overview and the
/// printed guide show it: the day it says it is current to, and the fee
/// revision whose units it states. Only what the content records.
pub(crate) fn guide_provenance(
    guide: &crate::model::Guide,
    info: &crate::model::GuideInfo,
) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    if let Some(day) = info.as_of {
        lines.push(("記載の時点", format!("{}現在（手引きの記載）", day.era())));
    }
    if let Some(revision) = info
        .fee_revision
        .as_ref()
        .and_then(|id| guide.revision(id.get_ref()))
    {
        lines.push(("手引きの単位数", format!("{}の値", revision.name)));
    }
    lines
}

/// For a guide written with the units of an older fee revision than the one
/// in force on `date`: the sentence that says so where the site shows
/// the current units.
pub(crate) fn older_units_note(
    guide: &crate::model::Guide,
    info: &crate::model::GuideInfo,
    date: crate::model::Date,
) -> Option<String> {
    let revisions = crate::model::reads::every("revision", &guide.national.revisions);
    let written = revisions
        .iter()
        .find(|r| Some(r.id.get_ref()) == info.fee_revision.as_ref().map(|id| id.get_ref()))?;
    let current = revisions
        .iter()
        .filter(|r| *r.effective.get_ref() <= date)
        .max_by_key(|r| *r.effective.get_ref())?;
    (current.effective.get_ref() > written.effective.get_ref()).then(|| {
        format!(
            "この手引きは{}の単位数で書かれています。このサイトの単位数は、その後の{}などを反映した国の値で、手引きの記載と違うことがあります。改定ごとの値は各加算のページにあります。",
            written.name, current.name
        )
    })
}

/// Where a city states its conditions on an add-on and the rule they rest
/// on, in one line (`手引き 4③／根拠：…要綱第5条`); `None` where it says neither.
pub(crate) fn condition_source(c: &crate::model::AddOnCondition) -> Option<String> {
    let parts: Vec<String> = c
        .source
        .iter()
        .map(|s| format!("手引き {s}"))
        .chain(c.basis.iter().map(|b| format!("根拠：{}", b.text())))
        .collect();
    (!parts.is_empty()).then(|| parts.join("／"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_written_as_guides_write_them() {
        let a: Amount = toml::from_str("yen = 30000\nper = \"日\"\nupper_limit = true").unwrap();
        assert_eq!(amount(&a), "上限30,000円/日");
        assert_eq!(units(Some(2000), Some(Per::Time)), "2,000単位/回");
    }
}
