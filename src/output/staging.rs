//! A folder being written that takes the place of the output folder only
//! when everything succeeded, so a failed or killed build never leaves a
//! half-written or missing `site/`.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::swap::{exchange, fault_point, is_running};
use super::{MARKER, MARKER_TEXT, PUBLISHING};

/// Tells apart the staging folders of one process.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A folder being written that becomes the output folder on [`Staging::commit`].
pub(crate) struct Staging {
    target: PathBuf,
    temp: PathBuf,
}

impl Staging {
    /// Creates an empty staging folder next to `target` (same file system, so
    /// the swap is a rename), holding only the marker. First it repairs what
    /// an interrupted run left beside `target`.
    pub(crate) fn new(target: &Path) -> io::Result<Staging> {
        let (parent, name) = beside(target);
        std::fs::create_dir_all(&parent)?;
        recover(target)?;
        let temp = parent.join(format!(
            ".{name}.tebiki-new-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir(&temp)?;
        let staging = Staging {
            target: target.to_path_buf(),
            temp,
        };
        std::fs::write(staging.temp.join(MARKER), MARKER_TEXT)?;
        Ok(staging)
    }

    /// The folder to write into.
    pub(crate) fn path(&self) -> &Path {
        &self.temp
    }

    /// Puts the staged folder in place of the target, with the target's
    /// publishing files moved into it; the old folder is removed only after
    /// the swap.
    pub(crate) fn commit(self) -> io::Result<()> {
        let (target, temp) = (self.target.clone(), self.temp.clone());
        std::mem::forget(self);
        if std::fs::symlink_metadata(&target).is_err() {
            return std::fs::rename(&temp, &target);
        }
        carry_publishing(&target, &temp)?;
        fault_point("before-swap");
        match exchange(&temp, &target) {
            Ok(()) => {
                fault_point("after-swap");
                retire(&temp, &target)
            }
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                // Two renames: a kill between them leaves the old site as
                // `.<name>.tebiki-old-*`, which the next run puts back.
                let old = sibling(&temp, "old");
                std::fs::rename(&target, &old)?;
                fault_point("between-renames");
                if let Err(e) = std::fs::rename(&temp, &target) {
                    std::fs::rename(&old, &target)?;
                    return Err(e);
                }
                retire(&old, &target)
            }
            Err(e) => {
                carry_publishing(&temp, &target)?;
                let _ = std::fs::remove_dir_all(&temp);
                Err(e)
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // An abandoned build leaves nothing behind; nothing of the target was moved in yet.
        let _ = std::fs::remove_dir_all(&self.temp);
    }
}

/// The folder that holds `target` and the name of `target` in it.
fn beside(target: &Path) -> (PathBuf, String) {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    (parent.to_path_buf(), name)
}

/// `.site.tebiki-new-1-2` → `.site.tebiki-old-1-2`.
fn sibling(temp: &Path, kind: &str) -> PathBuf {
    let name = temp.file_name().unwrap_or_default().to_string_lossy();
    temp.with_file_name(name.replacen(".tebiki-new-", &format!(".tebiki-{kind}-"), 1))
}

/// Moves the publishing files of `from` into `to`, where `to` has none of that name.
fn carry_publishing(from: &Path, to: &Path) -> io::Result<()> {
    for name in PUBLISHING {
        let (source, dest) = (from.join(name), to.join(name));
        if std::fs::symlink_metadata(&source).is_ok() && std::fs::symlink_metadata(&dest).is_err() {
            std::fs::rename(&source, &dest)?;
        }
    }
    Ok(())
}

/// Removes a replaced output folder. Its publishing files are moved into
/// `target` first; one that `target` already has is left where it is, with
/// its folder, rather than deleted.
fn retire(old: &Path, target: &Path) -> io::Result<()> {
    if target.is_dir() {
        carry_publishing(old, target)?;
    }
    let mut left = false;
    for entry in std::fs::read_dir(old)? {
        let entry = entry?;
        let name = entry.file_name();
        if PUBLISHING.iter().any(|p| name == *p) {
            left = true;
        } else if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    if !left {
        std::fs::remove_dir(old)?;
    }
    Ok(())
}

/// Repairs what an interrupted run left beside `target`: an old site whose
/// replacement never arrived is put back, publishing files caught in a
/// staging folder go home, and the folders of runs no longer running are removed.
pub(crate) fn recover(target: &Path) -> io::Result<()> {
    let (parent, name) = beside(target);
    let prefix = format!(".{name}.tebiki-");
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(());
    };
    let mut stale: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((kind, id)) = rest.split_once('-') else {
            continue;
        };
        let pid = id.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| pid == std::process::id() || is_running(pid));
        if !alive && entry.file_type().is_ok_and(|t| t.is_dir()) {
            stale.push((kind.to_string(), entry.path()));
        }
    }
    stale.sort();
    // Old sites first: one may have to be put back before the others are retired.
    stale.sort_by_key(|(kind, _)| kind != "old");
    for (kind, path) in stale {
        if kind == "old" && std::fs::symlink_metadata(target).is_err() {
            std::fs::rename(&path, target)?;
        } else {
            retire(&path, target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let abandoned = Staging::new(&target).unwrap();
        std::fs::write(abandoned.path().join("new.html"), "new").unwrap();
        drop(abandoned);
        assert!(
            target.join("old.html").exists(),
            "a dropped build keeps the old site"
        );

        let staging = Staging::new(&target).unwrap();
        std::fs::write(staging.path().join("new.html"), "new").unwrap();
        staging.commit().unwrap();
        assert!(target.join("new.html").exists());
        assert!(!target.join("old.html").exists());
        assert_eq!(names(&target), [MARKER, "new.html"]);
        assert_eq!(names(dir.path()), ["site"], "only site/ remains");
    }

    #[test]
    fn publishing_files_move_into_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        std::fs::create_dir_all(target.join(".git/objects")).unwrap();
        std::fs::write(target.join(".git/objects/x"), "object").unwrap();
        std::fs::write(target.join("CNAME"), "example.jp").unwrap();
        std::fs::write(target.join(".nojekyll"), "").unwrap();
        for round in 0..2 {
            let staging = Staging::new(&target).unwrap();
            std::fs::write(staging.path().join("index.html"), format!("{round}")).unwrap();
            staging.commit().unwrap();
            assert_eq!(
                names(&target),
                [".git", ".nojekyll", MARKER, "CNAME", "index.html"]
            );
            assert_eq!(
                std::fs::read(target.join(".git/objects/x")).unwrap(),
                b"object"
            );
        }
        assert_eq!(names(dir.path()), ["site"]);
    }

    #[test]
    fn stale_folders_of_dead_runs_are_repaired_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("site");
        // No process has id 0x7fff_fff0 here; its folders are stale.
        let dead = 0x7fff_fff0u32;
        let old = dir.path().join(format!(".site.tebiki-old-{dead}-0"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "the last good site").unwrap();
        let new = dir.path().join(format!(".site.tebiki-new-{dead}-1"));
        std::fs::create_dir_all(&new).unwrap();
        std::fs::write(new.join("CNAME"), "example.jp").unwrap();
        std::fs::write(new.join("half.html"), "half").unwrap();
        let live = dir
            .path()
            .join(format!(".site.tebiki-new-{}-99", std::process::id()));
        std::fs::create_dir_all(&live).unwrap();

        recover(&target).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "the last good site"
        );
        assert_eq!(
            std::fs::read_to_string(target.join("CNAME")).unwrap(),
            "example.jp"
        );
        let live_name = live.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(names(dir.path()), [live_name.as_str(), "site"]);
    }
}
