//! The analyst's own settings on this machine (their name, how selections snap), kept in a small
//! JSON file beside the app's other files, not in a database that a team shares.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// What one analyst chose on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

/// Write preferences through a temporary file and a rename, so a crash leaves the old or the new.
pub fn save_preferences(path: &Path, preferences: &Preferences) -> Result<()> {
    let context = || format!("saving preferences to {}", path.display());
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(context(), e))?;
    let json = serde_json::to_vec_pretty(preferences)
        .map_err(|e| Error::invalid(format!("cannot encode preferences: {e}")))?;
    let tmp = path.with_extension("json.tmp");
    let mut file = std::fs::File::create(&tmp).map_err(|e| Error::io(context(), e))?;
    file.write_all(&json)
        .and_then(|_| file.sync_all())
        .map_err(|e| Error::io(context(), e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(context(), e))
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
}
