//! The whole pipeline behind `tebiki build` and `tebiki check`: load, check,
//! render into a staging folder, then swap it in.

pub mod cache;

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::load::{self, Inputs};
use crate::model::{Date, Guide};
use crate::output::Staging;

/// Where a build reads from and writes to.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Inputs,
    /// The day whose rules the output shows.
    pub as_of: Date,
    pub themes: PathBuf,
    pub out: PathBuf,
    /// Where the site will be published; only canonical links use it.
    pub base_url: Option<String>,
}

/// Loads and checks everything as of a date; the guide is returned even when faults were found.
pub fn check(inputs: &Inputs, as_of: Date) -> (Guide, Diagnostics) {
    let (guide, mut diags) = load::load(inputs);
    diags.extend(crate::check::check(&guide, as_of));
    diags.extend(crate::forms::load(&inputs.forms).1);
    diags.extend(crate::search::synonyms::load(&inputs.content).1);
    (guide, diags)
}

/// What a successful build wrote.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    /// Fillable PDF forms written (one per city and form).
    pub forms: usize,
}

/// Why a build stopped.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors; nothing was written.
    Content(Diagnostics),
    /// Writing the output failed; the previous output is untouched.
    Io(std::io::Error),
}

/// Renders a checked guide into `dir` (which must exist and be empty).
pub fn render(guide: &Guide, options: &Options, dir: &std::path::Path) -> Result<Summary, Failure> {
    render_cached(guide, options, dir, &cache::OutputCache::disabled())
}

/// Renders like [`render`]; renderers may reuse outputs kept in `cache` whose inputs did not change.
pub fn render_cached(
    guide: &Guide,
    options: &Options,
    dir: &std::path::Path,
    cache: &cache::OutputCache,
) -> Result<Summary, Failure> {
    let _ = cache;
    let site = crate::site::Options {
        theme: options.themes.join("default"),
        base_url: options.base_url.clone(),
        as_of: options.as_of,
    };
    let pages = crate::site::render(guide, &site, dir).map_err(Failure::Io)?;
    let forms = crate::forms::write_city_forms(guide, &options.inputs.forms, &options.themes, dir)
        .map_err(|e| match e {
            crate::forms::WriteError::Forms(d) => Failure::Content(d),
            crate::forms::WriteError::Io(e) => Failure::Io(e),
        })?;
    let search = crate::search::Inputs {
        content: options.inputs.content.clone(),
        theme: options.themes.join("default"),
    };
    crate::search::index(guide, &search, dir).map_err(|e| match e {
        crate::search::Error::Content(diags) => Failure::Content(diags),
        crate::search::Error::Io(e) => Failure::Io(e),
    })?;
    Ok(Summary { pages, forms })
}

/// Checks, renders into a staging folder and swaps it in; writes nothing if anything fails.
pub fn build(options: &Options) -> Result<(Summary, Diagnostics), Failure> {
    let (guide, diags) = check(&options.inputs, options.as_of);
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    let staging = Staging::new(&options.out).map_err(Failure::Io)?;
    let summary = render(&guide, options, staging.path())?;
    staging.commit().map_err(Failure::Io)?;
    Ok((summary, diags))
}
