//! The files of the index, laid out so that a query loads only what it needs:
//!
//! - `search/index.json`: the manifest — format version, number of term
//!   shards, pages per document chunk, the cities, the folded synonym groups.
//! - `search/terms/<n>.bin`: one shard of the inverted index, gzip-compressed;
//!   a key lives in shard `fnv1a(key) % shards`. Inside, as LEB128 varints:
//!   the number of keys, the byte length of the keys (UTF-8, sorted, joined by
//!   `\n`), the keys, then for each key the number of pages holding it (in
//!   their text or titles) and the page numbers as gaps.
//! - `search/docs/<n>.json.gz`: pages `n × chunk …`, each
//!   `[url, title, city, [[anchor, title, start, end, links], …]]`, the page's
//!   own entry first (anchor `null`); `start..end` is the byte range of the
//!   entry in the page's HTML; `links` is 1 where the entry is mostly links
//!   (a list of related questions), which the engine ranks lower. The engine loads the pages it ranks highest and cuts
//!   them there to score sections and make snippets, so the index holds no
//!   copy of the text.
//!
//! Postings name pages, not sections: a page's sections share most of their
//! keys, and the engine scores the sections of a few pages on their text.
//! Files are written with a fixed gzip header, so the same input gives
//! byte-identical files.

use std::collections::{BTreeMap, BTreeSet};

// Keys are short strings hashed millions of times in a build; FxHash is several times
// faster than SipHash on them, and no key comes from outside the content.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::io::{self, Write};
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::extract::PageText;
use super::normalise::normalise;
use super::synonyms::Synonyms;
use super::tokens::token_slices;
use super::{DIR, Stats};

/// Version of the file layout; the engine refuses an index it does not know.
pub const VERSION: u32 = 1;
/// Pages per document chunk.
pub const CHUNK: usize = 64;
/// Keys per term shard, on average.
const KEYS_PER_SHARD: usize = 1024;

/// One built page and what it yields.
#[derive(Debug)]
pub struct IndexedPage {
    /// Path relative to the site root, `/`-separated.
    pub url: String,
    /// Index into the city list, if the page lies in a city's folder.
    pub city: Option<usize>,
    pub text: PageText,
}

/// The index in memory: pages, their keys and the postings, kept between
/// rebuilds in watch mode so that a changed page costs only its own keys and
/// the files those keys and the page live in.
#[derive(Debug, Default)]
pub struct Index {
    pages: Vec<IndexedPage>,
    /// Each page's keys, sorted, without repeats.
    keys: Vec<Keys>,
    /// Key → ascending page numbers.
    postings: HashMap<String, Vec<u32>>,
    synonyms: Synonyms,
    cities: Vec<(String, String)>,
}

/// The files of `search/` an update changed, relative to that folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Every file changed (the page numbers moved, or the shard count did).
    pub all: bool,
    pub shards: BTreeSet<usize>,
    pub chunks: BTreeSet<usize>,
}

/// A page's keys, sorted and without repeats, in one buffer: a page holds
/// thousands of keys, and one allocation for each would cost more than
/// finding them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Keys {
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<u32>,
}

impl Keys {
    fn from_sorted<'a>(keys: impl IntoIterator<Item = &'a str>) -> Keys {
        let mut out = Keys::default();
        for key in keys {
            out.text.push_str(key);
            out.ends.push(out.text.len() as u32);
        }
        out
    }

    fn get(&self, n: usize) -> &str {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.text[start..self.ends[n] as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|n| self.get(n))
    }

    fn contains(&self, key: &str) -> bool {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.get(mid).cmp(key) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// The keys of a page's text: the costly part of indexing, so run per page in parallel.
fn page_keys(page: &IndexedPage, synonyms: &Synonyms) -> Keys {
    let texts: Vec<String> = page
        .text
        .entries
        .iter()
        .flat_map(|entry| [&entry.body, &entry.title_text])
        .map(|text| normalise(text, synonyms))
        .collect();
    // Most keys repeat within a page: drop repeats before sorting what is left.
    let unique: HashSet<&str> = texts.iter().flat_map(|t| token_slices(t)).collect();
    let mut keys: Vec<&str> = unique.into_iter().collect();
    keys.sort_unstable();
    Keys::from_sorted(keys)
}

/// Key → ascending numbers of the pages holding it. Pages are taken in
/// chunks, one map per chunk in parallel; the maps hold far fewer keys than
/// the pages hold occurrences, so joining them in chunk order is cheap.
fn postings(keys: &[Keys]) -> HashMap<String, Vec<u32>> {
    const PAGES_PER_PART: usize = 512;
    let parts: Vec<HashMap<&str, Vec<u32>>> = keys
        .par_chunks(PAGES_PER_PART)
        .enumerate()
        .map(|(part, chunk)| {
            let mut map: HashMap<&str, Vec<u32>> = HashMap::default();
            for (n, keys) in chunk.iter().enumerate() {
                let id = (part * PAGES_PER_PART + n) as u32;
                for key in keys.iter() {
                    map.entry(key).or_default().push(id);
                }
            }
            map
        })
        .collect();
    let mut postings: HashMap<String, Vec<u32>> = HashMap::default();
    for part in parts {
        for (key, ids) in part {
            match postings.get_mut(key) {
                Some(list) => list.extend(ids),
                None => {
                    postings.insert(key.to_string(), ids);
                }
            }
        }
    }
    postings
}

impl Index {
    /// The index of `pages` (sorted by URL here).
    pub fn new(
        mut pages: Vec<IndexedPage>,
        cities: &[(String, String)],
        synonyms: &Synonyms,
    ) -> Index {
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        let keys: Vec<Keys> = pages.par_iter().map(|p| page_keys(p, synonyms)).collect();
        let postings = postings(&keys);
        Index {
            pages,
            keys,
            postings,
            synonyms: synonyms.clone(),
            cities: cities.to_vec(),
        }
    }

    /// Replaces the pages in `changed` (by URL; new ones are added) and drops
    /// those in `removed`, re-keying only the changed pages. Says which files
    /// of `search/` differ now; everything when pages were added or removed (page
    /// numbers move), or when the synonyms or cities changed (every key or name may).
    pub fn update(
        &mut self,
        changed: Vec<IndexedPage>,
        removed: &[String],
        cities: &[(String, String)],
        synonyms: &Synonyms,
    ) -> Dirty {
        let position =
            |url: &str, pages: &[IndexedPage]| pages.binary_search_by(|p| p.url.as_str().cmp(url));
        let moves = removed.iter().any(|u| position(u, &self.pages).is_ok())
            || changed
                .iter()
                .any(|p| position(&p.url, &self.pages).is_err());
        if moves || *synonyms != self.synonyms || cities != self.cities {
            let mut pages: Vec<IndexedPage> = std::mem::take(&mut self.pages)
                .into_iter()
                .filter(|p| !removed.contains(&p.url) && !changed.iter().any(|c| c.url == p.url))
                .collect();
            pages.extend(changed);
            *self = Index::new(pages, cities, synonyms);
            return Dirty {
                all: true,
                ..Dirty::default()
            };
        }
        let shards_before = self.shard_count();
        let mut dirty = Dirty::default();
        let mut touched_keys: BTreeSet<String> = BTreeSet::new();
        let new_keys: Vec<Keys> = changed.par_iter().map(|p| page_keys(p, synonyms)).collect();
        for (page, keys) in changed.into_iter().zip(new_keys) {
            let Ok(id) = position(&page.url, &self.pages) else {
                continue;
            };
            let old = std::mem::replace(&mut self.keys[id], keys);
            let new = &self.keys[id];
            for key in old.iter().filter(|k| !new.contains(k)) {
                if let Some(list) = self.postings.get_mut(key) {
                    list.retain(|&p| p != id as u32);
                    if list.is_empty() {
                        self.postings.remove(key);
                    }
                }
                touched_keys.insert(key.to_string());
            }
            for key in new.iter().filter(|k| !old.contains(k)) {
                let list = self.postings.entry(key.to_string()).or_default();
                if let Err(at) = list.binary_search(&(id as u32)) {
                    list.insert(at, id as u32);
                }
                touched_keys.insert(key.to_string());
            }
            dirty.chunks.insert(id / CHUNK);
            self.pages[id] = page;
        }
        let shards = self.shard_count();
        if shards != shards_before {
            dirty.all = true;
        } else {
            dirty.shards = touched_keys.iter().map(|k| shard_of(k, shards)).collect();
        }
        dirty
    }

    fn shard_count(&self) -> usize {
        self.postings.len().div_ceil(KEYS_PER_SHARD).max(1)
    }

    /// Writes every file of the index into `dir` (the site's `search/`), replacing what was there.
    pub fn write_all(&self, dir: &Path) -> io::Result<Stats> {
        for sub in ["terms", "docs"] {
            if dir.join(sub).exists() {
                std::fs::remove_dir_all(dir.join(sub))?;
            }
        }
        self.write(
            dir,
            &Dirty {
                all: true,
                ..Dirty::default()
            },
        )?;
        self.stats(dir)
    }

    /// Writes the files `dirty` names (and the manifest) into `dir`.
    pub fn write(&self, dir: &Path, dirty: &Dirty) -> io::Result<()> {
        for sub in ["terms", "docs"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        let shards = self.shard_count();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let wanted_shards: Vec<usize> = if dirty.all {
            (0..shards).collect()
        } else {
            dirty.shards.iter().copied().collect()
        };
        if !wanted_shards.is_empty() {
            let mut shard_keys: BTreeMap<usize, Vec<(&str, &[u32])>> =
                wanted_shards.iter().map(|&n| (n, Vec::new())).collect();
            for (key, list) in &self.postings {
                if let Some(keys) = shard_keys.get_mut(&shard_of(key, shards)) {
                    keys.push((key, list));
                }
            }
            for (n, mut keys) in shard_keys {
                keys.sort_unstable_by(|a, b| a.0.cmp(b.0));
                files.push((format!("terms/{n}.bin"), encode_shard(&keys)));
            }
        }
        let chunks = self.pages.len().div_ceil(CHUNK);
        let wanted_chunks: Vec<usize> = if dirty.all {
            (0..chunks).collect()
        } else {
            dirty.chunks.iter().copied().collect()
        };
        for n in wanted_chunks {
            let end = ((n + 1) * CHUNK).min(self.pages.len());
            let docs: Vec<Value> = self.pages[n * CHUNK..end].iter().map(doc).collect();
            let text = serde_json::to_vec(&docs).map_err(io::Error::other)?;
            files.push((format!("docs/{n}.json.gz"), text));
        }
        files
            .par_iter()
            .map(|(name, bytes)| write_gz(&dir.join(name), bytes))
            .collect::<io::Result<Vec<u64>>>()?;
        let manifest = json!({
            "version": VERSION,
            "shards": shards,
            "chunk": CHUNK,
            "pages": self.pages.len(),
            "cities": self.cities.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
            "synonyms": self.synonyms.groups,
        });
        let text = serde_json::to_string(&manifest).map_err(io::Error::other)?;
        std::fs::write(dir.join("index.json"), &text)?;
        Ok(())
    }

    /// The figures of the whole index, with the sizes of its files as written in `dir`.
    pub fn stats(&self, dir: &Path) -> io::Result<Stats> {
        let mut index_bytes = std::fs::metadata(dir.join("index.json"))?.len();
        let chunks = self.pages.len().div_ceil(CHUNK);
        let names = (0..self.shard_count())
            .map(|n| format!("terms/{n}.bin"))
            .chain((0..chunks).map(|n| format!("docs/{n}.json.gz")));
        for name in names {
            index_bytes += std::fs::metadata(dir.join(&name)).map_or(0, |m| m.len());
        }
        Ok(Stats {
            pages: self.pages.len(),
            entries: self.pages.iter().map(|p| p.text.entries.len()).sum(),
            index_bytes,
            text_bytes: self.pages.iter().map(|p| p.text.text_bytes as u64).sum(),
        })
    }

    /// The files of the index that `dirty` names, relative to the site.
    pub fn files(&self, dirty: &Dirty) -> Vec<String> {
        if dirty.all {
            return self.all_files();
        }
        let mut files = vec![format!("{DIR}/index.json")];
        files.extend(dirty.shards.iter().map(|n| format!("{DIR}/terms/{n}.bin")));
        files.extend(
            dirty
                .chunks
                .iter()
                .map(|n| format!("{DIR}/docs/{n}.json.gz")),
        );
        files
    }

    /// Every file of the index, relative to the site.
    pub fn all_files(&self) -> Vec<String> {
        let mut files = vec![format!("{DIR}/index.json")];
        files.extend((0..self.shard_count()).map(|n| format!("{DIR}/terms/{n}.bin")));
        files.extend(
            (0..self.pages.len().div_ceil(CHUNK)).map(|n| format!("{DIR}/docs/{n}.json.gz")),
        );
        files
    }
}

/// A page as the document chunks list it: URL, title, city and its sections.
fn doc(page: &IndexedPage) -> Value {
    let sections: Vec<Value> = page
        .text
        .entries
        .iter()
        .map(|entry| {
            let (start, end) = entry.span.unwrap_or((0, 0));
            let links = u8::from(entry.is_link_list());
            json!([entry.anchor, entry.title, start, end, links])
        })
        .collect();
    let title = page.text.entries.first().map(|e| e.title.as_str());
    json!([page.url, title, page.city, sections])
}

/// Writes the index of `pages` into `dir` (the site's `search/`), replacing what was there.
pub fn write(
    dir: &Path,
    pages: Vec<IndexedPage>,
    cities: &[(String, String)],
    synonyms: &Synonyms,
) -> io::Result<Stats> {
    Index::new(pages, cities, synonyms).write_all(dir)
}

/// One shard in the binary layout described at the top of this file.
fn encode_shard(keys: &[(&str, &[u32])]) -> Vec<u8> {
    let joined = keys.iter().map(|(k, _)| *k).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    varint(&mut out, keys.len() as u32);
    varint(&mut out, joined.len() as u32);
    out.extend_from_slice(joined.as_bytes());
    for (_, list) in keys {
        varint(&mut out, list.len() as u32);
        for gap in gaps(list) {
            varint(&mut out, gap);
        }
    }
    out
}

/// LEB128: seven bits a byte, low bits first, high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Ascending numbers as the first number and the gaps after it.
fn gaps(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .map(|&id| {
            let gap = id - prev;
            prev = id;
            gap
        })
        .collect()
}

/// FNV-1a over the key's UTF-8 bytes; the engine computes the same.
pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in key.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards
}

fn write_gz(path: &Path, bytes: &[u8]) -> io::Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    let bytes = encoder.finish()?;
    std::fs::write(path, &bytes)?;
    Ok(bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_and_shards_are_what_the_engine_expects() {
        assert_eq!(gaps(&[3, 4, 9]), [3, 1, 5]);
        let mut out = Vec::new();
        varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
        // The same value is checked in tests/search/engine.test.mjs.
        assert_eq!(shard_of("加算", 1000), 852);
    }
}
