//! The app's store lent to an import one article at a time. The import reads and extracts each
//! source with no hold on the store and takes its lock only to store a finished article, so a
//! slow or hostile page being read never keeps another command waiting.

use claimdesk_core::import::StoreAccess;
use claimdesk_core::{Error, Result, Store};

use crate::state::AppState;

impl StoreAccess for &AppState {
    fn with_store<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        // The core's own error passes through whole; only a store that cannot be reached (its
        // lock lost, or the file not open) becomes a message.
        match AppState::with_store(self, |store| Ok(f(store))) {
            Ok(stored) => stored,
            Err(unreachable) => Err(Error::invalid(unreachable.message)),
        }
    }
}
