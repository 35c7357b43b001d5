//! The server stops, crashes mid-push, or its answer is lost; a pull stops halfway. After
//! retries nothing is lost and nothing is applied twice. Each test has a cluster of its own.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use claimdesk_core::error::ServerProblem;
use claimdesk_core::team::sync::remote::{
    Joined, PgRemote, PullPage, PushOp, PushResult, ServerInfo, TeamRemote,
};
use claimdesk_core::team::sync::{self, BatchSizes, SyncProgress};
use claimdesk_core::{Error, Result};
use claimdesk_testkit::TestCluster;
use uuid::Uuid;

use super::{Analyst, Team};
use crate::support::{paste, span_of, CLAIM, MIXED_TEXT_CRLF};

fn small_batches() -> BatchSizes {
    BatchSizes {
        push_ops: 7,
        push_bytes: 1 << 20,
        pull_rows: 5,
    }
}

fn go_on(_: &SyncProgress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// An analyst with an article and `n` claims, joined, nothing pushed yet; the ops queued.
fn analyst_with_work(team: &Team, n: usize) -> (Analyst, i64) {
    let mut ana = Analyst::new(team, "Ana");
    let article = paste(&mut ana.store, MIXED_TEXT_CRLF);
    ana.join(team);
    for _ in 0..n {
        ana.store
            .create_annotation(&ana.id, span_of(&article, CLAIM, "274 000 dollars"))
            .unwrap();
    }
    let queued = ana.store.pending_op_count().unwrap();
    (ana, queued)
}

/// Every op applied once, at versions 1..=N without a gap, and the server's rows are the file's.
fn assert_applied_once(team: &Team, ops_from_clients: i64) {
    let summary = team.psql(
        "SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || min(version) || ' ' || max(version)
         FROM cd.applied_ops",
    );
    let joins: i64 = team
        .psql("SELECT count(*) FROM cd.applied_ops WHERE entity = 'annotator'")
        .parse()
        .unwrap();
    let n = ops_from_clients + joins;
    assert_eq!(
        summary,
        format!("{n} {n} 1 {n}"),
        "count, distinct, min, max of versions"
    );
}

#[test]
fn work_done_while_the_server_is_down_is_pushed_when_it_is_back() {
    let cluster = TestCluster::start_new();
    let team = Team::on(&cluster);
    let (mut ana, queued) = analyst_with_work(&team, 3);
    ana.sync();
    cluster.kill();
    let article = paste(&mut ana.store, "Hors ligne, le travail continue.");
    ana.store
        .create_annotation(&ana.id, span_of(&article, CLAIM, "le travail continue"))
        .unwrap();
    let waiting = ana.store.pending_op_count().unwrap();
    let err = ana.try_sync().unwrap_err();
    assert!(
        matches!(
            err,
            Error::TeamServer {
                problem: ServerProblem::Unreachable,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("kept"), "{err}");
    assert_eq!(ana.store.pending_op_count().unwrap(), waiting);

    cluster.start();
    ana.reconnect(&team);
    let report = ana.sync();
    assert_eq!(report.pushed as i64, waiting);
    assert_eq!(report.pending, 0);
    assert_applied_once(&team, queued + waiting);
}

#[test]
fn a_server_killed_inside_a_push_loses_nothing_and_repeats_nothing() {
    let cluster = TestCluster::start_new();
    let team = Team::on(&cluster);
    let (mut ana, queued) = analyst_with_work(&team, 20);
    // Hold the project's row so that the push waits inside its transaction, then kill the server.
    let mut admin = team.admin();
    let mut holder = admin.transaction().unwrap();
    holder
        .batch_execute("SELECT 1 FROM cd.project FOR UPDATE")
        .unwrap();
    let role = ana.role.clone();
    let pushing = std::thread::spawn(move || {
        let result = ana.try_sync_in(small_batches());
        (ana, result)
    });
    wait_until_waiting_on_lock(&team, &role);
    cluster.kill();
    drop(holder);
    let (mut ana, result) = pushing.join().unwrap();
    assert!(
        matches!(
            result,
            Err(Error::TeamServer {
                problem: ServerProblem::Unreachable,
                ..
            })
        ),
        "{result:?}"
    );
    assert_eq!(
        ana.store.pending_op_count().unwrap(),
        queued,
        "nothing acknowledged"
    );

    cluster.start();
    ana.reconnect(&team);
    let report = ana.try_sync_in(small_batches()).unwrap();
    assert_eq!(report.pushed as i64, queued);
    assert_applied_once(&team, queued);
}

fn wait_until_waiting_on_lock(team: &Team, role: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let waiting = team.psql(&format!(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = '{role}' AND wait_event_type = 'Lock'"
        ));
        if waiting == "1" {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the push never reached the server");
}

/// A real server whose first push answer is lost after the server committed it, as when the
/// connection is cut between the commit and the acknowledgement.
struct LosesFirstAnswer {
    inner: PgRemote,
    lost: bool,
}

impl TeamRemote for LosesFirstAnswer {
    fn server_info(&mut self) -> Result<ServerInfo> {
        self.inner.server_info()
    }
    fn join_project(&mut self, name: &str, id: &str, shown: &str) -> Result<Joined> {
        self.inner.join_project(name, id, shown)
    }
    fn push(&mut self, project: Uuid, device: Uuid, ops: &[PushOp]) -> Result<Vec<PushResult>> {
        let answer = self.inner.push(project, device, ops)?;
        if !self.lost {
            self.lost = true;
            return Err(Error::server(ServerProblem::Unreachable, "connection cut"));
        }
        Ok(answer)
    }
    fn pull(&mut self, p: Uuid, d: Uuid, cursor: i64, limit: i64) -> Result<PullPage> {
        self.inner.pull(p, d, cursor, limit)
    }
    fn remaining(&mut self, project: Uuid, cursor: i64) -> Result<i64> {
        self.inner.remaining(project, cursor)
    }
}

#[test]
fn a_push_whose_acknowledgement_is_lost_is_sent_again_and_applied_once() {
    let cluster = TestCluster::start_new();
    let team = Team::on(&cluster);
    let (mut ana, queued) = analyst_with_work(&team, 10);
    let mut cut = LosesFirstAnswer {
        inner: team.remote(&ana.role),
        lost: false,
    };
    let err = sync::sync_in_batches(&mut ana.store, &mut cut, small_batches(), &mut go_on);
    assert!(err.is_err());
    assert_eq!(
        ana.store.pending_op_count().unwrap(),
        queued,
        "kept until acknowledged"
    );

    let report =
        sync::sync_in_batches(&mut ana.store, &mut cut, small_batches(), &mut go_on).unwrap();
    assert_eq!(
        report.already_applied, 7,
        "the first batch had been applied"
    );
    assert_eq!(report.pushed as i64, queued - 7);
    assert_eq!(report.pending, 0);
    assert_applied_once(&team, queued);
}

/// A real server whose pulls stop answering after `answers` of them, as when the app is closed
/// or the network lost in the middle of a pull.
struct PullStops {
    inner: PgRemote,
    answers: usize,
}

impl TeamRemote for PullStops {
    fn server_info(&mut self) -> Result<ServerInfo> {
        self.inner.server_info()
    }
    fn join_project(&mut self, name: &str, id: &str, shown: &str) -> Result<Joined> {
        self.inner.join_project(name, id, shown)
    }
    fn push(&mut self, project: Uuid, device: Uuid, ops: &[PushOp]) -> Result<Vec<PushResult>> {
        self.inner.push(project, device, ops)
    }
    fn pull(&mut self, p: Uuid, d: Uuid, cursor: i64, limit: i64) -> Result<PullPage> {
        if self.answers == 0 {
            return Err(Error::server(ServerProblem::Unreachable, "connection cut"));
        }
        self.answers -= 1;
        self.inner.pull(p, d, cursor, limit)
    }
    fn remaining(&mut self, project: Uuid, cursor: i64) -> Result<i64> {
        self.inner.remaining(project, cursor)
    }
}

#[test]
fn a_pull_cut_halfway_keeps_its_cursor_at_what_it_stored_and_goes_on_later() {
    let cluster = TestCluster::start_new();
    let team = Team::on(&cluster);
    let (mut ana, _) = analyst_with_work(&team, 10);
    ana.sync();
    let mut ben = Analyst::new(&team, "Ben");
    ben.join(&team);
    let mut stops = PullStops {
        inner: team.remote(&ben.role),
        answers: 2,
    };
    assert!(
        sync::sync_in_batches(&mut ben.store, &mut stops, small_batches(), &mut go_on).is_err()
    );
    let cursor = ben.store.sync_link().unwrap().unwrap().cursor;
    assert!(cursor > 0, "two batches stored");
    let on_server: i64 = team
        .psql(&format!(
            "SELECT count(*) FROM cd.row WHERE row_version <= {cursor}"
        ))
        .parse()
        .unwrap();
    let stored: i64 = ben.store.synced_row_count().unwrap();
    assert_eq!(
        stored, on_server,
        "every row up to the cursor is stored, none past it"
    );

    ben.sync();
    let annotations = |a: &Analyst| {
        a.store
            .list_annotations(&a.store.list_articles().unwrap()[0].id)
            .unwrap()
            .len()
    };
    assert_eq!(annotations(&ben), 10);
}
