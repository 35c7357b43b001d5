//! Refusing what is not a regular file before it is opened. Opening a named pipe for reading
//! blocks until something writes to it, a device can stream without end, and a socket cannot be
//! opened at all: each is refused at once from its metadata, links followed, and never opened.

use std::fs::{FileType, Metadata};
use std::path::Path;

use crate::error::{Error, Result};

/// Check that `path` (a link is followed) is a regular file, without opening it. A folder and a
/// special file are refused with what they are.
pub fn ensure_regular_file(path: &Path) -> Result<Metadata> {
    let meta =
        std::fs::metadata(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "{} is a folder: import the folder to read the files in it",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(Error::invalid(special_file_reason(path, meta.file_type())));
    }
    Ok(meta)
}

/// Why a special file was refused: "… is not a regular file (a named pipe) …".
pub(crate) fn special_file_reason(path: &Path, kind: FileType) -> String {
    format!(
        "{} is not a regular file ({}): only files can be imported",
        path.display(),
        describe_special(kind)
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

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_being_read() {
        let err = ensure_regular_file(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a regular file (a device)"), "{err}");
    }
}
