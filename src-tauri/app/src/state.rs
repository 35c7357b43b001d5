//! What the app holds between commands: the database path and the open store, or the reason it
//! could not be opened (shown by the UI as a readable screen instead of a blank window).
//!
//! One failure stays one failure: a command that panics while it holds the store gets an error
//! back and the next command finds the store working. The panic is caught where the store is
//! lent out, and the lock is taken back from a panicked holder instead of staying poisoned. That
//! is sound because a panic inside a write unwinds through its rusqlite `Transaction`, whose drop
//! rolls the transaction back: the connection is left between transactions, as after an error.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use claimdesk_core::files::preferences::{
    load_preferences, recent_databases, remember_database, save_preferences, Preferences,
};
use claimdesk_core::Store;
use serde::Serialize;
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::ipc_error::IpcError;

/// The environment variable that names the database file.
pub const DB_ENV: &str = "CLAIMDESK_DB";
/// The database file name inside the app data folder.
const DEFAULT_DB_NAME: &str = "claimdesk.sqlite";

/// The app's shared state.
pub struct AppState {
    db_path: Mutex<PathBuf>,
    preferences_path: PathBuf,
    store: Mutex<Result<Store, IpcError>>,
    /// How many times the window switched to another database: work that takes the store more
    /// than once (an import, one article at a time) sees when it is no longer the same file.
    switches: AtomicU64,
}

/// What the UI needs to know at start.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Startup {
    /// The database file in use.
    pub db_path: String,
    /// Why the database could not be opened, if it could not.
    pub error: Option<IpcError>,
    /// The analyst's settings on this machine.
    pub preferences: Preferences,
}

impl AppState {
    /// Open the database at `db_path`; a failure is kept to be shown, not raised.
    pub fn open(db_path: PathBuf, preferences_path: PathBuf) -> AppState {
        let store = Store::open(&db_path).map_err(IpcError::from);
        match &store {
            Err(err) => log::error!("cannot open {}: {}", db_path.display(), err.message),
            Ok(_) => remember(&preferences_path, &db_path),
        }
        AppState {
            db_path: Mutex::new(db_path),
            preferences_path,
            store: Mutex::new(store),
            switches: AtomicU64::new(0),
        }
    }

    /// The database file and whether it opened.
    pub fn startup(&self) -> Startup {
        let error = self.store().as_ref().err().cloned();
        Startup {
            db_path: self.db_path().display().to_string(),
            error,
            preferences: load_preferences(&self.preferences_path),
        }
    }

    /// The database file in use (or the one that failed to open).
    pub fn db_path(&self) -> PathBuf {
        self.db_path
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The store's lock, taken back from a command that panicked while holding it.
    fn store(&self) -> MutexGuard<'_, Result<Store, IpcError>> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Switch to the database at `path`: it is checked like any file at start (a file that is
    /// not ours, damaged, newer, or with schema objects we did not create is refused and left
    /// untouched), and only once it opened does it replace the one in use, which otherwise stays.
    pub fn switch_to(&self, path: &Path) -> Result<Startup, IpcError> {
        let opened = Store::open(path).map_err(IpcError::from)?;
        let mut store = self.store();
        *store = Ok(opened);
        self.switches.fetch_add(1, Ordering::AcqRel);
        // Under the store's lock, so that two switches at once leave the path and the store on
        // the same file.
        *self.db_path.lock().unwrap_or_else(PoisonError::into_inner) = path.to_owned();
        drop(store);
        remember(&self.preferences_path, path);
        Ok(self.startup())
    }

    /// Which database the window is on, as a count of switches; compare two readings to see
    /// whether the file changed in between.
    pub fn switches(&self) -> u64 {
        self.switches.load(Ordering::Acquire)
    }

    /// The database files opened lately, most recent first.
    pub fn recent_databases(&self) -> Vec<PathBuf> {
        recent_databases(&self.preferences_path)
    }

    /// Save the analyst's settings.
    pub fn save_preferences(&self, preferences: &Preferences) -> Result<(), IpcError> {
        save_preferences(&self.preferences_path, preferences).map_err(IpcError::from)
    }

    /// Run `f` on the open store; every command goes through here. A panic in `f` becomes an
    /// internal error for this command alone (see the module's documentation).
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> claimdesk_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut guard = self.store();
        let store = guard.as_mut().map_err(|err| err.clone())?;
        match catch_unwind(AssertUnwindSafe(|| f(store))) {
            Ok(result) => result.map_err(IpcError::from),
            Err(panic) => Err(panicked(panic.as_ref())),
        }
    }
}

/// The error a command gets back when it panicked; the cause goes to the log.
fn panicked(panic: &(dyn Any + Send)) -> IpcError {
    let cause = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    log::error!("a command panicked: {cause}");
    IpcError::internal(
        "Something went wrong inside Claimdesk and that action was stopped. Your earlier work \
         is saved and you can go on; report this if it keeps happening.",
    )
}

/// Keep `database` at the top of the recent files; a failure only costs the list, so it is logged.
fn remember(preferences_path: &Path, database: &Path) {
    let absolute = std::path::absolute(database).unwrap_or_else(|_| database.to_owned());
    if let Err(err) = remember_database(preferences_path, &absolute) {
        log::warn!(
            "could not remember {} as a recent file: {err}",
            absolute.display()
        );
    }
}

/// The window title for a database file: its name first (what tells two windows apart), then
/// the folder it is in.
pub fn window_title(db_path: &Path) -> String {
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| db_path.display().to_string());
    match db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => format!("{name} ({}) \u{2014} Claimdesk", folder.display()),
        None => format!("{name} \u{2014} Claimdesk"),
    }
}

/// The database path: `--db PATH` (or `--db=PATH`) wins, then `CLAIMDESK_DB`, then the app data
/// folder. Unknown arguments are ignored, since launchers may add their own.
pub fn choose_db_path(args: &[String], env_value: Option<String>, data_dir: &Path) -> PathBuf {
    let mut from_args = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        if arg == "--db" {
            from_args = iter.next().cloned();
        } else if let Some(value) = arg.strip_prefix("--db=") {
            from_args = Some(value.to_owned());
        }
    }
    from_args
        .or(env_value.filter(|v| !v.is_empty()))
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir.join(DEFAULT_DB_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_command_that_panics_fails_alone_and_the_next_one_works() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("db.sqlite"), dir.path().join("prefs.json"));
        let broken = state.with_store(|store| -> claimdesk_core::Result<()> {
            store.ensure_annotator("Ana")?;
            panic!("a bug in a command");
        });
        let err = broken.unwrap_err();
        assert_eq!(err.kind, crate::ipc_error::ErrorKind::Internal);
        assert!(err.message.contains("you can go on"), "{err:?}");
        let analysts = state.with_store(|store| store.list_annotators());
        assert!(analysts.is_ok(), "the next command works: {analysts:?}");
        assert!(state.startup().error.is_none());
        state
            .with_store(|store| store.ensure_annotator("Ana").map(drop))
            .unwrap();
    }

    #[test]
    fn window_title_names_the_file_then_its_folder() {
        assert_eq!(
            window_title(Path::new("/team/alice.sqlite")),
            "alice.sqlite (/team) \u{2014} Claimdesk"
        );
        assert_eq!(
            window_title(Path::new("team.sqlite")),
            "team.sqlite \u{2014} Claimdesk"
        );
    }

    #[test]
    fn db_flag_beats_environment_beats_default() {
        let data = Path::new("/data");
        let env = Some("/env.sqlite".to_owned());
        assert_eq!(
            choose_db_path(&args(&["app", "--db", "/a.sqlite"]), env.clone(), data),
            PathBuf::from("/a.sqlite")
        );
        assert_eq!(
            choose_db_path(&args(&["app", "--db=/b.sqlite"]), env.clone(), data),
            PathBuf::from("/b.sqlite")
        );
        assert_eq!(
            choose_db_path(&args(&["app", "--unknown"]), env, data),
            PathBuf::from("/env.sqlite")
        );
        assert_eq!(
            choose_db_path(&args(&["app"]), None, data),
            PathBuf::from("/data/claimdesk.sqlite")
        );
    }
}
