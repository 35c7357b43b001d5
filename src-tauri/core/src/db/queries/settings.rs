//! Team-wide settings that travel with the database file (table `settings`, one value a key):
//! the verdict scale and the shared-file mark (`file_sharing`); and the speakers already named,
//! offered as suggestions.

use rusqlite::{params, OptionalExtension, Transaction};

use crate::db::Store;
use crate::error::{Error, Result};

/// Longest verdict scale accepted.
const MAX_VERDICTS: usize = 20;

/// The settings key of the verdict scale (a JSON array of strings).
const VERDICT_SCALE_KEY: &str = "verdict_scale";

impl Store {
    /// The team's verdict scale, in order.
    pub fn get_verdict_scale(&self) -> Result<Vec<String>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [VERDICT_SCALE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    /// Replace the verdict scale. Existing verdicts are kept even if no longer on the scale.
    pub fn set_verdict_scale(&mut self, scale: Vec<String>) -> Result<Vec<String>> {
        let mut clean: Vec<String> = Vec::new();
        for verdict in scale.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            if !clean.iter().any(|c| c.eq_ignore_ascii_case(verdict)) {
                clean.push(verdict.to_owned());
            }
        }
        if clean.is_empty() || clean.len() > MAX_VERDICTS {
            return Err(Error::invalid(format!(
                "a verdict scale needs between 1 and {MAX_VERDICTS} distinct verdicts"
            )));
        }
        let json = serde_json::to_string(&clean)
            .map_err(|e| Error::invalid(format!("cannot encode the scale: {e}")))?;
        self.write(|tx| set_raw(tx, VERDICT_SCALE_KEY, &json))?;
        Ok(clean)
    }

    /// Speakers named on live annotations, most used first.
    pub fn list_speakers(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT speaker FROM annotations
             WHERE speaker IS NOT NULL AND deleted_at IS NULL
             GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT 500",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Set one setting, replacing its value.
pub(crate) fn set_raw(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}
