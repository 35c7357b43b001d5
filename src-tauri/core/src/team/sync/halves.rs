//! The two halves of a round, each a pipeline of two stages on two threads: while the server
//! applies one pushed batch, the next is read from the file; while one pulled page is stored
//! in the file, the server prepares the next. The file is only ever touched from the round's
//! own thread, the connection to the server only from the helper thread, one call at a time
//! and in order, so the server sees exactly the calls an unpipelined round would make.

use std::ops::ControlFlow;
use std::thread;

use crate::db::queries::sync_state;
use crate::db::queries::synced_rows::{read_fields, synced_table};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::job::Progress;

use super::remote::{PushOp, PushResult, TeamRemote};
use super::{apply, parse_uuid, BatchSizes, Ends, SyncPhase, SyncProgress, SyncReport};

/// Ops read from the outbox for one push.
struct PushBatch {
    ops: Vec<PushOp>,
    /// Ops whose row no longer exists here: nothing to send, acknowledged with the next batch.
    vanished: Vec<String>,
    /// The outbox position of the last op taken; the next batch starts after it.
    last_seq: i64,
}

/// Push everything waiting. `Break` when the round was cancelled.
pub(super) fn push_all(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    ends: Ends,
    progress: &mut dyn Progress<SyncProgress>,
    report: &mut SyncReport,
) -> Result<ControlFlow<()>> {
    let total = u64::try_from(store.pending_op_count()?).unwrap_or(0);
    let mut done = 0;
    // Ops the server acknowledged are forgotten in the transaction that takes a later batch:
    // one durable commit per batch. An acknowledgement lost in a crash only sends those ops
    // again, which the server then reports as applied before.
    let mut acknowledged = Vec::new();
    let mut batch = next_push_batch(store, ends.sizes, &[], 0)?;
    loop {
        if batch.ops.is_empty() && batch.vanished.is_empty() {
            forget(store, &acknowledged)?;
            return Ok(ControlFlow::Continue(()));
        }
        let (results, next) = thread::scope(|scope| {
            let sending = scope.spawn(|| send(remote, ends, &batch.ops));
            let next = next_push_batch(store, ends.sizes, &acknowledged, batch.last_seq);
            (joined(sending), next)
        });
        let results = results?;
        acknowledged = batch.vanished;
        for result in &results {
            acknowledged.push(result.op_id.to_string());
            if result.applied {
                report.pushed += 1;
            } else {
                report.already_applied += 1;
            }
            report.conflicts += u64::from(result.conflict);
        }
        done += acknowledged.len() as u64;
        let step = SyncProgress {
            phase: SyncPhase::Push,
            done,
            total: total.max(done),
        };
        if progress.report(&step).is_break() {
            forget(store, &acknowledged)?;
            report.cancelled = true;
            return Ok(ControlFlow::Break(()));
        }
        batch = next?;
    }
}

/// Forget acknowledged ops in a transaction of their own; none, no transaction (a round with
/// nothing to push takes no write lock here).
fn forget(store: &mut Store, acknowledged: &[String]) -> Result<()> {
    if acknowledged.is_empty() {
        return Ok(());
    }
    store.write(|tx| sync_state::acknowledge_raw(tx, acknowledged))
}

fn send(remote: &mut dyn TeamRemote, ends: Ends, ops: &[PushOp]) -> Result<Vec<PushResult>> {
    if ops.is_empty() {
        return Ok(Vec::new());
    }
    remote.push(ends.project, ends.device, ops)
}

/// Forget the `acknowledged` ops, then take the next ops after outbox position `after`, with
/// their rows' fields as they are now.
fn next_push_batch(
    store: &mut Store,
    sizes: BatchSizes,
    acknowledged: &[String],
    after: i64,
) -> Result<PushBatch> {
    let queued = store.write(|tx| {
        sync_state::acknowledge_raw(tx, acknowledged)?;
        sync_state::take_batch_raw(tx, after, sizes.push_ops)
    })?;
    let mut batch = PushBatch {
        ops: Vec::with_capacity(queued.len()),
        vanished: Vec::new(),
        last_seq: after,
    };
    let mut bytes = 0;
    for op in queued {
        batch.last_seq = op.seq;
        let table = synced_table(&op.entity).ok_or_else(|| {
            Error::invalid(format!("the outbox names an unknown entity {}", op.entity))
        })?;
        let Some(fields) = read_fields(&store.conn, table, &op.entity_id)? else {
            batch.vanished.push(op.op_id);
            continue;
        };
        bytes += fields
            .values()
            .map(|v| v.as_str().map_or(8, str::len))
            .sum::<usize>();
        batch.ops.push(PushOp {
            op_id: parse_uuid(&op.op_id)?,
            entity: op.entity,
            id: op.entity_id,
            base: op.base_version,
            changed: serde_json::from_str(&op.changed).unwrap_or(serde_json::json!(["*"])),
            fields,
        });
        if bytes >= sizes.push_bytes {
            break;
        }
    }
    Ok(batch)
}

/// Pull everything new, storing each page with the cursor it brings.
pub(super) fn pull_all(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    ends: Ends,
    progress: &mut dyn Progress<SyncProgress>,
    report: &mut SyncReport,
) -> Result<()> {
    let start = cursor(store)?;
    let total = u64::try_from(remote.remaining(ends.project, start)?).unwrap_or(0);
    let limit = ends.sizes.pull_rows;
    let mut before = start;
    let mut page = remote.pull(ends.project, ends.device, start, limit)?;
    loop {
        if page.next_cursor <= before {
            let applied = apply::apply_batch(store, &page.rows, page.next_cursor)?;
            report.pulled += applied.stored;
            return Ok(());
        }
        let after = page.next_cursor;
        let (next, applied) = thread::scope(|scope| {
            let asking = scope.spawn(|| remote.pull(ends.project, ends.device, after, limit));
            let applied = apply::apply_batch(store, &page.rows, after);
            (joined(asking), applied)
        });
        report.pulled += applied?.stored;
        let done = u64::try_from(after - start).unwrap_or(0);
        let step = SyncProgress {
            phase: SyncPhase::Pull,
            done,
            total: total.max(done),
        };
        if progress.report(&step).is_break() {
            report.cancelled = true;
            return Ok(());
        }
        before = after;
        page = next?;
    }
}

/// What the helper thread returned; its panic, if it panicked, goes on in this thread.
fn joined<T>(handle: thread::ScopedJoinHandle<'_, Result<T>>) -> Result<T> {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn cursor(store: &Store) -> Result<i64> {
    Ok(store.sync_link()?.map_or(0, |link| link.cursor))
}
