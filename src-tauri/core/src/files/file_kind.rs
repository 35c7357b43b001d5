//! What is at a path someone named, told from its metadata alone (links followed), so that what
//! is not a regular file is refused before it is opened. Opening a named pipe for reading blocks
//! until something writes to it, a device can stream without end, and a socket cannot be opened
//! at all. Every place that reads a path the analyst or a teammate named asks here first: imports,
//! annotation imports, and the database files that `Store::open`, `Store::open_untrusted`, merges
//! and `check` read (through `file_header`).

use std::fs::{FileType, Metadata};
use std::path::Path;

use crate::error::{Error, Result};

/// What a path that exists leads to.
#[derive(Debug)]
pub(crate) enum PathKind {
    /// A regular file, with its metadata.
    Regular(Metadata),
    /// A folder.
    Folder,
    /// Anything else, described in a few words ("a named pipe").
    Special(&'static str),
}

/// What is at `path` (a link is followed), from its metadata, without opening it. The error is
/// the system's: a missing path gives [`std::io::ErrorKind::NotFound`].
pub(crate) fn path_kind(path: &Path) -> std::io::Result<PathKind> {
    let meta = std::fs::metadata(path)?;
    Ok(if meta.is_dir() {
        PathKind::Folder
    } else if meta.is_file() {
        PathKind::Regular(meta)
    } else {
        PathKind::Special(describe_special(meta.file_type()))
    })
}

/// Check that `path` (a link is followed) is a regular file, without opening it. A folder and a
/// special file are refused with what they are.
pub fn ensure_regular_file(path: &Path) -> Result<Metadata> {
    let kind = path_kind(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    match kind {
        PathKind::Regular(meta) => Ok(meta),
        PathKind::Folder => Err(Error::invalid(format!(
            "{} is a folder, not a file: choose a file (to import the files in a folder, import \
             the folder)",
            path.display()
        ))),
        PathKind::Special(what) => Err(Error::invalid(special_reason(path, what))),
    }
}

/// Why a special file was refused: "… is not a regular file (a named pipe) …".
pub(crate) fn special_file_reason(path: &Path, kind: FileType) -> String {
    special_reason(path, describe_special(kind))
}

fn special_reason(path: &Path, what: &str) -> String {
    format!(
        "{} is not a regular file ({what}): only regular files can be read",
        path.display()
    )
}

/// What a file that is neither a regular file nor a folder is.
fn describe_special(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_passes_and_a_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "text").unwrap();
        assert!(ensure_regular_file(&file).is_ok());
        let err = ensure_regular_file(dir.path()).unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
    }

    #[test]
    fn a_missing_path_is_reported_as_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = path_kind(&dir.path().join("none")).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_being_read() {
        let err = ensure_regular_file(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a regular file (a device)"), "{err}");
    }
}
