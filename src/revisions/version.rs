//! A version of the content to compare: a folder holding `content/` and
//! `forms/`, or a git revision of the repository, unpacked into a
//! temporary folder with `git archive`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A version of the inputs on disk, removed when dropped if it was unpacked.
pub struct Version {
    pub root: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

impl Version {
    /// Resolves `spec`: an existing folder is used as it is; anything else is taken as a git revision.
    pub fn open(spec: &str, repo: &Path) -> Result<Version, String> {
        let as_dir = Path::new(spec);
        if as_dir.is_dir() {
            return Ok(Version {
                root: as_dir.to_path_buf(),
                _temp: None,
            });
        }
        let temp =
            tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
        let commit = resolve(spec, repo)?;
        let archive = Command::new("git")
            .args(["archive", "--format=tar", &commit, "--", "content", "forms"])
            .current_dir(repo)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !archive.status.success() {
            return Err(format!(
                "`{spec}` is neither a folder nor a git revision with content/ and forms/: {}",
                String::from_utf8_lossy(&archive.stderr).trim()
            ));
        }
        let mut untar = Command::new("tar")
            .args(["-x", "-C"])
            .arg(temp.path())
            .stdin(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run tar: {e}"))?;
        if let Some(stdin) = untar.stdin.as_mut() {
            use std::io::Write;
            stdin
                .write_all(&archive.stdout)
                .map_err(|e| format!("cannot unpack `{spec}`: {e}"))?;
        }
        let status = untar
            .wait()
            .map_err(|e| format!("cannot unpack `{spec}`: {e}"))?;
        if !status.success() {
            return Err(format!("cannot unpack `{spec}`"));
        }
        Ok(Version {
            root: temp.path().to_path_buf(),
            _temp: Some(temp),
        })
    }
}

/// The commit a revision names, as a full hash: what the user typed reaches
/// git only after `--end-of-options`, so it is never read as an option.
fn resolve(spec: &str, repo: &Path) -> Result<String, String> {
    let not_found = |why: &str| {
        format!("`{spec}` is neither a folder nor a git revision with content/ and forms/{why}")
    };
    if spec.starts_with('-') || spec.is_empty() {
        return Err(not_found(""));
    }
    let verify = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{spec}^{{commit}}"))
        .current_dir(repo)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let hash = String::from_utf8_lossy(&verify.stdout).trim().to_string();
    let is_hash = (40..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !verify.status.success() || !is_hash {
        return Err(not_found(": git knows no such commit"));
    }
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_in_place_of_a_revision_never_reach_git() {
        let dir = tempfile::tempdir().unwrap();
        let written = dir.path().join("written.tar");
        for spec in [
            format!("--output={}", written.display()),
            "--remote=ssh://example.invalid/repo".to_string(),
            "-o/tmp/x".to_string(),
            String::new(),
        ] {
            let Err(message) = Version::open(&spec, Path::new(env!("CARGO_MANIFEST_DIR"))) else {
                panic!("{spec} is refused");
            };
            assert!(
                message.contains("neither a folder nor a git revision"),
                "{message}"
            );
        }
        assert!(!written.exists(), "git wrote no file");
    }
}
