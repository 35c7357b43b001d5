//! Sync with a real PostgreSQL server: a throw-away cluster from the distribution's package,
//! one database per test, `team init` and analysts made through the admin API, each analyst a
//! local file of its own.

mod access;
mod basics;
mod faults;
mod stress;
mod tls;

use std::ops::ControlFlow;

use claimdesk_core::model::ids::AnnotatorId;
use claimdesk_core::team::server::{admin, ServerAddress};
use claimdesk_core::team::sync::remote::PgRemote;
use claimdesk_core::team::sync::{self, JoinReport, SyncProgress, SyncReport};
use claimdesk_core::Store;
use claimdesk_testkit::TestCluster;

/// The project every test team has.
pub const PROJECT: &str = "newsroom";

/// A team database on a cluster, set up with `team init` and one project.
pub struct Team<'c> {
    pub cluster: &'c TestCluster,
    pub db: String,
}

impl Team<'static> {
    /// A team on the process's shared cluster.
    pub fn new(prefix: &str) -> Team<'static> {
        let (cluster, db) = TestCluster::shared_database(prefix);
        Team::set_up(cluster, db)
    }
}

impl<'c> Team<'c> {
    /// A team on a cluster of the test's own (one it may kill).
    pub fn on(cluster: &'c TestCluster) -> Team<'c> {
        cluster.create_database("team");
        Team::set_up(cluster, "team".into())
    }

    fn set_up(cluster: &'c TestCluster, db: String) -> Team<'c> {
        let team = Team { cluster, db };
        let mut admin_client = team.admin();
        admin::init(&mut admin_client).unwrap();
        admin::add_project(&mut admin_client, PROJECT).unwrap();
        team
    }

    pub fn admin(&self) -> postgres::Client {
        ServerAddress::parse(&self.cluster.superuser_url(&self.db))
            .unwrap()
            .connect(None)
            .unwrap()
    }

    /// A role of its own per test database (roles are cluster-wide).
    pub fn role(&self, name: &str) -> String {
        format!("{name}_{}", self.db)
    }

    /// Add an analyst and make them a member of the project.
    pub fn add_member(&self, name: &str) -> String {
        let role = self.role(name);
        let mut admin_client = self.admin();
        admin::add_analyst(&mut admin_client, &role, name, &password(&role), None).unwrap();
        admin::grant(&mut admin_client, PROJECT, &role).unwrap();
        role
    }

    pub fn address(&self, role: &str) -> ServerAddress {
        ServerAddress::parse(&self.cluster.url(role, &password(role), &self.db)).unwrap()
    }

    pub fn remote(&self, role: &str) -> PgRemote {
        PgRemote::connect(&self.address(role), None).unwrap()
    }

    /// The superuser's answer to `sql`, one line per row.
    pub fn psql(&self, sql: &str) -> String {
        self.cluster.psql(&self.db, sql)
    }
}

pub fn password(role: &str) -> String {
    format!("{role}-password")
}

/// One analyst: a local file, their analyst id, their role on the server.
pub struct Analyst {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub id: AnnotatorId,
    pub role: String,
    pub remote: PgRemote,
}

impl Analyst {
    /// A new member of `team` with a file of their own (not joined yet).
    pub fn new(team: &Team, name: &str) -> Analyst {
        let role = team.add_member(name);
        Self::for_role(team, name, role)
    }

    pub fn for_role(team: &Team, name: &str, role: String) -> Analyst {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join(format!("{name}.sqlite"))).unwrap();
        let id = store.ensure_annotator(name).unwrap().id;
        let remote = team.remote(&role);
        Analyst {
            _dir: dir,
            store,
            id,
            role,
            remote,
        }
    }

    pub fn join(&mut self, team: &Team) -> JoinReport {
        let shown = team.address(&self.role).as_shown().to_owned();
        sync::join(&mut self.store, &mut self.remote, &shown, PROJECT, &self.id).unwrap()
    }

    pub fn sync(&mut self) -> SyncReport {
        self.try_sync().unwrap()
    }

    /// A new connection (after the server came back).
    pub fn reconnect(&mut self, team: &Team) {
        self.remote = team.remote(&self.role);
    }

    pub fn try_sync(&mut self) -> claimdesk_core::Result<SyncReport> {
        let mut go_on = |_: &SyncProgress| ControlFlow::Continue(());
        sync::sync_once(&mut self.store, &mut self.remote, &mut go_on)
    }

    pub fn try_sync_in(&mut self, sizes: sync::BatchSizes) -> claimdesk_core::Result<SyncReport> {
        let mut go_on = |_: &SyncProgress| ControlFlow::Continue(());
        sync::sync_in_batches(&mut self.store, &mut self.remote, sizes, &mut go_on)
    }
}
