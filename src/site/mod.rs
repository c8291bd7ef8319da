//! The website renderer: turns the checked model into HTML pages through the
//! theme's tera templates.
//!
//! Views are built from the model (per city in parallel), each page is
//! rendered and written in parallel, and nothing depends on the order in
//! which threads finish, so the output is byte-identical from run to run.

mod citations;
mod format;
pub mod markdown;
pub mod paths;
mod theme;
mod view;

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::Guide;
use citations::Citations;
use theme::Theme;
use view::{Planned, Site};

/// How the website is built.
#[derive(Debug, Clone)]
pub struct Options {
    /// The theme folder (`themes/default`).
    pub theme: PathBuf,
    /// Where the site will be published (`https://example.jp/tebiki`); used for canonical
    /// links only, as every link between pages is relative.
    pub base_url: Option<String>,
    /// The day whose rules the site shows: add-on values in force on it come first.
    pub as_of: crate::model::Date,
}

/// Writes the guidebook website into `out`; returns the number of pages written.
pub fn render(guide: &Guide, options: &Options, out: &Path) -> io::Result<usize> {
    let theme = Theme::load(&options.theme)?;
    let site = Site {
        guide,
        options,
        citations: Citations::collect(guide),
    };
    let mut planned: Vec<Planned> = view::portal::pages(&site);
    planned.extend(view::national::pages(&site));
    let per_city: Vec<Vec<Planned>> = guide
        .cities
        .par_iter()
        .map(|c| view::city::pages(&site, c))
        .collect();
    planned.extend(per_city.into_iter().flatten());
    planned.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = planned.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(io::Error::other(format!(
            "two pages would be written to {}",
            w[0].path.as_str()
        )));
    }
    planned.par_iter().try_for_each(|page| {
        let html = theme.render(page.template, &page.context)?;
        let target = out.join(page.path.as_str());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, html)
    })?;
    theme.copy_static(out)?;
    Ok(planned.len())
}
