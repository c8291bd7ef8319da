//! Brings the served folder up to date with a freshly rendered one, touching
//! only what differs: a file whose bytes did not change keeps its mtime (and
//! the browser's cached copy), a file that is no longer rendered is removed.
//!
//! Each changed file is moved into place with a rename, so the server never
//! hands out a half-written page while a rebuild is being synced.

use std::collections::BTreeSet;
use std::io;
use std::path::Path;

use walkdir::WalkDir;

/// What a sync changed in the served folder (paths relative to it, `/`-separated).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Synced {
    pub written: Vec<String>,
    pub removed: Vec<String>,
}

impl Synced {
    /// True if the served folder did not change.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }

    /// Every changed path, written and removed, in order.
    pub fn changed(&self) -> Vec<String> {
        let mut all: Vec<String> = self.written.iter().chain(&self.removed).cloned().collect();
        all.sort();
        all
    }
}

/// Makes `served` hold exactly the files of `fresh`; `fresh` is consumed (its changed files are moved).
pub(crate) fn sync(fresh: &Path, served: &Path) -> io::Result<Synced> {
    let mut files = BTreeSet::new();
    for entry in WalkDir::new(fresh) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            files.insert(relative(entry.path(), fresh));
        }
    }
    sync_all(fresh, served, &files)
}

/// Makes `served` hold exactly `outputs`, taken from `fresh` where they differ.
fn sync_all(fresh: &Path, served: &Path, outputs: &BTreeSet<String>) -> io::Result<Synced> {
    std::fs::create_dir_all(served)?;
    let mut synced = Synced::default();
    // Removed files first, so a path that turns from a folder into a file is free.
    // Contents first, so a folder is seen after the files in it were removed.
    // The marker and the publishing files (.git, CNAME, …) are never touched.
    let walk = WalkDir::new(served).contents_first(true).into_iter();
    let kept = |e: &walkdir::DirEntry| {
        e.depth() == 1 && crate::output::is_kept(&e.file_name().to_string_lossy())
    };
    for entry in walk.filter_entry(|e| !kept(e)) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.path() == served {
            continue;
        }
        let rel = relative(entry.path(), served);
        if entry.file_type().is_dir() {
            // Only empty folders go; a folder still holding kept files stays.
            if std::fs::read_dir(entry.path())?.next().is_none() {
                std::fs::remove_dir(entry.path())?;
            }
        } else if !outputs.contains(&rel) {
            std::fs::remove_file(entry.path())?;
            synced.removed.push(rel);
        }
    }
    synced.removed.sort();
    move_changed(fresh, served, outputs, &mut synced)?;
    Ok(synced)
}

/// Moves each of `files` from `fresh` into `served` unless the served file has the same bytes.
fn move_changed<'a>(
    fresh: &Path,
    served: &Path,
    files: impl IntoIterator<Item = &'a String>,
    synced: &mut Synced,
) -> io::Result<()> {
    for rel in files {
        let (from, target) = (fresh.join(rel), served.join(rel));
        if !from.is_file() || same_bytes(&from, &target)? {
            continue;
        }
        if let Some(parent) = target.parent() {
            make_folder(parent, served)?;
        }
        move_into_place(&from, &target)?;
        synced.written.push(rel.clone());
    }
    Ok(())
}

/// Syncs a partial render: of `written` (paths relative to both folders), the
/// files of `fresh` whose bytes differ from the served ones are moved in, and
/// the `removed` ones are deleted from `served` with any folder they leave
/// empty. Everything else in `served` is left as it is.
pub(crate) fn sync_listed(
    fresh: &Path,
    served: &Path,
    written: &[String],
    removed: &[String],
) -> io::Result<Synced> {
    std::fs::create_dir_all(served)?;
    let mut synced = Synced::default();
    for rel in removed {
        let target = served.join(rel);
        if target.is_file() {
            std::fs::remove_file(&target)?;
            synced.removed.push(rel.clone());
        }
        let mut dir = target.parent();
        while let Some(d) = dir.filter(|d| *d != served && d.starts_with(served)) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    synced.removed.sort();
    let written: BTreeSet<&String> = written.iter().collect();
    move_changed(fresh, served, written, &mut synced)?;
    Ok(synced)
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Creates the folders down to `dir`, replacing any file that stands where a folder must be.
fn make_folder(dir: &Path, root: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if dir != root {
        if let Some(parent) = dir.parent() {
            make_folder(parent, root)?;
        }
    }
    if dir.exists() {
        std::fs::remove_file(dir)?;
    }
    std::fs::create_dir(dir)
}

fn same_bytes(a: &Path, b: &Path) -> io::Result<bool> {
    let Ok(meta) = std::fs::symlink_metadata(b) else {
        return Ok(false);
    };
    if !meta.is_file() || meta.len() != std::fs::metadata(a)?.len() {
        return Ok(false);
    }
    Ok(std::fs::read(a)? == std::fs::read(b)?)
}

/// Renames when both folders share a file system, else writes a temporary copy and renames that.
fn move_into_place(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    let name = to.file_name().unwrap_or_default().to_string_lossy();
    let temp = to.with_file_name(format!(".{name}.tebiki-part"));
    std::fs::copy(from, &temp)?;
    std::fs::rename(&temp, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn mtime(path: &Path) -> SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn only_changed_files_are_written_and_removed_ones_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let (fresh, served) = (dir.path().join("fresh"), dir.path().join("served"));
        write(&served, "a/index.html", "same");
        write(&served, "b/index.html", "old");
        write(&served, "gone/index.html", "old");
        let old = SystemTime::now() - Duration::from_secs(3600);
        let file = std::fs::File::options()
            .write(true)
            .open(served.join("a/index.html"))
            .unwrap();
        file.set_modified(old).unwrap();
        drop(file);

        write(&fresh, "a/index.html", "same");
        write(&fresh, "b/index.html", "new");
        write(&fresh, "c/forms/x.pdf", "pdf");
        let synced = sync(&fresh, &served).unwrap();

        assert_eq!(synced.written, ["b/index.html", "c/forms/x.pdf"]);
        assert_eq!(synced.removed, ["gone/index.html"]);
        assert_eq!(mtime(&served.join("a/index.html")), old, "untouched");
        assert_eq!(
            std::fs::read_to_string(served.join("b/index.html")).unwrap(),
            "new"
        );
        assert!(!served.join("gone").exists(), "empty folders go too");
    }

    #[test]
    fn a_file_may_become_a_folder_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let (fresh, served) = (dir.path().join("fresh"), dir.path().join("served"));
        write(&served, "x", "file");
        write(&fresh, "x/index.html", "page");
        sync(&fresh, &served).unwrap();
        assert!(served.join("x/index.html").is_file());

        let fresh = dir.path().join("fresh2");
        write(&fresh, "x", "file again");
        let synced = sync(&fresh, &served).unwrap();
        assert!(served.join("x").is_file());
        assert_eq!(synced.removed, ["x/index.html"]);
    }

    #[test]
    fn a_partial_render_keeps_outputs_it_did_not_render() {
        let dir = tempfile::tempdir().unwrap();
        let (fresh, served) = (dir.path().join("fresh"), dir.path().join("served"));
        write(&served, "ise/qa.html", "old");
        write(&served, "ise/index.html", "kept");
        write(&served, "gone.html", "old");
        write(&served, "old/only.html", "old");
        write(&fresh, "ise/qa.html", "new");
        write(&fresh, "ise/same.html", "same");
        write(&served, "ise/same.html", "same");
        let written = ["ise/qa.html", "ise/same.html"].map(String::from);
        let removed = ["gone.html", "old/only.html"].map(String::from);
        let synced = sync_listed(&fresh, &served, &written, &removed).unwrap();
        assert_eq!(synced.written, ["ise/qa.html"], "same bytes are not moved");
        assert_eq!(synced.removed, ["gone.html", "old/only.html"]);
        assert!(!served.join("old").exists(), "a folder left empty goes");
        assert_eq!(
            std::fs::read_to_string(served.join("ise/index.html")).unwrap(),
            "kept"
        );
    }

    #[test]
    fn syncing_the_same_output_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let served = dir.path().join("served");
        for round in 0..2 {
            let fresh = dir.path().join(format!("fresh{round}"));
            write(&fresh, "index.html", "page");
            let synced = sync(&fresh, &served).unwrap();
            assert_eq!(synced.is_empty(), round == 1);
        }
    }
}
