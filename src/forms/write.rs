//! The PDF step of `tebiki build`: every form a city lists becomes
//! `<out>/<city>/forms/<form-id>.pdf`. Forms are rendered once each, in
//! parallel, and written only when all of them rendered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Fonts, Form, render};
use crate::diag::{Diagnostic, Diagnostics, LineCol};
use crate::messages::Msg;
use crate::model::Guide;
use crate::render::cache::{InputsHash, InputsHasher, OutputCache};
use crate::render::{Error, Job, Output, Renderer};

/// Where a city's form lands inside the output folder: `<city>/forms/<form>.pdf`
/// (the site links to it with the same path).
pub fn site_path(city: &str, form: &str) -> PathBuf {
    Path::new(city).join("forms").join(format!("{form}.pdf"))
}

/// Where the light print-and-handwrite copy lands: `<city>/forms/<form>-print.pdf`.
pub(crate) fn print_path(city: &str, form: &str) -> PathBuf {
    Path::new(city)
        .join("forms")
        .join(format!("{form}-print.pdf"))
}

/// One file of one form, made or failed.
type Made<'a> = ((&'a str, Copy), Result<Vec<u8>, String>);

/// The two files of a form: fillable (with the typing font) and print-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Copy {
    Fillable,
    Print,
}

/// Site path of each PDF (`<city>/forms/<form>.pdf`) → the key of everything it is made from.
pub type FormStamps = BTreeMap<String, InputsHash>;

/// What [`write_changed_forms`] wrote and what the site holds now.
#[derive(Debug, Default)]
pub struct FormsWritten {
    /// PDFs whose inputs changed, written into the output folder.
    pub written: Vec<String>,
    /// PDFs of the last build that the site no longer has.
    pub removed: Vec<String>,
    pub stamps: FormStamps,
}

/// The fillable and print PDFs of every form the cities use: a [`Renderer`]
/// that typesets again only the forms whose definition, template or fonts changed.
#[derive(Default)]
pub struct FormFiles {
    stamps: FormStamps,
    /// The fonts as last read, with the key of the folder they were read from.
    fonts: KeptFonts,
}

/// Fonts read for one render, kept for the next while their folder is the same.
type KeptFonts = Option<(InputsHash, std::sync::Arc<Fonts>)>;

impl std::fmt::Debug for FormFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormFiles")
            .field("stamps", &self.stamps)
            .field("fonts", &self.fonts.as_ref().map(|(key, _)| key))
            .finish()
    }
}

impl FormFiles {
    /// Fillable PDFs the site holds (one per city and form; print copies not counted).
    pub fn count(&self) -> usize {
        self.stamps
            .keys()
            .filter(|p| !p.ends_with("-print.pdf"))
            .count()
    }
}

impl Renderer for FormFiles {
    type Given<'g> = ();
    type Gives = ();

    fn render(&mut self, job: &Job<'_>, (): ()) -> Result<(Output, ()), Error> {
        let previous = std::mem::take(&mut self.stamps);
        let made = write_forms(
            job.guide,
            job.themes,
            job.dir,
            job.cache,
            &previous,
            &mut self.fonts,
        )?;
        self.stamps = made.stamps;
        let output = Output {
            written: made.written,
            removed: made.removed,
        };
        Ok((output, ()))
    }
}

/// Writes into `out` the forms whose inputs (definition, template, fonts)
/// differ from `previous` (all of them when it is empty); typst runs only for
/// forms that `cache` does not hold, and the fonts are read only then.
pub fn write_changed_forms(
    guide: &Guide,
    themes: &Path,
    out: &Path,
    cache: &OutputCache,
    previous: &FormStamps,
) -> Result<FormsWritten, Error> {
    write_forms(guide, themes, out, cache, previous, &mut None)
}

/// [`write_changed_forms`] with the fonts a render before read, if any: they
/// are read again only when their folder changed, and kept in `fonts`.
fn write_forms(
    guide: &Guide,
    themes: &Path,
    out: &Path,
    cache: &OutputCache,
    previous: &FormStamps,
    kept: &mut KeptFonts,
) -> Result<FormsWritten, Error> {
    let forms = &guide.definitions;
    let by_id: BTreeMap<&str, &Form> = forms.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut wanted: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut diags = Diagnostics::default();
    for city in &guide.cities {
        for id in &city.city.forms {
            match by_id.get(id.get_ref().as_str()) {
                Some(form) => wanted.entry(form.id.as_str()).or_default().push(city.id()),
                None => diags.push(guide.sources[city.city.file].error(
                    id.span(),
                    Msg::FormUnusable {
                        form: id.get_ref().clone(),
                    },
                )),
            }
        }
    }
    if diags.has_errors() {
        return Err(Error::Content(diags));
    }
    let mut stamps = FormStamps::new();
    let mut to_write: BTreeMap<(&str, Copy), Vec<String>> = BTreeMap::new();
    let mut read_key = None;
    if !wanted.is_empty() {
        let font_dir = super::font_dir(themes);
        let fonts_key = fonts_key(&font_dir).map_err(|e| fonts_error(&font_dir, &e.to_string()))?;
        read_key = Some(fonts_key.clone());
        for (id, cities) in &wanted {
            let key = form_key(by_id[id], &fonts_key);
            let print_key = InputsHasher::new("form-print")
                .part(key.as_str().as_bytes())
                .finish();
            for city in cities {
                for (copy, path, key) in [
                    (Copy::Fillable, site_path(city, id), &key),
                    (Copy::Print, print_path(city, id), &print_key),
                ] {
                    let path = path.to_string_lossy().replace('\\', "/");
                    if previous.get(&path) != Some(key) {
                        to_write.entry((id, copy)).or_default().push(path.clone());
                    }
                    stamps.insert(path, key.clone());
                }
            }
        }
    }
    let removed = previous
        .keys()
        .filter(|p| !stamps.contains_key(*p))
        .cloned()
        .collect();
    if to_write.is_empty() {
        return Ok(FormsWritten {
            written: Vec::new(),
            removed,
            stamps,
        });
    }

    let font_dir = super::font_dir(themes);
    let fonts = std::sync::OnceLock::new();
    if let Some((key, read)) = kept.as_ref()
        && read_key.as_ref() == Some(key)
    {
        let _ = fonts.set(Ok(read.clone()));
    }
    let load_fonts = || {
        fonts.get_or_init(|| {
            Fonts::load(&font_dir)
                .map(std::sync::Arc::new)
                .map_err(|e| e.to_string())
        })
    };
    let rendered: Vec<Made> = to_write
        .keys()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&&(id, copy)| {
            let form = by_id[id];
            let key = &stamps[&to_write[&(id, copy)][0]];
            let pdf = cache.get_or_make(key, || {
                let fonts = load_fonts().as_ref().map_err(Clone::clone)?;
                render(form, fonts)
                    .map(|r| match copy {
                        Copy::Fillable => r.pdf,
                        Copy::Print => r.print,
                    })
                    .map_err(|e| e.to_string())
            });
            ((id, copy), pdf)
        })
        .collect();
    match (fonts.get(), read_key) {
        (Some(Err(e)), _) => return Err(fonts_error(&font_dir, e)),
        (Some(Ok(read)), Some(key)) => *kept = Some((key, read.clone())),
        _ => {}
    }
    let mut pdfs = BTreeMap::new();
    let mut failed = std::collections::BTreeSet::new();
    for ((id, copy), result) in rendered {
        match result {
            Ok(pdf) => {
                pdfs.insert((id, copy), pdf);
            }
            // Both copies come from one layout: its fault is reported once.
            Err(_) if !failed.insert(id) => {}
            Err(e) => diags.push(Diagnostic::error(
                &by_id[id].file,
                LineCol { line: 1, col: 1 },
                Msg::FormNotRendered {
                    form: id.to_string(),
                    error: e.to_string(),
                },
            )),
        }
    }
    if diags.has_errors() {
        return Err(Error::Content(diags));
    }
    // A form's PDF is the same for every city that lists it: it is written
    // once and the other cities' files are links to it (copies where the file
    // system has no links).
    let mut written = Vec::new();
    for (id, paths) in &to_write {
        let mut first: Option<PathBuf> = None;
        for rel in paths {
            let path = out.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(Error::Io)?;
            }
            let linked = first
                .as_ref()
                .is_some_and(|f| std::fs::hard_link(f, &path).is_ok());
            if !linked {
                std::fs::write(&path, &pdfs[id]).map_err(Error::Io)?;
                first.get_or_insert(path);
            }
            written.push(rel.clone());
        }
    }
    written.sort();
    Ok(FormsWritten {
        written,
        removed,
        stamps,
    })
}

/// The fonts could not be read: the forms cannot be set.
fn fonts_error(dir: &Path, error: &str) -> Error {
    let mut diags = Diagnostics::default();
    diags.push(Diagnostic::error(
        dir,
        LineCol { line: 1, col: 1 },
        Msg::FontsUnreadable {
            dir: crate::diag::display_path(dir),
            error: error.to_string(),
        },
    ));
    Error::Content(diags)
}

/// Everything one form's PDF is made from: its definition as typst sees it,
/// the template, the fonts and the version of tebiki that lays it out.
fn form_key(form: &Form, fonts: &InputsHash) -> InputsHash {
    let view = super::layout::view(form);
    InputsHasher::new("form-pdf")
        .part(env!("CARGO_PKG_VERSION").as_bytes())
        .part(form.id.as_bytes())
        .part(form.title.as_bytes())
        .part(&serde_json::to_vec(&view.data).unwrap_or_default())
        .part(format!("{:?}", view.fields).as_bytes())
        .part(super::world::TEMPLATE.as_bytes())
        .part(fonts.as_str().as_bytes())
        .finish()
}

/// A key of the font files' bytes. Reading and hashing megabytes of fonts on
/// every rebuild would cost more than the rest of a small rebuild, so the key
/// is kept while the files' names, sizes and modification times stay the same.
pub(crate) fn fonts_key(dir: &Path) -> std::io::Result<InputsHash> {
    static KEPT: std::sync::Mutex<Option<(String, InputsHash)>> = std::sync::Mutex::new(None);
    let mut seen = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let meta = entry.metadata()?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        seen.push_str(&format!(
            "{}\t{}\t{modified}\n",
            entry.file_name().to_string_lossy(),
            meta.len()
        ));
    }
    seen.insert_str(0, &format!("{}\n", dir.display()));
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((signature, key)) = kept.as_ref()
        && *signature == seen
    {
        return Ok(key.clone());
    }
    let key = InputsHasher::new("fonts").folder(dir)?.finish();
    *kept = Some((seen, key.clone()));
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_are_read_again_only_when_their_folder_changed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut guide, _) = crate::load::load(&crate::load::Inputs::bundled());
        guide.cities.retain(|c| !c.city.forms.is_empty());
        guide.cities.truncate(1);
        guide.cities[0].city.forms.truncate(1);
        let themes = tempfile::tempdir().unwrap();
        let fonts = super::super::font_dir(themes.path());
        std::fs::create_dir_all(&fonts).unwrap();
        for entry in std::fs::read_dir(super::super::font_dir(&root.join("themes"))).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), fonts.join(entry.file_name())).unwrap();
        }
        let out = tempfile::tempdir().unwrap();
        let cache = OutputCache::disabled();
        let render = |kept: &mut KeptFonts| {
            let made = write_forms(
                &guide,
                themes.path(),
                out.path(),
                &cache,
                &FormStamps::new(),
                kept,
            );
            assert_eq!(made.unwrap().written.len(), 2);
            kept.as_ref().expect("the fonts kept").1.clone()
        };
        let mut kept = None;
        let first = render(&mut kept);
        assert!(std::sync::Arc::ptr_eq(&first, &render(&mut kept)));

        // A font file written again is read again.
        let readme = fonts.join("README.md");
        let text = std::fs::read_to_string(&readme).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&readme, text + "\n").unwrap();
        assert!(!std::sync::Arc::ptr_eq(&first, &render(&mut kept)));
    }
}
