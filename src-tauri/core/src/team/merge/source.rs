//! Opening a teammate's file for a merge. It is untrusted, so it is opened only through
//! [`Store::open_untrusted`], which owns every check: a path that is not a regular file (a named
//! pipe, a device) is refused unopened, the header is read before SQLite sees the file
//! (`file_header`), and the connection is read-only with SQLite's limits and guards set
//! (`store::limits`) before the checks of `store::file_check` run under their deadline. The file
//! is never modified. A file from an older version is copied with `VACUUM INTO` to a private
//! temporary file and migrated there, so that the merge reads one schema only.

use std::path::{Path, PathBuf};

use crate::db::migrations::{self, SCHEMA_VERSION};
use crate::db::Store;
use crate::error::{Error, Result};

/// A source file opened for reading.
pub(crate) struct Source {
    /// The file's contents, at our schema version.
    pub store: Store,
    /// The file's name, recorded as where merged annotations came from.
    pub name: String,
    /// The migrated copy of an older file, removed when the merge is done.
    _copy: Option<tempfile::TempDir>,
}

/// Open `path` for a merge into `target`.
pub(crate) fn open_source(path: &Path, target: Option<&Path>) -> Result<Source> {
    if let Some(target) = target {
        if same_file(path, target) {
            return Err(Error::invalid(format!(
                "{} is the file being merged into: choose your teammates' files",
                path.display()
            )));
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let store = Store::open_untrusted(path)?;
    if migrations::user_version(&store.conn)? == SCHEMA_VERSION {
        return Ok(Source {
            store,
            name,
            _copy: None,
        });
    }
    let dir = tempfile::tempdir().map_err(|e| Error::io("creating a temporary folder", e))?;
    let copy = dir.path().join("source.sqlite");
    let copy_text = copy
        .to_str()
        .ok_or_else(|| Error::invalid("the temporary folder's path is not valid Unicode"))?;
    store.conn.execute("VACUUM INTO ?1", [copy_text])?;
    drop(store);
    Ok(Source {
        store: Store::open(&copy)?,
        name,
        _copy: Some(dir),
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| -> Option<PathBuf> { p.canonicalize().ok() };
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}
