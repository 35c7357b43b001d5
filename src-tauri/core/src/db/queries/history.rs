//! The append-only history of changes: who changed what, when, with the record before and after
//! as JSON. The schema refuses updates and deletes of this table; undo and redo are new events.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Transaction};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::sql;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{timestamp_text, AnnotationId, AnnotatorId, EventId};
use crate::model::Annotation;

/// What kind of record an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// An article.
    Article,
    /// An annotation.
    Annotation,
    /// A label.
    Label,
}

impl Entity {
    fn as_str(self) -> &'static str {
        match self {
            Entity::Article => "article",
            Entity::Annotation => "annotation",
            Entity::Label => "label",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "article" => Entity::Article,
            "annotation" => Entity::Annotation,
            "label" => Entity::Label,
            _ => return None,
        })
    }
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The record was made.
    Create,
    /// The record changed.
    Update,
    /// The record was tombstoned.
    Delete,
    /// An earlier event was reverted.
    Undo,
    /// An undone event was applied again.
    Redo,
}

impl Action {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::Redo => "redo",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "create" => Action::Create,
            "update" => Action::Update,
            "delete" => Action::Delete,
            "undo" => Action::Undo,
            "redo" => Action::Redo,
            _ => return None,
        })
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct HistoryEvent {
    /// Identity.
    pub id: EventId,
    /// Kind of record.
    pub entity: Entity,
    /// The record's id.
    pub entity_id: String,
    /// What happened.
    pub action: Action,
    /// For undo and redo: the event reverted or re-applied.
    pub reverts: Option<EventId>,
    /// Who did it (imports have no analyst).
    pub actor_id: Option<AnnotatorId>,
    /// When.
    pub at: DateTime<Utc>,
    /// The record before, as JSON.
    #[cfg_attr(feature = "bindings", ts(type = "unknown"))]
    pub before: Option<serde_json::Value>,
    /// The record after, as JSON.
    #[cfg_attr(feature = "bindings", ts(type = "unknown"))]
    pub after: Option<serde_json::Value>,
}

/// An event to record inside a write transaction.
pub(crate) struct NewEvent<'a, T: Serialize> {
    pub entity: Entity,
    pub entity_id: &'a str,
    pub article_id: Option<&'a str>,
    pub action: Action,
    pub reverts: Option<&'a EventId>,
    pub actor: Option<&'a AnnotatorId>,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

/// Append one event; returns its id.
pub(crate) fn record_raw<T: Serialize>(
    tx: &Transaction<'_>,
    event: NewEvent<'_, T>,
) -> Result<EventId> {
    let id = EventId::new();
    let before = event
        .before
        .map(serde_json::to_string)
        .transpose()
        .map_err(snapshot_error)?;
    let after = event
        .after
        .map(serde_json::to_string)
        .transpose()
        .map_err(snapshot_error)?;
    tx.execute(
        "INSERT INTO history (id, entity, entity_id, article_id, action, reverts, actor_id, at,
                              before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            event.entity.as_str(),
            event.entity_id,
            event.article_id,
            event.action.as_str(),
            event.reverts,
            event.actor,
            timestamp_text(&crate::model::ids::now()),
            before,
            after,
        ],
    )?;
    Ok(id)
}

/// Every column of `history` but its local `seq`, in the order [`insert_as_received`] takes
/// them.
pub(crate) const RECEIVED_COLUMNS: &str = "id, entity, entity_id, article_id, action, reverts,
    actor_id, at, before_json, after_json";

/// Append another file's event as received (its values in [`RECEIVED_COLUMNS`] order, its ids
/// already mapped to ours), id, actor and time included; left out when we have it, when the
/// event it reverts is not here, or when its analyst is not. Returns whether it was added.
pub(crate) fn insert_as_received(tx: &Transaction<'_>, row: &[Value]) -> Result<bool> {
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO history ({RECEIVED_COLUMNS})
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
         WHERE NOT EXISTS (SELECT 1 FROM history WHERE id = ?1)
           AND (?6 IS NULL OR EXISTS (SELECT 1 FROM history WHERE id = ?6))
           AND (?7 IS NULL OR EXISTS (SELECT 1 FROM annotators WHERE id = ?7))"
    ))?;
    Ok(insert.execute(params_from_iter(row))? > 0)
}

fn snapshot_error(err: serde_json::Error) -> crate::error::Error {
    crate::error::Error::invalid(format!("cannot record the change: {err}"))
}

const EVENT_COLUMNS: &str =
    "id, entity, entity_id, action, reverts, actor_id, at, before_json, after_json";

fn event_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryEvent> {
    let json = |column: &str| -> rusqlite::Result<Option<serde_json::Value>> {
        let text: Option<String> = row.get(column)?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| sql::bad_column(column, e)))
            .transpose()
    };
    Ok(HistoryEvent {
        id: row.get("id")?,
        entity: sql::parsed(row, "entity", Entity::parse)?,
        entity_id: row.get("entity_id")?,
        action: sql::parsed(row, "action", Action::parse)?,
        reverts: row.get("reverts")?,
        actor_id: row.get("actor_id")?,
        at: sql::timestamp(row, "at")?,
        before: json("before_json")?,
        after: json("after_json")?,
    })
}

impl Store {
    /// Every event about one record, oldest first.
    pub fn list_history(&self, entity_id: &str) -> Result<Vec<HistoryEvent>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM history WHERE entity_id = ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([entity_id], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every version of an annotation its file's history recorded (before and after each event),
/// oldest first; a merge reads it in both files to tell which version is newer.
pub(crate) fn recorded_versions_raw(
    conn: &Connection,
    id: &AnnotationId,
) -> Result<Vec<Annotation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT before_json, after_json FROM history
         WHERE entity = 'annotation' AND entity_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([id], |r| Ok([r.get::<_, Option<String>>(0)?, r.get(1)?]))?;
    let mut versions = Vec::new();
    for pair in rows {
        for json in pair?.into_iter().flatten() {
            if let Ok(version) = serde_json::from_str::<Annotation>(&json) {
                versions.push(version);
            }
        }
    }
    Ok(versions)
}
