//! Accessibility, proven the way a public-sector site is audited: axe-core
//! (WCAG 2.1 A/AA and best-practice rules) in headless Chromium over one page
//! of every kind, with zero violations, and no page scrolling sideways at
//! 360 px. Needs chromium, node and the npm packages: scripts/deps/site.sh.

mod site_support;

use std::path::Path;
use std::process::Command;

use site_support::*;

const INSTALLER: &str = "scripts/deps/site.sh";

fn require_tools() {
    let repo = repo();
    let missing: Vec<&str> = [
        (Path::new("/usr/bin/chromium").exists(), "chromium"),
        (
            Command::new("node").arg("--version").output().is_ok(),
            "node",
        ),
        (repo.join("node_modules/axe-core").is_dir(), "npm axe-core"),
        (
            repo.join("node_modules/puppeteer-core").is_dir(),
            "npm puppeteer-core",
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, name)| name)
    .collect();
    assert!(
        missing.is_empty(),
        "missing {}: run {INSTALLER} (as root) first",
        missing.join(", ")
    );
}

fn assert_accessible(inputs: &tebiki::load::Inputs) {
    assert_pages_accessible(inputs, one_page_per_kind);
}

fn assert_pages_accessible(inputs: &tebiki::load::Inputs, select: fn(&Path) -> Vec<String>) {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(inputs, &out);
    let pages = select(&out);
    let run = Command::new("node")
        .arg(repo().join("tests/e2e/axe.mjs"))
        .arg(&out)
        .args(&pages)
        .current_dir(repo())
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "accessibility check failed:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        report.contains(&format!(
            "{} pages: no accessibility violations",
            pages.len()
        )),
        "{report}"
    );
}

#[test]
fn one_page_of_every_kind_has_no_violations() {
    assert_accessible(&fixture());
}

#[test]
fn bundled_pages_of_every_kind_have_no_violations() {
    assert_accessible(&bundled());
}

/// Every flow page, each with its two drawings and the links laid over them.
fn flow_pages(root: &Path) -> Vec<String> {
    let flows: Vec<String> = pages(root)
        .into_keys()
        .filter(|p| p.split('/').nth(1) == Some("flows"))
        .collect();
    assert!(flows.len() >= 9, "the bundled flows are built: {flows:?}");
    flows
}

#[test]
fn every_bundled_flow_page_has_no_violations() {
    assert_pages_accessible(&bundled(), flow_pages);
}
