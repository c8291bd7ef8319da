//! Every page of a built site is well-formed HTML5 (html5lib in strict mode
//! stops at any parse error), declares lang="ja" and has one <h1>. Needs
//! python3 with html5lib: scripts/deps/site.sh.

mod site_support;

use std::process::Command;

use site_support::*;

fn assert_valid(inputs: &tebiki::load::Inputs) {
    let has_html5lib = Command::new("python3")
        .args(["-c", "import html5lib"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_html5lib,
        "python3 with html5lib is missing: run scripts/deps/site.sh (as root) first"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(inputs, &out);
    let run = Command::new("python3")
        .arg(repo().join("tests/e2e/html_valid.py"))
        .arg(&out)
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "invalid HTML:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn every_fixture_page_is_valid_html() {
    assert_valid(&fixture());
}

#[test]
fn every_bundled_page_is_valid_html() {
    assert_valid(&bundled());
}
