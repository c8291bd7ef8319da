//! The PDF step of `tebiki build`: every form a city lists becomes
//! `<out>/<city>/forms/<form-id>.pdf`. Forms are rendered once each, in
//! parallel, and written only when all of them rendered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Fonts, Form, render};
use crate::diag::{Diagnostic, Diagnostics, LineCol};
use crate::model::Guide;

/// Where a city's form lands inside the output folder: `<city>/forms/<form>.pdf`
/// (the site links to it with the same path).
pub fn site_path(city: &str, form: &str) -> PathBuf {
    Path::new(city).join("forms").join(format!("{form}.pdf"))
}

/// Why the forms of a build could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// Definitions or rendering failed; every fault is listed.
    Forms(Diagnostics),
    /// The output folder could not be written.
    Io(std::io::Error),
}

/// Loads `forms_dir`, renders the forms the guide's cities use, and writes
/// them under `out`; returns how many PDF files were written.
pub fn write_city_forms(
    guide: &Guide,
    forms_dir: &Path,
    themes: &Path,
    out: &Path,
) -> Result<usize, WriteError> {
    let (forms, diags) = super::load(forms_dir);
    if diags.has_errors() {
        return Err(WriteError::Forms(diags));
    }
    let by_id: BTreeMap<&str, &Form> = forms.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut wanted: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut diags = Diagnostics::default();
    for city in &guide.cities {
        for id in &city.city.forms {
            match by_id.get(id.get_ref().as_str()) {
                Some(form) => wanted.entry(form.id.as_str()).or_default().push(city.id()),
                None => diags.push(
                    guide.sources[city.city.file]
                        .error(
                            id.span(),
                            format!("form `{}` has no usable definition", id.get_ref()),
                        )
                        .with_hint("fix the errors reported for forms/ first"),
                ),
            }
        }
    }
    if wanted.is_empty() {
        return if diags.has_errors() {
            Err(WriteError::Forms(diags))
        } else {
            Ok(0)
        };
    }
    let fonts = match Fonts::load(&super::font_dir(themes)) {
        Ok(fonts) => fonts,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    super::font_dir(themes),
                    LineCol { line: 1, col: 1 },
                    e.to_string(),
                )
                .with_hint(
                    "the forms need the fonts shipped in themes/default/fonts/; pass --themes DIR",
                ),
            );
            return Err(WriteError::Forms(diags));
        }
    };
    let rendered: Vec<(&str, Result<Vec<u8>, String>)> = wanted
        .keys()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|id| {
            (
                **id,
                render(by_id[**id], &fonts)
                    .map(|r| r.pdf)
                    .map_err(|e| e.to_string()),
            )
        })
        .collect();
    let mut pdfs = BTreeMap::new();
    for (id, result) in rendered {
        match result {
            Ok(pdf) => {
                pdfs.insert(id, pdf);
            }
            Err(e) => diags.push(
                Diagnostic::error(&by_id[id].file, LineCol { line: 1, col: 1 }, format!("form `{id}` could not be rendered: {e}"))
                    .with_hint("simplify the form or report this as a bug; the definition itself was read without errors"),
            ),
        }
    }
    if diags.has_errors() {
        return Err(WriteError::Forms(diags));
    }
    let mut written = 0;
    for (id, cities) in &wanted {
        for city in cities {
            let path = out.join(site_path(city, id));
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(WriteError::Io)?;
            }
            std::fs::write(&path, &pdfs[id]).map_err(WriteError::Io)?;
            written += 1;
        }
    }
    Ok(written)
}
