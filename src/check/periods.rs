//! Checks of dated values: periods that end before they start or overlap
//! are errors; on the as-of date, a value that has ended with no successor,
//! or an add-on that a city cites but that is not in force, is a warning.

use crate::diag::Diagnostics;
use crate::messages::Msg;
use crate::model::timeline::Period;
use crate::model::*;

/// Reports faults in the periods of add-ons, seen from `as_of`.
pub(super) fn check_national(guide: &Guide, as_of: Date, diags: &mut Diagnostics) {
    for addon in &guide.national.addons {
        let source = &guide.sources[addon.file];
        for value in &addon.values {
            if let (Some(until), Some(rev)) =
                (&value.until, guide.revision(value.revision.get_ref()))
            {
                if until.get_ref() < rev.effective.get_ref() {
                    diags.push(source.error(
                        until.span(),
                        Msg::ValueEndsBeforeRevision {
                            addon: addon.id.get_ref().clone(),
                            effective: rev.effective.get_ref().to_string(),
                        },
                    ));
                }
            }
        }
        let timeline = addon.timeline(guide);
        for pair in timeline.windows(2) {
            let (earlier, later) = (&pair[0], &pair[1]);
            let ends_late = earlier
                .value
                .until
                .as_ref()
                .filter(|u| later.period.from.is_some_and(|f| *u.get_ref() >= f));
            // Two values of one revision are reported as such, not as an overlap.
            let same_revision = earlier.value.revision.get_ref() == later.value.revision.get_ref();
            let same_start = earlier.period.from.is_some()
                && earlier.period.from == later.period.from
                && !same_revision;
            if let Some(span) = ends_late
                .map(|u| u.span())
                .or(same_start.then(|| later.value.revision.span()))
            {
                diags.push(source.error(
                    span,
                    Msg::ValuesOverlap {
                        addon: addon.id.get_ref().clone(),
                        later: later.value.revision.get_ref().clone(),
                        earlier: earlier.value.revision.get_ref().clone(),
                    },
                ));
            }
        }
        if let Some(last) = timeline.last() {
            if let Some(until) = last.period.until {
                if until < as_of {
                    diags.push(source.warning(
                        last.value.revision.span(),
                        Msg::AddOnEnded {
                            addon: addon.id.get_ref().clone(),
                            until: until.to_string(),
                        },
                    ));
                }
            }
        }
    }
}

/// Checks the periods of one city's subsidies and the add-ons it cites.
pub(super) fn check_city(guide: &Guide, city: &Municipality, as_of: Date, diags: &mut Diagnostics) {
    for subsidy in &city.subsidies {
        subsidy_periods(guide, subsidy, as_of, diags);
    }
    cited_not_in_force(guide, city, as_of, diags);
}

fn subsidy_periods(guide: &Guide, subsidy: &Subsidy, as_of: Date, diags: &mut Diagnostics) {
    let source = &guide.sources[subsidy.file];
    let mut periods: Vec<(Period, std::ops::Range<usize>)> = Vec::new();
    for value in &subsidy.values {
        let from = value.from.as_ref().map(|f| *f.get_ref());
        let until = value.until.as_ref().map(|u| *u.get_ref());
        let span = value
            .from
            .as_ref()
            .or(value.until.as_ref())
            .map(|d| d.span())
            .unwrap_or(subsidy.id.span());
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                diags.push(source.error(
                    span.clone(),
                    Msg::AmountsEndBeforeStart {
                        subsidy: subsidy.id.get_ref().clone(),
                        until: u.to_string(),
                        from: f.to_string(),
                    },
                ));
            }
        }
        periods.push((Period { from, until }, span));
    }
    if subsidy.values.len() > 1 && periods.iter().any(|(p, _)| p.from.is_none()) {
        diags.push(source.error(
            subsidy.id.span(),
            Msg::AmountsWithoutFrom {
                subsidy: subsidy.id.get_ref().clone(),
            },
        ));
        return;
    }
    for (i, (a, span)) in periods.iter().enumerate() {
        for (b, _) in &periods[i + 1..] {
            let overlap = match (a.from, b.from) {
                (Some(fa), Some(fb)) if fa == fb => true,
                (Some(fa), Some(fb)) => {
                    let (first, second) = if fa < fb { (a, fb) } else { (b, fa) };
                    first.until.is_some_and(|u| u >= second)
                }
                _ => false,
            };
            if overlap {
                diags.push(source.error(
                    span.clone(),
                    Msg::AmountsOverlap {
                        subsidy: subsidy.id.get_ref().clone(),
                    },
                ));
            }
        }
    }
    if let Some(last) = subsidy.timeline().last() {
        if last.period.until.is_some_and(|u| u < as_of) {
            diags.push(source.warning(
                subsidy.id.span(),
                Msg::SubsidyEnded {
                    subsidy: subsidy.id.get_ref().clone(),
                    until: last.period.until.unwrap_or(as_of).to_string(),
                },
            ));
        }
    }
}

/// Warns where a city cites an add-on that has no value in force on `as_of`.
fn cited_not_in_force(guide: &Guide, city: &Municipality, as_of: Date, diags: &mut Diagnostics) {
    let mut warn = |file: FileId, id: &Id| {
        if let Some(addon) = guide.addon_for_values(id.get_ref()) {
            // An add-on that ended with nothing after it is reported once, where it is defined.
            let ended = addon
                .timeline(guide)
                .last()
                .and_then(|last| last.period.until)
                .is_some_and(|until| until < as_of);
            if addon.value_at(guide, as_of).is_none() && !ended {
                diags.push(guide.sources[file].warning(
                    id.span(),
                    Msg::NotInForce {
                        addon: id.get_ref().clone(),
                        as_of: as_of.to_string(),
                    },
                ));
            }
        }
    };
    for f in &city.functions {
        for a in &f.addons {
            warn(f.file, a);
        }
    }
    for flow in &city.flows {
        for step in &flow.steps {
            for a in &step.addons {
                warn(flow.file, a);
            }
            for duty in &step.duties {
                for a in &duty.addons {
                    warn(flow.file, a);
                }
            }
        }
    }
}
