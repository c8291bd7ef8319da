//! Search over the bundled content: builds the site with `tebiki build`, then
//! runs the query engine's Node tests (`tests/search/*.test.mjs`) on it: the
//! shared normalisation vectors, the queries written from the seed guides
//! (recall in the top 3), snippets and the search UI's pure parts.

#[path = "search/standin.rs"]
mod standin;

use std::path::{Path, PathBuf};
use std::process::Command;

use tebiki::load::Inputs;
use tebiki::model::Date;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn require_node() {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "node is not installed; run scripts/deps/search.sh (the search tests run under Node)"
    );
}

/// True once the renderer writes real pages (with `<main>`) rather than placeholders.
fn has_full_pages(site: &Path) -> bool {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|html| html.contains("<main")))
}

/// Builds the bundled content; while the renderer writes placeholders, indexes a
/// plain rendering of the same content instead (and says so).
fn built_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["build", "--out"])
        .arg(&site)
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tebiki build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.join("search/index.json").is_file(),
        "the build wrote no search index"
    );
    if has_full_pages(&site) {
        return site;
    }
    eprintln!(
        "note: the renderer still writes placeholder pages; indexing tests/search/standin.rs's rendering of the bundled content instead"
    );
    let inputs = Inputs {
        content: Path::new(ROOT).join("content"),
        forms: Path::new(ROOT).join("forms"),
    };
    let (guide, diags) = tebiki::build::check(&inputs, Date::today());
    assert!(!diags.has_errors(), "{}", diags.report());
    let standin = dir.join("standin");
    standin::render(&guide, &standin);
    let search = tebiki::search::Inputs {
        content: inputs.content.clone(),
        theme: Path::new(ROOT).join("themes/default"),
    };
    tebiki::search::index(&guide, &search, &standin).unwrap_or_else(|e| panic!("{e:?}"));
    standin
}

#[test]
fn node_tests_pass_on_the_built_site() {
    require_node();
    let dir = tempfile::tempdir().unwrap();
    // SEARCH_SITE_OUT keeps the built site for a closer look.
    let keep = std::env::var_os("SEARCH_SITE_OUT").map(PathBuf::from);
    let site = built_site(keep.as_deref().unwrap_or(dir.path()));
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "tests/search/"])
        .env("SEARCH_SITE", &site)
        .current_dir(ROOT)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "node tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn indexing_the_same_pages_twice_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let site = built_site(dir.path());
    let snapshot = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(root.join("search"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&site);
    let cities: Vec<(String, String)> = ["ise", "kushiro", "matsue", "yokkaichi", "zushi"]
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect();
    let (synonyms, _) = tebiki::search::synonyms::load(&Path::new(ROOT).join("content"));
    let manifest = std::fs::read(site.join("search/index.json")).unwrap();
    tebiki::search::index_site(&site, &cities, &synonyms).unwrap();
    // Same pages, same synonyms: the shards are identical (the manifest names the cities).
    let after = snapshot(&site);
    assert_eq!(before.len(), after.len());
    for ((path, a), (_, b)) in before.iter().zip(&after) {
        if path.ends_with("index.json") {
            continue;
        }
        assert!(a == b, "{} changed between two runs", path.display());
    }
    assert!(!manifest.is_empty());
}
