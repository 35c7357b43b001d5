//! Files a team shares. A local file uses WAL (readers never wait for the writer); a file on a
//! network share cannot, because WAL's index lives in shared memory that processes on different
//! machines do not share, so it uses a rollback journal (`journal_mode=DELETE`). A team may also
//! mark a file as shared: the mark is stored in the file itself (`settings.shared_file`), so every
//! window and process that opens it, on any machine, chooses the rollback journal too.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::network_fs::is_on_network_fs;
use crate::db::queries::settings;
use crate::db::Store;
use crate::error::{Error, Result};

/// The settings key of the shared mark.
const SHARED_KEY: &str = "shared_file";

/// How the open file is shared, for the window's title bar and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct FileSharing {
    /// The team marked the file as shared (the mark travels with the file).
    pub marked_shared: bool,
    /// The file is on a network file system (NFS, SMB/CIFS, AFS, Ceph...).
    pub on_network_fs: bool,
    /// The journal this connection uses: `wal`, `delete` (a rollback journal) or `memory`.
    pub journal_mode: String,
}

/// `wal` for a local file nobody marked as shared, `delete` otherwise.
pub(crate) fn journal_for(conn: &Connection, path: &Path) -> Result<&'static str> {
    Ok(if is_marked_shared(conn)? || is_on_network_fs(path) {
        "delete"
    } else {
        "wal"
    })
}

/// The mark, read before migrations run: a new or blank file has no settings table yet.
fn is_marked_shared(conn: &Connection) -> Result<bool> {
    let has_settings: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'settings')",
        [],
        |r| r.get(0),
    )?;
    if !has_settings {
        return Ok(false);
    }
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [SHARED_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.as_deref() == Some("true"))
}

impl Store {
    /// How the open file is shared and which journal it uses.
    pub fn file_sharing(&self) -> Result<FileSharing> {
        let journal_mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        Ok(FileSharing {
            marked_shared: is_marked_shared(&self.conn)?,
            on_network_fs: self.path().is_some_and(is_on_network_fs),
            journal_mode: journal_mode.to_ascii_lowercase(),
        })
    }

    /// Mark the file as shared (or not) and switch this connection's journal to match. The
    /// switch needs the file to itself: while another window or process has it open in WAL
    /// mode, the mark is stored and the journal changes when the file is next opened alone.
    pub fn set_file_shared(&mut self, shared: bool) -> Result<FileSharing> {
        let mark = if shared { "true" } else { "false" };
        self.write_retrying(|tx| settings::set_raw(tx, SHARED_KEY, mark))?;
        if let Some(path) = self.path().map(Path::to_owned) {
            let wanted = journal_for(&self.conn, &path)?;
            match self
                .conn
                .pragma_update_and_check(None, "journal_mode", wanted, |r| r.get::<_, String>(0))
                .map_err(Error::from)
            {
                Ok(_) | Err(Error::Locked) => {}
                Err(err) => return Err(err),
            }
        }
        self.file_sharing()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_file_uses_wal_until_marked_shared_and_keeps_the_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.sqlite");
        let mut store = Store::open(&path).unwrap();
        let sharing = store.file_sharing().unwrap();
        assert!(!sharing.marked_shared && !sharing.on_network_fs);
        assert_eq!(sharing.journal_mode, "wal");
        let sharing = store.set_file_shared(true).unwrap();
        assert!(sharing.marked_shared);
        assert_eq!(sharing.journal_mode, "delete");
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.file_sharing().unwrap().journal_mode, "delete");
        drop(store);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.set_file_shared(false).unwrap().journal_mode, "wal");
    }
}
