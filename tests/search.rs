//! Search over the bundled content: builds the site with `tebiki build`, then
//! runs the query engine's Node tests (`tests/search/*.test.mjs`) on it: the
//! shared normalisation vectors, the queries written from the seed guides
//! (recall in the top 3), snippets and the search UI's pure parts.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Builds the bundled content into `dir/site` with `tebiki build`.
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
    assert!(
        site.join("search/search.js").is_file(),
        "the build did not copy the query engine"
    );
    site
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

/// A `tebiki serve` over the bundled content, stopped when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn served_pages_give_the_same_results_and_snippets_without_markup() {
    use std::io::{BufRead, BufReader};
    require_node();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["serve", "--port", "0", "--out"])
        .arg(&site)
        .current_dir(ROOT)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let served = Served(child);
    let url = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            let at = line.find("http://127.0.0.1:")?;
            Some(line[at..].split_whitespace().next()?.to_string())
        })
        .expect("tebiki serve printed where it serves");
    let out = Command::new("node")
        .arg("tests/search/served.mjs")
        .arg(&url)
        .arg(&site)
        .current_dir(ROOT)
        .output()
        .unwrap();
    drop(served);
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "search over tebiki serve differs from the built files:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("no markup in any snippet"), "{stdout}");
}
