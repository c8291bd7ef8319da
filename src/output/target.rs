//! Deciding, before anything is written, whether `--out` may be replaced.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MARKER, PUBLISHING};
use crate::messages::{Lang, Msg, Relation};

/// An output folder a build may replace.
#[derive(Debug)]
pub struct Target {
    /// What a forced build deletes: the entries of a folder tebiki did not
    /// make, publishing files aside (empty for tebiki's own folder).
    pub replaced: Vec<String>,
}

/// Why an output folder may not be written.
#[derive(Debug)]
pub enum Refusal {
    /// The path is a file, a device, a pipe or a socket.
    NotAFolder { out: PathBuf, kind: &'static str },
    /// The path is a symbolic link.
    Link { out: PathBuf, to: PathBuf },
    /// The path is, holds or lies inside a source folder or the working folder.
    Sources {
        out: PathBuf,
        source: PathBuf,
        relation: Relation,
    },
    /// A folder tebiki did not make, with files in it.
    NotOurs { out: PathBuf, entries: Vec<String> },
    /// The path cannot be looked at.
    Unreadable { out: PathBuf, error: io::Error },
}

/// Decides whether `out` may be replaced by a build of `sources` (content/,
/// forms/, themes/): it may if it does not exist, is tebiki's own output, is
/// empty or holds only publishing files, or, with `force`, is any other
/// folder that neither holds nor lies inside the sources.
pub(crate) fn check_target(out: &Path, sources: &[&Path], force: bool) -> Result<Target, Refusal> {
    let unreadable = |error| Refusal::Unreadable {
        out: out.to_path_buf(),
        error,
    };
    let meta = match std::fs::symlink_metadata(out) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(unreadable(e)),
    };
    if let Some(meta) = &meta {
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Err(Refusal::Link {
                out: out.to_path_buf(),
                to: std::fs::read_link(out).unwrap_or_default(),
            });
        }
        if !kind.is_dir() {
            return Err(Refusal::NotAFolder {
                out: out.to_path_buf(),
                kind: kind_of(&kind),
            });
        }
    }
    let resolved = resolve(out).map_err(unreadable)?;
    let working = std::env::current_dir().ok();
    // An output may lie inside the working folder (site/ usually does), but
    // neither be nor hold it.
    let named = sources
        .iter()
        .map(|s| (s.to_path_buf(), std::fs::canonicalize(s).ok(), true))
        .chain(working.map(|w| (w.clone(), Some(w), false)));
    for (source, canonical, no_inside) in named {
        let Some(canonical) = canonical else { continue };
        let relation = if resolved == canonical {
            Relation::Is
        } else if no_inside && resolved.starts_with(&canonical) {
            Relation::LiesInside
        } else if canonical.starts_with(&resolved) {
            Relation::Holds
        } else {
            continue;
        };
        return Err(Refusal::Sources {
            out: out.to_path_buf(),
            source,
            relation,
        });
    }
    if meta.is_none() {
        return Ok(Target {
            replaced: Vec::new(),
        });
    }
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(out).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == MARKER {
            return Ok(Target {
                replaced: Vec::new(),
            });
        }
        if !PUBLISHING.contains(&name.as_str()) {
            let folder = entry.file_type().is_ok_and(|t| t.is_dir());
            entries.push(if folder { format!("{name}/") } else { name });
        }
    }
    entries.sort();
    if entries.is_empty() || force {
        Ok(Target { replaced: entries })
    } else {
        Err(Refusal::NotOurs {
            out: out.to_path_buf(),
            entries,
        })
    }
}

/// The absolute form of a path that may not exist yet: its longest existing
/// ancestor resolved with links followed, the rest appended.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        match std::fs::canonicalize(existing) {
            Ok(base) => break base,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    let mut resolved = base;
    for name in rest.into_iter().rev() {
        match Path::new(&name).components().next() {
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::CurDir) => {}
            _ => resolved.push(name),
        }
    }
    Ok(resolved)
}

fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() {
            return "device";
        }
        if kind.is_fifo() {
            return "named pipe";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    let _ = kind;
    "file"
}

impl Target {
    /// The warning a forced build prints about what it deletes, if anything.
    pub fn warning(&self, out: &Path) -> Option<Msg> {
        (!self.replaced.is_empty()).then(|| Msg::ForceReplaces {
            out: out.display().to_string(),
            entries: self.replaced.clone(),
        })
    }
}

impl Refusal {
    /// Why the folder was refused, in the catalogue's words.
    pub fn message(&self) -> Msg {
        match self {
            Refusal::NotAFolder { out, kind } => Msg::OutNotAFolder {
                out: out.display().to_string(),
                kind: kind.to_string(),
            },
            Refusal::Link { out, to } => Msg::OutIsLink {
                out: out.display().to_string(),
                to: to.display().to_string(),
            },
            Refusal::Sources {
                out,
                source,
                relation,
            } => Msg::OutSources {
                out: out.display().to_string(),
                source: source.display().to_string(),
                relation: *relation,
            },
            Refusal::NotOurs { out, entries } => Msg::OutNotOurs {
                out: out.display().to_string(),
                entries: entries.clone(),
                kept: PUBLISHING.len(),
            },
            Refusal::Unreadable { out, error } => Msg::OutUnreadable {
                out: out.display().to_string(),
                error: error.to_string(),
            },
        }
    }
}

impl fmt::Display for Refusal {
    /// The refusal in English, with its hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().line(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(root: &Path) -> [PathBuf; 3] {
        ["content", "forms", "themes"].map(|s| {
            let p = root.join(s);
            std::fs::create_dir_all(&p).unwrap();
            p
        })
    }

    fn check(out: &Path, root: &Path, force: bool) -> Result<Target, Refusal> {
        let s = sources(root);
        check_target(out, &[&s[0], &s[1], &s[2]], force)
    }

    #[test]
    fn new_empty_own_and_publishing_only_folders_may_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(check(&root.join("site"), root, false).is_ok());
        std::fs::create_dir(root.join("site")).unwrap();
        assert!(check(&root.join("site"), root, false).is_ok());
        std::fs::create_dir(root.join("site/.git")).unwrap();
        std::fs::write(root.join("site/CNAME"), "example.jp").unwrap();
        assert!(check(&root.join("site"), root, false).is_ok());
        std::fs::write(root.join("site/index.html"), "x").unwrap();
        assert!(matches!(
            check(&root.join("site"), root, false),
            Err(Refusal::NotOurs { .. })
        ));
        std::fs::write(root.join("site").join(MARKER), MARKER).unwrap();
        assert!(check(&root.join("site"), root, false).is_ok());
    }

    #[test]
    fn a_foreign_folder_needs_force_and_the_warning_names_what_goes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("notes");
        std::fs::create_dir_all(out.join("drafts")).unwrap();
        std::fs::write(out.join("README.md"), "mine").unwrap();
        let Err(refusal) = check(&out, dir.path(), false) else {
            panic!("a folder tebiki did not make is refused");
        };
        let message = refusal.to_string();
        assert!(message.contains("README.md, drafts/"), "{message}");
        assert!(message.contains("--force"), "{message}");
        let forced = check(&out, dir.path(), true).unwrap();
        assert_eq!(forced.replaced, ["README.md", "drafts/"]);
        assert!(
            forced
                .warning(&out)
                .unwrap()
                .to_string()
                .contains("README.md")
        );
    }

    #[test]
    fn sources_and_their_surroundings_are_refused_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for out in [
            root.join("content"),
            root.join("content/cities/ise"),
            root.join("themes/x/../default"),
            root.to_path_buf(),
        ] {
            match check(&out, root, true) {
                Err(Refusal::Sources { .. }) => {}
                other => panic!("{} must be refused: {other:?}", out.display()),
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_devices_and_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            check(&root.join("notes.txt"), root, true),
            Err(Refusal::NotAFolder { kind: "file", .. })
        ));
        assert!(matches!(
            check(Path::new("/dev/null"), root, true),
            Err(Refusal::NotAFolder { kind: "device", .. })
        ));
        std::os::unix::fs::symlink(root.join("content"), root.join("link")).unwrap();
        assert!(matches!(
            check(&root.join("link"), root, true),
            Err(Refusal::Link { .. })
        ));
    }
}
