//! The analyst's own settings on this machine (their name, how selections snap, the database
//! files opened lately), kept in a small JSON file beside the app's other files, not in a
//! database that a team shares. The recent files are kept under their own key, which saving
//! the preferences leaves alone (and any key a newer version added).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::error::{Error, Result};

/// What one analyst chose on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(default)]
pub struct Preferences {
    /// The analyst's name, asked on first run; recorded on every annotation.
    pub analyst_name: Option<String>,
    /// Widen selections to whole words before tagging.
    pub snap_to_words: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            analyst_name: None,
            snap_to_words: true,
        }
    }
}

/// Read preferences; a missing file gives the defaults. A damaged file also gives the defaults
/// (it is only preferences) but is left in place for the next save to replace.
pub fn load_preferences(path: &Path) -> Preferences {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// How many recent database files are remembered.
const RECENT_MAX: usize = 10;
const RECENT_KEY: &str = "recent_databases";

/// Write preferences through a temporary file and a rename, so a crash leaves the old or the new.
/// Keys the struct does not hold (the recent files) are kept as they were.
pub fn save_preferences(path: &Path, preferences: &Preferences) -> Result<()> {
    let value = serde_json::to_value(preferences)
        .map_err(|e| Error::invalid(format!("cannot encode preferences: {e}")))?;
    let mut object = stored_object(path);
    if let serde_json::Value::Object(fields) = value {
        object.extend(fields);
    }
    write_object(path, &object)
}

/// The database files opened lately, most recent first.
pub fn recent_databases(path: &Path) -> Vec<PathBuf> {
    stored_object(path)
        .get(RECENT_KEY)
        .and_then(|v| serde_json::from_value::<Vec<PathBuf>>(v.clone()).ok())
        .unwrap_or_default()
}

/// Put `database` first in the recent files (once), keep the ten latest, and return them.
pub fn remember_database(path: &Path, database: &Path) -> Result<Vec<PathBuf>> {
    let mut recent = recent_databases(path);
    recent.retain(|p| p != database);
    recent.insert(0, database.to_owned());
    recent.truncate(RECENT_MAX);
    let mut object = stored_object(path);
    let list = serde_json::to_value(&recent)
        .map_err(|e| Error::invalid(format!("cannot encode the recent files: {e}")))?;
    object.insert(RECENT_KEY.to_owned(), list);
    write_object(path, &object)?;
    Ok(recent)
}

/// The file's JSON object, or an empty one when it is missing or damaged.
fn stored_object(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_object(path: &Path, object: &serde_json::Map<String, serde_json::Value>) -> Result<()> {
    let context = || format!("saving preferences to {}", path.display());
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(context(), e))?;
    let json = serde_json::to_vec_pretty(object)
        .map_err(|e| Error::invalid(format!("cannot encode preferences: {e}")))?;
    let mut file = crate::files::safe_write::SafeFile::create(path)?;
    file.write_all(&json).map_err(|e| Error::io(context(), e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip_and_a_damaged_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/preferences.json");
        assert_eq!(load_preferences(&path), Preferences::default());
        let mine = Preferences {
            analyst_name: Some("Ana Lytic".into()),
            snap_to_words: false,
        };
        save_preferences(&path, &mine).unwrap();
        assert_eq!(load_preferences(&path), mine);
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(load_preferences(&path), Preferences::default());
    }

    #[test]
    fn recent_databases_are_most_recent_first_once_each_and_survive_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preferences.json");
        assert!(recent_databases(&path).is_empty());
        for name in ["a", "b", "a"] {
            remember_database(&path, Path::new(&format!("/data/{name}.sqlite"))).unwrap();
        }
        let expected = vec![
            PathBuf::from("/data/a.sqlite"),
            PathBuf::from("/data/b.sqlite"),
        ];
        assert_eq!(recent_databases(&path), expected);
        let mine = Preferences {
            analyst_name: Some("Ana".into()),
            snap_to_words: true,
        };
        save_preferences(&path, &mine).unwrap();
        assert_eq!(load_preferences(&path), mine);
        assert_eq!(recent_databases(&path), expected);
        for i in 0..15 {
            remember_database(&path, Path::new(&format!("/data/{i}.sqlite"))).unwrap();
        }
        let recent = recent_databases(&path);
        assert_eq!(recent.len(), 10);
        assert_eq!(recent[0], PathBuf::from("/data/14.sqlite"));
    }
}
