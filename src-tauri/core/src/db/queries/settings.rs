//! Team-wide settings that travel with the database file: the verdict scale, and the speakers
//! already named, offered as suggestions.

use rusqlite::{params, OptionalExtension};

use crate::db::Store;
use crate::error::{Error, Result};

/// Longest verdict scale accepted.
const MAX_VERDICTS: usize = 20;

impl Store {
    /// The team's verdict scale, in order.
    pub fn get_verdict_scale(&self) -> Result<Vec<String>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'verdict_scale'",
                [],
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
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('verdict_scale', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = ?1",
                params![json],
            )?;
            Ok(())
        })?;
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
