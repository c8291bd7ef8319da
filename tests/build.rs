//! `tebiki build` on whole content trees: the bundled content checks clean,
//! and a build with faults writes nothing and keeps the previous site.

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn tebiki(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn bundled_content_has_no_errors() {
    let out = tebiki(Path::new(ROOT), &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "tebiki check on the bundled content:\n{stderr}"
    );
    assert!(!stderr.contains("error:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("ok: 5 cities"), "{stdout}");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(ROOT).join("tests/fixtures/mini");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let target = dir
            .path()
            .join(entry.path().strip_prefix(&fixture).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let out = tebiki(dir.path(), &["build", "--out", "site"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let snapshot = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&dir.path().join("site"));
    assert!(!before.is_empty(), "the first build wrote pages");

    let qa = dir.path().join("content/cities/mini/reference.toml");
    let broken = std::fs::read_to_string(&qa)
        .unwrap()
        .replace("question =", "questoin =");
    std::fs::write(&qa, broken).unwrap();
    let out = tebiki(dir.path(), &["build", "--out", "site"]);
    assert!(!out.status.success(), "a build with content errors fails");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("reference.toml:4:1: error: unknown field `questoin`"),
        "{stderr}"
    );
    assert!(stderr.contains("site was not changed"), "{stderr}");
    assert_eq!(
        snapshot(&dir.path().join("site")),
        before,
        "the previous site is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tebiki-new"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder is left behind: {leftovers:?}"
    );
}
