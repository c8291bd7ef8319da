//! A watch-mode rebuild renders only what an edit reaches, and what it leaves
//! in the served folder is, byte for byte, what a full build of the edited
//! content writes: for a Q&A edit, a national add-on edit, a form edit, an
//! added Q&A, a removed page, a synonym edit, a Q&A that starts citing an
//! add-on, and a subsidy that the comparison across cities shows.

mod common;
mod site_support;

use std::path::Path;

use tebiki::build;
use tebiki::serve::rebuild::{Outcome, Rebuilder};

/// Asserts that the served folder holds exactly what a full build of the same content writes.
fn assert_same_as_full_build(root: &Path, served: &Path, what: &str) {
    let full = root.join(format!("full-{}", what.replace(' ', "-")));
    build::build(&common::serve_options(root, &full))
        .unwrap_or_else(|e| panic!("{what}: full build: {e:?}"));
    let (served, full) = (
        site_support::snapshot(served),
        site_support::snapshot(&full),
    );
    let only_served: Vec<&String> = served.keys().filter(|k| !full.contains_key(*k)).collect();
    let only_full: Vec<&String> = full.keys().filter(|k| !served.contains_key(*k)).collect();
    assert!(
        only_served.is_empty() && only_full.is_empty(),
        "{what}: files only in the served folder {only_served:?}, only in a full build {only_full:?}"
    );
    let differing: Vec<&String> = served.keys().filter(|k| served[*k] != full[*k]).collect();
    assert!(
        differing.is_empty(),
        "{what}: these files differ from a full build: {differing:?}"
    );
}

/// Replaces the first `from` in a file by `to`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Rebuilds after `changed`, then sets the guides the rebuild left for after
/// its pages; returns the served files both wrote and removed.
fn rebuild(rebuilder: &mut Rebuilder, changed: &Path, what: &str) -> (Vec<String>, Vec<String>) {
    let (mut written, mut removed) =
        match rebuilder.rebuild(&[changed.canonicalize().unwrap_or(changed.to_path_buf())]) {
            Outcome::Rebuilt(rebuilt) => (rebuilt.synced.written, rebuilt.synced.removed),
            Outcome::Unchanged { .. } => panic!("{what}: the rebuild saw no change"),
            Outcome::Failed { report, .. } => panic!("{what}: the rebuild failed:\n{report}"),
        };
    assert!(
        !written.iter().any(|f| f.ends_with("-tebiki.pdf")),
        "{what}: a printable guide was set before the pages were out: {written:?}"
    );
    guides(rebuilder, what, &mut written, &mut removed);
    (written, removed)
}

/// The guides a rebuild left, added to what it wrote and removed.
fn guides(
    rebuilder: &mut Rebuilder,
    what: &str,
    written: &mut Vec<String>,
    removed: &mut Vec<String>,
) {
    match rebuilder.guides() {
        Some(Outcome::Rebuilt(rebuilt)) => {
            written.extend(rebuilt.synced.written);
            removed.extend(rebuilt.synced.removed);
        }
        Some(Outcome::Failed { report, .. }) => panic!("{what}: the guides failed:\n{report}"),
        Some(Outcome::Unchanged { .. }) | None => {}
    }
    written.sort();
    written.dedup();
    removed.sort();
    removed.dedup();
}

#[test]
fn partial_rebuilds_write_only_what_changed_and_match_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "forms"] {
        common::copy_tree(&repo.join(part), &root.join(part));
    }
    let served = root.join("site");
    let mut rebuilder = Rebuilder::new(common::serve_options(&root, &served), false).unwrap();
    let Outcome::Rebuilt(first) = rebuilder.rebuild(&[]) else {
        panic!("the first build works");
    };
    let (mut all, mut gone) = (first.synced.written, first.synced.removed);
    guides(&mut rebuilder, "the first build", &mut all, &mut gone);
    assert!(
        all.iter().any(|f| f.ends_with("-tebiki.pdf")),
        "no guide: {all:?}"
    );
    let all_files = all.len();
    assert!(all_files > 100, "the first build writes the whole site");

    // (a) One Q&A answer: its city's pages and the index files, nothing of other cities.
    let qa = root.join("content/cities/zushi/qa.toml");
    edit(&qa, "answer = \"", "answer = \"（改訂）");
    let (written, removed) = rebuild(&mut rebuilder, &qa, "a Q&A edit");
    assert!(removed.is_empty(), "{removed:?}");
    assert!(
        written
            .iter()
            .any(|f| f.starts_with("zushi/") && f.ends_with(".html")),
        "{written:?}"
    );
    assert!(
        written.iter().any(|f| f.starts_with("search/")),
        "{written:?}"
    );
    assert!(
        written
            .iter()
            .all(|f| f.starts_with("zushi/") || f.starts_with("search/")),
        "only 逗子's pages and the index change: {written:?}"
    );
    assert_same_as_full_build(&root, &served, "a Q&A edit");

    // (b) A national add-on: the pages of every city citing it.
    let addon = root.join("content/national/addons/kyoten-soudan.toml");
    edit(&addon, "units = 700", "units = 710");
    let (written, _) = rebuild(&mut rebuilder, &addon, "an add-on edit");
    let cities: std::collections::BTreeSet<&str> = written
        .iter()
        .filter_map(|f| f.split_once('/').map(|(c, _)| c))
        .filter(|c| !["national", "search"].contains(c))
        .collect();
    assert!(cities.len() >= 2, "pages of several cities: {written:?}");
    assert!(
        written.len() < all_files / 2,
        "not the whole site: {written:?}"
    );
    assert_same_as_full_build(&root, &served, "an add-on edit");

    // (c) A form: its two PDFs (fillable, print), the pages listing it and the
    // guide whose appendix lays it out; no other PDF.
    let form = root.join("forms/ise-jizen-a.toml");
    edit(&form, "title = \"", "title = \"（新）");
    let (written, _) = rebuild(&mut rebuilder, &form, "a form edit");
    let pdfs: Vec<&String> = written.iter().filter(|f| f.ends_with(".pdf")).collect();
    assert_eq!(
        pdfs,
        [
            "ise/forms/ise-jizen-a-print.pdf",
            "ise/forms/ise-jizen-a.pdf",
            "ise/ise-tebiki.pdf"
        ],
        "{written:?}"
    );
    assert_same_as_full_build(&root, &served, "a form edit");

    // (d) A new Q&A, which pages that never showed it now list.
    let mut text = std::fs::read_to_string(&qa).unwrap();
    text.push_str("\n[[qa]]\nid = \"q-added\"\nnumber = 99\nquestion = \"追加した質問は？\"\nanswer = \"追加した答えです。\"\n");
    std::fs::write(&qa, text).unwrap();
    rebuild(&mut rebuilder, &qa, "an added Q&A");
    assert_same_as_full_build(&root, &served, "an added Q&A");

    // (e) A page removed from the content: its file goes, and so do links to it.
    let page = root.join("content/cities/matsue/pages/kojin-joho.md");
    std::fs::remove_file(&page).unwrap();
    let (_, removed) = rebuild(&mut rebuilder, &page, "a removed page");
    assert!(
        removed
            .iter()
            .any(|f| f.starts_with("matsue/") && f.contains("kojin-joho")),
        "{removed:?}"
    );
    assert_same_as_full_build(&root, &served, "a removed page");

    // (f) The synonym table: only the search index changes.
    let synonyms = root.join("content/search/synonyms.toml");
    let mut text = std::fs::read_to_string(&synonyms).unwrap();
    text.push_str("\n[[group]]\nwords = [\"見直し\", \"みなおし\"]\n");
    std::fs::write(&synonyms, text).unwrap();
    let (written, _) = rebuild(&mut rebuilder, &synonyms, "a synonym edit");
    assert!(
        !written.is_empty() && written.iter().all(|f| f.starts_with("search/")),
        "{written:?}"
    );
    assert_same_as_full_build(&root, &served, "a synonym edit");

    // (g) A Q&A that now cites an add-on: the add-on's national page lists it.
    edit(
        &qa,
        "追加した答えです。",
        "追加した答えです。[相談強化](addon:chiiki-soudan-kyoka)",
    );
    let (written, _) = rebuild(&mut rebuilder, &qa, "a Q&A citing an add-on");
    assert!(
        written.iter().any(|f| f.starts_with("national/")),
        "{written:?}"
    );
    assert_same_as_full_build(&root, &served, "a Q&A citing an add-on");

    // (h) A subsidy's name, which the comparison across cities shows.
    let subsidies = root.join("content/cities/zushi/subsidies.toml");
    edit(&subsidies, "name = \"", "name = \"（名称変更）");
    let (written, _) = rebuild(&mut rebuilder, &subsidies, "a subsidy edit");
    assert!(
        written.contains(&"comparison.html".to_string()),
        "{written:?}"
    );
    assert_same_as_full_build(&root, &served, "a subsidy edit");
}
