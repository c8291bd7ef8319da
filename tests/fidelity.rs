//! Fidelity to the source guidebooks: facts extracted mechanically from the
//! five seed guides (`scripts/seed-facts.py` → `tests/fixtures/seed-facts.json`)
//! must all be findable in the built site, each on the page where it belongs
//! and as a whole (150単位 is not found inside 2150単位): every phone number
//! on its city's contacts page, every yen amount on its subsidies page, every
//! question on its Q&A page, every fee in units on the national pages, and
//! every term the guide quotes in 「」 in its city's pages, forms or the
//! national pages.

mod common;

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The visible text of `path` (an HTML file, or every HTML file below a
/// folder), normalised for comparison: NFKC, no whitespace, no thousands
/// separators. Each page ends with a line break, so no fact spans two pages.
fn site_text(path: &Path) -> String {
    let mut text = String::new();
    // A city without Q&A (or subsidies) has no such page, and no such facts.
    for entry in walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            text.push_str(&common::without_tags(&html));
            text.push('\u{2028}');
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

/// The text of every PDF form below `dir`, as `pdftotext` reads it, normalised.
fn forms_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "pdf") {
            let out = std::process::Command::new("pdftotext")
                .arg(entry.path())
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils, installed by scripts/deps/forms.sh)");
            assert!(out.status.success(), "pdftotext {}", entry.path().display());
            text.push_str(&String::from_utf8_lossy(&out.stdout));
            text.push('\u{2028}');
        }
    }
    normalise(&text)
}

/// True if `fact` stands in `text` as a whole: no digit (or `-` in a phone
/// number) joins it on either side. A local number (354-8527) also stands as
/// the end of a full one (059-354-8527).
fn holds(text: &str, fact: &str, phone: bool) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || (phone && c == '-'));
    text.match_indices(fact).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + fact.len()..].chars().next();
        if joins(after) {
            return false;
        }
        let local_of_full = phone
            && before == Some('-')
            && fact.len() == 8
            && text[..at - 1]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count()
                >= 2;
        !joins(before) || local_of_full
    })
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

/// The bundled site as of 2026-11-01, built once for the tests of this file.
fn site() -> &'static Path {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let out_arg = out.to_string_lossy().into_owned();
        let (ok, _, stderr) = common::tebiki(
            Path::new(ROOT),
            &["--as-of", "2026-11-01", "build", "--out", &out_arg],
        );
        assert!(ok, "{stderr}");
        dir
    });
    Box::leak(dir.path().join("site").into_boxed_path())
}

#[test]
fn a_value_a_later_revision_may_have_changed_is_not_called_current() {
    let out = site();
    // These add-ons have 令和3 values only, while 令和6年度改定 is in effect.
    for addon in [
        "kinkyu-tanki-ukeire",
        "kinkyu-ukeire-kyoka",
        "kinkyu-taiou-kyoka",
        "taiken-riyo",
        "taiken-riyo-shien",
        "taiken-shukuhaku",
        "teiin-choka-tokurei",
    ] {
        let page =
            std::fs::read_to_string(out.join(format!("national/addons/{addon}.html"))).unwrap();
        assert!(page.contains("現行の値は未記録"), "{addon}");
        assert!(
            !page.contains("tag-current"),
            "{addon}: no value is marked current"
        );
    }
    let list = site_text(&out.join("national/index.html"));
    assert!(
        list.contains("(令和3年度改定の値。令和6年度改定の値は未記録)"),
        "the list says so too"
    );
    // An add-on with a 令和6 value keeps it as the current one.
    let page =
        std::fs::read_to_string(out.join("national/addons/chiiki-soudan-kyoka.html")).unwrap();
    assert!(page.contains("tag-current") && !page.contains("未記録"));
}

#[test]
fn every_fact_of_the_seed_guides_is_on_its_page_of_the_site() {
    let out = site();
    let facts: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/seed-facts.json")).unwrap(),
    )
    .unwrap();
    let national = site_text(&out.join("national"));
    let mut missing = Vec::new();
    let mut found = 0;
    let cities = facts.as_object().unwrap();
    assert_eq!(cities.len(), 5, "facts of all five seed guides");
    for (city, f) in cities {
        let page = |name: &str| site_text(&out.join(city).join(name));
        let (contacts, subsidies, qa) = (
            page("contacts.html"),
            page("subsidies.html"),
            page("qa.html"),
        );
        let anywhere = format!(
            "{}{}{national}",
            site_text(&out.join(city)),
            forms_text(&out.join(city))
        );
        let list = |key: &str| {
            f[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let mut of_city = 0;
        let mut expect = |held: bool, what: String| {
            if held {
                of_city += 1;
            } else {
                missing.push(format!("{city}: {what}"));
            }
        };
        for phone in list("phones") {
            expect(
                holds(&contacts, &phone, true),
                format!("phone {phone} on contacts.html"),
            );
        }
        for yen in list("yen") {
            expect(
                holds(&subsidies, &format!("{yen}円"), false),
                format!("{yen}円 on subsidies.html"),
            );
        }
        for question in list("questions") {
            expect(
                qa.contains(&normalise(&question)),
                format!("question {question} on qa.html"),
            );
        }
        for units in list("units") {
            expect(
                holds(&national, &format!("{units}単位"), false),
                format!("{units}単位 on the national pages"),
            );
        }
        for term in list("terms") {
            expect(
                anywhere.contains(&normalise(&term)),
                format!("「{term}」 in its pages, forms or the national pages"),
            );
        }
        assert!(
            of_city > 0 || missing.iter().any(|m| m.starts_with(city.as_str())),
            "{city} has facts"
        );
        found += of_city;
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
        found >= 150,
        "the fact list is not empty by accident ({found})"
    );
}

#[test]
fn a_fact_is_found_only_as_a_whole() {
    assert!(holds("加算は150単位", "150単位", false));
    assert!(!holds("加算は2150単位", "150単位", false));
    assert!(!holds("1500円", "500円", false));
    assert!(holds("電話059-354-8527", "059-354-8527", true));
    assert!(holds("電話059-354-8527", "354-8527", true));
    assert!(!holds("電話059-354-85271", "354-8527", true));
    assert!(!holds("1354-8527", "354-8527", true));
}

#[test]
fn a_draft_guide_says_so_on_every_page_and_its_title_once() {
    let out = site();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out.join("matsue")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                html.contains("は案の段階のもので、内容が変わることがあります。"),
                "{} says the guide is a draft",
                entry.path().display()
            );
            pages += 1;
        }
    }
    assert!(pages > 5);
    let overview = std::fs::read_to_string(out.join("matsue/index.html")).unwrap();
    assert!(
        !overview.contains("（案）（案）"),
        "the status is not added to a title that has it"
    );
    let zushi = std::fs::read_to_string(out.join("zushi/index.html")).unwrap();
    assert!(
        !zushi.contains("案の段階"),
        "a final guide carries no draft note"
    );
    assert!(
        !zushi.contains("時点の内容です"),
        "no page claims an as-of date no guide states"
    );
}

#[test]
fn no_page_shows_raw_link_markup() {
    let mut leaks = Vec::new();
    for entry in walkdir::WalkDir::new(site()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        // Code may show Markdown as it is written; nothing else may.
        let mut text = String::new();
        let mut rest = html.as_str();
        while let Some(at) = rest.find("<code") {
            text.push_str(&rest[..at]);
            rest = rest[at..]
                .split_once("</code>")
                .map_or("", |(_, after)| after);
        }
        text.push_str(rest);
        for (at, _) in text.match_indices("](") {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(i, _)| i);
            leaks.push(format!(
                "{}: …{}",
                entry.path().display(),
                &text[from..at + 2]
            ));
        }
    }
    assert!(
        leaks.is_empty(),
        "raw link markup on pages:\n{}",
        leaks.join("\n")
    );
}
