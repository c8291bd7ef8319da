//! Comparing cities at any scale: the comparison page compares every city when
//! they fit on one page and lets the reader pick any set of cities (each
//! city's column is a script of its own, so it works from file:// and on any
//! static host); past `COMPARED` cities it compares them a prefecture (and a
//! part of one) per page, so that no page grows with the number of cities;
//! the functions across cities and an add-on's citing cities, past 100
//! cities, likewise a prefecture per page.

mod common;

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn build(dir: &Path, content: &Path, forms: &Path, out: &Path) {
    let (ok, _, stderr) = common::tebiki(
        dir,
        &[
            "--content",
            content.to_str().unwrap(),
            "--forms",
            forms.to_str().unwrap(),
            "--as-of",
            "2026-11-01",
            "build",
            "--no-guides",
            "--base-url",
            "https://example.jp/tebiki",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
}

#[test]
fn a_reader_picks_cities_by_keyboard_and_sees_their_columns_of_the_comparison() {
    let repo = Path::new(ROOT);
    assert!(
        Path::new("/usr/bin/chromium").exists()
            && repo.join("node_modules/puppeteer-core").is_dir(),
        "chromium or puppeteer-core missing: run scripts/deps/site.sh (as root) first"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(repo, &repo.join("content"), &repo.join("forms"), &out);
    let run = Command::new("node")
        .arg(repo.join("tests/e2e/compare.mjs"))
        .arg(&out)
        .current_dir(repo)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success() && stdout.contains("compare: no faults"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The mini fixture's city copied `n` times into `prefecture`, ids `<stem>1`…
fn cities(content: &Path, stem: &str, prefecture: &str, n: usize) {
    let mini = Path::new(ROOT).join("tests/fixtures/mini/content/cities/mini");
    for i in 1..=n {
        let id = format!("{stem}{i}");
        let dir = content.join("cities").join(&id);
        common::copy_tree(&mini, &dir);
        let city = std::fs::read_to_string(dir.join("city.toml")).unwrap();
        let city = city
            .replacen("id = \"mini\"", &format!("id = \"{id}\""), 1)
            .replacen("name = \"見本市\"", &format!("name = \"{stem}市{i}\""), 1)
            .replacen(
                "prefecture = \"三重県\"",
                &format!("prefecture = \"{prefecture}\""),
                1,
            );
        std::fs::write(dir.join("city.toml"), city).unwrap();
    }
}

#[test]
fn many_cities_are_compared_and_listed_a_prefecture_per_page_and_each_city_once() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(ROOT).join("tests/fixtures/mini");
    let content = dir.path().join("content");
    common::copy_tree(&fixture.join("content/national"), &content.join("national"));
    cities(&content, "hokkai", "北海道", 60);
    cities(&content, "mie", "三重県", 35);
    cities(&content, "shimane", "島根県", 5);
    // The fixture city itself (三重県), whose form the copies use.
    common::copy_tree(&fixture.join("content/cities"), &content.join("cities"));
    let forms = dir.path().join("forms");
    common::copy_tree(&fixture.join("forms"), &forms);
    let out = dir.path().join("site");
    build(dir.path(), &content, &forms, &out);

    let main = std::fs::read_to_string(out.join("comparison.html")).unwrap();
    assert!(
        !main.contains("<table"),
        "the main page still sets 101 cities side by side"
    );
    let parts: Vec<(&str, usize)> = [
        ("compare/01.html", 20),
        ("compare/01-2.html", 20),
        ("compare/01-3.html", 20),
        ("compare/24.html", 20),
        ("compare/24-2.html", 16),
        ("compare/32.html", 5),
    ]
    .into();
    let mut seen = std::collections::BTreeMap::new();
    for (path, count) in &parts {
        assert!(
            main.contains(&format!("href=\"{path}\"")),
            "no link to {path}"
        );
        let page = std::fs::read_to_string(out.join(path)).unwrap();
        let head = page
            .split("<thead>")
            .nth(1)
            .unwrap()
            .split("</thead>")
            .next()
            .unwrap();
        let columns: Vec<&str> = head
            .split("<th scope=\"col\"><a href=\"../")
            .skip(1)
            .map(|c| c.split('/').next().unwrap())
            .collect();
        assert_eq!(columns.len(), *count, "{path}: {columns:?}");
        for id in columns {
            assert!(
                seen.insert(id.to_string(), *path).is_none(),
                "{id} compared twice"
            );
        }
        assert!(page.len() < 500 * 1024, "{path} is {} bytes", page.len());
    }
    assert_eq!(seen.len(), 101);

    // Past 100 cities the portal lists each city on one line, by prefecture, with their counts.
    let portal = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !portal.contains("city-card"),
        "the portal still has a card per city"
    );
    for heading in ["北海道（60）", "三重県（36）", "島根県（5）"] {
        assert!(portal.contains(heading), "no prefecture heading {heading}");
    }
    let listed: Vec<&str> = portal
        .split("<ul class=\"city-list\">")
        .skip(1)
        .flat_map(|list| {
            list.split("</ul>")
                .next()
                .unwrap()
                .split("<li><a href=\"")
                .skip(1)
        })
        .map(|item| item.split('/').next().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!((listed.len(), unique.len()), (101, 101), "{listed:?}");
    // Every city can be picked, and its column is there to load.
    for id in seen.keys() {
        assert!(
            main.contains(&format!("value=\"{id}\" data-src=\"compare/{id}.js\"")),
            "{id} cannot be picked"
        );
        let data = std::fs::read_to_string(out.join(format!("compare/{id}.js"))).unwrap();
        assert!(
            data.starts_with("tebikiCompare.add({") && data.contains(&format!("\"id\":\"{id}\"")),
            "{data}"
        );
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("compare/24.html") && !sitemap.contains(".js<"),
        "{sitemap}"
    );

    // Past 100 cities the functions across cities are counted per prefecture
    // on the main page and listed city by city on a page per prefecture.
    let main = std::fs::read_to_string(out.join("national/functions.html")).unwrap();
    assert!(
        !main.contains("hokkai1/"),
        "the main page still lists every city"
    );
    for (path, cities) in [("01", 60), ("24", 36), ("32", 5)] {
        let counts: Vec<usize> = main
            .split(&format!("href=\"functions/{path}.html#"))
            .skip(1)
            .map(|row| {
                let cells: Vec<usize> = row
                    .split("<td>")
                    .skip(1)
                    .take(2)
                    .map(|c| c.split('<').next().unwrap().parse().unwrap())
                    .collect();
                cells.iter().sum()
            })
            .collect();
        assert!(
            !counts.is_empty() && counts.iter().all(|n| *n == cities),
            "{path}: {counts:?}"
        );
        // A prefecture of more than 50 cities goes on on a next page.
        let mut listed = std::collections::BTreeSet::new();
        for part in prefecture_pages(&out.join("national/functions"), path) {
            let page = std::fs::read_to_string(&part).unwrap();
            let here: std::collections::BTreeSet<String> = page
                .split("href=\"../../")
                .skip(1)
                .filter_map(|l| l.split_once("/index.html").map(|(id, _)| id.to_string()))
                .filter(|id| id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                .collect();
            assert!(here.len() <= 50, "{}: {}", part.display(), here.len());
            assert!(
                page.len() < 500 * 1024,
                "{} is {} bytes",
                part.display(),
                page.len()
            );
            for id in here {
                assert!(listed.insert(id), "{path}: a city on two pages");
            }
        }
        assert_eq!(listed.len(), cities, "{path}: {listed:?}");
    }
    let more = main
        .split("（続き：")
        .nth(1)
        .expect("北海道's further page is linked");
    assert!(more.starts_with("<a href=\"functions/01-2.html#"), "{more}");

    // Past 100 citing cities an add-on's page counts them per prefecture,
    // and a page per prefecture lists them with the places that cite it.
    let addon = std::fs::read_to_string(out.join("national/addons/soudan-kyoka.html")).unwrap();
    assert!(
        !addon.contains("hokkai1/"),
        "the add-on page still lists every city"
    );
    for (code, cities) in [("01", 60), ("24", 36), ("32", 5)] {
        let link = format!("<a href=\"soudan-kyoka/{code}.html\">");
        let count = addon
            .split(&link)
            .nth(1)
            .unwrap_or_else(|| panic!("no {link}"));
        let count: usize = count
            .split("（")
            .nth(1)
            .unwrap()
            .split("市町村")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(count, cities, "{code}");
        let mut listed = 0;
        for part in prefecture_pages(&out.join("national/addons/soudan-kyoka"), code) {
            let page = std::fs::read_to_string(&part).unwrap();
            let here = page.matches("<h2><a href=\"../../../").count();
            assert!(here <= 50, "{}: {here}", part.display());
            assert!(page.len() < 500 * 1024);
            listed += here;
        }
        assert_eq!(listed, cities, "{code}");
    }
}

/// A prefecture's page and its further pages (`01.html`, `01-2.html` …), in order.
fn prefecture_pages(dir: &std::path::Path, code: &str) -> Vec<std::path::PathBuf> {
    let mut parts = vec![dir.join(format!("{code}.html"))];
    for n in 2.. {
        let next = dir.join(format!("{code}-{n}.html"));
        if !next.exists() {
            break;
        }
        parts.push(next);
    }
    parts
}
