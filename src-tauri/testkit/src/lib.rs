//! A throw-away PostgreSQL cluster for the team-server tests: `initdb` into a temporary folder,
//! `pg_ctl start` on a free loopback port, stopped and removed on drop. The binaries come from
//! Debian's `postgresql` package (the highest `/usr/lib/postgresql/*/bin`, or
//! `CLAIMDESK_PG_BINDIR`); a machine without them fails the test with the command to run, never
//! skips it. `initdb` and `postgres` refuse to run as root, so as root the cluster runs as
//! `nobody` (through `runuser`), and its folder belongs to `nobody`.
//!
//! Faults for the sync tests: [`TestCluster::kill`] is `pg_ctl stop -m immediate` (the server
//! dies without a checkpoint, as on a crash or power cut), [`TestCluster::start`] brings it back
//! with crash recovery on the same port and data.

#![deny(missing_docs)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The superuser's password in every test cluster (loopback only, removed on drop).
pub const SUPERUSER_PASSWORD: &str = "claimdesk-test-superuser";

/// One PostgreSQL cluster of a test process.
pub struct TestCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// The loopback TCP port it listens on.
    pub port: u16,
    tls: bool,
}

static SHARED: std::sync::OnceLock<TestCluster> = std::sync::OnceLock::new();

extern "C" fn stop_shared_cluster() {
    if let Some(cluster) = SHARED.get() {
        cluster.stop_and_remove();
    }
}

impl TestCluster {
    /// One cluster for the whole test process, started on first use and stopped when the
    /// process exits (statics are never dropped, so an exit hook stops it). Tests share it by
    /// each working in a database of its own; a test that kills the server makes its own.
    pub fn shared() -> &'static TestCluster {
        SHARED.get_or_init(|| {
            let cluster = TestCluster::start_new();
            // SAFETY: registering a plain extern "C" function with no captured state.
            unsafe {
                libc::atexit(stop_shared_cluster);
            }
            cluster
        })
    }

    /// A database of its own on the shared cluster, named after `prefix` and a counter.
    pub fn shared_database(prefix: &str) -> (&'static TestCluster, String) {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let cluster = Self::shared();
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("{prefix}_{}_{n}", std::process::id());
        cluster.create_database(&name);
        (cluster, name)
    }

    /// A new cluster, started. Panics with what to install when PostgreSQL is missing.
    pub fn start_new() -> TestCluster {
        Self::create(false)
    }

    /// A new cluster that accepts TLS with `server.crt`/`server.key` written by `write_tls`
    /// into its folder before the first start (it refuses plain connections from analysts only
    /// if the caller also rewrites `pg_hba.conf`).
    pub fn start_new_with_tls(write_tls: impl FnOnce(&Path)) -> TestCluster {
        let cluster = Self::create_stopped(true);
        write_tls(&cluster.data_dir());
        cluster.own_everything();
        cluster.start();
        cluster
    }

    fn create(tls: bool) -> TestCluster {
        let cluster = Self::create_stopped(tls);
        cluster.start();
        cluster
    }

    fn create_stopped(tls: bool) -> TestCluster {
        let bin = postgres_bindir();
        let dir = tempfile::Builder::new()
            .prefix("claimdesk-pg-")
            .tempdir_in(std::env::temp_dir())
            .expect("a temporary folder for the test cluster");
        let cluster = TestCluster {
            dir,
            bin,
            port: free_port(),
            tls,
        };
        std::fs::write(cluster.dir.path().join("pw"), SUPERUSER_PASSWORD).expect("password file");
        cluster.own_everything();
        let data = cluster.data_dir();
        let pwfile = format!("--pwfile={}", cluster.dir.path().join("pw").display());
        cluster.run(
            "initdb",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "-A".as_ref(),
                "scram-sha-256".as_ref(),
                pwfile.as_ref(),
                "--no-sync".as_ref(),
                "-E".as_ref(),
                "UTF8".as_ref(),
                "--locale=C.UTF-8".as_ref(),
            ],
        );
        cluster
    }

    /// The cluster's data folder (where `postgresql.conf` and `pg_hba.conf` live).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Start the server (again): waits until it accepts connections.
    pub fn start(&self) {
        let mut options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        if self.tls {
            options.push_str(" -c ssl=on");
        }
        let data = self.data_dir();
        let log = self.dir.path().join("log");
        self.run(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-l".as_ref(),
                log.as_os_str(),
                "-w".as_ref(),
                "-s".as_ref(),
                "-o".as_ref(),
                options.as_ref(),
                "start".as_ref(),
            ],
        );
    }

    /// Stop the server at once, as a crash would (`pg_ctl stop -m immediate`): connections drop,
    /// nothing is checkpointed, committed work survives through the write-ahead log.
    pub fn kill(&self) {
        let data = self.data_dir();
        self.run(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-m".as_ref(),
                "immediate".as_ref(),
                "-w".as_ref(),
                "-s".as_ref(),
                "stop".as_ref(),
            ],
        );
    }

    /// A connection URL for the superuser on database `db`.
    pub fn superuser_url(&self, db: &str) -> String {
        format!(
            "postgresql://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// A URL for `user` with `password` on database `db`, without TLS.
    pub fn url(&self, user: &str, password: &str, db: &str) -> String {
        format!(
            "postgresql://{user}:{password}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// Run `psql` as the superuser on `db` with `sql`; its output, panicking on failure.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let psql = self.bin.join("psql");
        let output = Command::new(psql)
            .args(["-X", "-v", "ON_ERROR_STOP=1", "-Atq", "-h", "127.0.0.1"])
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                db,
                "-c",
                sql,
            ])
            .env("PGPASSWORD", SUPERUSER_PASSWORD)
            .output()
            .expect("psql runs");
        check("psql", &output);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// A fresh, empty database named `name`.
    pub fn create_database(&self, name: &str) {
        self.psql("postgres", &format!("CREATE DATABASE \"{name}\""));
    }

    /// Make every file in the cluster's folder the server user's (after the test wrote some).
    pub fn own_everything(&self) {
        if running_as_root() {
            chown_tree(self.dir.path());
        }
    }

    fn run(&self, program: &str, args: &[&std::ffi::OsStr]) {
        let path = self.bin.join(program);
        let mut command = if running_as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        };
        let output = command
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        if !output.status.success() {
            let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
            panic!(
                "{program} failed: {}\n{}\nserver log:\n{log}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        self.stop_and_remove();
    }
}

impl TestCluster {
    /// Stop the server if it runs (the folder goes with the `TempDir`, or here for the shared
    /// cluster, which is never dropped).
    fn stop_and_remove(&self) {
        let data = self.data_dir();
        // Already stopped (a test killed it and left it down) is fine here.
        let mut command = if running_as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(self.bin.join("pg_ctl"));
            c
        } else {
            Command::new(self.bin.join("pg_ctl"))
        };
        let _ = command
            .arg("-D")
            .arg(&data)
            .args(["-m", "immediate", "-w", "-s", "stop"])
            .output();
        let is_shared = std::ptr::eq(
            self,
            SHARED.get().map_or(std::ptr::null(), |c| c as *const _),
        );
        // CLAIMDESK_KEEP_CLUSTER keeps the shared cluster's folder (and its server log) for a look.
        if is_shared && std::env::var_os("CLAIMDESK_KEEP_CLUSTER").is_none() {
            let _ = std::fs::remove_dir_all(self.dir.path());
        }
    }
}

fn check(program: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{program} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Where `initdb` and `pg_ctl` are: `CLAIMDESK_PG_BINDIR`, else the highest
/// `/usr/lib/postgresql/<version>/bin` (Debian keeps them off the PATH).
pub fn postgres_bindir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMDESK_PG_BINDIR") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "PostgreSQL's server programs were not found: install Debian's package \
             (sudo apt-get install postgresql) or set CLAIMDESK_PG_BINDIR to the folder with initdb"
        )
    })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("its address").port()
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `chown -R nobody:nogroup`, so that the server (run as `nobody`) owns its folder.
fn chown_tree(path: &Path) {
    let status = Command::new("chown")
        .args(["-R", "nobody:nogroup"])
        .arg(path)
        .status()
        .expect("chown runs");
    assert!(
        status.success(),
        "chown of the test cluster's folder failed"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_starts_answers_survives_a_kill_and_starts_again() {
        let cluster = TestCluster::start_new();
        cluster.create_database("t");
        cluster.psql(
            "t",
            "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)",
        );
        cluster.kill();
        cluster.start();
        assert_eq!(cluster.psql("t", "SELECT n FROM kept"), "42");
    }
}
