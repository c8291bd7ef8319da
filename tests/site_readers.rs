//! What readers see on a phone (360 px) and a wide screen (1280 px) in a real
//! browser (tests/e2e/readers.mjs): the phone header ends within 120 px, data
//! tables scroll in labelled regions no taller than the window with columns
//! kept wide and their marks explained, a role × step matrix keeps its
//! organisation column and step header in view after scrolling, every control
//! shows its focus at 3:1 or more and is at least 24 px, and no page load asks
//! for a file the site does not have. Needs chromium, node and the npm
//! packages: scripts/deps/site.sh.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn phones_and_wide_screens_show_tables_controls_and_the_header_readably() {
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
        .arg(repo.join("tests/e2e/readers.mjs"))
        .arg(&out)
        .current_dir(repo)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("readers: no faults"), "{stdout}");
    assert!(
        stdout.contains("still showing"),
        "no matrix was scrolled: {stdout}"
    );
}
