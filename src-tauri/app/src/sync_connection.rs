//! The sync's own connection to the open database file, kept from one round to the next: the
//! checks `Store::open` runs on a file (its schema, its values, `quick_check`) then happen once,
//! not every few seconds. It is opened again when the window has switched to another file, and
//! after a round that panicked. Rounds run one at a time (one job slot), so the lock is never
//! waited for.

use std::path::Path;
use std::sync::Mutex;

use claimdesk_core::Store;

use crate::ipc_error::IpcError;

/// The connection, once a round has opened it.
#[derive(Default)]
pub struct SyncConnection(Mutex<Option<Store>>);

impl SyncConnection {
    /// Run `work` on a connection to the file at `path`.
    pub fn with<T>(
        &self,
        path: &Path,
        work: impl FnOnce(&mut Store) -> claimdesk_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut slot = self.0.lock().unwrap_or_else(|poisoned| {
            let mut slot = poisoned.into_inner();
            *slot = None;
            slot
        });
        let current = slot.as_mut().filter(|store| store.path() == Some(path));
        let store = match current {
            Some(store) => store,
            None => slot.insert(Store::open(path)?),
        };
        Ok(work(store)?)
    }
}
