//! Atomic output: a build writes into a fresh folder beside the target and
//! swaps it in only when everything succeeded, so a failed build never
//! leaves a half-written or missing `site/`.

use std::io;
use std::path::{Path, PathBuf};

/// A folder being written that becomes the output folder on [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
}

impl Staging {
    /// Creates an empty staging folder next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let temp = parent.join(format!(".{name}.tebiki-new-{}", std::process::id()));
        if temp.exists() {
            std::fs::remove_dir_all(&temp)?;
        }
        std::fs::create_dir_all(&temp)?;
        Ok(Staging {
            target: target.to_path_buf(),
            temp,
        })
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Replaces the target with the staged folder; the old one is removed only after the swap.
    pub fn commit(self) -> io::Result<()> {
        let old = self.temp.with_file_name(format!(
            "{}.old",
            self.temp.file_name().unwrap_or_default().to_string_lossy()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.temp, &self.target) {
            if had_old {
                std::fs::rename(&old, &self.target)?;
            }
            return Err(e);
        }
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // An abandoned build leaves nothing behind.
        let _ = std::fs::remove_dir_all(&self.temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "only site/ remains");
    }
}
