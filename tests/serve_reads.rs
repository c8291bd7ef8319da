//! An edit of national content or of a form plans again only the pages that
//! read it (what each page looked up was noted while it was planned), and
//! what the served folder holds afterwards is, byte for byte, what a full
//! build of the edited content writes. Every national file and a form's
//! title and fields are edited in turn, so a page that reads national content
//! without noting it shows here as a page that differs from a full build.

mod common;
mod site_support;

use std::path::{Path, PathBuf};

use tebiki::build;
use tebiki::serve::rebuild::{Outcome, Rebuilder};

/// The files of a folder that differ from a full build of the same content, or that only one has.
fn differences(root: &Path, served: &Path, n: usize) -> Vec<String> {
    let full = root.join(format!("full-{n}"));
    build::build_with(&common::serve_options(root, &full), false).expect("the full build");
    let (served, full) = (
        site_support::snapshot(served),
        site_support::snapshot(&full),
    );
    let mut differ: Vec<String> = served
        .keys()
        .chain(full.keys())
        .filter(|k| served.get(*k) != full.get(*k))
        .cloned()
        .collect();
    differ.sort();
    differ.dedup();
    differ
}

/// Puts `marker` after the first `anchor` of a file; returns false if it has none.
fn mark(path: &Path, anchor: &str, marker: &str) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    let Some(at) = text.find(anchor) else {
        return false;
    };
    let at = at + anchor.len();
    std::fs::write(path, format!("{}{marker}{}", &text[..at], &text[at..])).unwrap();
    true
}

#[test]
fn national_and_form_edits_leave_what_a_full_build_writes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "forms"] {
        common::copy_tree(&repo.join(part), &root.join(part));
    }
    let served = root.join("site");
    let mut rebuilder = Rebuilder::new(common::serve_options(&root, &served), false).unwrap();
    rebuilder.leave_out_guides();
    assert!(matches!(rebuilder.rebuild(&[]), Outcome::Rebuilt(_)));

    // Each national file, at a text its pages show; a form's title; a form's field.
    let mut edits: Vec<(PathBuf, &str)> = Vec::new();
    for file in tebiki::load::files(&root.join("content/national"), "toml") {
        let text = std::fs::read_to_string(&file).unwrap();
        let anchor = ["name = \"", "title = \"", "who = \""]
            .into_iter()
            .find(|a| text.contains(a))
            .unwrap_or_else(|| panic!("{} has no text to edit", file.display()));
        // A role is found in the cities' content by its name: edit what pages say of it.
        let anchor = if text.contains("[[role]]") {
            "summary = \""
        } else {
            anchor
        };
        edits.push((file, anchor));
    }
    assert!(edits.len() >= 8, "every national file is edited: {edits:?}");
    let form = root.join("forms/ise-jizen-a.toml");
    edits.push((form.clone(), "title = \""));
    edits.push((form, "label = \""));

    let mut failures = Vec::new();
    for (n, (file, anchor)) in edits.iter().enumerate() {
        assert!(
            mark(file, anchor, "〔改〕"),
            "{} holds {anchor}",
            file.display()
        );
        let what = format!("{} at {anchor}", file.display());
        let rebuilt = match rebuilder.rebuild(&[file.canonicalize().unwrap()]) {
            Outcome::Rebuilt(rebuilt) => rebuilt,
            Outcome::Unchanged { .. } => panic!("{what}: the rebuild saw no change"),
            Outcome::Failed { report, .. } => panic!("{what}: the rebuild failed:\n{report}"),
        };
        // A national edit reaches some pages, not the whole site.
        assert!(
            rebuilt.rendered < rebuilt.pages,
            "{what}: rendered {} of {} pages",
            rebuilt.rendered,
            rebuilt.pages
        );
        let differ = differences(&root, &served, n);
        if !differ.is_empty() {
            failures.push(format!("{what}: {differ:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "pages not planned again after an edit they read:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_template_edit_reaches_every_page_though_the_templates_are_kept_between_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "forms", "themes"] {
        common::copy_tree(&repo.join(part), &root.join(part));
    }
    let served = root.join("site");
    let mut options = common::serve_options(&root, &served);
    options.themes = root.join("themes");
    let mut rebuilder = Rebuilder::new(options, false).unwrap();
    rebuilder.leave_out_guides();
    assert!(matches!(rebuilder.rebuild(&[]), Outcome::Rebuilt(_)));
    // A Q&A edit renders with the templates kept from the first rebuild.
    let qa = root.join("content/cities/zushi/qa.toml");
    assert!(mark(&qa, "answer = \"", "（改訂）"));
    assert!(matches!(rebuilder.rebuild(&[qa]), Outcome::Rebuilt(_)));

    let base = root.join("themes/default/templates/base.html");
    assert!(mark(&base, "<body", " data-edited=\"yes\""));
    assert!(matches!(rebuilder.rebuild(&[base]), Outcome::Rebuilt(_)));
    for page in [
        "index.html",
        "zushi/index.html",
        "zushi/qa.html",
        "national/index.html",
    ] {
        let html = std::fs::read_to_string(served.join(page)).unwrap();
        assert!(
            html.contains("data-edited=\"yes\""),
            "{page} kept the old template"
        );
    }
}
