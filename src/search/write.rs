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
/// Pages per document chunk.
pub const CHUNK: usize = 64;
/// Keys per term shard, on average.
const KEYS_PER_SHARD: usize = 1024;

/// One built page and what it yields.
#[derive(Debug)]
pub struct Page {
    /// Path relative to the site root, `/`-separated.
    pub url: String,
    /// Index into the city list, if the page lies in a city's folder.
    pub city: Option<usize>,
    pub text: PageText,
}

/// Writes the index of `pages` into `dir` (the site's `search/`), replacing what was there.
pub fn write(
    dir: &Path,
    pages: &[Page],
    cities: &[(String, String)],
    synonyms: &Synonyms,
) -> io::Result<Stats> {
    for sub in ["terms", "docs"] {
        if dir.join(sub).exists() {
            std::fs::remove_dir_all(dir.join(sub))?;
        }
        std::fs::create_dir_all(dir.join(sub))?;
    }

    let mut docs: Vec<Value> = Vec::with_capacity(pages.len());
    let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut text_bytes = 0u64;
    let mut entries = 0;
    for (id, page) in pages.iter().enumerate() {
        let id = id as u32;
        text_bytes += page.text.text_bytes as u64;
        let mut sections = Vec::new();
        for entry in &page.text.entries {
            let (start, end) = entry.span.unwrap_or((0, 0));
            let links = u8::from(entry.is_link_list());
            sections.push(json!([entry.anchor, entry.title, start, end, links]));
            for text in [&entry.body, &entry.title_text] {
                for key in tokens(&normalise(text, synonyms)) {
                    let list = keys.entry(key).or_default();
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                }
            }
        }
        entries += sections.len();
        let title = page.text.entries.first().map(|e| e.title.as_str());
        docs.push(json!([page.url, title, page.city, sections]));
    }

    let shards = keys.len().div_ceil(KEYS_PER_SHARD).max(1);
    let mut shard_keys: Vec<Vec<(&String, &Vec<u32>)>> = vec![Vec::new(); shards];
    for (key, list) in &keys {
        shard_keys[shard_of(key, shards)].push((key, list));
    }
    let mut index_bytes = 0u64;
    for (n, keys) in shard_keys.iter().enumerate() {
        index_bytes += write_gz(&dir.join(format!("terms/{n}.bin")), &encode_shard(keys))?;
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let text = serde_json::to_vec(&json!(chunk)).map_err(io::Error::other)?;
        index_bytes += write_gz(&dir.join(format!("docs/{n}.json.gz")), &text)?;
    }
    let manifest = json!({
        "version": VERSION,
        "shards": shards,
        "chunk": CHUNK,
        "pages": docs.len(),
        "cities": cities.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
        "synonyms": synonyms.groups,
    });
    let text = serde_json::to_string(&manifest).map_err(io::Error::other)?;
    std::fs::write(dir.join("index.json"), &text)?;
    index_bytes += text.len() as u64;
    Ok(Stats {
        pages: pages.len(),
        entries,
        index_bytes,
        text_bytes,
    })
}

/// One shard in the binary layout described at the top of this file.
fn encode_shard(keys: &[(&String, &Vec<u32>)]) -> Vec<u8> {
    let joined = keys
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join("\n");
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
