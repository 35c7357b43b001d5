//! The app's store lent to an import one article at a time. The import reads and extracts each
//! source with no hold on the store and takes its lock only to store a finished article, so a
//! slow or hostile page being read never keeps another command waiting. The window may switch
//! to another database meanwhile: the articles left are then refused, never stored in a file
//! the analyst did not import into.

use claimdesk_core::import::StoreAccess;
use claimdesk_core::{Error, Result, Store};

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// The store of the database that was open when the import started.
pub struct ImportStore<'a> {
    state: &'a AppState,
    switches: u64,
}

impl<'a> ImportStore<'a> {
    /// Pin the database open now; fails as every command does when no database is open. The
    /// switch count is read under the store's lock, like every later comparison with it.
    pub fn pin(state: &'a AppState) -> Result<Self, IpcError> {
        let switches = state.with_store(|_| Ok(state.switches()))?;
        Ok(ImportStore { state, switches })
    }
}

impl StoreAccess for ImportStore<'_> {
    fn with_store<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let pinned = self.switches;
        let state = self.state;
        // The core's own error passes through whole; only a store that cannot be reached (the
        // file not open) becomes a message. The switch count is read under the store's lock,
        // which a switch holds while it swaps the file.
        let stored = state.with_store(|store| {
            if state.switches() != pinned {
                return Ok(Err(Error::invalid(
                    "another database was opened during the import, so this file was not \
                     imported; open the first database again and import it there",
                )));
            }
            Ok(f(store))
        });
        match stored {
            Ok(stored) => stored,
            Err(unreachable) => Err(Error::invalid(unreachable.message)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_stores_nothing_in_a_database_opened_after_it_started() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first.sqlite");
        let state = AppState::open(first, dir.path().join("prefs.json"));
        let mut pinned = ImportStore::pin(&state).unwrap();
        assert!(pinned.with_store(|_| Ok(())).is_ok());
        state.switch_to(&dir.path().join("second.sqlite")).unwrap();
        let refused = pinned.with_store(|_| Ok(())).unwrap_err();
        assert!(
            refused.to_string().contains("another database was opened"),
            "{refused}"
        );
        let mut again = ImportStore::pin(&state).unwrap();
        assert!(again.with_store(|_| Ok(())).is_ok());
    }
}
