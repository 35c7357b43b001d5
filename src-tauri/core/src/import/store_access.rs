//! How an import reaches the store. Reading, decoding and extracting a source never touch the
//! store; only storing a finished draft does, through [`StoreAccess::with_store`], which holds the
//! store for that one short transaction. An app that shares its store behind a lock between
//! commands passes the lock holder, so a slow or hostile page being read never keeps another
//! command waiting; the CLI and tests pass the plain [`Store`] they own.

use std::sync::Mutex;

use crate::db::Store;
use crate::error::Result;

/// Something that can lend the store for one short piece of work.
pub trait StoreAccess {
    /// Run `f` on the store, holding it (its lock, if any) only while `f` runs.
    fn with_store<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T>;
}

/// A store owned by the caller: nothing to lock.
impl StoreAccess for Store {
    fn with_store<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(self)
    }
}

/// A store shared between threads. A lock poisoned by a panic elsewhere is taken over: every
/// write runs in a transaction that rolls back when dropped, so a panic cannot leave half a write.
impl StoreAccess for &Mutex<Store> {
    fn with_store<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }
}
