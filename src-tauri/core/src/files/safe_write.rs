//! The one way the core writes a file (exports, the agreement CSV, preferences), so that a
//! crash never leaves half of one: the bytes go to a temporary file in the target's own folder
//! (a rename is atomic only within one file system), which is flushed and `fsync`ed, then
//! renamed over the target, and the folder is `fsync`ed so that the rename itself survives a
//! power cut. Until the rename the old file is untouched; after it the new one is complete. A
//! process killed mid-write leaves its temporary file (`.NAME.*.tmp`) beside the target and the
//! target as it was.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// A file being written in place of `target`.
pub(crate) struct SafeFile {
    target: PathBuf,
    temp: BufWriter<NamedTempFile>,
}

impl SafeFile {
    /// Start writing a replacement for `target` (which may not exist yet).
    pub fn create(target: &Path) -> Result<SafeFile> {
        let folder = folder_of(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::invalid(format!("{} is not a file name", target.display())))?;
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // The temporary file becomes the export: give it the permissions a new file gets
        // (0666 less the umask) rather than tempfile's private 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder
            .tempfile_in(&folder)
            .map_err(|e| Error::io(format!("cannot create a file in {}", folder.display()), e))?;
        Ok(SafeFile {
            target: target.to_owned(),
            temp: BufWriter::with_capacity(256 * 1024, temp),
        })
    }

    /// Flush, sync, and put the file in place of the target.
    pub fn commit(self) -> Result<()> {
        let context = || format!("cannot write {}", self.target.display());
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| Error::io(context(), e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(context(), e))?;
        temp.persist(&self.target)
            .map_err(|e| Error::io(context(), e.error))?;
        sync_folder(&folder_of(&self.target)).map_err(|e| Error::io(context(), e))
    }
}

impl Write for SafeFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Make a rename in `folder` durable. Folders cannot be opened for syncing on Windows, where
/// the rename is made durable by the file system itself.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        File::open(folder)?.sync_all()
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_changes_only_at_commit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        let mut file = SafeFile::create(&target).unwrap();
        file.write_all(b"new contents").unwrap();
        file.flush().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new contents");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_dropped_file_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        let mut file = SafeFile::create(&target).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_reported_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no-such-folder").join("out.csv");
        let err = SafeFile::create(&target).err().unwrap().to_string();
        assert!(err.contains("no-such-folder"), "{err}");
    }
}
