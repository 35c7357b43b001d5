//! The file's side of team sync: its link to a project (`sync_link`), the outbox the triggers of
//! migration 8 fill with every local change (`sync_outbox`), the server version of each row as
//! last pulled (`sync_rows`), and rows parked until their parents arrive (`sync_parked`).
//!
//! An op leaves the outbox only once the server has acknowledged it; it is marked `sending`
//! first, so that a tag change made meanwhile does not fold into an op already on its way.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::db::queries::synced_rows::SYNCED_TABLES;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{now, timestamp_text};

/// This file's link to a project on a team server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct SyncLink {
    /// The server's address, without a password.
    pub server: String,
    /// The project's id on the server.
    pub project_id: String,
    /// The project's name.
    pub project_name: String,
    /// The analyst id this file writes as on the server.
    pub analyst_id: String,
    /// This file's device id (its own ops never conflict with each other).
    pub device_id: String,
    /// The last server version pulled.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub cursor: i64,
    /// When the file was joined (RFC 3339).
    pub joined_at: String,
    /// When the last full sync ended (RFC 3339).
    pub synced_at: Option<String>,
}

/// One local change waiting to be pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxOp {
    /// Its place in the outbox.
    pub seq: i64,
    /// Its id: the server applies each op id once.
    pub op_id: String,
    /// The server entity (`annotation`, `article`...).
    pub entity: String,
    /// The row's key.
    pub entity_id: String,
    /// The changed fields, a JSON array (`["*"]` for a new row).
    pub changed: String,
    /// The server version of the row the change was made on (0: never pulled).
    pub base_version: i64,
}

impl Store {
    /// The file's link to a team project, if it is joined to one.
    pub fn sync_link(&self) -> Result<Option<SyncLink>> {
        get_link_raw(&self.conn)
    }

    /// How many local changes wait to be pushed.
    pub fn pending_op_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))?)
    }

    /// How many pulled rows wait for a row they refer to.
    pub fn parked_row_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sync_parked", [], |r| r.get(0))?)
    }
}

pub(crate) fn get_link_raw(conn: &Connection) -> Result<Option<SyncLink>> {
    Ok(conn
        .query_row(
            "SELECT server, project_id, project_name, analyst_id, device_id, cursor, joined_at,
                    synced_at
             FROM sync_link",
            [],
            |r| {
                Ok(SyncLink {
                    server: r.get(0)?,
                    project_id: r.get(1)?,
                    project_name: r.get(2)?,
                    analyst_id: r.get(3)?,
                    device_id: r.get(4)?,
                    cursor: r.get(5)?,
                    joined_at: r.get(6)?,
                    synced_at: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Link the file to a project. From this transaction on, the triggers record every change.
pub(crate) fn insert_link_raw(tx: &Transaction<'_>, link: &SyncLink) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_link (singleton, server, project_id, project_name, analyst_id, device_id,
                                cursor, joined_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, 0, ?6)",
        params![
            link.server,
            link.project_id,
            link.project_name,
            link.analyst_id,
            link.device_id,
            link.joined_at
        ],
    )?;
    Ok(())
}

/// Put every row the file already has in the outbox, parents first, as new rows: what a first
/// push sends. Op ids are made here, one per row.
pub(crate) fn enqueue_everything_raw(tx: &Transaction<'_>) -> Result<u64> {
    let mut count = 0;
    let mut insert = tx.prepare_cached(
        "INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
         VALUES (?1, ?2, ?3, '[\"*\"]', 0)",
    )?;
    for t in SYNCED_TABLES.iter().filter(|t| t.pushed) {
        let order = match t.table {
            "history" => "seq",
            "article_sources" => "article_id",
            _ => "rowid",
        };
        let mut keys = tx.prepare(&format!(
            "SELECT \"{}\" FROM {} ORDER BY {order}",
            t.key, t.table
        ))?;
        let ids = keys
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids {
            insert.execute(params![uuid::Uuid::now_v7().to_string(), t.entity, id])?;
            count += 1;
        }
    }
    Ok(count)
}

/// The oldest `limit` ops after outbox position `after`, marked as being sent.
pub(crate) fn take_batch_raw(
    tx: &Transaction<'_>,
    after: i64,
    limit: usize,
) -> Result<Vec<OutboxOp>> {
    let mut stmt = tx.prepare_cached(
        "SELECT seq, op_id, entity, entity_id, changed, base_version FROM sync_outbox
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let ops = stmt
        .query_map(params![after, limit as i64], |r| {
            Ok(OutboxOp {
                seq: r.get(0)?,
                op_id: r.get(1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                changed: r.get(4)?,
                base_version: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if let Some(last) = ops.last() {
        tx.prepare_cached(
            "UPDATE sync_outbox SET sending = 1 WHERE seq > ?1 AND seq <= ?2 AND sending = 0",
        )?
        .execute([after, last.seq])?;
    }
    Ok(ops)
}

/// Forget ops the server acknowledged (applied now, or before).
pub(crate) fn acknowledge_raw(tx: &Transaction<'_>, op_ids: &[String]) -> Result<()> {
    let mut delete = tx.prepare_cached("DELETE FROM sync_outbox WHERE op_id = ?1")?;
    for id in op_ids {
        delete.execute([id])?;
    }
    Ok(())
}

/// Whether a local change to this row waits to be pushed (a pull must not overwrite it).
pub(crate) fn has_pending_raw(conn: &Connection, entity: &str, id: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE entity = ?1 AND entity_id = ?2)",
    )?;
    Ok(stmt.query_row([entity, id], |r| r.get(0))?)
}

/// Whether any local op waits to be pushed.
pub(crate) fn any_pending_raw(conn: &Connection) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_outbox)")?;
    Ok(stmt.query_row([], |r| r.get(0))?)
}

/// Whether any pulled row waits to be stored (its parent not there yet).
pub(crate) fn any_parked_raw(conn: &Connection) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_parked)")?;
    Ok(stmt.query_row([], |r| r.get(0))?)
}

/// Record the server version of a row as pulled.
pub(crate) fn set_row_version_raw(
    tx: &Transaction<'_>,
    entity: &str,
    id: &str,
    version: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_rows (entity, entity_id, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version",
    )?
    .execute(params![entity, id, version])?;
    Ok(())
}

/// Move the pull cursor forward to `cursor` (never back).
pub(crate) fn set_cursor_raw(tx: &Transaction<'_>, cursor: i64) -> Result<()> {
    tx.execute("UPDATE sync_link SET cursor = max(cursor, ?1)", [cursor])?;
    Ok(())
}

/// Note that a whole sync round ended now.
pub(crate) fn mark_synced_raw(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "UPDATE sync_link SET synced_at = ?1",
        [timestamp_text(&now())],
    )?;
    Ok(())
}

/// While set, changes are the server's and the triggers record nothing.
pub(crate) fn set_applying_raw(tx: &Transaction<'_>, applying: bool) -> Result<()> {
    tx.execute("UPDATE sync_link SET applying = ?1", [i64::from(applying)])?;
    Ok(())
}

/// A pulled row that could not be stored yet, and why.
pub(crate) fn park_raw(
    tx: &Transaction<'_>,
    entity: &str,
    id: &str,
    fields: &str,
    version: i64,
    reason: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_parked (entity, entity_id, fields, row_version, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entity, entity_id) DO UPDATE SET fields = excluded.fields,
             row_version = excluded.row_version, reason = excluded.reason",
    )?
    .execute(params![entity, id, fields, version, reason])?;
    Ok(())
}

/// Every parked row: (entity, id, fields, version).
pub(crate) fn parked_raw(conn: &Connection) -> Result<Vec<(String, String, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity, entity_id, fields, row_version FROM sync_parked ORDER BY row_version",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A parked row that is now stored (or superseded).
pub(crate) fn unpark_raw(tx: &Transaction<'_>, entity: &str, id: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_parked WHERE entity = ?1 AND entity_id = ?2")?
        .execute([entity, id])?;
    Ok(())
}

impl Store {
    /// How many rows the file has a server version for (pulled, or pushed and pulled back).
    pub fn synced_row_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sync_rows", [], |r| r.get(0))?)
    }
}
