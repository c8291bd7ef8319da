//! Deciding, before anything is written, whether `--out` may be replaced.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MARKER, PUBLISHING};

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
        relation: &'static str,
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
pub fn check_target(out: &Path, sources: &[&Path], force: bool) -> Result<Target, Refusal> {
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
            "is"
        } else if no_inside && resolved.starts_with(&canonical) {
            "lies inside"
        } else if canonical.starts_with(&resolved) {
            "holds"
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

/// A few names from a list, then how many more.
fn some_of(entries: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = entries
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if entries.len() > SHOWN {
        text.push_str(&format!(" and {} more", entries.len() - SHOWN));
    }
    text
}

impl Target {
    /// The warning a forced build prints about what it deletes, if anything.
    pub fn warning(&self, out: &Path) -> Option<String> {
        (!self.replaced.is_empty()).then(|| {
            format!(
                "warning: --force: replacing {}, which tebiki did not make; deleting {}\n",
                out.display(),
                some_of(&self.replaced)
            )
        })
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotAFolder { out, kind } => write!(
                f,
                "error: --out {} is a {kind}, not a folder\n  = hint: the site is a folder of \
                 pages; name a new folder such as site/ (the {kind} was left as it is)",
                out.display()
            ),
            Refusal::Link { out, to } => write!(
                f,
                "error: --out {} is a symbolic link (to {})\n  = hint: name the folder it points \
                 to, or a new folder; the link was left as it is",
                out.display(),
                to.display()
            ),
            Refusal::Sources {
                out,
                source,
                relation,
            } => write!(
                f,
                "error: --out {} {relation} {}, which the build reads from or runs in\n  = hint: \
                 a build replaces its output folder as a whole; name a folder of its own, outside \
                 content/, forms/ and themes/, such as site/",
                out.display(),
                source.display()
            ),
            Refusal::NotOurs { out, entries } => write!(
                f,
                "error: {} is not a folder that tebiki made, and it is not empty: it holds {}\n  \
                 = hint: name a new or empty folder for --out (the default is site/); to replace \
                 this folder and delete what it holds, run again with --force ({} files and \
                 folders such as .git and CNAME are kept)",
                out.display(),
                some_of(entries),
                PUBLISHING.len()
            ),
            Refusal::Unreadable { out, error } => write!(
                f,
                "error: cannot look at --out {}: {error}\n  = hint: check that the folder and the \
                 folders above it can be read",
                out.display()
            ),
        }
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
        assert!(forced.warning(&out).unwrap().contains("README.md"));
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
