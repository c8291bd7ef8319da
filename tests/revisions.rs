//! Revisions: `tebiki diff` between two versions of a content tree, and
//! builds as of a date.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{MINI as FIXTURE, copy_tree, diff_json, tebiki};

/// Two copies of the fixture: `old/` unchanged and `new/` for the test to edit.
fn two_versions() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    copy_tree(Path::new(FIXTURE), &old);
    copy_tree(Path::new(FIXTURE), &new);
    (dir, old, new)
}

/// Adds a revision taking effect on 2027-04-01 that raises the fixture's add-on.
fn add_future_revision(root: &Path) {
    let revisions = root.join("content/national/revisions.toml");
    let mut text = std::fs::read_to_string(&revisions).unwrap();
    text.push_str("\n[[revision]]\nid = \"r9\"\nname = \"令和9年度障害福祉サービス等報酬改定\"\neffective = 2027-04-01\nsource = \"厚生労働省\"\n");
    std::fs::write(&revisions, text).unwrap();
    let addon = root.join("content/national/addons/kyoten.toml");
    let mut text = std::fs::read_to_string(&addon).unwrap();
    text.push_str("\n[[addon.value]]\nrevision = \"r9\"\nunits = 750\nper = \"回\"\ncap = { count = 4, unit = \"回\", within = \"月\" }\n");
    std::fs::write(&addon, text).unwrap();
}

#[test]
fn an_unchanged_tree_gives_an_empty_diff() {
    let (dir, old, new) = two_versions();
    let (ok, stdout, stderr) = tebiki(
        dir.path(),
        &[
            "--as-of",
            "2026-01-01",
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "no changes\n");
    let report = diff_json(dir.path(), "2026-01-01", &old, &new);
    assert_eq!(report["values"], serde_json::json!([]));
    assert_eq!(report["outputs"], serde_json::json!([]));
}

#[test]
fn a_new_revision_is_reported_value_by_value() {
    let (dir, old, new) = two_versions();
    add_future_revision(&new);
    let report = diff_json(dir.path(), "2026-01-01", &old, &new);
    let values = report["values"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = values
        .iter()
        .map(|v| {
            (
                v["kind"].as_str().unwrap().into(),
                v["id"].as_str().unwrap().into(),
                v["change"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "addon".to_string(),
                "soudan-kyoka".to_string(),
                "changed".to_string()
            ),
            (
                "revision".to_string(),
                "r9".to_string(),
                "added".to_string()
            ),
        ]
    );
    let fields = values[0]["fields"].as_array().unwrap();
    assert!(
        fields
            .iter()
            .any(|f| f["path"] == "value[1].units" && f["old"] == "(none)" && f["new"] == "750"),
        "the added value is named: {fields:?}"
    );
}

#[test]
fn a_broken_version_stops_the_diff_with_its_errors() {
    let (dir, old, new) = two_versions();
    let qa = new.join("content/cities/mini/reference.toml");
    let text = std::fs::read_to_string(&qa)
        .unwrap()
        .replace("question =", "questoin =");
    std::fs::write(&qa, text).unwrap();
    let (ok, _, stderr) = tebiki(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert!(!ok);
    assert!(stderr.contains("unknown field `questoin`"), "{stderr}");
    assert!(stderr.contains("diff stopped"), "{stderr}");
}

#[test]
fn a_git_revision_can_be_compared() {
    let (dir, _old, new) = two_versions();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(&new)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.jp",
        "add",
        ".",
    ]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.jp",
        "commit",
        "-qm",
        "base",
    ]);
    add_future_revision(&new);
    let (ok, stdout, stderr) = tebiki(&new, &["--as-of", "2026-01-01", "diff", "HEAD"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("~ national addon `soudan-kyoka`"),
        "{stdout}"
    );
    assert!(stdout.contains("+ national revision `r9`"), "{stdout}");
    drop(dir);
}
