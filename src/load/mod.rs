//! Loading: walks `content/` and `forms/`, reads every file, and builds the
//! [`Guide`] model. Faults are collected as diagnostics; whatever could be
//! read is kept so the checker can go on to find the rest.

mod csv_rows;
pub mod file;
mod page;
mod toml_file;
mod traps;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, LineCol, SourceFile};
use crate::messages::{Msg, SourceKind};
use crate::model::*;
pub(crate) use toml_file::TomlFile;

/// Where the inputs live.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub content: PathBuf,
    pub forms: PathBuf,
}

impl Inputs {
    /// The `content/` and `forms/` folders of a project folder.
    pub(crate) fn in_project(root: &Path) -> Inputs {
        Inputs {
            content: root.join("content"),
            forms: root.join("forms"),
        }
    }

    /// The content and forms that come with tebiki.
    #[cfg(test)]
    pub(crate) fn bundled() -> Inputs {
        Inputs::in_project(Path::new(env!("CARGO_MANIFEST_DIR")))
    }
}

/// Reads everything under the input folders into a model, with every fault found on the way.
pub fn load(inputs: &Inputs) -> (Guide, Diagnostics) {
    let kept = Workspace::load(inputs);
    let diags = kept.diagnostics();
    (kept.into_guide(), diags)
}

/// A loaded guide kept with what each part of the inputs contributed (its
/// faults and unreadable ids), so that a later load reads again only the city
/// folders whose files changed.
pub(crate) struct Workspace {
    inputs: Inputs,
    guide: Guide,
    /// `content/` and `forms/`, absolute, to tell what a changed path belongs to.
    content_dir: PathBuf,
    forms_dir: PathBuf,
    /// What loading found outside the city folders, `national/` and `forms/`.
    rest: Part,
    /// What loading `content/national/` found.
    national: Part,
    /// What reading the form headers of `forms/` found.
    form_ids: Part,
    /// One part per city folder, in folder order.
    cities: Vec<CityPart>,
    /// Sources of cities read again since the last whole load, no longer referred to.
    stale_sources: usize,
    /// What resolving the form definitions found (`forms::load`).
    forms: Diagnostics,
    /// What reading the synonym table found.
    synonyms: Diagnostics,
}

/// What one part of the inputs left besides the model.
#[derive(Default)]
struct Part {
    diags: Diagnostics,
    unreadable: Vec<String>,
}

struct CityPart {
    dir: PathBuf,
    part: Part,
    /// Where its municipality is in the guide's cities; `None` if it could not be read.
    city: Option<usize>,
}

/// What [`Workspace::reload`] read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reloaded {
    /// Nothing under the inputs that the model is made from.
    Nothing,
    /// The folders of these cities (by id), and [`NATIONAL`] for `national/` or `forms/`.
    Cities(std::collections::BTreeSet<String>),
    /// Everything.
    All,
}

impl Workspace {
    /// Reads everything under the input folders.
    pub(crate) fn load(inputs: &Inputs) -> Workspace {
        let mut guide = Guide::default();
        let mut rest = Part::default();
        let mut kept = Workspace {
            inputs: inputs.clone(),
            guide: Guide::default(),
            content_dir: absolute(&inputs.content),
            forms_dir: absolute(&inputs.forms),
            rest: Part::default(),
            national: Part::default(),
            form_ids: Part::default(),
            cities: Vec::new(),
            stale_sources: 0,
            forms: Diagnostics::default(),
            synonyms: Diagnostics::default(),
        };
        (guide.definitions, kept.forms) = crate::forms::load(&inputs.forms);
        (guide.synonyms, kept.synonyms) = crate::search::synonyms::load(&inputs.content);
        if !inputs.content.is_dir() {
            rest.diags.push(Diagnostic::error(
                &inputs.content,
                LineCol { line: 1, col: 1 },
                Msg::ContentFolderMissing,
            ));
            kept.guide = guide;
            kept.rest = rest;
            return kept;
        }
        load_national(
            &inputs.content.join("national"),
            &mut guide,
            &mut kept.national.diags,
        );
        kept.national.unreadable.extend(guide.unreadable.drain());
        load_accessibility(
            &inputs.content.join("accessibility"),
            &mut guide,
            &mut rest.diags,
        );
        kept.cities = load_cities(&inputs.content.join("cities"), &mut guide, &mut rest.diags);
        load_form_ids(&inputs.forms, &mut guide, &mut kept.form_ids.diags);
        for link in file::links(&inputs.content)
            .into_iter()
            .chain(file::links(&inputs.forms))
        {
            rest.diags.push(Diagnostic::warning(
                &link,
                LineCol { line: 1, col: 1 },
                Msg::SymlinkNotFollowed,
            ));
        }
        rest.unreadable.extend(guide.unreadable.drain());
        kept.guide = guide;
        kept.rest = rest;
        kept.gather_unreadable();
        kept
    }

    /// The guide as last loaded.
    pub(crate) fn guide(&self) -> &Guide {
        &self.guide
    }

    /// The guide, leaving the rest.
    pub(crate) fn into_guide(self) -> Guide {
        self.guide
    }

    /// `forms/`, absolute.
    pub(crate) fn forms_dir(&self) -> &Path {
        &self.forms_dir
    }

    /// `content/search/`, absolute: the synonym table, which feeds the search index, not the model.
    pub(crate) fn synonyms_dir(&self) -> PathBuf {
        self.content_dir.join("search")
    }

    /// What resolving the form definitions found.
    pub(crate) fn form_diagnostics(&self) -> &Diagnostics {
        &self.forms
    }

    /// What reading the synonym table found.
    pub(crate) fn synonym_diagnostics(&self) -> &Diagnostics {
        &self.synonyms
    }

    /// Every fault found while loading the model (the forms' and the
    /// synonyms' own are apart: [`Self::form_diagnostics`], [`Self::synonym_diagnostics`]).
    pub(crate) fn diagnostics(&self) -> Diagnostics {
        let mut all = self.rest.diags.clone();
        all.extend(self.national.diags.clone());
        all.extend(self.form_ids.diags.clone());
        for city in &self.cities {
            all.extend(city.part.diags.clone());
        }
        all
    }

    /// Reads again what the `changed` paths (absolute, as a watcher reports
    /// them) touch: the folder of a city whose files changed, `national/`, or
    /// `forms/`; or everything when anything else that the model is made
    /// from changed, a city folder appeared or went, or a city became
    /// readable or unreadable.
    pub(crate) fn reload(&mut self, changed: &[PathBuf]) -> Reloaded {
        let cities_dir = self.content_dir.join("cities");
        let national_dir = self.content_dir.join("national");
        let synonyms = self.synonyms_dir();
        let mut dirs: std::collections::BTreeSet<usize> = Default::default();
        let mut synonyms_changed = false;
        let (mut national, mut forms) = (false, false);
        for path in changed {
            if let Ok(inside) = path.strip_prefix(&cities_dir) {
                let Some(first) = inside.components().next() else {
                    return self.reload_all();
                };
                let dir = cities_dir.join(first);
                match self.cities.iter().position(|c| c.dir == dir) {
                    Some(n) if dir.is_dir() => {
                        dirs.insert(n);
                    }
                    // A file beside the city folders is not read.
                    None if inside.components().count() == 1 && !dir.is_dir() => {}
                    _ => return self.reload_all(),
                }
            } else if path.starts_with(&synonyms) {
                // The synonym table feeds the search index, not the model: read it alone.
                synonyms_changed = true;
            } else if path.starts_with(&national_dir) && national_dir.is_dir() {
                national = true;
            } else if path.starts_with(&self.forms_dir) {
                forms = true;
            } else if path.starts_with(&self.content_dir) {
                return self.reload_all();
            }
        }
        if synonyms_changed {
            (self.guide.synonyms, self.synonyms) =
                crate::search::synonyms::load(&self.inputs.content);
        }
        let mut ids = std::collections::BTreeSet::new();
        if national {
            self.stale_sources += self.national_files();
            let dir = self.inputs.content.join("national");
            let (own, part) = self.read_again(|guide, diags| load_national(&dir, guide, diags));
            self.guide.national = own.national;
            self.national = part;
            ids.insert(NATIONAL.to_string());
        }
        if forms {
            self.stale_sources += self.guide.forms.len();
            (self.guide.definitions, self.forms) = crate::forms::load(&self.inputs.forms);
            let dir = self.inputs.forms.clone();
            let (own, part) = self.read_again(|guide, diags| load_form_ids(&dir, guide, diags));
            self.guide.forms = own.forms;
            self.form_ids = part;
            ids.insert(NATIONAL.to_string());
        }
        if dirs.is_empty() && ids.is_empty() {
            return Reloaded::Nothing;
        }
        for n in dirs {
            let mut own = Guide::default();
            let mut part = Part::default();
            let city = load_city(&self.cities[n].dir, &mut own, &mut part.diags);
            if city.is_some() != self.cities[n].city.is_some() {
                return self.reload_all();
            }
            part.unreadable.extend(own.unreadable.drain());
            if let (Some(mut city), Some(at)) = (city, self.cities[n].city) {
                let old = &self.guide.cities[at];
                self.stale_sources += crate::check::city_files(old).len();
                ids.insert(old.id().to_string());
                ids.insert(city.id().to_string());
                shift_files(&mut city, self.guide.sources.len());
                self.guide.sources.extend(own.sources);
                self.guide.cities[at] = city;
            }
            self.cities[n].part = part;
        }
        // Sources of replaced cities pile up; past the size of what is live, start afresh.
        if self.stale_sources * 2 > self.guide.sources.len() {
            return self.reload_all();
        }
        self.gather_unreadable();
        Reloaded::Cities(ids)
    }

    fn reload_all(&mut self) -> Reloaded {
        *self = Workspace::load(&self.inputs);
        Reloaded::All
    }

    /// Runs `load` on a guide of its own that reads into this guide's
    /// sources, so that the files it reads take the next ids; returns that
    /// guide (without the sources) and what loading found.
    fn read_again(&mut self, load: impl FnOnce(&mut Guide, &mut Diagnostics)) -> (Guide, Part) {
        let mut own = Guide {
            sources: std::mem::take(&mut self.guide.sources),
            ..Guide::default()
        };
        let mut part = Part::default();
        load(&mut own, &mut part.diags);
        part.unreadable.extend(own.unreadable.drain());
        self.guide.sources = std::mem::take(&mut own.sources);
        (own, part)
    }

    /// The files the national entities were read from.
    fn national_files(&self) -> usize {
        let files: std::collections::BTreeSet<FileId> = self
            .guide
            .national
            .entities()
            .iter()
            .flat_map(|e| e.files())
            .collect();
        files.len()
    }

    fn gather_unreadable(&mut self) {
        let cities = self.cities.iter().map(|c| &c.part);
        self.guide.unreadable = [&self.rest, &self.national, &self.form_ids]
            .into_iter()
            .chain(cities)
            .flat_map(|p| p.unreadable.iter().cloned())
            .collect();
    }
}

/// What [`Reloaded::Cities`] names for the content read by every city: the
/// national rules and the forms (no city folder may take the name).
pub(crate) const NATIONAL: &str = "national";

/// A path made absolute with links resolved, as a watcher reports paths; if
/// it does not exist (a content/ deleted while `serve` runs), its folder is
/// resolved and its name appended, so that it still matches the paths of the
/// folder once it is back.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(resolved) = path.canonicalize() {
        return resolved;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|p| p.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// Files below `dir` with the extension `ext`, in a stable order. Links are
/// left out ([`file::links`] reports them); pipes and devices are not, so
/// that reading them reports what they are instead of skipping them.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir() && !e.path_is_symlink())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    found.sort();
    found
}

/// Reads a text file as a source; an unreadable file becomes a diagnostic
/// with `hint` saying what the file must be.
pub(crate) fn read_source(
    path: &Path,
    kind: SourceKind,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    let fail = |at: LineCol, message: Msg, diags: &mut Diagnostics| {
        diags.push(Diagnostic::error(path, at, message));
        None
    };
    let bytes = match file::read_limited(path, file::SOURCE_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(
                LineCol { line: 1, col: 1 },
                Msg::CannotRead {
                    kind,
                    error: e.to_string(),
                },
                diags,
            );
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte order mark, as some Windows editors write, is not content.
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Some(SourceFile::new(path, text))
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let good = &bytes[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
            fail(LineCol { line, col }, Msg::NotUtf8 { kind }, diags)
        }
    }
}

/// Reads a file into the guide's sources; an unreadable file becomes a diagnostic.
fn read(path: &Path, guide: &mut Guide, diags: &mut Diagnostics) -> Option<FileId> {
    let Some(source) = read_source(path, SourceKind::Content, diags) else {
        // What the file defines is unknown: references to the ids its lines
        // seem to hold are not reported again as dangling.
        if let Ok(bytes) = file::read_limited(path, file::SOURCE_LIMIT) {
            guide
                .unreadable
                .extend(toml_file::scan_ids(&String::from_utf8_lossy(&bytes)));
        }
        return None;
    };
    guide.sources.push(source);
    Some(guide.sources.len() - 1)
}

pub(crate) const NATIONAL_SECTIONS: &[&str] = &[
    "function",
    "role",
    "revision",
    "addon",
    "monitoring",
    "table",
];

fn load_national(dir: &Path, guide: &mut Guide, diags: &mut Diagnostics) {
    if !dir.is_dir() {
        diags.push(Diagnostic::error(
            dir,
            LineCol { line: 1, col: 1 },
            Msg::NationalFolderMissing,
        ));
        return;
    }
    for path in files(dir, "toml") {
        let Some(file) = read(&path, guide, diags) else {
            continue;
        };
        let source = &guide.sources[file];
        let mut doc = TomlFile::parse(source, diags);
        let n = &mut guide.national;
        n.functions.extend(with_file(
            doc.take_array::<HubFunction>("function", diags),
            file,
            |x, f| x.file = f,
        ));
        n.roles.extend(with_file(
            doc.take_array::<RoleType>("role", diags),
            file,
            |x, f| x.file = f,
        ));
        n.revisions.extend(with_file(
            doc.take_array::<Revision>("revision", diags),
            file,
            |x, f| x.file = f,
        ));
        n.addons.extend(with_file(
            doc.take_array::<AddOn>("addon", diags),
            file,
            |x, f| x.file = f,
        ));
        n.monitoring.extend(with_file(
            doc.take_array::<MonitoringPeriod>("monitoring", diags),
            file,
            |x, f| x.file = f,
        ));
        let mut tables = with_file(doc.take_array::<Table>("table", diags), file, |x, f| {
            x.file = f
        });
        doc.finish(NATIONAL_SECTIONS, diags);
        guide.unreadable.extend(doc.unreadable);
        for t in &mut tables {
            csv_rows::table(&path, t, guide, diags);
        }
        guide.national.tables.extend(tables);
    }
    for path in files(dir, "md") {
        if let Some(page) = page::load(&path, guide, diags) {
            guide.national.pages.push(page);
        }
    }
}

/// `content/accessibility/`: the policy and the test results; both optional.
fn load_accessibility(dir: &Path, guide: &mut Guide, diags: &mut Diagnostics) {
    use crate::model::accessibility::{Policy, TestResults};
    let policy = dir.join("policy.toml");
    if policy.is_file() {
        if let Some(file) = read(&policy, guide, diags) {
            let source = &guide.sources[file];
            let read: Option<Policy> =
                TomlFile::parse(source, diags).into_whole(diags, &mut guide.unreadable);
            guide.accessibility.policy = read.map(|p| Policy { file, ..p });
        }
    }
    let results = dir.join("results.toml");
    if results.is_file() {
        if let Some(file) = read(&results, guide, diags) {
            let source = &guide.sources[file];
            let read: Option<TestResults> =
                TomlFile::parse(source, diags).into_whole(diags, &mut guide.unreadable);
            guide.accessibility.results = read.map(|r| TestResults { file, ..r });
        }
    }
}

pub(crate) const CITY_SECTIONS: &[&str] = &[
    "organisation",
    "function",
    "flow",
    "subsidy",
    "addon_condition",
    "qa",
    "term",
    "directory",
    "table",
    "list",
];

fn load_cities(dir: &Path, guide: &mut Guide, diags: &mut Diagnostics) -> Vec<CityPart> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        diags.push(Diagnostic::error(
            dir,
            LineCol { line: 1, col: 1 },
            Msg::CitiesFolderMissing,
        ));
        return Vec::new();
    };
    // Links are not followed (`file::links` reports them), as below a city folder.
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs.retain(|dir| city_folder_is_an_id(dir, diags));
    // Each city is read into a guide of its own, in parallel; its sources are
    // then appended to the shared ones and its file numbers moved past them.
    let loaded: Vec<(Guide, Diagnostics, Option<Municipality>)> = dirs
        .par_iter()
        .map(|city_dir| {
            let mut own = Guide::default();
            let mut own_diags = Diagnostics::default();
            let city = load_city(city_dir, &mut own, &mut own_diags);
            (own, own_diags, city)
        })
        .collect();
    let cities_dir = absolute(dir);
    let mut parts = Vec::with_capacity(dirs.len());
    for (city_dir, (own, own_diags, city)) in dirs.iter().zip(loaded) {
        let offset = guide.sources.len();
        guide.sources.extend(own.sources);
        let mut part = CityPart {
            dir: cities_dir.join(city_dir.file_name().unwrap_or_default()),
            part: Part {
                diags: own_diags,
                unreadable: own.unreadable.into_iter().collect(),
            },
            city: None,
        };
        part.part.unreadable.sort();
        if let Some(mut city) = city {
            shift_files(&mut city, offset);
            part.city = Some(guide.cities.len());
            guide.cities.push(city);
        }
        parts.push(part);
    }
    parts
}

/// Names a city folder may not have: the site's own top-level folders, and
/// the device names Windows reserves (a folder `con` cannot be copied there).
const RESERVED_FOLDERS: &[&str] = &[
    "assets", "search", "national", "forms", "con", "prn", "aux", "nul", "com1", "com2", "com3",
    "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
    "lpt7", "lpt8", "lpt9",
];

/// True if a city folder's name can be the city's id, which becomes the
/// folder of its pages on every web host; else reports why not.
fn city_folder_is_an_id(dir: &Path, diags: &mut Diagnostics) -> bool {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let reserved = RESERVED_FOLDERS.contains(&name.as_str());
    if crate::check::is_valid_id(&name) && !reserved {
        return true;
    }
    let suggestion: String = unicode_normalization::UnicodeNormalization::nfkc(name.as_str())
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty() && part.is_ascii())
        .collect::<Vec<_>>()
        .join("-");
    let shown_name = name.escape_debug().to_string();
    let why = if reserved {
        Msg::CityFolderReserved { name: shown_name }
    } else {
        Msg::CityFolderNotAnId {
            name: shown_name,
            suggestion: (!suggestion.is_empty() && suggestion != name).then_some(suggestion),
        }
    };
    // Invisible and direction-changing characters are shown escaped, in the path too.
    let visible: String = name
        .chars()
        .map(|c| match c {
            '\\' | '"' | '\'' => c.to_string(),
            _ if c.escape_debug().count() > 1 => format!("<U+{:04X}>", u32::from(c)),
            _ => c.to_string(),
        })
        .collect();
    let shown = dir.with_file_name(visible);
    diags.push(Diagnostic::error(shown, LineCol { line: 1, col: 1 }, why));
    false
}

/// Moves every file number of a city by `offset`: the city was read with
/// sources numbered from zero.
fn shift_files(city: &mut Municipality, offset: FileId) {
    for file in city.files_mut() {
        *file += offset;
    }
}

fn load_city(dir: &Path, guide: &mut Guide, diags: &mut Diagnostics) -> Option<Municipality> {
    let city_file = dir.join("city.toml");
    if !city_file.is_file() {
        diags.push(Diagnostic::error(
            &city_file,
            LineCol { line: 1, col: 1 },
            Msg::NoCityToml,
        ));
        return None;
    }
    let file = read(&city_file, guide, diags)?;
    let source = &guide.sources[file];
    let mut info: CityInfo =
        TomlFile::parse(source, diags).into_whole(diags, &mut guide.unreadable)?;
    info.file = file;
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if info.id.get_ref() != &folder {
        diags.push(source.error(
            info.id.span(),
            Msg::CityIdNotFolder {
                id: info.id.get_ref().clone(),
                folder: folder.clone(),
            },
        ));
        guide.unreadable.insert(folder);
    }
    let mut city = Municipality::new(info);
    for path in files(dir, "toml") {
        if path == city_file {
            continue;
        }
        let Some(file) = read(&path, guide, diags) else {
            continue;
        };
        let source = &guide.sources[file];
        let mut doc = TomlFile::parse(source, diags);
        city.organisations.extend(with_file(
            doc.take_array::<Organisation>("organisation", diags),
            file,
            |x, f| x.file = f,
        ));
        city.functions.extend(with_file(
            doc.take_array::<FunctionDescription>("function", diags),
            file,
            |x, f| x.file = f,
        ));
        city.flows.extend(with_file(
            doc.take_array::<Flow>("flow", diags),
            file,
            |x, f| x.file = f,
        ));
        city.subsidies.extend(with_file(
            doc.take_array::<Subsidy>("subsidy", diags),
            file,
            |x, f| x.file = f,
        ));
        city.addon_conditions.extend(with_file(
            doc.take_array::<AddOnCondition>("addon_condition", diags),
            file,
            |x, f| x.file = f,
        ));
        city.qa.extend(with_file(
            doc.take_array::<Qa>("qa", diags),
            file,
            |x, f| x.file = f,
        ));
        city.glossary.extend(with_file(
            doc.take_array::<Term>("term", diags),
            file,
            |x, f| x.file = f,
        ));
        let mut directories = with_file(
            doc.take_array::<Directory>("directory", diags),
            file,
            |x, f| x.file = f,
        );
        let mut tables = with_file(doc.take_array::<Table>("table", diags), file, |x, f| {
            x.file = f
        });
        city.lists.extend(with_file(
            doc.take_array::<List>("list", diags),
            file,
            |x, f| x.file = f,
        ));
        doc.finish(CITY_SECTIONS, diags);
        guide.unreadable.extend(doc.unreadable);
        for d in &mut directories {
            csv_rows::directory(&path, d, guide, diags);
        }
        for t in &mut tables {
            csv_rows::table(&path, t, guide, diags);
        }
        city.directories.extend(directories);
        city.tables.extend(tables);
    }
    for path in files(dir, "md") {
        if let Some(page) = page::load(&path, guide, diags) {
            city.pages.push(page);
        }
    }
    city.flows.sort_by_key(|f| f.order);
    city.pages.sort_by_key(|p| p.meta.order);
    city.qa.sort_by_key(|q| q.number);
    Some(city)
}

fn with_file<T>(mut items: Vec<T>, file: FileId, set: impl Fn(&mut T, FileId)) -> Vec<T> {
    for item in &mut items {
        set(item, file);
    }
    items
}

/// The part of a form definition the content checker needs: its id and title.
#[derive(Deserialize)]
struct FormHeaderDoc {
    form: FormHeader,
}

#[derive(Deserialize)]
struct FormHeader {
    id: Id,
    title: String,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

fn load_form_ids(dir: &Path, guide: &mut Guide, diags: &mut Diagnostics) {
    if !dir.is_dir() {
        return;
    }
    for path in files(dir, "toml") {
        let Some(file) = read(&path, guide, diags) else {
            continue;
        };
        let source = &guide.sources[file];
        let mut scratch = Diagnostics::default();
        let doc: Option<FormHeaderDoc> =
            TomlFile::parse(source, &mut scratch).into_whole(&mut scratch, &mut Vec::new());
        match doc {
            Some(doc) => guide.forms.push(FormRef {
                id: doc.form.id,
                title: doc.form.title,
                city: doc.form.city,
                source: doc.form.source,
                file,
            }),
            None => diags.push(source.error(0..0, Msg::FormHeaderUnreadable)),
        }
    }
}
