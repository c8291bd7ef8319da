//! The bench's national-scale corpus (bench/corpus.py): the bundled cities stay as they
//! are, every copy of one is worded differently from it and from the other copies, two
//! runs write the same bytes, and `tebiki check` passes on it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const CITIES: [&str; 5] = ["ise", "kushiro", "matsue", "yokkaichi", "zushi"];

/// Writes a corpus of three of each bundled city (the original and two copies) below `out`.
fn corpus(repo: &Path, out: &Path) -> PathBuf {
    let run = Command::new("python3")
        .arg(repo.join("bench/corpus.py"))
        .arg(out)
        .args(["--copies", "3"])
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out.join("content")
}

/// Every file below `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// All the text of a city's folder, its files in order.
fn text(dir: &Path) -> String {
    files(dir)
        .into_values()
        .map(|b| String::from_utf8(b).unwrap())
        .collect()
}

/// The string values of `key = "…"` lines in a city's files.
fn values(dir: &Path, key: &str) -> Vec<String> {
    let prefix = format!("{key} = \"");
    text(dir)
        .lines()
        .filter_map(|l| l.trim().strip_prefix(&prefix)?.strip_suffix('"'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_copy_is_worded_differently_the_same_on_every_run_and_checks() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let content = corpus(repo, &dir.path().join("a"));
    let again = corpus(repo, &dir.path().join("b"));
    assert!(
        files(&content) == files(&again),
        "two runs wrote different corpora"
    );

    for city in CITIES {
        let original = repo.join("content/cities").join(city);
        assert!(
            files(&content.join("cities").join(city)) == files(&original),
            "{city} is not kept as it is"
        );
        let name = &values(&original, "name")[0];
        // A number without an area code is a national one (189, 児童相談所虐待対応ダイヤル): it stays.
        let phones: Vec<String> = values(&original, "phone")
            .into_iter()
            .filter(|p| p.contains('-'))
            .collect();
        let copies = ["0001", "0002"].map(|n| content.join("cities").join(format!("{city}-{n}")));
        let [one, two] = &copies;
        assert_ne!(text(one), text(two), "{city}'s two copies say the same");
        for copy in &copies {
            let words = text(copy);
            let own = &values(copy, "name")[0];
            assert_ne!(own, name, "{} kept the name {name}", copy.display());
            assert!(
                words
                    .matches(own.trim_end_matches(['市', '町', '村']))
                    .count()
                    >= 3,
                "{} names its own place {own} fewer than three times",
                copy.display()
            );
            assert!(
                !words.contains(name.as_str()),
                "{} still says {name}",
                copy.display()
            );
            let reading = &values(copy, "reading")[0];
            assert!(
                reading.chars().all(|c| ('ぁ'..='ゖ').contains(&c)),
                "{} reads {reading}",
                copy.display()
            );
            for phone in &phones {
                assert!(
                    !words.contains(&format!("\"{phone}\"")),
                    "{} keeps the phone number {phone}",
                    copy.display()
                );
            }
        }
    }

    let content_arg = content.to_string_lossy().into_owned();
    let forms = repo.join("forms");
    let (ok, stdout, stderr) = common::tebiki(
        repo,
        &[
            "--content",
            &content_arg,
            "--forms",
            &forms.to_string_lossy(),
            "check",
        ],
    );
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("ok: 15 cities"), "{stdout}");
    assert!(!stderr.contains("warning"), "{stderr}");
}
