//! The checker: everything `tebiki check` verifies after loading — duplicate
//! ids, dangling references, impossible values, and cities restating national
//! numbers — each reported at the place it was written.

mod flows;
mod links;
mod periods;
mod restated;

use crate::model::reads;
use std::collections::{HashMap, HashSet};

pub(crate) use links::city_files;

use crate::diag::Diagnostics;
use crate::messages::{IdKind, Msg};
use crate::model::*;

/// The checks that read no city's own files: national content, forms, links
/// in national text and add-on periods. With [`city`] for every city, these
/// are every check (`crate::build::Checked` runs them).
pub(crate) fn shared(guide: &Guide, as_of: Date) -> Diagnostics {
    let mut c = Checker {
        guide,
        diags: Diagnostics::default(),
    };
    c.national();
    c.forms();
    links::check_national(guide, &mut c.diags);
    periods::check_national(guide, as_of, &mut c.diags);
    c.diags
}

/// The checks of one city's files: its ids and references, the links in its
/// text, national fees restated, subsidy periods and cited add-ons in force.
/// They read the national content and the city, never another city, so a
/// city's faults stand until it or the national content changes. `own` is
/// what [`city_own`] found in the same city.
pub(crate) fn city(guide: &Guide, city: &Municipality, as_of: Date, own: &Own) -> Diagnostics {
    let mut c = Checker {
        guide,
        diags: Diagnostics::default(),
    };
    c.city(city);
    c.diags.extend(own.placeholders.clone());
    links::check_city(guide, city, &mut c.diags);
    c.diags.extend(own.plain_links.clone());
    restated::check(guide, city, &mut c.diags);
    periods::check_city(guide, city, as_of, &mut c.diags);
    c.diags.extend(own.printed.clone());
    c.diags
}

/// The faults of a city that its own files alone decide, whatever the
/// national content and the forms say: kept while the city is not read again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Own {
    /// 【記入】 left in.
    placeholders: Diagnostics,
    /// Link markup in texts shown as written.
    plain_links: Diagnostics,
    /// What the printed guide could not set: runs too long to break, tables too wide.
    printed: Diagnostics,
}

/// Finds what [`Own`] holds for `city`.
pub(crate) fn city_own(guide: &Guide, city: &Municipality) -> Own {
    let mut own = Own::default();
    placeholders(guide, city, &mut own.placeholders);
    links::plain_city(guide, city, &mut own.plain_links);
    own.printed = crate::guide::check::city(guide, city);
    own
}

/// Warns at each 【記入】 that `tebiki new city` left and no one filled in.
fn placeholders(guide: &Guide, city: &Municipality, diags: &mut Diagnostics) {
    let mut files: Vec<FileId> = links::city_files(city).into_iter().collect();
    files.sort_unstable();
    for file in files {
        let source = &guide.sources[file];
        for (at, _) in source.text.match_indices(crate::scaffold::PLACEHOLDER) {
            // A placeholder in a comment is an example, not content.
            let line_start = source.text[..at].rfind('\n').map_or(0, |i| i + 1);
            if source.text[line_start..at].contains('#') {
                continue;
            }
            diags.push(source.warning(
                at..at + crate::scaffold::PLACEHOLDER.len(),
                Msg::Placeholder,
            ));
        }
    }
}

struct Checker<'g> {
    guide: &'g Guide,
    diags: Diagnostics,
}

/// Ids seen so far in one namespace, to report the second of a pair.
struct Seen {
    what: IdKind,
    first: HashMap<String, (FileId, std::ops::Range<usize>)>,
}

impl Seen {
    fn new(what: IdKind) -> Self {
        Seen {
            what,
            first: HashMap::new(),
        }
    }
}

impl<'g> Checker<'g> {
    fn err(&mut self, file: FileId, id: &Id, message: Msg) {
        let d = self.guide.sources[file].error(id.span(), message);
        self.diags.push(d);
    }

    fn at(&mut self, file: FileId, span: std::ops::Range<usize>, message: Msg) {
        let d = self.guide.sources[file].error(span, message);
        self.diags.push(d);
    }

    fn unique(&mut self, seen: &mut Seen, file: FileId, id: &Id) {
        let key = id.get_ref().clone();
        if let Some((first_file, first_span)) = seen.first.get(&key).cloned() {
            let first = &self.guide.sources[first_file];
            let at = first.line_col(first_span.start);
            let where_ = format!(
                "{}:{}:{}",
                crate::diag::display_path(&first.path),
                at.line,
                at.col
            );
            self.err(
                file,
                id,
                Msg::DuplicateId {
                    kind: seen.what,
                    id: key,
                    first: where_,
                },
            );
        } else {
            if !is_valid_id(&key) {
                self.err(
                    file,
                    id,
                    Msg::InvalidId {
                        kind: seen.what,
                        id: key.clone(),
                    },
                );
            }
            seen.first.insert(key, (file, id.span()));
        }
    }

    fn resolve(&mut self, file: FileId, id: &Id, kind: IdKind, known: &HashSet<&str>) {
        let id_text = id.get_ref().as_str();
        let flow_of_step = id_text.split('/').next().unwrap_or(id_text);
        if self.guide.unreadable.contains(id_text) || self.guide.unreadable.contains(flow_of_step) {
            return;
        }
        if !known.contains(id_text) && !known.iter().any(|k| links::same_id(k, id_text)) {
            let suggestion = closest(id.get_ref(), known.iter().copied()).map(str::to_string);
            self.err(
                file,
                id,
                Msg::UnknownId {
                    kind,
                    id: id_text.to_string(),
                    suggestion,
                },
            );
        }
    }

    fn national(&mut self) {
        let n = &self.guide.national;
        let mut seen = Seen::new(IdKind::HubFunction);
        for f in &n.functions {
            self.unique(&mut seen, f.file, &f.id);
        }
        let mut seen = Seen::new(IdKind::Role);
        for r in &n.roles {
            self.unique(&mut seen, r.file, &r.id);
        }
        let mut seen = Seen::new(IdKind::Revision);
        for r in &n.revisions {
            self.unique(&mut seen, r.file, &r.id);
        }
        let mut seen = Seen::new(IdKind::AddOn);
        for a in &n.addons {
            self.unique(&mut seen, a.file, &a.id);
        }
        let mut seen = Seen::new(IdKind::MonitoringPeriod);
        for m in &n.monitoring {
            self.unique(&mut seen, m.file, &m.id);
            if !(1..=12).contains(m.months.get_ref()) {
                self.at(
                    m.file,
                    m.months.span(),
                    Msg::MonitoringMonths {
                        months: *m.months.get_ref(),
                    },
                );
            }
        }
        let mut seen = Seen::new(IdKind::Table);
        for t in &n.tables {
            self.unique(&mut seen, t.file, &t.id);
            self.table(t, &HashSet::new());
        }
        let mut seen = Seen::new(IdKind::Page);
        for p in &n.pages {
            self.unique(&mut seen, p.file, &p.meta.id);
        }
        self.accessibility();
        let functions = self.function_ids();
        let roles = self.role_ids();
        let revisions: HashSet<&str> = n
            .revisions
            .iter()
            .map(|r| r.id.get_ref().as_str())
            .collect();
        let addons = self.addon_ids();
        for a in &n.addons {
            self.addon(a, &functions, &roles, &revisions, &addons);
        }
        for p in &n.pages {
            for f in &p.meta.functions {
                self.resolve(p.file, f, IdKind::HubFunction, &functions);
            }
        }
    }

    fn function_ids(&self) -> HashSet<&'g str> {
        reads::ids("function", &self.guide.national.functions)
            .iter()
            .map(|f| f.id.get_ref().as_str())
            .collect()
    }

    fn role_ids(&self) -> HashSet<&'g str> {
        reads::ids("role", &self.guide.national.roles)
            .iter()
            .map(|r| r.id.get_ref().as_str())
            .collect()
    }

    fn addon_ids(&self) -> HashSet<&'g str> {
        reads::ids("addon", &self.guide.national.addons)
            .iter()
            .map(|a| a.id.get_ref().as_str())
            .collect()
    }

    fn addon(
        &mut self,
        a: &AddOn,
        functions: &HashSet<&str>,
        roles: &HashSet<&str>,
        revisions: &HashSet<&str>,
        addons: &HashSet<&str>,
    ) {
        for f in &a.functions {
            self.resolve(a.file, f, IdKind::HubFunction, functions);
        }
        for r in &a.claimants {
            self.resolve(a.file, r, IdKind::Role, roles);
        }
        for nc in &a.not_combinable {
            if let Some(other) = &nc.addon {
                self.resolve(a.file, other, IdKind::AddOn, addons);
            }
        }
        if a.values.is_empty() {
            self.err(
                a.file,
                &a.id,
                Msg::AddOnHasNoValue {
                    addon: a.id.get_ref().clone(),
                },
            );
        }
        let mut seen_revisions = Seen::new(IdKind::RevisionOfAddOn);
        for v in &a.values {
            self.resolve(a.file, &v.revision, IdKind::Revision, revisions);
            if seen_revisions.first.contains_key(v.revision.get_ref()) {
                self.err(
                    a.file,
                    &v.revision,
                    Msg::AddOnTwoValues {
                        addon: a.id.get_ref().clone(),
                        revision: v.revision.get_ref().clone(),
                    },
                );
            }
            seen_revisions
                .first
                .insert(v.revision.get_ref().clone(), (a.file, v.revision.span()));
            if v.units.is_none() && v.variants.is_empty() && v.note.is_none() {
                self.err(
                    a.file,
                    &v.revision,
                    Msg::ValueStatesNoUnits {
                        addon: a.id.get_ref().clone(),
                        revision: v.revision.get_ref().clone(),
                    },
                );
            }
            self.positive_units(a.file, v.units.as_ref());
            self.cap(a.file, v.cap.as_ref());
            for variant in &v.variants {
                self.positive_units(a.file, variant.units.as_ref());
                self.cap(a.file, variant.cap.as_ref());
            }
        }
    }

    fn positive_units(&mut self, file: FileId, units: Option<&Spanned<u32>>) {
        if let Some(u) = units {
            if *u.get_ref() == 0 {
                self.at(file, u.span(), Msg::ZeroUnits);
            }
        }
    }

    fn cap(&mut self, file: FileId, cap: Option<&Cap>) {
        if let Some(cap) = cap {
            if *cap.count.get_ref() == 0 {
                self.at(file, cap.count.span(), Msg::ZeroCap);
            }
        }
    }

    fn table(&mut self, t: &Table, members: &HashSet<&str>) {
        let columns = t.columns.len();
        if t.rows.is_empty() && t.csv.is_none() {
            self.err(
                t.file,
                &t.id,
                Msg::NoEntries {
                    entries: "[[table.row]]".into(),
                },
            );
        }
        for row in &t.rows {
            if row.cells.get_ref().len() != columns {
                self.at(
                    t.rows_source(),
                    row.cells.span(),
                    Msg::RowCells {
                        label: row.label.to_string(),
                        cells: row.cells.get_ref().len(),
                        columns,
                    },
                );
            }
        }
        if !t.members.is_empty() && t.members.len() != columns {
            self.err(
                t.file,
                &t.members[0],
                Msg::TableMembers {
                    table: t.id.get_ref().clone(),
                    members: t.members.len(),
                    columns,
                },
            );
        }
        for m in &t.members {
            self.resolve(t.file, m, IdKind::MemberTown, members);
        }
        self.legend(t);
    }

    /// The accessibility policy claims one of the known conformance words, and
    /// each result names a JIS X 8341-3 criterion once with a known result.
    fn accessibility(&mut self) {
        use crate::model::accessibility::{CONFORMANCE, CRITERIA, RESULTS};
        let guide = self.guide;
        if let Some(policy) = &guide.accessibility.policy {
            let claim = policy.conformance.get_ref();
            if !CONFORMANCE.contains(&claim.as_str()) {
                self.at(
                    policy.file,
                    policy.conformance.span(),
                    Msg::Conformance {
                        claim: claim.clone(),
                    },
                );
            }
        }
        let Some(results) = &guide.accessibility.results else {
            return;
        };
        let mut seen: HashSet<&str> = HashSet::new();
        for c in &results.criteria {
            let id = c.id.get_ref().as_str();
            if !CRITERIA.iter().any(|(known, ..)| *known == id) {
                self.at(
                    results.file,
                    c.id.span(),
                    Msg::NotACriterion { id: id.to_string() },
                );
            } else if !seen.insert(id) {
                self.at(
                    results.file,
                    c.id.span(),
                    Msg::CriterionTwice { id: id.to_string() },
                );
            }
            let result = c.result.get_ref();
            if !RESULTS.contains(&result.as_str()) {
                self.at(
                    results.file,
                    c.result.span(),
                    Msg::TestResult {
                        result: result.clone(),
                    },
                );
            }
        }
    }

    /// Every mark a table's cells use is explained, by its legend or by a note
    /// that starts with the mark; a legend entry that is no single mark is an error.
    fn legend(&mut self, t: &Table) {
        for entry in &t.legend {
            let mark = entry.mark.get_ref();
            if mark.chars().count() != 1 {
                self.at(
                    t.file,
                    entry.mark.span(),
                    Msg::LegendMark { mark: mark.clone() },
                );
            }
        }
        let explained = |mark: char| {
            t.legend.iter().any(|e| e.mark.get_ref().starts_with(mark))
                || t.notes
                    .iter()
                    .any(|n| n.as_str().trim_start().starts_with(mark))
        };
        let mut reported: Vec<char> = Vec::new();
        for row in &t.rows {
            for cell in row.cells.get_ref() {
                let Some(mark) = crate::model::cell_mark(cell) else {
                    continue;
                };
                if explained(mark) || reported.contains(&mark) {
                    continue;
                }
                reported.push(mark);
                let d = self.guide.sources[t.rows_source()].warning(
                    row.cells.span(),
                    Msg::MarkUnexplained {
                        table: t.id.get_ref().clone(),
                        mark,
                    },
                );
                self.diags.push(d);
            }
        }
    }

    fn city(&mut self, city: &'g Municipality) {
        let info = &city.city;
        let file = info.file;
        let functions = self.function_ids();
        let roles = self.role_ids();
        let addons = self.addon_ids();
        let forms: HashSet<&str> = self
            .guide
            .forms
            .iter()
            .map(|f| f.id.get_ref().as_str())
            .collect();
        let members: HashSet<&str> = info
            .members
            .iter()
            .map(|m| m.id.get_ref().as_str())
            .collect();
        let mut seen = Seen::new(IdKind::MemberTown);
        for m in &info.members {
            self.unique(&mut seen, file, &m.id);
        }
        if let Some(revision) = &info.guide.fee_revision {
            let revisions: HashSet<&str> = reads::ids("revision", &self.guide.national.revisions)
                .iter()
                .map(|r| r.id.get_ref().as_str())
                .collect();
            self.resolve(file, revision, IdKind::Revision, &revisions);
        }
        for f in &info.functions {
            self.resolve(file, f, IdKind::HubFunction, &functions);
            let Some(national) = self.guide.function(f.get_ref()) else {
                continue;
            };
            let source = &self.guide.sources[file];
            if let Some(region) = national.region.as_deref().filter(|r| *r != info.prefecture) {
                self.diags.push(source.warning(
                    f.span(),
                    Msg::RegionFunction {
                        name: national.name.to_string(),
                        id: f.get_ref().clone(),
                        region: region.to_string(),
                        city: info.name.to_string(),
                        prefecture: info.prefecture.to_string(),
                    },
                ));
            }
        }
        for f in &info.forms {
            self.resolve(file, f, IdKind::Form, &forms);
        }
        for stated in &info.guide.states_none {
            let (key, what, given) = match stated.get_ref() {
                Stated::Subsidies => ("subsidies", "市単独補助", !city.subsidies.is_empty()),
                Stated::Coordinator => (
                    "coordinator",
                    "拠点コーディネーター",
                    info.coordinator.is_some(),
                ),
            };
            if given {
                self.at(
                    file,
                    stated.span(),
                    Msg::StatedNoneButGiven {
                        key: key.to_string(),
                        what: what.to_string(),
                    },
                );
            }
        }
        // A description of a misspelt function is reported as such; until it
        // is fixed, which function it describes is not known.
        let misspelt = city
            .functions
            .iter()
            .any(|d| !functions.contains(d.function.get_ref().as_str()));
        for f in &info.functions {
            let id = f.get_ref();
            let unread = self.guide.unreadable.contains(id.as_str());
            let other_region = self
                .guide
                .function(id)
                .and_then(|n| n.region.as_deref())
                .is_some_and(|r| r != info.prefecture);
            if functions.contains(id.as_str())
                && !unread
                && !misspelt
                && !other_region
                && city.description(id).is_none()
                && city.flows_of(id).is_empty()
            {
                let name = self
                    .guide
                    .function(id)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                let d = self.guide.sources[file].warning(
                    f.span(),
                    Msg::FunctionNotDescribed {
                        id: id.clone(),
                        name,
                    },
                );
                self.diags.push(d);
            }
        }

        let mut seen = Seen::new(IdKind::Organisation);
        for o in &city.organisations {
            self.unique(&mut seen, o.file, &o.id);
            self.resolve(o.file, &o.role, IdKind::Role, &roles);
            if let Some(m) = &o.member {
                self.resolve(o.file, m, IdKind::MemberTown, &members);
            }
        }
        let orgs: HashSet<&str> = city
            .organisations
            .iter()
            .map(|o| o.id.get_ref().as_str())
            .collect();
        if let Some(c) = &info.coordinator {
            self.resolve(file, &c.organisation, IdKind::Organisation, &orgs);
        }

        let mut seen = Seen::new(IdKind::Subsidy);
        for s in &city.subsidies {
            self.unique(&mut seen, s.file, &s.id);
            if let Some(f) = &s.function {
                self.resolve(s.file, f, IdKind::HubFunction, &functions);
            }
            for o in &s.claimants {
                self.resolve(s.file, o, IdKind::Organisation, &orgs);
            }
            for v in &s.values {
                for a in &v.amounts {
                    if *a.yen.get_ref() == 0 {
                        self.at(s.file, a.yen.span(), Msg::ZeroYen);
                    }
                }
                for l in &v.limits {
                    if *l.days.get_ref() == 0 {
                        self.at(s.file, l.days.span(), Msg::ZeroDays);
                    }
                }
            }
        }
        let subsidies: HashSet<&str> = city
            .subsidies
            .iter()
            .map(|s| s.id.get_ref().as_str())
            .collect();

        let mut seen = Seen::new(IdKind::FunctionDescription);
        for fd in &city.functions {
            self.unique(&mut seen, fd.file, &fd.function);
            self.resolve(fd.file, &fd.function, IdKind::HubFunction, &functions);
            for c in &fd.carriers {
                for o in &c.organisations {
                    self.resolve(fd.file, o, IdKind::Organisation, &orgs);
                }
            }
            for s in &fd.subsidies {
                self.resolve(fd.file, s, IdKind::Subsidy, &subsidies);
            }
        }

        for (a, cited) in city.addon_citations() {
            self.resolve(cited.file(), a, IdKind::AddOn, &addons);
        }
        let cited = crate::revisions::history::cited_addons(city);
        for c in &city.addon_conditions {
            for a in &c.addons {
                self.resolve(c.file, a, IdKind::AddOn, &addons);
                if cited.contains(a.get_ref()) {
                    continue;
                }
                // Only a condition on an add-on the city does not cite reads its name.
                if let Some(national) = self.guide.addon(a.get_ref()) {
                    let d = self.guide.sources[c.file].warning(
                        a.span(),
                        Msg::ConditionOnUncitedAddOn {
                            id: a.get_ref().clone(),
                            name: national.name.clone(),
                        },
                    );
                    self.diags.push(d);
                }
            }
        }

        let mut seen = Seen::new(IdKind::Flow);
        let mut steps: HashSet<String> = HashSet::new();
        for flow in &city.flows {
            self.unique(&mut seen, flow.file, &flow.id);
            for f in &flow.function {
                self.resolve(flow.file, f, IdKind::HubFunction, &functions);
            }
            let mut seen_steps = Seen::new(IdKind::Step);
            for step in &flow.steps {
                self.unique(&mut seen_steps, flow.file, &step.id);
                steps.insert(format!("{}/{}", flow.id.get_ref(), step.id.get_ref()));
                for s in &step.subsidies {
                    self.resolve(flow.file, s, IdKind::Subsidy, &subsidies);
                }
                for d in &step.duties {
                    self.resolve(flow.file, &d.organisation, IdKind::Organisation, &orgs);
                    for s in &d.subsidies {
                        self.resolve(flow.file, s, IdKind::Subsidy, &subsidies);
                    }
                }
                for doc in &step.documents {
                    if let Some(form) = &doc.form {
                        self.resolve(flow.file, form, IdKind::Form, &forms);
                    }
                    for party in doc.from.iter().chain(&doc.to) {
                        self.resolve(flow.file, party, IdKind::Organisation, &orgs);
                    }
                }
            }
        }
        self.flow_graphs(city, &orgs);
        let steps: HashSet<&str> = steps.iter().map(String::as_str).collect();

        let mut seen = Seen::new(IdKind::Qa);
        let mut numbers = HashSet::new();
        for q in &city.qa {
            self.unique(&mut seen, q.file, &q.id);
            if !numbers.insert(q.number) {
                self.err(q.file, &q.id, Msg::QaNumberTwice { number: q.number });
            }
            if let Some(a) = &q.asker {
                self.resolve(q.file, a, IdKind::Role, &roles);
            }
            if let Some(f) = &q.function {
                self.resolve(q.file, f, IdKind::HubFunction, &functions);
            }
            if let Some(s) = &q.step {
                self.resolve(q.file, s, IdKind::FlowStep, &steps);
            }
        }
        let mut seen = Seen::new(IdKind::GlossaryTerm);
        for t in &city.glossary {
            self.unique(&mut seen, t.file, &t.id);
        }
        let mut seen = Seen::new(IdKind::Directory);
        for d in &city.directories {
            self.unique(&mut seen, d.file, &d.id);
            if d.contacts.is_empty() && d.csv.is_none() {
                self.err(
                    d.file,
                    &d.id,
                    Msg::NoEntries {
                        entries: "[[directory.contact]]".into(),
                    },
                );
            }
            let file = d.contacts_source();
            for c in &d.contacts {
                if let Some(o) = &c.organisation {
                    self.resolve(file, o, IdKind::Organisation, &orgs);
                }
                if let Some(m) = &c.member {
                    self.resolve(file, m, IdKind::MemberTown, &members);
                }
            }
        }
        let mut seen = Seen::new(IdKind::Table);
        for t in &city.tables {
            self.unique(&mut seen, t.file, &t.id);
            self.table(t, &members);
        }
        let mut seen = Seen::new(IdKind::List);
        for l in &city.lists {
            self.unique(&mut seen, l.file, &l.id);
        }
        let mut seen = Seen::new(IdKind::Page);
        for p in &city.pages {
            self.unique(&mut seen, p.file, &p.meta.id);
            for f in &p.meta.functions {
                self.resolve(p.file, f, IdKind::HubFunction, &functions);
            }
        }
    }

    fn forms(&mut self) {
        let cities: HashSet<&str> = self.guide.cities.iter().map(|c| c.id()).collect();
        let mut seen = Seen::new(IdKind::Form);
        for f in &self.guide.forms {
            self.unique(&mut seen, f.file, &f.id);
            if let Some(city) = &f.city {
                if !cities.contains(city.as_str()) && !self.guide.unreadable.contains(city) {
                    let suggestion = closest(city, cities.iter().copied()).map(str::to_string);
                    let d = self.guide.sources[f.file].error(
                        f.id.span(),
                        Msg::FormUnknownCity {
                            form: f.id.get_ref().clone(),
                            city: city.clone(),
                            suggestion,
                        },
                    );
                    self.diags.push(d);
                }
            }
        }
    }
}

/// Ids are ASCII so they can be file names, URLs and PDF field names.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// The known id closest to a misspelt one, if it is close enough to suggest.
pub(crate) fn closest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::levenshtein(wrong, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_ascii_with_hyphens() {
        assert!(is_valid_id("soudan-kyoka"));
        assert!(is_valid_id("r6"));
        assert!(!is_valid_id("Soudan"));
        assert!(!is_valid_id("相談"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn suggests_close_ids_only() {
        let known = ["chiiki-soudan-kyoka", "shuchu-shien"];
        assert_eq!(
            closest("chiiki-soudan-kyouka", known.iter().copied()),
            Some("chiiki-soudan-kyoka")
        );
        assert_eq!(closest("zzz", known.iter().copied()), None);
    }
}
