//! Which values are in force on a date. National add-ons change with each
//! revision of the fee schedule and cities change their own subsidies; a
//! guide is always rendered "as of" one day, and says what changes next.

use super::{AddOn, AddOnValue, Date, Guide, Revision, Subsidy, SubsidyValue};

/// A period in which one value applies: from its first day to its last, if known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Period {
    /// True if `date` falls within the period.
    pub(crate) fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// One value of an add-on, with the period it applies in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dated<'g, T> {
    pub value: &'g T,
    pub period: Period,
}

/// Lays values end to end: each applies from its start until its own last day,
/// or else until the day before the next value starts. Sorted oldest first.
fn lay_out<T>(mut values: Vec<(Option<Date>, Option<Date>, &T)>) -> Vec<Dated<'_, T>> {
    values.sort_by_key(|(from, ..)| *from);
    let starts: Vec<Option<Date>> = values.iter().map(|(from, ..)| *from).collect();
    values
        .into_iter()
        .enumerate()
        .map(|(i, (from, until, value))| {
            let next_start = starts
                .get(i + 1)
                .copied()
                .flatten()
                .map(|d| d.previous_day());
            Dated {
                value,
                period: Period {
                    from,
                    until: until.or(next_start),
                },
            }
        })
        .collect()
}

/// The first value of a timeline that starts after `date` and within `months` months.
fn next_after<T>(timeline: Vec<Dated<'_, T>>, date: Date, months: u32) -> Option<Dated<'_, T>> {
    let horizon = date.plus_months(months);
    timeline
        .into_iter()
        .find(|d| d.period.from.is_some_and(|f| f > date && f <= horizon))
}

impl AddOn {
    /// Every value with its period, oldest first: a value applies from its revision's
    /// effective date until the day before the next value starts, or its own `until`.
    pub(crate) fn timeline<'g>(&'g self, guide: &Guide) -> Vec<Dated<'g, AddOnValue>> {
        lay_out(
            self.values
                .iter()
                .map(|v| {
                    let from = guide
                        .revision(v.revision.get_ref())
                        .map(|r| *r.effective.get_ref());
                    (from, v.until.as_ref().map(|u| *u.get_ref()), v)
                })
                .collect(),
        )
    }

    /// The value in force on `date`, if the add-on existed then.
    pub(crate) fn value_at<'g>(
        &'g self,
        guide: &Guide,
        date: Date,
    ) -> Option<Dated<'g, AddOnValue>> {
        self.timeline(guide)
            .into_iter()
            .find(|d| d.period.contains(date))
    }

    /// The revision in effect on `date` whose value of this add-on is not
    /// recorded, when the value in force then is an older revision's: that
    /// value may have changed, so it is not shown as the current one.
    pub(crate) fn unrecorded_at<'g>(&self, guide: &'g Guide, date: Date) -> Option<&'g Revision> {
        self.unrecorded_after(guide, self.value_at(guide, date)?.value, date)
    }

    /// [`AddOn::unrecorded_at`] for `current`, the value in force on `date`.
    pub(crate) fn unrecorded_after<'g>(
        &self,
        guide: &'g Guide,
        current: &AddOnValue,
        date: Date,
    ) -> Option<&'g Revision> {
        let since = &guide.revision(current.revision.get_ref())?.effective;
        let since = *since.get_ref();
        super::reads::every("revision", &guide.national.revisions)
            .iter()
            .filter(|r| *r.effective.get_ref() > since && *r.effective.get_ref() <= date)
            .filter(|r| !r.others_unchanged)
            .filter(|r| {
                !self
                    .values
                    .iter()
                    .any(|v| v.revision.get_ref() == r.id.get_ref())
            })
            .max_by_key(|r| *r.effective.get_ref())
    }

    /// The next value that starts after `date` and within `months` months, if any.
    pub(crate) fn next_change<'g>(
        &'g self,
        guide: &Guide,
        date: Date,
        months: u32,
    ) -> Option<Dated<'g, AddOnValue>> {
        next_after(self.timeline(guide), date, months)
    }
}

impl Subsidy {
    /// Every value with its period, oldest first, as [`AddOn::timeline`].
    pub(crate) fn timeline(&self) -> Vec<Dated<'_, SubsidyValue>> {
        lay_out(
            self.values
                .iter()
                .map(|v| {
                    (
                        v.from.as_ref().map(|f| *f.get_ref()),
                        v.until.as_ref().map(|u| *u.get_ref()),
                        v,
                    )
                })
                .collect(),
        )
    }

    /// The amounts in force on `date`.
    pub(crate) fn value_at(&self, date: Date) -> Option<Dated<'_, SubsidyValue>> {
        self.timeline()
            .into_iter()
            .find(|d| d.period.contains(date))
    }
}
