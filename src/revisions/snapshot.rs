//! A version of the content to compare: a folder holding `content/` and
//! `forms/`, or a git revision of the repository, unpacked into a
//! temporary folder with `git archive`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A version of the inputs on disk, removed when dropped if it was unpacked.
pub struct Snapshot {
    pub root: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

impl Snapshot {
    /// Resolves `spec`: an existing folder is used as it is; anything else is taken as a git revision.
    pub fn open(spec: &str, repo: &Path) -> Result<Snapshot, String> {
        let as_dir = Path::new(spec);
        if as_dir.is_dir() {
            return Ok(Snapshot {
                root: as_dir.to_path_buf(),
                _temp: None,
            });
        }
        let temp =
            tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
        let archive = Command::new("git")
            .args(["archive", "--format=tar", spec, "--", "content", "forms"])
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
        Ok(Snapshot {
            root: temp.path().to_path_buf(),
            _temp: Some(temp),
        })
    }
}
