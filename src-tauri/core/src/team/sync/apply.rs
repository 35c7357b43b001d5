//! Storing what a pull brought, one batch in one transaction with the new cursor: the cursor
//! never passes a row that is not stored (applied, or parked until its parent arrives). Rows
//! with local changes still waiting to be pushed are passed over: the server sends them again
//! after the push, merged.

use rusqlite::Transaction;

use crate::db::queries::sync_state;
use crate::db::queries::synced_rows::{apply_fields, synced_table, SyncedTable};
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
                continue;
            };
            if sync_state::has_pending_raw(tx, &row.entity, &row.id)? {
                applied.passed_over += 1;
                continue;
            }
            if let Some(fields) = &row.fields {
                if let Err(reason) = try_apply(tx, table, &row.id, fields)? {
                    let text = serde_json::to_string(fields).unwrap_or_default();
                    sync_state::park_raw(tx, &row.entity, &row.id, &text, row.version, &reason)?;
                    applied.parked += 1;
                    continue;
                }
                sync_state::unpark_raw(tx, &row.entity, &row.id)?;
            }
            sync_state::set_row_version_raw(tx, &row.entity, &row.id, row.version)?;
            applied.stored += 1;
        }
        applied.parked -= retry_parked(tx)?.min(applied.parked);
        sync_state::set_cursor_raw(tx, next_cursor)?;
        sync_state::set_applying_raw(tx, false)?;
        Ok(applied)
    })
}

/// Apply one row inside a savepoint: `Ok(Err(reason))` when a constraint refuses it (a parent
/// not there yet, a label name another label took), which leaves the transaction as it was.
fn try_apply(
    tx: &Transaction<'_>,
    table: &SyncedTable,
    id: &str,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Result<std::result::Result<(), String>> {
    // One statement that fails is undone alone by SQLite; an annotation takes several (its
    // row, tags, search entry), so it gets a savepoint.
    let several = table.entity == "annotation";
    if several {
        tx.execute_batch("SAVEPOINT pulled_row")?;
    }
    let result = apply_fields(tx, table, id, fields);
    if several {
        tx.execute_batch(if result.is_ok() {
            "RELEASE pulled_row"
        } else {
            "ROLLBACK TO pulled_row; RELEASE pulled_row"
        })?;
    }
    match result {
        Ok(()) => Ok(Ok(())),
        Err(Error::Sqlite(err))
            if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            Ok(Err(err.to_string()))
        }
        Err(other) => Err(other),
    }
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
