//! Conflicts the team server found: a change that came second and met a change someone else made
//! to the same fields since its base. They come from the server with a pull; a reviewer settles
//! each one by keeping what the server kept ("theirs") or taking the change that came second
//! ("ours"), and the settlement travels back like any change.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value as Json;

use crate::db::queries::synced_rows::{read_fields, synced_table};
use crate::db::sql::bad_column;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, AnnotatorId};

/// One conflict as the review queue shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct SyncConflict {
    /// Its id (the id of the op that met the conflict).
    pub id: String,
    /// What kind of row (`annotation`, `article`, `label`...).
    pub entity: String,
    /// The row.
    pub entity_id: String,
    /// The fields in conflict.
    pub fields: Vec<String>,
    /// Their values at the base both changes started from.
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, unknown>"))]
    pub base: BTreeMap<String, Json>,
    /// The change that came second (not applied).
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, unknown>"))]
    pub ours: BTreeMap<String, Json>,
    /// What the server kept.
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, unknown>"))]
    pub theirs: BTreeMap<String, Json>,
    /// Who made the change that came second.
    pub our_author: Option<AnnotatorId>,
    /// Who made the change the server kept.
    pub their_author: Option<AnnotatorId>,
    /// When the server found it (RFC 3339).
    pub found_at: String,
    /// `kept_theirs` or `took_ours` once settled.
    pub resolution: Option<String>,
    /// What the row is, in words: an annotation's quote, an article's title, a label's name.
    pub about: Option<String>,
}

/// How a reviewer settles a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SyncResolution {
    /// Keep what the server kept.
    KeptTheirs,
    /// Apply the change that came second.
    TookOurs,
}

const COLUMNS: &str = "id, entity, entity_id, fields, base_json, ours_json, theirs_json,
    our_author, their_author, found_at, resolution,
    CASE entity
        WHEN 'annotation' THEN (SELECT exact FROM annotations WHERE id = entity_id)
        WHEN 'article' THEN (SELECT title FROM articles WHERE id = entity_id)
        WHEN 'label' THEN (SELECT name FROM labels WHERE id = entity_id)
    END";

impl Store {
    /// How many conflicts wait to be settled.
    pub fn open_sync_conflict_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM sync_conflicts WHERE resolution IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Conflicts not yet settled, oldest first.
    pub fn list_sync_conflicts(&self) -> Result<Vec<SyncConflict>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM sync_conflicts WHERE resolution IS NULL ORDER BY found_at, id"
        ))?;
        let conflicts = stmt
            .query_map([], conflict_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(conflicts)
    }

    /// Settle a conflict. Taking ours writes its values into the row (a local change like
    /// any other, pushed with the settlement).
    pub fn resolve_sync_conflict(
        &mut self,
        reviewer: &AnnotatorId,
        id: &str,
        resolution: SyncResolution,
    ) -> Result<()> {
        self.write(|tx| {
            let conflict = tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM sync_conflicts WHERE id = ?1"),
                    [id],
                    conflict_from_row,
                )
                .optional()?
                .ok_or_else(|| Error::not_found("conflict", id))?;
            if conflict.resolution.is_some() {
                return Err(Error::invalid("this conflict was already settled"));
            }
            if resolution == SyncResolution::TookOurs {
                let table = synced_table(&conflict.entity)
                    .ok_or_else(|| Error::invalid(format!("unknown entity {}", conflict.entity)))?;
                let mut fields = read_fields(tx, table, &conflict.entity_id)?
                    .ok_or_else(|| Error::not_found("row", conflict.entity_id.clone()))?;
                for (field, value) in &conflict.ours {
                    fields.insert(field.clone(), value.clone());
                }
                crate::db::queries::synced_rows::apply_fields(
                    tx,
                    table,
                    &conflict.entity_id,
                    &fields,
                )?;
            }
            let settled = match resolution {
                SyncResolution::KeptTheirs => "kept_theirs",
                SyncResolution::TookOurs => "took_ours",
            };
            tx.execute(
                "UPDATE sync_conflicts SET resolution = ?2, resolver_id = ?3, resolved_at = ?4
                 WHERE id = ?1",
                params![id, settled, reviewer, timestamp_text(&now())],
            )?;
            Ok(())
        })
    }
}

fn json_map(row: &Row<'_>, column: usize) -> rusqlite::Result<BTreeMap<String, Json>> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| bad_column(column, e))
}

fn conflict_from_row(row: &Row<'_>) -> rusqlite::Result<SyncConflict> {
    let fields: String = row.get(3)?;
    Ok(SyncConflict {
        id: row.get(0)?,
        entity: row.get(1)?,
        entity_id: row.get(2)?,
        fields: serde_json::from_str(&fields).map_err(|e| bad_column(3, e))?,
        base: json_map(row, 4)?,
        ours: json_map(row, 5)?,
        theirs: json_map(row, 6)?,
        our_author: row.get(7)?,
        their_author: row.get(8)?,
        found_at: row.get(9)?,
        resolution: row.get(10)?,
        about: row.get(11)?,
    })
}
