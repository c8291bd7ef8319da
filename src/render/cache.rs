//! Outputs kept by a hash of everything they were made from, so a rebuild
//! can skip work whose inputs did not change. Compiling a form with typst
//! takes about a tenth of a second; a watch-mode rebuild after a Q&A edit
//! should not pay that for every form of every city.
//!
//! A renderer asks for an output by a [`InputsHash`] built from all of its inputs
//! (the resolved form definition, the font files, the template) and gives a
//! closure that makes it on a miss. A disabled cache always makes. For a
//! form, the key is the view data handed to typst, the template and the fonts:
//!
//! ```text
//! let key = InputsHasher::new("form-pdf")
//!     .part(&view_json).part(TEMPLATE.as_bytes()).folder(&font_dir)?.finish();
//! let pdf = cache.get_or_make(&key, || render(form, fonts).map(|r| r.pdf))?;
//! ```

use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A hash of all the inputs of one output.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InputsHash(String);

/// Collects the inputs of one output into a [`InputsHash`].
#[derive(Clone, Default)]
pub(crate) struct InputsHasher(Sha256);

impl InputsHasher {
    /// Starts a key for outputs of one kind (`form-pdf`), so kinds never collide.
    pub(crate) fn new(kind: &str) -> InputsHasher {
        InputsHasher::default().part(kind.as_bytes())
    }

    /// Adds one input; inputs are length-prefixed so `ab`+`c` differs from `a`+`bc`.
    pub(crate) fn part(mut self, bytes: &[u8]) -> InputsHasher {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds every file below `dir` (names and bytes, in name order); a missing folder adds nothing.
    pub(crate) fn folder(mut self, dir: &Path) -> io::Result<InputsHasher> {
        if !dir.exists() {
            return Ok(self.part(b"(none)"));
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                self = self
                    .part(rel.to_string_lossy().as_bytes())
                    .part(&std::fs::read(entry.path())?);
            }
        }
        Ok(self)
    }

    /// The finished key.
    pub(crate) fn finish(self) -> InputsHash {
        let digest = self.0.finalize();
        InputsHash(digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl InputsHash {
    /// The key as hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A folder of outputs by key; or none, for a plain build that renders everything.
#[derive(Debug, Clone, Default)]
pub struct OutputCache {
    dir: Option<PathBuf>,
}

impl OutputCache {
    /// A cache that keeps nothing: every output is made.
    pub(crate) fn disabled() -> OutputCache {
        OutputCache { dir: None }
    }

    /// A cache kept in `dir` (created if missing).
    pub(crate) fn in_folder(dir: &Path) -> io::Result<OutputCache> {
        std::fs::create_dir_all(dir)?;
        Ok(OutputCache {
            dir: Some(dir.to_path_buf()),
        })
    }

    /// The output kept for `key`, if any.
    pub fn get(&self, key: &InputsHash) -> Option<Vec<u8>> {
        std::fs::read(self.dir.as_ref()?.join(&key.0)).ok()
    }

    /// Keeps `bytes` for `key`; written whole or not at all.
    pub fn put(&self, key: &InputsHash, bytes: &[u8]) -> io::Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let temp = dir.join(format!("{}.part", key.0));
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, dir.join(&key.0))
    }

    /// The kept output for `key`, or the one `make` returns (then kept).
    pub(crate) fn get_or_make<E>(
        &self,
        key: &InputsHash,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Vec<u8>, E> {
        if let Some(bytes) = self.get(key) {
            return Ok(bytes);
        }
        let bytes = make()?;
        // A cache that cannot be written only costs time on the next rebuild.
        let _ = self.put(key, &bytes);
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_output_is_not_made_again_until_an_input_changes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = OutputCache::in_folder(dir.path()).unwrap();
        let mut made = 0;
        let mut make = |key: &InputsHash| {
            cache
                .get_or_make(key, || {
                    made += 1;
                    Ok::<_, ()>(b"%PDF".to_vec())
                })
                .unwrap()
        };
        let a = InputsHasher::new("form-pdf").part(b"definition").finish();
        assert_eq!(make(&a), b"%PDF");
        assert_eq!(make(&a), b"%PDF");
        let b = InputsHasher::new("form-pdf").part(b"definition!").finish();
        make(&b);
        assert_eq!(made, 2, "made once per distinct input");
    }

    #[test]
    fn parts_are_not_confused_across_boundaries() {
        let ab_c = InputsHasher::new("k").part(b"ab").part(b"c").finish();
        let a_bc = InputsHasher::new("k").part(b"a").part(b"bc").finish();
        assert_ne!(ab_c, a_bc);
    }

    #[test]
    fn a_folder_key_changes_with_any_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("font.ttf"), "one").unwrap();
        let key = || InputsHasher::new("k").folder(dir.path()).unwrap().finish();
        let before = key();
        assert_eq!(key(), before);
        std::fs::write(dir.path().join("font.ttf"), "two").unwrap();
        assert_ne!(key(), before);
    }

    #[test]
    fn a_disabled_cache_always_makes() {
        let cache = OutputCache::disabled();
        let key = InputsHasher::new("k").finish();
        let mut made = 0;
        for _ in 0..2 {
            cache
                .get_or_make(&key, || {
                    made += 1;
                    Ok::<_, ()>(vec![1])
                })
                .unwrap();
        }
        assert_eq!(made, 2);
    }
}
