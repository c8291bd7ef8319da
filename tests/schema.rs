//! `tebiki schema`: the JSON Schemas of content and form files and the
//! `.taplo.toml` that maps files to them. The schemas are checked with taplo
//! itself, the engine of Even Better TOML, as an editor would run it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_tree, tebiki};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of the bundled content and forms with the schemas written by `tebiki schema`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "forms"] {
        copy_tree(&Path::new(ROOT).join(part), &dir.path().join(part));
    }
    let (ok, stdout, stderr) = tebiki(dir.path(), &["schema"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains(".taplo.toml"), "{stdout}");
    dir
}

/// `taplo check` in `dir`: (passed, what it printed).
fn taplo(dir: &Path) -> (bool, String) {
    let bin = PathBuf::from(ROOT).join("node_modules/.bin/taplo");
    assert!(
        bin.exists(),
        "taplo is missing: run `bash scripts/deps/search.sh` (npm install)"
    );
    let out = Command::new(bin)
        .arg("check")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn the_committed_schemas_are_what_tebiki_schema_writes() {
    let dir = project();
    let mut names = vec![PathBuf::from(".taplo.toml")];
    for entry in std::fs::read_dir(dir.path().join("schemas")).unwrap() {
        names.push(Path::new("schemas").join(entry.unwrap().file_name()));
    }
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    for name in &names {
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let committed = std::fs::read_to_string(Path::new(ROOT).join(name)).unwrap_or_else(|_| {
            panic!(
                "{} is not in the repository: run `tebiki schema`",
                name.display()
            )
        });
        assert!(
            written == committed,
            "{} differs from what `tebiki schema` writes: run it again and commit the result",
            name.display()
        );
    }
}

#[test]
fn the_bundled_content_passes_its_schemas_and_mistakes_are_marked_where_they_are() {
    let dir = project();
    let (ok, report) = taplo(dir.path());
    assert!(
        ok,
        "the bundled content does not pass its schemas:\n{report}"
    );

    let qa = dir.path().join("content/cities/zushi/qa.toml");
    let text = std::fs::read_to_string(&qa).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("question = "))
        .unwrap()
        + 1;
    std::fs::write(&qa, text.replacen("question = ", "questoin = ", 1)).unwrap();
    let city = dir.path().join("content/cities/zushi/city.toml");
    let text = std::fs::read_to_string(&city).unwrap();
    std::fs::write(
        &city,
        text.replacen("reading = \"ずしし\"", "reading = 12", 1),
    )
    .unwrap();
    let form = dir.path().join("forms/zushi-facesheet.toml");
    let text = std::fs::read_to_string(&form).unwrap();
    assert!(text.contains("kind = \"text\""));
    std::fs::write(&form, text.replacen("kind = \"text\"", "kind = \"txt\"", 1)).unwrap();

    let (ok, report) = taplo(dir.path());
    assert!(!ok, "mistakes passed:\n{report}");
    assert!(report.contains("'questoin' was unexpected"), "{report}");
    assert!(
        report.contains(&format!("content/cities/zushi/qa.toml:{line}:")),
        "the misspelt key is not marked at its line {line}:\n{report}"
    );
    assert!(report.contains("12 is not of type \"string\""), "{report}");
    assert!(
        report.contains("content/cities/zushi/city.toml:"),
        "{report}"
    );
    assert!(report.contains("forms/zushi-facesheet.toml:"), "{report}");
}

#[test]
fn a_taplo_config_of_the_editors_own_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let own = "# my own settings\n[formatting]\nalign_entries = true\n";
    std::fs::write(dir.path().join(".taplo.toml"), own).unwrap();
    let (ok, _, stderr) = tebiki(dir.path(), &["schema"]);
    assert!(!ok, "tebiki schema overwrote an editor's .taplo.toml");
    assert!(stderr.contains(".taplo.toml"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".taplo.toml")).unwrap(),
        own
    );
    assert!(
        !dir.path().join("schemas").exists(),
        "schemas were written before the refusal"
    );
}
