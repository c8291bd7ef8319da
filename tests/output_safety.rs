//! `tebiki build` and `tebiki serve` write only into a folder tebiki made:
//! sources, files, devices and other people's folders are refused and left
//! byte for byte as they were; publishing files survive every build; a kill
//! at any point of the swap loses neither the old site nor a publishing file.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{MINI, THEMES, copy_tree, names};

/// Every file and folder below `root`, with the bytes of each file.
fn tree(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (e.path().strip_prefix(root).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// A project folder: the mini content, its forms, a copy of the theme and a README.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    copy_tree(Path::new(THEMES), &dir.path().join("themes"));
    std::fs::write(dir.path().join("README.md"), "our notes").unwrap();
    dir
}

/// Runs tebiki in `dir` with `env` set; returns (exit code, stderr).
fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--as-of", "2025-11-01"])
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn build(dir: &Path, out: &str, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["build", "--out", out];
    args.extend_from_slice(extra);
    run(dir, &[], &args)
}

#[test]
fn sources_and_the_project_folder_are_refused_and_left_intact() {
    let dir = project();
    let before = tree(dir.path());
    for out in [
        "content",
        "forms",
        "themes",
        "content/cities/mini",
        ".",
        "themes/default/x",
    ] {
        for command in ["build", "serve"] {
            let (code, err) = run(dir.path(), &[], &[command, "--out", out, "--force"]);
            assert_eq!(code, Some(1), "{command} --out {out}: {err}");
            assert!(
                err.contains("outside") && err.contains("content/"),
                "{command} --out {out} says why and what to do: {err}"
            );
        }
    }
    assert!(
        before == tree(dir.path()),
        "every source is byte for byte as it was"
    );
}

#[cfg(unix)]
#[test]
fn files_devices_links_and_foreign_folders_are_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = project();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let (code, err) = build(dir.path(), "notes.txt", &["--force"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("notes.txt")).unwrap(),
        b"mine"
    );

    let (code, err) = build(dir.path(), "/dev/null", &["--force"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is a device"), "{err}");
    let null = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is still a device"
    );

    std::os::unix::fs::symlink("content", dir.path().join("link")).unwrap();
    let (code, err) = build(dir.path(), "link", &["--force"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("symbolic link"), "{err}");

    let notes = dir.path().join("drafts");
    std::fs::create_dir_all(notes.join("old")).unwrap();
    std::fs::write(notes.join("plan.md"), "mine").unwrap();
    let before = tree(&notes);
    for command in ["build", "serve"] {
        let (code, err) = run(dir.path(), &[], &[command, "--out", "drafts"]);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("not a folder that tebiki made"), "{err}");
        assert!(
            err.contains("old/, plan.md") && err.contains("--force"),
            "{err}"
        );
    }
    assert!(before == tree(&notes), "the folder is untouched");

    let (code, err) = build(dir.path(), "drafts", &["--force"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("deleting old/, plan.md"),
        "--force says what goes: {err}"
    );
    assert!(notes.join("index.html").is_file());
    assert!(!notes.join("plan.md").exists());
}

#[test]
fn publishing_files_are_kept_and_the_site_is_rebuilt_in_place() {
    let dir = project();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join(".git/refs")).unwrap();
    std::fs::write(site.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(site.join("CNAME"), "tebiki.example.jp\n").unwrap();
    std::fs::write(site.join(".nojekyll"), "").unwrap();
    for _ in 0..2 {
        let (code, err) = build(dir.path(), "site", &[]);
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(
            std::fs::read_to_string(site.join(".git/HEAD")).unwrap(),
            "ref: refs/heads/gh-pages\n"
        );
        assert_eq!(
            std::fs::read_to_string(site.join("CNAME")).unwrap(),
            "tebiki.example.jp\n"
        );
        assert!(site.join(".nojekyll").is_file());
        assert!(site.join("index.html").is_file());
        assert!(
            site.join(".tebiki-output").is_file(),
            "the site is marked as tebiki's"
        );
    }
    assert_eq!(
        names(dir.path()),
        ["README.md", "content", "forms", "site", "themes"]
    );
}

/// A build killed at `point` (with `env`), then a clean build: what stands in between and after.
fn killed_at(point: &str, env: &[(&str, &str)]) -> (tempfile::TempDir, Vec<String>) {
    let dir = project();
    let site = dir.path().join("site");
    let (code, err) = build(dir.path(), "site", &[]);
    assert_eq!(code, Some(0), "{err}");
    std::fs::write(site.join("CNAME"), "tebiki.example.jp\n").unwrap();
    let index = std::fs::read(site.join("index.html")).unwrap();

    let mut env = env.to_vec();
    env.push(("TEBIKI_FAULT", point));
    let (code, err) = run(dir.path(), &env, &["build", "--out", "site"]);
    assert_eq!(code, None, "the build was killed at {point}: {err}");
    let between = names(dir.path());

    // A build that fails on its content repairs the swap first and loses nothing.
    let city = dir.path().join("content/cities/mini/city.toml");
    let good = std::fs::read_to_string(&city).unwrap();
    std::fs::write(&city, format!("{good}\nbroken = \n")).unwrap();
    let (code, err) = build(dir.path(), "site", &[]);
    assert_eq!(code, Some(1), "{err}");
    std::fs::write(&city, good).unwrap();
    let (code, err) = build(dir.path(), "site", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read(site.join("index.html")).unwrap(), index);
    assert_eq!(
        std::fs::read_to_string(site.join("CNAME")).unwrap(),
        "tebiki.example.jp\n",
        "killed at {point}: the publishing file survives"
    );
    assert_eq!(
        names(dir.path()),
        ["README.md", "content", "forms", "site", "themes"],
        "killed at {point}: no staging folder is left behind"
    );
    (dir, between)
}

#[test]
fn a_kill_at_any_point_of_the_swap_loses_nothing() {
    for point in ["before-swap", "after-swap"] {
        let (_dir, between) = killed_at(point, &[]);
        assert!(
            between.contains(&"site".to_string()),
            "{point}: site/ stands: {between:?}"
        );
    }
    // Without an atomic exchange, a kill between the two renames leaves no
    // site/ for a moment; the next run puts the old one back.
    let (_dir, between) = killed_at("between-renames", &[("TEBIKI_SWAP", "rename")]);
    assert!(!between.contains(&"site".to_string()), "{between:?}");
    assert!(
        between.iter().any(|n| n.starts_with(".site.tebiki-old-")),
        "{between:?}"
    );
}
