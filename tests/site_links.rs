//! Every internal link and anchor of a built site resolves: to a file that
//! exists inside the site, and to an element with that id. Ids are unique
//! per page. Runs over the test fixture and over the bundled content.

mod site_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use site_support::*;

/// Finds every broken link of the site in `root`, as readable lines.
fn broken_links(root: &Path) -> Vec<String> {
    let pages = pages(root);
    let files: BTreeSet<String> = snapshot(root).into_keys().collect();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut faults = Vec::new();
    for (path, html) in &pages {
        let mut seen = BTreeSet::new();
        for id in attributes(html, "id") {
            if !seen.insert(id.clone()) {
                faults.push(format!("{path}: id `{id}` is used twice"));
            }
        }
        ids.insert(path, seen);
    }
    for (path, html) in &pages {
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for attr in ["href", "src"] {
            for target in attributes(html, attr) {
                if target.starts_with("https://")
                    || target.starts_with("http://")
                    || target.starts_with("mailto:")
                    || target.starts_with("tel:")
                {
                    continue;
                }
                if target.is_empty() {
                    faults.push(format!("{path}: empty {attr}"));
                    continue;
                }
                let (file, fragment) = match target.split_once('#') {
                    Some((f, frag)) => (f, Some(frag)),
                    None => (target.as_str(), None),
                };
                let resolved = if file.is_empty() {
                    Some(path.clone())
                } else {
                    normalise(&dir.join(file))
                };
                let Some(resolved) = resolved else {
                    faults.push(format!("{path}: `{target}` leaves the site"));
                    continue;
                };
                if !files.contains(&resolved) {
                    faults.push(format!("{path}: `{target}` → {resolved} does not exist"));
                    continue;
                }
                if let Some(fragment) = fragment {
                    let known = ids
                        .get(resolved.as_str())
                        .is_some_and(|set| set.contains(fragment));
                    if !known {
                        faults.push(format!(
                            "{path}: `{target}` → no id `{fragment}` in {resolved}"
                        ));
                    }
                }
            }
        }
    }
    faults
}

/// `a/b/../c.html` → `a/c.html`; `None` when the path climbs out of the root.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Some(parts.join("/"))
}

fn assert_links_resolve(inputs: &tebiki::load::Inputs) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(inputs, &out);
    let faults = broken_links(&out);
    assert!(
        faults.is_empty(),
        "{} broken links:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn every_link_of_the_fixture_site_resolves() {
    assert_links_resolve(&fixture());
}

#[test]
fn every_link_of_the_bundled_site_resolves() {
    assert_links_resolve(&bundled());
}

#[test]
fn the_checker_itself_finds_broken_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("index.html"), "<a href=\"a/x.html#there\">x</a><a href=\"a/none.html\">y</a><p id=\"d\"></p><p id=\"d\"></p>").unwrap();
    std::fs::write(
        root.join("a/x.html"),
        "<a href=\"../../out.html\">z</a><a href=\"#missing\">m</a>",
    )
    .unwrap();
    let faults = broken_links(root);
    assert_eq!(faults.len(), 5, "{faults:#?}");
}
