//! The whole pipeline behind `tebiki build` and `tebiki check`: load, check,
//! render into a staging folder, then swap it in.

mod checked;

pub(crate) use checked::Checked;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::load::Inputs;
use crate::model::{Date, Guide};
use crate::output::Staging;
use crate::render::cache::OutputCache;
use crate::site::Scope;

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
    /// Replace an output folder that tebiki did not make (`--force`).
    pub force: bool,
}

/// Loads and checks everything as of a date; the guide is returned even when faults were found.
pub fn check(inputs: &Inputs, as_of: Date) -> (Guide, Diagnostics) {
    let checked = Checked::load(inputs, as_of);
    let diags = checked.diagnostics();
    (checked.into_guide(), diags)
}

/// What a successful build wrote.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    /// Fillable PDF forms written (one per city and form).
    pub forms: usize,
    /// Printable guides written (one per city).
    pub guides: usize,
    /// How long each step took, in order (`build --timings` prints them).
    pub timings: Vec<(&'static str, Duration)>,
    /// The city whose printable guide took longest to set, and how long.
    pub slowest_guide: Option<(String, Duration)>,
}

/// Why a build stopped.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors; nothing was written.
    Content(Diagnostics),
    /// Writing the output failed; the previous output is untouched.
    Io(std::io::Error),
    /// The output folder may not be written; nothing was touched.
    Refused(crate::output::Refusal),
}

/// Renders a checked guide into `dir` (which must exist and be empty).
pub fn render(guide: &Guide, options: &Options, dir: &Path) -> Result<Summary, Failure> {
    render_with(guide, options, dir, true)
}

/// [`render`], with or without the printable guides.
fn render_with(
    guide: &Guide,
    options: &Options,
    dir: &Path,
    guides: bool,
) -> Result<Summary, Failure> {
    let rendered = render_changed(
        guide,
        options,
        dir,
        &OutputCache::disabled(),
        &Scope::All,
        &mut Kept {
            pages: crate::site::Pages::one_off(),
            search: crate::search::Indexer::one_off(),
            no_guides: !guides,
            ..Kept::default()
        },
        Guides::Now,
    )?;
    Ok(rendered.summary)
}

/// What a render leaves for the next one to render only what changed: each
/// renderer, with what it made its outputs from.
#[derive(Debug, Default)]
pub(crate) struct Kept {
    guides: crate::guide::Guides,
    pages: crate::site::Pages,
    forms: crate::forms::FormFiles,
    search: crate::search::Indexer,
    /// Renders leave the printable guides out (to time the site without them).
    no_guides: bool,
    /// The cities whose guides a render with [`Guides::Later`] left to
    /// [`render_guides`] (`Scope::All`: every city).
    guides_due: Option<Scope>,
}

/// Whether a render sets the printable guides before the pages, or leaves
/// them to [`render_guides`] so that the pages are out first (`serve`: a guide
/// takes typst far longer than the pages of its city).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guides {
    Now,
    Later,
}

impl Kept {
    /// True before the first render: the next one renders everything.
    pub(crate) fn is_empty(&self) -> bool {
        self.search.is_empty()
    }

    /// True if a render left guides to [`render_guides`].
    pub(crate) fn guides_due(&self) -> bool {
        self.guides_due.is_some()
    }

    /// Nothing kept, and the printable guides left out of every render.
    pub(crate) fn without_guides() -> Kept {
        Kept {
            no_guides: true,
            ..Kept::default()
        }
    }

    /// A fresh `Kept` with the same settings: the next render is whole.
    pub(crate) fn emptied(&self) -> Kept {
        Kept {
            pages: self.pages.emptied(),
            search: self.search.emptied(),
            no_guides: self.no_guides,
            ..Kept::default()
        }
    }
}

/// What [`render_changed`] wrote into its folder.
#[derive(Debug)]
pub struct Rendered {
    pub summary: Summary,
    /// Pages, forms and index files written, relative to the folder (a whole
    /// render also writes the theme's files and the search engine).
    pub written: Vec<String>,
    /// Files of the last render that the site no longer has.
    pub removed: Vec<String>,
    /// True if every file of the site was written: the folder is a whole site.
    pub whole: bool,
}

impl From<crate::render::Error> for Failure {
    fn from(e: crate::render::Error) -> Self {
        match e {
            crate::render::Error::Content(diags) => Failure::Content(diags),
            crate::render::Error::Io(e) => Failure::Io(e),
        }
    }
}

/// Renders into `dir` what differs from the render `kept` remembers: with
/// nothing kept (or [`Scope::All`] and a fresh `Kept`), the whole site; else
/// the pages of `scope` whose data changed, the forms whose definitions
/// changed (typst runs only on a miss in `cache`), and the search index files
/// those pages touch. `kept` then describes this render; after a failure it
/// is emptied, which makes the next render a whole one.
pub(crate) fn render_changed(
    guide: &Guide,
    options: &Options,
    dir: &Path,
    cache: &OutputCache,
    scope: &Scope,
    kept: &mut Kept,
    when: Guides,
) -> Result<Rendered, Failure> {
    let whole = kept.is_empty();
    if whole {
        *kept = kept.emptied();
    }
    let scope = if whole { &Scope::All } else { scope };
    let rendered = run(guide, options, dir, cache, scope, kept, when);
    if rendered.is_err() {
        *kept = kept.emptied();
    }
    let (summary, mut written, mut removed) = rendered?;
    written.sort();
    removed.sort();
    Ok(Rendered {
        summary,
        written,
        removed,
        whole,
    })
}

/// The renderers in order: guides (the pages link to them), pages, then
/// forms and the search index side by side (the index reads the pages' text).
fn run(
    guide: &Guide,
    options: &Options,
    dir: &Path,
    cache: &OutputCache,
    scope: &Scope,
    kept: &mut Kept,
    when: Guides,
) -> Result<(Summary, Vec<String>, Vec<String>), Failure> {
    use crate::render::{Job, Output, Renderer};
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |step: &'static str| {
        timings.push((step, clock.elapsed()));
        clock = Instant::now();
    };
    let mut job = Job {
        guide,
        as_of: options.as_of,
        themes: &options.themes,
        base_url: options.base_url.as_deref(),
        dir,
        cache,
        scope,
    };
    let mut outputs: Vec<Output> = Vec::new();
    // Guides go first: every page of a city links to its guide, and the
    // portal shows its size. Left for later, the pages link to the guides
    // as they were, and `render_guides` brings the pages up to date.
    let mut widened = None;
    let guide_files = if kept.no_guides {
        Default::default()
    } else if when == Guides::Later {
        kept.guides_due = Some(match (kept.guides_due.take(), scope) {
            // The guides take every look-up of national content into their inputs: all are due.
            (Some(Scope::All | Scope::Reading { .. }), _)
            | (_, Scope::All | Scope::Reading { .. }) => Scope::All,
            (
                Some(Scope::Cities(a) | Scope::CitiesOnly(a)),
                Scope::Cities(b) | Scope::CitiesOnly(b),
            ) => Scope::Cities(a.union(b).cloned().collect()),
            (None, Scope::Cities(b) | Scope::CitiesOnly(b)) => Scope::Cities(b.clone()),
        });
        kept.guides.files().clone()
    } else {
        let before = kept.guides.files().clone();
        let (output, files) = kept.guides.render(&job, ())?;
        outputs.push(output);
        // The portal shows each guide's size: a new size reaches it too.
        if let Scope::CitiesOnly(ids) = scope
            && files != before
        {
            widened = Some(Scope::Cities(ids.clone()));
        }
        files
    };
    if let Some(wider) = &widened {
        job.scope = wider;
    }
    lap("guides");
    // The search index cuts each page's text while its HTML is at hand.
    let search = &kept.search;
    let cut = |path: &str, html: &str| search.cut(guide, path, html);
    let given = crate::site::Given {
        guides: &guide_files,
        cut: &cut,
    };
    let (pages, texts) = kept.pages.render(&job, given)?;
    lap("pages");
    // Forms mostly wait on typst or the disk, the index on the CPU: run them side by side.
    let (forms, search) = rayon::join(
        || kept.forms.render(&job, ()),
        || {
            let given = crate::search::Given {
                texts,
                removed: &pages.removed,
            };
            kept.search.render(&job, given)
        },
    );
    let ((forms, ()), (search, ())) = (forms?, search?);
    lap("forms and search");
    outputs.extend([pages, forms, search]);
    let summary = Summary {
        pages: kept.pages.count(),
        forms: kept.forms.count(),
        guides: kept.guides.count(),
        timings,
        slowest_guide: kept.guides.slowest().cloned(),
    };
    let mut written = Vec::new();
    let mut removed = Vec::new();
    for output in outputs {
        written.extend(output.written);
        removed.extend(output.removed);
    }
    Ok((summary, written, removed))
}

/// Sets the guides a render with [`Guides::Later`] left, and renders again
/// the pages that link to them (the portal shows their sizes; a city's pages
/// gain the link to a new guide). `None` if no guide was left.
pub(crate) fn render_guides(
    guide: &Guide,
    options: &Options,
    dir: &Path,
    cache: &OutputCache,
    kept: &mut Kept,
) -> Option<Result<Rendered, Failure>> {
    let due = kept.guides_due.take()?;
    Some(render_changed(
        guide,
        options,
        dir,
        cache,
        &due,
        kept,
        Guides::Now,
    ))
}

/// Decides whether the build of `options` may replace its output folder.
pub fn check_output(options: &Options) -> Result<crate::output::Target, Failure> {
    let sources = [
        options.inputs.content.as_path(),
        options.inputs.forms.as_path(),
        options.themes.as_path(),
    ];
    crate::output::check_target(&options.out, &sources, options.force).map_err(Failure::Refused)
}

/// Checks, renders into a staging folder and swaps it in; writes nothing if anything fails.
pub fn build(options: &Options) -> Result<(Summary, Diagnostics), Failure> {
    build_with(options, true)
}

/// [`build`], with or without the printable guides (`build --no-guides`).
pub fn build_with(options: &Options, guides: bool) -> Result<(Summary, Diagnostics), Failure> {
    let start = Instant::now();
    let (guide, diags) = check(&options.inputs, options.as_of);
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    let checked = start.elapsed();
    check_output(options)?;
    let staging = Staging::new(&options.out).map_err(Failure::Io)?;
    let mut summary = render_with(&guide, options, staging.path(), guides)?;
    let swap = Instant::now();
    staging.commit().map_err(Failure::Io)?;
    summary.timings.insert(0, ("load and check", checked));
    summary.timings.push(("swap", swap.elapsed()));
    Ok((summary, diags))
}
