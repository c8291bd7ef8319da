//! The site's full-text search: a static index written next to the pages, and
//! the query engine (`themes/default/search/`) that reads it in the browser.
//!
//! The index is built from the rendered HTML, so it indexes exactly what
//! readers see: a build cuts each page's text as the page is written
//! ([`index_texts`]), [`index`] reads a built site back, and in watch
//! mode [`reindex`] updates a kept [`Index`] with the pages a rebuild wrote. See [`extract`] for how pages are cut into
//! entries, [`normalise`] and [`tokens`] for how text becomes keys, and
//! [`write`](mod@write) for the files written under `search/`.

pub(crate) mod extract;
mod frame;
pub(crate) mod normalise;
pub(crate) mod synonyms;
pub(crate) mod tokens;
mod tree;
pub(crate) mod write;

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::model::Guide;

pub(crate) use write::{Cut, Index};

/// The folder of the site that holds the index and the query engine.
pub(crate) const DIR: &str = "search";

/// Where the indexer reads what it needs besides the built pages.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The theme folder (`themes/default`), whose `search/` files are copied into the site.
    pub theme: PathBuf,
}

/// What indexing wrote, for the build summary and the bench.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub entries: usize,
    /// Bytes of every index file under `search/` (the scripts not counted).
    pub index_bytes: u64,
    /// Bytes of text readers see in the pages' `<body>`.
    pub text_bytes: u64,
}

/// Indexes every page of the built site in `dir`, reading it back, and writes `dir/search/`.
pub fn index(guide: &Guide, inputs: &Inputs, dir: &Path) -> io::Result<Stats> {
    let urls: Vec<String> = html_files(dir).into_iter().map(|(_, url)| url).collect();
    let index = index_texts(guide, inputs, dir, read_pages(dir, &urls)?)?;
    index.stats(&dir.join(DIR))
}

/// Indexes the site in `dir` from the text of every page, cut by
/// [`extract::page`] as the pages were written; writes `dir/search/`.
pub(crate) fn index_texts(
    guide: &Guide,
    inputs: &Inputs,
    dir: &Path,
    texts: Vec<(String, Cut)>,
) -> io::Result<Index> {
    let synonyms = &guide.synonyms;
    let cities = cities(guide);
    let pages = as_pages(texts, &cities);
    let index = Index::new(pages, &cities, synonyms);
    index.write_all(&dir.join(DIR))?;
    copy_engine(&inputs.theme.join(DIR), &dir.join(DIR))?;
    Ok(index)
}

/// The search index: a [`crate::render::Renderer`] that writes every file
/// the first time, then only the files that the pages it is given touch.
#[derive(Debug, Default)]
pub(crate) struct Indexer {
    /// The index and the paths of its files, once written.
    kept: Option<(Index, Vec<String>)>,
    /// Nothing will render again after the first render: pages are keyed as
    /// they are cut, their text is given up, and the index is not kept.
    one_off: bool,
}

/// What the index takes from the pages.
pub(crate) struct Given<'g> {
    /// The text of each page written, by path, as [`Indexer::cut`] took it.
    pub texts: Vec<(String, Cut)>,
    /// Pages of the last render that the site no longer has.
    pub removed: &'g [String],
}

impl Indexer {
    /// An indexer for a render that nothing renders again after (`build`).
    pub(crate) fn one_off() -> Indexer {
        Indexer {
            one_off: true,
            ..Indexer::default()
        }
    }

    /// An indexer with the same settings that remembers nothing.
    pub(crate) fn emptied(&self) -> Indexer {
        Indexer {
            one_off: self.one_off,
            ..Indexer::default()
        }
    }

    /// True before the first render, and after a failed one (and always for a one-off).
    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_none()
    }

    /// Cuts a written page's text as this indexer takes it (`None`: the page is not indexed).
    pub(crate) fn cut(&self, guide: &Guide, path: &str, html: &str) -> Option<Cut> {
        if !is_indexed(path) {
            return None;
        }
        let text = extract::page(html);
        Some(if self.one_off {
            Cut::keyed(text, &guide.synonyms)
        } else {
            Cut::whole(text)
        })
    }
}

impl crate::render::Renderer for Indexer {
    type Given<'g> = Given<'g>;
    type Gives = ();

    fn render(
        &mut self,
        job: &crate::render::Job<'_>,
        given: Given<'_>,
    ) -> Result<(crate::render::Output, ()), crate::render::Error> {
        // On failure the index is dropped with what it was made from: the next render is whole.
        let output = match self.kept.take() {
            Some((mut index, files)) => {
                let (written, now) =
                    reindex(&mut index, job.guide, job.dir, given.texts, given.removed)?;
                let removed = files.iter().filter(|f| !now.contains(f)).cloned().collect();
                self.kept = Some((index, now));
                crate::render::Output { written, removed }
            }
            None => {
                let inputs = Inputs {
                    theme: job.themes.join("default"),
                };
                let index = index_texts(job.guide, &inputs, job.dir, given.texts)?;
                if !self.one_off {
                    let now = index.all_files();
                    self.kept = Some((index, now));
                }
                // A first render writes the whole index.
                crate::render::Output::default()
            }
        };
        Ok((output, ()))
    }
}

/// Brings a kept index up to date after a partial render: the `changed`
/// pages (with their text, cut as they were written) replace their old
/// entries, `removed` ones are dropped. The index files that changed are
/// written into `fresh/search/`; returns their paths relative to `fresh`, and
/// the paths of every file of the index now.
pub(crate) fn reindex(
    index: &mut Index,
    guide: &Guide,
    fresh: &Path,
    changed: Vec<(String, Cut)>,
    removed: &[String],
) -> io::Result<(Vec<String>, Vec<String>)> {
    let synonyms = &guide.synonyms;
    let cities = cities(guide);
    let removed: Vec<String> = removed.iter().filter(|u| is_indexed(u)).cloned().collect();
    let pages = as_pages(changed, &cities);
    let dirty = index.update(pages, &removed, &cities, synonyms);
    index.write(&fresh.join(DIR), &dirty)?;
    Ok((index.files(&dirty), index.all_files()))
}

/// True for a page the index holds: every HTML page but the search page
/// itself and the page shown for missing addresses.
pub(crate) fn is_indexed(url: &str) -> bool {
    url.ends_with(".html")
        && !url.starts_with(&format!("{DIR}/"))
        && url != crate::site::paths::of::not_found()
}

/// The ids and names of the city folders, in the guide's order.
fn cities(guide: &Guide) -> Vec<(String, String)> {
    guide
        .cities
        .iter()
        .map(|c| (c.id().to_string(), c.city.name.clone()))
        .collect()
}

/// Reads and cuts the pages at `urls` (relative to `dir`), in parallel.
fn read_pages(dir: &Path, urls: &[String]) -> io::Result<Vec<(String, Cut)>> {
    urls.par_iter()
        .map(|url| {
            let html = std::fs::read_to_string(dir.join(url))?;
            Ok((url.clone(), Cut::whole(extract::page(&html))))
        })
        .collect()
}

/// Pages with their city (by the folder they lie in), leaving out what the index does not hold.
fn as_pages(texts: Vec<(String, Cut)>, cities: &[(String, String)]) -> Vec<write::IndexedPage> {
    texts
        .into_iter()
        .filter(|(url, _)| is_indexed(url))
        .map(|(url, text)| {
            let city = url
                .split('/')
                .next()
                .filter(|_| url.contains('/'))
                .and_then(|first| cities.iter().position(|(id, _)| id == first));
            text.into_page(url, city)
        })
        .collect()
}

/// Every `*.html` file of the site, with its URL relative to the site root, in a stable order.
fn html_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found: Vec<(PathBuf, String)> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let url = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (!url.starts_with(&format!("{DIR}/"))).then(|| (e.path().to_path_buf(), url))
        })
        .collect();
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found
}

/// The engine and UI of the default theme, for a theme without a `search/` folder.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "search.js",
        include_str!("../../themes/default/search/search.js"),
    ),
    (
        "search-file.js",
        include_str!("../../themes/default/search/search-file.js"),
    ),
    (
        "search-ui.js",
        include_str!("../../themes/default/search/search-ui.js"),
    ),
    (
        "search.css",
        include_str!("../../themes/default/search/search.css"),
    ),
];

/// Copies the query engine and its UI from the theme into the site (the
/// built-in ones if the theme has none).
fn copy_engine(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    let Ok(entries) = std::fs::read_dir(from) else {
        for (name, text) in BUILT_IN {
            std::fs::write(to.join(name), text)?;
        }
        return Ok(());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| p.extension().is_some_and(|x| x == "js" || x == "css"))
        .collect();
    files.sort();
    for file in files {
        if let Some(name) = file.file_name() {
            std::fs::copy(&file, to.join(name))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// The cases the query engine's tests check too (`tests/search/vectors.json`).
    #[test]
    fn shared_vectors_hold() {
        let vectors: Value =
            serde_json::from_str(include_str!("../../tests/search/vectors.json")).unwrap();
        let groups: Vec<Vec<String>> = serde_json::from_value(vectors["synonyms"].clone()).unwrap();
        let synonyms = synonyms::Synonyms::from_groups(&groups);
        for case in vectors["normalise"].as_array().unwrap() {
            let input = case["in"].as_str().unwrap();
            assert_eq!(
                normalise::normalise(input, &synonyms),
                case["out"].as_str().unwrap(),
                "normalise({input:?})"
            );
        }
        for case in vectors["tokens"].as_array().unwrap() {
            let input = case["in"].as_str().unwrap();
            let expected: Vec<String> = serde_json::from_value(case["out"].clone()).unwrap();
            assert_eq!(tokens::tokens(input), expected, "tokens({input:?})");
        }
        for case in vectors["shards"].as_array().unwrap() {
            let key = case["key"].as_str().unwrap();
            let shards = case["shards"].as_u64().unwrap() as usize;
            assert_eq!(
                write::shard_of(key, shards),
                case["shard"].as_u64().unwrap() as usize,
                "shard_of({key:?})"
            );
        }
    }
}
