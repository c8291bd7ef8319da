//! Reading `forms/**/*.toml` into finished [`Form`]s: each file is parsed on
//! its own, variants are applied on top of the form they extend, and every
//! fault (unknown key, dangling `extends`, duplicate or non-ASCII name, a
//! choice without options …) becomes a diagnostic with file, line and hint.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::Form;
use super::definition::*;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::load::TomlFile;
use crate::messages::{IdKind, Msg};
use crate::model::Spanned;

/// Rows a rows field may print.
const MAX_ROWS: u32 = 50;
/// Columns a rows field may have.
const MAX_COLUMNS: usize = 12;
/// Options a choice or checks field may list.
const MAX_OPTIONS: usize = 60;

/// Reads and resolves every form definition under `dir`, with every fault found.
pub fn load(dir: &Path) -> (Vec<Form>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut files: Vec<(SourceFile, FormFile)> = Vec::new();
    for path in crate::load::files(dir, "toml") {
        let Some(source) =
            crate::load::read_source(&path, crate::messages::SourceKind::Form, &mut diags)
        else {
            continue;
        };
        let parsed: Option<FormFile> =
            TomlFile::parse(&source, &mut diags).into_whole(&mut diags, &mut Vec::new());
        if let Some(mut file) = parsed {
            let fields = file.sections.iter_mut().flat_map(|s| &mut s.fields);
            for f in fields.chain(file.add.iter_mut().map(|a| &mut a.field)) {
                f.defined_at = Some((source.path.clone(), source.line_col(f.kind.span().start)));
            }
            files.push((source, file));
        }
    }
    let mut resolver = Resolver {
        files: &files,
        by_id: BTreeMap::new(),
        done: BTreeMap::new(),
        diags: &mut diags,
    };
    for (i, (source, file)) in files.iter().enumerate() {
        let id = file.form.id.get_ref().clone();
        if let Some(&first) = resolver.by_id.get(&id) {
            let first: &(SourceFile, FormFile) = &files[first];
            let at = first.0.line_col(first.1.form.id.span().start);
            resolver.diags.push(source.error(
                file.form.id.span(),
                Msg::DuplicateId {
                    kind: IdKind::Form,
                    id: id.clone(),
                    first: format!(
                        "{}:{}:{}",
                        crate::diag::display_path(&first.0.path),
                        at.line,
                        at.col
                    ),
                },
            ));
            continue;
        }
        resolver.by_id.insert(id, i);
    }
    let mut forms = Vec::new();
    for (i, (source, file)) in files.iter().enumerate() {
        if resolver.by_id.get(file.form.id.get_ref()) != Some(&i) {
            continue;
        }
        if let Some(resolved) = resolver.resolve(i, &mut Vec::new()) {
            validate(&resolved, source, file, resolver.diags);
            forms.push(resolved.finish());
        }
    }
    forms.sort_by(|a, b| a.id.cmp(&b.id));
    (forms, diags)
}

struct Resolver<'a> {
    files: &'a [(SourceFile, FormFile)],
    by_id: BTreeMap<String, usize>,
    done: BTreeMap<usize, Option<Resolved>>,
    diags: &'a mut Diagnostics,
}

/// A form with its variant chain applied, its sections still as written,
/// so that a variant of it can change them and the checks can point into them.
#[derive(Clone)]
struct Resolved {
    /// Everything but the sections, which [`Resolved::finish`] fills in.
    form: Form,
    sections: Vec<Section>,
}

impl Resolved {
    /// The form the renderers take: its fields each of their kind.
    fn finish(self) -> Form {
        Form {
            sections: self
                .sections
                .iter()
                .map(super::Section::from_definition)
                .collect(),
            ..self.form
        }
    }
}

impl Resolver<'_> {
    /// The finished form of file `i`, applying its variant chain; `None` on a fault.
    fn resolve(&mut self, i: usize, chain: &mut Vec<usize>) -> Option<Resolved> {
        if let Some(done) = self.done.get(&i) {
            return done.clone();
        }
        let (source, file) = &self.files[i];
        if chain.contains(&i) {
            let id = &file.form.id;
            self.diags.push(source.error(
                id.span(),
                Msg::FormExtendsItself {
                    form: id.get_ref().clone(),
                },
            ));
            return None;
        }
        let result = match &file.form.extends {
            None => Some(Resolved::from_whole(file, &source.path)),
            Some(base_id) => match self.by_id.get(base_id.get_ref()).copied() {
                None => {
                    let known: Vec<String> = self.by_id.keys().cloned().collect();
                    let suggestion =
                        crate::check::closest(base_id.get_ref(), known.iter().map(String::as_str))
                            .map(str::to_string);
                    self.diags.push(source.error(
                        base_id.span(),
                        Msg::ExtendsUnknownForm {
                            base: base_id.get_ref().clone(),
                            known,
                            suggestion,
                        },
                    ));
                    None
                }
                Some(base) => {
                    chain.push(i);
                    let base = self.resolve(base, chain);
                    chain.pop();
                    base.map(|base| apply_variant(base, source, file, self.diags))
                }
            },
        };
        self.done.insert(i, result.clone());
        result
    }
}

impl Resolved {
    fn from_whole(file: &FormFile, path: &Path) -> Resolved {
        let h = &file.form;
        let form = Form {
            id: h.id.get_ref().clone(),
            title: h.title.clone(),
            city: h.city.clone(),
            number: h.number.clone(),
            addressee: h.addressee.clone(),
            date_label: h.date_label.clone(),
            preamble: h.preamble.clone().unwrap_or_default(),
            article: h.article.clone(),
            notes: h.notes.clone().unwrap_or_default(),
            signature: h
                .signature
                .as_ref()
                .map(|s| *s.get_ref())
                .unwrap_or_default(),
            source: h.source.clone(),
            sections: Vec::new(),
            compact: h.compact.unwrap_or(false),
            file: path.to_path_buf(),
        };
        Resolved {
            form,
            sections: file.sections.clone(),
        }
    }
}

/// The base form with a variant's header, removals, relabels and additions applied.
fn apply_variant(
    mut resolved: Resolved,
    source: &SourceFile,
    file: &FormFile,
    diags: &mut Diagnostics,
) -> Resolved {
    let h = &file.form;
    let form = &mut resolved.form;
    form.id = h.id.get_ref().clone();
    form.file.clone_from(&source.path);
    form.title = h.title.clone();
    form.city = h.city.clone();
    let set = |slot: &mut Option<String>, value: &Option<String>| {
        if value.is_some() {
            slot.clone_from(value);
        }
    };
    set(&mut form.number, &h.number);
    set(&mut form.addressee, &h.addressee);
    set(&mut form.date_label, &h.date_label);
    set(&mut form.article, &h.article);
    if let Some(source_note) = &h.source {
        form.source = Some(source_note.clone());
    }
    if let Some(p) = &h.preamble {
        form.preamble.clone_from(p);
    }
    if let Some(n) = &h.notes {
        form.notes.clone_from(n);
    }
    if let Some(s) = &h.signature {
        form.signature = *s.get_ref();
    }
    if let Some(c) = h.compact {
        form.compact = c;
    }
    let sections = &mut resolved.sections;
    for r in &file.remove {
        if !remove_path(sections, r.path.get_ref()) {
            diags.push(unknown_path(source, &r.path, "remove"));
        }
    }
    for r in &file.relabel {
        match find_mut(sections, r.path.get_ref()) {
            Some(Target::Section(s)) => s.title = Some(r.label.clone()),
            Some(Target::Field(f)) => f.label = r.label.clone(),
            None => diags.push(unknown_path(source, &r.path, "relabel")),
        }
    }
    for a in &file.add {
        let Some(section) = sections
            .iter_mut()
            .find(|s| s.id.get_ref() == a.section.get_ref())
        else {
            diags.push(unknown_path(source, &a.section, "add"));
            continue;
        };
        let at = match &a.after {
            None => section.fields.len(),
            Some(after) => match section
                .fields
                .iter()
                .position(|f| f.name.get_ref() == after.get_ref())
            {
                Some(p) => p + 1,
                None => {
                    diags.push(unknown_path(source, after, "add after"));
                    continue;
                }
            },
        };
        section.fields.insert(at, a.field.clone());
    }
    for s in &file.sections {
        if let Some(existing) = sections
            .iter_mut()
            .find(|x| x.id.get_ref() == s.id.get_ref())
        {
            *existing = s.clone();
            continue;
        }
        let at = match &s.after {
            None => sections.len(),
            Some(after) => match sections
                .iter()
                .position(|x| x.id.get_ref() == after.get_ref())
            {
                Some(p) => p + 1,
                None => {
                    diags.push(unknown_path(source, after, "section after"));
                    continue;
                }
            },
        };
        sections.insert(at, s.clone());
    }
    resolved
}

fn unknown_path(source: &SourceFile, path: &Spanned<String>, what: &str) -> Diagnostic {
    source.error(
        path.span(),
        Msg::BaseFormHasNo {
            what: what.to_string(),
            path: path.get_ref().clone(),
        },
    )
}

enum Target<'a> {
    Section(&'a mut Section),
    Field(&'a mut Field),
}

fn find_mut<'a>(sections: &'a mut [Section], path: &str) -> Option<Target<'a>> {
    let (section, field) = match path.split_once('.') {
        Some((s, f)) => (s, Some(f)),
        None => (path, None),
    };
    let section = sections.iter_mut().find(|s| s.id.get_ref() == section)?;
    match field {
        None => Some(Target::Section(section)),
        Some(field) => section
            .fields
            .iter_mut()
            .find(|f| f.name.get_ref() == field)
            .map(Target::Field),
    }
}

fn remove_path(sections: &mut Vec<Section>, path: &str) -> bool {
    match path.split_once('.') {
        None => {
            let before = sections.len();
            sections.retain(|s| s.id.get_ref() != path);
            sections.len() != before
        }
        Some((section, field)) => {
            let Some(s) = sections.iter_mut().find(|s| s.id.get_ref() == section) else {
                return false;
            };
            let before = s.fields.len();
            s.fields.retain(|f| f.name.get_ref() != field);
            s.fields.len() != before
        }
    }
}

/// Names become PDF field names: lower-case ASCII, digits and `_`, starting with a letter.
pub(super) fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Checks what serde cannot: names, uniqueness and the keys each kind needs.
/// Spans point into the file that defined the form; inherited parts were checked with their base.
fn validate(form: &Resolved, source: &SourceFile, file: &FormFile, diags: &mut Diagnostics) {
    if let Some(page) = &file.form.page {
        if page.get_ref() != "A4" {
            diags.push(source.error(
                page.span(),
                Msg::PageSize {
                    page: page.get_ref().clone(),
                },
            ));
        }
    }
    let own: HashSet<usize> = file.sections.iter().map(|s| s.id.span().start).collect();
    let own_fields: HashSet<usize> = file
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .chain(file.add.iter().map(|a| &a.field))
        .map(|f| f.name.span().start)
        .collect();
    let mut sections = HashSet::new();
    for s in &form.sections {
        let mine = own.contains(&s.id.span().start);
        let mut err = |span: std::ops::Range<usize>, message: Msg| {
            diags.push(source.error(span, message));
        };
        let id = s.id.get_ref().clone();
        if mine && (!valid_name(&id) || id == "date") {
            err(s.id.span(), Msg::SectionIdInvalid { id: id.clone() });
        }
        if !sections.insert(s.id.get_ref().as_str()) && mine {
            err(s.id.span(), Msg::DuplicateSection { id });
        }
        let mut names = HashSet::new();
        for (i, f) in s.fields.iter().enumerate() {
            if !own_fields.contains(&f.name.span().start) {
                names.insert(f.name.get_ref().clone());
                continue;
            }
            validate_field(f, &mut names, &mut err);
            let inline = |f: &Field| {
                matches!(
                    f.kind.get_ref(),
                    FieldKind::Text | FieldKind::Date | FieldKind::Choice | FieldKind::Checks
                )
            };
            let before = i.checked_sub(1).and_then(|p| s.fields.get(p));
            if f.beside && (f.furigana || !inline(f) || !before.is_some_and(inline)) {
                err(
                    f.kind.span(),
                    Msg::BesideCannot {
                        name: f.name.get_ref().clone(),
                    },
                );
            }
            if f.across && f.kind.get_ref() != &FieldKind::Confirm {
                err(
                    f.kind.span(),
                    Msg::AcrossOnlyConfirm {
                        name: f.name.get_ref().clone(),
                    },
                );
            }
            let kind = *f.kind.get_ref();
            for key in keys_set(f) {
                if !keys_of(kind).contains(&key) {
                    err(
                        f.kind.span(),
                        Msg::KeyNotForKind {
                            name: f.name.get_ref().clone(),
                            key: key.to_string(),
                            kind: kind_name(kind).to_string(),
                            allowed: keys_of(kind).join(", "),
                        },
                    );
                }
            }
        }
    }
    // Boxes too narrow for what they are expected to hold, once per file
    // that defines the field.
    for s in &form.sections {
        // Fields printed beside one another share their row's width.
        let mut rows: Vec<Vec<&Field>> = Vec::new();
        for f in &s.fields {
            match rows.last_mut() {
                Some(row) if f.beside => row.push(f),
                _ => rows.push(vec![f]),
            }
        }
        for row in rows {
            for (f, width) in row.iter().zip(super::fit::row_widths(&row)) {
                if !own_fields.contains(&f.name.span().start) {
                    continue;
                }
                let seal = f.signer && form.form.signature == super::SignatureStyle::KimeiOuin;
                super::fit::check(s.id.get_ref(), f, (seal, width), source, diags);
            }
        }
    }
}

fn validate_field(
    f: &Field,
    names: &mut HashSet<String>,
    err: &mut impl FnMut(std::ops::Range<usize>, Msg),
) {
    let name = f.name.get_ref();
    let named = || name.clone();
    if !valid_name(name) {
        err(f.name.span(), Msg::FieldNameInvalid { name: named() });
    }
    if !names.insert(name.clone()) {
        err(f.name.span(), Msg::DuplicateField { name: named() });
    }
    if f.furigana && !names.insert(format!("{name}_kana")) {
        err(f.name.span(), Msg::KanaTaken { name: named() });
    }
    let kind = *f.kind.get_ref();
    let span = f.kind.span();
    let check_values = |options: &[Choice], err: &mut dyn FnMut(std::ops::Range<usize>, Msg)| {
        let mut seen = HashSet::new();
        for o in options {
            if !valid_name(o.value.get_ref()) || !seen.insert(o.value.get_ref().clone()) {
                err(
                    o.value.span(),
                    Msg::OptionValueInvalid {
                        value: o.value.get_ref().clone(),
                    },
                );
            }
        }
    };
    match kind {
        FieldKind::Choice | FieldKind::Checks if f.options.len() > MAX_OPTIONS => {
            err(
                span.clone(),
                Msg::TooManyOptions {
                    name: named(),
                    count: f.options.len(),
                    max: MAX_OPTIONS,
                },
            );
        }
        FieldKind::Choice | FieldKind::Checks => {
            if f.options.len() < if kind == FieldKind::Choice { 2 } else { 1 } {
                err(span.clone(), Msg::TooFewOptions { name: named() });
            }
            check_values(&f.options, &mut *err);
        }
        FieldKind::Rows => {
            if f.count.as_ref().is_none_or(|c| *c.get_ref() == 0) || f.columns.is_empty() {
                err(span.clone(), Msg::RowsNeedCount { name: named() });
            }
            if let Some(count) = f.count.as_ref().filter(|c| *c.get_ref() > MAX_ROWS) {
                err(
                    count.span(),
                    Msg::TooManyRows {
                        name: named(),
                        count: *count.get_ref(),
                        max: MAX_ROWS,
                    },
                );
            }
            if f.columns.len() > MAX_COLUMNS {
                err(
                    span.clone(),
                    Msg::TooManyColumns {
                        name: named(),
                        count: f.columns.len(),
                        max: MAX_COLUMNS,
                    },
                );
            }
            let mut seen = HashSet::new();
            for c in &f.columns {
                if !valid_name(c.name.get_ref()) || !seen.insert(c.name.get_ref().clone()) {
                    err(
                        c.name.span(),
                        Msg::ColumnNameInvalid {
                            name: c.name.get_ref().clone(),
                        },
                    );
                }
                check_values(&c.options, &mut *err);
            }
            if f.per_line.as_ref().is_some_and(|p| *p.get_ref() == 0) {
                err(span.clone(), Msg::PerLineZero);
            }
        }
        FieldKind::Fixed => {
            if f.text.is_none() {
                err(span.clone(), Msg::FixedNoText { name: named() });
            }
        }
        FieldKind::Confirm => {
            if f.parties.is_empty() {
                err(span.clone(), Msg::ConfirmNoParties { name: named() });
            }
            let mut seen = HashSet::new();
            for p in &f.parties {
                if !valid_name(p.name.get_ref()) || !seen.insert(p.name.get_ref().clone()) {
                    err(
                        p.name.span(),
                        Msg::PartyNameInvalid {
                            name: p.name.get_ref().clone(),
                        },
                    );
                }
            }
        }
        FieldKind::Date => {
            for era in &f.eras {
                if super::era_value(era).is_none() {
                    err(span.clone(), Msg::UnknownEra { era: era.clone() });
                }
            }
        }
        FieldKind::Text => {}
    }
    if f.lines
        .as_ref()
        .is_some_and(|l| *l.get_ref() == 0 || *l.get_ref() > 20)
    {
        err(span.clone(), Msg::LinesOutOfRange);
    }
}

/// The keys a field of `kind` reads, besides those every field may have
/// (`name`, `label`, `kind`, `note`, `required`, `beside`, `across`).
fn keys_of(kind: FieldKind) -> &'static [&'static str] {
    match kind {
        FieldKind::Text => &[
            "lines",
            "max_length",
            "expected_length",
            "furigana",
            "prefix",
            "signer",
        ],
        FieldKind::Date => &["eras"],
        FieldKind::Choice => &["options", "boxes"],
        FieldKind::Checks => &["options"],
        FieldKind::Rows => &["count", "columns", "per_line"],
        FieldKind::Fixed => &["text"],
        FieldKind::Confirm => &["text", "parties"],
    }
}

/// The kind's name as a definition writes it.
fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Date => "date",
        FieldKind::Choice => "choice",
        FieldKind::Checks => "checks",
        FieldKind::Rows => "rows",
        FieldKind::Fixed => "fixed",
        FieldKind::Confirm => "confirm",
    }
}

/// The keys of one kind or another that a field sets. The field is taken
/// apart whole, so a new key does not compile until it is sorted here.
fn keys_set(f: &Field) -> Vec<&'static str> {
    let Field {
        name: _,
        label: _,
        kind: _,
        note: _,
        required: _,
        beside: _,
        across: _,
        defined_at: _,
        lines,
        max_length,
        expected_length,
        furigana,
        signer,
        prefix,
        options,
        boxes,
        count,
        columns,
        per_line,
        text,
        parties,
        eras,
    } = f;
    [
        ("lines", lines.is_some()),
        ("max_length", max_length.is_some()),
        ("expected_length", expected_length.is_some()),
        ("furigana", *furigana),
        ("signer", *signer),
        ("prefix", prefix.is_some()),
        ("options", !options.is_empty()),
        ("boxes", *boxes),
        ("count", count.is_some()),
        ("columns", !columns.is_empty()),
        ("per_line", per_line.is_some()),
        ("text", text.is_some()),
        ("parties", !parties.is_empty()),
        ("eras", !eras.is_empty()),
    ]
    .into_iter()
    .filter_map(|(key, set)| set.then_some(key))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(files: &[(&str, &str)]) -> (Vec<Form>, String) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (forms, diags) = load(dir.path());
        let report = diags
            .report()
            .replace(&crate::diag::display_path(dir.path()), "");
        (forms, report)
    }

    const BASE: &str = r#"
[form]
id = "base"
title = "基本"
signature = "jisho"

[[section]]
id = "person"
title = "本人"

[[section.field]]
name = "name"
label = "氏名"
kind = "text"
furigana = true
signer = true

[[section.field]]
name = "sex"
label = "性別"
kind = "choice"
options = [{ value = "male", label = "男" }, { value = "female", label = "女" }]
"#;

    #[test]
    fn variant_relabels_removes_and_adds() {
        let variant = r#"
[form]
id = "city-a"
title = "市の様式"
city = "ise"
extends = "base"
signature = "kimei-ouin"

[[remove]]
path = "person.sex"

[[relabel]]
path = "person.name"
label = "登録者氏名"

[[add]]
section = "person"
[add.field]
name = "phone"
label = "電話番号"
kind = "text"
"#;
        let (forms, report) = load_str(&[("base/base.toml", BASE), ("city-a.toml", variant)]);
        assert_eq!(report, "");
        let form = forms.iter().find(|f| f.id == "city-a").unwrap();
        assert_eq!(form.signature, SignatureStyle::KimeiOuin);
        let names: Vec<&str> = form.sections[0]
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["name", "phone"]);
        assert_eq!(form.sections[0].fields[0].label, "登録者氏名");
    }

    #[test]
    fn faults_point_at_file_line_col() {
        let bad = r#"
[form]
id = "bad"
title = "x"
extends = "nowhere"
"#;
        let typo = "[form]\nid = \"typo\"\ntitle = \"x\"\n\n[[section]]\nid = \"s\"\n[[section.field]]\nname = \"名前\"\nlabel = \"氏名\"\nkind = \"text\"\nwidht = 3\n";
        let (_, report) = load_str(&[("bad.toml", bad), ("typo.toml", typo), ("base.toml", BASE)]);
        assert!(
            report.contains("/bad.toml:5:11: error: form extends unknown form `nowhere`"),
            "{report}"
        );
        assert!(
            report.contains("/typo.toml:11:1: error: unknown field `widht`"),
            "{report}"
        );
    }

    #[test]
    fn beside_needs_a_field_before_it_and_across_a_confirm() {
        let text = r#"
[form]
id = "b"
title = "x"
compact = true

[[section]]
id = "s"

[[section.field]]
name = "first"
label = "最初"
kind = "text"
beside = true

[[section.field]]
name = "kana"
label = "氏名"
kind = "text"
furigana = true
beside = true

[[section.field]]
name = "sex"
label = "性別"
kind = "choice"
beside = true
across = true
options = [{ value = "male", label = "男" }, { value = "female", label = "女" }]

[[section.field]]
name = "plan"
label = "計画"
kind = "rows"
count = 2
beside = true
columns = [{ name = "office", label = "事業所名" }]
"#;
        let (_, report) = load_str(&[("b.toml", text)]);
        for (at, name) in [("13:8", "first"), ("19:8", "kana"), ("34:8", "plan")] {
            assert!(
                report.contains(&format!(
                    "/b.toml:{at}: error: `{name}` cannot be printed `beside` the field before it"
                )),
                "{report}"
            );
        }
        assert!(
            !report.contains("`sex` cannot be printed `beside`"),
            "{report}"
        );
        assert!(
            report.contains("/b.toml:26:8: error: `across` only arranges the parties of a confirm field, and `sex` is not one"),
            "{report}"
        );
    }

    #[test]
    fn a_variant_inherits_compact_and_may_turn_it_off() {
        let base = "[form]\nid = \"base\"\ntitle = \"x\"\ncompact = true\n";
        let on = "[form]\nid = \"on\"\ntitle = \"y\"\nextends = \"base\"\n";
        let off = "[form]\nid = \"off\"\ntitle = \"z\"\nextends = \"base\"\ncompact = false\n";
        let (forms, report) = load_str(&[("base.toml", base), ("on.toml", on), ("off.toml", off)]);
        assert_eq!(report, "");
        let compact = |id: &str| forms.iter().find(|f| f.id == id).unwrap().compact;
        assert!(compact("base") && compact("on") && !compact("off"));
    }

    #[test]
    fn names_must_be_ascii_and_unique() {
        let text = "[form]\nid = \"n\"\ntitle = \"x\"\n\n[[section]]\nid = \"s\"\n[[section.field]]\nname = \"名前\"\nlabel = \"氏名\"\nkind = \"text\"\n[[section.field]]\nname = \"b\"\nlabel = \"b\"\nkind = \"choice\"\noptions = [{ value = \"x\", label = \"x\" }]\n";
        let (_, report) = load_str(&[("n.toml", text)]);
        assert!(
            report.contains("/n.toml:8:8: error: field name `名前` cannot name a PDF field"),
            "{report}"
        );
        assert!(
            report.contains("/n.toml:14:8: error: `b` lists too few `options`"),
            "{report}"
        );
    }

    #[test]
    fn every_kind_yields_the_fields_it_promises() {
        let text = r#"
[form]
id = "all"
title = "全種類"
date_label = "届出日"

[[section]]
id = "s"

[[section.field]]
name = "name"
label = "氏名"
kind = "text"
furigana = true

[[section.field]]
name = "birth"
label = "生年月日"
kind = "date"
eras = ["昭和", "平成", "令和"]

[[section.field]]
name = "sex"
label = "性別"
kind = "choice"
options = [{ value = "male", label = "男" }, { value = "female", label = "女" }]

[[section.field]]
name = "handbook"
label = "手帳"
kind = "checks"
options = [
  { value = "physical", label = "身体", detail = "級" },
  { value = "intellectual", label = "知的", detail_options = ["A", "B"] },
  { value = "none", label = "なし" },
]

[[section.field]]
name = "family"
label = "家族"
kind = "rows"
count = 7
columns = [{ name = "relation", label = "続柄" }, { name = "name", label = "氏名" }]

[[section.field]]
name = "consent"
label = "同意"
kind = "fixed"
text = "同意します。"

[[section.field]]
name = "confirm"
label = "確認"
kind = "confirm"
text = "確認しました"
parties = [{ name = "a", label = "甲" }, { name = "b", label = "乙" }]
"#;
        let (forms, report) = load_str(&[("all.toml", text)]);
        assert_eq!(report, "");
        let fields = crate::forms::pdf_fields(&forms[0]);
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        // date line 3 + name 2 + birth 4 + sex 1 + handbook 3 boxes and 2 details
        // + family 7 × 2 + fixed 0 + confirm 2 × (check, 3 date parts, name)
        assert_eq!(fields.len(), 3 + 2 + 4 + 1 + 5 + 14 + 10, "{names:?}");
        for expected in [
            "date.year",
            "s.name_kana",
            "s.birth.era",
            "s.birth.day",
            "s.handbook.physical_detail",
            "s.handbook.intellectual_detail",
            "s.family.7.name",
            "s.confirm.b.signed_by",
        ] {
            assert!(
                names.contains(&expected),
                "{expected} missing from {names:?}"
            );
        }
        let era = fields.iter().find(|f| f.name == "s.birth.era").unwrap();
        assert_eq!(
            era.kind,
            crate::forms::PdfKind::Radio {
                values: vec!["showa".into(), "heisei".into(), "reiwa".into()],
                labels: vec![
                    "生年月日 元号 昭和".into(),
                    "生年月日 元号 平成".into(),
                    "生年月日 元号 令和".into()
                ]
            }
        );
        assert_eq!(era.label, "生年月日 元号");
    }
}
