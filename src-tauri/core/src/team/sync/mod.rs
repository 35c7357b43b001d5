//! Syncing this file with a project on the team's PostgreSQL server. Every local change is
//! already in the outbox (written by triggers in the change's own transaction); a round pushes
//! the outbox in batches, each op applied once by the server (`cd.push`), then pulls what
//! changed since the cursor (`cd.pull`), each batch stored with the new cursor in one
//! transaction. An op leaves the outbox only after the server acknowledged it, so a round cut
//! anywhere (server down, connection lost, window closed, cancelled) loses nothing and repeats
//! nothing: the next round sends the same op ids again and the server skips those it has.
//!
//! The engine talks to the server through [`TeamRemote`], so that it is tested against the real
//! server and could be against another; it runs on a job's own thread with its own connection
//! to the file, never holding the window's.

mod apply;
pub mod for_file;
mod halves;
pub mod remote;

use serde::Serialize;
use uuid::Uuid;

use crate::db::queries::sync_state::{self, SyncLink};
use crate::db::Store;
use crate::error::{Error, Result, ServerProblem};
use crate::job::{JobReport, Progress};
use crate::model::ids::{now, timestamp_text, AnnotatorId};
use remote::TeamRemote;

/// How much one push and one pull carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSizes {
    /// Ops sent in one push (one server transaction).
    pub push_ops: usize,
    /// Bytes of fields in one push, about (articles can be large).
    pub push_bytes: usize,
    /// Rows asked for in one pull (one local transaction).
    pub pull_rows: i64,
}

impl Default for BatchSizes {
    fn default() -> Self {
        // Each batch is one durable commit here and one transaction on the server: a first
        // sync of 100,000 annotations is about a hundred of each.
        BatchSizes {
            push_ops: 2_000,
            push_bytes: 8 << 20,
            pull_rows: 2_000,
        }
    }
}

/// Which half of a round is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// Sending local changes.
    Push,
    /// Receiving the team's changes.
    Pull,
    /// The round is over.
    Done,
}

/// Progress of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct SyncProgress {
    /// The half running.
    pub phase: SyncPhase,
    /// Ops sent or rows received so far in this half.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub done: u64,
    /// How many there are in all in this half (as known when it started).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub total: u64,
}

impl JobReport for SyncProgress {
    fn is_final(&self) -> bool {
        self.phase == SyncPhase::Done
    }
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct SyncReport {
    /// Ops the server applied now.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub pushed: u64,
    /// Ops it had applied before (a retry after a lost acknowledgement).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub already_applied: u64,
    /// Ops of ours that made a conflict.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub conflicts: u64,
    /// Rows received and stored.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub pulled: u64,
    /// Rows received but waiting for a row they refer to.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub parked: u64,
    /// Local changes still waiting (after a cancel, or made during the round).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub pending: u64,
    /// The round was cancelled; the next one goes on from where it stopped.
    pub cancelled: bool,
}

/// What joining did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct JoinReport {
    /// The link now in the file.
    pub link: SyncLink,
    /// Rows queued for the first push (everything the file had).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub queued: u64,
}

/// Join this file to the project named `project` as `analyst`, and queue everything it holds
/// for the first push. A file joins one project, once.
pub fn join(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    server_shown: &str,
    project: &str,
    analyst: &AnnotatorId,
) -> Result<JoinReport> {
    if let Some(link) = store.sync_link()? {
        return Err(Error::invalid(format!(
            "this file is already joined to the project \"{}\" on {}",
            link.project_name, link.server
        )));
    }
    remote.server_info()?;
    let name = store.get_annotator(analyst)?.name;
    let joined = remote.join_project(project, analyst.as_str(), &name)?;
    let link = SyncLink {
        server: server_shown.to_owned(),
        project_id: joined.project_id.to_string(),
        project_name: project.to_owned(),
        analyst_id: joined.annotator_id,
        device_id: Uuid::now_v7().to_string(),
        cursor: 0,
        joined_at: timestamp_text(&now()),
        synced_at: None,
    };
    let queued = store.write(|tx| {
        sync_state::insert_link_raw(tx, &link)?;
        sync_state::enqueue_everything_raw(tx)
    })?;
    Ok(JoinReport { link, queued })
}

/// One round: push everything waiting, then pull everything new.
pub fn sync_once(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    progress: &mut dyn Progress<SyncProgress>,
) -> Result<SyncReport> {
    sync_in_batches(store, remote, BatchSizes::default(), progress)
}

/// [`sync_once`] with batches of the given sizes.
pub fn sync_in_batches(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    sizes: BatchSizes,
    progress: &mut dyn Progress<SyncProgress>,
) -> Result<SyncReport> {
    let link = store.sync_link()?.ok_or_else(|| {
        Error::server(
            ServerProblem::NotSetUp,
            "this file is not joined to a team project: join one first",
        )
    })?;
    let project = parse_uuid(&link.project_id)?;
    let device = parse_uuid(&link.device_id)?;
    remote.server_info()?;
    let mut report = SyncReport::default();
    let ends = Ends {
        project,
        device,
        sizes,
    };
    with_round_settings(store, |store| {
        if halves::push_all(store, remote, ends, progress, &mut report)?.is_continue() {
            halves::pull_all(store, remote, ends, progress, &mut report)?;
        }
        Ok(())
    })?;
    if !report.cancelled {
        store.write(sync_state::mark_synced_raw)?;
    }
    report.pending = u64::try_from(store.pending_op_count()?).unwrap_or(0);
    report.parked = u64::try_from(store.parked_row_count()?).unwrap_or(0);
    let _ = progress.report(&SyncProgress {
        phase: SyncPhase::Done,
        done: report.pushed + report.pulled,
        total: report.pushed + report.pulled,
    });
    Ok(report)
}

/// Run `body` with two settings of the file's connection suited to a round's large
/// transactions, put back after it:
/// - temporary storage in memory: once a transaction's statement journal passes 64 KiB SQLite
///   moves it to a temporary file, to which every later row written copied the pages it
///   changed (most of the time of storing a pull); the journal of one statement is small;
/// - a page cache of 64 MiB rather than 2: a pulled annotation goes into nine indexes and the
///   search index, whose pages were read again for nearly every row of a large pull.
fn with_round_settings<T>(
    store: &mut Store,
    body: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    let previous: i64 = store
        .conn
        .query_row("PRAGMA temp_store", [], |r| r.get(0))?;
    let cache: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    store.conn.pragma_update(None, "temp_store", "MEMORY")?;
    store.conn.pragma_update(None, "cache_size", -65_536)?;
    let result = body(store);
    let restored = store
        .conn
        .pragma_update(None, "temp_store", previous)
        .and_then(|()| store.conn.pragma_update(None, "cache_size", cache));
    let value = result?;
    restored?;
    Ok(value)
}

/// The project and device a round syncs, and its batch sizes.
#[derive(Clone, Copy)]
struct Ends {
    project: Uuid,
    device: Uuid,
    sizes: BatchSizes,
}

fn parse_uuid(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| Error::invalid(format!("{text} is not a valid id")))
}
