//! `tebiki build` on whole content trees: the bundled content checks clean,
//! and a build with faults writes nothing and keeps the previous site.

mod common;

use std::path::Path;

use common::{MINI, copy_tree, tebiki};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn bundled_content_has_no_errors() {
    let (ok, stdout, stderr) = tebiki(Path::new(ROOT), &["--as-of", "2025-11-01", "check"]);
    assert!(ok, "tebiki check on the bundled content:\n{stderr}");
    assert_eq!(stderr, "", "the bundled content has no errors or warnings");
    assert!(stdout.starts_with("ok: 5 cities"), "{stdout}");
}

/// Every file below `root` with its bytes, in a stable order.
fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &["--as-of", "2025-11-01", "build", "--out", "site"],
    );
    assert!(ok, "{stderr}");
    let before = snapshot(&dir.path().join("site"));
    assert!(!before.is_empty(), "the first build wrote pages");

    let qa = dir.path().join("content/cities/mini/reference.toml");
    let broken = std::fs::read_to_string(&qa)
        .unwrap()
        .replace("question =", "questoin =");
    std::fs::write(&qa, broken).unwrap();
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &["--as-of", "2025-11-01", "build", "--out", "site"],
    );
    assert!(!ok, "a build with content errors fails");
    assert!(
        stderr.contains("reference.toml:4:1: error: unknown field `questoin`"),
        "{stderr}"
    );
    assert!(stderr.contains("site was not changed"), "{stderr}");
    assert_eq!(
        snapshot(&dir.path().join("site")),
        before,
        "the previous site is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tebiki-new"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder is left behind: {leftovers:?}"
    );
}

#[test]
fn many_pages_are_listed_once_on_the_overview_not_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    let pages = dir.path().join("content/cities/mini/pages");
    for i in 0..40 {
        let text = format!(
            "+++\nid = \"p{i:02}\"\ntitle = \"ページ{i}\"\norder = {}\n+++\n\n本文。\n",
            i + 2
        );
        std::fs::write(pages.join(format!("p{i:02}.md")), text).unwrap();
    }
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &["--as-of", "2025-11-01", "build", "--out", "site"],
    );
    assert!(ok, "{stderr}");
    let links_to_pages = |html: &str| html.matches("pages/p").count();
    let site = dir.path().join("site/mini");
    let page = std::fs::read_to_string(site.join("pages/p07.html")).unwrap();
    assert_eq!(
        links_to_pages(&page),
        0,
        "a page's navigation lists no prose page one by one"
    );
    assert!(
        page.contains("ページの一覧（41件）"),
        "it links to the list instead"
    );
    let overview = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        links_to_pages(&overview) >= 40,
        "the overview lists every page"
    );
    assert!(overview.contains("id=\"pages\""));
}
