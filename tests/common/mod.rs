//! Helpers shared by the integration tests: copying content trees and running the binary.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The small valid content tree the fault corpus and other tests start from.
pub(crate) const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");

/// Copies every file below `from` to the same place below `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The shipped theme, with the fonts the forms need.
pub(crate) const THEMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes");

/// Runs `tebiki` with `args` in `dir`, using the shipped theme; returns (success, stdout, stderr).
pub(crate) fn tebiki(dir: &Path, args: &[&str]) -> (bool, String, String) {
    tebiki_in_locale(dir, "C", args)
}

/// Runs tebiki as [`tebiki`] does, with `LANG` set to `locale` and no other
/// locale variable, so that what it prints does not depend on the machine's locale.
pub(crate) fn tebiki_in_locale(dir: &Path, locale: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--themes", THEMES])
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs `tebiki --as-of <as_of> diff --json <old> <new>` in `dir` and returns its report.
pub(crate) fn diff_json(dir: &Path, as_of: &str, old: &Path, new: &Path) -> serde_json::Value {
    let (ok, stdout, stderr) = tebiki(
        dir,
        &[
            "--as-of",
            as_of,
            "diff",
            "--json",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// The names of the entries of `dir`, sorted.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text of HTML with its tags dropped (entities left as written).
pub(crate) fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Build options for a copy of the content and forms under `root`, as of
/// 2025-04-01 with the repository's themes, writing into `out`.
pub(crate) fn serve_options(root: &Path, out: &Path) -> tebiki::build::Options {
    tebiki::build::Options {
        inputs: tebiki::load::Inputs {
            content: root.join("content"),
            forms: root.join("forms"),
        },
        as_of: tebiki::model::Date::parse("2025-04-01").unwrap(),
        themes: std::path::PathBuf::from(THEMES),
        out: out.to_path_buf(),
        base_url: None,
        force: false,
    }
}
