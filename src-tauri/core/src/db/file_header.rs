//! Looks at a database file's first bytes before SQLite does, so that a file that is not SQLite
//! or was cut short is refused with a clear reason and is never touched by a write, and a path
//! that is not a regular file (a folder, a named pipe, a socket, a device) is refused without
//! being opened (see `file_kind`).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::files::file_kind::{path_kind, PathKind};

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// What the file on disk looks like before we open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one: a new database will be created.
    New,
    /// An SQLite file whose header is consistent with its length.
    Sqlite,
}

/// Inspect `path` without modifying it. A folder, a named pipe, a socket or a device (at the
/// path, or as its journal) is refused from its metadata before anything opens it.
pub fn inspect(path: &Path) -> Result<FileState> {
    let meta = match path_kind(path) {
        Ok(PathKind::Regular(meta)) => meta,
        Ok(PathKind::Folder) => return Err(cannot_open(path, "it is a folder, not a file".into())),
        Ok(PathKind::Special(what)) => return Err(not_regular(path, what)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(err) => return Err(cannot_open(path, err.to_string())),
    };
    refuse_special_companions(path)?;
    let file_len = meta.len();
    if file_len == 0 {
        return Ok(FileState::New);
    }
    let mut file = File::open(path).map_err(|err| cannot_open(path, err.to_string()))?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    file.by_ref()
        .take(HEADER_LEN as u64)
        .read_to_end(&mut header)
        .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    if header.len() < MAGIC.len() || &header[..MAGIC.len()] != MAGIC {
        return Err(Error::NotADatabase {
            path: path.to_owned(),
        });
    }
    if header.len() < HEADER_LEN {
        return Err(Error::corrupt(
            path,
            format!("only {file_len} bytes, shorter than an SQLite header"),
        ));
    }
    if !journal_beside(path) {
        check_length(path, &header, file_len)?;
    }
    Ok(FileState::Sqlite)
}

/// SQLite opens the journal, WAL and shared-memory files beside the database itself; one that
/// is a named pipe would block it as the database file would.
fn refuse_special_companions(path: &Path) -> Result<()> {
    for suffix in COMPANIONS {
        let companion = beside(path, suffix);
        match path_kind(&companion) {
            Ok(PathKind::Folder) => return Err(not_regular(&companion, "a folder")),
            Ok(PathKind::Special(what)) => return Err(not_regular(&companion, what)),
            _ => {}
        }
    }
    Ok(())
}

/// The files SQLite keeps beside a database.
const COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A WAL or rollback journal with content beside the file. A process that stopped while
/// checkpointing a WAL, or while writing a commit's pages, leaves a header that already counts
/// pages the file has yet to receive; SQLite finishes the job from the journal when the file is
/// next opened (and `quick_check` then runs on the result), so that file is not short.
fn journal_beside(path: &Path) -> bool {
    ["-wal", "-journal"]
        .iter()
        .any(|suffix| std::fs::metadata(beside(path, suffix)).is_ok_and(|m| m.len() > 0))
}

/// The header records the database size in pages; a shorter file lost its tail.
fn check_length(path: &Path, header: &[u8], file_len: u64) -> Result<()> {
    let page_size = match be_u16(header, 16) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => return Err(Error::corrupt(path, format!("impossible page size {n}"))),
    };
    let change_counter = be_u32(header, 24);
    let page_count = u64::from(be_u32(header, 28));
    let valid_for = be_u32(header, 92);
    // SQLite only trusts the in-header size when it was written by the same change; so do we.
    if page_count > 0 && valid_for == change_counter && file_len < page_count * page_size {
        return Err(Error::corrupt(
            path,
            format!(
                "the file is truncated: {file_len} bytes where its header promises {}",
                page_count * page_size
            ),
        ));
    }
    Ok(())
}

fn cannot_open(path: &Path, reason: String) -> Error {
    Error::CannotOpen {
        path: path.to_owned(),
        reason,
    }
}

/// A path that leads to something other than a regular file, never opened.
fn not_regular(path: &Path, what: &str) -> Error {
    cannot_open(
        path,
        format!("it is not a regular file ({what}), so it cannot hold a database"),
    )
}

fn be_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([bytes[at], bytes[at + 1]])
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_empty_files_are_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.sqlite");
        assert_eq!(inspect(&path).unwrap(), FileState::New);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(inspect(&path).unwrap(), FileState::New);
    }

    #[test]
    fn text_file_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.sqlite");
        std::fs::write(&path, "just some notes\n").unwrap();
        assert!(matches!(inspect(&path), Err(Error::NotADatabase { .. })));
    }

    #[test]
    fn a_header_ahead_of_the_file_is_damage_unless_a_journal_is_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.sqlite");
        let mut page = vec![0u8; 4096];
        page[..16].copy_from_slice(MAGIC);
        page[16..18].copy_from_slice(&4096u16.to_be_bytes());
        page[24..28].copy_from_slice(&7u32.to_be_bytes());
        page[28..32].copy_from_slice(&3u32.to_be_bytes());
        page[92..96].copy_from_slice(&7u32.to_be_bytes());
        std::fs::write(&path, &page).unwrap();
        assert!(matches!(inspect(&path), Err(Error::Corrupt { .. })));
        for journal in ["a.sqlite-wal", "a.sqlite-journal"] {
            let journal = dir.path().join(journal);
            std::fs::write(&journal, b"pages").unwrap();
            assert_eq!(inspect(&path).unwrap(), FileState::Sqlite);
            std::fs::remove_file(&journal).unwrap();
        }
    }

    #[test]
    fn folder_cannot_be_opened() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(inspect(dir.path()), Err(Error::CannotOpen { .. })));
    }
}
