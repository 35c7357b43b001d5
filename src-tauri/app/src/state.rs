//! What the app holds between commands: the database path and the open store, or the reason it
//! could not be opened (shown by the UI as a readable screen instead of a blank window).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use claimdesk_core::preferences::{load_preferences, save_preferences, Preferences};
use claimdesk_core::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::ipc_error::IpcError;

/// The environment variable that names the database file.
pub const DB_ENV: &str = "CLAIMDESK_DB";
/// The database file name inside the app data folder.
const DEFAULT_DB_NAME: &str = "claimdesk.sqlite";

/// The app's shared state.
pub struct AppState {
    db_path: PathBuf,
    preferences_path: PathBuf,
    store: Mutex<Result<Store, IpcError>>,
}

/// What the UI needs to know at start.
#[derive(Debug, Clone, Serialize, TS)]
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
        if let Err(err) = &store {
            log::error!("cannot open {}: {}", db_path.display(), err.message);
        }
        AppState {
            db_path,
            preferences_path,
            store: Mutex::new(store),
        }
    }

    /// The database file and whether it opened.
    pub fn startup(&self) -> Startup {
        let error = match self.store.lock() {
            Ok(guard) => guard.as_ref().err().cloned(),
            Err(_) => Some(IpcError::internal("the database connection was lost")),
        };
        Startup {
            db_path: self.db_path.display().to_string(),
            error,
            preferences: load_preferences(&self.preferences_path),
        }
    }

    /// Save the analyst's settings.
    pub fn save_preferences(&self, preferences: &Preferences) -> Result<(), IpcError> {
        save_preferences(&self.preferences_path, preferences).map_err(IpcError::from)
    }

    /// Run `f` on the open store; every command goes through here.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> claimdesk_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut guard = self.store.lock().map_err(|_| {
            IpcError::internal("the database connection was lost; restart Claimdesk")
        })?;
        let store = guard.as_mut().map_err(|err| err.clone())?;
        f(store).map_err(IpcError::from)
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
