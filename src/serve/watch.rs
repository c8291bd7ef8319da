//! Watching the input folders. Editors save in many ways — in place, by
//! writing a temporary file and renaming it over the old one, by deleting and
//! recreating — so events are debounced into one batch per burst, and files
//! that only editors care about (swap files, backups, lock files) are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the folders must be quiet before a batch of changes is handed on.
/// Short, since a rebuild is cheap; long enough for a write-then-rename save.
pub(crate) const QUIET: Duration = Duration::from_millis(30);

/// A running watch of the input folders; dropping it stops watching.
pub(crate) struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    roots: Vec<PathBuf>,
    /// Which folder each root was when it was last watched (none: missing).
    armed: Vec<Option<Identity>>,
}

/// Tells a folder from another one later put at the same path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity(u64, u64);

fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Identity(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(Identity(0, 0))
    }
}

/// Starts watching the existing folders of `roots`, and the folders that
/// hold them, so that a root deleted and made again is seen; each batch of
/// relevant changed paths below a root goes to `send`.
pub(crate) fn start(
    roots: &[PathBuf],
    send: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> notify_debouncer_full::notify::Result<Watch> {
    let under: Vec<PathBuf> = roots.to_vec();
    let debouncer = new_debouncer(
        QUIET,
        Some(Duration::from_millis(10)),
        move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter())
                    .filter(|p| relevant(p) && under.iter().any(|r| p.starts_with(r)))
                    .cloned()
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    send(paths);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!(
                        "{}",
                        crate::messages::Msg::ServeWatching {
                            error: e.to_string()
                        }
                        .warning_line(crate::messages::Lang::from_env())
                    );
                }
            }
        },
    )?;
    let mut watch = Watch {
        debouncer,
        roots: roots.to_vec(),
        armed: vec![None; roots.len()],
    };
    let mut parents: Vec<&Path> = roots.iter().filter_map(|r| r.parent()).collect();
    parents.sort();
    parents.dedup();
    for parent in parents.into_iter().filter(|p| p.is_dir()) {
        // Only to see a root come back; events of its other entries are dropped above.
        let _ = watch.debouncer.watch(parent, RecursiveMode::NonRecursive);
    }
    for (i, root) in roots.iter().enumerate() {
        if let Some(id) = identity(root) {
            watch.debouncer.watch(root, RecursiveMode::Recursive)?;
            watch.armed[i] = Some(id);
        }
    }
    Ok(watch)
}

impl Watch {
    /// Watches again every root that was deleted and made again (or made for
    /// the first time) since it was last watched: one whose own path is among
    /// `changed`, or that is another folder now (a new folder may get the old
    /// one's inode, so the path is the surer sign). True if any was.
    pub(crate) fn rearm(&mut self, changed: &[PathBuf]) -> bool {
        let mut any = false;
        for (i, root) in self.roots.iter().enumerate() {
            let now = identity(root);
            if now == self.armed[i] && !changed.contains(root) {
                continue;
            }
            if self.armed[i].is_some() {
                let _ = self.debouncer.unwatch(root);
            }
            self.armed[i] = None;
            if let Some(id) = now {
                if self.debouncer.watch(root, RecursiveMode::Recursive).is_ok() {
                    self.armed[i] = Some(id);
                    any = true;
                }
            }
        }
        any
    }
}

/// Sends each batch of changes as a message on a channel.
pub(crate) fn to_channel<T: Send + 'static>(
    sender: Sender<T>,
    wrap: impl Fn(Vec<PathBuf>) -> T + Send + 'static,
) -> impl Fn(Vec<PathBuf>) + Send + 'static {
    move |paths| {
        let _ = sender.send(wrap(paths));
    }
}

/// False for files that editors and tools write beside the real ones.
pub(crate) fn relevant(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    let ignored = name.starts_with(".#")
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == ".DS_Store";
    !ignored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_side_files_are_ignored() {
        for name in [
            ".reference.toml.swp",
            "reference.toml~",
            "4913",
            ".#reference.toml",
            "#reference.toml#",
            "x.tmp",
        ] {
            assert!(!relevant(Path::new(name)), "{name}");
        }
        for name in ["reference.toml", "about.md", "style.css", "mini"] {
            assert!(relevant(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn a_folder_deleted_and_made_again_is_watched_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("content");
        std::fs::create_dir_all(root.join("cities")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watch = start(std::slice::from_ref(&root), to_channel(tx, |p| p)).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        std::fs::remove_dir_all(&root).unwrap();
        let _ = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        std::fs::create_dir_all(root.join("cities")).unwrap();
        let batch = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the new folder is seen");
        assert!(batch.iter().any(|p| p.starts_with(&root)), "{batch:?}");
        assert!(watch.rearm(&batch), "the new folder is watched");
        std::thread::sleep(Duration::from_millis(50));
        while rx.try_recv().is_ok() {}
        let file = root.join("cities/city.toml");
        std::fs::write(&file, "id = 1\n").unwrap();
        let batch = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("a change inside it is seen");
        assert!(batch.contains(&file), "{batch:?}");
        assert!(!watch.rearm(&batch), "nothing to watch anew");
    }

    #[test]
    fn a_folder_moved_away_and_back_is_watched_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("content");
        let away = root.with_file_name("away");
        std::fs::create_dir_all(root.join("cities")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watch = start(std::slice::from_ref(&root), to_channel(tx, |p| p)).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        std::fs::rename(&root, &away).unwrap();
        let batch = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        watch.rearm(&batch);
        std::fs::rename(&away, &root).unwrap();
        let batch = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the folder is seen back");
        assert!(watch.rearm(&batch), "it is watched again");
    }

    #[test]
    fn a_write_then_rename_save_is_one_batch_naming_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let file = root.join("reference.toml");
        std::fs::write(&file, "a = 1\n").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let _watch = start(std::slice::from_ref(&root), to_channel(tx, |p| p)).unwrap();
        std::thread::sleep(Duration::from_millis(50));

        let temp = root.join(".reference.toml.tmp");
        std::fs::write(&temp, "a = 2\n").unwrap();
        std::fs::rename(&temp, &file).unwrap();
        let batch = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(batch.contains(&file), "{batch:?}");
        assert!(batch.iter().all(|p| relevant(p)), "{batch:?}");
    }
}
