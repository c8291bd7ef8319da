//! Faults in form definitions reach the editor through `tebiki check` and
//! stop `tebiki build` before anything is written.

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn form_faults_are_reported_with_file_line_and_hint() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let forms = tmp.path().join("forms");
    std::fs::create_dir_all(&forms).expect("mkdir");
    for entry in std::fs::read_dir(repo().join("forms")).expect("forms/") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, forms.join(path.file_name().expect("name"))).expect("copy");
    }
    let broken = std::fs::read_to_string(forms.join("ise-jizen-b.toml"))
        .expect("read")
        .replace(
            "extends = \"kushiro-jizen-b\"",
            "extends = \"kushiro-jizen-c\"",
        );
    std::fs::write(forms.join("ise-jizen-b.toml"), broken).expect("write");
    let matsue = std::fs::read_to_string(forms.join("matsue-kinkyu-touroku.toml")).expect("read");
    let typo_line = 1 + matsue
        .lines()
        .position(|l| l == "furigana = true")
        .expect("a furigana key");
    let typo = matsue.replacen("furigana = true", "furigna = true", 1);
    std::fs::write(forms.join("matsue-kinkyu-touroku.toml"), typo).expect("write");

    let content = repo().join("tests/fixtures/forms-site/content");
    let check = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--as-of", "2025-11-01", "check"])
        .arg("--content")
        .arg(&content)
        .arg("--forms")
        .arg(&forms)
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success(), "{report}");
    assert!(
        report
            .contains("ise-jizen-b.toml:6:11: error: form extends unknown form `kushiro-jizen-c`"),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "matsue-kinkyu-touroku.toml:{typo_line}:1: error: unknown field `furigna`"
        )),
        "{report}"
    );
    assert!(report.contains("= hint:"), "{report}");

    let out = tmp.path().join("site");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("kept.txt"), "old").expect("write");
    let build = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--as-of", "2025-11-01", "build"])
        .arg("--content")
        .arg(&content)
        .arg("--forms")
        .arg(&forms)
        .arg("--themes")
        .arg(repo().join("themes"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(!build.status.success());
    assert!(
        out.join("kept.txt").is_file(),
        "a failed build replaced the output"
    );
}
