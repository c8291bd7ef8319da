//! The checker: everything `tebiki check` verifies after loading — duplicate
//! ids, dangling references, impossible values, and cities restating national
//! numbers — each reported at the place it was written.

mod flows;
mod links;
mod periods;
mod restated;

use std::collections::{HashMap, HashSet};

pub use links::city_files;

use crate::diag::Diagnostics;
use crate::model::*;

/// The checks that read no city's own files: national content, forms, links
/// in national text and add-on periods. With [`city`] for every city, these
/// are every check (`crate::build::Checked` runs them).
pub fn shared(guide: &Guide, as_of: Date) -> Diagnostics {
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
/// city's faults stand until it or the national content changes.
pub fn city(guide: &Guide, city: &Municipality, as_of: Date) -> Diagnostics {
    let mut c = Checker {
        guide,
        diags: Diagnostics::default(),
    };
    c.city(city);
    placeholders(guide, city, &mut c.diags);
    links::check_city(guide, city, &mut c.diags);
    restated::check(guide, city, &mut c.diags);
    periods::check_city(guide, city, as_of, &mut c.diags);
    c.diags.extend(crate::guide::check::city(guide, city));
    c.diags
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
            diags.push(
                source
                    .warning(
                        at..at + crate::scaffold::PLACEHOLDER.len(),
                        "this text is still to be written (【記入】)",
                    )
                    .with_hint(
                        "replace 【記入】 and the words after it with what the city's guide says",
                    ),
            );
        }
    }
}

struct Checker<'g> {
    guide: &'g Guide,
    diags: Diagnostics,
}

/// Ids seen so far in one namespace, to report the second of a pair.
struct Seen<'a> {
    what: &'a str,
    first: HashMap<String, (FileId, std::ops::Range<usize>)>,
}

impl<'a> Seen<'a> {
    fn new(what: &'a str) -> Self {
        Seen {
            what,
            first: HashMap::new(),
        }
    }
}

impl<'g> Checker<'g> {
    fn err(&mut self, file: FileId, id: &Id, message: String, hint: impl Into<String>) {
        let d = self.guide.sources[file]
            .error(id.span(), message)
            .with_hint(hint);
        self.diags.push(d);
    }

    fn at(
        &mut self,
        file: FileId,
        span: std::ops::Range<usize>,
        message: String,
        hint: impl Into<String>,
    ) {
        let d = self.guide.sources[file]
            .error(span, message)
            .with_hint(hint);
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
                format!("duplicate {} id `{key}`", seen.what),
                format!("it is already defined at {where_}; give one of them another id"),
            );
        } else {
            if !is_valid_id(&key) {
                self.err(
                    file,
                    id,
                    format!("{} id `{key}` is not a valid id", seen.what),
                    "ids use lower-case ASCII letters, digits and hyphens, e.g. `soudan-kyoka`",
                );
            }
            seen.first.insert(key, (file, id.span()));
        }
    }

    fn resolve(&mut self, file: FileId, id: &Id, what: &str, known: &HashSet<&str>, hint: &str) {
        let id_text = id.get_ref().as_str();
        let flow_of_step = id_text.split('/').next().unwrap_or(id_text);
        if self.guide.unreadable.contains(id_text) || self.guide.unreadable.contains(flow_of_step) {
            return;
        }
        if !known.contains(id_text) && !known.iter().any(|k| links::same_id(k, id_text)) {
            let suggestion = closest(id.get_ref(), known.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            self.err(
                file,
                id,
                format!("unknown {what} `{}`", id.get_ref()),
                format!("{hint}{suggestion}"),
            );
        }
    }

    fn national(&mut self) {
        let n = &self.guide.national;
        let mut seen = Seen::new("hub function");
        for f in &n.functions {
            self.unique(&mut seen, f.file, &f.id);
        }
        let mut seen = Seen::new("role");
        for r in &n.roles {
            self.unique(&mut seen, r.file, &r.id);
        }
        let mut seen = Seen::new("revision");
        for r in &n.revisions {
            self.unique(&mut seen, r.file, &r.id);
        }
        let mut seen = Seen::new("add-on");
        for a in &n.addons {
            self.unique(&mut seen, a.file, &a.id);
        }
        let mut seen = Seen::new("monitoring period");
        for m in &n.monitoring {
            self.unique(&mut seen, m.file, &m.id);
            if !(1..=12).contains(m.months.get_ref()) {
                self.at(
                    m.file,
                    m.months.span(),
                    format!(
                        "monitoring period of {} months is impossible",
                        m.months.get_ref()
                    ),
                    "standard monitoring periods are between 1 and 12 months",
                );
            }
        }
        let mut seen = Seen::new("table");
        for t in &n.tables {
            self.unique(&mut seen, t.file, &t.id);
            self.table(t, &HashSet::new());
        }
        let mut seen = Seen::new("page");
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
                self.resolve(p.file, f, "hub function", &functions, FUNCTION_HINT);
            }
        }
    }

    fn function_ids(&self) -> HashSet<&'g str> {
        self.guide
            .national
            .functions
            .iter()
            .map(|f| f.id.get_ref().as_str())
            .collect()
    }

    fn role_ids(&self) -> HashSet<&'g str> {
        self.guide
            .national
            .roles
            .iter()
            .map(|r| r.id.get_ref().as_str())
            .collect()
    }

    fn addon_ids(&self) -> HashSet<&'g str> {
        self.guide
            .national
            .addons
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
            self.resolve(a.file, f, "hub function", functions, FUNCTION_HINT);
        }
        for r in &a.claimants {
            self.resolve(a.file, r, "role", roles, ROLE_HINT);
        }
        for nc in &a.not_combinable {
            if let Some(other) = &nc.addon {
                self.resolve(a.file, other, "add-on", addons, ADDON_HINT);
            }
        }
        if a.values.is_empty() {
            self.err(
                a.file,
                &a.id,
                format!("add-on `{}` has no value", a.id.get_ref()),
                "add a [[addon.value]] with the revision and its units",
            );
        }
        let mut seen_revisions = Seen::new("revision of this add-on");
        for v in &a.values {
            self.resolve(
                a.file,
                &v.revision,
                "revision",
                revisions,
                "revisions are defined in content/national/revisions.toml",
            );
            if seen_revisions.first.contains_key(v.revision.get_ref()) {
                self.err(
                    a.file,
                    &v.revision,
                    format!(
                        "add-on `{}` has two values for revision `{}`",
                        a.id.get_ref(),
                        v.revision.get_ref()
                    ),
                    "keep one [[addon.value]] per revision",
                );
            }
            seen_revisions
                .first
                .insert(v.revision.get_ref().clone(), (a.file, v.revision.span()));
            if v.units.is_none() && v.variants.is_empty() && v.note.is_none() {
                self.err(
                    a.file,
                    &v.revision,
                    format!("value of `{}` for `{}` states no units", a.id.get_ref(), v.revision.get_ref()),
                    "give `units = …`, or [[addon.value.variant]] entries, or a `note` saying why there are none",
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
                self.at(
                    file,
                    u.span(),
                    "0 units is not a fee".into(),
                    "write the number of units from the fee schedule, e.g. `units = 700`",
                );
            }
        }
    }

    fn cap(&mut self, file: FileId, cap: Option<&Cap>) {
        if let Some(cap) = cap {
            if *cap.count.get_ref() == 0 {
                self.at(
                    file,
                    cap.count.span(),
                    "a cap of 0 forbids the fee altogether".into(),
                    "write the limit as printed, e.g. `count = 4` for 月4回を限度",
                );
            }
        }
    }

    fn table(&mut self, t: &Table, members: &HashSet<&str>) {
        let columns = t.columns.len();
        for row in &t.rows {
            if row.cells.get_ref().len() != columns {
                self.at(
                    t.file,
                    row.cells.span(),
                    format!(
                        "row `{}` has {} cells but the table has {columns} columns",
                        row.label,
                        row.cells.get_ref().len()
                    ),
                    "give one cell per column, in column order; use \"\" for an empty cell",
                );
            }
        }
        if !t.members.is_empty() && t.members.len() != columns {
            self.err(
                t.file,
                &t.members[0],
                format!(
                    "table `{}` names {} member towns for {columns} columns",
                    t.id.get_ref(),
                    t.members.len()
                ),
                "list one member town per column, in column order",
            );
        }
        for m in &t.members {
            self.resolve(
                t.file,
                m,
                "member town",
                members,
                "member towns are listed as [[member]] in the city's city.toml",
            );
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
                    format!("conformance `{claim}` is not one of 準拠, 一部準拠, 配慮"),
                    "write how far the site meets the standard: `conformance = \"準拠\"` (or 一部準拠, 配慮)",
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
                    format!("`{id}` is not a success criterion of JIS X 8341-3:2016 (A, AA)"),
                    "write the criterion's number as the standard does, e.g. `id = \"1.4.3\"`",
                );
            } else if !seen.insert(id) {
                self.at(
                    results.file,
                    c.id.span(),
                    format!("criterion `{id}` has two results"),
                    "give each criterion one [[criterion]] entry",
                );
            }
            let result = c.result.get_ref();
            if !RESULTS.contains(&result.as_str()) {
                self.at(
                    results.file,
                    c.result.span(),
                    format!("result `{result}` is not one of 適合, 不適合, 非適用, 未試験"),
                    "write the result as a test report does: `result = \"適合\"`",
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
                    format!("legend mark `{mark}` is not one character"),
                    "write one mark per [[table.legend]], e.g. `mark = \"○\"`",
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
                let d = self.guide.sources[t.file]
                    .warning(
                        row.cells.span(),
                        format!(
                            "table `{}` uses the mark `{mark}` but does not say what it means",
                            t.id.get_ref()
                        ),
                    )
                    .with_hint(format!(
                        "add to the table: [[table.legend]] mark = \"{mark}\" means = \"…\" \
                         (add inferred = true if the guide gives no legend and you read it from the table)"
                    ));
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
        let mut seen = Seen::new("member town");
        for m in &info.members {
            self.unique(&mut seen, file, &m.id);
        }
        for f in &info.functions {
            self.resolve(file, f, "hub function", &functions, FUNCTION_HINT);
            let Some(national) = self.guide.function(f.get_ref()) else {
                continue;
            };
            let source = &self.guide.sources[file];
            if let Some(region) = national.region.as_deref().filter(|r| *r != info.prefecture) {
                self.diags.push(
                    source
                        .warning(
                            f.span(),
                            format!(
                                "{}（`{}`）is a function of {region} only; {} is in {}",
                                national.name,
                                f.get_ref(),
                                info.name,
                                info.prefecture
                            ),
                        )
                        .with_hint(format!(
                            "remove `{}` from `functions`, unless the guide itself lists it",
                            f.get_ref()
                        )),
                );
            }
        }
        for f in &info.forms {
            self.resolve(file, f, "form", &forms, FORM_HINT);
        }

        let mut seen = Seen::new("organisation");
        for o in &city.organisations {
            self.unique(&mut seen, o.file, &o.id);
            self.resolve(o.file, &o.role, "role", &roles, ROLE_HINT);
            if let Some(m) = &o.member {
                self.resolve(o.file, m, "member town", &members, MEMBER_HINT);
            }
        }
        let orgs: HashSet<&str> = city
            .organisations
            .iter()
            .map(|o| o.id.get_ref().as_str())
            .collect();
        if let Some(c) = &info.coordinator {
            self.resolve(file, &c.organisation, "organisation", &orgs, ORG_HINT);
        }

        let mut seen = Seen::new("subsidy");
        for s in &city.subsidies {
            self.unique(&mut seen, s.file, &s.id);
            if let Some(f) = &s.function {
                self.resolve(s.file, f, "hub function", &functions, FUNCTION_HINT);
            }
            for o in &s.claimants {
                self.resolve(s.file, o, "organisation", &orgs, ORG_HINT);
            }
            for v in &s.values {
                for a in &v.amounts {
                    if *a.yen.get_ref() == 0 {
                        self.at(
                            s.file,
                            a.yen.span(),
                            "a subsidy of 0 yen pays nothing".into(),
                            "write the amount in yen as printed, e.g. `yen = 7000`",
                        );
                    }
                }
                for l in &v.limits {
                    if *l.days.get_ref() == 0 {
                        self.at(
                            s.file,
                            l.days.span(),
                            "a limit of 0 days allows nothing".into(),
                            "write the day limit as printed, e.g. `days = 7`",
                        );
                    }
                }
            }
        }
        let subsidies: HashSet<&str> = city
            .subsidies
            .iter()
            .map(|s| s.id.get_ref().as_str())
            .collect();

        let mut seen = Seen::new("function description");
        for fd in &city.functions {
            self.unique(&mut seen, fd.file, &fd.function);
            self.resolve(
                fd.file,
                &fd.function,
                "hub function",
                &functions,
                FUNCTION_HINT,
            );
            for c in &fd.carriers {
                for o in &c.organisations {
                    self.resolve(fd.file, o, "organisation", &orgs, ORG_HINT);
                }
            }
            for a in &fd.addons {
                self.resolve(fd.file, a, "add-on", &addons, ADDON_HINT);
            }
            for s in &fd.subsidies {
                self.resolve(fd.file, s, "subsidy", &subsidies, SUBSIDY_HINT);
            }
        }

        let mut seen = Seen::new("flow");
        let mut steps: HashSet<String> = HashSet::new();
        for flow in &city.flows {
            self.unique(&mut seen, flow.file, &flow.id);
            for f in &flow.function {
                self.resolve(flow.file, f, "hub function", &functions, FUNCTION_HINT);
            }
            let mut seen_steps = Seen::new("step");
            for step in &flow.steps {
                self.unique(&mut seen_steps, flow.file, &step.id);
                steps.insert(format!("{}/{}", flow.id.get_ref(), step.id.get_ref()));
                for a in &step.addons {
                    self.resolve(flow.file, a, "add-on", &addons, ADDON_HINT);
                }
                for s in &step.subsidies {
                    self.resolve(flow.file, s, "subsidy", &subsidies, SUBSIDY_HINT);
                }
                for d in &step.duties {
                    self.resolve(flow.file, &d.organisation, "organisation", &orgs, ORG_HINT);
                    for a in &d.addons {
                        self.resolve(flow.file, a, "add-on", &addons, ADDON_HINT);
                    }
                    for s in &d.subsidies {
                        self.resolve(flow.file, s, "subsidy", &subsidies, SUBSIDY_HINT);
                    }
                }
                for doc in &step.documents {
                    if let Some(form) = &doc.form {
                        self.resolve(flow.file, form, "form", &forms, FORM_HINT);
                    }
                    for party in doc.from.iter().chain(&doc.to) {
                        self.resolve(flow.file, party, "organisation", &orgs, ORG_HINT);
                    }
                }
            }
        }
        self.flow_graphs(city, &orgs);
        let steps: HashSet<&str> = steps.iter().map(String::as_str).collect();

        let mut seen = Seen::new("Q&A");
        let mut numbers = HashSet::new();
        for q in &city.qa {
            self.unique(&mut seen, q.file, &q.id);
            if !numbers.insert(q.number) {
                self.err(
                    q.file,
                    &q.id,
                    format!("two questions are numbered {}", q.number),
                    "each Q&A number appears once per city",
                );
            }
            if let Some(a) = &q.asker {
                self.resolve(q.file, a, "role", &roles, ROLE_HINT);
            }
            if let Some(f) = &q.function {
                self.resolve(q.file, f, "hub function", &functions, FUNCTION_HINT);
            }
            if let Some(s) = &q.step {
                self.resolve(
                    q.file,
                    s,
                    "step",
                    &steps,
                    "write the step as `flow-id/step-id`, both from this city's flows",
                );
            }
        }
        let mut seen = Seen::new("glossary term");
        for t in &city.glossary {
            self.unique(&mut seen, t.file, &t.id);
        }
        let mut seen = Seen::new("directory");
        for d in &city.directories {
            self.unique(&mut seen, d.file, &d.id);
            for c in &d.contacts {
                if let Some(o) = &c.organisation {
                    self.resolve(d.file, o, "organisation", &orgs, ORG_HINT);
                }
                if let Some(m) = &c.member {
                    self.resolve(d.file, m, "member town", &members, MEMBER_HINT);
                }
            }
        }
        let mut seen = Seen::new("table");
        for t in &city.tables {
            self.unique(&mut seen, t.file, &t.id);
            self.table(t, &members);
        }
        let mut seen = Seen::new("list");
        for l in &city.lists {
            self.unique(&mut seen, l.file, &l.id);
        }
        let mut seen = Seen::new("page");
        for p in &city.pages {
            self.unique(&mut seen, p.file, &p.meta.id);
            for f in &p.meta.functions {
                self.resolve(p.file, f, "hub function", &functions, FUNCTION_HINT);
            }
        }
    }

    fn forms(&mut self) {
        let cities: HashSet<&str> = self.guide.cities.iter().map(|c| c.id()).collect();
        let mut seen = Seen::new("form");
        for f in &self.guide.forms {
            self.unique(&mut seen, f.file, &f.id);
            if let Some(city) = &f.city {
                if !cities.contains(city.as_str()) && !self.guide.unreadable.contains(city) {
                    let d = self.guide.sources[f.file]
                        .error(
                            f.id.span(),
                            format!("form `{}` names unknown city `{city}`", f.id.get_ref()),
                        )
                        .with_hint("`city` must be the id of a folder in content/cities/");
                    self.diags.push(d);
                }
            }
        }
    }
}

const FUNCTION_HINT: &str = "hub functions are defined in content/national/functions.toml";
const ROLE_HINT: &str = "role types are defined in content/national/roles.toml";
const ADDON_HINT: &str = "add-ons are defined once, nationally, in content/national/addons/";
const FORM_HINT: &str = "forms are defined in forms/; use the id in the form's [form] header";
const ORG_HINT: &str =
    "organisations are defined as [[organisation]] in this city's organisations.toml";
const SUBSIDY_HINT: &str =
    "local subsidies are defined as [[subsidy]] in this city's subsidies.toml";
const MEMBER_HINT: &str = "member towns are listed as [[member]] in the city's city.toml";

/// Ids are ASCII so they can be file names, URLs and PDF field names.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// The known id closest to a misspelt one, if it is close enough to suggest.
fn closest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
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
