//! `tebiki new city` and `tebiki new form`: the files they write pass
//! `check`, with a warning at each 【記入】 left; uncommented, every example
//! passes too; the new city then shows in the built site; and nothing that
//! exists is ever overwritten.

mod common;

use std::path::Path;

use common::{copy_tree, tebiki};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A project with the bundled national rules, no city and no form.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(ROOT).join("content/national"),
        &dir.path().join("content/national"),
    );
    std::fs::create_dir_all(dir.path().join("content/cities")).unwrap();
    std::fs::create_dir_all(dir.path().join("forms")).unwrap();
    dir
}

fn check(dir: &Path) -> (bool, String) {
    let (ok, _, stderr) = tebiki(dir, &["--as-of", "2025-11-01", "check"]);
    (ok, stderr)
}

/// Removes the `# ` before every commented line that is TOML (a header or a key).
fn uncomment(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let open: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with('[')
                    || rest.split_once(" = ").is_some_and(|(k, _)| {
                        k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    }) =>
            {
                rest.to_string()
            }
            _ => line.to_string(),
        })
        .map(|l| l + "\n")
        .collect();
    std::fs::write(path, open).unwrap();
}

#[test]
fn a_new_city_checks_clean_and_shows_in_the_site() {
    let dir = project();
    let (ok, stdout, stderr) = tebiki(
        dir.path(),
        &[
            "new",
            "city",
            "minato",
            "--name",
            "港市",
            "--prefecture",
            "東京都",
            "--reading",
            "みなとし",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("content/cities/minato/city.toml"),
        "{stdout}"
    );
    let city = dir.path().join("content/cities/minato");

    let (ok, report) = check(dir.path());
    assert!(ok, "a new city passes check:\n{report}");
    let left = report
        .matches("this text is still to be written (【記入】)")
        .count();
    assert_eq!(
        left, 3,
        "purpose, title and development are to be written:\n{report}"
    );
    assert!(
        report.contains("content/cities/minato/city.toml:10:"),
        "{report}"
    );

    for file in [
        "city.toml",
        "organisations.toml",
        "functions.toml",
        "flows.toml",
        "reference.toml",
    ] {
        uncomment(&city.join(file));
    }
    let (ok, report) = check(dir.path());
    assert!(ok, "every example passes check once uncommented:\n{report}");
    assert!(!report.contains(": error:"), "{report}");

    let out = dir.path().join("site");
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &[
            "--as-of",
            "2025-11-01",
            "build",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    assert!(ok, "{stderr}");
    let portal = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(portal.contains("港市"), "the portal lists the new city");
    let overview = std::fs::read_to_string(out.join("minato/index.html")).unwrap();
    assert!(
        overview.contains("港市基幹相談支援センター"),
        "its organisation shows"
    );
    assert!(
        out.join("minato/flows/touroku.html").is_file(),
        "its flow has a page"
    );
    assert!(out.join("minato/qa.html").is_file(), "its Q&A has a page");
}

#[test]
fn nothing_that_exists_is_overwritten_and_bad_input_is_refused() {
    let dir = project();
    let new = |args: &[&str]| tebiki(dir.path(), args);
    let (ok, _, stderr) = new(&[
        "new",
        "city",
        "minato",
        "--name",
        "港市",
        "--prefecture",
        "東京都",
    ]);
    assert!(ok, "{stderr}");
    let city = dir.path().join("content/cities/minato/city.toml");
    std::fs::write(&city, "# 書きかけ\n").unwrap();
    let (ok, _, stderr) = new(&[
        "new",
        "city",
        "minato",
        "--name",
        "港市",
        "--prefecture",
        "東京都",
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("already exists; nothing was written"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&city).unwrap(), "# 書きかけ\n");

    let (ok, _, stderr) = new(&[
        "new",
        "city",
        "Minato",
        "--name",
        "港市",
        "--prefecture",
        "東京都",
    ]);
    assert!(!ok && stderr.contains("`Minato` is not an id"), "{stderr}");
    let (ok, _, stderr) = new(&[
        "new",
        "city",
        "kita",
        "--name",
        "北市",
        "--prefecture",
        "東京",
    ]);
    assert!(
        !ok && stderr.contains("`東京` is not a prefecture"),
        "{stderr}"
    );
    assert!(!dir.path().join("content/cities/kita").exists());

    let (ok, _, stderr) = new(&[
        "new",
        "form",
        "kita-touroku",
        "--city",
        "kita",
        "--title",
        "届",
    ]);
    assert!(
        !ok && stderr.contains("there is no city `kita`"),
        "{stderr}"
    );
}

#[test]
fn a_new_form_checks_clean_and_is_printed() {
    let dir = project();
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &[
            "new",
            "city",
            "kita",
            "--name",
            "北市",
            "--prefecture",
            "北海道",
            "--reading",
            "きたし",
        ],
    );
    assert!(ok, "{stderr}");
    let city = dir.path().join("content/cities/kita/city.toml");
    let text = std::fs::read_to_string(&city).unwrap();
    assert!(
        text.contains("\"kyoju\"]"),
        "a city in 北海道 lists 居住支援機能"
    );
    std::fs::write(
        &city,
        text.replace("forms = []", "forms = [\"kita-touroku\"]"),
    )
    .unwrap();
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &[
            "new",
            "form",
            "kita-touroku",
            "--city",
            "kita",
            "--title",
            "北市 緊急時登録届",
        ],
    );
    assert!(ok, "{stderr}");
    let (ok, report) = check(dir.path());
    assert!(ok, "{report}");
    let out = dir.path().join("site");
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &[
            "--as-of",
            "2025-11-01",
            "build",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(out.join("kita/forms/kita-touroku.pdf").is_file());
}
