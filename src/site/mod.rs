//! The website renderer: turns the checked model into HTML pages through the
//! theme's tera templates.
//!
//! Views are built from the model (per city in parallel), each page is
//! rendered and written in parallel, and nothing depends on the order in
//! which threads finish, so the output is byte-identical from run to run.

mod citations;
pub(crate) mod format;
pub(crate) mod markdown;
mod outline;
pub(crate) mod paths;
pub(crate) mod publish;
mod theme;
mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::Guide;
use crate::model::reads::Reads;
use citations::Citations;
use theme::Theme;
use view::{Planned, Site};

pub(crate) use view::links::{function_name, member_name};
pub(crate) use view::national::period_label;
pub use view::sections::{Section, ordered_flows, ordered_functions, sections as city_sections};

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
    /// Each city's printable guide by city id, for the links to it; a city
    /// without one gets no link.
    pub guides: BTreeMap<String, crate::guide::GuideFile>,
}

/// Writes the guidebook website into `out`; returns the number of pages written.
pub fn render(guide: &Guide, options: &Options, out: &Path) -> io::Result<usize> {
    let (rendered, _) = render_changed(guide, options, out, &Scope::All, None, &|_, _| ())?;
    Ok(rendered.pages)
}

pub(crate) use crate::render::Scope;

/// A hash of what the pages read across cities (portal, comparison,
/// accessibility policy, national pages) take from one city: its facts,
/// functions, organisations, subsidies, tables and the names of the
/// documents its flows hand on, the places that cite
/// add-ons, and its sections. An edit that leaves it as it was for every
/// city it touched leaves those pages as they were.
pub(crate) fn across_stamp(guide: &Guide, city: &crate::model::Municipality) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut feed = JsonFeed::default();
    // The comparison lists the documents the city's flows hand on.
    let documents: Vec<&str> = city
        .flows
        .iter()
        .flat_map(|f| &f.steps)
        .flat_map(|s| &s.documents)
        .map(|d| d.name.as_str())
        .collect();
    let read = (
        &city.city,
        &city.functions,
        &city.organisations,
        &city.subsidies,
        &city.tables,
        documents,
    );
    serde_json::to_writer(&mut feed, &read).expect("the model serialises");
    Citations::collect_from(guide, [city]).hash(&mut feed.0);
    view::sections::sections(guide, city).hash(&mut feed.0);
    feed.0.finish()
}

/// Feeds serialised JSON straight into a hasher, without building a string.
#[derive(Default)]
struct JsonFeed(std::collections::hash_map::DefaultHasher);

impl io::Write for JsonFeed {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        std::hash::Hasher::write(&mut self.0, bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What every page of the last render was made from, per group of pages (a
/// city's id, or `""` for the cross-city pages): site path → a hash of the
/// page's template name and data. A page whose hash did not change has the
/// same bytes as before and is not rendered again. For each city it also
/// keeps what each section's pages read of the national rules and the forms,
/// and a hash of the city's sections (which every page of it lists), so that
/// an edit of national content plans again only the sections that read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stamps {
    pages: BTreeMap<String, BTreeMap<String, u64>>,
    cities: BTreeMap<String, CityReads>,
}

/// What a city's pages read at their last render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CityReads {
    /// A hash of the city's sections as its navigation lists them.
    sections: u64,
    /// By section (its path): what planning it read, and the pages it gave.
    units: BTreeMap<String, (Reads, Vec<String>)>,
}

impl CityReads {
    /// The keys of the units whose reads `changed` touches.
    fn touched_by(&self, changed: &Reads) -> BTreeSet<String> {
        self.units
            .iter()
            .filter(|(_, (reads, _))| crate::model::reads::touched(reads, changed))
            .map(|(key, _)| key.clone())
            .collect()
    }
}

impl Stamps {
    /// The number of pages, leaving out the files pages load (comparison columns).
    pub(crate) fn pages(&self) -> usize {
        self.pages
            .values()
            .flat_map(BTreeMap::keys)
            .filter(|p| p.ends_with(".html"))
            .count()
    }
}

/// What a render wrote and what it knows of the whole site.
#[derive(Debug, Clone, Default)]
pub(crate) struct PagesWritten {
    /// Pages the site has now.
    pub pages: usize,
    /// Pages whose data changed, written into the output folder.
    pub written: Vec<String>,
    /// Pages of the last render that the site no longer has.
    pub removed: Vec<String>,
    pub stamps: Stamps,
}

/// The website's pages: a [`Renderer`] that renders again only the pages
/// whose data changed, and hands on the text of each page it wrote (cut by
/// its [`Given::cut`] while the HTML is at hand).
#[derive(Debug, Default)]
pub struct Pages {
    stamps: Stamps,
    /// Nothing will read what a render leaves: every page is written, none is stamped.
    one_off: bool,
    /// The theme's templates as last compiled, by folder; emptied when the theme changes.
    theme: Option<Theme>,
    /// The flow diagrams the last render drew.
    drawings: view::flow::Drawings,
}

/// What the pages take from the renderers before them.
pub(crate) struct Given<'g> {
    /// Each city's printable guide by city id; a city without one gets no link.
    pub guides: &'g BTreeMap<String, crate::guide::GuideFile>,
    /// Cuts a written page's text for the search index (`None`: not indexed).
    pub cut: &'g (dyn Fn(&str, &str) -> Option<crate::search::Cut> + Sync),
}

impl Pages {
    /// Pages for a render that nothing renders again after (`build`).
    pub(crate) fn one_off() -> Pages {
        Pages {
            one_off: true,
            ..Pages::default()
        }
    }

    /// The number of pages the site has now.
    pub fn count(&self) -> usize {
        self.stamps.pages()
    }

    /// Pages with the same settings that remember nothing: the next render writes every page.
    pub fn emptied(&self) -> Pages {
        Pages {
            one_off: self.one_off,
            ..Pages::default()
        }
    }
}

impl crate::render::Renderer for Pages {
    type Given<'g> = Given<'g>;
    /// The text of each page written, by path.
    type Gives = Vec<(String, crate::search::Cut)>;

    fn render(
        &mut self,
        job: &crate::render::Job<'_>,
        given: Given<'_>,
    ) -> Result<(crate::render::Output, Self::Gives), crate::render::Error> {
        let options = Options {
            theme: job.themes.join("default"),
            base_url: job.base_url.map(str::to_string),
            as_of: job.as_of,
            guides: given.guides.clone(),
        };
        let previous = std::mem::take(&mut self.stamps);
        let theme = match self.theme.take() {
            Some(theme) if theme.root() == options.theme => theme,
            _ => Theme::load(&options.theme)?,
        };
        self.drawings.next(!self.one_off);
        let (made, texts) = render_with(
            &theme,
            &self.drawings,
            job.guide,
            &options,
            job.dir,
            job.scope,
            (!self.one_off).then_some(&previous),
            given.cut,
        )?;
        // A one-off render is not followed by another.
        if !self.one_off {
            self.theme = Some(theme);
        }
        self.stamps = made.stamps;
        let texts = texts
            .into_iter()
            .filter_map(|(path, text)| Some((path, text?)))
            .collect();
        let output = crate::render::Output {
            written: made.written,
            removed: made.removed,
        };
        Ok((output, texts))
    }
}

/// Writes into `out` the pages of `scope` whose data differs from `previous`
/// (every page when `previous` is empty), plus the theme's static files when
/// the scope is everything. Pages outside the scope keep their stamps. With
/// no `previous` the render is a one-off: every page of the scope is written
/// and none is stamped, which saves hashing every page's data.
/// `inspect` sees each written page's path and HTML while it is at hand (the
/// search index reads them there); what it returns comes back by path.
pub(crate) fn render_changed<T: Send>(
    guide: &Guide,
    options: &Options,
    out: &Path,
    scope: &Scope,
    previous: Option<&Stamps>,
    inspect: &(dyn Fn(&str, &str) -> T + Sync),
) -> io::Result<(PagesWritten, Vec<(String, T)>)> {
    let theme = Theme::load(&options.theme)?;
    // Nothing renders after this call with these drawings: keep none.
    let drawings = view::flow::Drawings::default();
    render_with(
        &theme, &drawings, guide, options, out, scope, previous, inspect,
    )
}

/// [`render_changed`] with the theme's templates compiled and the drawings
/// of the last render at hand.
#[allow(clippy::too_many_arguments)]
fn render_with<T: Send>(
    theme: &Theme,
    drawings: &view::flow::Drawings,
    guide: &Guide,
    options: &Options,
    out: &Path,
    scope: &Scope,
    previous: Option<&Stamps>,
    inspect: &(dyn Fn(&str, &str) -> T + Sync),
) -> io::Result<(PagesWritten, Vec<(String, T)>)> {
    let one_off = previous.is_none();
    let nothing = Stamps::default();
    let previous = previous.unwrap_or(&nothing);
    // What to plan of each city: every page, some sections, or nothing.
    let plans: Vec<(&crate::model::Municipality, Plan)> = guide
        .cities
        .iter()
        .filter_map(|c| Some((c, plan_of(guide, c, scope, previous)?)))
        .collect();
    // Pages of cities read only their own city's citations.
    let citations = if scope.across() {
        Citations::collect(guide)
    } else {
        Citations::collect_from(guide, plans.iter().map(|(c, _)| *c))
    };
    let site = Site {
        guide,
        options,
        citations,
        drawings,
    };
    let unchanged = |group: &str, path: &str, stamp: u64| {
        previous.pages.get(group).and_then(|pages| pages.get(path)) == Some(&stamp)
    };
    // Each page is rendered as soon as it is planned and its data dropped
    // with it: a city's pages are planned and rendered on one thread, so only
    // the pages being rendered hold their data at any time.
    let finish = |group: &str, page: Planned| -> io::Result<Made<T>> {
        let stamp = if one_off { 0 } else { stamp(&page) };
        let path = page.path.as_str().to_string();
        let html = page.is_html();
        let updated = page_updated(&page);
        let mut made = Made {
            group: group.to_string(),
            path,
            stamp,
            updated,
            html,
            written: None,
        };
        if unchanged(group, &made.path, stamp) {
            return Ok(made);
        }
        let rendered = theme.render(page.template, &page.context)?;
        // A script (a city's comparison column) is data for a page, not a page.
        let (text, seen) = if html {
            let html = outline::finish(rendered, &fallback_description(&page));
            let seen = inspect(&made.path, &html);
            (html, Some(seen))
        } else {
            (rendered, None)
        };
        drop(page);
        let target = out.join(&made.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, text)?;
        made.written = Some(seen);
        Ok(made)
    };
    let across_units = if scope.across() {
        view::across_units(&site)
    } else {
        Vec::new()
    };
    let across_keys = hash_of(across_units.iter().map(|(key, _)| key));
    let across_plan = scope
        .across()
        .then(|| plan_across(scope, previous, across_keys));
    let (across, per_city) = rayon::join(
        || -> io::Result<(Vec<Made<T>>, Option<CityReads>)> {
            let Some(plan) = &across_plan else {
                return Ok((Vec::new(), None));
            };
            let planned: Vec<(String, Reads, Vec<Planned>)> = across_units
                .into_par_iter()
                .filter(|(key, _)| plan.wants(key))
                .map(|(key, pages)| {
                    let (pages, read) = crate::model::reads::recording(pages);
                    (key, read, pages)
                })
                .collect();
            let mut units = BTreeMap::new();
            let mut pages = Vec::new();
            for (key, read, planned) in planned {
                let paths = planned.iter().map(|p| p.path.as_str().to_string());
                units.insert(key, (read, paths.collect()));
                pages.extend(planned);
            }
            let reads = (!one_off).then_some(CityReads {
                sections: across_keys,
                units,
            });
            let made = pages
                .into_par_iter()
                .map(|p| finish("", p))
                .collect::<io::Result<_>>()?;
            Ok((made, reads))
        },
        || -> io::Result<Vec<CityMade<T>>> {
            plans
                .par_iter()
                .map(|(c, plan)| {
                    let wanted = |key: &str| plan.wants(key);
                    let mut made = Vec::new();
                    let mut units = BTreeMap::new();
                    for unit in view::city::units(&site, c, &wanted) {
                        let paths = unit.pages.iter().map(|p| p.path.as_str().to_string());
                        units.insert(unit.key, (unit.read, paths.collect()));
                        for page in unit.pages {
                            made.push(finish(c.id(), page)?);
                        }
                    }
                    let reads = (!one_off).then(|| CityReads {
                        sections: sections_stamp(guide, c),
                        units,
                    });
                    Ok(CityMade { made, reads })
                })
                .collect()
        },
    );
    let per_city = per_city?;
    let (mut made, across_reads) = across?;
    let mut city_reads = Vec::new();
    if let Some(plan) = &across_plan {
        city_reads.push(("", plan, across_reads));
    }
    for ((c, plan), city) in plans.iter().zip(per_city) {
        made.extend(city.made);
        city_reads.push((c.id(), plan, city.reads));
    }
    made.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = made.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(io::Error::other(format!(
            "two pages would be written to {}",
            w[0].path
        )));
    }
    if *scope == Scope::All {
        theme.copy_static(out)?;
        let entries: Vec<publish::Entry> = made
            .iter()
            .filter(|page| page.html)
            .map(|page| publish::Entry {
                path: page.path.clone(),
                updated: page.updated,
            })
            .collect();
        publish::write_files(out, options.base_url.as_deref(), &entries)?;
    }

    // Groups whose pages were all planned: what they had and no longer has is removed.
    let mut whole: BTreeSet<&str> = match scope.cities() {
        None => previous
            .pages
            .keys()
            .map(String::as_str)
            .filter(|g| !g.is_empty() && guide.city(g).is_none())
            .collect(),
        Some(ids) => ids.iter().map(String::as_str).collect(),
    };
    let mut sections: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, plan, _) in &city_reads {
        match plan {
            Plan::Whole => {
                whole.insert(id);
            }
            Plan::Sections(keys) => {
                sections.insert(id, keys.iter().map(String::as_str).collect());
            }
        }
    }
    // What the last render made and this one did not plan stays as it was.
    let mut stamps = Stamps::default();
    for (group, pages) in &previous.pages {
        if whole.contains(group.as_str()) {
            continue;
        }
        let last = previous.cities.get(group);
        let replanned: BTreeSet<&str> = match (sections.get(group.as_str()), last) {
            (Some(keys), Some(last)) => keys
                .iter()
                .filter_map(|k| last.units.get(*k))
                .flat_map(|(_, paths)| paths.iter().map(String::as_str))
                .collect(),
            _ => BTreeSet::new(),
        };
        let kept = pages
            .iter()
            .filter(|(path, _)| !replanned.contains(path.as_str()))
            .map(|(path, stamp)| (path.clone(), *stamp));
        stamps.pages.insert(group.clone(), kept.collect());
        if let Some(last) = last {
            stamps.cities.insert(group.clone(), last.clone());
        }
    }
    for (id, _, reads) in city_reads {
        let Some(reads) = reads else { continue };
        let kept = stamps.cities.entry(id.to_string()).or_default();
        kept.sections = reads.sections;
        kept.units.extend(reads.units);
    }
    let mut written = Vec::new();
    let mut seen = Vec::new();
    for page in made {
        if let Some(inspected) = page.written {
            written.push(page.path.clone());
            if let Some(inspected) = inspected {
                seen.push((page.path.clone(), inspected));
            }
        }
        stamps
            .pages
            .entry(page.group)
            .or_default()
            .insert(page.path, page.stamp);
    }
    let mut removed: Vec<String> = previous
        .pages
        .iter()
        .filter(|(group, _)| {
            whole.contains(group.as_str()) || sections.contains_key(group.as_str())
        })
        .flat_map(|(group, pages)| {
            let now = stamps.pages.get(group);
            pages
                .keys()
                .filter(move |path| now.is_none_or(|n| !n.contains_key(*path)))
                .cloned()
        })
        .collect();
    removed.sort();
    let rendered = PagesWritten {
        pages: stamps.pages(),
        written,
        removed,
        stamps,
    };
    Ok((rendered, seen))
}

/// What of a city's pages (or of the pages read across cities) a render plans.
enum Plan {
    Whole,
    /// The sections with these keys ([`view::city::Unit::key`], [`view::AcrossUnit`]).
    Sections(BTreeSet<String>),
}

impl Plan {
    fn wants(&self, key: &str) -> bool {
        match self {
            Plan::Whole => true,
            Plan::Sections(keys) => keys.contains(key),
        }
    }
}

/// What a render plans of the pages read across cities: under
/// [`Scope::Reading`] with no city changed, the units that read what changed,
/// if the units are those of the last render; else all.
fn plan_across(scope: &Scope, previous: &Stamps, keys: u64) -> Plan {
    let Scope::Reading { read, cities } = scope else {
        return Plan::Whole;
    };
    match previous.cities.get("") {
        Some(last) if cities.is_empty() && last.sections == keys => {
            Plan::Sections(last.touched_by(read))
        }
        _ => Plan::Whole,
    }
}

/// A hash of a list of keys.
fn hash_of<'a>(keys: impl Iterator<Item = &'a String>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for key in keys {
        key.hash(&mut hasher);
    }
    hasher.finish()
}

/// What a render plans of `c`: every page when the scope names it or what
/// its pages list changed; under [`Scope::Reading`], the sections that read
/// what changed; `None` for nothing.
fn plan_of(
    guide: &Guide,
    c: &crate::model::Municipality,
    scope: &Scope,
    previous: &Stamps,
) -> Option<Plan> {
    match scope {
        Scope::All => Some(Plan::Whole),
        Scope::Cities(ids) | Scope::CitiesOnly(ids) => ids.contains(c.id()).then_some(Plan::Whole),
        Scope::Reading { read, cities } => {
            let last = previous.cities.get(c.id());
            match last {
                _ if cities.contains(c.id()) => Some(Plan::Whole),
                None => Some(Plan::Whole),
                Some(last) if last.sections != sections_stamp(guide, c) => Some(Plan::Whole),
                Some(last) => {
                    let keys = last.touched_by(read);
                    (!keys.is_empty()).then_some(Plan::Sections(keys))
                }
            }
        }
    }
}

/// A hash of a city's sections as every page of it lists them.
fn sections_stamp(guide: &Guide, c: &crate::model::Municipality) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    view::sections::nav_sections(guide, c).hash(&mut hasher);
    hasher.finish()
}

/// What rendering a city's planned pages came to.
struct CityMade<T> {
    made: Vec<Made<T>>,
    /// What its sections read (`None` for a render nothing renders again after).
    reads: Option<CityReads>,
}

/// What rendering one planned page came to; its data is gone by then.
struct Made<T> {
    /// The city's id, or `""` for the pages read across cities.
    group: String,
    path: String,
    stamp: u64,
    /// The day its city last updated its guide, for the sitemap.
    updated: Option<crate::model::Date>,
    /// A page, not a file a page loads.
    html: bool,
    /// `None` if its data was as before and it was not written; else what `inspect` saw of it
    /// (`None` for a file that is not a page).
    written: Option<Option<T>>,
}

/// A hash of what a page is made from: its template's name and its data.
/// The data is hashed as it stands, without writing it out as JSON first:
/// `serve` stamps every page it plans again.
fn stamp(page: &Planned) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    page.template.hash(&mut hasher);
    for key in ["layout", "body"] {
        page.context.get(key).hash(&mut hasher);
    }
    hasher.finish()
}

/// What describes a page with no paragraph of its own: its title and city.
fn fallback_description(page: &Planned) -> String {
    let layout = page.context.get("layout");
    let text = |key: &str| {
        layout
            .and_then(|l| l.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let (title, city) = (text("title"), text("city_name"));
    if city.is_empty() || title.contains(&city) {
        format!("{title}｜{}", view::SITE_TITLE)
    } else {
        format!("{city}の{title}｜{}", view::SITE_TITLE)
    }
}

/// The day a page's city last updated its guide, as its layout names it.
fn page_updated(page: &Planned) -> Option<crate::model::Date> {
    let iso = page.context.get("layout")?.get("updated_iso")?.as_str()?;
    crate::model::Date::parse(iso).ok()
}
