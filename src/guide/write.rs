//! The guide step of `tebiki build`: every city's guide becomes
//! `<out>/<city>/<city>-tebiki.pdf`. A guide is laid out again only when
//! what it is made from changed: its document tree, its forms, the
//! templates and the fonts; typst runs only on a miss in the output cache.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::contents::Builder;
use super::render;
use crate::diag::{Diagnostic, Diagnostics, LineCol};
use crate::forms::{Fonts, Form};
use crate::messages::Msg;
use crate::model::{Date, Guide, Municipality};
use crate::render::cache::{InputsHash, InputsHasher, OutputCache};
use crate::render::{Error, Job, Output, Renderer};

/// Site path of each guide (`<city>/<city>-tebiki.pdf`) → the key of everything it is made from.
pub type GuideStamps = BTreeMap<String, InputsHash>;

/// A guide as the pages link to it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GuideFile {
    /// The file name inside the city's folder.
    pub file: String,
    /// The size in bytes.
    pub bytes: u64,
}

/// What [`write_changed_guides`] wrote and what the site holds now.
#[derive(Debug, Default)]
pub struct GuidesWritten {
    /// Guides whose inputs changed, written into the output folder.
    pub written: Vec<String>,
    /// Guides of the last build that the site no longer has.
    pub removed: Vec<String>,
    /// The city whose guide took typst longest to set, and how long (none when every guide was kept).
    pub slowest: Option<(String, std::time::Duration)>,
    /// What each guide the site holds now was made from.
    pub stamps: GuideStamps,
    /// Each city's guide by city id, for the links of the pages.
    pub files: BTreeMap<String, GuideFile>,
}

/// The file name of a city's guide: `ise-tebiki.pdf`, ASCII so that it
/// survives every web host and mail client.
pub fn file_name(city: &str) -> String {
    format!("{city}-tebiki.pdf")
}

/// Where a city's guide lands inside the output folder.
pub fn site_path(city: &str) -> String {
    format!("{city}/{}", file_name(city))
}

/// What one build of guides needs besides the model.
pub struct Inputs<'a> {
    /// The themes folder, for the fonts.
    pub themes: &'a Path,
    /// The day whose values the guide shows.
    pub as_of: Date,
    /// The website's address, for the guide's links to it.
    pub base_url: Option<&'a str>,
}

/// Each city's printable guide: a [`Renderer`] that sets again only the
/// guides whose tree, forms or fonts changed, and hands on the files the
/// pages link to.
#[derive(Debug, Default)]
pub struct Guides {
    stamps: GuideStamps,
    files: BTreeMap<String, GuideFile>,
    /// The guide the last render took longest to set, and how long.
    slowest: Option<(String, std::time::Duration)>,
}

impl Guides {
    /// Each city's guide as the site holds it now, by city id.
    pub fn files(&self) -> &BTreeMap<String, GuideFile> {
        &self.files
    }

    /// Guides the site holds.
    pub fn count(&self) -> usize {
        self.stamps.len()
    }

    /// The city whose guide the last render took longest to set, and how long.
    pub fn slowest(&self) -> Option<&(String, std::time::Duration)> {
        self.slowest.as_ref()
    }
}

impl Renderer for Guides {
    type Given<'g> = ();
    /// Each city's guide by city id, for the links of the pages.
    type Gives = BTreeMap<String, GuideFile>;

    fn render(&mut self, job: &Job<'_>, (): ()) -> Result<(Output, Self::Gives), Error> {
        let stamps = std::mem::take(&mut self.stamps);
        let files = std::mem::take(&mut self.files);
        let inputs = Inputs {
            themes: job.themes,
            as_of: job.as_of,
            base_url: job.base_url,
        };
        let made = write_changed_guides(
            job.guide,
            job.scope.cities(),
            &inputs,
            job.dir,
            job.cache,
            &stamps,
            &files,
        )?;
        self.stamps = made.stamps;
        self.files = made.files;
        self.slowest = made.slowest;
        let output = Output {
            written: made.written,
            removed: made.removed,
        };
        Ok((output, self.files.clone()))
    }
}

/// Writes into `out` the guides of `cities` whose inputs differ from
/// `previous`; the other cities' guides keep their stamps and files.
pub fn write_changed_guides(
    guide: &Guide,
    cities: Option<&std::collections::BTreeSet<String>>,
    inputs: &Inputs,
    out: &Path,
    cache: &OutputCache,
    previous: &GuideStamps,
    previous_files: &BTreeMap<String, GuideFile>,
) -> Result<GuidesWritten, Error> {
    let font_dir = crate::forms::font_dir(inputs.themes);
    let fonts_key = crate::forms::write::fonts_key(&font_dir)
        .map_err(|e| Error::Content(fonts_error(&font_dir, &e.to_string())))?;
    let planned: Vec<&Municipality> = guide
        .cities
        .iter()
        .filter(|c| cities.is_none_or(|ids| ids.contains(c.id())))
        .collect();
    // Building a guide's tree is cheap; it is the key, so only typst is skipped.
    let trees: Vec<_> = planned
        .par_iter()
        .map(|c| {
            let doc = document(guide, c, inputs.as_of, inputs.base_url);
            let forms: Vec<&Form> = c
                .city
                .forms
                .iter()
                .filter_map(|f| guide.definition(f.get_ref()))
                .collect();
            let key = key(&doc, &forms, &fonts_key);
            (*c, doc, forms, key)
        })
        .collect();
    let mut stamps = GuideStamps::new();
    let mut files = BTreeMap::new();
    for (path, key) in previous {
        let city = path.split('/').next().unwrap_or_default();
        let kept = guide.city(city).is_some() && !planned.iter().any(|c| c.id() == city);
        if kept {
            stamps.insert(path.clone(), key.clone());
            if let Some(f) = previous_files.get(city) {
                files.insert(city.to_string(), f.clone());
            }
        }
    }
    let to_make: Vec<_> = trees
        .iter()
        .filter(|(c, _, _, key)| {
            previous.get(&site_path(c.id())) != Some(key) || !previous_files.contains_key(c.id())
        })
        .collect();
    for (c, _, _, key) in &trees {
        stamps.insert(site_path(c.id()), key.clone());
        if let Some(f) = previous_files.get(c.id()) {
            files.insert(c.id().to_string(), f.clone());
        }
    }
    let fonts = std::sync::OnceLock::new();
    let load_fonts = || fonts.get_or_init(|| Fonts::load(&font_dir).map_err(|e| e.to_string()));
    // Each guide is written as soon as it is set, so that a corpus of
    // hundreds of cities never holds all its PDFs in memory at once.
    let write = |c: &Municipality, pdf: &[u8]| -> std::io::Result<String> {
        let rel = site_path(c.id());
        let path = out.join(&rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, pdf)?;
        Ok(rel)
    };
    type Made = Result<std::io::Result<(String, u64)>, String>;
    let set_in = std::sync::Mutex::new(Vec::new());
    let made: Vec<(&Municipality, Made)> = on_own_threads(&to_make, |(c, doc, forms, key)| {
        let pdf = match recent(c.id(), key) {
            Some(pdf) => Ok(pdf),
            None => cache.get_or_make(key, || {
                let fonts = load_fonts().as_ref().map_err(Clone::clone)?;
                let start = std::time::Instant::now();
                let pdf = render::render(doc, forms, fonts, c.id());
                let took = start.elapsed();
                set_in
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((took, c.id().to_string()));
                // typst remembers every layout it made; a guide's are not
                // asked for again by the next city's.
                typst::comemo::evict(10);
                pdf
            }),
        };
        let made = pdf.map(|pdf| {
            keep_recent(c.id(), key, &pdf);
            write(c, &pdf).map(|rel| (rel, pdf.len() as u64))
        });
        (*c, made)
    });
    let mut diags = Diagnostics::default();
    let mut written = Vec::new();
    for (c, made) in made {
        match made {
            Ok(done) => {
                let (rel, bytes) = done.map_err(Error::Io)?;
                files.insert(
                    c.id().to_string(),
                    GuideFile {
                        file: file_name(c.id()),
                        bytes,
                    },
                );
                written.push(rel);
            }
            Err(e) => diags.push(guide.sources[c.city.file].error(
                c.city.id.span(),
                Msg::GuideNotSet {
                    city: c.city.name.clone(),
                    error: e.to_string(),
                },
            )),
        }
    }
    if diags.has_errors() {
        return Err(Error::Content(diags));
    }
    let removed = previous
        .keys()
        .filter(|p| !stamps.contains_key(*p))
        .cloned()
        .collect();
    written.sort();
    let slowest = set_in
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .max()
        .map(|(took, city)| (city, took));
    Ok(GuidesWritten {
        written,
        removed,
        slowest,
        stamps,
        files,
    })
}

/// Stack of each thread that sets guides: typst lays a long guide out by deep recursion.
const STACK: usize = 64 << 20;

/// `f` of every item, in order, on as many threads of their own as there are
/// cores. typst fans its own work out to rayon's pool; were the guides set on
/// that pool too, a thread waiting inside one guide would take up another and
/// nest their stacks, which overflows when hundreds of cities are built.
fn on_own_threads<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let work = || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    done.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
                }
            };
            let spawned = std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(scope, work);
            if spawned.is_err() {
                // No thread to be had: this one does the work.
                work();
            }
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// The last guide set for each city in this process, by its key: a second
/// build of the same content in one process (a test, a benchmark's warm run)
/// does not set it again. One per city, so watch mode holds no history.
static RECENT: std::sync::Mutex<BTreeMap<String, Recent>> = std::sync::Mutex::new(BTreeMap::new());

/// A city's last guide: its key and bytes.
type Recent = (InputsHash, std::sync::Arc<Vec<u8>>);

fn recent(city: &str, key: &InputsHash) -> Option<Vec<u8>> {
    let recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    let (kept, pdf) = recent.get(city)?;
    (kept == key).then(|| pdf.as_ref().clone())
}

/// At most this many bytes of guides are kept: a corpus of hundreds of
/// cities is built once, not kept in memory.
const RECENT_BYTES: usize = 64 << 20;

fn keep_recent(city: &str, key: &InputsHash, pdf: &[u8]) {
    let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    let others: usize = recent
        .iter()
        .filter(|(c, _)| c.as_str() != city)
        .map(|(_, (_, p))| p.len())
        .sum();
    if others + pdf.len() <= RECENT_BYTES {
        recent.insert(
            city.to_string(),
            (key.clone(), std::sync::Arc::new(pdf.to_vec())),
        );
    }
}

/// Forgets the guides set so far in this process, so the next build sets
/// every guide again (a benchmark's cold run).
pub fn forget_recent() {
    RECENT.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// Everything one guide's PDF is made from.
fn key(doc: &super::doc::Doc, forms: &[&Form], fonts: &InputsHash) -> InputsHash {
    let mut b = InputsHasher::new("guide-pdf")
        .part(env!("CARGO_PKG_VERSION").as_bytes())
        .part(&serde_json::to_vec(doc).unwrap_or_default())
        .part(super::world::TEMPLATE.as_bytes())
        .part(crate::forms::world::TEMPLATE.as_bytes());
    for data in render::form_data(forms).unwrap_or_default() {
        b = b.part(&data);
    }
    b.part(fonts.as_str().as_bytes()).finish()
}

fn fonts_error(dir: &Path, error: &str) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.push(Diagnostic::error(
        dir,
        LineCol { line: 1, col: 1 },
        Msg::FontsUnreadable {
            dir: crate::diag::display_path(dir),
            error: error.to_string(),
        },
    ));
    diags
}

/// The document tree of a city's guide as a build sets it, flow diagrams included.
pub fn document(
    guide: &Guide,
    city: &Municipality,
    as_of: crate::model::Date,
    base_url: Option<&str>,
) -> super::doc::Doc {
    Builder::new(guide, city, as_of, base_url)
        .with_diagrams(&flow_diagram)
        .doc()
}

/// The drawing of a flow the printed guide places, readable on paper: the
/// lanes on a portrait page where they fit it at a readable size, else on a
/// landscape page; a drawing too tall for either at that size is the one
/// column drawing, cut into page-high parts.
fn flow_diagram(
    city: &Municipality,
    flow: &crate::model::Flow,
) -> Option<super::contents::FlowDrawing> {
    use crate::diagram::{Context, Shape, draw};
    /// mm per px below which the drawing's text is too small to read.
    const READABLE: f32 = 0.12;
    let cx = Context::of_city(city);
    let wide = draw(flow, &cx, Shape::Wide);
    let fits = |w: f32, h: f32| (w / wide.width).min(h / wide.height).min(0.3) >= READABLE;
    if wide.width <= crate::diagram::PRINT_WIDE_MAX && fits(170.0, 215.0) {
        return Some(super::contents::FlowDrawing {
            parts: vec![(wide.svg, wide.width, wide.height)],
            landscape: false,
        });
    }
    if fits(265.0, 150.0) {
        return Some(super::contents::FlowDrawing {
            parts: vec![(wide.svg, wide.width, wide.height)],
            landscape: true,
        });
    }
    let narrow = draw(flow, &cx, Shape::Narrow);
    let scale = (170.0 / narrow.width).min(0.3);
    let slice = (215.0 / scale).floor().max(1.0);
    let mut parts = Vec::new();
    let mut y = 0.0;
    while y < narrow.height {
        let h = slice.min(narrow.height - y);
        parts.push((window(&narrow.svg, narrow.width, y, h), narrow.width, h));
        y += slice;
    }
    Some(super::contents::FlowDrawing {
        parts,
        landscape: false,
    })
}

/// The SVG showing only the band of `svg` from `y`, `h` px high: its root's
/// `viewBox` and `height` replaced (the drawing writes both).
fn window(svg: &str, width: f32, y: f32, h: f32) -> String {
    let root_end = svg.find('>').unwrap_or(svg.len());
    let (root, rest) = svg.split_at(root_end);
    let set = |root: &str, name: &str, value: &str| -> String {
        let key = format!(" {name}=\"");
        match root.find(&key) {
            Some(at) => {
                let from = at + key.len();
                let to = root[from..].find('"').map_or(root.len(), |i| from + i);
                format!("{}{value}{}", &root[..from], &root[to..])
            }
            None => root.to_string(),
        }
    };
    let root = set(root, "viewBox", &format!("0 {y} {width} {h}"));
    let root = set(&root, "height", &h.to_string());
    root + rest
}
