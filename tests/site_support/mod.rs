//! Helpers shared by the website's end-to-end tests: building a site from a
//! content tree, reading it back, and the minimal HTML scanning the link
//! checker needs (tebiki writes every attribute double-quoted).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tebiki::build::{self, Failure, Options, Summary};
use tebiki::load::Inputs;

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The small content tree made for these tests.
pub(crate) fn fixture() -> Inputs {
    let root = repo().join("tests/fixtures/site");
    Inputs {
        content: root.join("content"),
        forms: root.join("forms"),
    }
}

/// The bundled content; it must hold the five seed cities.
pub(crate) fn bundled() -> Inputs {
    let content = repo().join("content");
    let cities = std::fs::read_dir(content.join("cities"))
        .expect("content/cities/ is part of the repository")
        .flatten()
        .filter(|e| e.path().join("city.toml").is_file())
        .count();
    assert!(
        cities >= 5,
        "content/cities/ holds {cities} cities, not the five seeds"
    );
    Inputs {
        content,
        forms: repo().join("forms"),
    }
}

/// The day every test site is built as of, so that output never depends on the clock.
pub(crate) fn as_of() -> tebiki::model::Date {
    tebiki::model::Date::new(2025, 4, Some(1)).unwrap()
}

/// Builds `inputs` with the default theme into `out`.
pub(crate) fn build_into(inputs: &Inputs, out: &Path) -> Result<Summary, Failure> {
    build_with_theme(inputs, &repo().join("themes"), out)
}

/// Builds `inputs` with the themes in `themes` into `out`.
pub(crate) fn build_with_theme(
    inputs: &Inputs,
    themes: &Path,
    out: &Path,
) -> Result<Summary, Failure> {
    let options = Options {
        inputs: inputs.clone(),
        themes: themes.to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        force: false,
        as_of: as_of(),
    };
    build::build(&options).map(|(summary, _)| summary)
}

/// Builds and panics with the report when the build fails.
pub(crate) fn build_ok(inputs: &Inputs, out: &Path) -> Summary {
    match build_into(inputs, out) {
        Ok(s) => s,
        Err(Failure::Content(d)) => panic!("content has errors:\n{}", d.report()),
        Err(Failure::Io(e)) => panic!("build failed: {e}"),
        Err(Failure::Refused(r)) => panic!("output refused: {r}"),
    }
}

/// Every file below `root`: relative `/` path → bytes, sorted by path.
pub(crate) fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The HTML pages of a built site: relative path → text.
pub(crate) fn pages(root: &Path) -> BTreeMap<String, String> {
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("pages are UTF-8")))
        .collect()
}

/// Copies a folder tree (content fixtures, themes) so a test can change it.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The values of attribute `name` on every tag of `html`, entities decoded.
pub(crate) fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(needle.as_str())
        .filter_map(|(i, _)| {
            let start = i + needle.len();
            let end = start + html[start..].find('"')?;
            // Only inside a tag: the last '<' before it must come after the last '>'.
            let before = &html[..i];
            if before.rfind('<') < before.rfind('>') {
                return None;
            }
            Some(decode(&html[start..end]))
        })
        .collect()
}

fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// One page of every kind in a built site: the portal, each national kind, and each
/// kind of city page, taking the first page (by path) of each.
pub(crate) fn one_page_per_kind(root: &Path) -> Vec<String> {
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    for path in pages(root).into_keys() {
        let parts: Vec<&str> = path.split('/').collect();
        let kind = match parts.as_slice() {
            ["national", dir @ ("addons" | "pages"), _] => format!("national/{dir}/*"),
            ["national", page] => format!("national/{page}"),
            [_city, dir, _] => format!("city/{dir}/*"),
            [_city, page] => format!("city/{page}"),
            _ => path.clone(),
        };
        kinds.entry(kind).or_insert(path);
    }
    kinds.into_values().collect()
}
