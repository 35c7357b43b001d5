//! Write transactions: `BEGIN IMMEDIATE`, the caller's work, `COMMIT`, each waiting with a
//! growing, jittered pause while another connection holds the file's lock, until a deadline.

use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::Result;

/// One transaction: `BEGIN IMMEDIATE` (waiting while the file is busy), `f`, `COMMIT` (waiting
/// likewise: after `SQLITE_BUSY` at `COMMIT` the transaction is still open and may commit later).
pub(super) fn write_until<T>(
    conn: &Connection,
    deadline: Instant,
    f: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let tx = begin_immediate(conn, deadline)?;
    let value = f(&tx)?;
    commit_patiently(tx, deadline)?;
    Ok(value)
}

/// `BEGIN IMMEDIATE`, tried again with a growing pause while the file is busy.
pub(crate) fn begin_immediate(conn: &Connection, deadline: Instant) -> Result<Transaction<'_>> {
    let mut pause = Backoff::default();
    loop {
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Ok(tx) => return Ok(tx),
            Err(e) if is_busy(&e) && Instant::now() < deadline => pause.sleep(),
            Err(e) => return Err(e.into()),
        }
    }
}

/// `COMMIT`, tried again while the file is busy; when it gives up, dropping `tx` rolls back.
pub(crate) fn commit_patiently(tx: Transaction<'_>, deadline: Instant) -> Result<()> {
    let mut pause = Backoff::default();
    loop {
        match tx.execute_batch("COMMIT") {
            // The transaction is over; dropping `tx` finds nothing to roll back.
            Ok(()) => return Ok(()),
            Err(e) if is_busy(&e) && Instant::now() < deadline => pause.sleep(),
            Err(e) => return Err(e.into()),
        }
    }
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Pauses between attempts: 2 ms doubling up to 200 ms, with jitter so that two processes that
/// collided once do not collide again in step.
#[derive(Default)]
pub(super) struct Backoff {
    attempts: u32,
}

impl Backoff {
    pub(super) fn sleep(&mut self) {
        let base = 2u64 << self.attempts.min(7);
        self.attempts += 1;
        let jitter = u64::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0),
        ) % (base / 2 + 1);
        std::thread::sleep(Duration::from_millis(base.min(200) + jitter));
    }
}
