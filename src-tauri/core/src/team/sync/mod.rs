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
pub mod remote;

use std::ops::ControlFlow;

use serde::Serialize;
use uuid::Uuid;

use crate::db::queries::sync_state::{self, SyncLink};
use crate::db::queries::synced_rows::{read_fields, synced_table};
use crate::db::Store;
use crate::error::{Error, Result, ServerProblem};
use crate::job::{JobReport, Progress};
use crate::model::ids::{now, timestamp_text, AnnotatorId};
use remote::{PushOp, TeamRemote};

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
        BatchSizes {
            push_ops: 500,
            push_bytes: 8 << 20,
            pull_rows: 1_000,
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
    if push_all(store, remote, ends, progress, &mut report)?.is_continue() {
        pull_all(store, remote, ends, progress, &mut report)?;
    }
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

/// The project and device a round syncs, and its batch sizes.
#[derive(Clone, Copy)]
struct Ends {
    project: Uuid,
    device: Uuid,
    sizes: BatchSizes,
}

fn push_all(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    ends: Ends,
    progress: &mut dyn Progress<SyncProgress>,
    report: &mut SyncReport,
) -> Result<ControlFlow<()>> {
    let total = u64::try_from(store.pending_op_count()?).unwrap_or(0);
    let mut done = 0;
    loop {
        let (ops, vanished) = next_push_batch(store, ends.sizes)?;
        if ops.is_empty() && vanished.is_empty() {
            return Ok(ControlFlow::Continue(()));
        }
        let results = if ops.is_empty() {
            Vec::new()
        } else {
            remote.push(ends.project, ends.device, &ops)?
        };
        let mut acknowledged = vanished;
        for result in &results {
            acknowledged.push(result.op_id.to_string());
            if result.applied {
                report.pushed += 1;
            } else {
                report.already_applied += 1;
            }
            report.conflicts += u64::from(result.conflict);
        }
        store.write(|tx| sync_state::acknowledge_raw(tx, &acknowledged))?;
        done += acknowledged.len() as u64;
        let step = SyncProgress {
            phase: SyncPhase::Push,
            done,
            total: total.max(done),
        };
        if progress.report(&step).is_break() {
            report.cancelled = true;
            return Ok(ControlFlow::Break(()));
        }
    }
}

/// The next ops to send with their rows' fields as they are now; and the ops whose row no
/// longer exists here (nothing to send: they are acknowledged at once).
fn next_push_batch(store: &mut Store, sizes: BatchSizes) -> Result<(Vec<PushOp>, Vec<String>)> {
    let queued = store.write(|tx| sync_state::take_batch_raw(tx, sizes.push_ops))?;
    let mut ops = Vec::with_capacity(queued.len());
    let mut vanished = Vec::new();
    let mut bytes = 0;
    for op in queued {
        let table = synced_table(&op.entity).ok_or_else(|| {
            Error::invalid(format!("the outbox names an unknown entity {}", op.entity))
        })?;
        let Some(fields) = read_fields(&store.conn, table, &op.entity_id)? else {
            vanished.push(op.op_id);
            continue;
        };
        bytes += fields
            .values()
            .map(|v| v.as_str().map_or(8, str::len))
            .sum::<usize>();
        ops.push(PushOp {
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
    Ok((ops, vanished))
}

fn pull_all(
    store: &mut Store,
    remote: &mut dyn TeamRemote,
    ends: Ends,
    progress: &mut dyn Progress<SyncProgress>,
    report: &mut SyncReport,
) -> Result<()> {
    let start = cursor(store)?;
    let total = u64::try_from(remote.remaining(ends.project, start)?).unwrap_or(0);
    loop {
        let before = cursor(store)?;
        let page = remote.pull(ends.project, ends.device, before, ends.sizes.pull_rows)?;
        let applied = apply::apply_batch(store, &page.rows, page.next_cursor)?;
        report.pulled += applied.stored;
        if page.next_cursor <= before {
            return Ok(());
        }
        let done = u64::try_from(page.next_cursor - start).unwrap_or(0);
        let step = SyncProgress {
            phase: SyncPhase::Pull,
            done,
            total: total.max(done),
        };
        if progress.report(&step).is_break() {
            report.cancelled = true;
            return Ok(());
        }
    }
}

fn cursor(store: &Store) -> Result<i64> {
    Ok(store.sync_link()?.map_or(0, |link| link.cursor))
}

fn parse_uuid(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| Error::invalid(format!("{text} is not a valid id")))
}
