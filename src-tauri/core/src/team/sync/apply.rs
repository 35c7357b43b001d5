//! Storing what a pull brought, one batch in one transaction with the new cursor: the cursor
//! never passes a row that is not stored (applied, or parked until its parent arrives). Rows
//! with local changes still waiting to be pushed are passed over: the server sends them again
//! after the push, merged.

use rusqlite::Transaction;

use crate::db::queries::sync_state;
use crate::db::queries::synced_rows::{
    index_stored_annotation, store_row_tags, synced_table, upsert_row, SyncedTable,
};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::team::sync::remote::PulledRow;

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Applied {
    pub stored: u64,
    pub passed_over: u64,
    pub parked: u64,
}

/// Store a pulled batch and move the cursor to `next_cursor`, in one transaction.
pub(crate) fn apply_batch(
    store: &mut Store,
    rows: &[PulledRow],
    next_cursor: i64,
) -> Result<Applied> {
    store.write(|tx| {
        sync_state::set_applying_raw(tx, true)?;
        let mut applied = Applied::default();
        // Nothing is pushed or parked while a batch is stored, so a file with no pending op
        // and nothing parked (a first sync) skips both look-ups for every row.
        let any_pending = sync_state::any_pending_raw(tx)?;
        let mut any_parked = sync_state::any_parked_raw(tx)?;
        // Search entries are written last, together: SQLite gives each statement that writes
        // a table a savepoint, and at every savepoint the full-text index writes out what it
        // holds, so entries written between rows made one index segment per annotation.
        let mut stored_annotations = Vec::new();
        for row in rows {
            let Some(table) = synced_table(&row.entity) else {
                // An entity a newer Claimdesk syncs: kept aside, never lost.
                let fields = serde_json::to_string(&row.fields).unwrap_or_default();
                sync_state::park_raw(
                    tx,
                    &row.entity,
                    &row.id,
                    &fields,
                    row.version,
                    "unknown entity",
                )?;
                applied.parked += 1;
                any_parked = true;
                continue;
            };
            if any_pending && sync_state::has_pending_raw(tx, &row.entity, &row.id)? {
                applied.passed_over += 1;
                continue;
            }
            if let Some(fields) = &row.fields {
                if let Err(reason) = try_apply(tx, table, &row.id, fields)? {
                    let text = serde_json::to_string(fields).unwrap_or_default();
                    sync_state::park_raw(tx, &row.entity, &row.id, &text, row.version, &reason)?;
                    applied.parked += 1;
                    any_parked = true;
                    continue;
                }
                if any_parked {
                    sync_state::unpark_raw(tx, &row.entity, &row.id)?;
                }
                if table.entity == "annotation" {
                    stored_annotations.push(row.id.as_str());
                }
            }
            sync_state::set_row_version_raw(tx, &row.entity, &row.id, row.version)?;
            applied.stored += 1;
        }
        if any_parked {
            applied.parked -= retry_parked(tx)?.min(applied.parked);
        }
        for id in stored_annotations {
            index_stored_annotation(tx, id)?;
        }
        sync_state::set_cursor_raw(tx, next_cursor)?;
        sync_state::set_applying_raw(tx, false)?;
        Ok(applied)
    })
}

/// Apply one row, all but its search entry: `Ok(Err(reason))` when a constraint refuses it (a
/// parent not there yet, a label name another label took), which leaves the transaction as it
/// was. The row is one statement, which SQLite undoes alone when it fails; its tags are
/// written only once the row is in. (A savepoint per row made SQLite copy every page it
/// touched to its statement journal: most of the time of storing a pull.)
fn try_apply(
    tx: &Transaction<'_>,
    table: &SyncedTable,
    id: &str,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Result<std::result::Result<(), String>> {
    match upsert_row(tx, table, id, fields) {
        Ok(()) => {}
        Err(Error::Sqlite(err))
            if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            return Ok(Err(err.to_string()));
        }
        Err(other) => return Err(other),
    }
    store_row_tags(tx, table, id, fields)?;
    Ok(Ok(()))
}

/// Try every parked row again until a round stores none; how many were stored.
fn retry_parked(tx: &Transaction<'_>) -> Result<u64> {
    let mut stored = 0;
    loop {
        let mut progressed = false;
        for (entity, id, text, version) in sync_state::parked_raw(tx)? {
            let Some(table) = synced_table(&entity) else {
                continue;
            };
            if sync_state::has_pending_raw(tx, &entity, &id)? {
                continue;
            }
            let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(&text) else {
                continue;
            };
            if try_apply(tx, table, &id, &fields)?.is_ok() {
                if table.entity == "annotation" {
                    index_stored_annotation(tx, &id)?;
                }
                sync_state::unpark_raw(tx, &entity, &id)?;
                sync_state::set_row_version_raw(tx, &entity, &id, version)?;
                stored += 1;
                progressed = true;
            }
        }
        if !progressed {
            return Ok(stored);
        }
    }
}
