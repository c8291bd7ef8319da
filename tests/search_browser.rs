//! Search in a real browser: type a query into a city page's search box, see
//! the results announced, and follow one with the keyboard
//! (tests/e2e/search_browser.mjs). Needs chromium, node and the npm packages:
//! scripts/deps/site.sh.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn a_reader_types_a_query_and_follows_a_result_with_the_keyboard() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        Path::new("/usr/bin/chromium").exists()
            && repo.join("node_modules/puppeteer-core").is_dir(),
        "chromium or puppeteer-core missing: run scripts/deps/site.sh (as root) first"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let (ok, _, stderr) =
        common::tebiki(repo, &["--as-of", "2026-11-01", "build", "--out", &out_arg]);
    assert!(ok, "{stderr}");
    let run = Command::new("node")
        .arg(repo.join("tests/e2e/search_browser.mjs"))
        .arg(&out)
        .current_dir(repo)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{stdout}");
    assert!(stdout.contains("followed"), "{stdout}");
}
