//! The team server the sync bench runs against, and its analysts: a throw-away PostgreSQL
//! cluster with `team init` done, one login role and one local file per analyst, and a remote
//! that times the server's calls so that a round can be split into the server's push and pull
//! functions and the local work around them.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use claimdesk_core::model::ids::AnnotatorId;
use claimdesk_core::team::server::{admin, ServerAddress};
use claimdesk_core::team::sync::remote::{
    Joined, PgRemote, PullPage, PushOp, PushResult, ServerInfo, TeamRemote,
};
use claimdesk_core::team::sync::{self, SyncProgress, SyncReport};
use claimdesk_core::Store;
use claimdesk_testkit::TestCluster;
use serde_json::json;

/// The team's database on the cluster.
const DB: &str = "team";

/// The server's time in each call, and when the pull half of a round began.
#[derive(Debug, Default, Clone, Copy)]
pub struct Spent {
    pub push: Duration,
    pub pushes: u32,
    pub pull: Duration,
    pub pulls: u32,
    pub pull_started: Option<Instant>,
}

/// A [`PgRemote`] that times the calls it passes on.
pub struct TimedRemote {
    pub inner: PgRemote,
    pub spent: Spent,
}

impl TeamRemote for TimedRemote {
    fn server_info(&mut self) -> claimdesk_core::Result<ServerInfo> {
        self.inner.server_info()
    }

    fn join_project(
        &mut self,
        name: &str,
        id: &str,
        shown: &str,
    ) -> claimdesk_core::Result<Joined> {
        self.inner.join_project(name, id, shown)
    }

    fn push(
        &mut self,
        project: uuid::Uuid,
        device: uuid::Uuid,
        ops: &[PushOp],
    ) -> claimdesk_core::Result<Vec<PushResult>> {
        let started = Instant::now();
        let results = self.inner.push(project, device, ops);
        self.spent.push += started.elapsed();
        self.spent.pushes += 1;
        results
    }

    fn pull(
        &mut self,
        project: uuid::Uuid,
        device: uuid::Uuid,
        cursor: i64,
        limit: i64,
    ) -> claimdesk_core::Result<PullPage> {
        let started = Instant::now();
        let rows = self.inner.pull(project, device, cursor, limit);
        self.spent.pull += started.elapsed();
        self.spent.pulls += 1;
        rows
    }

    fn remaining(&mut self, project: uuid::Uuid, cursor: i64) -> claimdesk_core::Result<i64> {
        // The engine asks this first when its push half is over.
        self.spent.pull_started.get_or_insert_with(Instant::now);
        let started = Instant::now();
        let remaining = self.inner.remaining(project, cursor);
        self.spent.pull += started.elapsed();
        remaining
    }
}

/// The team's server: its own cluster, one database set up with `team init`.
pub struct Server {
    cluster: TestCluster,
}

impl Server {
    /// A new cluster with the team schema on database [`DB`].
    pub fn start() -> Server {
        let cluster = TestCluster::start_new();
        cluster.create_database(DB);
        let server = Server { cluster };
        admin::init(&mut server.admin()).expect("team init");
        server
    }

    /// A superuser connection, for the administrator's calls.
    pub fn admin(&self) -> postgres::Client {
        ServerAddress::parse(&self.cluster.superuser_url(DB))
            .and_then(|a| a.connect(None))
            .expect("the superuser connects")
    }

    /// A new project.
    pub fn add_project(&self, name: &str) {
        admin::add_project(&mut self.admin(), name).expect("add project");
    }

    /// A new analyst `name`, member of `project`, with an empty file of their own.
    pub fn member(&self, name: &str, project: &str) -> Member {
        let role = name.to_lowercase();
        let password = format!("{role}-bench-password");
        let mut admin_client = self.admin();
        admin::add_analyst(&mut admin_client, &role, name, &password, None).expect("analyst");
        admin::grant(&mut admin_client, project, &role).expect("grant");
        let address =
            ServerAddress::parse(&self.cluster.url(&role, &password, DB)).expect("address");
        let inner = PgRemote::connect(&address, None).expect("the analyst connects");
        let dir = tempfile::tempdir().expect("a folder for the file");
        let mut store = Store::open(&dir.path().join(format!("{role}.sqlite"))).expect("file");
        let id = store.ensure_annotator(name).expect("analyst").id;
        Member {
            _dir: dir,
            store,
            id,
            remote: TimedRemote {
                inner,
                spent: Spent::default(),
            },
            shown: address.as_shown().to_owned(),
        }
    }
}

/// One analyst: a local file and a connection to the server.
pub struct Member {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub id: AnnotatorId,
    pub remote: TimedRemote,
    pub shown: String,
}

/// One timed round, split at the start of its pull half.
pub struct Round {
    pub total: Duration,
    pub push_half: Duration,
    pub pull_half: Duration,
    pub spent: Spent,
    pub report: SyncReport,
}

impl Member {
    /// Join `project`; how many rows were queued and how long it took.
    pub fn join(&mut self, project: &str) -> (u64, Duration) {
        let started = Instant::now();
        let joined = sync::join(
            &mut self.store,
            &mut self.remote,
            &self.shown,
            project,
            &self.id,
        )
        .expect("join");
        (joined.queued, started.elapsed())
    }

    /// One sync round, timed.
    pub fn sync(&mut self) -> Round {
        self.remote.spent = Spent::default();
        let started = Instant::now();
        let mut go_on = |_: &SyncProgress| ControlFlow::Continue(());
        let report =
            sync::sync_once(&mut self.store, &mut self.remote, &mut go_on).expect("sync round");
        let total = started.elapsed();
        let spent = self.remote.spent;
        let push_half = spent
            .pull_started
            .map_or(total, |at| at.duration_since(started));
        Round {
            total,
            push_half,
            pull_half: total.saturating_sub(push_half),
            spent,
            report,
        }
    }
}

/// Seconds, for printing.
pub fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Where a round's time went: each half, the server's calls in it, and the local work left
/// (the local work done while the server works on a call overlaps it and is not counted).
pub fn describe(who: &str, r: &Round) {
    let (s, report) = (r.spent, r.report);
    println!("  {who}: {:.1} s", secs(r.total));
    println!(
        "    push half {:.1} s: {} ops ({} already applied, {} conflicts) in {} calls; \
         server cd.push {:.1} s, local besides (outbox, reading rows, acknowledging) {:.1} s",
        secs(r.push_half),
        report.pushed,
        report.already_applied,
        report.conflicts,
        s.pushes,
        secs(s.push),
        secs(r.push_half.saturating_sub(s.push)),
    );
    println!(
        "    pull half {:.1} s: {} rows stored in {} calls; \
         server cd.pull {:.1} s, local besides (storing) {:.1} s",
        secs(r.pull_half),
        report.pulled,
        s.pulls,
        secs(s.pull),
        secs(r.pull_half.saturating_sub(s.pull)),
    );
}

/// A round's breakdown, for the results' notes.
pub fn round_json(r: &Round) -> serde_json::Value {
    json!({
        "total_s": secs(r.total),
        "push_half_s": secs(r.push_half), "pull_half_s": secs(r.pull_half),
        "server_push_s": secs(r.spent.push), "push_calls": r.spent.pushes,
        "server_pull_s": secs(r.spent.pull), "pull_calls": r.spent.pulls,
        "pushed": r.report.pushed, "pulled": r.report.pulled, "conflicts": r.report.conflicts,
    })
}
