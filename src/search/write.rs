//! The files of the index, laid out so that a query loads only what it needs:
//!
//! - `search/index.json`: the manifest — format version, number of term
//!   shards, entries per document chunk, the cities, the folded synonym groups.
//! - `search/terms/<n>.json.gz`: one shard of the inverted index; a key lives
//!   in shard `fnv1a(key) % shards`. Each key maps to `[body, title]`: the
//!   entries whose text or title holds it, as gaps between ascending numbers.
//! - `search/docs/<n>.json.gz`: entries `n × chunk …`, each
//!   `[url, title, city, page title, start, end]`; `start..end` is the byte
//!   range of the entry in its page's HTML, which the engine loads to cut the
//!   snippet (so the index holds no copy of the text).
//!
//! Shards are gzip-compressed JSON with a fixed header, so the same input
//! gives byte-identical files.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};

use super::Stats;
use super::extract::PageText;
use super::normalise::normalise;
use super::synonyms::Synonyms;
use super::tokens::tokens;

/// Version of the file layout; the engine refuses an index it does not know.
pub const VERSION: u32 = 1;
/// Entries per document chunk.
pub const CHUNK: usize = 128;
/// Keys per term shard, on average.
const KEYS_PER_SHARD: usize = 384;

/// One built page and what it yields.
#[derive(Debug)]
pub struct Page {
    /// Path relative to the site root, `/`-separated.
    pub url: String,
    /// Index into the city list, if the page lies in a city's folder.
    pub city: Option<usize>,
    pub text: PageText,
}

#[derive(Default)]
struct Postings {
    body: Vec<u32>,
    title: Vec<u32>,
}

/// Writes the index of `pages` into `dir` (the site's `search/`), replacing what was there.
pub fn write(
    dir: &Path,
    pages: &[Page],
    cities: &[(String, String)],
    synonyms: &Synonyms,
) -> io::Result<Stats> {
    if dir.exists() {
        for sub in ["terms", "docs"] {
            if dir.join(sub).exists() {
                std::fs::remove_dir_all(dir.join(sub))?;
            }
        }
    }
    std::fs::create_dir_all(dir.join("terms"))?;
    std::fs::create_dir_all(dir.join("docs"))?;

    let mut docs: Vec<Value> = Vec::new();
    let mut keys: BTreeMap<String, Postings> = BTreeMap::new();
    let mut text_bytes = 0u64;
    for page in pages {
        text_bytes += page.text.text_bytes as u64;
        let page_title = page.text.entries.first().map(|e| e.title.clone());
        for entry in &page.text.entries {
            let id = docs.len() as u32;
            let url = match &entry.anchor {
                Some(anchor) => format!("{}#{anchor}", page.url),
                None => page.url.clone(),
            };
            let (start, end) = entry.span.unwrap_or((0, 0));
            let context = entry.anchor.as_ref().and(page_title.clone());
            docs.push(json!([url, entry.title, page.city, context, start, end]));
            add(&mut keys, &normalise(&entry.body, synonyms), id, false);
            add(&mut keys, &normalise(&entry.title_text, synonyms), id, true);
        }
    }

    let shards = keys.len().div_ceil(KEYS_PER_SHARD).max(1);
    let mut shard_maps: Vec<serde_json::Map<String, Value>> = vec![Default::default(); shards];
    for (key, postings) in &keys {
        let value = if postings.title.is_empty() {
            json!([gaps(&postings.body)])
        } else {
            json!([gaps(&postings.body), gaps(&postings.title)])
        };
        shard_maps[shard_of(key, shards)].insert(key.clone(), value);
    }
    let mut index_bytes = 0u64;
    for (n, map) in shard_maps.into_iter().enumerate() {
        index_bytes += write_gz(&dir.join(format!("terms/{n}.json.gz")), &Value::Object(map))?;
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        index_bytes += write_gz(&dir.join(format!("docs/{n}.json.gz")), &json!(chunk))?;
    }
    let manifest = json!({
        "version": VERSION,
        "shards": shards,
        "chunk": CHUNK,
        "docs": docs.len(),
        "cities": cities.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
        "synonyms": synonyms.groups,
    });
    let text = serde_json::to_string(&manifest).map_err(io::Error::other)?;
    std::fs::write(dir.join("index.json"), &text)?;
    index_bytes += text.len() as u64;
    Ok(Stats {
        pages: pages.len(),
        entries: docs.len(),
        index_bytes,
        text_bytes,
    })
}

fn add(keys: &mut BTreeMap<String, Postings>, text: &str, id: u32, title: bool) {
    for key in tokens(text) {
        let postings = keys.entry(key).or_default();
        let list = if title {
            &mut postings.title
        } else {
            &mut postings.body
        };
        if list.last() != Some(&id) {
            list.push(id);
        }
    }
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

fn write_gz(path: &Path, value: &Value) -> io::Result<u64> {
    let text = serde_json::to_vec(value).map_err(io::Error::other)?;
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&text)?;
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
        // The same value is checked in tests/search/engine.test.mjs.
        assert_eq!(shard_of("加算", 1000), 852);
    }
}
