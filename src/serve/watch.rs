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
pub const QUIET: Duration = Duration::from_millis(30);

/// A running watch; dropping it stops watching.
pub type Watch = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Starts watching the existing folders of `roots`; each batch of relevant changed paths goes to `send`.
pub fn start(
    roots: &[PathBuf],
    send: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> notify_debouncer_full::notify::Result<Watch> {
    let mut watch = new_debouncer(
        QUIET,
        Some(Duration::from_millis(10)),
        move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter())
                    .filter(|p| relevant(p))
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
                    eprintln!("warning: watching files: {e}");
                }
            }
        },
    )?;
    for root in roots.iter().filter(|r| r.is_dir()) {
        watch.watch(root, RecursiveMode::Recursive)?;
    }
    Ok(watch)
}

/// Sends each batch of changes as a message on a channel.
pub fn to_channel<T: Send + 'static>(
    sender: Sender<T>,
    wrap: impl Fn(Vec<PathBuf>) -> T + Send + 'static,
) -> impl Fn(Vec<PathBuf>) + Send + 'static {
    move |paths| {
        let _ = sender.send(wrap(paths));
    }
}

/// False for files that editors and tools write beside the real ones.
pub fn relevant(path: &Path) -> bool {
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
