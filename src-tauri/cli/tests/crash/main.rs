//! The crash suite. A child importing a 10,000-annotation batch, or tagging in a loop, is killed
//! with SIGKILL at a random moment; then the file must pass SQLite's `integrity_check` and
//! `claimdesk-cli check`, and hold all or none of each committed unit: a whole batch or no trace
//! of it, every acknowledged change exactly as acknowledged, history in step with the records,
//! the search index in step with both. The next child starts on the same file, from whatever the
//! kill left, so recovery from a hot journal or WAL runs again and again, and is itself killed.
//!
//! `CLAIMDESK_CRASH_ROUNDS` is the number of kills per child and journal (default 3; `make
//! test-crash` runs 100); `CLAIMDESK_CRASH_SEED` replays a run's choices (kill delays, which
//! child, what it tags). The moment a kill lands also depends on the machine's speed.
// SIGKILL, and telling a killed child from one that exited, are Unix's.
#![cfg(unix)]

mod batch;
mod checks;
mod kill;
mod tagging;
mod worker;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use checks::Journal;
use claimdesk_core::model::{ArticleMeta, PastedArticle};
use claimdesk_core::Store;
use kill::{End, Moment};

const DEFAULT_KILLS: u64 = 3;

/// A file holding this many whole batches is set aside for a new one, so that checks stay fast
/// and the disk is spared (one batch is about 18 MB).
const WHOLE_BATCHES_PER_FILE: usize = 3;

/// The longest a tagging child runs before it is killed; it makes a change every few ms.
const TAGGING_MAX_DELAY_MS: u64 = 1_500;

const WORKER_DB: &str = "CLAIMDESK_CRASH_WORKER_DB";
const WORKER_SEED: &str = "CLAIMDESK_CRASH_WORKER_SEED";

#[test]
fn local_file_in_wal_mode_survives_kills() {
    run_suite(Journal::Wal);
}

#[test]
fn shared_file_with_rollback_journal_survives_kills() {
    run_suite(Journal::Rollback);
}

/// Does nothing in a test run: it is the tagging child when the suite starts this binary as one.
#[test]
fn tagging_worker() {
    if let (Ok(db), Ok(seed)) = (std::env::var(WORKER_DB), std::env::var(WORKER_SEED)) {
        worker::run(Path::new(&db), seed.parse().expect("worker seed"));
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Import,
    Tagging,
}

#[derive(Default)]
struct Tally {
    import_kills: u32,
    tagging_kills: u32,
    /// Killed imports whose batch was found committed, and found absent.
    batches_whole: u32,
    batches_absent: u32,
    /// Imports that finished before the moment picked to kill them.
    finished_first: u32,
    /// Import kills after the header's page count moved: during the commit or the checkpoint.
    header_moved: u32,
    /// Kills that left the header counting pages the file does not have yet.
    header_ahead: u32,
    /// Kills that left a WAL with frames or a hot rollback journal.
    left_work: u32,
    /// Tagging kills before the first change: while opening, recovering, checking the file.
    while_opening: u32,
    /// Kills after which the next child started without a check in between.
    unchecked: u32,
    checks: u32,
    acked_annotations: u64,
    acked_changes: u64,
    unacked_commits: u64,
}

struct Suite {
    journal: Journal,
    seed: u64,
    rng: fastrand::Rng,
    dir: tempfile::TempDir,
    files: u32,
    db: PathBuf,
    batches: Vec<batch::Batch>,
    model: tagging::Model,
    /// How long after its start an import commits, as the last one showed.
    commit_after: Option<Duration>,
    round: u32,
    tally: Tally,
}

fn run_suite(journal: Journal) {
    let kills = env_number("CLAIMDESK_CRASH_ROUNDS").unwrap_or(DEFAULT_KILLS) as usize;
    let seed = env_number("CLAIMDESK_CRASH_SEED").unwrap_or_else(|| fastrand::u64(..));
    println!("crash suite ({journal:?}): seed {seed}; CLAIMDESK_CRASH_SEED={seed} replays it");
    let started = Instant::now();
    let mut suite = Suite::new(journal, seed);
    let mut kinds = vec![Kind::Import; kills];
    kinds.extend(vec![Kind::Tagging; kills]);
    suite.rng.shuffle(&mut kinds);
    let mut kinds = VecDeque::from(kinds);
    while let Some(kind) = kinds.pop_front() {
        if !suite.run_child(kind) {
            // An import that finished before its moment is no kill; another takes its turn.
            kinds.push_back(kind);
        }
        if !kinds.is_empty() && suite.rng.u8(0..4) == 0 {
            suite.tally.unchecked += 1;
        } else {
            suite.check();
        }
    }
    suite.close_file();
    suite.report(started.elapsed());
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value} is not a number")),
    )
}

impl Suite {
    fn new(journal: Journal, seed: u64) -> Suite {
        let mut suite = Suite {
            journal,
            seed,
            rng: fastrand::Rng::with_seed(seed ^ journal as u64),
            dir: tempfile::tempdir().expect("temporary folder"),
            files: 0,
            db: PathBuf::new(),
            batches: Vec::new(),
            model: tagging::Model::default(),
            commit_after: None,
            round: 0,
            tally: Tally::default(),
        };
        suite.new_file();
        suite
    }

    fn fail(&self, what: impl std::fmt::Display) -> ! {
        panic!(
            "crash suite ({:?}, seed {}, file {}, round {}): {what}",
            self.journal, self.seed, self.files, self.round
        );
    }

    /// A new database with the tagging article; a shared one is marked so through the CLI.
    fn new_file(&mut self) {
        self.files += 1;
        self.db = self.dir.path().join(format!("crash-{}.sqlite", self.files));
        if self.journal == Journal::Rollback {
            let shown = checks::cli(&self.db, &["share", "on"]).unwrap_or_else(|e| self.fail(e));
            assert!(shown.contains("journal: delete"), "{shown}");
        }
        let mut store = Store::open(&self.db).unwrap_or_else(|e| self.fail(e));
        let article = PastedArticle {
            text: worker::TAGGING_TEXT.into(),
            meta: ArticleMeta {
                title: worker::TAGGING_TITLE.into(),
                ..ArticleMeta::default()
            },
        };
        store
            .create_pasted_article(article)
            .unwrap_or_else(|e| self.fail(e));
    }

    /// Count what the file's children did, and delete it.
    fn close_file(&mut self) {
        for batch in self.batches.drain(..).filter(|b| b.killed) {
            if batch.seen_whole {
                self.tally.batches_whole += 1;
            } else {
                self.tally.batches_absent += 1;
            }
        }
        let model = std::mem::take(&mut self.model);
        self.tally.acked_annotations += model.annotations() as u64;
        self.tally.acked_changes += model.acked_changes;
        self.tally.unacked_commits += model.unacked_commits;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = self.db.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }

    /// Run one child and kill it; `false` when it finished first.
    fn run_child(&mut self, kind: Kind) -> bool {
        self.round += 1;
        let killed = match kind {
            Kind::Import => self.kill_import(),
            Kind::Tagging => self.kill_tagging(),
        };
        if self.journal.left_work(&self.db) {
            self.tally.left_work += 1;
        }
        if checks::header_ahead(&self.db) {
            self.tally.header_ahead += 1;
        }
        killed
    }

    fn kill_import(&mut self) -> bool {
        let name = format!("{}-{}", self.files, self.round);
        let (file, mut batch) = batch::write_file(self.dir.path(), &name);
        let log = self.dir.path().join(format!("import-{}.log", self.round));
        let moment = Moment::pick(&mut self.rng, self.commit_after);
        let child = batch::spawn_import(&self.db, &file, &log);
        let (end, header_moved) = kill::kill_import(child, &self.db, &moment);
        self.commit_after = header_moved.or(self.commit_after);
        if let End::Finished(status, took) = end {
            if !status.success() {
                self.fail(format!("the import failed ({status}): {}", read(&log)));
            }
            self.commit_after = header_moved.or(Some(took));
            self.tally.finished_first += 1;
            batch.killed = false;
        } else {
            self.tally.import_kills += 1;
            self.tally.header_moved += u32::from(header_moved.is_some());
        }
        let killed = batch.killed;
        self.batches.push(batch);
        killed
    }

    fn kill_tagging(&mut self) -> bool {
        let out = self.dir.path().join(format!("tagging-{}.out", self.round));
        let err = self.dir.path().join(format!("tagging-{}.err", self.round));
        let child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "tagging_worker",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WORKER_DB, &self.db)
            .env(WORKER_SEED, self.rng.u64(..).to_string())
            .stdout(std::fs::File::create(&out).expect("child output"))
            .stderr(std::fs::File::create(&err).expect("child errors"))
            .spawn()
            .expect("the tagging child starts");
        let delay = Duration::from_millis(self.rng.u64(0..TAGGING_MAX_DELAY_MS));
        if let End::Finished(status, _) = kill::kill_when(child, |elapsed| elapsed >= delay) {
            self.fail(format!(
                "the tagging child stopped ({status}): {}",
                read(&err)
            ));
        }
        let output = tagging::read_output(&out).unwrap_or_else(|e| self.fail(e));
        if !output.ready {
            self.tally.while_opening += 1;
        }
        self.model.absorb(output);
        self.tally.tagging_kills += 1;
        true
    }

    /// Everything the file must be after a kill; a file with enough whole batches is set aside.
    fn check(&mut self) {
        self.tally.checks += 1;
        // `check` opens the file read-only, and SQLite cannot roll a hot journal back on a
        // read-only connection: after a crash, a shared file must first be opened by a writer.
        let read_only_first = self.journal == Journal::Wal || !self.journal.left_work(&self.db);
        if read_only_first {
            checks::cli_check(&self.db).unwrap_or_else(|e| self.fail(e));
        }
        let store = Store::open(&self.db).unwrap_or_else(|e| self.fail(e));
        let conn = rusqlite::Connection::open(&self.db).unwrap_or_else(|e| self.fail(e));
        let found = checks::store_state(&store, self.journal)
            .and_then(|()| checks::integrity(&conn))
            .and_then(|()| checks::history(&conn))
            .and_then(|()| batch::verify(&conn, &mut self.batches))
            .and_then(|()| self.model.verify(&store, &conn));
        found.unwrap_or_else(|e| self.fail(e));
        drop((store, conn));
        if !read_only_first {
            checks::cli_check(&self.db).unwrap_or_else(|e| self.fail(e));
        }
        if self.batches.iter().filter(|b| b.seen_whole).count() >= WHOLE_BATCHES_PER_FILE {
            self.close_file();
            self.new_file();
        }
    }

    fn report(&self, took: Duration) {
        let t = &self.tally;
        println!(
            "crash suite: {} kills survived (seed {}): {} import, {} tagging, {} acknowledged \
             annotations all present",
            t.import_kills + t.tagging_kills,
            self.seed,
            t.import_kills,
            t.tagging_kills,
            t.acked_annotations
        );
        println!(
            "  {:?}, {:.1} s, {} files, {} checks: killed imports left {} batches absent and {} \
             whole ({} killed during a commit or checkpoint; {} more finished before their moment)",
            self.journal,
            took.as_secs_f64(),
            self.files,
            t.checks,
            t.batches_absent,
            t.batches_whole,
            t.header_moved,
            t.finished_first,
        );
        println!(
            "  {} tagging kills while opening; {} acknowledged changes, {} more committed but cut \
             short before their acknowledgement; {} kills left a journal to recover, {} the header \
             ahead of the file, {} the next child to start without a check",
            t.while_opening,
            t.acked_changes,
            t.unacked_commits,
            t.left_work,
            t.header_ahead,
            t.unchecked,
        );
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
