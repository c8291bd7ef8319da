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

/// Builds the bundled content into `dir/site` with `tebiki build`, as of a
/// fixed day so that the values shown never depend on the clock.
fn built_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--as-of", "2026-11-01", "build", "--out"])
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
fn two_builds_write_the_same_index_byte_for_byte() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let index = |site: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let root = site.join("search");
        let mut files: Vec<_> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&root).unwrap().to_path_buf();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    let (first, second) = (
        index(&built_site(one.path())),
        index(&built_site(two.path())),
    );
    let names =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&first), names(&second), "the same index files");
    assert!(
        first.iter().any(|(p, _)| p == Path::new("index.json")),
        "the manifest is compared too"
    );
    assert!(
        first.len() > 3,
        "an index of several shards: {:?}",
        names(&first)
    );
    for ((path, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between two builds", path.display());
    }
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
