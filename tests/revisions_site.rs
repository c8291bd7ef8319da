//! A future revision of one add-on, seen through the whole built site: built
//! the day before and the day it takes effect, exactly the pages that show
//! that add-on change, the cities' 更新履歴 list it, and `tebiki diff` names
//! those pages and no others.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_tree, diff_json, tebiki};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const ADDON: &str = "chiiki-soudan-kyoka";

/// A copy of the bundled content and theme.
fn bundled_copy(to: &Path) {
    for dir in ["content", "forms", "themes"] {
        copy_tree(&Path::new(ROOT).join(dir), &to.join(dir));
    }
}

/// Adds 令和9年度改定 (2027-04-01), raising 相談強化加算 to 750 units.
fn add_revision(root: &Path) {
    let revisions = root.join("content/national/revisions.toml");
    let mut text = std::fs::read_to_string(&revisions).unwrap();
    text.push_str("\n[[revision]]\nid = \"r9\"\nname = \"令和9年度障害福祉サービス等報酬改定\"\neffective = 2027-04-01\nsource = \"厚生労働省\"\nothers_unchanged = true\n");
    std::fs::write(&revisions, text).unwrap();
    let addons = root.join("content/national/addons/kyoten-soudan.toml");
    let text = std::fs::read_to_string(&addons).unwrap();
    let at = text
        .find("\n[[addon]]\nid = \"chiiki-taisei-kyoka\"")
        .unwrap();
    let value = "\n[[addon.value]]\nrevision = \"r9\"\nunits = 750\nper = \"回\"\ncap = { count = 4, unit = \"回\", within = \"月\" }\n";
    std::fs::write(&addons, format!("{}{value}{}", &text[..at], &text[at..])).unwrap();
}

fn build(root: &Path, as_of: &str, out: &str) {
    let (ok, _, stderr) = tebiki(root, &["--as-of", as_of, "build", "--out", out]);
    assert!(ok, "{stderr}");
}

/// Pages of a built site, relative path → text.
fn pages(site: &Path) -> std::collections::BTreeMap<String, String> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The pages that show the add-on's value: its national page, pages that link
/// to it and print a value of it, and the history of each city that cites it.
fn pages_showing_addon(site: &Path) -> BTreeSet<String> {
    let target = format!("national/addons/{ADDON}.html");
    pages(site)
        .into_iter()
        .filter(|(path, html)| {
            let links = html.contains(&format!("addons/{ADDON}.html\""));
            let shows_value = html.contains("700単位/回") || html.contains("750単位/回");
            *path == target || links && shows_value && !path.ends_with("history.html")
        })
        .map(|(path, _)| path)
        .chain(["ise", "zushi", "yokkaichi"].map(|c| format!("{c}/history.html")))
        .collect()
}

/// The portal, when the only thing that changed on it is the size of a
/// city's printable guide (which holds the add-on's value too).
fn portal_if_sizes_changed(a: &Path, b: &Path) -> Option<String> {
    let blank = |site: &Path| -> String {
        std::fs::read_to_string(site.join("index.html"))
            .unwrap()
            .lines()
            .map(|l| match l.find("<span class=\"file-size\">") {
                Some(i) => format!("{}\n", &l[..i]),
                None => format!("{l}\n"),
            })
            .collect()
    };
    let raw = |site: &Path| std::fs::read(site.join("index.html")).unwrap();
    (raw(a) != raw(b) && blank(a) == blank(b)).then(|| "index.html".to_string())
}

fn changed(a: &Path, b: &Path) -> BTreeSet<String> {
    let (a, b) = (pages(a), pages(b));
    a.keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect()
}

#[test]
fn a_future_revision_changes_exactly_the_pages_that_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    bundled_copy(&root);
    add_revision(&root);
    build(&root, "2027-03-31", "before");
    build(&root, "2027-04-01", "after");
    let (before, after) = (root.join("before"), root.join("after"));

    let mut expected = pages_showing_addon(&before);
    let cities: BTreeSet<&str> = expected
        .iter()
        .map(|p| p.split('/').next().unwrap())
        .collect();
    assert!(
        ["ise", "zushi", "yokkaichi", "national"]
            .iter()
            .all(|c| cities.contains(c)),
        "the add-on is shown in three cities and nationally: {expected:?}"
    );
    assert!(
        !cities.contains("kushiro") && !cities.contains("matsue"),
        "{expected:?}"
    );
    expected.extend(portal_if_sizes_changed(&before, &after));
    assert_eq!(
        changed(&before, &after),
        expected,
        "exactly the pages showing the add-on change"
    );
    for city in ["ise", "zushi", "yokkaichi"] {
        let guide = format!("{city}/{city}-tebiki.pdf");
        assert!(
            std::fs::read(before.join(&guide)).unwrap()
                != std::fs::read(after.join(&guide)).unwrap(),
            "{city}'s printable guide shows the new value"
        );
    }
    let before_page = std::fs::read_to_string(before.join("ise/addons.html")).unwrap();
    assert!(
        before_page.contains("令和9年4月1日から750単位/回（月4回を限度）に変わります"),
        "the coming change is announced"
    );
    let after_page = std::fs::read_to_string(after.join("ise/addons.html")).unwrap();
    assert!(after_page.contains("750単位/回"), "the new value is shown");
    assert!(
        after_page.contains("単位数・金額は令和9年4月1日から適用のものです。"),
        "the page says as of when"
    );

    for city in ["ise", "zushi", "yokkaichi"] {
        let history = std::fs::read_to_string(after.join(format!("{city}/history.html"))).unwrap();
        assert!(
            history.contains("令和9年度障害福祉サービス等報酬改定"),
            "{city} lists the revision"
        );
        assert!(history.contains("地域生活支援拠点等相談強化加算：700単位/回（月4回を限度） → 750単位/回（月4回を限度）"), "{city}");
        let first_row = history.find("<tbody>").map(|i| &history[i..]).unwrap();
        assert!(
            first_row.find("令和9年度").unwrap() < first_row.find("令和6年").unwrap_or(usize::MAX),
            "newest first"
        );
    }
    let kushiro = std::fs::read_to_string(after.join("kushiro/index.html")).unwrap();
    assert!(
        !kushiro.contains("令和9年"),
        "a city that does not cite it is untouched"
    );
}

#[test]
fn diff_names_the_pages_that_change_and_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    bundled_copy(&old);
    bundled_copy(&new);
    add_revision(&new);
    let report = diff_json(&new, "2027-04-01", &old, &new);
    let reported: BTreeSet<String> = report["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap().to_string())
        .collect();
    build(&new, "2027-04-01", "site-new");
    build(&old, "2027-04-01", "site-old");
    // The printable guides of the three cities citing the add-on change too.
    let (guides, reported): (BTreeSet<String>, BTreeSet<String>) = reported
        .into_iter()
        .partition(|p| p.ends_with("-tebiki.pdf"));
    assert_eq!(
        guides,
        ["ise", "yokkaichi", "zushi"]
            .map(|c| format!("{c}/{c}-tebiki.pdf"))
            .into_iter()
            .collect::<BTreeSet<_>>()
    );
    assert_eq!(
        reported,
        changed(&old.join("site-old"), &new.join("site-new"))
    );
    let mut showing = pages_showing_addon(&new.join("site-new"));
    showing.extend(portal_if_sizes_changed(
        &old.join("site-old"),
        &new.join("site-new"),
    ));
    assert_eq!(reported, showing);
    let values: Vec<(String, String)> = report["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["kind"].as_str().unwrap().into(),
                v["id"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        values,
        [
            ("addon".into(), ADDON.into()),
            ("revision".into(), "r9".into())
        ]
    );
}
