//! The interface every output implements: the website pages, the printable
//! guides, the fillable forms and the search index are each a [`Renderer`]
//! that writes into the folder of a [`Job`] what changed since its last
//! render, and remembers what it made it from. `build` runs them in order,
//! each taking what the ones before it hand on (the pages link to the
//! guides; the index reads the pages' text), and `serve` keeps them between
//! rebuilds: that is the whole of the incremental bookkeeping.

pub(crate) mod cache;

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::{Date, Guide};
use cache::OutputCache;

/// What one render of every output is given.
pub(crate) struct Job<'a> {
    pub guide: &'a Guide,
    /// The day whose rules the output shows.
    pub as_of: Date,
    /// The themes folder (templates, styles, fonts).
    pub themes: &'a Path,
    /// Where the site will be published; only canonical links use it.
    pub base_url: Option<&'a str>,
    /// The folder to write into; the renderers of one run share it.
    pub dir: &'a Path,
    /// Typeset PDFs kept by their inputs, across runs.
    pub cache: &'a OutputCache,
    /// What to render.
    pub scope: &'a Scope,
}

/// The files one renderer wrote, relative to the job's folder.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Files whose inputs changed, written into the folder.
    pub written: Vec<String>,
    /// Files of the last render that the site no longer has.
    pub removed: Vec<String>,
}

/// Why a renderer stopped.
#[derive(Debug)]
pub enum Error {
    /// Content that the checks let through could not be rendered; every fault is listed.
    Content(Diagnostics),
    /// The folder could not be written.
    Io(std::io::Error),
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// One kind of output made from the checked guide.
pub(crate) trait Renderer {
    /// What it takes from the renderers before it in a run.
    type Given<'g>;
    /// What it hands to the renderers after it, besides its files.
    type Gives;

    /// Writes into `job.dir` what `job.scope` holds and changed since this
    /// renderer's last render (everything, the first time), and remembers
    /// what it was made from. After an error it remembers nothing.
    fn render(
        &mut self,
        job: &Job<'_>,
        given: Self::Given<'_>,
    ) -> Result<(Output, Self::Gives), Error>;
}

/// What a render makes: everything, or the pages read across cities
/// (portal, comparison, national) and the outputs of some cities only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    All,
    /// The cross-city pages and the pages of these cities (by id); a city no
    /// longer in the guide loses its pages.
    Cities(BTreeSet<String>),
    /// The pages of these cities alone: what changed in them does not reach
    /// the pages read across cities (see [`crate::site::across_stamp`]).
    CitiesOnly(BTreeSet<String>),
    /// The cross-city pages, the pages of `cities`, and the pages of other
    /// cities that read, at their last render, what `read` names (national
    /// entities and forms that changed; see [`crate::model::reads`]).
    Reading {
        read: crate::model::reads::Reads,
        cities: BTreeSet<String>,
    },
}

impl Scope {
    /// The cities whose pages are planned, if not all.
    pub(crate) fn cities(&self) -> Option<&BTreeSet<String>> {
        match self {
            Scope::All | Scope::Reading { .. } => None,
            Scope::Cities(ids) | Scope::CitiesOnly(ids) => Some(ids),
        }
    }

    /// True if the pages read across cities are planned.
    pub(crate) fn across(&self) -> bool {
        !matches!(self, Scope::CitiesOnly(_))
    }
}
