//! Fidelity to the source guidebooks: facts extracted mechanically from the
//! five seed guides (`scripts/seed-facts.py` → `tests/fixtures/seed-facts.json`)
//! must all be findable in the built site — every phone number and yen amount
//! on its city's pages, every fee in units on the national pages, and every
//! question of each city's Q&A.

mod common;

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The visible text of every HTML file under `dir`, normalised for comparison:
/// NFKC, no whitespace, no thousands separators.
fn site_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    normalise(&text)
}

fn normalise(text: &str) -> String {
    let nfkc: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = nfkc.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !(**c == ','
                && i.checked_sub(1).is_some_and(|p| chars[p].is_ascii_digit())
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        })
        .map(|(_, c)| *c)
        .collect()
}

#[test]
fn every_fact_of_the_seed_guides_is_in_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let (ok, _, stderr) = common::tebiki(
        Path::new(ROOT),
        &["--as-of", "2026-11-01", "build", "--out", &out_arg],
    );
    assert!(ok, "{stderr}");
    let facts: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/seed-facts.json")).unwrap(),
    )
    .unwrap();
    let national = site_text(&out.join("national"));
    let mut missing = Vec::new();
    let mut found = 0;
    for (city, f) in facts.as_object().unwrap() {
        let text = site_text(&out.join(city));
        let list = |key: &str| {
            f[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        for phone in list("phones") {
            if text.contains(&phone) {
                found += 1
            } else {
                missing.push(format!("{city}: phone {phone}"))
            }
        }
        for yen in list("yen") {
            if text.contains(&format!("{yen}円")) {
                found += 1
            } else {
                missing.push(format!("{city}: {yen}円"))
            }
        }
        for question in list("questions") {
            if text.contains(&normalise(&question)) {
                found += 1
            } else {
                missing.push(format!("{city}: question {question}"))
            }
        }
        for units in list("units") {
            if national.contains(&format!("{units}単位")) {
                found += 1
            } else {
                missing.push(format!("{city}: {units}単位 on the national pages"))
            }
        }
    }
    println!(
        "seed facts found in the site: {found}, missing: {}",
        missing.len()
    );
    assert!(
        missing.is_empty(),
        "facts of the seed guides missing from the site:\n{}",
        missing.join("\n")
    );
    assert!(
        found >= 100,
        "the fact list is not empty by accident ({found})"
    );
}
