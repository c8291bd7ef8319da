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

// Keys are integers looked up millions of times in a build; FxHash is several times
// faster than SipHash on them, and no key comes from outside the content.
use rustc_hash::FxHashMap as HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::extract::PageText;
use super::normalise::normalise_to;
use super::synonyms::Synonyms;
use super::tokens::{Cutter, Key, Words};
use super::{DIR, Stats};

/// Version of the file layout; the engine refuses an index it does not know.
pub(crate) const VERSION: u32 = 1;
/// Pages per document chunk.
pub(crate) const CHUNK: usize = 64;
/// Keys per term shard, on average.
const KEYS_PER_SHARD: usize = 1024;

/// One built page and what it yields.
#[derive(Debug)]
pub(crate) struct IndexedPage {
    /// Path relative to the site root, `/`-separated.
    pub url: String,
    /// Index into the city list, if the page lies in a city's folder.
    pub city: Option<usize>,
    pub(crate) text: PageText,
    /// The page's keys if they were taken as it was cut ([`Cut::keyed`]).
    keys: Option<OwnKeys>,
}

/// A page's keys, sorted, with the long words numbered in the page's own list.
type OwnKeys = (Vec<Key>, Words);

/// A written page's text as the index takes it: whole, to be keyed with the
/// other pages, or keyed at once with the text given up.
#[derive(Debug)]
pub(crate) struct Cut {
    text: PageText,
    keys: Option<OwnKeys>,
}

impl Cut {
    /// The page's text, kept whole: an index kept between renders (`serve`)
    /// keys every page again when pages come or go.
    pub(crate) fn whole(text: PageText) -> Cut {
        Cut { text, keys: None }
    }

    /// The page's keys, taken now, and its entries without their text: for an
    /// index that is written once (`build`), which then holds no page's text.
    /// Such a page cannot be keyed again, so the index is not kept.
    pub(crate) fn keyed(mut text: PageText, synonyms: &Synonyms) -> Cut {
        let keys = page_keys(&text, synonyms);
        for entry in &mut text.entries {
            entry.body = String::new();
            entry.title_text = String::new();
        }
        Cut {
            text,
            keys: Some(keys),
        }
    }

    /// The page at `url`, in the city numbered `city`.
    pub(super) fn into_page(self, url: String, city: Option<usize>) -> IndexedPage {
        IndexedPage {
            url,
            city,
            text: self.text,
            keys: self.keys,
        }
    }
}

/// The index in memory: pages, their keys and the postings, kept between
/// rebuilds in watch mode so that a changed page costs only its own keys and
/// the files those keys and the page live in.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pages: Vec<IndexedPage>,
    /// Each page's keys, sorted, without repeats.
    keys: Vec<Vec<Key>>,
    /// Key → ascending page numbers.
    postings: HashMap<Key, Vec<u32>>,
    /// The words too long to pack into a key, numbered for the whole index.
    words: Words,
    synonyms: Synonyms,
    cities: Vec<(String, String)>,
}

/// The files of `search/` an update changed, relative to that folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Dirty {
    /// Every file changed (the page numbers moved, or the shard count did).
    pub all: bool,
    pub shards: BTreeSet<usize>,
    pub chunks: BTreeSet<usize>,
}

/// The keys of a page's text, folded and cut in one pass: the costly part of
/// indexing, so run per page in parallel. Long words are numbered in the
/// page's own list, for [`renumber`] to number them for the index.
fn page_keys(text: &PageText, synonyms: &Synonyms) -> OwnKeys {
    let (mut keys, mut words) = (Vec::new(), Words::default());
    let mut cutter = Cutter::new(&mut keys, &mut words);
    for entry in &text.entries {
        for text in [&entry.body, &entry.title_text] {
            normalise_to(text, synonyms, &mut cutter);
            cutter.finish();
        }
    }
    keys.sort_unstable();
    keys.dedup();
    // The page's keys are kept, its repeats (most of what was cut) are not.
    keys.shrink_to_fit();
    (keys, words)
}

/// A page's keys with its long words numbered in the index's list `words`
/// instead of its own, still sorted.
fn renumber((mut keys, own): OwnKeys, words: &mut Words) -> Vec<Key> {
    // Long words sort last, all kinds of key being told by their high bits.
    let first_long = keys.partition_point(|k| k.long_number().is_none());
    for key in &mut keys[first_long..] {
        if let Some(n) = key.long_number() {
            *key = Key::long(words.number(own.get(n)));
        }
    }
    keys[first_long..].sort_unstable();
    keys
}

/// Key → ascending numbers of the pages holding it. Pages are taken in
/// chunks, one map per chunk in parallel; the maps hold far fewer keys than
/// the pages hold occurrences, so joining them in chunk order is cheap.
fn postings(keys: &[Vec<Key>]) -> HashMap<Key, Vec<u32>> {
    const PAGES_PER_PART: usize = 512;
    let parts: Vec<HashMap<Key, Vec<u32>>> = keys
        .par_chunks(PAGES_PER_PART)
        .enumerate()
        .map(|(part, chunk)| {
            let mut map: HashMap<Key, Vec<u32>> = HashMap::default();
            for (n, keys) in chunk.iter().enumerate() {
                let id = (part * PAGES_PER_PART + n) as u32;
                for &key in keys {
                    map.entry(key).or_default().push(id);
                }
            }
            map
        })
        .collect();
    let mut parts = parts.into_iter();
    let mut postings = parts.next().unwrap_or_default();
    for part in parts {
        for (key, ids) in part {
            postings.entry(key).or_default().extend(ids);
        }
    }
    postings
}

impl IndexedPage {
    /// The page's keys: those taken as it was cut, else cut from its text now.
    fn keys(&mut self, synonyms: &Synonyms) -> OwnKeys {
        self.keys
            .take()
            .unwrap_or_else(|| page_keys(&self.text, synonyms))
    }
}

impl Index {
    /// The index of `pages` (sorted by URL here).
    pub(crate) fn new(
        mut pages: Vec<IndexedPage>,
        cities: &[(String, String)],
        synonyms: &Synonyms,
    ) -> Index {
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        let own: Vec<OwnKeys> = pages.par_iter_mut().map(|p| p.keys(synonyms)).collect();
        let mut words = Words::default();
        let keys: Vec<Vec<Key>> = own.into_iter().map(|k| renumber(k, &mut words)).collect();
        let postings = postings(&keys);
        Index {
            pages,
            keys,
            postings,
            words,
            synonyms: synonyms.clone(),
            cities: cities.to_vec(),
        }
    }

    /// Replaces the pages in `changed` (by URL; new ones are added) and drops
    /// those in `removed`, re-keying only the changed pages. Says which files
    /// of `search/` differ now; everything when pages were added or removed (page
    /// numbers move), or when the synonyms or cities changed (every key or name may).
    pub(crate) fn update(
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
        let mut touched_keys: BTreeSet<Key> = BTreeSet::new();
        let mut changed = changed;
        let own: Vec<OwnKeys> = changed.par_iter_mut().map(|p| p.keys(synonyms)).collect();
        let new_keys: Vec<Vec<Key>> = own
            .into_iter()
            .map(|k| renumber(k, &mut self.words))
            .collect();
        for (page, keys) in changed.into_iter().zip(new_keys) {
            let Ok(id) = position(&page.url, &self.pages) else {
                continue;
            };
            let old = std::mem::replace(&mut self.keys[id], keys);
            let new = &self.keys[id];
            for key in old.iter().filter(|k| new.binary_search(k).is_err()) {
                if let Some(list) = self.postings.get_mut(key) {
                    list.retain(|&p| p != id as u32);
                    if list.is_empty() {
                        self.postings.remove(key);
                    }
                }
                touched_keys.insert(*key);
            }
            for &key in new.iter().filter(|k| old.binary_search(k).is_err()) {
                let list = self.postings.entry(key).or_default();
                if let Err(at) = list.binary_search(&(id as u32)) {
                    list.insert(at, id as u32);
                }
                touched_keys.insert(key);
            }
            dirty.chunks.insert(id / CHUNK);
            self.pages[id] = page;
        }
        let shards = self.shard_count();
        if shards != shards_before {
            dirty.all = true;
        } else {
            let mut text = String::new();
            dirty.shards = touched_keys
                .iter()
                .map(|k| {
                    text.clear();
                    k.push_text(&self.words, &mut text);
                    shard_of(&text, shards)
                })
                .collect();
        }
        dirty
    }

    /// The term shards numbered `wanted` (ascending), each as its file's
    /// name and bytes. Each key's text is made here, once, into one buffer.
    fn shards(&self, wanted: &[usize], shards: usize) -> Vec<(String, Vec<u8>)> {
        /// A key's text, as a range of the buffer, and its pages.
        type Placed<'i> = (Range<usize>, &'i [u32]);
        let mut text = String::new();
        let mut shard_keys: BTreeMap<usize, Vec<Placed<'_>>> =
            wanted.iter().map(|&n| (n, Vec::new())).collect();
        for (key, list) in &self.postings {
            let start = text.len();
            key.push_text(&self.words, &mut text);
            match shard_keys.get_mut(&shard_of(&text[start..], shards)) {
                Some(keys) => keys.push((start..text.len(), list)),
                None => text.truncate(start),
            }
        }
        shard_keys
            .into_par_iter()
            .map(|(n, keys)| {
                let mut keys: Vec<(&str, &[u32])> = keys
                    .into_iter()
                    .map(|(range, list)| (&text[range], list))
                    .collect();
                keys.sort_unstable_by(|a, b| a.0.cmp(b.0));
                (format!("terms/{n}.bin"), encode_shard(&keys))
            })
            .collect()
    }

    fn shard_count(&self) -> usize {
        self.postings.len().div_ceil(KEYS_PER_SHARD).max(1)
    }

    /// Writes every file of the index into `dir` (the site's `search/`), replacing what was there.
    pub(crate) fn write_all(&self, dir: &Path) -> io::Result<Stats> {
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
    pub(crate) fn write(&self, dir: &Path, dirty: &Dirty) -> io::Result<()> {
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
            files.extend(self.shards(&wanted_shards, shards));
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
    pub(crate) fn stats(&self, dir: &Path) -> io::Result<Stats> {
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
    pub(crate) fn files(&self, dirty: &Dirty) -> Vec<String> {
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
    pub(crate) fn all_files(&self) -> Vec<String> {
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
pub(crate) fn shard_of(key: &str, shards: usize) -> usize {
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

    /// Pages keyed as they are cut give the index that keying them all at once gives.
    #[test]
    fn pages_keyed_when_cut_give_the_same_files() {
        let synonyms = Synonyms::from_groups(&[vec!["障害".into(), "障がい".into()]]);
        let html = |n: usize| {
            format!(
                "<html><head><title>頁{n}</title></head><body><main><h1>加算{n}</h1>\
                 <p>障がいのある方の緊急時の受け入れ。ABCDEFGHIJ{n} longword{n}xyz</p>\
                 <section id=\"q{n}\"><h2>Q{n}</h2><p>７，０００円</p>\
                 <ul><li><a href=\"a.html\">関連する質問を見る</a></li></ul></section></main></body></html>"
            )
        };
        let pages = |keyed: bool| -> Vec<IndexedPage> {
            (0..70)
                .rev()
                .map(|n| {
                    let text = super::super::extract::page(&html(n));
                    let cut = if keyed {
                        Cut::keyed(text, &synonyms)
                    } else {
                        Cut::whole(text)
                    };
                    cut.into_page(format!("c/{n}.html"), Some(0))
                })
                .collect()
        };
        let cities = [("c".to_string(), "市".to_string())];
        let written = |keyed: bool| {
            let dir = tempfile::tempdir().unwrap();
            let stats = Index::new(pages(keyed), &cities, &synonyms)
                .write_all(dir.path())
                .unwrap();
            let mut files = BTreeMap::new();
            for entry in walkdir::WalkDir::new(dir.path()) {
                let entry = entry.unwrap();
                if entry.file_type().is_file() {
                    let name = entry.path().strip_prefix(dir.path()).unwrap().to_path_buf();
                    files.insert(name, std::fs::read(entry.path()).unwrap());
                }
            }
            (stats, files)
        };
        let (whole, keyed) = (written(false), written(true));
        assert_eq!(whole.0.pages, 70);
        assert!(whole.1.len() > 3, "{:?}", whole.1.keys());
        assert_eq!(whole, keyed);
    }
}
