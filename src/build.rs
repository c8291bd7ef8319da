//! The whole pipeline behind `tebiki build` and `tebiki check`: load, check,
//! render into a staging folder, then swap it in.

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::load::{self, Inputs};
use crate::model::Guide;
use crate::output::Staging;

/// Where a build reads from and writes to.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Inputs,
    pub themes: PathBuf,
    pub out: PathBuf,
}

/// Loads and checks everything; the guide is returned even when faults were found.
pub fn check(inputs: &Inputs) -> (Guide, Diagnostics) {
    let (guide, mut diags) = load::load(inputs);
    diags.extend(crate::check::check(&guide));
    diags.extend(crate::forms::load(&inputs.forms).1);
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

/// Checks, renders into a staging folder and swaps it in; writes nothing if anything fails.
pub fn build(options: &Options) -> Result<(Summary, Diagnostics), Failure> {
    let (guide, diags) = check(&options.inputs);
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    let staging = Staging::new(&options.out).map_err(Failure::Io)?;
    let pages = crate::site::render(&guide, staging.path()).map_err(Failure::Io)?;
    let forms = crate::forms::write_city_forms(
        &guide,
        &options.inputs.forms,
        &options.themes,
        staging.path(),
    )
    .map_err(|e| match e {
        crate::forms::WriteError::Forms(d) => Failure::Content(d),
        crate::forms::WriteError::Io(e) => Failure::Io(e),
    })?;
    staging.commit().map_err(Failure::Io)?;
    Ok((Summary { pages, forms }, diags))
}
