//! The fault corpus: each `tests/faults/*.case` file breaks the small valid
//! content tree in `tests/fixtures/mini/` in one way and states the exact
//! report `tebiki check` must print, in English (`=== expect`) and in
//! Japanese (`=== expect ja`). Run with `TEBIKI_BLESS=1` to rewrite the
//! expected reports after a deliberate change of wording, then review the diff.

mod common;

use std::path::{Path, PathBuf};

use common::{MINI as FIXTURE, copy_tree, tebiki, tebiki_in_locale};
const FAULTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/faults");

/// One broken tree: files to write over the fixture, and the report expected.
struct Case {
    path: PathBuf,
    files: Vec<(String, String)>,
    expect: String,
    expect_ja: String,
}

fn parse_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).unwrap();
    let mut files = Vec::new();
    let mut expect = None;
    let mut expect_ja = None;
    for section in text.split("\n=== ").skip(1) {
        let (header, body) = section.split_once('\n').unwrap_or((section, ""));
        if header == "expect" {
            expect = Some(body.to_string());
        } else if header == "expect ja" {
            expect_ja = Some(body.to_string());
        } else {
            files.push((
                header.to_string(),
                format!("{}\n", body.trim_end_matches('\n')),
            ));
        }
    }
    Case {
        path: path.to_path_buf(),
        files,
        expect: expect.unwrap_or_else(|| panic!("{} has no === expect section", path.display())),
        expect_ja: expect_ja.unwrap_or_default(),
    }
}

/// Runs `tebiki check --lang <lang>` in `dir`; returns (exit success, stdout, stderr).
fn check(dir: &Path, lang: &str) -> (bool, String, String) {
    tebiki(dir, &["--lang", lang, "--as-of", "2025-11-01", "check"])
}

#[test]
fn the_fixture_itself_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(FIXTURE), dir.path());
    let (ok, stdout, stderr) = check(dir.path(), "en");
    assert_eq!(stderr, "");
    assert!(ok);
    assert_eq!(stdout, "ok: 1 cities, 1 national add-ons, 1 forms\n");
    let (_, stdout, _) = check(dir.path(), "ja");
    assert_eq!(stdout, "問題はありません: 市町村 1、国の加算 1、様式 1\n");
}

/// The copy of the fixture with the misspelt key of the first case in the corpus.
fn misspelt_tree() -> tempfile::TempDir {
    let case = parse_case(&Path::new(FAULTS).join("02-unknown-key.case"));
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(FIXTURE), dir.path());
    for (file, content) in &case.files {
        std::fs::write(dir.path().join(file), content).unwrap();
    }
    dir
}

#[test]
fn a_japanese_locale_without_lang_gives_japanese() {
    let dir = misspelt_tree();
    let args = ["--as-of", "2025-11-01", "check"];
    let (_, _, ja) = tebiki_in_locale(dir.path(), "ja_JP.UTF-8", &args);
    assert!(
        ja.contains(": エラー: キー `questoin` はこの項目では使えません"),
        "{ja}"
    );
    assert!(ja.contains("\n  = ヒント: "), "{ja}");
    assert!(ja.ends_with("エラー 1 件、警告 0 件\n"), "{ja}");
    let (_, _, en) = tebiki_in_locale(dir.path(), "en_US.UTF-8", &args);
    assert!(en.contains(": error: unknown field `questoin`"), "{en}");
    // --lang wins over the locale.
    let (_, _, chosen) = tebiki_in_locale(dir.path(), "ja_JP.UTF-8", &["--lang", "en", "check"]);
    assert!(chosen.contains(": error: unknown field"), "{chosen}");
}

#[test]
fn every_fault_gets_its_exact_report() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(FAULTS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "case"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 100,
        "the corpus holds at least 100 broken trees"
    );
    let bless = std::env::var_os("TEBIKI_BLESS").is_some();
    let mut failures = Vec::new();
    for path in cases {
        let case = parse_case(&path);
        let dir = tempfile::tempdir().unwrap();
        copy_tree(Path::new(FIXTURE), dir.path());
        for (file, content) in &case.files {
            let target = dir.path().join(file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, content).unwrap();
        }
        let (ok, _, stderr) = check(dir.path(), "en");
        let (ok_ja, _, stderr_ja) = check(dir.path(), "ja");
        let has_errors = case.expect.contains(": error: ");
        if ok == has_errors && !bless {
            failures.push(format!(
                "{}: check {}, but the expected report {} errors",
                case.path.display(),
                if ok { "passed" } else { "failed" },
                if has_errors { "has" } else { "has no" }
            ));
        }
        if ok != ok_ja {
            failures.push(format!(
                "{}: check passes in one language only",
                case.path.display()
            ));
        }
        if bless {
            let text = std::fs::read_to_string(&case.path).unwrap();
            let head = text.split("\n=== expect").next().unwrap();
            std::fs::write(
                &case.path,
                format!("{head}\n=== expect\n{stderr}\n=== expect ja\n{stderr_ja}"),
            )
            .unwrap();
            continue;
        }
        for (expected, got) in [(&case.expect, &stderr), (&case.expect_ja, &stderr_ja)] {
            if got != expected {
                failures.push(format!(
                    "{}:\n--- expected\n{}--- got\n{}",
                    case.path.display(),
                    expected,
                    got
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
