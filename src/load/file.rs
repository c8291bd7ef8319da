//! Reading input files safely: only regular files, and only up to a size
//! limit, so that a named pipe, a device or a runaway file where a source is
//! expected gives an error instead of a hang or an exhausted memory.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The most a content, form or template file may hold.
pub(crate) const SOURCE_LIMIT: u64 = 8 << 20;

/// The most a font, image or other binary input may hold.
pub const BINARY_LIMIT: u64 = 64 << 20;

/// Reads a regular file of at most `limit` bytes (links to one are followed).
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file but {}", kind(&meta.file_type())),
        ));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MiB", limit >> 20),
        ));
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `limit` bytes; a byte order
/// mark at its start, as some Windows editors write, is dropped.
pub(crate) fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    let bytes = read_limited(path, limit)?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (byte {} is not)",
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The symbolic links below `dir`: tebiki follows none of them, in content/
/// and forms/, so that what it reads is what the folder holds.
pub fn links(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink())
        .map(walkdir::DirEntry::into_path)
        .collect();
    found.sort();
    found
}

fn kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "\u{feff}id = \"x\"\n").unwrap();
        assert_eq!(read_text(&file, 100).unwrap(), "id = \"x\"\n");
        let error = read_limited(&file, 4).unwrap_err();
        assert!(error.to_string().contains("larger than"), "{error}");
        let error = read_text(dir.path(), 100).unwrap_err();
        assert!(error.to_string().contains("a folder"), "{error}");
        std::fs::write(&file, b"id = \xff").unwrap();
        let error = read_text(&file, 100).unwrap_err();
        assert!(error.to_string().contains("byte 6"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let error = read_limited(Path::new("/dev/zero"), SOURCE_LIMIT).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
    }
}
