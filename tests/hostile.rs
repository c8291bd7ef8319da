//! Hostile inputs: whatever the content, the folders or the files passed on
//! the command line hold, tebiki ends by itself within a time bound, with
//! exit code 0 or 1 and a message, never a signal, a hang or a runaway.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{MINI, THEMES, copy_tree};

/// How long any one run may take on hostile input.
const BOUND: Duration = Duration::from_secs(60);

/// Runs tebiki in `dir`; panics if it runs past [`BOUND`] or dies of a signal.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--themes", THEMES, "--as-of", "2025-11-01"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > BOUND {
            let _ = child.kill();
            panic!("tebiki {args:?} still ran after {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let code = status
        .code()
        .unwrap_or_else(|| panic!("tebiki {args:?} died of a signal: {status:?}\n{stderr}"));
    assert!(code == 0 || code == 1, "exit code {code}: {stderr}");
    (code, stderr)
}

fn mini() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    dir
}

fn page(dir: &Path, body: &str) {
    let text = format!("+++\nid = \"deep\"\ntitle = \"深い\"\norder = 2\n+++\n\n{body}\n");
    std::fs::write(dir.join("content/cities/mini/pages/deep.md"), text).unwrap();
}

#[test]
fn pages_nested_thousands_deep_build() {
    let answer = format!("{}深い回答", "> ".repeat(6000));
    for body in [
        format!("{}深い引用", ">".repeat(6000)),
        format!("{}深い箇条書き", "- > ".repeat(1500)),
        format!("{}深いリンク", "[".repeat(6000)),
        format!("{}**強調**", "<div>".repeat(3000)),
    ] {
        let dir = mini();
        page(dir.path(), &body);
        let (code, err) = run(dir.path(), &["build", "--out", "site"]);
        assert_eq!(code, 0, "{err}");
        assert!(dir.path().join("site/mini/pages/deep.html").is_file());
    }
    // The same in a Q&A answer.
    let dir = mini();
    let reference = dir.path().join("content/cities/mini/reference.toml");
    let text = std::fs::read_to_string(&reference).unwrap();
    let text = text.replace(
        "answer = \"見本市です。[相談強化加算](addon:soudan-kyoka)も参照。\"",
        &format!("answer = \"{answer}\""),
    );
    std::fs::write(&reference, text).unwrap();
    let (code, err) = run(dir.path(), &["build", "--out", "site"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn pipes_and_devices_where_files_are_expected_are_errors_not_hangs() {
    let fifo = |path: &Path| {
        let _ = std::fs::remove_file(path);
        let made = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(made.success());
    };
    // The synonym table as a named pipe.
    let dir = mini();
    std::fs::create_dir_all(dir.path().join("content/search")).unwrap();
    fifo(&dir.path().join("content/search/synonyms.toml"));
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "synonyms.toml:1:1: error: cannot read file: not a regular file but a named pipe"
        ),
        "{err}"
    );

    // A content file as a named pipe.
    let dir = mini();
    fifo(&dir.path().join("content/national/revisions.toml"));
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("revisions.toml:1:1: error: cannot read file: not a regular file"),
        "{err}"
    );

    // A font of the theme as a named pipe.
    let dir = mini();
    copy_tree(Path::new(THEMES), &dir.path().join("themes"));
    fifo(
        &dir.path()
            .join("themes/default/fonts/BIZUDGothic-Regular.ttf"),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args([
            "--themes",
            "themes",
            "--as-of",
            "2025-11-01",
            "build",
            "--out",
            "site",
        ])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < BOUND,
            "a font that is a pipe hangs the build"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("BIZUDGothic-Regular.ttf") && err.contains("named pipe"),
        "{err}"
    );

    // A device and a pipe passed to `forms export`.
    let dir = mini();
    for pdf in ["/dev/zero", "/dev/urandom"] {
        let (code, err) = run(dir.path(), &["forms", "export", pdf]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("not a regular file but a device"), "{err}");
    }
    fifo(&dir.path().join("filled.pdf"));
    let (code, err) = run(dir.path(), &["forms", "export", "filled.pdf"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("named pipe"), "{err}");
}

#[test]
fn files_that_are_not_text_or_too_large_are_errors_at_their_line() {
    let dir = mini();
    let roles = dir.path().join("content/national/roles.toml");
    let mut bytes = std::fs::read(&roles).unwrap();
    bytes.extend_from_slice(b"\n# \xff\n");
    std::fs::write(&roles, &bytes).unwrap();
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    assert!(
        err.contains(&format!(
            "roles.toml:{lines}:3: error: this file is not UTF-8 text"
        )),
        "{err}"
    );
    assert!(
        err.ends_with("1 error, 0 warnings\n"),
        "no follow-on faults: {err}"
    );

    let dir = mini();
    page(dir.path(), &"あ".repeat(3 << 20));
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("deep.md:1:1: error: cannot read file: larger than 8 MiB"),
        "{err}"
    );
}

#[test]
fn links_in_the_content_are_reported_not_followed() {
    let dir = mini();
    let pages = dir.path().join("content/cities/mini/pages");
    std::os::unix::fs::symlink("/etc/hostname", pages.join("host.md")).unwrap();
    std::os::unix::fs::symlink(&pages, dir.path().join("content/cities/loop")).unwrap();
    let (code, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("content/cities/loop:1:1: warning: symbolic link not followed"),
        "{err}"
    );
    assert!(
        err.contains("pages/host.md:1:1: warning: symbolic link not followed"),
        "{err}"
    );
}
